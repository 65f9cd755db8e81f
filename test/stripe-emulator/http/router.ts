import { Params } from './form-params';

export type RouteHandler<C, P = Params> = (ctx: C, params: P, path: Record<string, string>) => unknown;

interface Route<C, P> {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: RouteHandler<C, P>;
}

/** Method + `/v1/things/:id` patterns; the first match wins, so literal segments go before `:id`. */
export class Router<C, P = Params> {
  private readonly routes: Route<C, P>[] = [];

  add(method: string, path: string, handler: RouteHandler<C, P>): this {
    const names: string[] = [];
    const source = path.replace(/:([a-z_]+)/g, (_match, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    this.routes.push({ method, pattern: new RegExp(`^${source}/?$`), names, handler });
    return this;
  }

  match(
    method: string,
    path: string,
  ): { handler: RouteHandler<C, P>; path: Record<string, string> } | undefined {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const found = route.pattern.exec(path);
      if (!found) continue;
      const params = Object.fromEntries(
        route.names.map((name, i) => [name, decodeURIComponent(found[i + 1])]),
      );
      return { handler: route.handler, path: params };
    }
    return undefined;
  }
}

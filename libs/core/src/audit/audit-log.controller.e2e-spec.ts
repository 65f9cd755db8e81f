import { randomUUID } from 'node:crypto';
import {
  Body,
  Controller,
  Delete,
  HttpCode,
  Injectable,
  Module,
  OnModuleInit,
  Param,
  Patch,
  Post,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { IsOptional, IsString } from 'class-validator';
import { DataSource } from 'typeorm';
import { TestApp, startTestApp } from '../../../../test/kit/test-app';
import { AppError } from '../errors/app-error';
import { Public } from '../http/access.decorators';
import { Permission } from '../http/permissions';
import { RequestPrincipal, RequestWithPrincipal } from '../http/request-principal';
import { newId } from '../database/base.entity';
import { TransactionContext } from '../database/transaction-context';
import { AuditLog } from './audit-log.entity';
import { AUDIT_CSV_COLUMNS } from './audit-log.controller';
import { AuditModule } from './audit.module';
import { AuditService } from './audit.service';
import { REDACTED } from './redact';
import { SkipAudit } from './skip-audit.decorator';

/** Stand-in for the auth domain: the principal comes from test headers, set before any guard runs. */
@Injectable()
class TestPrincipalHook implements OnModuleInit {
  constructor(private readonly host: HttpAdapterHost) {}
  onModuleInit(): void {
    this.host.httpAdapter.getInstance<FastifyInstance>().addHook('onRequest', async (request) => {
      const kind = request.headers['x-test-kind'] as RequestPrincipal['kind'] | undefined;
      const id = request.headers['x-test-user'] as string | undefined;
      const orgId = request.headers['x-test-org'] as string | undefined;
      if (kind || id || orgId)
        (request as RequestWithPrincipal).principal = {
          kind: kind ?? 'user',
          id: id ?? 'user-1',
          orgId,
          permissions: [Permission.AuditRead],
        };
    });
  }
}

class WidgetDto {
  @IsString()
  name: string;

  @IsOptional()
  @IsString()
  password?: string;
}

/** A test-only resource whose mutations go through the real interceptor. */
@Controller('test-audit/widgets')
class WidgetsController {
  constructor(
    private readonly audit: AuditService,
    private readonly tx: TransactionContext,
  ) {}

  @Post()
  create(@Body() body: WidgetDto) {
    return { id: randomUUID(), name: body.name };
  }

  @Patch(':id')
  update(@Param('id') id: string, @Body() body: WidgetDto) {
    return { id, name: body.name };
  }

  @Delete(':id')
  @HttpCode(204)
  remove() {}

  /** Open to anonymous callers, like sign-up. */
  @Post('public')
  @Public()
  createAnonymously(@Body() body: WidgetDto) {
    return { id: randomUUID(), name: body.name };
  }

  @Post('login')
  @SkipAudit()
  login() {
    return { ok: true };
  }

  @Post('failing')
  fail() {
    throw new AppError(422, 'widget_invalid', 'This widget cannot be created.');
  }

  /** A service recording its own domain event inside its transaction, with no request passed in. */
  @Post(':id/publish')
  @SkipAudit()
  @HttpCode(200)
  async publish(@Param('id') id: string, @Body() body: WidgetDto) {
    await this.tx.run(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      await this.audit.record({
        orgId: body.name,
        actor: 'system',
        action: 'widget.published',
        target: { type: 'widget', id },
      });
    });
    return { id };
  }
}

@Module({ imports: [AuditModule], controllers: [WidgetsController], providers: [TestPrincipalHook] })
class AuditTestModule {}

/** RFC 4180 parsing, enough to read our export back (quotes, doubled quotes, commas and newlines in cells). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) rows.push([...row, cell]);
  return rows;
}

describe('audit log (e2e)', () => {
  let t: TestApp;
  let db: DataSource;
  let audit: AuditService;

  beforeAll(async () => {
    t = await startTestApp({ imports: [AuditTestModule] });
    db = t.app.get(DataSource);
    audit = t.app.get(AuditService);
  });
  afterAll(() => t.close());

  const as = (orgId: string | undefined, user = 'user-1', kind: RequestPrincipal['kind'] = 'user') => ({
    'x-test-kind': kind,
    'x-test-user': user,
    ...(orgId ? { 'x-test-org': orgId } : {}),
  });
  const entriesOf = (orgId: string) =>
    db.getRepository(AuditLog).find({ where: { orgId }, order: { id: 'DESC' } });

  describe('the interceptor', () => {
    it('records a successful mutating request with actor, org, ip, user agent, request id and redacted body', async () => {
      const orgId = randomUUID();
      const requestId = `req-${randomUUID()}`;
      const created = await t
        .http()
        .post('/v1/test-audit/widgets')
        .set(as(orgId, 'user-7'))
        .set('user-agent', 'AuditTest/1.0 (e2e)')
        .set('x-request-id', requestId)
        .send({ name: 'Blue', password: 'hunter2' })
        .expect(201);

      const list = await t.http().get('/v1/audit-log').set(as(orgId)).expect(200);
      expect(list.body.data).toHaveLength(1);
      expect(list.body.data[0]).toMatchObject({
        orgId,
        actorKind: 'user',
        actorId: 'user-7',
        action: 'http.post',
        targetType: '/v1/test-audit/widgets',
        targetId: null,
        changes: { name: { after: 'Blue' }, password: { after: REDACTED } },
        ip: expect.stringMatching(/127\.0\.0\.1|::1/),
        userAgent: 'AuditTest/1.0 (e2e)',
        requestId,
      });
      expect(created.headers['x-request-id']).toBe(requestId);
      expect(JSON.stringify(list.body)).not.toContain('hunter2');
    });

    it('uses the route pattern as target type and the :id parameter as target id', async () => {
      const orgId = randomUUID();
      const id = randomUUID();
      await t.http().patch(`/v1/test-audit/widgets/${id}`).set(as(orgId)).send({ name: 'Red' }).expect(200);
      await t.http().delete(`/v1/test-audit/widgets/${id}`).set(as(orgId)).expect(204);
      const [deleted, patched] = await entriesOf(orgId);
      expect(patched).toMatchObject({
        action: 'http.patch',
        targetType: '/v1/test-audit/widgets/:id',
        targetId: id,
        changes: { name: { after: 'Red' } },
      });
      expect(deleted).toMatchObject({ action: 'http.delete', targetId: id, changes: null });
    });

    it('skips @SkipAudit routes, failed requests, reads, anonymous callers and principals without an org', async () => {
      const orgId = randomUUID();
      await t.http().post('/v1/test-audit/widgets/login').set(as(orgId)).send({}).expect(201);
      await t.http().post('/v1/test-audit/widgets/failing').set(as(orgId)).send({}).expect(422);
      await t.http().post('/v1/test-audit/widgets').set(as(orgId)).send({ nam: 'typo' }).expect(400);
      await t.http().get('/v1/audit-log').set(as(orgId)).expect(200);
      const before = await db.getRepository(AuditLog).count();
      await t.http().post('/v1/test-audit/widgets/public').send({ name: 'anon' }).expect(201);
      await t
        .http()
        .post('/v1/test-audit/widgets')
        .set(as(undefined, 'orgless-user'))
        .send({ name: 'x' })
        .expect(201);
      expect(await db.getRepository(AuditLog).count()).toBe(before);
      expect(await entriesOf(orgId)).toHaveLength(0);
    });

    it('records a request once even when it is replayed with the same Idempotency-Key', async () => {
      const orgId = randomUUID();
      const key = `idem-${randomUUID()}`;
      for (let i = 0; i < 2; i++) {
        await t
          .http()
          .post('/v1/test-audit/widgets')
          .set(as(orgId))
          .set('idempotency-key', key)
          .send({ name: 'Once' })
          .expect(201);
      }
      expect(await entriesOf(orgId)).toHaveLength(1);
    });

    it('records the operator, who has no organisation, as a platform event', async () => {
      const name = `op-${randomUUID()}`;
      await t
        .http()
        .post('/v1/test-audit/widgets')
        .set(as(undefined, 'operator', 'operator'))
        .send({ name });
      const rows = await db
        .getRepository(AuditLog)
        .createQueryBuilder('e')
        .where(`e.changes -> 'name' ->> 'after' = :name`, { name })
        .getMany();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ orgId: null, actorKind: 'operator', actorId: 'operator' });
    });

    it('gives a service the request context (after body parsing, inside its transaction)', async () => {
      const orgId = randomUUID();
      const requestId = `req-${randomUUID()}`;
      await t
        .http()
        .post(`/v1/test-audit/widgets/w-1/publish`)
        .set(as(orgId))
        .set('user-agent', 'Publisher/2')
        .set('x-request-id', requestId)
        .send({ name: orgId })
        .expect(200);
      const rows = await entriesOf(orgId);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        actorKind: 'system',
        action: 'widget.published',
        targetType: 'widget',
        targetId: 'w-1',
        userAgent: 'Publisher/2',
        requestId,
        ip: expect.any(String),
      });
    });
  });

  describe('GET /v1/audit-log', () => {
    const orgA = randomUUID();
    const orgB = randomUUID();
    const customerId = randomUUID();

    beforeAll(async () => {
      const at = (iso: string) => new Date(iso);
      // Direct inserts with chosen times (inserting is the one thing the table allows).
      const seed = async (orgId: string, row: Omit<Partial<AuditLog>, 'changes'>) =>
        db.getRepository(AuditLog).insert({
          id: newId(),
          orgId,
          actorKind: 'user',
          actorId: 'u-1',
          action: 'x',
          ...row,
        });
      await seed(orgA, {
        action: 'customer.created',
        targetType: 'customer',
        targetId: customerId,
        createdAt: at('2026-01-01T10:00:00Z'),
      });
      await seed(orgA, {
        action: 'customer.updated',
        targetType: 'customer',
        targetId: customerId,
        createdAt: at('2026-01-02T10:00:00Z'),
      });
      await seed(orgA, {
        action: 'invoice.finalized',
        actorKind: 'api_key',
        actorId: 'k-1',
        targetType: 'invoice',
        targetId: 'i-1',
        createdAt: at('2026-01-03T10:00:00Z'),
      });
      await seed(orgA, {
        action: 'auth.login_failed',
        actorId: 'u-2',
        createdAt: at('2026-01-04T10:00:00Z'),
      });
      await audit.record({
        orgId: orgA,
        actor: 'system',
        action: 'invoice.sent',
        target: { type: 'invoice', id: 'i-1' },
      });
      await seed(orgB, { action: 'customer.created', targetType: 'customer', targetId: customerId });
      await seed(orgB, { action: 'secret.of_b', actorId: 'u-1' });
    });

    const list = (query: Record<string, string | number>, orgId = orgA) =>
      t.http().get('/v1/audit-log').query(query).set(as(orgId));

    it('pages newest first with a cursor, and never shows another org', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const res = await list(cursor ? { limit: 2, cursor } : { limit: 2 }).expect(200);
        expect(res.body.data.length).toBeLessThanOrEqual(2);
        seen.push(...res.body.data.map((e: { action: string; orgId: string }) => e.action));
        for (const entry of res.body.data) expect(entry.orgId).toBe(orgA);
        cursor = res.body.nextCursor ?? undefined;
        expect(res.body.hasMore).toBe(cursor !== undefined);
        pages++;
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen).toEqual([
        'invoice.sent',
        'auth.login_failed',
        'invoice.finalized',
        'customer.updated',
        'customer.created',
      ]);
      expect(seen).not.toContain('secret.of_b');
    });

    it('filters by actor, action (exact or prefix), target and time', async () => {
      const actions = async (query: Record<string, string>) =>
        (await list(query).expect(200)).body.data.map((e: { action: string }) => e.action);
      expect(await actions({ actorKind: 'api_key' })).toEqual(['invoice.finalized']);
      expect(await actions({ actorKind: 'system' })).toEqual(['invoice.sent']);
      expect(await actions({ actorKind: 'user', actorId: 'u-2' })).toEqual(['auth.login_failed']);
      expect(await actions({ action: 'customer.created' })).toEqual(['customer.created']);
      expect(await actions({ action: 'customer.*' })).toEqual(['customer.updated', 'customer.created']);
      expect(await actions({ targetType: 'customer', targetId: customerId })).toEqual([
        'customer.updated',
        'customer.created',
      ]);
      expect(await actions({ targetType: 'invoice', targetId: 'i-1' })).toEqual([
        'invoice.sent',
        'invoice.finalized',
      ]);
      expect(await actions({ from: '2026-01-02T00:00:00Z', to: '2026-01-04T00:00:00Z' })).toEqual([
        'invoice.finalized',
        'customer.updated',
      ]);
      expect(await actions({ action: 'secret.of_b' })).toEqual([]);
    });

    it('rejects invalid filters with a 400 problem', async () => {
      const invalid: Record<string, string | number>[] = [
        { actorKind: 'robot' },
        { from: 'yesterday' },
        { limit: 0 },
        { limit: 101 },
        { action: 'drop table;' },
        { colour: 'blue' },
        { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' },
        { cursor: 'not-a-cursor' },
        { cursor: Buffer.from(JSON.stringify({ id: 'nope' })).toString('base64url') },
      ];
      for (const query of invalid) {
        const res = await list(query);
        expect({ query, status: res.status }).toEqual({ query, status: 400 });
        expect(res.headers['content-type']).toContain('application/problem+json');
      }
    });

    it('is 401 without a principal and 404 for a principal of no organisation', async () => {
      // 401 from the auth domain's guard once it is installed, from the controller's own check before
      await t.http().get('/v1/audit-log').expect(401);
      await t.http().get('/v1/audit-log').set(as(undefined)).expect(404);
      await t.http().get('/v1/audit-log/export.csv').expect(401);
    });

    it('has no route that changes or removes an entry', async () => {
      const [entry] = (await list({ limit: 1 }).expect(200)).body.data;
      for (const method of ['put', 'patch', 'delete'] as const) {
        const res = await t.http()[method](`/v1/audit-log/${entry.id}`).set(as(orgA)).send({});
        expect([404, 405]).toContain(res.status);
      }
    });

    it('exports the same entries as streamed CSV that parses back', async () => {
      const tricky = 'Mozilla/5.0 (X11, "quoted"), =cmd|calc';
      await t
        .http()
        .post('/v1/test-audit/widgets')
        .set(as(orgA))
        .set('user-agent', tricky)
        .send({ name: 'comma, "quote"\nnewline' })
        .expect(201);

      const res = await t
        .http()
        .get('/v1/audit-log/export.csv')
        .query({ action: 'http.*' })
        .set(as(orgA))
        .buffer(true)
        .parse((response, callback) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text += chunk));
          response.on('end', () => callback(null, text));
        })
        .expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toContain('audit-log.csv');
      const rows = parseCsv(res.body as string);
      expect(rows[0]).toEqual([...AUDIT_CSV_COLUMNS]);
      expect(rows).toHaveLength(2);
      const record = Object.fromEntries(AUDIT_CSV_COLUMNS.map((column, i) => [column, rows[1][i]]));
      expect(record).toMatchObject({ action: 'http.post', actorId: 'user-1', userAgent: tricky });
      expect(JSON.parse(record.changes)).toEqual({ name: { after: 'comma, "quote"\nnewline' } });

      // everything of org A (plus the export's own entry), nothing of org B
      const all = parseCsv(
        (
          await t
            .http()
            .get('/v1/audit-log/export.csv')
            .set(as(orgA))
            .buffer(true)
            .parse((response, callback) => {
              let text = '';
              response.setEncoding('utf8');
              response.on('data', (chunk: string) => (text += chunk));
              response.on('end', () => callback(null, text));
            })
            .expect(200)
        ).body as string,
      );
      const actions = all.slice(1).map((row) => row[AUDIT_CSV_COLUMNS.indexOf('action')]);
      expect(actions).toEqual(
        expect.arrayContaining(['customer.created', 'invoice.sent', 'audit_log.exported']),
      );
      expect(actions).not.toContain('secret.of_b');
      expect(all.slice(1).length).toBe(8); // 5 seeded, 1 request, 2 exports
    });

    it('neutralises cells a spreadsheet would run as formulas', async () => {
      const orgId = randomUUID();
      await audit.record({
        orgId,
        actor: { kind: 'user', id: '=HYPERLINK("x")' },
        action: 'customer.created',
      });
      const res = await t
        .http()
        .get('/v1/audit-log/export.csv')
        .query({ action: 'customer.created' })
        .set(as(orgId))
        .buffer(true)
        .parse((response, callback) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text += chunk));
          response.on('end', () => callback(null, text));
        })
        .expect(200);
      const rows = parseCsv(res.body as string);
      expect(rows[1][AUDIT_CSV_COLUMNS.indexOf('actorId')]).toBe(`'=HYPERLINK("x")`);
    });

    it('rejects invalid export filters with a 400', async () => {
      await t.http().get('/v1/audit-log/export.csv').query({ actorKind: 'robot' }).set(as(orgA)).expect(400);
      await t.http().get('/v1/audit-log/export.csv').query({ limit: 5 }).set(as(orgA)).expect(400);
    });
  });
});

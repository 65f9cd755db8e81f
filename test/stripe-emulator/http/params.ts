import { invalidRequest, parameterMissing } from './errors';
import { Params, ParamValue } from './form-params';

/** Typed readers over decoded form params; a wrong type is Stripe's 400 with the param name. */
export function optionalString(params: Params, name: string): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string')
    throw invalidRequest(`Invalid string: ${name}`, 'parameter_invalid_string', name);
  return value;
}

export function requiredString(params: Params, name: string): string {
  const value = optionalString(params, name);
  if (value === undefined || value === '') throw parameterMissing(name);
  return value;
}

/** An id param where '' means "unset" (Stripe's way to clear a field). */
export function optionalNullableString(params: Params, name: string): string | null | undefined {
  const value = optionalString(params, name);
  return value === '' ? null : value;
}

export function optionalInteger(params: Params, name: string): number | undefined {
  const value = optionalString(params, name);
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value))
    throw invalidRequest(`Invalid integer: ${value}`, 'parameter_invalid_integer', name);
  return Number(value);
}

export function requiredInteger(params: Params, name: string): number {
  const value = optionalInteger(params, name);
  if (value === undefined) throw parameterMissing(name);
  return value;
}

export function optionalBoolean(params: Params, name: string): boolean | undefined {
  const value = optionalString(params, name);
  if (value === undefined) return undefined;
  if (value !== 'true' && value !== 'false')
    throw invalidRequest(`Invalid boolean: ${value}`, undefined, name);
  return value === 'true';
}

export function optionalObject(params: Params, name: string): Params | undefined {
  const value = params[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'object' || Array.isArray(value))
    throw invalidRequest(`Invalid object: ${name}`, 'parameter_invalid_object', name);
  return value;
}

export function stringList(params: Params, name: string): string[] {
  const value: ParamValue | undefined = params[name];
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.filter((item): item is string => typeof item === 'string');
}

/** Merges a `metadata` param into existing metadata; '' as a value (or as the whole param) removes keys. */
export function mergeMetadata(current: Record<string, string>, params: Params): Record<string, string> {
  const value = params.metadata;
  if (value === undefined) return current;
  if (value === '') return {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw invalidRequest('Invalid object: metadata', 'parameter_invalid_object', 'metadata');
  const merged = { ...current };
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry !== 'string')
      throw invalidRequest(`Invalid metadata value for ${key}`, undefined, 'metadata');
    if (entry === '') delete merged[key];
    else merged[key] = entry;
  }
  return merged;
}

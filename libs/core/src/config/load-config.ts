import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { AppConfig } from './app-config';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

function firstMessages(errors: ValidationError[]): string[] {
  return errors.map((error) => {
    const value =
      error.value === undefined || error.value === '' ? 'it is missing' : 'the value given is invalid';
    const message = Object.values(error.constraints ?? {})[0] ?? `${error.property} is invalid`;
    return `Invalid configuration: ${message} (${value}).`;
  });
}

/**
 * Builds the configuration from an environment map. Empty strings count as unset so that a blank line in
 * an `.env` file falls back to the default instead of failing a number parse.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const raw: Record<string, string> = {};
  for (const key of [...known, 'DATABASE_URL', 'REDIS_URL', 'ADMIN_API_TOKEN']) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const config = plainToInstance(AppConfig, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false });
  if (errors.length > 0) throw new ConfigError(firstMessages(errors).join('\n'));
  return config;
}

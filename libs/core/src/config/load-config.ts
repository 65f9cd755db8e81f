import { plainToInstance } from 'class-transformer';
import { ValidationError, getMetadataStorage, validateSync } from 'class-validator';
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
 * Every variable AppConfig declares: the ones with a default (own properties of an instance) and every
 * validated one, so that a required or optional variable without a default is read too.
 */
function knownKeys(): string[] {
  const validated = getMetadataStorage()
    .getTargetValidationMetadatas(AppConfig, '', true, false)
    .map((metadata) => metadata.propertyName);
  return [...new Set([...Object.keys(new AppConfig()), ...validated])];
}

/**
 * Builds the configuration from an environment map. Empty strings count as unset so that a blank line in
 * an `.env` file falls back to the default instead of failing a number parse.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw: Record<string, string> = {};
  for (const key of knownKeys()) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const config = plainToInstance(AppConfig, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false });
  if (errors.length > 0) throw new ConfigError(firstMessages(errors).join('\n'));
  return config;
}

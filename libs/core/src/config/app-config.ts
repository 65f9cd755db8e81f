import { Transform, Type } from 'class-transformer';
import { QueueName } from '../queue/jobs';
import { IsCronPattern } from './is-cron-pattern';
import { IsEnum, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';

export enum NodeEnv {
  Development = 'development',
  Test = 'test',
  Production = 'production',
}

const POSTGRES_URL = /^postgres(ql)?:\/\/\S+$/;
const REDIS_URL = /^rediss?:\/\/\S+$/;
const SMTP_URL = /^smtps?:\/\/\S+$/;
const HTTP_URL = /^https?:\/\/\S+$/;
/** Base64 of exactly 32 bytes: 43 characters and one `=` of padding. */
const BASE64_32_BYTES = /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/;

const splitList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean)
    : value;

/**
 * Every environment variable the processes read, validated at boot. The `message` of each rule says
 * what the variable expects, because that text is what an operator sees when the process refuses to start.
 */
export class AppConfig {
  @IsEnum(NodeEnv, { message: 'NODE_ENV must be one of development, test, production' })
  NODE_ENV: NodeEnv = NodeEnv.Development;

  @Type(() => Number)
  @IsInt({ message: 'PORT must be a TCP port number (1-65535)' })
  @Min(1, { message: 'PORT must be a TCP port number (1-65535)' })
  @Max(65535, { message: 'PORT must be a TCP port number (1-65535)' })
  PORT = 3000;

  @Matches(POSTGRES_URL, { message: 'DATABASE_URL must be a postgres:// connection URL' })
  DATABASE_URL: string;

  @Matches(REDIS_URL, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL: string;

  @Matches(SMTP_URL, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL = 'smtp://127.0.0.1:1025';

  @IsString({ message: 'MAIL_FROM must be a sender address such as "Billing <billing@example.com>"' })
  @MinLength(3, { message: 'MAIL_FROM must be a sender address such as "Billing <billing@example.com>"' })
  MAIL_FROM = 'Billing <billing@localhost>';

  @Matches(HTTP_URL, { message: 'PUBLIC_URL must be the http(s):// URL the API is reached at' })
  PUBLIC_URL = 'http://localhost:3000';

  @IsString({ message: 'PUPPETEER_EXECUTABLE_PATH must be the path of a Chromium binary' })
  PUPPETEER_EXECUTABLE_PATH = '/usr/bin/chromium';

  /** Pages rendering at once in one worker process; 0 means one per CPU core. */
  @Type(() => Number)
  @IsInt({ message: 'PDF_PAGE_POOL_SIZE must be a whole number of pages (0 = one per CPU core)' })
  @Min(0, { message: 'PDF_PAGE_POOL_SIZE must be a whole number of pages (0 = one per CPU core)' })
  PDF_PAGE_POOL_SIZE = 0;

  @Type(() => Number)
  @IsInt({ message: 'PDF_PAGE_RECYCLE_AFTER must be a whole number of renders (1 or more)' })
  @Min(1, { message: 'PDF_PAGE_RECYCLE_AFTER must be a whole number of renders (1 or more)' })
  PDF_PAGE_RECYCLE_AFTER = 100;

  @Type(() => Number)
  @IsInt({ message: 'PDF_RENDER_TIMEOUT_MS must be a whole number of milliseconds (100 or more)' })
  @Min(100, { message: 'PDF_RENDER_TIMEOUT_MS must be a whole number of milliseconds (100 or more)' })
  PDF_RENDER_TIMEOUT_MS = 15_000;

  /** Where PDFs are stored: `postgres` (default, nothing else to back up) or `filesystem` (DOCUMENT_STORAGE_DIR). */
  @IsIn(['postgres', 'filesystem'], { message: 'DOCUMENT_STORAGE must be postgres or filesystem' })
  DOCUMENT_STORAGE: 'postgres' | 'filesystem' = 'postgres';

  @IsString({ message: 'DOCUMENT_STORAGE_DIR must be a directory path' })
  DOCUMENT_STORAGE_DIR = './var/documents';

  /**
   * Outbound webhooks to private, loopback and link-local addresses are refused (SSRF) unless this is true
   * (tests and local development, where the receiver runs on the same machine).
   */
  @IsIn(['true', 'false'], { message: 'WEBHOOK_ALLOW_PRIVATE_TARGETS must be true or false' })
  WEBHOOK_ALLOW_PRIVATE_TARGETS = 'false';

  @Type(() => Number)
  @IsInt({ message: 'WEBHOOK_TIMEOUT_MS must be a whole number of milliseconds (100 or more)' })
  @Min(100, { message: 'WEBHOOK_TIMEOUT_MS must be a whole number of milliseconds (100 or more)' })
  WEBHOOK_TIMEOUT_MS = 10_000;

  /**
   * Where the Stripe SDK sends its requests instead of api.stripe.com: the local Stripe emulator in tests and
   * the demo. Leave unset with real keys.
   */
  @IsOptional()
  @Matches(HTTP_URL, { message: 'STRIPE_API_BASE must be the http(s):// URL of a Stripe-compatible API' })
  STRIPE_API_BASE?: string;

  /** How often the Stripe SDK itself retries a request that failed with a network error, 409 or 429. */
  @Type(() => Number)
  @IsInt({ message: 'STRIPE_MAX_NETWORK_RETRIES must be a whole number from 0 to 5' })
  @Min(0, { message: 'STRIPE_MAX_NETWORK_RETRIES must be a whole number from 0 to 5' })
  @Max(5, { message: 'STRIPE_MAX_NETWORK_RETRIES must be a whole number from 0 to 5' })
  STRIPE_MAX_NETWORK_RETRIES = 2;

  @Type(() => Number)
  @IsInt({ message: 'STRIPE_TIMEOUT_MS must be a whole number of milliseconds (100 or more)' })
  @Min(100, { message: 'STRIPE_TIMEOUT_MS must be a whole number of milliseconds (100 or more)' })
  STRIPE_TIMEOUT_MS = 20_000;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    message: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
  })
  LOG_LEVEL = 'info';

  /** Comma-separated origins allowed by CORS; empty disables CORS, `*` allows any origin. */
  @Transform(splitList)
  @IsString({ each: true, message: 'CORS_ORIGINS must be a comma-separated list of origins' })
  CORS_ORIGINS: string[] = [];

  @Type(() => Number)
  @IsInt({ message: 'BODY_LIMIT_BYTES must be a whole number of bytes (1024 or more)' })
  @Min(1024, { message: 'BODY_LIMIT_BYTES must be a whole number of bytes (1024 or more)' })
  BODY_LIMIT_BYTES = 1_048_576;

  @IsIn(['true', 'false'], { message: 'TRUST_PROXY must be true or false' })
  TRUST_PROXY = 'false';

  @Type(() => Number)
  @IsInt({ message: 'SHUTDOWN_TIMEOUT_MS must be a whole number of milliseconds' })
  @Min(0, { message: 'SHUTDOWN_TIMEOUT_MS must be a whole number of milliseconds' })
  SHUTDOWN_TIMEOUT_MS = 10_000;

  @Type(() => Number)
  @IsInt({ message: 'RATE_LIMIT_WINDOW_SECONDS must be a whole number of seconds (1 or more)' })
  @Min(1, { message: 'RATE_LIMIT_WINDOW_SECONDS must be a whole number of seconds (1 or more)' })
  RATE_LIMIT_WINDOW_SECONDS = 60;

  @Type(() => Number)
  @IsInt({ message: 'RATE_LIMIT_AUTHENTICATED must be a whole number of requests per window (1 or more)' })
  @Min(1, { message: 'RATE_LIMIT_AUTHENTICATED must be a whole number of requests per window (1 or more)' })
  RATE_LIMIT_AUTHENTICATED = 1200;

  @Type(() => Number)
  @IsInt({ message: 'RATE_LIMIT_ANONYMOUS must be a whole number of requests per window (1 or more)' })
  @Min(1, { message: 'RATE_LIMIT_ANONYMOUS must be a whole number of requests per window (1 or more)' })
  RATE_LIMIT_ANONYMOUS = 120;

  @Matches(/^[a-zA-Z0-9_-]+$/, { message: 'REDIS_PREFIX must be letters, digits, "-" or "_"' })
  REDIS_PREFIX = 'billing';

  @Type(() => Number)
  @IsInt({ message: 'OUTBOX_POLL_MS must be a whole number of milliseconds (10 or more)' })
  @Min(10, { message: 'OUTBOX_POLL_MS must be a whole number of milliseconds (10 or more)' })
  OUTBOX_POLL_MS = 200;

  @Type(() => Number)
  @IsInt({ message: 'WORKER_CONCURRENCY must be a whole number of jobs per queue (1 or more)' })
  @Min(1, { message: 'WORKER_CONCURRENCY must be a whole number of jobs per queue (1 or more)' })
  WORKER_CONCURRENCY = 4;

  /**
   * The queues this worker process consumes, comma-separated (default, mail, documents, webhooks); empty
   * means all. Lets a deployment run PDF rendering or webhook delivery on workers of their own.
   */
  @Transform(splitList)
  @IsIn(Object.values(QueueName), {
    each: true,
    message: `WORKER_QUEUES must be a comma-separated list of ${Object.values(QueueName).join(', ')}`,
  })
  WORKER_QUEUES: string[] = [];

  /** When the billing run looks for ended periods (cron, UTC). Hourly by default; `0 2 1 * *` bills monthly. */
  @IsCronPattern({ message: 'BILLING_RUN_CRON must be a cron pattern such as "0 * * * *"' })
  BILLING_RUN_CRON = '0 * * * *';

  @Type(() => Number)
  @IsInt({ message: 'WORKER_METRICS_PORT must be a TCP port number, or 0 to disable' })
  @Min(0, { message: 'WORKER_METRICS_PORT must be a TCP port number, or 0 to disable' })
  @Max(65535, { message: 'WORKER_METRICS_PORT must be a TCP port number, or 0 to disable' })
  WORKER_METRICS_PORT = 9464;

  /** Bearer token (or Basic password) for the operator endpoints until users and roles exist. */
  @IsOptional()
  @IsString({ message: 'ADMIN_API_TOKEN must be a secret of at least 32 characters' })
  @MinLength(32, { message: 'ADMIN_API_TOKEN must be a secret of at least 32 characters' })
  ADMIN_API_TOKEN?: string;

  /** HMAC key of the JWTs (auth). No default: the process refuses to start without it. */
  @IsString({ message: 'JWT_SECRET must be a secret of at least 32 characters' })
  @MinLength(32, { message: 'JWT_SECRET must be a secret of at least 32 characters' })
  JWT_SECRET: string;

  /**
   * Key of the secrets stored encrypted at rest (TOTP secrets, payment provider keys): AES-256-GCM, so 32
   * random bytes. Separate from JWT_SECRET so that rotating one does not break the other.
   */
  @Matches(BASE64_32_BYTES, {
    message:
      'DATA_ENCRYPTION_KEY must be 32 random bytes in base64 (generate one with `openssl rand -base64 32`)',
  })
  DATA_ENCRYPTION_KEY: string;

  /** Base URL of the web app that the links in emails open; defaults to PUBLIC_URL. */
  @IsOptional()
  @Matches(HTTP_URL, { message: 'APP_URL must be the http(s):// URL of the web app' })
  APP_URL?: string;

  @Type(() => Number)
  @IsInt({ message: 'AUTH_ACCESS_TOKEN_SECONDS must be a whole number of seconds from 30 to 900' })
  @Min(30, { message: 'AUTH_ACCESS_TOKEN_SECONDS must be a whole number of seconds from 30 to 900' })
  @Max(900, { message: 'AUTH_ACCESS_TOKEN_SECONDS must be a whole number of seconds from 30 to 900' })
  AUTH_ACCESS_TOKEN_SECONDS = 900;

  @Type(() => Number)
  @IsInt({ message: 'AUTH_REFRESH_TOKEN_SECONDS must be a whole number of seconds (60 or more)' })
  @Min(60, { message: 'AUTH_REFRESH_TOKEN_SECONDS must be a whole number of seconds (60 or more)' })
  AUTH_REFRESH_TOKEN_SECONDS = 14 * 24 * 3600;

  @Type(() => Number)
  @IsInt({ message: 'AUTH_SESSION_MAX_SECONDS must be a whole number of seconds (60 or more)' })
  @Min(60, { message: 'AUTH_SESSION_MAX_SECONDS must be a whole number of seconds (60 or more)' })
  AUTH_SESSION_MAX_SECONDS = 30 * 24 * 3600;

  @Type(() => Number)
  @IsInt({ message: 'AUTH_LOCKOUT_THRESHOLD must be a whole number of failures (1 or more)' })
  @Min(1, { message: 'AUTH_LOCKOUT_THRESHOLD must be a whole number of failures (1 or more)' })
  AUTH_LOCKOUT_THRESHOLD = 10;

  @Type(() => Number)
  @IsInt({ message: 'AUTH_LOCKOUT_SECONDS must be a whole number of seconds (1 or more)' })
  @Min(1, { message: 'AUTH_LOCKOUT_SECONDS must be a whole number of seconds (1 or more)' })
  AUTH_LOCKOUT_SECONDS = 900;

  @Type(() => Number)
  @IsInt({ message: 'AUTH_FAILURE_WINDOW_SECONDS must be a whole number of seconds (1 or more)' })
  @Min(1, { message: 'AUTH_FAILURE_WINDOW_SECONDS must be a whole number of seconds (1 or more)' })
  AUTH_FAILURE_WINDOW_SECONDS = 3600;

  @Type(() => Number)
  @IsInt({ message: 'AUTH_IP_FAILURE_LIMIT must be a whole number of failures per window (1 or more)' })
  @Min(1, { message: 'AUTH_IP_FAILURE_LIMIT must be a whole number of failures per window (1 or more)' })
  AUTH_IP_FAILURE_LIMIT = 100;

  @Type(() => Number)
  @IsInt({ message: 'AUTH_FAILURE_DELAY_MS must be a whole number of milliseconds (0 disables the delay)' })
  @Min(0, { message: 'AUTH_FAILURE_DELAY_MS must be a whole number of milliseconds (0 disables the delay)' })
  AUTH_FAILURE_DELAY_MS = 250;

  @Type(() => Number)
  @IsInt({
    message: 'AUTH_MAIL_REQUEST_LIMIT must be a whole number of mails per address per window (1 or more)',
  })
  @Min(1, {
    message: 'AUTH_MAIL_REQUEST_LIMIT must be a whole number of mails per address per window (1 or more)',
  })
  AUTH_MAIL_REQUEST_LIMIT = 5;

  get isProduction(): boolean {
    return this.NODE_ENV === NodeEnv.Production;
  }
}

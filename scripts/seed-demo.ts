// Demo data for `npm run demo`. Runs after migrations and before the API and worker start, so a step may
// write through the database (or boot a Nest application context with the module it needs) directly.
// Every step must be idempotent: the demo runs it on every start against the same database.
import 'reflect-metadata';
import 'dotenv/config';
import { Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CoreModule } from '@app/core';
import { AuthModule, DemoAccount, DemoAccountService } from '@app/auth';
import { seedBillingDemo } from './demo-data/billing';
import { seedInvoicingDemo } from './demo-data/invoicing';
import { seedPaymentsDemo } from './demo-data/payments';

/** What the demo banner prints under "Demo credentials", and the demo organisation. */
export interface DemoCredentials {
  lines: string[];
  orgId?: string;
}

export interface SeedContext {
  databaseUrl: string;
  /** The URL the API will listen on (PUBLIC_URL), for steps that print ready-to-paste commands. */
  apiUrl: string;
  env: NodeJS.ProcessEnv;
  /** Set by the demo organisation step for the steps after it. */
  demoAccount?: DemoAccount;
}

/** One idempotent seeding step; returns the lines it wants printed in the banner. */
export type SeedStep = (context: SeedContext) => Promise<string[]>;

/** The operator token (ADMIN_API_TOKEN) is configuration, not data: nothing to write, only to print. */
const operatorToken: SeedStep = async ({ env, apiUrl }) => {
  const token = env.ADMIN_API_TOKEN;
  if (!token)
    return ['Operator token: (ADMIN_API_TOKEN is not set: /v1/admin/* and /admin/queues are closed)'];
  return [
    `Operator token (ADMIN_API_TOKEN): ${token}`,
    `  curl -H "Authorization: Bearer ${token}" ${apiUrl}/v1/admin/jobs/failed`,
  ];
};

export const DEMO_OWNER = {
  email: 'owner@demo.example',
  password: 'demo owner password 2026',
  name: 'Demo Owner',
};

@Module({ imports: [CoreModule, AuthModule] })
class DemoSeedModule {}

/** The demo organisation and its owner (created once), and a fresh API key with the owner's permissions. */
const demoOrganization: SeedStep = async (seed) => {
  const { apiUrl } = seed;
  const context = await NestFactory.createApplicationContext(DemoSeedModule, { logger: ['error'] });
  try {
    const account = await context
      .get(DemoAccountService)
      .ensure({ ...DEMO_OWNER, organizationName: 'Demo Company' });
    seed.demoAccount = account;
    return [
      `Demo organisation: Demo Company (${account.orgId})`,
      `Owner login: ${DEMO_OWNER.email} / ${DEMO_OWNER.password}`,
      `  curl -X POST ${apiUrl}/v1/auth/login -H 'content-type: application/json' -d '{"email":"${DEMO_OWNER.email}","password":"${DEMO_OWNER.password}"}'`,
      `API key (all owner permissions): ${account.apiKey}`,
      `  curl -H "Authorization: Bearer ${account.apiKey}" ${apiUrl}/v1/org`,
    ];
  } finally {
    await context.close();
  }
};

/**
 * Boots the API app in this process without listening (its HTTP routes are called with Fastify inject),
 * quietly, optionally with the worker's processors (jobs then run here: see scripts/demo-data/drain-jobs.ts).
 */
async function withApiApp<T>(
  env: NodeJS.ProcessEnv,
  options: { worker: boolean },
  use: (app: NestFastifyApplication) => Promise<T>,
): Promise<T> {
  // The seed's own requests are not worth a log line each; the in-process worker serves no metrics.
  const overrides: Record<string, string> = {
    LOG_LEVEL: 'warn',
    ...(options.worker && { WORKER_METRICS_PORT: '0' }),
  };
  const saved = Object.fromEntries(Object.keys(overrides).map((key) => [key, env[key]]));
  Object.assign(env, overrides);
  try {
    // Loaded here only: importing the API (and the worker) pulls in its configuration and modules.
    const { createApiApp } = await import('../apps/api/src/create-api-app');
    const { ApiModule } = await import('../apps/api/src/api.module');
    const imports: Type<unknown>[] = [ApiModule];
    if (options.worker) imports.push((await import('../apps/worker/src/worker.module')).WorkerModule);
    @Module({ imports })
    class SeedAppModule {}
    const app = await createApiApp(SeedAppModule);
    try {
      await app.init();
      await app.getHttpAdapter().getInstance().ready();
      return await use(app);
    } finally {
      await app.close();
    }
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete env[key];
      else env[key] = value;
    }
  }
}

/** Metrics, plans, customers, subscriptions and a month of usage in the demo organisation. */
const billingData: SeedStep = async ({ demoAccount, env }) => {
  if (!demoAccount) throw new Error('the billing demo data needs the demo organisation step first');
  return withApiApp(env, { worker: false }, (app) =>
    seedBillingDemo(app, demoAccount.orgId, demoAccount.apiKey),
  );
};

/** A billing run over back-dated subscriptions and one-off invoices: finalized invoices of every kind. */
const invoicingData: SeedStep = async ({ demoAccount, env }) => {
  if (!demoAccount) throw new Error('the invoicing demo data needs the demo organisation step first');
  return withApiApp(env, { worker: true }, (app) =>
    seedInvoicingDemo(app, demoAccount.orgId, demoAccount.apiKey),
  );
};

/** Stripe (the emulator at STRIPE_API_BASE): card payments, a decline in dunning, a wire, a refund, a reconciliation. */
const paymentsData: SeedStep = async ({ demoAccount, env }) => {
  if (!demoAccount) throw new Error('the payments demo data needs the demo organisation step first');
  if (!env.STRIPE_API_BASE) return ['Payments: skipped (STRIPE_API_BASE is not set: no Stripe emulator)'];
  return withApiApp(env, { worker: true }, (app) => seedPaymentsDemo(app, demoAccount.apiKey));
};

/** The steps, in order. */
export const SEED_STEPS: SeedStep[] = [
  demoOrganization,
  billingData,
  invoicingData,
  paymentsData,
  operatorToken,
];

export async function seedDemo(context: Partial<SeedContext> = {}): Promise<DemoCredentials> {
  const env = context.env ?? process.env;
  const full: SeedContext = {
    env,
    databaseUrl: context.databaseUrl ?? env.DATABASE_URL ?? '',
    apiUrl: (context.apiUrl ?? env.PUBLIC_URL ?? 'http://localhost:3000').replace(/\/$/, ''),
  };
  const lines: string[] = [];
  for (const step of SEED_STEPS) lines.push(...(await step(full)));
  return { lines, orgId: full.demoAccount?.orgId };
}

if (require.main === module) {
  seedDemo().then(
    ({ lines }) => console.log(lines.join('\n')),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

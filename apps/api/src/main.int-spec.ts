import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

function boot(app: 'api' | 'worker', env: Record<string, string>) {
  return spawnSync(
    process.execPath,
    [
      '-r',
      require.resolve('ts-node/register'),
      '-r',
      require.resolve('tsconfig-paths/register'),
      join(ROOT, 'apps', app, 'src', 'main.ts'),
    ],
    {
      cwd: tmpdir(), // no .env file to fall back on
      env: {
        PATH: process.env.PATH,
        TS_NODE_TRANSPILE_ONLY: 'true',
        TS_NODE_SWC: 'true',
        TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
        ...env,
      },
      encoding: 'utf8',
      timeout: 30_000,
    },
  );
}

describe('a process with a bad configuration', () => {
  it.each(['api', 'worker'] as const)('%s stops at once with one line naming the variable', (app) => {
    const result = boot(app, {
      REDIS_URL: 'redis://127.0.0.1:6379',
      JWT_SECRET: 'boot-test-jwt-secret-0123456789abcdef',
      DATA_ENCRYPTION_KEY: 'Ym9vdC10ZXN0LWRhdGEta2V5LTAxMjM0NTY3ODlhYmM=',
      DATABASE_URL: 'mysql://nope',
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      'Invalid configuration: DATABASE_URL must be a postgres:// connection URL (the value given is invalid).',
    );
  });
});

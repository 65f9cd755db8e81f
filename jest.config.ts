import type { Config } from 'jest';

/** ESM-only packages in the dependency tree, compiled to CommonJS for jest (Node 20 cannot require ESM in jest). */
const ESM_PACKAGES = [
  'content-disposition',
  '@scure',
  '@noble',
  // puppeteer and its ESM-only dependencies
  'puppeteer',
  'puppeteer-core',
  '@puppeteer',
  'chromium-bidi',
  'modern-tar',
  'yargs',
  'yargs-parser',
  'cliui',
  'y18n',
  'zod',
];

const swc = {
  '^.+\\.(t|j)s$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
        keepClassNames: true,
      },
      module: { type: 'commonjs' },
    },
  ],
};

const shared = {
  transform: swc,
  transformIgnorePatterns: [`/node_modules/(?!(.*/)?(${ESM_PACKAGES.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: { '^@app/([a-z-]+)(/.*)?$': '<rootDir>/libs/$1/src$2' },
  testEnvironment: 'node',
  setupFiles: ['reflect-metadata'],
  rootDir: __dirname,
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test', '<rootDir>/scripts'],
};

const withDatabase = {
  ...shared,
  globalSetup: '<rootDir>/test/kit/global-setup.ts',
  globalTeardown: '<rootDir>/test/kit/global-teardown.ts',
  setupFilesAfterEnv: ['<rootDir>/test/kit/per-file-setup.ts'],
};

/** unit: pure code; int: real Postgres/Redis; e2e: the real Fastify app over HTTP. `npm test` runs all three. */
const config: Config = {
  // Each test file boots the whole app and jest keeps a little of every file's module registry alive: one
  // process running all files in band outgrew a 4 GB heap and spent its time in GC. A worker is replaced
  // once it holds more than this after a file (still one at a time on the 2-core CI machine).
  workerIdleMemoryLimit: '1.5GB',
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['**/*.spec.ts'] },
    { ...withDatabase, displayName: 'int', testMatch: ['**/*.int-spec.ts'] },
    { ...withDatabase, displayName: 'e2e', testMatch: ['**/*.e2e-spec.ts'] },
  ],
  testTimeout: 30_000,
};

export default config;

// `npm run bench`: runs every bench/*.bench.ts (compiled: dist/bench/*.bench.js) in sequence, each in its own
// process, then repeats their result lines. `npm run bench -- outbox` runs only the benches whose file
// name contains "outbox". Exits 1 if any bench failed.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const EXTENSION = __filename.endsWith('.ts') ? '.bench.ts' : '.bench.js';

function runOne(file: string, results: string[]): Promise<number> {
  return new Promise((resolve) => {
    // From .ts sources, keep whatever loader (ts-node, tsconfig-paths) this process was started with.
    const child = spawn(process.execPath, [...process.execArgv, join(__dirname, file)], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: process.env,
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      console.log(line);
      if (line.startsWith('= ')) results.push(line.slice(2));
    });
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main(): Promise<number> {
  const filters = process.argv.slice(2);
  const files = readdirSync(__dirname)
    .filter((file) => file.endsWith(EXTENSION))
    .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
    .sort();
  if (files.length === 0) {
    console.error(`No benchmarks matching ${filters.join(', ') || '*'} in ${__dirname}`);
    return 1;
  }
  const results: string[] = [];
  const failed: string[] = [];
  const start = Date.now();
  for (const file of files) {
    console.log(`\n### ${file.replace(EXTENSION, '')}`);
    if ((await runOne(file, results)) !== 0) failed.push(file);
  }
  console.log(
    `\n### summary (${files.length} bench(es), ${((Date.now() - start) / 1000).toFixed(1)} s, node ${process.version})`,
  );
  for (const line of results) console.log(line);
  if (failed.length > 0) console.log(`FAILED: ${failed.join(', ')}`);
  return failed.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

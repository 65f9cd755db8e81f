import { ChildProcess, fork } from 'node:child_process';
import { loadBenchEnv, runBench } from './bench-kit';

export interface ServerChild {
  child: ChildProcess;
  /** What the child reported: the port it listens on (0 for a server without one, e.g. a worker). */
  port: number;
}

/**
 * Forks the bench file `file` as a child that serves `target` (see benchEntry) and resolves with the port
 * it reports: the load generator in the parent then does not share an event loop with the server.
 */
export function forkServer(file: string, target = ''): Promise<ServerChild> {
  return new Promise((resolve, reject) => {
    const child = fork(file, ['--serve', target], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (message: { port: number }) => resolve({ child, port: message.port }));
    child.once('exit', (code) =>
      reject(new Error(`${target || 'server'} exited (code ${code}) before it was ready`)),
    );
  });
}

export async function killServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

/**
 * The entry point of a bench file that forks its servers: in a child started by forkServer it serves the
 * target it was given; run as the main module it runs the bench; imported, it does nothing.
 */
export function benchEntry(
  module: NodeModule,
  name: string,
  main: () => Promise<void>,
  serve: (target: string) => Promise<void>,
): void {
  const serveIndex = process.argv.indexOf('--serve');
  if (serveIndex !== -1) {
    loadBenchEnv();
    serve(process.argv[serveIndex + 1]).catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
  } else if (require.main === module) {
    runBench(name, main);
  }
}

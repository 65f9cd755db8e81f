import 'dotenv/config';
import { ConfigError } from '../config/load-config';

/**
 * Starts a process: a configuration error is printed as the one clear line it is (no stack trace) and the
 * process exits 1; any other boot failure is printed with its stack.
 */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
    } else {
      process.stderr.write(
        `Boot failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    }
    process.exit(1);
  });
}

/** Exits even if something keeps the event loop alive after SIGTERM for longer than the grace period. */
export function exitAfterGracePeriod(timeoutMs: number): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => setTimeout(() => process.exit(0), timeoutMs).unref());
  }
}

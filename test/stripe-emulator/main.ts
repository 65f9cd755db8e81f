import { startStripeEmulator } from './server';

/**
 * CLI entry: `npm run -s ts -- test/stripe-emulator/main.ts [--port 12111]` (or STRIPE_EMULATOR_PORT).
 * Prints the URL to use as STRIPE_API_BASE on its first line and runs until SIGINT/SIGTERM.
 */
async function main(): Promise<void> {
  const flag = process.argv.indexOf('--port');
  const port = Number(flag >= 0 ? process.argv[flag + 1] : (process.env.STRIPE_EMULATOR_PORT ?? 0));
  const allowedKeys = process.env.STRIPE_EMULATOR_KEYS?.split(',').filter(Boolean);
  const emulator = await startStripeEmulator({ port, allowedKeys, host: process.env.STRIPE_EMULATOR_HOST });
  process.stdout.write(`${emulator.url}\n`);
  const shutdown = () => void emulator.stop().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`Stripe emulator failed to start: ${String(error)}\n`);
  process.exit(1);
});

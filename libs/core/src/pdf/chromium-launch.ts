import type { LaunchOptions } from 'puppeteer';

/** Chromium's switches for a headless server: no GPU, no /dev/shm (small in containers), no phoning home. */
const SERVER_ARGS = [
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** How the renderer starts Chromium: Debian's binary, headless, over a pipe, signals left to Nest's shutdown. */
export function chromiumLaunchOptions(executablePath: string, timeoutMs: number): LaunchOptions {
  // Chromium refuses to start its sandbox as root (containers, CI); templates cannot run code anyway.
  const asRoot = process.getuid?.() === 0;
  return {
    executablePath,
    headless: true,
    pipe: true,
    timeout: timeoutMs,
    args: asRoot ? ['--no-sandbox', ...SERVER_ARGS] : SERVER_ARGS,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  };
}

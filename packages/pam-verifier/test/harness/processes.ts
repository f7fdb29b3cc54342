/** The bundled signing service as a child process; Chromium for the browser path. */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import type { VmLoginConfigInput } from '../../src/config/config.js';

export interface RunningSigner {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

/** Starts `blockhost-login-signer --config <file>` and waits for its "listening" line. */
export async function startSigner(
  bundleDir: string,
  config: VmLoginConfigInput,
  dir: string,
): Promise<RunningSigner> {
  const cfgFile = join(dir, 'signer.json');
  writeFileSync(cfgFile, JSON.stringify(config), { mode: 0o600 });
  const child: ChildProcess = spawn(
    process.execPath,
    [join(bundleDir, 'blockhost-login-signer'), '--config', cfgFile],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`signer did not start: ${out}`)), 10_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /listening on (\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`signer exited with ${code}: ${out}`));
    });
  });
  return {
    url,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface RunningBrowser {
  context: BrowserContext;
  close: () => Promise<void>;
}

export interface LaunchChromiumOptions {
  /** Extra command-line switches (e.g. `--host-resolver-rules=…`). */
  args?: string[];
  /** Load pages despite certificate errors: the customer clicked through, to compare fingerprints. */
  ignoreHTTPSErrors?: boolean;
}

/** Debian's Chromium (never a downloaded browser) with a fresh profile directory. */
export async function launchChromium(o: LaunchChromiumOptions = {}): Promise<RunningBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'bh-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS, ...(o.args ?? [])],
    ignoreHTTPSErrors: o.ignoreHTTPSErrors ?? false,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

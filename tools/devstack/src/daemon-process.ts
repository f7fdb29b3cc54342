/**
 * blockhostd as a child process, the way systemd runs it: for the demo and
 * the crash tests (SIGKILL needs a real process).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { DAEMON_MAIN } from './paths.js';
import { daemonUnitEnvironment } from './unit-env.js';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface DaemonProcess {
  readonly child: ChildProcess;
  readonly url: string;
  /** Resolves with the exit code (or signal name) once the process is gone. */
  readonly exited: Promise<number | string>;
  kill(signal: NodeJS.Signals): void;
}

/**
 * Starts blockhostd with `--config-dir` and the environment of its systemd unit
 * (`daemonUnitEnvironment`); its JSON logs go to `logFile`.
 * `entry`: a JavaScript bundle to run (`bundleDaemon()`); default the TypeScript sources via tsx.
 */
export async function spawnDaemon(o: {
  configDir: string;
  listen: string;
  logFile: string;
  entry?: string;
  env?: NodeJS.ProcessEnv;
  readyTimeoutMs?: number;
}): Promise<DaemonProcess> {
  const args = o.entry
    ? [o.entry]
    : ['--conditions=@blockhost/source', '--import', 'tsx', DAEMON_MAIN];
  const child = spawn(process.execPath, [...args, '--config-dir', o.configDir], {
    // The unit's environment too (glibc malloc settings): the process runs as on the host.
    env: { ...process.env, ...daemonUnitEnvironment(), BLOCKHOST_LOG_LEVEL: 'info', ...o.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(o.logFile, { flags: 'a' });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => {
      log.end();
      resolve(code ?? signal ?? -1);
    }),
  );
  const url = `http://${o.listen}`;
  const deadline = Date.now() + (o.readyTimeoutMs ?? 30_000);
  let gone: number | string | null = null;
  void exited.then((c) => {
    gone = c;
  });
  for (;;) {
    if (gone !== null)
      throw new Error(`blockhostd exited (${gone}) before serving; see ${o.logFile}`);
    try {
      const r = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(500) });
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`blockhostd did not come up within the timeout; see ${o.logFile}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, url, exited, kill: (s) => child.kill(s) };
}

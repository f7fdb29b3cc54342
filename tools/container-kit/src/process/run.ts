/**
 * Runs a program to completion, collecting its output. Each run gets its own
 * process group so a timeout kills whatever it started too (debootstrap's
 * dpkg, apt's methods).
 */
import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';

export interface RunOptions {
  /** Written to the program's stdin (then closed). */
  input?: string | undefined;
  /** SIGKILL to the process group after this long (default: none). */
  timeoutMs?: number | undefined;
  env?: NodeJS.ProcessEnv | undefined;
  /** Output is appended here as it comes (build logs). */
  logFile?: string | undefined;
  cwd?: string | undefined;
}

export interface RunResult {
  /** Exit status; null when killed by a signal (see `signal`), 127 when it could not start. */
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** Keeps the last `max` characters: enough for an error report, bounded for chatty builds. */
const MAX_OUTPUT = 1 << 20;
const tail = (s: string) => (s.length > MAX_OUTPUT ? s.slice(-MAX_OUTPUT) : s);

export function run(cmd: string, args: readonly string[], o: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const child = spawn(cmd, args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
      env: o.env ?? process.env,
      cwd: o.cwd,
    });
    const log = (chunk: string) => {
      if (o.logFile) appendFileSync(o.logFile, chunk);
    };
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout = tail(stdout + d);
      log(d);
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr = tail(stderr + d);
      log(d);
    });
    child.stdin.on('error', () => {});
    child.stdin.end(o.input ?? '');
    const timer =
      o.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            killGroup(child.pid);
          }, o.timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ status: 127, signal: null, stdout, stderr: `${stderr}${e.message}`, timedOut });
    });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr, timedOut });
    });
  });
}

/** SIGKILL to a process group (the leader's pid), ignoring one that is gone. */
export function killGroup(pid: number | undefined): void {
  if (!pid) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** `cmd args…: <stderr tail>` for error details. */
export function describeFailure(cmd: string, args: readonly string[], r: RunResult): string {
  const how = r.timedOut
    ? 'timed out'
    : r.signal
      ? `killed by ${r.signal}`
      : `exited with ${r.status}`;
  const out = (r.stderr.trim() || r.stdout.trim()).split('\n').slice(-15).join('\n');
  return `\`${[cmd, ...args].join(' ').slice(0, 300)}\` ${how}${out ? `:\n${out}` : ''}`;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

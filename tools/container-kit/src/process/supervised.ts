/**
 * A long-running program (wireguard-go, a test server in a namespace) known by its PID and
 * ended by it. A small `/bin/sh` parent holds a pipe from this process: when this process dies
 * outright, the pipe closes and the parent sends SIGTERM to the program (after checking the PID
 * still runs that program), so nothing outlives a crashed test run.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { ContainerKitError } from '../errors.js';
import { isAlive } from './run.js';

export interface Supervised {
  /** The program's own PID (not the watchdog's). */
  readonly pid: number;
  /** Resolves with the exit status when the program ends. */
  readonly exited: Promise<number | null>;
  /** Its stdout and stderr so far (the last 64 KiB). */
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs` (default 5 s); resolves once it is gone. */
  stop(graceMs?: number): Promise<void>;
}

const SCRIPT = [
  'exec 3<&0',
  '"$@" </dev/null 1>&2 3<&- &',
  'child=$!',
  'echo "$child"',
  // The watchdog: our pipe closed (the test process died) → end the program if it is still it.
  '( read -r _ <&3 || true; [ "$(cat /proc/$child/comm 2>/dev/null)" = "$COMM" ] && kill -TERM "$child" ) 2>/dev/null &',
  'wait "$child"',
].join('\n');

const MAX_OUTPUT = 64 * 1024;

/**
 * Starts `argv`. `comm` is the program's process name once running (default: argv[0]'s base
 * name; give it for wrappers that exec, e.g. `ip netns exec ns wireguard-go` → `wireguard-go`).
 */
export async function startSupervised(
  argv: readonly string[],
  o: { readonly comm?: string; readonly startTimeoutMs?: number } = {},
): Promise<Supervised> {
  // `ip netns exec` and `env` exec the program: the process keeps the PID, the name changes.
  const comm = (o.comm ?? basename(argv[0] ?? '')).slice(0, 15);
  const child = spawn('/bin/sh', ['-c', SCRIPT, 'sh', ...argv], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, COMM: comm },
  });
  child.stdin.on('error', () => {});
  let out = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    out = (out + d).slice(-MAX_OUTPUT);
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const pid = await new Promise<number>((resolve, reject) => {
    let line = '';
    const timer = setTimeout(
      () => reject(new ContainerKitError('starting a process', `${argv.join(' ')}: no PID`)),
      o.startTimeoutMs ?? 10_000,
    );
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      line += d;
      const nl = line.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        resolve(Number(line.slice(0, nl)));
      }
    });
    child.once('exit', () => {
      clearTimeout(timer);
      reject(new ContainerKitError('starting a process', `${argv.join(' ')} did not start`));
    });
  });
  // The PID is printed right after the fork: resolve once it runs the program (after exec).
  const readyBy = Date.now() + (o.startTimeoutMs ?? 10_000);
  let done = false;
  void exited.then(() => {
    done = true;
  });
  while (commOf(pid) !== comm) {
    if (done || Date.now() > readyBy) {
      child.stdin.end();
      throw new ContainerKitError(
        'starting a process',
        `${argv.join(' ')} ${done ? 'exited' : `did not become ${comm}`}`,
        { details: out.slice(-2000) },
      );
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  const stop = async (graceMs = 5000) => {
    const running = () => isAlive(pid) && !isZombieOf(pid);
    if (running()) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // gone
      }
      const end = Date.now() + graceMs;
      while (running() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
      if (running()) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // gone
        }
      }
    }
    child.stdin.end();
    await exited;
  };
  return { pid, exited, output: () => out, stop };
}

function commOf(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return null;
  }
}

/** The program exited but its parent (our sh) has not reaped it yet. */
function isZombieOf(pid: number): boolean {
  try {
    return /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/**
 * An exclusive lock between processes (two vitest workers building the same
 * root), held by a `flock` child: the kernel drops it when that child's
 * stdin closes, so a crashed holder never leaves a stale lock behind.
 */
import { spawn } from 'node:child_process';
import { ContainerKitError } from '../errors.js';

export interface HeldLock {
  release(): void;
}

export function acquireLock(path: string, timeoutMs: number): Promise<HeldLock> {
  return new Promise((resolve, reject) => {
    // `cat` holds the lock until its stdin (our pipe) closes.
    const child = spawn(
      'flock',
      [
        '-x',
        '-w',
        String(Math.ceil(timeoutMs / 1000)),
        path,
        'sh',
        '-c',
        'echo locked; exec cat >/dev/null',
      ],
      {
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let errText = '';
    let held = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (!held && out.includes('locked\n')) {
        held = true;
        resolve({
          release: () => {
            child.stdin.end();
          },
        });
      }
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      errText += d;
    });
    child.stdin.on('error', () => {});
    child.on('error', (e) =>
      reject(new ContainerKitError(`locking ${path}`, 'flock could not start', { cause: e })),
    );
    child.on('close', (status) => {
      if (!held) {
        reject(
          new ContainerKitError(
            `locking ${path}`,
            status === 1
              ? `still held by another process after ${timeoutMs} ms`
              : `flock exited with ${status}`,
            { details: errText.trim() || undefined },
          ),
        );
      }
    });
  });
}

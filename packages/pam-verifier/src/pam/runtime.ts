/**
 * The outside world of a helper process, as one object: tests run the
 * helpers' logic in-process with their own clock, randomness and I/O.
 */
import { closeSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { err, type Result } from 'neverthrow';
import { parseVmLoginConfig, VM_LOGIN_CONFIG_PATH, type VmLoginConfig } from '../config/config.js';
import { LoginConfigError } from '../errors.js';

export interface HelperRuntime {
  argv: readonly string[];
  env: Record<string, string | undefined>;
  ppid: number;
  /** Unix ms. */
  now: () => number;
  randomBytes: (length: number) => Uint8Array;
  hostname: () => string;
  /** Text for the user (the challenge helper's stdout goes to the PAM conversation). */
  write: (text: string) => void;
  /** Reads stdin to EOF, keeping at most `maxBytes` (the rest is drained and dropped). */
  readStdin: (maxBytes: number) => string;
  readFile: (path: string) => string;
  sleep: (ms: number) => Promise<void>;
}

function readStdinBounded(maxBytes: number): string {
  const keep = Buffer.alloc(maxBytes + 1);
  let kept = 0;
  const chunk = Buffer.alloc(65536);
  // Drain up to 1 MiB so the writer (pam_exec) is never left blocked; keep the first maxBytes+1.
  for (let total = 0; total < 1024 * 1024; ) {
    let n: number;
    try {
      n = readSync(0, chunk, 0, chunk.length, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') continue;
      break;
    }
    if (n === 0) break;
    total += n;
    const take = Math.min(n, keep.length - kept);
    if (take > 0) {
      chunk.copy(keep, kept, 0, take);
      kept += take;
    }
  }
  return keep.subarray(0, kept).toString('utf8');
}

/**
 * Kernel CSPRNG bytes read from /dev/urandom: the same source as node:crypto,
 * without loading node:crypto into the challenge helper.
 */
function readUrandom(length: number): Uint8Array {
  const out = Buffer.alloc(length);
  const fd = openSync('/dev/urandom', 'r');
  try {
    for (let got = 0; got < length; ) {
      const n = readSync(fd, out, got, length - got, null);
      if (n <= 0) throw new Error('/dev/urandom returned no bytes');
      got += n;
    }
  } finally {
    closeSync(fd);
  }
  return new Uint8Array(out.buffer, out.byteOffset, length);
}

/** The real process: argv, environment, parent pid, clock, stdin/stdout. */
export function processRuntime(): HelperRuntime {
  return {
    argv: process.argv.slice(2),
    env: process.env,
    ppid: process.ppid,
    now: Date.now,
    // Loaded on first use: every module a helper loads costs each SSH login start-up time.
    randomBytes: readUrandom,
    hostname: () => process.getBuiltinModule('node:os').hostname(),
    // fd 1 directly: touching process.stdout loads net and stream (a pipe is a socket to Node).
    write: (text) => {
      writeFileSync(1, text);
    },
    readStdin: readStdinBounded,
    readFile: (path) => readFileSync(path, 'utf8'),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  };
}

/** `--config <path>` (default /etc/blockhost/vm-login.json). */
export function configPathFrom(argv: readonly string[]): string {
  const i = argv.indexOf('--config');
  const v = i >= 0 ? argv[i + 1] : undefined;
  return v ?? VM_LOGIN_CONFIG_PATH;
}

export function loadConfig(rt: HelperRuntime): Result<VmLoginConfig, LoginConfigError> {
  const path = configPathFrom(rt.argv);
  let text: string;
  try {
    text = rt.readFile(path);
  } catch (e) {
    return err(
      new LoginConfigError('file', `readable at ${path}`, {
        details: e instanceof Error ? e.message : String(e),
      }),
    );
  }
  return parseVmLoginConfig(text);
}

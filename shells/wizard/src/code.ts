/**
 * The one-time code that opens the wizard: shown on the console and in the
 * journal, 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L),
 * valid 4 hours, good for one session, locked after 10 wrong tries. Only its
 * hash and counters are kept (mode 0600), so a restart keeps the lock.
 */
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 8;
export const CODE_LIFETIME_MS = 4 * 3600_000;
export const CODE_MAX_TRIES = 10;

export type CodeVerdict = 'ok' | 'wrong' | 'expired' | 'locked' | 'used';

interface CodeRecord {
  hash: string;
  expiresAt: number;
  wrongTries: number;
  used: boolean;
}

const hashOf = (code: string) => createHash('sha256').update(code).digest('hex');

/** Upper-cases and drops spaces and dashes: `abcd-efgh` is `ABCDEFGH`. */
export function normalizeCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

/** `ABCDEFGH` shown as `ABCD-EFGH`. */
export function displayCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

export class OneTimeCode {
  #r: CodeRecord;
  constructor(
    private readonly file: string,
    private readonly now: () => number,
    record: CodeRecord,
  ) {
    this.#r = record;
  }

  /** A fresh code (replacing any earlier one); the code itself is returned once, here. */
  static create(file: string, now: () => number): { code: string; store: OneTimeCode } {
    let code = '';
    for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
    const store = new OneTimeCode(file, now, {
      hash: hashOf(code),
      expiresAt: now() + CODE_LIFETIME_MS,
      wrongTries: 0,
      used: false,
    });
    store.#save();
    return { code, store };
  }

  get expiresAt(): number {
    return this.#r.expiresAt;
  }
  get locked(): boolean {
    return this.#r.wrongTries >= CODE_MAX_TRIES;
  }
  get used(): boolean {
    return this.#r.used;
  }
  get triesLeft(): number {
    return Math.max(0, CODE_MAX_TRIES - this.#r.wrongTries);
  }

  /** Checks a typed code; a right one is used up by this call. */
  verify(input: string): CodeVerdict {
    if (this.locked) return 'locked';
    if (this.#r.used) return 'used';
    if (this.now() > this.#r.expiresAt) return 'expired';
    const a = Buffer.from(hashOf(normalizeCode(input)), 'hex');
    const b = Buffer.from(this.#r.hash, 'hex');
    if (!timingSafeEqual(a, b)) {
      this.#r.wrongTries++;
      this.#save();
      return this.locked ? 'locked' : 'wrong';
    }
    this.#r.used = true;
    this.#save();
    return 'ok';
  }

  #save(): void {
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.#r), { mode: 0o600 });
    renameSync(tmp, this.file);
  }

  static read(file: string, now: () => number): OneTimeCode | null {
    try {
      return new OneTimeCode(file, now, JSON.parse(readFileSync(file, 'utf8')) as CodeRecord);
    } catch {
      return null;
    }
  }
}

/** The console fragment (/etc/issue.d): where to go and the code, or why not. */
export function issueText(
  s:
    | { kind: 'code'; urls: string[]; code: string; expiresAt: number }
    | { kind: 'locked' }
    | { kind: 'in-use' },
): string {
  const head = '\nBlockHost first-boot setup\n';
  if (s.kind === 'locked') {
    return `${head}  LOCKED: the one-time code was entered wrong 10 times.\n  For a new code, log in here and run: systemctl restart blockhost-wizard\n\n`;
  }
  if (s.kind === 'in-use') {
    return `${head}  The wizard is open in a browser (the one-time code was used).\n  For a new code: systemctl restart blockhost-wizard\n\n`;
  }
  const until = new Date(s.expiresAt).toISOString().slice(11, 16);
  return `${head}  Open ${s.urls.join(' or ')} in a browser\n  and enter the one-time code:  ${displayCode(s.code)}   (valid until ${until} UTC)\n\n`;
}

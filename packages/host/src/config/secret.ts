import { inspect } from 'node:util';

/**
 * A secret value that refuses to be printed: logging, JSON and `util.inspect`
 * all show `[redacted]`, so a stray `log.info({ config })` leaks nothing.
 */
export class Secret<T = string> {
  readonly #value: T;
  constructor(value: T) {
    this.#value = value;
  }
  reveal(): T {
    return this.#value;
  }
  toJSON(): string {
    return '[redacted]';
  }
  toString(): string {
    return '[redacted]';
  }
  [inspect.custom](): string {
    return 'Secret([redacted])';
  }
}

/**
 * The host layer's file writers (`@blockhost/host` setup/files: atomic, modes
 * kept, secrets never readable by others) with the CLI's errors.
 */
import * as host from '@blockhost/host';
import type { Result } from 'neverthrow';
import type { Document } from 'yaml';
import { CliError, EXIT } from './framework/errors.js';

function orThrow<T>(r: Result<T, host.SetupError>): T {
  if (r.isErr()) {
    throw new CliError(
      r.error.shortMessage,
      r.error.kind === 'input' ? EXIT.usage : EXIT.failed,
      r.error.hint,
    );
  }
  return r.value;
}

/** Replaces `path` with `content` atomically, created with its final mode. */
export function writeFileAtomic(path: string, content: string, mode: number): void {
  orThrow(host.writeFileAtomic(path, content, mode));
}

/** Writes a secret to its file: 0600 for a new file, never readable by other users. */
export function writeSecretFile(path: string, secret: string): void {
  orThrow(host.writeSecretFile(path, secret));
}

/** Reads a YAML config file as a Document (comments kept), or fails naming the file. */
export function readYamlDocument(path: string): Document {
  return orThrow(host.readYamlDocument(path));
}

/** Writes a YAML Document back over its file, keeping the file's mode. */
export function writeYamlDocument(path: string, doc: Document): void {
  orThrow(host.writeYamlDocument(path, doc));
}

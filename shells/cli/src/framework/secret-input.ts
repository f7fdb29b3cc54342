/**
 * Secrets come into the CLI from a file or from stdin, never from argv (which
 * every user on the host can read in /proc and which lands in shell history).
 */
import { readSecretFileChecked } from '@blockhost/host';
import { CliError, EXIT } from './errors.js';

/**
 * Reads a secret file, refusing one that other users can read: the daemon's
 * own check (`readSecretFileChecked`), so both programs accept the same files.
 */
export function readSecretFile(path: string, what: string): string {
  const r = readSecretFileChecked(path, what);
  if (!r.ok) throw new CliError(`${path}: ${r.message}`, EXIT.usage, r.hint ?? undefined);
  return r.text;
}

/** Reads all of stdin; on a terminal, asks for one line without echoing it. */
export async function readSecretStdin(
  prompt: string,
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (on: boolean) => unknown },
  stderr: NodeJS.WritableStream,
): Promise<string> {
  if (stdin.isTTY && typeof stdin.setRawMode === 'function') {
    stderr.write(prompt);
    return new Promise((resolve, reject) => {
      let line = '';
      const setRaw = stdin.setRawMode!.bind(stdin);
      setRaw(true);
      stdin.resume();
      const done = (fn: () => void) => {
        setRaw(false);
        stdin.pause();
        stdin.removeListener('data', onData);
        stderr.write('\n');
        fn();
      };
      const onData = (chunk: Buffer | string) => {
        for (const ch of chunk.toString('utf8')) {
          if (ch === '\r' || ch === '\n') return done(() => resolve(line));
          if (ch === '\u0003') return done(() => reject(new CliError('cancelled', EXIT.failed)));
          if (ch === '\u007f' || ch === '\b') line = line.slice(0, -1);
          else line += ch;
        }
      };
      stdin.on('data', onData);
    });
  }
  const chunks: Buffer[] = [];
  for await (const c of stdin) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(String(c)));
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The libraries log JSON lines for journald (the daemon's way). At a
 * terminal those read badly, so the CLI turns each into one plain line on
 * stderr, never on stdout where --json output goes.
 */
import { terminalSafe } from './terminal-text.js';

const LEVELS: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warning',
  50: 'error',
  60: 'fatal',
};
const SKIP = new Set(['level', 'time', 'service', 'pid', 'hostname', 'msg']);

function value(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

export function humanLogLine(line: string): string {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return `${terminalSafe(line.replace(/\n$/, ''))}\n`;
  }
  const level = LEVELS[Number(o.level)] ?? 'log';
  const fields = Object.entries(o)
    .filter(([k]) => !SKIP.has(k))
    .map(([k, v]) => `${k}=${value(v)}`);
  const text = `${level}: ${String(o.msg ?? '')}${fields.length ? ` (${fields.join(', ')})` : ''}`;
  return `${terminalSafe(text, { singleLine: true })}\n`;
}

/** A pino destination writing plain lines to `stderr`. */
export function humanLogDestination(stderr: NodeJS.WritableStream): { write(s: string): boolean } {
  return {
    write(s: string) {
      for (const line of s.split('\n')) if (line.trim()) stderr.write(humanLogLine(line));
      return true;
    },
  };
}

/**
 * The environment the shipped systemd unit gives blockhostd (its `Environment=`
 * lines), so a daemon spawned here runs as the host runs it and the bench
 * measures what ships.
 */
import { readFileSync } from 'node:fs';
import { REPO } from './paths.js';

export const DAEMON_UNIT = `${REPO}image/systemd/blockhost-monitor.service`;

/**
 * `KEY=value` assignments of every `Environment=` line of a unit's text (systemd's syntax:
 * several per line, separated by spaces, an assignment with spaces in double quotes).
 */
export function unitEnvironment(text: string, name = 'unit'): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [, line] of text.matchAll(/^Environment=(.*)$/gm)) {
    for (const word of line!.match(/"[^"]*"|\S+/g) ?? []) {
      const a = word.startsWith('"') ? word.slice(1, -1) : word;
      const eq = a.indexOf('=');
      if (eq <= 0)
        throw new Error(`${name}: Environment= expects KEY=value, got ${JSON.stringify(a)}`);
      env[a.slice(0, eq)] = a.slice(eq + 1);
    }
  }
  return env;
}

/** The environment of blockhost-monitor.service (image/systemd). */
export function daemonUnitEnvironment(): Record<string, string> {
  return unitEnvironment(readFileSync(DAEMON_UNIT, 'utf8'), DAEMON_UNIT);
}

/**
 * Temporary paths of a build in flight, so an interrupted build (SIGINT,
 * SIGTERM) still leaves no partial ISO behind.
 */
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';

const live = new Set<string>();
const children = new Set<ChildProcess>();

/** A running external tool (xorriso, the assistant) to stop with the build. */
export function trackChild(child: ChildProcess): void {
  children.add(child);
  child.once('exit', () => children.delete(child));
}

export function track(path: string): void {
  live.add(path);
}

export function untrack(path: string): void {
  live.delete(path);
}

/**
 * Stops tracked tools and removes every tracked path now (synchronously:
 * also usable from a signal handler).
 */
export function removeTracked(): void {
  for (const c of children) c.kill('SIGTERM');
  children.clear();
  for (const p of live) rmSync(p, { recursive: true, force: true });
  live.clear();
}

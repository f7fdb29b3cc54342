import { randomUUID } from 'node:crypto';
import type { Db } from './open.js';

/** A lease is stale when its holder stopped beating (crashed without cleanup). */
const STALE_MS = 30_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Only one process on the host runs jobs at a time: the daemon, or the CLI
 * when no daemon runs. A holder that died (SIGKILL) is detected by its pid,
 * so a restarted daemon takes over at once instead of waiting for expiry.
 */
export class RunnerLease {
  readonly owner: string;
  #timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    readonly role: string,
    private readonly clock: () => number = Date.now,
  ) {
    this.owner = `${role}:${process.pid}:${randomUUID()}`;
  }

  /** Current holder, if any holder is alive. */
  holder(): { owner: string; pid: number; heartbeatAt: number } | null {
    const r = this.db
      .prepare('SELECT owner, pid, heartbeat_at FROM runner_lease WHERE id = 1')
      .get() as { owner: string; pid: number; heartbeat_at: number } | undefined;
    if (!r) return null;
    if (r.owner !== this.owner && (!alive(r.pid) || this.clock() - r.heartbeat_at > STALE_MS))
      return null;
    return { owner: r.owner, pid: r.pid, heartbeatAt: r.heartbeat_at };
  }

  tryAcquire(): boolean {
    return this.db
      .transaction(() => {
        const h = this.holder();
        if (h && h.owner !== this.owner) return false;
        this.db
          .prepare(
            `INSERT INTO runner_lease (id, owner, pid, heartbeat_at) VALUES (1, ?, ?, ?)
             ON CONFLICT (id) DO UPDATE SET owner = excluded.owner, pid = excluded.pid, heartbeat_at = excluded.heartbeat_at`,
          )
          .run(this.owner, process.pid, this.clock());
        if (!this.#timer) {
          this.#timer = setInterval(() => this.#beat(), 5_000);
          this.#timer.unref();
        }
        return true;
      })
      .immediate();
  }

  #beat(): void {
    try {
      this.db
        .prepare('UPDATE runner_lease SET heartbeat_at = ? WHERE id = 1 AND owner = ?')
        .run(this.clock(), this.owner);
    } catch {
      // The next beat retries; a missed one only matters after 30 s.
    }
  }

  release(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    try {
      this.db.prepare('DELETE FROM runner_lease WHERE id = 1 AND owner = ?').run(this.owner);
    } catch {
      // Closing anyway: a dead holder's lease is taken over by pid check.
    }
  }
}

/** A counting semaphore: at most `limit` holders at once, FIFO. */
export class Semaphore {
  private active = 0;
  private readonly queue: Array<() => void> = [];
  constructor(readonly limit: number) {}

  async acquire(): Promise<() => void> {
    if (this.active >= this.limit) await new Promise<void>((r) => this.queue.push(r));
    else this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.queue.shift();
      if (next) next();
      else this.active--;
    };
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  }
}

/** One semaphore per key (e.g. per `node/storage`), created on first use. */
export class KeyedSemaphore {
  private readonly sems = new Map<string, Semaphore>();
  constructor(readonly limit: number) {}
  run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    let s = this.sems.get(key);
    if (!s) {
      s = new Semaphore(this.limit);
      this.sems.set(key, s);
    }
    return s.run(fn);
  }
}

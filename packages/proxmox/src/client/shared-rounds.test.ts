import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sharedRounds } from './shared-rounds.js';

const tick = () => new Promise<void>((r) => setTimeout(r, 0));

describe('sharedRounds', () => {
  it('answers each call from a request sent after it, sharing requests among calls that came together', async () => {
    await fc.assert(
      fc.asyncProperty(
        // When each call comes (in ticks) and how many ticks each request takes.
        fc.array(fc.nat(6), { minLength: 1, maxLength: 24 }),
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 8 }),
        async (callTicks, requestTicks) => {
          let version = 0;
          let sent = 0;
          let underWay = 0;
          let mostAtOnce = 0;
          const list = sharedRounds(async () => {
            const seen = version;
            underWay++;
            mostAtOnce = Math.max(mostAtOnce, underWay);
            const ticks = requestTicks[sent++ % requestTicks.length]!;
            for (let i = 0; i < ticks; i++) await tick();
            underWay--;
            return seen;
          });
          const calls: Promise<void>[] = [];
          const order = [...callTicks].sort((a, b) => a - b);
          let now = 0;
          for (const at of order) {
            for (; now < at; now++) await tick();
            // Something changes, then the call: its answer must show the change.
            const mustSee = ++version;
            calls.push(list().then((seen) => expect(seen).toBeGreaterThanOrEqual(mustSee)));
          }
          await Promise.all(calls);
          expect(mostAtOnce).toBe(1);
          expect(sent).toBeLessThanOrEqual(callTicks.length);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('sends two requests for a burst of calls made while one is under way', async () => {
    let sent = 0;
    const list = sharedRounds(async () => {
      sent++;
      await tick();
      return sent;
    });
    const first = list();
    const burst = Array.from({ length: 15 }, () => list());
    expect(await first).toBe(1);
    expect(await Promise.all(burst)).toEqual(Array(15).fill(2));
    expect(sent).toBe(2);
    // Afterwards a call sends at once.
    expect(await list()).toBe(3);
  });

  it('passes a failure to the calls that shared the request, and the next call tries again', async () => {
    let sent = 0;
    const list = sharedRounds(async () => {
      sent++;
      await tick();
      if (sent === 2) throw new Error('node unreachable');
      return sent;
    });
    const first = list();
    const shared = [list(), list()];
    expect(await first).toBe(1);
    for (const r of await Promise.allSettled(shared)) {
      expect(r.status === 'rejected' && (r.reason as Error).message).toBe('node unreachable');
    }
    expect(await list()).toBe(3);
  });
});

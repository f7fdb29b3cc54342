import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateVmid, countFreeVmids } from './vmid.js';

describe('allocateVmid', () => {
  it('takes the lowest free id', () => {
    expect(allocateVmid({ start: 100, end: 105 }, [100, 101, 103])._unsafeUnwrap()).toBe(102);
  });
  it('is a typed error when the range is full', () => {
    const e = allocateVmid({ start: 100, end: 102 }, [100, 101, 102])._unsafeUnwrapErr();
    expect(e.code).toBe('POOL_EXHAUSTED');
    expect(e.message).toContain('100-102');
  });
  it('rejects a range outside what Proxmox accepts', () => {
    expect(allocateVmid({ start: 50, end: 200 }, [])._unsafeUnwrapErr().code).toBe('INVALID_INPUT');
    expect(allocateVmid({ start: 300, end: 200 }, [])._unsafeUnwrapErr().code).toBe(
      'INVALID_INPUT',
    );
  });
  it('never returns a taken or out-of-range id, and is deterministic', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 5000 }),
        fc.integer({ min: 0, max: 50 }),
        fc.array(fc.integer({ min: 90, max: 5100 })),
        (start, width, taken) => {
          const range = { start, end: start + width };
          const a = allocateVmid(range, taken);
          const b = allocateVmid(range, [...taken].reverse());
          expect(a).toEqual(b);
          if (a.isOk()) {
            expect(taken).not.toContain(a.value);
            expect(a.value).toBeGreaterThanOrEqual(range.start);
            expect(a.value).toBeLessThanOrEqual(range.end);
          } else {
            expect(countFreeVmids(range, taken)).toBe(0);
          }
        },
      ),
    );
  });
});

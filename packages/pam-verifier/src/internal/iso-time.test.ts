import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoTimestamp } from './iso-time.js';

describe('isoTimestamp', () => {
  it('equals Date#toISOString for any time from 1970 to 9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 253402300799999 }), (ms) => {
        expect(isoTimestamp(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 5000 },
    );
    for (const ms of [0, 951782400000, 951868800000, 4107542400000, 1764163985364, 253402300799999])
      expect(isoTimestamp(ms)).toBe(new Date(ms).toISOString());
  });

  it('hands anything else to Date', () => {
    expect(isoTimestamp(-1)).toBe(new Date(-1).toISOString());
    expect(isoTimestamp(1.5)).toBe(new Date(1.5).toISOString());
  });
});

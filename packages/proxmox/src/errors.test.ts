import { describe, expect, it } from 'vitest';
import { GuestCommandError } from './errors.js';

describe('GuestCommandError', () => {
  it("keeps only the start of a guest's stderr in its details (the customer controls its length)", () => {
    const stderr = `usermod: ${'\u001b[2J'.repeat(100_000)}`;
    const e = new GuestCommandError(101, ['usermod', '-c', 'x', 'user'], 1, stderr);
    expect(e.details!.length).toBeLessThanOrEqual(2048);
    expect(e.details).toMatch(/^usermod: /);
    expect(e.details).toMatch(/… \[\d+ more characters\]$/);
    expect(new GuestCommandError(101, ['true'], 1, ' short \n').details).toBe('short');
  });
});

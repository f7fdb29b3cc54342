import { describe, expect, it } from 'vitest';
import { readCommittedArtifacts, renderArtifacts } from './compile-contracts.js';

describe('generated contract artifacts', () => {
  it('are up to date with contracts/*.sol (else run `npm run build:contracts -w @blockhost/chain`)', () => {
    const fresh = renderArtifacts();
    const committed = readCommittedArtifacts();
    expect(Object.keys(committed).sort()).toEqual(Object.keys(fresh).sort());
    const stale = Object.keys(fresh).filter((name) => fresh[name] !== committed[name]);
    expect(stale, `stale generated files: ${stale.join(', ')}`).toEqual([]);
  }, 120_000);
});

import {
  brokerRegistryAbi as clientRegistryAbi,
  brokerRequestsAbi as clientRequestsAbi,
} from '@blockhost/chain';
import { describe, expect, it } from 'vitest';
import {
  readCommittedBrokerArtifacts,
  renderBrokerArtifacts,
} from '../src/build/compile-contracts.js';
import { brokerRegistryAbi, brokerRequestsAbi } from '../src/index.js';

describe('the reference broker contracts', () => {
  it('committed artifacts match contracts/*.sol (else `npm run build:contracts -w @blockhost/broker-kit`)', () => {
    const fresh = renderBrokerArtifacts();
    const committed = readCommittedBrokerArtifacts();
    const stale = Object.keys(fresh).filter((f) => fresh[f] !== committed[f]);
    expect(stale).toEqual([]);
  }, 120_000);

  it('implement every fragment of the client ABI in @blockhost/chain, exactly', () => {
    const key = (f: { type: string; name?: string }) => `${f.type}:${f.name ?? ''}`;
    // Deep, with keys in order, and `anonymous: false` the same as absent.
    const norm = (x: unknown): unknown =>
      Array.isArray(x)
        ? x.map(norm)
        : typeof x === 'object' && x !== null
          ? Object.fromEntries(
              Object.entries(x)
                .filter(([k, v]) => !(k === 'anonymous' && v === false))
                .sort(([a], [b]) => a.localeCompare(b))
                .map(([k, v]) => [k, norm(v)]),
            )
          : x;
    for (const [client, compiled] of [
      [clientRegistryAbi, brokerRegistryAbi],
      [clientRequestsAbi, brokerRequestsAbi],
    ] as const) {
      const byKey = new Map(
        (compiled as readonly { type: string; name?: string }[]).map((f) => [key(f), f]),
      );
      for (const f of client) {
        const c = byKey.get(key(f));
        expect(c, `${key(f)} missing in the reference contract`).toBeDefined();
        expect(norm(c)).toEqual(norm(f));
      }
    }
  });
});

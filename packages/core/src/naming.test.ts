import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deploymentTag, parseVmDescription, vmDescription, vmName, vmTags } from './naming.js';

const d = { chainId: 31337, contract: '0x5FbDB2315678afecb367f032d93F642f64180aa3' as const };
const DNS_LABEL = /^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;
const PVE_TAG = /^[a-z0-9_][a-z0-9_+.-]*$/;

describe('naming', () => {
  it('derives a readable VM name and tags', () => {
    expect(vmName(d, 42n)._unsafeUnwrap()).toBe('bh-31337-5fbdb231-42');
    expect(vmTags(d, 42n)._unsafeUnwrap()).toEqual(['blockhost', 'bhd-31337-5fbdb231', 'sub-42']);
  });
  it('gives a redeployed contract other names', () => {
    const other = { ...d, contract: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512' as const };
    expect(vmName(other, 42n)._unsafeUnwrap()).not.toBe(vmName(d, 42n)._unsafeUnwrap());
    expect(deploymentTag(other)._unsafeUnwrap()).not.toBe(deploymentTag(d)._unsafeUnwrap());
  });
  it('always yields DNS labels and PVE tags, or a typed error', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
        fc.uint8Array({ minLength: 20, maxLength: 20 }),
        fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }),
        (chainId, bytes, sub) => {
          const contract = `0x${Buffer.from(bytes).toString('hex')}` as const;
          const name = vmName({ chainId, contract }, sub);
          if (name.isOk()) expect(name.value).toMatch(DNS_LABEL);
          else expect(name.error.code).toBe('INVALID_INPUT');
          for (const tag of vmTags({ chainId, contract }, sub)._unsafeUnwrap())
            expect(tag).toMatch(PVE_TAG);
        },
      ),
    );
  });
  it('rejects bad deployments', () => {
    expect(vmName({ chainId: 0, contract: d.contract }, 1n).isErr()).toBe(true);
    expect(vmName({ chainId: 1, contract: '0x12' }, 1n).isErr()).toBe(true);
    expect(vmName(d, -1n).isErr()).toBe(true);
  });
  it('round-trips owner metadata through the description', () => {
    const meta = {
      ...d,
      subscriptionId: 7n,
      owner: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as const,
      tokenId: 3n,
    };
    expect(parseVmDescription(vmDescription(meta))).toEqual(meta);
    expect(parseVmDescription('some VM someone made by hand')).toBeNull();
    expect(parseVmDescription('blockhost-meta: {not json')).toBeNull();
  });
  it('keeps the purchase transaction; a malformed one is left out, not guessed', () => {
    const meta = {
      ...d,
      subscriptionId: 7n,
      owner: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as const,
      purchase: `0x${'ab'.repeat(32)}` as const,
    };
    const back = parseVmDescription(vmDescription(meta));
    expect(back?.purchase).toBe(meta.purchase);
    const bad = vmDescription(meta).replace(meta.purchase, '0x1234');
    expect(parseVmDescription(bad)).not.toBeNull();
    expect(parseVmDescription(bad)?.purchase).toBeUndefined();
  });
});

import { parseConfig } from '@blockhost/core';
import { renderConfigFiles } from '@blockhost/host';
import { describe, expect, it } from 'vitest';
import { configValues } from '../src/finalize/run.js';
import { layoutSchema } from '../src/layout.js';
import type { Settings } from '../src/settings.js';
import { parseIpv6 } from '../src/web/steps.js';

const REGISTRY = '0x5fbdb2315678afecb367f032d93f642f64180aa3';
const REQUESTS = '0xe7f1725e7734ce288f8367e1bb143e90bb3f0512';

const settings = (ipv6: Settings['ipv6']): Settings => ({
  network: {
    bridge: 'vmbr0',
    cidr: '10.77.0.0/24',
    gateway: '10.77.0.1',
    rangeStart: '10.77.0.100',
    rangeEnd: '10.77.0.200',
    dns: ['10.77.0.1'],
    reserved: [],
  },
  storage: {
    vmStorage: 'local-lvm',
    snippetsStorage: 'local',
    snippetsDir: '/var/lib/vz/snippets',
    importStorage: 'local',
  },
  chain: {
    chainId: 31337,
    rpcUrls: ['https://rpc.example'],
    mode: 'new',
    deployer: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
    admin: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
    serverFundingWei: '0',
    paymentTokens: [],
    plan: { name: 'small', priceCents: '100', cores: 1, memoryMiB: 1024, diskGiB: 10 },
    graceDays: 7,
  },
  proxmox: {
    apiUrl: 'https://pve.example:8006',
    fingerprint: Array.from({ length: 32 }, () => 'AB').join(':'),
    nodes: ['pve1'],
    localNode: 'pve1',
    userid: 'blockhost@pve',
    tokenName: 'blockhost',
    roleId: 'BlockHost',
    pool: 'blockhost',
    template: { mode: 'existing', vmid: 9000 },
  },
  ipv6,
});

describe('the IPv6 step', () => {
  it('takes a tunnel broker by its two contracts, checksummed', () => {
    const r = parseIpv6({ mode: 'broker', registry: REGISTRY, requests: REQUESTS, prefix: '' });
    expect(r).toEqual({
      ok: true,
      value: {
        mode: 'broker',
        broker: {
          registry: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
          requests: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512',
        },
      },
    });
  });

  it('names the missing or malformed contract field', () => {
    const missing = parseIpv6({ mode: 'broker', registry: '', requests: REQUESTS });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(Object.keys(missing.errors)).toContain('registry');
    const bad = parseIpv6({ mode: 'broker', registry: REGISTRY, requests: '0x1234' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.requests).toMatch(/address/i);
  });

  it('refuses a mode it does not know, and keeps none and manual as they were', () => {
    const r = parseIpv6({ mode: 'tunnel' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.mode).toBe('expected none, manual or broker');
    expect(parseIpv6({ mode: 'off' })).toEqual({ ok: true, value: { mode: 'off' } });
    expect(parseIpv6({ mode: 'manual', prefix: '2001:db8:42::/120' })).toEqual({
      ok: true,
      value: { mode: 'manual', prefix: '2001:db8:42::/120' },
    });
  });

  it('writes a db.yaml the daemon reads back in broker mode', () => {
    const parsed = parseIpv6({ mode: 'broker', registry: REGISTRY, requests: REQUESTS });
    if (!parsed.ok) throw new Error('broker settings refused');
    const values = configValues(settings(parsed.value), layoutSchema.parse({}), {
      serverAddress: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
      contracts: { subscriptions: REGISTRY, nft: REQUESTS, deployBlock: '1' },
      planId: '1',
    });
    const rendered = renderConfigFiles(values);
    if (rendered.isErr()) throw new Error(JSON.stringify(rendered.error));
    const texts = rendered.value;
    const db = parseConfig('db', texts.db)._unsafeUnwrap();
    expect(db.ipv6.mode).toBe('broker');
    expect(db.ipv6.broker?.registry.toLowerCase()).toBe(REGISTRY);
    expect(db.ipv6.broker?.requests.toLowerCase()).toBe(REQUESTS);
    expect(db.ipv6.prefix).toBeUndefined();
  });
});

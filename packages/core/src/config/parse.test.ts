import { describe, expect, it } from 'vitest';
import { DEFAULTS } from './defaults.js';
import { formatConfigIssue, parseConfig, validateConfig } from './parse.js';

const DB_OK = `
ipv4_pool:
  cidr: 10.0.0.0/24
  gateway: 10.0.0.1
  range: { start: 10.0.0.100, end: 10.0.0.200 }
`;

const WEB3_OK = `
chain_id: 31337
rpc_url: http://127.0.0.1:8545
contracts:
  subscriptions: "0x5FbDB2315678afecb367f032d93F642f64180aa3"
  nft: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512"
`;

const BLOCKHOST_OK = `
proxmox:
  api_url: https://127.0.0.1:8006
  token_id: blockhost@pve!blockhost
  nodes: [pve]
  template_vmid: 9000
  storage: local-lvm
`;

function problems(kind: 'db' | 'web3' | 'blockhost', text: string): string[] {
  const r = parseConfig(kind, text);
  if (r.isOk()) throw new Error('expected a config error');
  return r.error.issues.map(formatConfigIssue);
}

describe('db.yaml', () => {
  it('fills every default', () => {
    const c = parseConfig('db', DB_OK)._unsafeUnwrap();
    expect(c.grace_days).toBe(7);
    expect(c.suspend_mode).toBe('shutdown');
    expect(c.vmid_range).toEqual(DEFAULTS.db.vmid_range);
    expect(c.database_path).toBe('/var/lib/blockhost/blockhost.db');
    expect(c.ipv4_pool.dns).toEqual(['1.1.1.1', '9.9.9.9']);
    expect(c.ipv6).toEqual({ mode: 'off' });
    expect(c.reprovision_after_destroy).toBe(true);
  });
  it('names file, line, key and expectation for a gateway outside the pool', () => {
    const text = DB_OK.replace('gateway: 10.0.0.1', 'gateway: 10.0.1.1');
    expect(problems('db', text)).toEqual(['db.yaml:4: ipv4_pool.gateway: not inside 10.0.0.0/24']);
  });
  it('catches a range outside the CIDR', () => {
    const text = DB_OK.replace('end: 10.0.0.200', 'end: 10.0.2.200');
    expect(problems('db', text)).toEqual([
      'db.yaml:5: ipv4_pool.range.end: not inside 10.0.0.0/24',
    ]);
  });
  it('catches a CIDR with host bits and suggests the fix', () => {
    expect(problems('db', DB_OK.replace('10.0.0.0/24', '10.0.0.7/24'))[0]).toMatch(
      /^db\.yaml:3: ipv4_pool\.cidr: .*host bits.*did you mean 10\.0\.0\.0\/24/,
    );
  });
  it('reports every problem at once', () => {
    const text = `${DB_OK}grace_days: 120\nvmid_range: { start: 5000, end: 4000 }\nsuspend_mode: sleep\ncolour: blue\n`;
    const list = problems('db', text);
    expect(list).toHaveLength(4);
    expect(list).toContainEqual(
      expect.stringMatching(/^db\.yaml:6: grace_days: .*(<=|at most).*90/i),
    );
    expect(list).toContainEqual('db.yaml:7: vmid_range.end: start must not exceed end');
    expect(list).toContainEqual(
      expect.stringMatching(/^db\.yaml:8: suspend_mode: .*"shutdown"\|"hibernate"/),
    );
    expect(list).toContainEqual('db.yaml:9: colour: unknown key');
  });
  it('bounds the grace period to 1..90 days', () => {
    expect(parseConfig('db', `${DB_OK}grace_days: 0\n`).isErr()).toBe(true);
    expect(parseConfig('db', `${DB_OK}grace_days: 1\n`).isOk()).toBe(true);
    expect(parseConfig('db', `${DB_OK}grace_days: 90\n`).isOk()).toBe(true);
    expect(parseConfig('db', `${DB_OK}grace_days: 2.5\n`).isErr()).toBe(true);
  });
  it('requires a prefix in manual IPv6 mode and checks it', () => {
    expect(problems('db', `${DB_OK}ipv6: { mode: manual }\n`)).toEqual([
      'db.yaml:6: ipv6.prefix: required when mode is manual',
    ]);
    expect(
      problems('db', `${DB_OK}ipv6: { mode: manual, prefix: "2001:db8::/127" }\n`)[0],
    ).toContain('ipv6.prefix');
    expect(
      parseConfig('db', `${DB_OK}ipv6: { mode: manual, prefix: "2001:db8::/120" }\n`).isOk(),
    ).toBe(true);
  });
  it('refuses a manual prefix that is not a /120 routed to this host, naming what to give', () => {
    expect(problems('db', `${DB_OK}ipv6: { mode: manual, prefix: "2001:db8:1:2::/64" }\n`)).toEqual(
      [
        'db.yaml:6: ipv6.prefix: expected a /120 routed to this host (prefix+1 the gateway, prefix+2 … for VMs), got a /64 (route a /120 of it to this host and give that, e.g. 2001:db8:1:2::/120)',
      ],
    );
    expect(problems('db', `${DB_OK}ipv6: { mode: manual, prefix: "2001:db8::105/120" }\n`)).toEqual(
      ['db.yaml:6: ipv6.prefix: host bits are set in the prefix (did you mean 2001:db8::100/120?)'],
    );
    expect(problems('db', `${DB_OK}ipv6: { mode: manual, prefix: "2001:db8::" }\n`)).toEqual([
      'db.yaml:6: ipv6.prefix: expected an IPv6 prefix like 2001:db8::/120',
    ]);
    expect(problems('db', `${DB_OK}ipv6: { mode: manual, prefix: "10.0.0.0/120" }\n`)).toEqual([
      'db.yaml:6: ipv6.prefix: expected an IPv6 address like 2001:db8::1',
    ]);
  });
  it('checks the broker section in broker mode', () => {
    expect(problems('db', `${DB_OK}ipv6: { mode: broker }\n`)).toEqual([
      'db.yaml:6: ipv6.broker: required when mode is broker (registry and requests contract addresses)',
    ]);
    const broker = `${DB_OK}ipv6:
  mode: broker
  broker:
    registry: "0x5FbDB2315678afecb367f032d93F642f64180aa3"
    requests: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512"
`;
    const c = parseConfig('db', broker)._unsafeUnwrap();
    expect(c.ipv6.broker).toEqual({
      registry: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
      requests: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512',
      answer_timeout_s: 900,
      max_requests: 3,
      handshake_timeout_s: 180,
      interface: 'wg-broker',
      table: 51820,
    });
    expect(problems('db', `${broker}  prefix: "2001:db8::/120"\n`)).toEqual([
      'db.yaml:11: ipv6.prefix: the broker assigns the prefix in broker mode; remove it (or use mode: manual)',
    ]);
    expect(problems('db', `${broker}    rpc_url: http://127.0.0.1:8545\n`)).toEqual([
      'db.yaml:9: ipv6.broker.chain_id: required with broker.rpc_url (the chain that RPC serves)',
    ]);
    expect(
      problems('db', broker.replace('0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512', '0x1234')),
    ).toEqual(['db.yaml:10: ipv6.broker.requests: expected a 0x-prefixed 20-byte hex address']);
    expect(problems('db', `${broker}    interface: "wg broker/0"\n`)).toEqual([
      'db.yaml:11: ipv6.broker.interface: expected an interface name of 1–15 letters, digits, _ . -',
    ]);
  });
  it('says which required key is missing in an empty file', () => {
    expect(problems('db', '')).toEqual(['db.yaml: ipv4_pool: required key is missing']);
  });
  it('reports YAML syntax errors with their line', () => {
    const list = problems('db', 'ipv4_pool:\n  cidr: [10.0.0.0/24\n');
    expect(list[0]).toMatch(/^db\.yaml:\d+: YAML syntax: /);
  });
  it('rejects duplicate keys instead of taking the last one', () => {
    expect(problems('db', `${DB_OK}grace_days: 3\ngrace_days: 4\n`)[0]).toMatch(/YAML syntax/);
  });
  it('uses the given file name in messages', () => {
    const r = parseConfig('db', 'grace_days: x', '/etc/blockhost/db.yaml')._unsafeUnwrapErr();
    expect(r.issues.every((i) => i.file === '/etc/blockhost/db.yaml')).toBe(true);
    expect(r.message).toContain('/etc/blockhost/db.yaml');
    expect(r.hint).toContain('blockhost config validate');
  });
});

describe('web3-defaults.yaml', () => {
  it('accepts one RPC URL or several', () => {
    expect(parseConfig('web3', WEB3_OK)._unsafeUnwrap().rpc_url).toEqual(['http://127.0.0.1:8545']);
    const two = WEB3_OK.replace(
      'rpc_url: http://127.0.0.1:8545',
      'rpc_url: [https://a.example, https://b.example]',
    );
    expect(parseConfig('web3', two)._unsafeUnwrap().rpc_url).toEqual([
      'https://a.example',
      'https://b.example',
    ]);
  });
  it('rejects bad addresses and URLs by key', () => {
    const bad = WEB3_OK.replace('0x5FbDB2315678afecb367f032d93F642f64180aa3', '0x1234').replace(
      'http://127.0.0.1:8545',
      'ftp://x',
    );
    const list = problems('web3', bad);
    expect(list).toContain(
      'web3-defaults.yaml:5: contracts.subscriptions: expected a 0x-prefixed 20-byte hex address',
    );
    expect(list).toContainEqual(expect.stringMatching(/^web3-defaults\.yaml:3: rpc_url: /));
  });
});

describe('blockhost.yaml', () => {
  it('fills defaults', () => {
    const c = parseConfig('blockhost', BLOCKHOST_OK)._unsafeUnwrap();
    expect(c.server_key_file).toBe('/etc/blockhost/server.key');
    expect(c.proxmox.token_file).toBe('/etc/blockhost/pve-token');
    expect(c.concurrency).toEqual({ max_parallel_provisions: 2, clones_per_storage: 1 });
    expect(c.http.listen).toBe('127.0.0.1:9107');
    expect(c.placement).toBe('most-free-memory');
    expect(c.proxmox.pool).toBe('blockhost');
    expect(c.http.portal_dir).toBeUndefined(); // the customer site is not served by default
  });
  it('names a pool name PVE would refuse', () => {
    expect(
      problems('blockhost', BLOCKHOST_OK.replace('nodes: [pve]', 'nodes: [pve]\n  pool: 9lives')),
    ).toEqual([
      'blockhost.yaml:6: proxmox.pool: expected a pool name: a letter, then letters, digits, - or _',
    ]);
  });
  it('takes an absolute portal_dir and names a relative one', () => {
    const on = `${BLOCKHOST_OK}http:\n  portal_dir: /usr/share/blockhost/portal\n`;
    expect(parseConfig('blockhost', on)._unsafeUnwrap().http.portal_dir).toBe(
      '/usr/share/blockhost/portal',
    );
    expect(problems('blockhost', on.replace('/usr/share', 'usr/share'))).toContainEqual(
      expect.stringMatching(/^blockhost\.yaml:\d+: http\.portal_dir: expected an absolute path/),
    );
  });
  it('names a malformed token id and fingerprint', () => {
    const text = BLOCKHOST_OK.replace('blockhost@pve!blockhost', 'root').replace(
      'nodes: [pve]',
      'nodes: [pve]\n  tls_fingerprint: "AB:CD"',
    );
    const list = problems('blockhost', text);
    expect(list).toContain(
      'blockhost.yaml:4: proxmox.token_id: expected a Proxmox token id like blockhost@pve!blockhost',
    );
    expect(list).toContainEqual(
      expect.stringMatching(/^blockhost\.yaml:6: proxmox\.tls_fingerprint: expected a SHA-256/),
    );
  });
  it('refuses a plain-http api_url to another host: the token would cross the network in clear text', () => {
    for (const host of ['pve.example', '192.168.1.10', '[2001:db8::1]', '127.0.0.1.nip.io']) {
      const text = BLOCKHOST_OK.replace('https://127.0.0.1:8006', `http://${host}:8006`);
      expect(problems('blockhost', text), host).toEqual([
        `blockhost.yaml:3: proxmox.api_url: http:// sends the API token in clear text; expected https:// (with tls_fingerprint for a self-signed host), or http:// only to this machine (127.0.0.1, ::1, localhost)`,
      ]);
    }
    // A pin cannot make plain HTTP private.
    const pinned = BLOCKHOST_OK.replace(
      'https://127.0.0.1:8006',
      'http://pve.example:8006',
    ).replace(
      'nodes: [pve]',
      `nodes: [pve]\n  tls_fingerprint: "${Array(32).fill('AB').join(':')}"`,
    );
    expect(problems('blockhost', pinned)).toEqual([
      'blockhost.yaml:3: proxmox.api_url: http:// sends the API token in clear text; tls_fingerprint pins a TLS certificate and has no effect on http://',
    ]);
  });
  it('accepts http:// on loopback (a local proxy or tunnel) and https:// anywhere', () => {
    for (const url of [
      'http://127.0.0.1:8006',
      'http://127.8.9.10:8006',
      'http://localhost:8006',
      'http://[::1]:8006',
      'https://pve.example:8006',
    ]) {
      const r = parseConfig('blockhost', BLOCKHOST_OK.replace('https://127.0.0.1:8006', url));
      expect(r.isOk(), url).toBe(true);
    }
  });
  it('gives the VMs only https RPC URLs', () => {
    const vm = (url: string) => `${BLOCKHOST_OK}vm:\n  rpc_urls: ["${url}"]\n`;
    expect(parseConfig('blockhost', vm('https://rpc.example/key')).isOk()).toBe(true);
    expect(problems('blockhost', vm('http://rpc.example'))).toEqual([
      'blockhost.yaml:9: vm.rpc_urls.0: expected an https URL (the VMs refuse plain http)',
    ]);
  });
});

describe('validateConfig', () => {
  it('applies the same rules to objects from a form', () => {
    const r = validateConfig('db', { ipv4_pool: { cidr: '10.0.0.0/24', gateway: '192.168.0.1' } });
    expect(r._unsafeUnwrapErr().issues[0]).toMatchObject({
      path: ['ipv4_pool', 'gateway'],
      message: 'not inside 10.0.0.0/24',
    });
  });
});

/**
 * The broker client against the reference broker on anvil: the whole exchange, a restart in
 * every state, a crash between sending and recording, and each bad answer as a named state with
 * a message — while the address plan (and so IPv4 service) stays sane. No root needed: the
 * tunnel itself is in tunnel.e2e.test.ts.
 */
import { chmodSync, existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brokerRequestsAbi } from '@blockhost/broker-kit';
import {
  createBlockhostClients,
  publicKeyFromSecretKey,
  submitBrokerRequest,
} from '@blockhost/chain';
import { formatIpv6, parseIpv6Cidr } from '@blockhost/core';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAllocation } from '../../src/db/allocations.js';
import { createVm } from '../../src/db/vms.js';
import {
  allocateVmIpv6,
  brokerLog,
  createIpv6Service,
  currentIpv6Plan,
  ensureWireguardKey,
  getBrokerRow,
  type HostConfig,
  openDb,
  readIpv6Network,
  resetBrokerClient,
  stepBrokerClient,
  vmIpv6,
  wireguardKeyFile,
} from '../../src/index.js';
import {
  type BrokerFixture,
  SERVER_ACCOUNT,
  serverAddress,
  startBrokerFixture,
} from './fixture.js';

const log = pino({ level: 'silent' });
let fx: BrokerFixture;

beforeAll(async () => {
  fx = await startBrokerFixture();
}, 60_000);
afterAll(async () => {
  await fx?.stop();
});

/** A host: its journal, a clock the test moves, and the daemon's IPv6 service. */
function host(config: HostConfig = fx.hostConfig()) {
  const clock = { now: Date.now() };
  const db = openDb(config.db.database_path);
  const svc = createIpv6Service({
    db,
    config,
    log,
    clients: fx.anvil.clients(SERVER_ACCOUNT),
    now: () => clock.now,
  });
  return { config, db, svc, clock, close: () => db.close() };
}

async function until(what: string, tick: () => Promise<unknown>, done: () => boolean, ms = 20_000) {
  const end = Date.now() + ms;
  for (;;) {
    await tick();
    if (done()) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const requestCount = async () =>
  fx.anvil.publicClient.readContract({
    abi: brokerRequestsAbi,
    address: fx.broker.requests,
    functionName: 'requestCount',
  }) as Promise<bigint>;

describe('broker client', () => {
  it('requests, waits, decrypts the answer, and hands VMs prefix+2 … with gateway prefix+1', async () => {
    const h = host();
    try {
      await h.svc.tick();
      let row = getBrokerRow(h.db)!;
      expect(row.state).toBe('waiting');
      expect(row.requestId).toBe(await requestCount());
      expect(h.svc.status()).toMatchObject({ mode: 'broker', state: 'waiting' });
      expect(h.svc.status().message).toMatch(
        /^waiting for the broker's answer to request \d+ \(sent/,
      );

      await until(
        'the answer',
        () => h.svc.tick(),
        () => getBrokerRow(h.db)!.state === 'answered',
      );
      row = getBrokerRow(h.db)!;
      const prefix = row.answer!.prefix;
      expect(prefix).toMatch(/^2001:db8:100::[0-9a-f]*00\/120$|^2001:db8:100::\/120$/);
      expect(currentIpv6Plan(h.db, h.config)).toMatchObject({ source: 'broker', prefix });
      const net0 = parseIpv6Cidr(prefix)._unsafeUnwrap().network;
      const first = allocateVmIpv6(h.db, h.config)!;
      expect(first).toBe(formatIpv6(net0 + 2n));
      expect(vmIpv6(h.db, h.config, first)).toEqual({
        cidr: `${first}/120`,
        gateway: formatIpv6(net0 + 1n),
      });

      // The WireGuard key: a 0600 file, its public key in the journal, the private key nowhere else.
      const keyFile = wireguardKeyFile(h.config);
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      const secret = readFileSync(keyFile, 'utf8').trim();
      const text = (v: unknown) =>
        JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? String(x) : x));
      expect(text(getBrokerRow(h.db))).not.toContain(secret);
      expect(JSON.stringify(brokerLog(h.db))).not.toContain(secret);

      // network.json: what `blockhost ipv6 apply` brings up.
      const net = readIpv6Network(join(h.svc.dir, 'network.json'))!;
      expect(net).toMatchObject({
        mode: 'broker',
        prefix,
        bridge: 'vmbr0',
        vms: [],
        tunnel: {
          interface: 'wg-broker',
          table: 51820,
          keyFile,
          peer: { endpoint: '192.0.2.1:51820', keepalive: 25 },
          farEnd: '2001:db8:ffff::1',
        },
      });
      expect(readFileSync(join(h.svc.dir, 'network.json'), 'utf8')).not.toContain(secret);
      // Answered, not yet applied on the host: said so.
      expect(h.svc.status()).toMatchObject({ state: 'answered', reason: 'not-applied' });
    } finally {
      h.close();
    }
  });

  it('resumes after a restart while waiting, with the deadline of the first start', async () => {
    const config = fx.hostConfig();
    let h = host(config);
    const id = (await requestCount()) + 1n;
    fx.faults.set(id, { kind: 'delay', ms: 1500 });
    await h.svc.tick();
    const before = getBrokerRow(h.db)!;
    expect(before).toMatchObject({ state: 'waiting', requestId: id, attempts: 1 });
    h.close();

    // "Restart": a new journal handle and service on the same files.
    h = host(config);
    try {
      expect(h.svc.status().broker?.deadlineAt).toBe(before.requestedAt! + 60_000);
      await until(
        'the answer after the restart',
        () => h.svc.tick(),
        () => getBrokerRow(h.db)!.state === 'answered',
      );
      const row = getBrokerRow(h.db)!;
      expect(row.requestId).toBe(id);
      expect(row.attempts).toBe(1);
      expect(await requestCount()).toBe(id);
    } finally {
      h.close();
    }
  });

  it('after a crash between sending and recording, finds the sent request instead of sending another', async () => {
    const config = fx.hostConfig();
    const db = openDb(config.db.database_path);
    try {
      // A step whose send fails (dead RPC) prepares and keeps the payload …
      const dead = createBlockhostClients({
        chainId: 31337,
        rpcUrls: ['http://127.0.0.1:9'],
        privateKey: fx.anvil.accounts[SERVER_ACCOUNT]!.privateKey,
      })._unsafeUnwrap();
      const ctx = {
        db,
        broker: config.db.ipv6.broker!,
        client: fx.anvil.publicClient,
        writer: { publicClient: dead.publicClient, walletClient: dead.walletClient! },
        serverKey: config.serverKey,
        serverAddress: serverAddress(fx),
        serverPublicKey: publicKeyFromSecretKey(config.serverKey.reveal())._unsafeUnwrap(),
        nftContract: fx.nft,
        wgPublicKey: 'HIgo9xNzJMWLKASShiTqIybxZ0U3wGLiUeJ1PKf8ykw=',
        now: Date.now,
        holders: () => [],
      };
      await stepBrokerClient(ctx);
      const prepared = getBrokerRow(db)!;
      expect(prepared).toMatchObject({ state: 'requesting', reason: 'rpc-error' });
      expect(prepared.payload).toMatch(/^0x04/);
      // … and this payload did go out (the "crash" lost only the record of it).
      const sent = (
        await submitBrokerRequest(fx.anvil.clients(SERVER_ACCOUNT), {
          requests: fx.broker.requests,
          nftContract: fx.nft,
          encryptedPayload: prepared.payload!,
        })
      )._unsafeUnwrap();
      const count = await requestCount();
      await stepBrokerClient({ ...ctx, writer: fx.anvil.clients(SERVER_ACCOUNT) });
      expect(getBrokerRow(db)).toMatchObject({
        state: 'waiting',
        requestId: sent.requestId,
        attempts: 1,
      });
      expect(await requestCount()).toBe(count);
      expect(brokerLog(db).at(-1)!.message).toContain('found on chain after a restart');
    } finally {
      db.close();
    }
  });
});

describe('broker client: bad answers and no answers are named states', () => {
  async function failsWith(fault: Parameters<BrokerFixture['faults']['set']>[1], reason: string) {
    const h = host();
    try {
      fx.faults.set((await requestCount()) + 1n, fault);
      await until(
        `state failed/${reason}`,
        () => h.svc.tick(),
        () => getBrokerRow(h.db)!.state === 'failed',
      );
      const s = h.svc.status();
      expect(s).toMatchObject({ state: 'failed', reason });
      // No prefix, so no IPv6 for VMs: the address plan (and IPv4) is untouched.
      expect(currentIpv6Plan(h.db, h.config)).toBeNull();
      expect(readIpv6Network(join(h.svc.dir, 'network.json'))).toBeNull();
      return s.message;
    } finally {
      h.close();
    }
  }

  it('an answer that does not decrypt', async () => {
    expect(await failsWith({ kind: 'undecryptable' }, 'answer-undecryptable')).toMatch(
      /^the broker's answer to request \d+ \(tx 0x[0-9a-f]{64}\) does not decrypt with the server key: answer to request \d+: ciphertext: authentication failed — fix the cause, then `blockhost ipv6 retry`$/,
    );
  });

  it('an answer with a /64 where a /120 is expected', async () => {
    expect(
      await failsWith({ kind: 'patch', patch: { prefix: '2001:db8:1:2::/64' } }, 'answer-invalid'),
    ).toContain(
      'is unusable: prefix 2001:db8:1:2::/64: expected a /120 routed to this host (prefix+1 the gateway, prefix+2 … for VMs), got a /64',
    );
  });

  it('an answer whose gateway lies inside the prefix', async () => {
    expect(
      await failsWith(
        { kind: 'patch', patch: { prefix: '2001:db8:200::/120', gateway: '2001:db8:200::1' } },
        'answer-invalid',
      ),
    ).toMatch(/gateway 2001:db8:200::1: the broker's tunnel address must lie outside/);
  });

  it('an answer for another request id is ignored (notice), then no answer before the deadline: asked again, then given up', async () => {
    const h = host();
    try {
      const first = (await requestCount()) + 1n;
      fx.faults.set(first, { kind: 'other-request', requestId: 424242n });
      fx.faults.set(first + 1n, { kind: 'silent' });
      await until(
        'the ignored answer',
        () => h.svc.tick(),
        () => getBrokerRow(h.db)!.reason === 'answer-other-request',
      );
      let s = h.svc.status();
      expect(s).toMatchObject({ state: 'waiting', reason: 'answer-other-request' });
      expect(s.message).toContain(`ignored an answer for request 424242`);
      expect(s.message).toContain(`this host waits for request ${first}`);

      // The deadline passes (the clock moves): a second request, the last one allowed.
      h.clock.now += 61_000;
      await h.svc.tick();
      s = h.svc.status();
      expect(s).toMatchObject({ state: 'requesting', reason: 'deadline-passed' });
      expect(s.message).toContain('asking again (request 2 of 2)');
      await h.svc.tick();
      expect(getBrokerRow(h.db)).toMatchObject({
        state: 'waiting',
        requestId: first + 1n,
        attempts: 2,
      });

      h.clock.now += 61_000;
      await h.svc.tick();
      s = h.svc.status();
      expect(s).toMatchObject({ state: 'failed', reason: 'no-answer' });
      expect(s.message).toBe(
        `no answer from the broker to request ${first + 1n} within 60 s (2 requests sent) — fix the cause, then \`blockhost ipv6 retry\``,
      );

      // The operator retries: a fresh request, answered this time.
      resetBrokerClient(h.db, h.clock.now);
      await until(
        'the answer to the retry',
        () => h.svc.tick(),
        () => getBrokerRow(h.db)!.state === 'answered',
      );
      expect(getBrokerRow(h.db)!.requestId).toBe(first + 2n);
    } finally {
      h.close();
    }
  });

  it('a broker the registry does not list', async () => {
    const config = fx.hostConfig({
      ipv6: [
        'ipv6:',
        '  mode: broker',
        '  broker:',
        `    registry: "${fx.broker.registry}"`,
        `    requests: "${fx.nft}"`,
      ].join('\n'),
    });
    const h = host(config);
    try {
      await h.svc.tick();
      expect(h.svc.status()).toMatchObject({ state: 'failed', reason: 'broker-unknown' });
      expect(h.svc.status().message).toContain(`has no broker ${fx.nft}`);
    } finally {
      h.close();
    }
  });
});

describe('a changed prefix', () => {
  it('is refused while a VM holds an address of the old one, and adopted when none does', async () => {
    const h = host();
    try {
      await until(
        'the answer',
        () => h.svc.tick(),
        () => getBrokerRow(h.db)!.state === 'answered',
      );
      const old = getBrokerRow(h.db)!.answer!.prefix;
      // A VM holds prefix+2.
      const vm = createVm(h.db, '1', 'k', serverAddress(fx), 0);
      const addr = formatIpv6(parseIpv6Cidr(old)._unsafeUnwrap().network + 2n);
      recordAllocation(h.db, vm.id, 'ipv6', addr);

      fx.faults.set((await requestCount()) + 1n, { kind: 'new-prefix' });
      resetBrokerClient(h.db, h.clock.now);
      await until(
        'the refusal',
        () => h.svc.tick(),
        () => getBrokerRow(h.db)!.reason === 'prefix-change-refused',
      );
      expect(getBrokerRow(h.db)!.answer!.prefix).toBe(old);
      expect(currentIpv6Plan(h.db, h.config)!.prefix).toBe(old);
      const s = h.svc.status();
      expect(s.reason).toBe('prefix-change-refused');
      expect(s.message).toContain(`refused: 1 VM holds addresses in ${old}`);
      expect(s.message).toContain(addr);

      // The VM is gone: the next changed answer is adopted.
      h.db.prepare('DELETE FROM allocations').run();
      fx.faults.set((await requestCount()) + 1n, { kind: 'new-prefix' });
      resetBrokerClient(h.db, h.clock.now);
      await until(
        'the new prefix',
        () => h.svc.tick(),
        () => getBrokerRow(h.db)!.answer!.prefix !== old,
      );
      expect(getBrokerRow(h.db)!.reason).toBe('answer-renewed');
      expect(readIpv6Network(join(h.svc.dir, 'network.json'))!.prefix).toBe(
        getBrokerRow(h.db)!.answer!.prefix,
      );
    } finally {
      h.close();
    }
  });
});

describe('files', () => {
  it('a world-readable WireGuard key is refused by name', async () => {
    const h = host();
    try {
      await h.svc.tick();
      chmodSync(wireguardKeyFile(h.config), 0o644);
      expect(() => ensureWireguardKey(wireguardKeyFile(h.config))).toThrow(
        /readable by others \(mode 644\); chmod 0600/,
      );
      expect(existsSync(wireguardKeyFile(h.config))).toBe(true);
    } finally {
      h.close();
    }
  });
});

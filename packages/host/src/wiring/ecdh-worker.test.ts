import { createECDH, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createEcdhWorker, type EcdhWorker } from './ecdh-worker.js';

const keyPair = () => {
  const e = createECDH('secp256k1');
  e.generateKeys();
  return { secret: e.getPrivateKey(), public: e.getPublicKey(), ecdh: e };
};

let worker: EcdhWorker | null = null;
afterEach(async () => {
  await worker?.close();
  worker = null;
});

describe('the ECDH worker', () => {
  it('computes the shared x OpenSSL computes here, for many calls at once and two keys', async () => {
    worker = createEcdhWorker();
    const servers = [keyPair(), keyPair()];
    const peers = Array.from({ length: 40 }, keyPair);
    const xs = await Promise.all(
      peers.map((p, i) => worker!.sharedX(servers[i % 2]!.secret, p.public)),
    );
    for (const [i, p] of peers.entries()) {
      expect(Buffer.from(xs[i]!)).toEqual(servers[i % 2]!.ecdh.computeSecret(p.public));
    }
  });

  it('rejects a point that is not on the curve, and keeps working', async () => {
    worker = createEcdhWorker();
    const server = keyPair();
    const bad = Buffer.concat([Buffer.of(4), randomBytes(64)]);
    await expect(worker.sharedX(server.secret, bad)).rejects.toThrow(/secp256k1 ECDH/);
    const peer = keyPair();
    expect(Buffer.from(await worker.sharedX(server.secret, peer.public))).toEqual(
      server.ecdh.computeSecret(peer.public),
    );
  });

  it('starts on first use, ends when idle, and starts again when asked', async () => {
    // Idle counts from the last answer: a worker slower to start than this still ends.
    worker = createEcdhWorker({ idleMs: 1 });
    expect(worker.running).toBe(false);
    const server = keyPair();
    await worker.sharedX(server.secret, keyPair().public);
    expect(worker.running).toBe(true);
    for (let i = 0; i < 100 && worker.running; i++) await new Promise((r) => setTimeout(r, 20));
    expect(worker.running).toBe(false);
    const peer = keyPair();
    expect(Buffer.from(await worker.sharedX(server.secret, peer.public))).toEqual(
      server.ecdh.computeSecret(peer.public),
    );
  });

  it('does not fail the calls of a new worker when the idle one it replaced ends', async () => {
    worker = createEcdhWorker({ idleMs: 1 });
    const server = keyPair();
    for (let round = 0; round < 5; round++) {
      await worker.sharedX(server.secret, keyPair().public);
      for (let i = 0; i < 100 && worker.running; i++) await new Promise((r) => setTimeout(r, 1));
      // The idle worker is being terminated; these start the next one at once.
      const peers = Array.from({ length: 10 }, keyPair);
      const xs = await Promise.all(peers.map((p) => worker!.sharedX(server.secret, p.public)));
      for (const [i, p] of peers.entries()) {
        expect(Buffer.from(xs[i]!)).toEqual(server.ecdh.computeSecret(p.public));
      }
    }
  });

  it('rejects calls pending when it is closed', async () => {
    worker = createEcdhWorker();
    const server = keyPair();
    const calls = Array.from({ length: 20 }, () =>
      worker!.sharedX(server.secret, keyPair().public).then(
        () => 'done',
        (e: Error) => e.message,
      ),
    );
    await worker.close();
    const outcomes = await Promise.all(calls);
    // Those answered before the end are done; none is left hanging.
    for (const o of outcomes) expect(o === 'done' || /worker ended/.test(o)).toBe(true);
  });
});

/**
 * The reference broker on anvil, driven with the host side's codec: a request is answered with
 * a /120 from the pool (the same one again for the same key), and the test faults do what they
 * say. (The host's state machine is tested in @blockhost/host.)
 */
import {
  decryptBrokerAnswer,
  encryptBrokerRequest,
  getBroker,
  publicKeyFromSecretKey,
  scanBrokerAnswers,
  submitBrokerRequest,
} from '@blockhost/chain';
import { type Anvil, deployTestBlockhost, startAnvil } from '@blockhost/chain/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrokerResponder,
  createPrefixPool,
  type DeployedBroker,
  deployBroker,
  type ResponderFault,
  removeBroker,
  startBrokerResponder,
} from '../src/index.js';

const BROKER_KEY = '0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba';
const WG_BROKER = 'xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=';
const WG_HOST = 'HIgo9xNzJMWLKASShiTqIybxZ0U3wGLiUeJ1PKf8ykw=';

let anvil: Anvil;
let broker: DeployedBroker;
let responder: BrokerResponder;
let nft: `0x${string}`;
const faults = new Map<bigint, ResponderFault>();
const assigned: { requestId: bigint; prefix: string }[] = [];

beforeAll(async () => {
  anvil = await startAnvil();
  const d = (
    await deployTestBlockhost(anvil.clients(1), { admin: anvil.accounts[0]!.address })
  )._unsafeUnwrap();
  nft = d.nft;
  broker = await deployBroker(anvil.clients(0), {
    publicKey: publicKeyFromSecretKey(BROKER_KEY)._unsafeUnwrap(),
    responder: anvil.accounts[5]!.address,
  });
  responder = startBrokerResponder({
    clients: anvil.clients(5),
    secretKey: BROKER_KEY,
    requests: broker.requests,
    fromBlock: broker.deployBlock,
    pool: createPrefixPool('2001:db8:100::/116'),
    gateway: '2001:db8:ffff::1',
    wireguardPublicKey: WG_BROKER,
    endpoint: '192.0.2.1:51820',
    fault: (id) => faults.get(id),
    onAssign: async (a) => {
      assigned.push(a);
    },
  });
}, 60_000);

afterAll(async () => {
  await responder?.stop();
  await anvil?.stop();
});

const server = () => anvil.accounts[1]!;

async function request() {
  const info = (await getBroker(anvil.publicClient, broker))._unsafeUnwrap();
  const payload = encryptBrokerRequest(info.publicKey, {
    wgPubkey: WG_HOST,
    nftContract: nft,
    serverPubkey: publicKeyFromSecretKey(server().privateKey)._unsafeUnwrap(),
  })._unsafeUnwrap();
  const sent = (
    await submitBrokerRequest(anvil.clients(1), {
      requests: broker.requests,
      nftContract: nft,
      encryptedPayload: payload,
    })
  )._unsafeUnwrap();
  return { ...sent, info };
}

async function answersFrom(fromBlock: bigint) {
  await responder.poll();
  const head = await anvil.publicClient.getBlockNumber();
  return (
    await scanBrokerAnswers(anvil.publicClient, {
      server: server().address,
      responder: anvil.accounts[5]!.address,
      fromBlock,
      toBlock: head,
    })
  )._unsafeUnwrap().answers;
}

describe('reference broker', () => {
  it('answers a request with a /120 from its pool, to the server address, decryptable by the host', async () => {
    const r = await request();
    expect(r.info.responder).toBe(anvil.accounts[5]!.address);
    const answers = await answersFrom(r.blockNumber);
    expect(answers).toHaveLength(1);
    expect(answers[0]!.requestId).toBe(r.requestId);
    const opened = decryptBrokerAnswer(server().privateKey, answers[0]!.data)._unsafeUnwrap();
    expect(opened.answer).toEqual({
      prefix: '2001:db8:100::/120',
      gateway: '2001:db8:ffff::1',
      brokerPubkey: WG_BROKER,
      brokerEndpoint: '192.0.2.1:51820',
      dnsZone: '',
    });
    expect(assigned.at(-1)).toMatchObject({ requestId: r.requestId, wgPubkey: WG_HOST });
  });

  it('gives the same key the same /120 again, and a new one when told to renumber', async () => {
    const again = await request();
    const [a] = await answersFrom(again.blockNumber);
    expect(decryptBrokerAnswer(server().privateKey, a!.data)._unsafeUnwrap().answer.prefix).toBe(
      '2001:db8:100::/120',
    );
    const next = await anvil.publicClient.getBlockNumber();
    faults.set(again.requestId + 1n, { kind: 'new-prefix' });
    const renumbered = await request();
    expect(renumbered.requestId).toBe(again.requestId + 1n);
    const [b] = await answersFrom(next + 1n);
    expect(decryptBrokerAnswer(server().privateKey, b!.data)._unsafeUnwrap().answer.prefix).toBe(
      '2001:db8:100::100/120',
    );
  });

  it('faults: silent, undecryptable, another request id', async () => {
    let id = (await anvil.publicClient.readContract({
      abi: (await import('../src/index.js')).brokerRequestsAbi,
      address: broker.requests,
      functionName: 'requestCount',
    })) as bigint;
    faults.set(++id, { kind: 'silent' });
    const silent = await request();
    expect(await answersFrom(silent.blockNumber)).toEqual([]);

    faults.set(++id, { kind: 'undecryptable' });
    const bad = await request();
    const [u] = await answersFrom(bad.blockNumber);
    expect(u!.requestId).toBe(bad.requestId);
    expect(decryptBrokerAnswer(server().privateKey, u!.data)._unsafeUnwrapErr().reason).toBe(
      'not-decryptable',
    );

    faults.set(++id, { kind: 'other-request', requestId: 999n });
    const other = await request();
    const [o] = await answersFrom(other.blockNumber);
    expect(o!.requestId).toBe(999n);
  });

  it('a removed broker is refused by name', async () => {
    await removeBroker(anvil.clients(0), broker);
    const e = (await getBroker(anvil.publicClient, broker))._unsafeUnwrapErr();
    expect(e.code).toBe('BROKER_NOT_FOUND');
    expect(e.shortMessage).toContain('as removed');
  });
});

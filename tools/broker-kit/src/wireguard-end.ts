/**
 * The reference broker's WireGuard end, in its own network namespace (the "internet" side of a
 * test): wireguard-go with a fresh key (in a 0600 file), listening on the namespace's underlay
 * address, the broker's tunnel address on it, and per host a peer limited to the host's /120
 * with a route for it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Netns, run, startWireguardGo, type WireguardGo } from '@blockhost/container-kit';

export interface BrokerWireguard {
  readonly interface: string;
  readonly pid: number;
  readonly publicKey: string;
  readonly listenPort: number;
  /** Lets `wgPubkey` in for `prefix` and routes `prefix` to it. */
  addPeer(wgPubkey: string, prefix: string): Promise<void>;
  /** `wg show <if> dump` lines of the peers: key, endpoint, allowed ips, latest handshake. */
  peers(): Promise<{ publicKey: string; allowedIps: string; latestHandshake: number }[]>;
  stop(): Promise<void>;
}

async function wg(args: readonly string[], input?: string): Promise<string> {
  const r = await run('wg', args, { timeoutMs: 10_000, ...(input === undefined ? {} : { input }) });
  if (r.status !== 0) throw new Error(`wg ${args.slice(0, 3).join(' ')}…: ${r.stderr.trim()}`);
  return r.stdout.trim();
}

export async function startBrokerWireguard(
  netns: Netns,
  o: { readonly gateway: string; readonly listenPort: number },
): Promise<BrokerWireguard> {
  const dir = mkdtempSync(join(tmpdir(), 'broker-wg-'));
  const keyFile = join(dir, 'private.key');
  let dev: WireguardGo | undefined;
  try {
    writeFileSync(keyFile, `${await wg(['genkey'])}\n`, { mode: 0o600 });
    const publicKey = await wg(['pubkey'], readFileSync(keyFile, 'utf8'));
    dev = (await startWireguardGo(netns))._unsafeUnwrap();
    const name = dev.name;
    await wg(['set', name, 'listen-port', String(o.listenPort), 'private-key', keyFile]);
    await netns.ip(['-6', 'addr', 'add', `${o.gateway}/128`, 'dev', name]);
    await netns.ip(['link', 'set', name, 'up']);
    const d = dev;
    return {
      interface: name,
      pid: d.pid,
      publicKey,
      listenPort: o.listenPort,
      async addPeer(wgPubkey, prefix) {
        await wg(['set', name, 'peer', wgPubkey, 'allowed-ips', prefix]);
        await netns.ip(['-6', 'route', 'replace', prefix, 'dev', name]);
      },
      async peers() {
        const lines = (await wg(['show', name, 'dump'])).split('\n').slice(1);
        return lines
          .filter((l) => l.trim())
          .map((l) => {
            const f = l.split('\t');
            return { publicKey: f[0]!, allowedIps: f[3]!, latestHandshake: Number(f[4]) };
          });
      },
      async stop() {
        await d.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await dev?.stop();
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

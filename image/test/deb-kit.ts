/**
 * Test kit for the Debian packages: build them (bundles into a temp dir of
 * this test process, so nothing races `npm run build` or other tests), the
 * Debian 13 root the host package is installed into, files into a booted
 * container, apt inside it (through container-kit's proxy), and TCP relays
 * that let the container reach programs on this machine's loopback (anvil,
 * the Proxmox simulator) at the bridge's gateway address.
 */
import { mkdtempSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type Container,
  type ExecResult,
  type Relay,
  type RootRecipe,
  startRelay,
} from '@blockhost/container-kit';
import { vmLoginBundleDir, waitFor } from '@blockhost/devstack';
import {
  type BuildDebsOptions,
  type BuiltDeb,
  buildHostDeb,
  buildVmLoginDeb,
  sourceDateEpoch,
} from '../src/deb/build-debs.js';
import { prepareHostBundles } from '../src/deb/bundle-host.js';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));

const temps: string[] = [];
export function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  temps.push(d);
  return d;
}
export function removeTemps(): void {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
}

let bundles: Promise<string> | undefined;
/** The host bundles, made once per test process. */
export function hostBundles(): Promise<string> {
  bundles ??= (async () => {
    const dir = tempDir('blockhost-deb-bundles-');
    await prepareHostBundles(REPO, dir);
    return dir;
  })();
  return bundles;
}

export interface TestDebs {
  dir: string;
  host: BuiltDeb | undefined;
  vmLogin: BuiltDeb | undefined;
  ms: number;
}

/** The packages into a fresh directory (`version` replaces the package.json versions). */
export async function buildTestDebs(
  o: { version?: string; only?: 'host' | 'vm-login' } = {},
): Promise<TestDebs> {
  const dir = tempDir('blockhost-debs-');
  const opts: BuildDebsOptions = {
    repo: REPO,
    outDir: dir,
    // Built into this process's temp dir, so no `npm run build` elsewhere races them.
    hostBundleDir: await hostBundles(),
    // The helpers from pam-verifier's sources (devstack's cache), not its dist, which a
    // concurrent `npm run build` of that package may be rewriting.
    vmLoginBundleDir: await vmLoginBundleDir(),
    version: o.version,
  };
  const epoch = sourceDateEpoch(REPO);
  const t = Date.now();
  const host = o.only === 'vm-login' ? undefined : buildHostDeb(opts, epoch);
  const vmLogin = o.only === 'host' ? undefined : buildVmLoginDeb(opts, epoch);
  return { dir, host, vmLogin, ms: Date.now() - t };
}

/**
 * The host package's test root: a minimal Debian 13 with systemd (networkd
 * for the test network) and nothing of BlockHost's dependencies — apt brings
 * nodejs and the rest from Debian when the package is installed.
 */
export const HOST_ROOT_RECIPE: RootRecipe = {
  name: 'deb-host',
  suite: 'trixie',
  packages: ['systemd-sysv', 'dbus', 'iproute2', 'ca-certificates', 'procps'],
  setup: [
    'systemctl enable systemd-networkd.service',
    'rm -f /var/lib/dbus/machine-id',
    'apt-get clean',
    '',
  ].join('\n'),
};

/**
 * The container's network as on a Proxmox VE host: the NIC (matched by MAC)
 * enslaved to bridge vmbr0, which carries the address and the default route
 * (systemd-networkd files for the boot layer).
 */
export function pveHostNetwork(mac: string, address: string, gateway: string) {
  return [
    {
      path: '/etc/systemd/network/10-vmbr0.netdev',
      content: '[NetDev]\nName=vmbr0\nKind=bridge\n',
    },
    {
      path: '/etc/systemd/network/20-nic.network',
      content: `[Match]\nMACAddress=${mac}\nType=ether\n\n[Network]\nBridge=vmbr0\n`,
    },
    {
      path: '/etc/systemd/network/30-vmbr0.network',
      content: `[Match]\nName=vmbr0\n\n[Network]\nAddress=${address}\nGateway=${gateway}\n`,
    },
  ];
}

export async function sh(c: Container, argv: string[], input?: string): Promise<ExecResult> {
  return (await c.exec(argv, { input, timeoutMs: 600_000 }))._unsafeUnwrap();
}

/** Runs `script` with sh -ec in the container; throws with its output unless it exits 0. */
export async function shOk(c: Container, script: string, input?: string): Promise<string> {
  const r = await sh(c, ['sh', '-ec', script], input);
  if (r.status !== 0)
    throw new Error(`in the container: ${script}\nexit ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** Copies a host file into the container (base64 through stdin: exec input is text). */
export async function copyIn(c: Container, file: string, target: string): Promise<void> {
  await shOk(c, `base64 -d > '${target}'`, readFileSync(file).toString('base64'));
}

/** `apt-get install -y ./<deb>` in the container (non-interactive, dependencies from Debian). */
export async function aptInstall(c: Container, deb: string, extra = ''): Promise<string> {
  return shOk(
    c,
    `export DEBIAN_FRONTEND=noninteractive; apt-get install -y -q ${extra} ${deb} 2>&1`,
  );
}

/**
 * `gateway:port` in the container's bridge namespace → 127.0.0.1:`port` here:
 * container-kit's relay listens there and hands each connection to a Unix
 * socket, and this process connects that to the loopback port.
 */
export async function relayToLoopback(
  c: Container,
  gateway: string,
  port: number,
): Promise<{ stop(): Promise<void> }> {
  const sock = join(tempDir('blockhost-relay-'), 'relay.sock');
  const server: Server = createServer((conn) => {
    const up = createConnection({ host: '127.0.0.1', port });
    const close = () => {
      conn.destroy();
      up.destroy();
    };
    conn.on('error', close).on('close', close);
    up.on('error', close).on('close', close);
    conn.pipe(up);
    up.pipe(conn);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(sock, resolve);
  });
  let relay: Relay;
  try {
    relay = await startRelay({
      enter: c.network!.onBridge([]),
      host: gateway,
      port,
      socketPath: sock,
    });
  } catch (e) {
    server.close();
    throw e;
  }
  return {
    async stop() {
      relay.stop();
      await new Promise<void>((r) => server.close(() => r()));
      try {
        unlinkSync(sock);
      } catch {
        // gone with its directory
      }
    },
  };
}

/** Seconds per named step of a test file, for the line it prints at the end. */
export function stepTimer(): {
  times: Record<string, number>;
  timed: <T>(what: string, f: () => Promise<T>) => Promise<T>;
} {
  const times: Record<string, number> = {};
  const timed = async <T>(what: string, f: () => Promise<T>): Promise<T> => {
    const t = Date.now();
    try {
      return await f();
    } finally {
      times[what] = (Date.now() - t) / 1000;
    }
  };
  return { times, timed };
}

/**
 * Waits until the daemon in the container lists `subscriptionId`'s VM as running (the CLI's
 * `vm list --json`, as an operator would ask), and returns it.
 */
export async function runningVmInContainer(
  c: Container,
  subscriptionId: bigint,
  timeoutMs = 120_000,
): Promise<{ vmid?: number; state?: string }> {
  return waitFor(
    'the VM to run',
    async () => {
      const r = await sh(c, ['blockhost', 'vm', 'list', '--json']);
      if (r.status !== 0) return undefined;
      const doc = JSON.parse(r.stdout) as { vms?: unknown[] } | unknown[];
      const vms = (Array.isArray(doc) ? doc : (doc.vms ?? [])) as {
        subscriptionId?: string;
        subscription?: string;
        state?: string;
        vmid?: number;
      }[];
      return vms.find(
        (v) =>
          String(v.subscriptionId ?? v.subscription) === subscriptionId.toString() &&
          v.state === 'running',
      );
    },
    timeoutMs,
  );
}

/** `node -e` running a fetch of `url` that prints the status, then the body ("ERR …" on failure). */
export const httpStatusInContainer = (url: string) => [
  'node',
  '-e',
  `fetch(${JSON.stringify(url)}).then(async (r) => { console.log(r.status); console.log(await r.text()); }, (e) => { console.log('ERR ' + e.message); process.exit(1); })`,
];

/** Waits until the monitor's `/readyz` in the container answers 200; returns status and body. */
export function monitorReady(c: Container): Promise<string> {
  return waitFor(
    '/readyz',
    async () => {
      const r = await sh(c, httpStatusInContainer('http://127.0.0.1:9107/readyz'));
      return r.stdout.startsWith('200') ? r.stdout : undefined;
    },
    90_000,
  );
}

/** The JSON lines blockhost-monitor wrote to the journal since this boot. */
export async function monitorJsonLogs(c: Container): Promise<{ level: unknown; msg?: string }[]> {
  const journal = await shOk(c, 'journalctl -b -u blockhost-monitor.service -o cat --no-pager');
  return journal
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { level: unknown; msg?: string });
}

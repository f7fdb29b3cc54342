/**
 * The machine the wizard runs on, for real: network facts from `ip -j` and
 * /etc/resolv.conf, Proxmox facts from `pvesh` (root, run by `prepare`
 * before the unprivileged web process starts), and the finalize's effects
 * with `pveum` and `systemctl`. Nothing here carries a secret in argv.
 */
import { execFile } from 'node:child_process';
import { randomBytes, X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { promisify } from 'node:util';
import type { MachineEffects, MachineFacts } from './types.js';

const run = promisify(execFile);

async function json<T>(cmd: string, args: string[]): Promise<T> {
  const { stdout } = await run(cmd, args, { maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout) as T;
}

type IpAddr = {
  ifname: string;
  addr_info?: { family: string; local: string; prefixlen: number }[];
};

/** Reads the nameservers of a resolv.conf text (IPv4 only: the pool's DNS is IPv4). */
export function resolvConfDns(text: string): string[] {
  return text
    .split('\n')
    .map((l) => /^\s*nameserver\s+([0-9.]+)\s*$/.exec(l)?.[1])
    .filter((x): x is string => Boolean(x));
}

/** The fingerprint of the certificate pveproxy serves (its custom one if present). */
function pveFingerprint(): string | undefined {
  for (const f of ['/etc/pve/local/pveproxy-ssl.pem', '/etc/pve/local/pve-ssl.pem']) {
    if (existsSync(f)) {
      try {
        return new X509Certificate(readFileSync(f)).fingerprint256;
      } catch {
        // not a certificate: try the next
      }
    }
  }
  return undefined;
}

export async function detectMachine(): Promise<MachineFacts> {
  const addrs = await json<IpAddr[]>('ip', ['-j', 'addr', 'show', 'type', 'bridge']);
  const routes = await json<{ gateway?: string }[]>('ip', ['-j', '-4', 'route', 'show', 'default']);
  const dns = existsSync('/etc/resolv.conf')
    ? resolvConfDns(readFileSync('/etc/resolv.conf', 'utf8'))
    : [];
  const nodes = await json<{ node: string }[]>('pvesh', [
    'get',
    '/nodes',
    '--output-format',
    'json',
  ]);
  const storages = await json<
    { storage: string; type: string; content?: string; path?: string; shared?: number }[]
  >('pvesh', ['get', '/storage', '--output-format', 'json']);
  const vms = await json<{ vmid: number; name?: string; node: string; template?: number }[]>(
    'pvesh',
    ['get', '/cluster/resources', '--type', 'vm', '--output-format', 'json'],
  );
  return {
    nodeName: hostname().split('.')[0]!,
    nodes: nodes.map((n) => n.node).sort(),
    bridges: addrs.map((a) => {
      const v4 = a.addr_info?.find((i) => i.family === 'inet');
      return { name: a.ifname, ...(v4 ? { address: `${v4.local}/${v4.prefixlen}` } : {}) };
    }),
    ...(routes[0]?.gateway ? { gateway: routes[0].gateway } : {}),
    dns,
    storages: storages.map((s) => ({
      id: s.storage,
      type: s.type,
      content: (s.content ?? '').split(',').filter(Boolean),
      ...(s.path ? { path: s.path } : {}),
      shared: Boolean(s.shared),
    })),
    vms: vms.map((v) => ({
      vmid: v.vmid,
      ...(v.name ? { name: v.name } : {}),
      node: v.node,
      template: Boolean(v.template),
    })),
    pve: { url: 'https://127.0.0.1:8006', fingerprint: pveFingerprint() },
  };
}

function groupId(name: string): number | undefined {
  try {
    const line = readFileSync('/etc/group', 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${name}:`));
    return line ? Number(line.split(':')[2]) : undefined;
  } catch {
    return undefined;
  }
}

export function realEffects(): MachineEffects {
  return {
    fileOwner() {
      const gid = groupId('blockhost');
      return gid === undefined ? undefined : { uid: 0, gid };
    },
    async withAdminToken(use) {
      // A short-lived root token made here, as root, and removed after use: no password asked.
      const name = `blockhost-setup-${randomBytes(4).toString('hex')}`;
      const expire = Math.floor(Date.now() / 1000) + 3600;
      const t = await json<{ 'full-tokenid': string; value: string }>('pveum', [
        'user',
        'token',
        'add',
        'root@pam',
        name,
        '--privsep',
        '0',
        '--expire',
        String(expire),
        '--comment',
        'BlockHost setup (removed when done)',
        '--output-format',
        'json',
      ]);
      try {
        return await use({ id: t['full-tokenid'], secret: t.value });
      } finally {
        await run('pveum', ['user', 'token', 'remove', 'root@pam', name]).catch(() => {});
      }
    },
    async enableUnits(units) {
      await run('systemctl', ['enable', ...units]);
    },
    async reboot() {
      await run('systemctl', ['reboot']);
    },
  };
}

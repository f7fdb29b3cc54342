/**
 * The wizard's five steps: their fields, defaults from the machine, and the
 * server-side validation of what was posted — the config files' own zod
 * schemas (`validateConfig` of @blockhost/core) plus live checks. Errors are
 * keyed by form field, shown next to it.
 */

import { type ConfigIssue, formatIpv4, parseIpv4, validateConfig } from '@blockhost/core';
import {
  checkExistingContracts,
  DEFAULT_IMAGE_URL,
  DEFAULT_TEMPLATE_NAME,
  imageSource,
} from '@blockhost/host';
import { type Address, getAddress, isAddress, parseEther } from 'viem';
import { privateKeyToAddress } from 'viem/accounts';
import { checkImageUrl, checkPve, checkRpc, checkToken, readClient } from '../checks.js';
import type { MachineFacts } from '../machine/types.js';
import type { Settings } from '../settings.js';

export const STEP_IDS = ['network', 'storage', 'blockchain', 'proxmox', 'ipv6'] as const;
export type StepId = (typeof STEP_IDS)[number];
export const STEP_TITLES: Record<StepId, string> = {
  network: 'Network',
  storage: 'Storage',
  blockchain: 'Blockchain',
  proxmox: 'Proxmox',
  ipv6: 'IPv6',
};

export type Raw = Record<string, string | string[]>;
export type Errors = Record<string, string>;
export type Parsed<T> =
  | { ok: true; value: T; notes?: Record<string, string> }
  | { ok: false; errors: Errors };

const str = (raw: Raw, k: string) => {
  const v = raw[k];
  return (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();
};
const list = (raw: Raw, k: string) =>
  str(raw, k)
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
const many = (raw: Raw, k: string) => {
  const v = raw[k];
  return (Array.isArray(v) ? v : v ? [v] : []).map((s) => s.trim()).filter(Boolean);
};
const int = (raw: Raw, k: string): number =>
  /^-?[0-9]+$/.test(str(raw, k)) ? Number(str(raw, k)) : Number.NaN;

/** Maps config-schema issues to form fields by their key path. */
function issuesToErrors(issues: readonly ConfigIssue[], map: Record<string, string>): Errors {
  const e: Errors = {};
  for (const i of issues) {
    const key = i.path.join('.');
    const field =
      map[key] ??
      Object.entries(map).find(([p]) => key.startsWith(`${p}.`))?.[1] ??
      Object.values(map)[0]!;
    e[field] ??= i.message;
  }
  return e;
}

// ---------------------------------------------------------------- defaults

export function networkDefaults(f: MachineFacts): Raw {
  const bridge = f.bridges.find((b) => b.address) ?? f.bridges[0];
  const raw: Raw = {
    bridge: bridge?.name ?? 'vmbr0',
    cidr: '',
    gateway: '',
    range_start: '',
    range_end: '',
  };
  // The subnet of the host's own address (host bits cleared).
  if (bridge?.address) {
    const [ip, len] = bridge.address.split('/');
    const a = parseIpv4(ip ?? '');
    const n = Number(len);
    if (a.isOk() && n >= 8 && n <= 30) {
      const mask = n === 0 ? 0 : (0xffffffff << (32 - n)) >>> 0;
      const net = (a.value & mask) >>> 0;
      raw.cidr = `${formatIpv4(net)}/${n}`;
      // Host addresses: all but the network and broadcast address.
      const first = net + 1;
      const last = net + 2 ** (32 - n) - 2;
      const gw = f.gateway ? parseIpv4(f.gateway) : null;
      raw.gateway = gw?.isOk() && (gw.value & mask) >>> 0 === net ? f.gateway! : formatIpv4(first);
      raw.range_start = formatIpv4(first + Math.floor((last - first) / 2));
      raw.range_end = formatIpv4(last);
    }
  }
  const dns = f.dns.filter((d) => parseIpv4(d).isOk());
  raw.dns = (dns.length ? dns : ['1.1.1.1', '9.9.9.9']).join(', ');
  return raw;
}

export function storageDefaults(f: MachineFacts): Raw {
  const has = (c: string) => f.storages.filter((s) => s.content.includes(c)).map((s) => s.id);
  const vm = has('images');
  return {
    vm_storage: vm.includes('local-lvm') ? 'local-lvm' : (vm[0] ?? ''),
    snippets_storage: has('snippets').includes('local') ? 'local' : (has('snippets')[0] ?? ''),
    import_storage: has('import').includes('local') ? 'local' : (has('import')[0] ?? ''),
  };
}

export function blockchainDefaults(): Raw {
  return {
    chain_id: '',
    rpc_urls: '',
    mode: 'new',
    subscriptions: '',
    nft: '',
    admin: '',
    server_funding: '0.05',
    payment_tokens: '',
    plan_name: 'small',
    plan_price: '1.00',
    plan_cores: '1',
    plan_memory: '1024',
    plan_disk: '20',
    grace_days: '7',
  };
}

export function proxmoxDefaults(f: MachineFacts): Raw {
  const used = new Set(f.vms.map((v) => v.vmid));
  let vmid = 9000;
  while (used.has(vmid)) vmid++;
  return {
    api_url: f.pve.url,
    fingerprint: f.pve.fingerprint ?? '',
    nodes: [f.nodeName],
    userid: 'blockhost@pve',
    token_name: 'blockhost',
    role: 'BlockHost',
    pool: 'blockhost',
    template_mode: 'build',
    template_vmid: String(vmid),
    image_url: DEFAULT_IMAGE_URL,
    checksum: '',
    existing_template: String(f.vms.find((v) => v.template)?.vmid ?? ''),
  };
}

export function ipv6Defaults(): Raw {
  return { mode: 'off', prefix: '', registry: '', requests: '' };
}

// ---------------------------------------------------------------- parsing

export function parseNetwork(raw: Raw, f: MachineFacts): Parsed<Settings['network']> {
  const bridge = str(raw, 'bridge');
  const errors: Errors = {};
  if (!f.bridges.some((b) => b.name === bridge))
    errors.bridge = `expected one of the bridges: ${f.bridges.map((b) => b.name).join(', ')}`;
  const hostIp = f.bridges.find((b) => b.name === bridge)?.address?.split('/')[0];
  const dns = list(raw, 'dns');
  const pool = {
    cidr: str(raw, 'cidr'),
    gateway: str(raw, 'gateway'),
    range: { start: str(raw, 'range_start'), end: str(raw, 'range_end') },
    dns,
    // The host's own address is never handed to a VM.
    reserved: hostIp && parseIpv4(hostIp).isOk() ? [hostIp] : [],
  };
  const r = validateConfig('db', { ipv4_pool: pool });
  if (r.isErr()) {
    Object.assign(
      errors,
      issuesToErrors(r.error.issues, {
        'ipv4_pool.cidr': 'cidr',
        'ipv4_pool.gateway': 'gateway',
        'ipv4_pool.range.start': 'range_start',
        'ipv4_pool.range.end': 'range_end',
        'ipv4_pool.range': 'range_start',
        'ipv4_pool.dns': 'dns',
        'ipv4_pool.reserved': 'range_start',
        ipv4_pool: 'cidr',
      }),
    );
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      bridge,
      cidr: pool.cidr,
      gateway: pool.gateway,
      rangeStart: pool.range.start,
      rangeEnd: pool.range.end,
      dns,
      reserved: pool.reserved,
    },
  };
}

export function parseStorage(
  raw: Raw,
  f: MachineFacts,
  snippetsOverride?: string,
): Parsed<Settings['storage']> {
  const errors: Errors = {};
  const pick = (field: string, content: string) => {
    const id = str(raw, field);
    const s = f.storages.find((x) => x.id === id);
    if (!s)
      errors[field] = `expected one of: ${
        f.storages
          .filter((x) => x.content.includes(content))
          .map((x) => x.id)
          .join(', ') || '(none found)'
      }`;
    else if (!s.content.includes(content))
      errors[field] = `storage ${id} does not hold '${content}' content`;
    return s;
  };
  const vm = pick('vm_storage', 'images');
  const sn = pick('snippets_storage', 'snippets');
  pick('import_storage', 'import');
  if (sn && !sn.path && !snippetsOverride)
    errors.snippets_storage = `storage ${sn.id} has no local path for snippets`;
  if (Object.keys(errors).length) return { ok: false, errors };
  void vm;
  return {
    ok: true,
    value: {
      vmStorage: str(raw, 'vm_storage'),
      snippetsStorage: str(raw, 'snippets_storage'),
      snippetsDir: snippetsOverride ?? `${sn!.path}/snippets`,
      importStorage: str(raw, 'import_storage'),
    },
  };
}

function usdToCents(s: string): bigint | null {
  const m = /^([0-9]+)(?:\.([0-9]{1,2}))?$/.exec(s);
  if (!m) return null;
  return BigInt(m[1]!) * 100n + BigInt((m[2] ?? '0').padEnd(2, '0'));
}

/** The blockchain step; `deployerKey` is the key entered now or kept from before (never echoed). */
export async function parseBlockchain(
  raw: Raw,
  deployerKey: string | undefined,
): Promise<Parsed<Settings['chain']> & { key?: `0x${string}` }> {
  const errors: Errors = {};
  const chainId = int(raw, 'chain_id');
  const rpcUrls = list(raw, 'rpc_urls');
  const w = validateConfig('web3', {
    chain_id: chainId,
    rpc_url: rpcUrls.length ? rpcUrls : undefined,
    contracts: {
      subscriptions: '0x0000000000000000000000000000000000000001',
      nft: '0x0000000000000000000000000000000000000002',
    },
  });
  if (w.isErr())
    Object.assign(
      errors,
      issuesToErrors(w.error.issues, { chain_id: 'chain_id', rpc_url: 'rpc_urls' }),
    );
  const grace = int(raw, 'grace_days');
  const d = validateConfig('db', {
    ipv4_pool: { cidr: '10.0.0.0/24', gateway: '10.0.0.1' },
    grace_days: grace,
  });
  if (d.isErr())
    Object.assign(errors, issuesToErrors(d.error.issues, { grace_days: 'grace_days' }));

  let key: `0x${string}` | undefined;
  const typed = str(raw, 'deployer_key');
  const candidate = typed || deployerKey;
  if (!candidate) errors.deployer_key = 'required: the private key that pays for the deployment';
  else {
    const k = candidate.startsWith('0x') ? candidate : `0x${candidate}`;
    if (!/^0x[0-9a-fA-F]{64}$/.test(k))
      errors.deployer_key = 'expected a private key: 64 hex digits, optionally 0x-prefixed';
    else key = k.toLowerCase() as `0x${string}`;
  }
  const deployer = key ? privateKeyToAddress(key) : undefined;
  const adminText = str(raw, 'admin');
  if (adminText && !isAddress(adminText)) errors.admin = 'expected a 0x-prefixed 20-byte address';
  const admin = (adminText && isAddress(adminText) ? getAddress(adminText) : deployer) as
    | Address
    | undefined;
  let funding: bigint | null = null;
  try {
    funding = parseEther(str(raw, 'server_funding') || '0');
    if (funding < 0n) throw new Error();
  } catch {
    errors.server_funding = 'expected an amount of the native coin, e.g. 0.05';
  }
  const tokens = list(raw, 'payment_tokens');
  const badToken = tokens.find((t) => !isAddress(t));
  if (badToken) errors.payment_tokens = `${badToken}: expected a 0x-prefixed 20-byte address`;
  const cents = usdToCents(str(raw, 'plan_price'));
  if (cents === null || cents === 0n)
    errors.plan_price = 'expected a price in US dollars per day, e.g. 1.50';
  const planName = str(raw, 'plan_name');
  if (!planName || planName.length > 64) errors.plan_name = 'expected 1 to 64 characters';
  const cores = int(raw, 'plan_cores');
  if (!(cores >= 1 && cores <= 512)) errors.plan_cores = 'expected an integer 1..512';
  const memory = int(raw, 'plan_memory');
  if (!(memory >= 64 && memory <= 4_194_304))
    errors.plan_memory = 'expected MiB, an integer 64..4194304';
  const disk = int(raw, 'plan_disk');
  if (!(disk >= 1 && disk <= 65_536)) errors.plan_disk = 'expected GiB, an integer 1..65536';
  const mode = str(raw, 'mode') === 'existing' ? 'existing' : 'new';
  const subs = str(raw, 'subscriptions');
  const nft = str(raw, 'nft');
  if (mode === 'existing') {
    if (!isAddress(subs)) errors.subscriptions = 'expected the subscriptions contract address';
    if (!isAddress(nft)) errors.nft = 'expected the access NFT contract address';
  }
  if (Object.keys(errors).length) return { ok: false, errors };

  // Live: every RPC serves this chain; contracts and tokens are what they claim.
  const notes: Record<string, string> = {};
  const heads: string[] = [];
  for (const url of rpcUrls) {
    const c = await checkRpc(url, chainId);
    if (!c.ok) {
      errors.rpc_urls = `${url}: ${c.message}`;
      break;
    }
    heads.push(`#${c.value.head}`);
  }
  if (!errors.rpc_urls) notes.rpc_urls = `chain ${chainId} answers, head ${heads.join(', ')}`;
  const url = rpcUrls[0]!;
  if (!errors.rpc_urls) {
    for (const t of tokens) {
      const c = await checkToken(url, t as Address);
      if (!c.ok) {
        errors.payment_tokens = c.message;
        break;
      }
    }
    if (mode === 'existing') {
      const c = await checkExistingContracts(readClient(url), {
        subscriptions: subs as Address,
        nft: nft as Address,
        admin: deployer,
      });
      if (c.isErr()) errors.subscriptions = c.error.shortMessage;
      else if (!c.value.adminOk)
        errors.deployer_key = `${deployer} is not the admin of these contracts (it grants this host's key its roles)`;
      else notes.subscriptions = `BlockHost contracts found: ${c.value.planCount} plan(s)`;
    }
    const balance = await readClient(url)
      .getBalance({ address: deployer! })
      .catch(() => null);
    if (balance === 0n)
      errors.deployer_key = `${deployer} holds nothing on chain ${chainId}: fund it first`;
    else if (balance !== null) notes.deployer_key = `deployer ${deployer}`;
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    key,
    notes,
    value: {
      chainId,
      rpcUrls,
      mode,
      ...(mode === 'existing' ? { subscriptions: getAddress(subs), nft: getAddress(nft) } : {}),
      deployer: deployer!,
      admin: admin!,
      serverFundingWei: (funding ?? 0n).toString(),
      paymentTokens: tokens.map((t) => getAddress(t)),
      plan: {
        name: planName,
        priceCents: cents!.toString(),
        cores,
        memoryMiB: memory,
        diskGiB: disk,
      },
      graceDays: grace,
    },
  };
}

export async function parseProxmox(
  raw: Raw,
  f: MachineFacts,
  s: Settings['storage'] | undefined,
  bridge: string | undefined,
): Promise<Parsed<Settings['proxmox']>> {
  const errors: Errors = {};
  const nodes = many(raw, 'nodes');
  const apiUrl = str(raw, 'api_url');
  const fingerprint = str(raw, 'fingerprint') || undefined;
  const mode = str(raw, 'template_mode') === 'existing' ? 'existing' : 'build';
  const vmid = mode === 'existing' ? int(raw, 'existing_template') : int(raw, 'template_vmid');
  const tokenId = `${str(raw, 'userid')}!${str(raw, 'token_name')}`;
  const b = validateConfig('blockhost', {
    proxmox: {
      api_url: apiUrl,
      ...(fingerprint ? { tls_fingerprint: fingerprint } : {}),
      token_id: tokenId,
      nodes,
      template_vmid: vmid,
      pool: str(raw, 'pool'),
      storage: s?.vmStorage ?? 'local-lvm',
      bridge: bridge ?? 'vmbr0',
    },
  });
  if (b.isErr()) {
    Object.assign(
      errors,
      issuesToErrors(b.error.issues, {
        'proxmox.api_url': 'api_url',
        'proxmox.tls_fingerprint': 'fingerprint',
        'proxmox.token_id': 'token_name',
        'proxmox.nodes': 'nodes',
        'proxmox.template_vmid': mode === 'existing' ? 'existing_template' : 'template_vmid',
        'proxmox.pool': 'pool',
        proxmox: 'api_url',
      }),
    );
  }
  if (!/^[^\s:/@!]+@(pve|pam)$/.test(str(raw, 'userid')))
    errors.userid = 'expected user@pve or user@pam';
  if (!/^[A-Za-z][A-Za-z0-9.\-_]+$/.test(str(raw, 'token_name')))
    errors.token_name = 'expected letters, digits, . - _ (starting with a letter)';
  if (!/^[A-Za-z][A-Za-z0-9.\-_]*$/.test(str(raw, 'role'))) errors.role = 'expected a role name';
  const unknown = nodes.filter((n) => !f.nodes.includes(n));
  if (unknown.length) errors.nodes = `not in this cluster: ${unknown.join(', ')}`;
  let checksum: string | undefined;
  if (mode === 'build') {
    const taken = f.vms.find((v) => v.vmid === vmid);
    if (taken && !errors.template_vmid)
      errors.template_vmid = `VMID ${vmid} is taken by ${taken.name ?? 'a VM'} on ${taken.node}`;
    const src = imageSource(str(raw, 'image_url'), str(raw, 'checksum') || undefined);
    if (src.isErr())
      errors[src.error.what === 'checksum' ? 'checksum' : 'image_url'] = src.error.expected;
    else checksum = str(raw, 'checksum') || undefined;
  } else if (!f.vms.some((v) => v.vmid === vmid && v.template)) {
    errors.existing_template = 'expected one of the templates on this cluster';
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  const notes: Record<string, string> = {};
  const pve = await checkPve(apiUrl, fingerprint);
  if (!pve.ok) errors.api_url = pve.message;
  else notes.api_url = `the Proxmox API answers (HTTP ${pve.value.status})`;
  if (mode === 'build') {
    const img = await checkImageUrl(str(raw, 'image_url'));
    if (!img.ok) errors.image_url = img.message;
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    notes,
    value: {
      apiUrl,
      ...(fingerprint ? { fingerprint } : {}),
      nodes,
      localNode: nodes.includes(f.nodeName) ? f.nodeName : nodes[0]!,
      userid: str(raw, 'userid'),
      tokenName: str(raw, 'token_name'),
      roleId: str(raw, 'role'),
      pool: str(raw, 'pool'),
      template:
        mode === 'build'
          ? {
              mode,
              vmid,
              name: DEFAULT_TEMPLATE_NAME,
              imageUrl: str(raw, 'image_url'),
              ...(checksum ? { checksum } : {}),
            }
          : { mode, vmid },
    },
  };
}

export function parseIpv6(raw: Raw): Parsed<Settings['ipv6']> {
  const mode = str(raw, 'mode');
  if (mode !== 'off' && mode !== 'manual' && mode !== 'broker')
    return { ok: false, errors: { mode: 'expected none, manual or broker' } };
  const prefix = str(raw, 'prefix');
  const broker = { registry: str(raw, 'registry'), requests: str(raw, 'requests') };
  // db.yaml's own schema judges the section, so the wizard cannot accept what the daemon refuses.
  const r = validateConfig('db', {
    ipv4_pool: { cidr: '10.0.0.0/24', gateway: '10.0.0.1' },
    ipv6:
      mode === 'manual'
        ? { mode, prefix: prefix || undefined }
        : mode === 'broker'
          ? {
              mode,
              broker: {
                registry: broker.registry || undefined,
                requests: broker.requests || undefined,
              },
            }
          : { mode },
  });
  if (r.isErr())
    return {
      ok: false,
      errors: issuesToErrors(r.error.issues, {
        'ipv6.prefix': 'prefix',
        'ipv6.broker.registry': 'registry',
        'ipv6.broker.requests': 'requests',
        'ipv6.broker': 'registry',
        ipv6: 'mode',
      }),
    };
  if (mode === 'manual') return { ok: true, value: { mode, prefix } };
  if (mode === 'broker')
    return {
      ok: true,
      value: {
        mode,
        broker: { registry: getAddress(broker.registry), requests: getAddress(broker.requests) },
      },
    };
  return { ok: true, value: { mode } };
}

/**
 * The customer site's `config.json`: what a static page needs to sell and open VMs of one
 * deployment. Written by the operator's tools (wizard, `blockhost portal config`), read by the
 * page in the browser — so this validator is plain code (no schema library: it ships in the
 * page's bundle) and reports every problem with its key.
 */
import { err, ok, type Result } from 'neverthrow';
import { GRACE_DAYS_MAX, GRACE_DAYS_MIN } from '../config/defaults.js';
import { BlockhostError } from '../errors.js';

export interface PortalConfig {
  /** EIP-155 chain id the contracts live on. */
  readonly chainId: number;
  /** Human name of the chain (wallet prompts, page text). */
  readonly chainName: string;
  readonly nativeCurrency: {
    readonly name: string;
    readonly symbol: string;
    readonly decimals: number;
  };
  /** Public JSON-RPC URLs the page reads through (tried in order); also offered to wallets. */
  readonly rpcUrls: readonly string[];
  /** Optional block explorer base URL (links to transactions). */
  readonly blockExplorerUrl?: string | undefined;
  readonly contracts: {
    readonly subscriptions: `0x${string}`;
    readonly nft: `0x${string}`;
  };
  /**
   * The host's secp256k1 public key (uncompressed 0x04…, 65 bytes): purchases ECIES-encrypt
   * the customer's key-message signature to it. The contracts do not store it; the page checks
   * that its address holds the NFT's minter role.
   */
  readonly serverPublicKey: `0x${string}`;
  /** Days a suspended VM is kept before it is destroyed (db.yaml `grace_days`). */
  readonly graceDays: number;
  readonly operator: {
    readonly name: string;
    /** Where customers get help: an https:// or mailto: URL. */
    readonly support: string;
  };
  /** Origin of the VMs' wallet signing page when it is not the VM itself (e.g. behind a proxy). */
  readonly signingPageOrigin?: string | undefined;
}

export interface PortalConfigIssue {
  /** Dotted key, e.g. `contracts.nft`. */
  readonly key: string;
  readonly message: string;
}

export class PortalConfigError extends BlockhostError {
  readonly code = 'PORTAL_CONFIG_INVALID';
  readonly issues: readonly PortalConfigIssue[];
  constructor(issues: readonly PortalConfigIssue[]) {
    super(`config.json: ${issues.length} problem${issues.length === 1 ? '' : 's'}`, {
      details: issues.map((i) => `${i.key}: ${i.message}`).join('\n'),
      hint: 'rewrite it with `blockhost portal config`',
    });
    this.issues = issues;
  }
}

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const PUBLIC_KEY = /^0x04[0-9a-fA-F]{128}$/;
const KEYS = new Set([
  '$schema',
  'chainId',
  'chainName',
  'nativeCurrency',
  'rpcUrls',
  'blockExplorerUrl',
  'contracts',
  'serverPublicKey',
  'graceDays',
  'operator',
  'signingPageOrigin',
]);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function url(v: unknown, protocols: readonly string[]): URL | null {
  if (typeof v !== 'string') return null;
  try {
    const u = new URL(v);
    return protocols.includes(u.protocol) ? u : null;
  } catch {
    return null;
  }
}

/** Checks a parsed `config.json`; every problem at once, each with its key. */
export function parsePortalConfig(value: unknown): Result<PortalConfig, PortalConfigError> {
  const issues: PortalConfigIssue[] = [];
  const bad = (key: string, message: string) => issues.push({ key, message });
  if (!isObj(value))
    return err(new PortalConfigError([{ key: '(root)', message: 'expected a JSON object' }]));
  for (const k of Object.keys(value)) if (!KEYS.has(k)) bad(k, 'unknown key');

  const chainId = value.chainId;
  if (typeof chainId !== 'number' || !Number.isSafeInteger(chainId) || chainId <= 0)
    bad('chainId', 'expected a positive integer');

  const chainName = value.chainName ?? `Chain ${String(chainId)}`;
  if (typeof chainName !== 'string' || chainName.length === 0 || chainName.length > 64)
    bad('chainName', 'expected a name of 1..64 characters');

  const nc = value.nativeCurrency ?? { name: 'Ether', symbol: 'ETH', decimals: 18 };
  if (
    !isObj(nc) ||
    typeof nc.name !== 'string' ||
    typeof nc.symbol !== 'string' ||
    !/^[A-Za-z0-9.$-]{1,11}$/.test(nc.symbol) ||
    nc.decimals !== 18
  )
    bad('nativeCurrency', 'expected { name, symbol (1..11 characters), decimals: 18 }');

  const rpcUrls = value.rpcUrls;
  if (!Array.isArray(rpcUrls) || rpcUrls.length === 0) bad('rpcUrls', 'expected a list of URLs');
  else
    rpcUrls.forEach((u, i) => {
      if (!url(u, ['https:', 'http:', 'wss:', 'ws:']))
        bad(`rpcUrls[${i}]`, 'expected an http(s):// or ws(s):// URL');
    });

  if (value.blockExplorerUrl !== undefined && !url(value.blockExplorerUrl, ['https:', 'http:']))
    bad('blockExplorerUrl', 'expected an https:// URL');

  const c = value.contracts;
  if (!isObj(c)) bad('contracts', 'expected { subscriptions, nft }');
  else
    for (const k of ['subscriptions', 'nft'] as const)
      if (typeof c[k] !== 'string' || !ADDRESS.test(c[k] as string))
        bad(`contracts.${k}`, 'expected a 0x address (40 hex digits)');

  if (typeof value.serverPublicKey !== 'string' || !PUBLIC_KEY.test(value.serverPublicKey))
    bad('serverPublicKey', 'expected an uncompressed secp256k1 public key (0x04 + 128 hex digits)');

  const g = value.graceDays;
  if (typeof g !== 'number' || !Number.isInteger(g) || g < GRACE_DAYS_MIN || g > GRACE_DAYS_MAX)
    bad('graceDays', `expected a whole number of days, ${GRACE_DAYS_MIN}..${GRACE_DAYS_MAX}`);

  const op = value.operator;
  if (!isObj(op)) bad('operator', 'expected { name, support }');
  else {
    if (typeof op.name !== 'string' || op.name.trim().length === 0 || op.name.length > 80)
      bad('operator.name', 'expected a name of 1..80 characters');
    if (!url(op.support, ['https:', 'mailto:', 'http:']))
      bad('operator.support', 'expected an https:// or mailto: URL');
  }

  const sp = value.signingPageOrigin;
  if (sp !== undefined) {
    const u = url(sp, ['https:', 'http:']);
    if (!u || u.origin !== String(sp).replace(/\/$/, ''))
      bad('signingPageOrigin', 'expected an origin like https://login.example.net');
  }

  if (issues.length > 0) return err(new PortalConfigError(issues));
  return ok({
    chainId: chainId as number,
    chainName: chainName as string,
    nativeCurrency: nc as PortalConfig['nativeCurrency'],
    rpcUrls: rpcUrls as string[],
    blockExplorerUrl: value.blockExplorerUrl as string | undefined,
    contracts: c as PortalConfig['contracts'],
    serverPublicKey: value.serverPublicKey as `0x${string}`,
    graceDays: g as number,
    operator: op as PortalConfig['operator'],
    signingPageOrigin: sp === undefined ? undefined : String(sp).replace(/\/$/, ''),
  });
}

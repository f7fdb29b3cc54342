/**
 * The VM's login config, `/etc/blockhost/vm-login.json`. JSON (not YAML) so
 * the helpers parse it without a library; validated by hand for the same
 * reason. Rendering is pure so the daemon can put the file into cloud-init
 * `write_files`.
 */
import { type Address, isAddress } from '@blockhost/core';
import { err, ok, type Result } from 'neverthrow';
import { LoginConfigError } from '../errors.js';
import { isSiweDomain } from '../siwe/message.js';
import { isTrustedRpcUrl, TRUSTED_RPC_URL } from '../wallet/rpc-url.js';

export const VM_LOGIN_CONFIG_PATH = '/etc/blockhost/vm-login.json';
export const DEFAULT_RUN_DIR = '/run/blockhost-login';
export const WALLET_GROUP = 'blockhost-wallet';

export interface VmLoginConfig {
  /** Host name (or IP) the customer connects to: the SIWE domain and the signing page host. Default: the machine's host name. */
  host?: string | undefined;
  chainId: number;
  /**
   * JSON-RPC endpoints, tried in order (NFT owner, smart-contract wallets); https, or http to
   * loopback only. Each must serve `chainId`. Empty: offline only.
   */
  rpcUrls: string[];
  /** The AccessCredentialNFT contract (NFT mode when a user's GECOS has `nft=<id>`). */
  nftContract?: Address | undefined;
  challengeTtlSeconds: number;
  /** sshd's LoginGraceTime; the challenge never outlives it. */
  loginGraceTimeSeconds: number;
  /** After an empty answer, how long to wait for the signing page's signature. */
  browserWaitSeconds: number;
  rpcTimeoutMs: number;
  rateLimit: { maxFailures: number; windowSeconds: number };
  signing: {
    /**
     * Serve the signing page. Default: on when it can be served safely, i.e.
     * with TLS (`tlsCert` + `tlsKey`), or on loopback behind a local TLS proxy.
     */
    enabled: boolean;
    port: number;
    /** Listen address of the signing service. */
    listen: string;
    /** Base URL shown to the user (https, e.g. a TLS proxy's); default `http(s)://<host>:<port>`. */
    publicUrl?: string | undefined;
    /** PEM files; both given → HTTPS. */
    tlsCert?: string | undefined;
    tlsKey?: string | undefined;
    /**
     * SHA-256 fingerprint of `tlsCert` (colon-separated hex pairs), shown in the prompt so the
     * customer can compare it with the browser's (and with the NFT's connection details).
     */
    tlsFingerprint?: string | undefined;
  };
  runDir: string;
  passwdFile: string;
  log: { syslog: boolean; file?: string | undefined };
}

/** Everything but `chainId` is optional on input. */
export type VmLoginConfigInput = {
  chainId: number;
  host?: string | undefined;
  rpcUrls?: string[] | undefined;
  nftContract?: string | undefined;
  challengeTtlSeconds?: number | undefined;
  loginGraceTimeSeconds?: number | undefined;
  browserWaitSeconds?: number | undefined;
  rpcTimeoutMs?: number | undefined;
  rateLimit?: Partial<VmLoginConfig['rateLimit']> | undefined;
  signing?: Partial<VmLoginConfig['signing']> | undefined;
  runDir?: string | undefined;
  passwdFile?: string | undefined;
  log?: Partial<VmLoginConfig['log']> | undefined;
};

export const VM_LOGIN_DEFAULTS = {
  challengeTtlSeconds: 120,
  loginGraceTimeSeconds: 120,
  browserWaitSeconds: 5,
  rpcTimeoutMs: 3000,
  rateLimit: { maxFailures: 5, windowSeconds: 300 },
  signing: { enabled: true, port: 8443, listen: '::' },
  runDir: DEFAULT_RUN_DIR,
  passwdFile: '/etc/passwd',
  log: { syslog: true },
} as const;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

class Reader {
  constructor(
    private readonly obj: Obj,
    private readonly prefix: string,
  ) {}
  private fail(key: string, expected: string): never {
    throw new LoginConfigError(`${this.prefix}${key}`, expected);
  }
  int(key: string, def: number | undefined, min: number, max: number): number {
    const v = this.obj[key] ?? def;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
      this.fail(key, `an integer from ${min} to ${max}`);
    return v;
  }
  bool(key: string, def: boolean): boolean {
    const v = this.obj[key] ?? def;
    if (typeof v !== 'boolean') this.fail(key, 'true or false');
    return v;
  }
  str(key: string, def: string | undefined, test: (s: string) => boolean, expected: string) {
    const v = this.obj[key] ?? def;
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || !test(v)) this.fail(key, expected);
    return v;
  }
  obj_(key: string): Obj {
    const v = this.obj[key] ?? {};
    if (!isObj(v)) this.fail(key, 'an object');
    return v;
  }
  only(keys: readonly string[]): void {
    for (const k of Object.keys(this.obj))
      if (!keys.includes(k)) this.fail(k, `unknown key (known: ${keys.join(', ')})`);
  }
}

const isAbsPath = (s: string) =>
  s.startsWith('/') && !s.includes('\0') && !/(^|\/)\.\.(\/|$)/.test(s);
const isHttpsUrl = (s: string) => {
  try {
    return new URL(s).protocol === 'https:';
  } catch {
    return false;
  }
};
const isHostOnly = (s: string) => isSiweDomain(s) && s.includes(':') === s.startsWith('[');
const isListen = (s: string) => /^[0-9A-Fa-f:.]+$/.test(s) || s === 'localhost';
const isLoopback = (s: string) => s === 'localhost' || s === '::1' || /^127(\.\d{1,3}){3}$/.test(s);

/** Validates a parsed JSON value and fills in defaults. */
export function validateVmLoginConfig(value: unknown): Result<VmLoginConfig, LoginConfigError> {
  try {
    if (!isObj(value)) throw new LoginConfigError('file', 'a JSON object');
    const r = new Reader(value, '');
    r.only([
      'host',
      'chainId',
      'rpcUrls',
      'nftContract',
      'challengeTtlSeconds',
      'loginGraceTimeSeconds',
      'browserWaitSeconds',
      'rpcTimeoutMs',
      'rateLimit',
      'signing',
      'runDir',
      'passwdFile',
      'log',
    ]);
    const rpc = value.rpcUrls ?? [];
    if (!Array.isArray(rpc) || !rpc.every((u) => typeof u === 'string' && isTrustedRpcUrl(u)))
      throw new LoginConfigError('rpcUrls', `a list of ${TRUSTED_RPC_URL}`);
    const grace = r.int('loginGraceTimeSeconds', VM_LOGIN_DEFAULTS.loginGraceTimeSeconds, 10, 3600);
    const ttl = r.int(
      'challengeTtlSeconds',
      Math.min(VM_LOGIN_DEFAULTS.challengeTtlSeconds, grace),
      1,
      3600,
    );
    if (ttl > grace)
      throw new LoginConfigError('challengeTtlSeconds', `at most loginGraceTimeSeconds (${grace})`);
    const rl = new Reader(r.obj_('rateLimit'), 'rateLimit.');
    rl.only(['maxFailures', 'windowSeconds']);
    const sg = new Reader(r.obj_('signing'), 'signing.');
    sg.only(['enabled', 'port', 'listen', 'publicUrl', 'tlsCert', 'tlsKey', 'tlsFingerprint']);
    const lg = new Reader(r.obj_('log'), 'log.');
    lg.only(['syslog', 'file']);
    const listen = sg.str(
      'listen',
      VM_LOGIN_DEFAULTS.signing.listen,
      isListen,
      'an IP address',
    ) as string;
    const tlsCert = sg.str('tlsCert', undefined, isAbsPath, 'an absolute path');
    const tlsKey = sg.str('tlsKey', undefined, isAbsPath, 'an absolute path');
    if ((tlsCert === undefined) !== (tlsKey === undefined))
      throw new LoginConfigError('signing', 'tlsCert and tlsKey together, or neither');
    // Plain HTTP only where nobody else is on the path: loopback (behind a local TLS proxy).
    const safe = tlsCert !== undefined || isLoopback(listen);
    const signing: VmLoginConfig['signing'] = {
      enabled: sg.bool('enabled', VM_LOGIN_DEFAULTS.signing.enabled && safe),
      port: sg.int('port', VM_LOGIN_DEFAULTS.signing.port, 1, 65535),
      listen,
      publicUrl: sg.str('publicUrl', undefined, isHttpsUrl, 'an https URL'),
      tlsCert,
      tlsKey,
      tlsFingerprint: sg.str(
        'tlsFingerprint',
        undefined,
        (v) => /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/.test(v),
        'a SHA-256 fingerprint: 32 upper-case hex pairs joined by colons',
      ),
    };
    if (signing.enabled && !safe)
      throw new LoginConfigError(
        'signing',
        'tlsCert and tlsKey (HTTPS) to listen beyond loopback: a plain-HTTP signing page lets anyone on the path swap the message',
      );
    const nft = value.nftContract;
    if (nft !== undefined && !isAddress(nft))
      throw new LoginConfigError('nftContract', 'a 0x-prefixed 20-byte address');
    return ok({
      host: r.str('host', undefined, isHostOnly, 'a host name, IPv4 or [IPv6] address, no port'),
      chainId: r.int('chainId', undefined, 1, Number.MAX_SAFE_INTEGER),
      rpcUrls: rpc as string[],
      nftContract: nft,
      challengeTtlSeconds: ttl,
      loginGraceTimeSeconds: grace,
      browserWaitSeconds: r.int('browserWaitSeconds', VM_LOGIN_DEFAULTS.browserWaitSeconds, 0, 60),
      rpcTimeoutMs: r.int('rpcTimeoutMs', VM_LOGIN_DEFAULTS.rpcTimeoutMs, 100, 60_000),
      rateLimit: {
        maxFailures: rl.int('maxFailures', VM_LOGIN_DEFAULTS.rateLimit.maxFailures, 1, 1000),
        windowSeconds: rl.int(
          'windowSeconds',
          VM_LOGIN_DEFAULTS.rateLimit.windowSeconds,
          1,
          86_400,
        ),
      },
      signing,
      runDir: r.str('runDir', VM_LOGIN_DEFAULTS.runDir, isAbsPath, 'an absolute path') as string,
      passwdFile: r.str(
        'passwdFile',
        VM_LOGIN_DEFAULTS.passwdFile,
        isAbsPath,
        'an absolute path',
      ) as string,
      log: {
        syslog: lg.bool('syslog', VM_LOGIN_DEFAULTS.log.syslog),
        file: lg.str('file', undefined, isAbsPath, 'an absolute path'),
      },
    });
  } catch (e) {
    if (e instanceof LoginConfigError) return err(e);
    throw e;
  }
}

/** Parses the config file's text. */
export function parseVmLoginConfig(text: string): Result<VmLoginConfig, LoginConfigError> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return err(
      new LoginConfigError('file', 'valid JSON', {
        details: e instanceof Error ? e.message : String(e),
      }),
    );
  }
  return validateVmLoginConfig(value);
}

/** A file to install: absolute target path, text, mode. */
export interface VmFile {
  path: string;
  content: string;
  mode: number;
}

/**
 * Renders the config file (validated; only the keys given, so defaults of
 * later versions apply). Mode 0600: RPC URLs may carry API keys.
 */
export function renderVmLoginConfig(input: VmLoginConfigInput): Result<VmFile, LoginConfigError> {
  const clean = JSON.parse(JSON.stringify(input)) as unknown;
  return validateVmLoginConfig(clean).map(() => ({
    path: VM_LOGIN_CONFIG_PATH,
    content: `${JSON.stringify(clean, null, 2)}\n`,
    mode: 0o600,
  }));
}

/** The signing page base URL for this config (`publicUrl`, or built from host/port/TLS). */
export function signingBaseUrlOf(config: VmLoginConfig, host: string): string | undefined {
  if (!config.signing.enabled) return undefined;
  if (config.signing.publicUrl) return config.signing.publicUrl.replace(/\/+$/, '');
  const tls = config.signing.tlsCert !== undefined;
  const port = config.signing.port;
  const scheme = tls ? 'https' : 'http';
  return port === (tls ? 443 : 80) ? `${scheme}://${host}` : `${scheme}://${host}:${port}`;
}

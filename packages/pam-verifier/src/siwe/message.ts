/**
 * Sign-In with Ethereum (EIP-4361) messages: build and parse.
 *
 * The text format is byte-for-byte the one `viem/siwe`'s `createSiweMessage`
 * produces (the tests compare both). It is written here because viem's
 * builder only accepts dotted DNS names, IPv4 and `localhost` as the domain,
 * while a VM is often reached by a single-label host name or an IPv6 literal
 * (`[2001:db8::7]`), both valid RFC 3986 authorities that EIP-4361 allows;
 * and because the PAM helpers must stay small.
 */
import { err, ok, type Result } from 'neverthrow';
import { AnswerMalformedError, ChallengeInvalidError } from '../errors.js';
import { toChecksumAddress } from './address.js';

export interface SiweMessageFields {
  /** RFC 3986 authority: host name, IPv4, `[IPv6]`, optionally `:port`. */
  domain: string;
  /** The signer, EIP-55 checksummed in the text. */
  address: string;
  statement?: string | undefined;
  uri: string;
  version: '1';
  chainId: number;
  /** At least 8 alphanumeric characters. */
  nonce: string;
  /** RFC 3339 date-time (`Date.toISOString()`). */
  issuedAt: string;
  expirationTime?: string | undefined;
  notBefore?: string | undefined;
  requestId?: string | undefined;
  resources?: readonly string[] | undefined;
  scheme?: string | undefined;
}

const HEADER_SUFFIX = ' wants you to sign in with your Ethereum account:';
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const REG_NAME_RE = new RegExp(`^${LABEL}(?:\\.${LABEL})*$`);
const NONCE_RE = /^[a-zA-Z0-9]{8,}$/;
const SCHEME_RE = /^[a-zA-Z][a-zA-Z0-9+.-]*$/;
const DATE_TIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const URI_RE = /^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]*$/;
const REQUEST_ID_RE = /^[A-Za-z0-9\-._~!$&'()*+,;=:@%]*$/;

function isIpv6Literal(text: string): boolean {
  if (!/^\[[0-9A-Fa-f:.]+\]$/.test(text)) return false;
  try {
    return new URL(`http://${text}/`).hostname.length > 2;
  } catch {
    return false;
  }
}

/** True for an RFC 3986 authority without userinfo: `host`, `1.2.3.4`, `[::1]`, each with optional `:port`. */
export function isSiweDomain(domain: string): boolean {
  const m = /^(.*?)(?::(\d{1,5}))?$/.exec(domain);
  if (!m) return false;
  const host = m[1] ?? '';
  const port = m[2];
  if (port !== undefined && Number(port) > 65535) return false;
  if (host.length === 0 || host.length > 253) return false;
  return host.startsWith('[') ? isIpv6Literal(host) : REG_NAME_RE.test(host);
}

export function isSiweDateTime(value: string): boolean {
  return DATE_TIME_RE.test(value) && !Number.isNaN(Date.parse(value));
}

/** Builds the EIP-4361 text; every field is validated first. */
export function createSiweMessage(
  fields: SiweMessageFields,
): Result<string, ChallengeInvalidError> {
  const bad = (what: string) => err(new ChallengeInvalidError(what));
  if (!isSiweDomain(fields.domain)) return bad(`domain ${JSON.stringify(fields.domain)}`);
  const address = toChecksumAddress(fields.address);
  if (!address) return bad('address is not a 20-byte hex address');
  if (fields.statement?.includes('\n')) return bad('statement contains a line break');
  if (!URI_RE.test(fields.uri)) return bad(`uri ${JSON.stringify(fields.uri)}`);
  if (fields.version !== '1') return bad('version is not 1');
  if (!Number.isSafeInteger(fields.chainId) || fields.chainId < 1) return bad('chainId');
  if (!NONCE_RE.test(fields.nonce)) return bad('nonce is not 8+ alphanumerics');
  for (const key of ['issuedAt', 'expirationTime', 'notBefore'] as const) {
    const v = fields[key];
    if (v !== undefined && !isSiweDateTime(v)) return bad(`${key} is not an RFC 3339 date-time`);
  }
  if (fields.requestId !== undefined && !REQUEST_ID_RE.test(fields.requestId))
    return bad('requestId has characters outside RFC 3986 pchar');
  if (fields.scheme !== undefined && !SCHEME_RE.test(fields.scheme)) return bad('scheme');
  for (const r of fields.resources ?? []) if (!URI_RE.test(r)) return bad(`resource ${r}`);

  const origin = fields.scheme ? `${fields.scheme}://${fields.domain}` : fields.domain;
  const statement = fields.statement ? `${fields.statement}\n` : '';
  let text = `${origin}${HEADER_SUFFIX}\n${address}\n\n${statement}\n`;
  text += `URI: ${fields.uri}\nVersion: ${fields.version}\nChain ID: ${fields.chainId}\n`;
  text += `Nonce: ${fields.nonce}\nIssued At: ${fields.issuedAt}`;
  if (fields.expirationTime) text += `\nExpiration Time: ${fields.expirationTime}`;
  if (fields.notBefore) text += `\nNot Before: ${fields.notBefore}`;
  if (fields.requestId !== undefined) text += `\nRequest ID: ${fields.requestId}`;
  if (fields.resources) {
    text += '\nResources:';
    for (const r of fields.resources) text += `\n- ${r}`;
  }
  return ok(text);
}

/**
 * Parses EIP-4361 text strictly: fields in the standard order, nothing
 * before or after. Returns the fields, or which line was wrong.
 */
export function parseSiweMessage(text: string): Result<SiweMessageFields, AnswerMalformedError> {
  const fail = (what: string) => err(new AnswerMalformedError(`SIWE message: ${what}`));
  const lines = text.split('\n');
  let i = 0;
  const header = lines[i++] ?? '';
  if (!header.endsWith(HEADER_SUFFIX)) return fail('first line is not "<domain> wants you …"');
  let origin = header.slice(0, -HEADER_SUFFIX.length);
  let scheme: string | undefined;
  const schemeAt = origin.indexOf('://');
  if (schemeAt > 0) {
    scheme = origin.slice(0, schemeAt);
    origin = origin.slice(schemeAt + 3);
    if (!SCHEME_RE.test(scheme)) return fail('scheme');
  }
  if (!isSiweDomain(origin)) return fail('domain');
  const address = lines[i++] ?? '';
  // Shape only: callers compare addresses case-insensitively (and hashing costs start-up time).
  if (!/^0x[0-9a-fA-F]{40}$/.test(address)) return fail('address line');
  if (lines[i++] !== '') return fail('no blank line after the address');
  let statement: string | undefined;
  if (lines[i] !== '') {
    statement = lines[i++];
    if (lines[i] !== '') return fail('no blank line after the statement');
  }
  i++;
  const take = (label: string): string | undefined => {
    const line = lines[i];
    if (line === undefined || !line.startsWith(`${label}: `)) return undefined;
    i++;
    return line.slice(label.length + 2);
  };
  const uri = take('URI');
  const version = take('Version');
  const chainId = take('Chain ID');
  const nonce = take('Nonce');
  const issuedAt = take('Issued At');
  if (uri === undefined || !URI_RE.test(uri)) return fail('URI');
  if (version !== '1') return fail('Version');
  if (chainId === undefined || !/^[1-9]\d{0,15}$/.test(chainId)) return fail('Chain ID');
  if (nonce === undefined || !NONCE_RE.test(nonce)) return fail('Nonce');
  if (issuedAt === undefined || !isSiweDateTime(issuedAt)) return fail('Issued At');
  const expirationTime = take('Expiration Time');
  if (expirationTime !== undefined && !isSiweDateTime(expirationTime))
    return fail('Expiration Time');
  const notBefore = take('Not Before');
  if (notBefore !== undefined && !isSiweDateTime(notBefore)) return fail('Not Before');
  const requestId = take('Request ID');
  if (requestId !== undefined && !REQUEST_ID_RE.test(requestId)) return fail('Request ID');
  let resources: string[] | undefined;
  if (lines[i] === 'Resources:') {
    i++;
    resources = [];
    while (lines[i]?.startsWith('- ')) {
      const r = (lines[i++] as string).slice(2);
      if (!URI_RE.test(r)) return fail('Resources');
      resources.push(r);
    }
  }
  if (i !== lines.length) return fail(`unexpected line ${i + 1}`);
  return ok({
    domain: origin,
    address,
    statement,
    uri,
    version: '1',
    chainId: Number(chainId),
    nonce,
    issuedAt,
    expirationTime,
    notBefore,
    requestId,
    resources,
    scheme,
  });
}

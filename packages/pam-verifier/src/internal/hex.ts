/** Small byte/hex helpers (no viem in the login path, to keep the helpers lean). */

/** UTF-8 bytes. Buffer (always loaded) rather than TextEncoder, whose first use costs a helper start-up milliseconds. */
export function utf8(text: string): Uint8Array {
  return Buffer.from(text, 'utf8');
}

const HEX_RE = /^[0-9a-fA-F]*$/;

export function isHex(text: string): boolean {
  return text.length % 2 === 0 && HEX_RE.test(text);
}

export function hexToBytes(hex: string): Uint8Array {
  const body = hex.startsWith('0x') || hex.startsWith('0X') ? hex.slice(2) : hex;
  const out = new Uint8Array(body.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(body.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function bytesToHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/** `0x1234…abcd`: enough to recognise a value in a log, not enough to reuse it. */
export function abbreviate(value: string, keep = 6): string {
  return value.length <= keep * 2 + 1 ? value : `${value.slice(0, keep)}…${value.slice(-4)}`;
}

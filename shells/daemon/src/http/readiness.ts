/**
 * What /readyz says about a failing check: a generic category, never the upstream's own error
 * text (it can carry internal host names, URLs with keys, or a provider's message). The raw text
 * goes to the log and to `blockhost doctor`.
 */

/** "HTTP 503" when the error names an HTTP status, else nothing. */
function httpStatus(raw: string): string | null {
  const m = /\b(?:HTTP|status)\D{0,3}([1-5]\d\d)\b/i.exec(raw) ?? /\b([45]\d\d)\b/.exec(raw);
  return m ? `HTTP ${m[1]}` : null;
}

export function genericChainDetail(raw: string): string {
  if (raw === 'not scanned yet') return raw;
  const status = httpStatus(raw);
  return status ? `RPC request failed (${status})` : 'RPC request failed';
}

export function genericProxmoxDetail(raw: string): string {
  if (raw === 'not checked yet') return raw;
  const status = httpStatus(raw);
  return status ? `Proxmox API request failed (${status})` : 'Proxmox API unreachable';
}

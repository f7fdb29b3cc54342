/**
 * Purchases made in this browser whose access NFT is not there yet: My VMs lists them as being
 * set up. Only subscription numbers are stored (public on chain anyway), never a signature.
 */
import type { App } from './context.js';

const key = (app: App) =>
  `blockhost:pending:${app.config.chainId}:${app.config.contracts.subscriptions.toLowerCase()}`;

interface Pending {
  readonly id: string;
  readonly buyer: string;
}

function read(app: App): Pending[] {
  try {
    const v = JSON.parse(localStorage.getItem(key(app)) ?? '[]') as unknown;
    return Array.isArray(v)
      ? v.filter((x): x is Pending => typeof x?.id === 'string' && typeof x?.buyer === 'string')
      : [];
  } catch {
    return [];
  }
}

function write(app: App, list: Pending[]): void {
  try {
    localStorage.setItem(key(app), JSON.stringify(list.slice(-20)));
  } catch {
    // storage full or disabled: the list is a convenience
  }
}

export function rememberPending(app: App, id: bigint): void {
  const buyer = app.wallet?.address.toLowerCase() ?? '';
  write(app, [...read(app).filter((p) => p.id !== String(id)), { id: String(id), buyer }]);
}

export function pendingFor(app: App, buyer: string): bigint[] {
  return read(app)
    .filter((p) => p.buyer === buyer.toLowerCase())
    .map((p) => BigInt(p.id));
}

export function forgetPending(app: App, id: bigint): void {
  write(
    app,
    read(app).filter((p) => p.id !== String(id)),
  );
}

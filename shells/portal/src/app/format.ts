import { formatUnits } from 'viem';

export const DAY = 86_400;

export function shortAddress(a: string): string {
  return `${a.slice(0, 6)}…${a.slice(-4)}`;
}

/** `12.5 USDC`: trailing zeros dropped, at most 6 decimals shown (rounded up: never under-state a price). */
export function formatAmount(amount: bigint, decimals: number, symbol: string): string {
  const shown = Math.min(decimals, 6);
  const unit = 10n ** BigInt(decimals - shown);
  const rounded = ((amount + unit - 1n) / unit) * unit;
  return `${formatUnits(rounded, decimals)} ${symbol}`;
}

export function formatUsdCents(cents: bigint): string {
  const whole = cents / 100n;
  const rest = (cents % 100n).toString().padStart(2, '0');
  return `$${whole.toLocaleString('en-US')}.${rest}`;
}

/** A date and time in the reader's locale and time zone, named. */
export function formatDate(unix: number): string {
  return new Date(unix * 1000).toLocaleString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  });
}

/** `12 days 3 h`, `5 h 20 min`, `45 s`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const d = Math.floor(s / DAY);
  const hrs = Math.floor((s % DAY) / 3600);
  const min = Math.floor((s % 3600) / 60);
  if (d > 0) return `${d} day${d === 1 ? '' : 's'} ${hrs} h`;
  if (hrs > 0) return `${hrs} h ${min} min`;
  if (min > 0) return `${min} min`;
  return `${s} s`;
}

export function formatMemory(mib: number): string {
  return mib >= 1024 && mib % 1024 === 0 ? `${mib / 1024} GiB` : `${mib} MiB`;
}

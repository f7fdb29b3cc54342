/** One line of `blockhost doctor`: what was checked, how it went, what to do about it. */
export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

export interface CheckResult {
  /** Stable id (`rpc`, `token`, `ipv4`, …): scripts match on it. */
  readonly id: string;
  readonly status: CheckStatus;
  /** What was found, naming the thing (a URL, a privilege, a VMID). */
  readonly summary: string;
  /** What to do, for `warn` and `fail`. */
  readonly hint: string | null;
}

export const ok = (id: string, summary: string): CheckResult => ({
  id,
  status: 'ok',
  summary,
  hint: null,
});
export const warn = (id: string, summary: string, hint: string | null = null): CheckResult => ({
  id,
  status: 'warn',
  summary,
  hint,
});
export const fail = (id: string, summary: string, hint: string | null = null): CheckResult => ({
  id,
  status: 'fail',
  summary,
  hint,
});
export const skip = (id: string, why: string): CheckResult => ({
  id,
  status: 'skip',
  summary: `skipped: ${why}`,
  hint: null,
});

/** Runs a check, turning an unexpected exception into a failed line instead of a crash. */
export async function guarded(
  id: string,
  run: () => Promise<CheckResult | CheckResult[]>,
): Promise<CheckResult[]> {
  try {
    const r = await run();
    return Array.isArray(r) ? r : [r];
  } catch (e) {
    return [fail(id, `check crashed: ${(e as Error).message.split('\n')[0]}`)];
  }
}

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

export function bytes(n: number): string {
  if (n >= 1024 * GiB) return `${(n / (1024 * GiB)).toFixed(1)} TiB`;
  if (n >= GiB) return `${(n / GiB).toFixed(1)} GiB`;
  return `${(n / MiB).toFixed(0)} MiB`;
}

export function duration(seconds: number): string {
  const s = Math.abs(Math.round(seconds));
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}

import { type Db, listRefusals, type RefusalReason } from '@blockhost/host';
import { type CheckResult, ok, skip, warn } from './check.js';

const DAY_MS = 24 * 60 * 60 * 1000;

const WHAT: Record<RefusalReason, string> = {
  'owner-mismatch': 'an NFT transfer the RPCs did not confirm',
  'destroy-unconfirmed': 'a destroy the RPCs did not confirm',
  'clock-skew': 'chain time too far from the host clock',
};

/**
 * What blockhostd refused to do in the last 24 hours because the RPCs did not agree or the
 * chain's clock was off (docs/security.md): each refusal kept a customer's VM or login as it was.
 */
export function refusalsCheck(db: Db | null, now: number): CheckResult {
  if (!db) return skip('refusals', 'no journal yet');
  const recent = listRefusals(db, now - DAY_MS, 1000);
  if (recent.length === 0) return ok('refusals', 'no decision refused in the last 24 hours');
  const byReason = new Map<RefusalReason, number>();
  for (const r of recent) byReason.set(r.reason, (byReason.get(r.reason) ?? 0) + 1);
  const counts = [...byReason].map(([reason, n]) => `${n}× ${WHAT[reason] ?? reason}`).join(', ');
  const newest = recent[0]!;
  const sub = newest.subscriptionId === null ? '' : ` (subscription ${newest.subscriptionId})`;
  return warn(
    'refusals',
    `${recent.length} decision${recent.length === 1 ? '' : 's'} refused in the last 24 hours: ${counts}; newest${sub}: ${newest.detail}`,
    'compare your RPCs (the rpc lines above), the host clock (clock); `journalctl -u blockhost-monitor | grep refused` shows what each RPC said',
  );
}

/**
 * One answer to "how is IPv6 doing?" for `blockhost ipv6 status`, doctor, the daemon's
 * metrics and logs: a named state with a message that says what is going on and what to do.
 */
import type { HostConfig } from '../config/load.js';
import type { Db } from '../db/open.js';
import type { Ipv6ApplyStatus } from './host-apply.js';
import { type BrokerReason, type BrokerRow, getBrokerRow } from './journal.js';
import { desiredIpv6Network } from './network.js';

export const IPV6_STATES = [
  'off',
  'manual',
  'requesting',
  'waiting',
  'answered',
  'tunnel-up',
  'no-handshake',
  'failed',
] as const;
export type Ipv6State = (typeof IPV6_STATES)[number];

/** A tunnel whose last handshake is older than this is down (WireGuard's reject-after time). */
export const HANDSHAKE_FRESH_S = 180;

export interface Ipv6Status {
  readonly mode: 'off' | 'manual' | 'broker';
  readonly state: Ipv6State;
  /** A failure or notice code (BrokerReason, or `apply-failed` / `not-applied`). */
  readonly reason: BrokerReason | 'apply-failed' | 'not-applied' | null;
  /** What is going on, for people. */
  readonly message: string;
  readonly prefix: string | null;
  readonly gateway: string | null;
  readonly vms: number;
  /** VM routes on the host at the last apply (null before one). */
  readonly routes: null | { readonly present: number; readonly missing: number };
  readonly broker: null | {
    readonly requests: string;
    readonly requestId: string | null;
    readonly attempts: number;
    readonly maxRequests: number;
    /** Unix ms by which the current request must be answered (waiting only). */
    readonly deadlineAt: number | null;
    readonly endpoint: string | null;
    readonly dnsZone: string | null;
  };
  readonly tunnel: null | {
    readonly interface: string;
    readonly appliedAt: number | null;
    /** Seconds since the last handshake, at the observation; null when none yet. */
    readonly handshakeAgeS: number | null;
  };
}

const ago = (ms: number) => `${Math.max(0, Math.round(ms / 1000))} s`;

export function ipv6Status(
  db: Db,
  config: HostConfig,
  applied: Ipv6ApplyStatus | null,
  now: number,
): Ipv6Status {
  const v6 = config.db.ipv6;
  const net = desiredIpv6Network(db, config);
  const ours = applied && net && applied.prefix === net.prefix ? applied : null;
  const seen = ours?.observation?.routes ?? null;
  const base = {
    prefix: net?.prefix ?? null,
    gateway: net?.gateway ?? null,
    vms: net?.vms.length ?? 0,
    routes: seen
      ? {
          present: seen.filter((r) => r.present).length,
          missing: seen.filter((r) => !r.present).length,
        }
      : null,
    broker: null,
    tunnel: null,
  };
  const applyNote = (): { reason: Ipv6Status['reason']; text: string } => {
    if (applied?.error)
      return { reason: 'apply-failed', text: `; applying failed: ${applied.error}` };
    if (!ours?.appliedAt)
      return {
        reason: 'not-applied',
        text: '; not applied to the host yet (`blockhost ipv6 apply`)',
      };
    const missing = ours.observation?.routes.filter((r) => !r.present).length ?? 0;
    return {
      reason: null,
      text: missing ? `; ${missing} VM route${missing === 1 ? '' : 's'} missing` : '',
    };
  };
  if (v6.mode === 'off')
    return {
      ...base,
      mode: 'off',
      state: 'off',
      reason: null,
      message: 'IPv6 is off (ipv6.mode in db.yaml)',
    };
  if (v6.mode === 'manual') {
    const n = applyNote();
    return {
      ...base,
      mode: 'manual',
      state: 'manual',
      reason: n.reason,
      message: `manual prefix ${net?.prefix}: gateway ${net?.gateway} on ${net?.bridge}, ${base.vms} VM address${base.vms === 1 ? '' : 'es'}${n.text}`,
    };
  }
  const row = getBrokerRow(db);
  const b = v6.broker!;
  const broker = {
    requests: b.requests,
    requestId: row?.requestId?.toString() ?? null,
    attempts: row?.attempts ?? 0,
    maxRequests: b.max_requests,
    deadlineAt:
      row?.state === 'waiting' && row.requestedAt !== null
        ? row.requestedAt + b.answer_timeout_s * 1000
        : null,
    endpoint: row?.answer?.brokerEndpoint ?? null,
    dnsZone: row?.answer?.dnsZone || null,
  };
  const out = (
    state: Ipv6State,
    reason: Ipv6Status['reason'],
    message: string,
    tunnel: Ipv6Status['tunnel'] = null,
  ): Ipv6Status => ({
    ...base,
    mode: 'broker',
    state,
    reason,
    message,
    broker,
    tunnel,
  });
  if (!row)
    return out('requesting', null, `no request to broker ${b.requests} yet (the daemon makes one)`);
  const notice = row.message ? `; ${row.message}` : '';
  switch (row.state) {
    case 'failed':
      return out(
        'failed',
        row.reason,
        `${row.message ?? 'failed'} — fix the cause, then \`blockhost ipv6 retry\``,
      );
    case 'requesting':
      return out(
        'requesting',
        row.reason,
        `sending request ${row.attempts + 1} of ${b.max_requests} to broker ${b.requests}${notice}`,
      );
    case 'waiting':
      if (!row.answer)
        return out(
          'waiting',
          row.reason,
          `waiting for the broker's answer to request ${row.requestId} (sent ${ago(now - (row.requestedAt ?? now))} ago, deadline in ${ago((broker.deadlineAt ?? now) - now)}; request ${row.attempts} of ${b.max_requests})${notice}`,
        );
  }
  return tunnelState(row, net, ours, applied, now, b.handshake_timeout_s, out, applyNote());
}

function tunnelState(
  row: BrokerRow,
  net: ReturnType<typeof desiredIpv6Network>,
  ours: Ipv6ApplyStatus | null,
  applied: Ipv6ApplyStatus | null,
  now: number,
  timeoutS: number,
  out: (s: Ipv6State, r: Ipv6Status['reason'], m: string, t?: Ipv6Status['tunnel']) => Ipv6Status,
  note: { reason: Ipv6Status['reason']; text: string },
): Ipv6Status {
  const a = row.answer!;
  const iface = net?.tunnel?.interface ?? 'wg-broker';
  const obs = ours?.observation?.tunnel ?? null;
  const hs = obs?.latestHandshake ?? null;
  const observedAt = ours?.observation?.at ?? now;
  const handshakeAgeS = hs === null ? null : Math.max(0, Math.round(observedAt / 1000 - hs));
  const tunnel = { interface: iface, appliedAt: ours?.appliedAt ?? null, handshakeAgeS };
  const extra =
    row.reason === 'prefix-change-refused' || row.reason === 'broker-unknown'
      ? `; ${row.message}`
      : '';
  const reason =
    row.reason === 'prefix-change-refused' || row.reason === 'broker-unknown'
      ? row.reason
      : note.reason;
  if (applied?.error || !ours?.appliedAt)
    return out(
      'answered',
      reason,
      `prefix ${a.prefix} assigned by the broker${note.text}${extra}`,
      tunnel,
    );
  if (handshakeAgeS !== null && handshakeAgeS <= HANDSHAKE_FRESH_S)
    return out(
      'tunnel-up',
      reason,
      `prefix ${a.prefix} through ${iface} to ${a.brokerEndpoint}; last handshake ${handshakeAgeS} s ago${note.text}${extra}`,
      tunnel,
    );
  const since = Math.round((now - ours.appliedAt) / 1000);
  if (since >= timeoutS)
    return out(
      'no-handshake',
      reason,
      `prefix ${a.prefix}: ${hs === null ? 'no handshake' : `no handshake for ${handshakeAgeS} s`} with the broker at ${a.brokerEndpoint} (tunnel ${iface} applied ${since} s ago); check that UDP to ${a.brokerEndpoint} leaves this host and that the broker has this host's key${extra}`,
      tunnel,
    );
  return out(
    'answered',
    reason,
    `prefix ${a.prefix}: tunnel ${iface} applied ${since} s ago, waiting for the first handshake with ${a.brokerEndpoint}${extra}`,
    tunnel,
  );
}

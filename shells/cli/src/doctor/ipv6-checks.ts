/**
 * Doctor's IPv6 lines: the state (broker request, answer, tunnel; docs/ipv6.md) and the free
 * addresses of the prefix from the journal; as root, the host itself: gateway and a route per
 * VM on the bridge, forwarding, the VMs answering a ping from prefix+1, the tunnel's handshake
 * age, and a ping from prefix+1 to the broker's tunnel address (answered only if the broker
 * routes the prefix to this host): with the VM pings, a VM is reachable from the far side.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  commandRunner,
  currentIpv6Plan,
  type Db,
  HANDSHAKE_FRESH_S,
  type HostConfig,
  ipv6StateDir,
  ipv6Status,
  NETWORK_FILE,
  observeIpv6Network,
  pingFarEnd,
  pingVms,
  readApplyStatus,
  readIpv6Network,
} from '@blockhost/host';
import { type CheckResult, fail, ok, skip, warn } from './check.js';

const HINTS: Record<string, string> = {
  'broker-unknown': 'check ipv6.broker.registry/requests in db.yaml, then `blockhost ipv6 retry`',
  'request-refused':
    'the requests contract refused the request: check the broker and web3 contracts.nft, then `blockhost ipv6 retry`',
  'answer-undecryptable':
    'the broker encrypted to another key: tell the broker this host’s server address, then `blockhost ipv6 retry`',
  'answer-invalid':
    'the broker assigned something unusable (see the message): tell the broker, then `blockhost ipv6 retry`',
  'no-answer':
    'the broker did not answer: check that it runs (and its chain), then `blockhost ipv6 retry`',
  'prefix-change-refused': 'see docs/ipv6.md, “A changed prefix”',
  'apply-failed': 'see `blockhost ipv6 apply` (as root) and `journalctl -u blockhost-ipv6`',
  'not-applied': 'run `blockhost ipv6 apply` as root (blockhost-ipv6.path does it when enabled)',
};

function stateCheck(config: HostConfig, db: Db): CheckResult {
  const s = ipv6Status(db, config, readApplyStatus(ipv6StateDir(config)), Date.now());
  const plan = currentIpv6Plan(db, config);
  const total = plan ? Number(plan.plan.last - plan.plan.first + 1n) : 0;
  const free = plan ? `; ${total - s.vms} of ${total} addresses free` : '';
  const text = `${s.state}: ${s.message}${free}`;
  const hint = (s.reason && HINTS[s.reason]) ?? null;
  if (s.state === 'failed' || s.state === 'no-handshake')
    return fail('ipv6', text, hint ?? 'see `blockhost ipv6 status`');
  if (s.reason === 'apply-failed' || s.reason === 'prefix-change-refused')
    return warn('ipv6', text, hint);
  if (
    s.state === 'requesting' ||
    s.state === 'waiting' ||
    s.state === 'answered' ||
    s.reason === 'not-applied'
  )
    return warn(
      'ipv6',
      text,
      hint ?? 'wait for the broker and the tunnel (`blockhost ipv6 status`)',
    );
  if (plan && total - s.vms === 0)
    return warn('ipv6', text, 'the prefix is full: new VMs get IPv4 only');
  return ok('ipv6', text);
}

export async function ipv6Checks(
  config: HostConfig,
  db: Db | null,
  o: { netns?: string | undefined } = {},
): Promise<CheckResult[]> {
  if (config.db.ipv6.mode === 'off')
    return [ok('ipv6', 'IPv6 off (ipv6.mode in db.yaml): VMs get IPv4 only')];
  if (!db) return [skip('ipv6', 'no journal yet')];
  const out = [stateCheck(config, db)];
  const file = join(ipv6StateDir(config), NETWORK_FILE);
  const net = existsSync(file) ? readIpv6Network(file) : null;
  if (!net) return out;
  if (process.getuid?.() !== 0)
    return [
      ...out,
      skip('ipv6-routes', 'reading routes and WireGuard needs root: run doctor as root'),
    ];
  const run = commandRunner(o.netns ? { netns: o.netns } : {});
  const seen = await observeIpv6Network(net, run, Date.now());
  const missing = seen.routes.filter((r) => !r.present).map((r) => r.address);
  const problems = [
    ...(seen.gatewayOnBridge ? [] : [`the gateway ${net.gateway} is not on ${net.bridge}`]),
    ...(seen.forwarding ? [] : ['IPv6 forwarding is off']),
    ...(missing.length ? [`no route for ${missing.join(', ')}`] : []),
  ];
  out.push(
    problems.length
      ? fail('ipv6-routes', problems.join('; '), 'run `blockhost ipv6 apply` as root')
      : ok(
          'ipv6-routes',
          `gateway ${net.gateway} on ${net.bridge}, a route for each of ${net.vms.length} VM address${net.vms.length === 1 ? '' : 'es'}, forwarding on`,
        ),
  );
  if (net.vms.length > 0) {
    const vms = await pingVms(net, run);
    const silent = vms.filter((v) => !v.reachable).map((v) => v.address);
    out.push(
      silent.length
        ? warn(
            'ipv6-vms',
            `no answer to a ping from ${net.gateway}: ${silent.join(', ')}`,
            'the VM may be off, still booting, or drop pings; check its ip6= in ipconfig0 and `ip -6 neigh show dev ' +
              net.bridge +
              '`',
          )
        : ok(
            'ipv6-vms',
            `${vms.length} VM${vms.length === 1 ? '' : 's'} answer${vms.length === 1 ? 's' : ''} a ping from ${net.gateway}`,
          ),
    );
  }
  if (!net.tunnel || !seen.tunnel) return out;
  const t = seen.tunnel;
  const age = t.latestHandshake === null ? null : Math.round(Date.now() / 1000 - t.latestHandshake);
  if (!t.present)
    out.push(
      fail(
        'ipv6-tunnel',
        `WireGuard interface ${t.interface} does not exist`,
        'run `blockhost ipv6 apply` as root',
      ),
    );
  else if (age === null || age > HANDSHAKE_FRESH_S)
    out.push(
      fail(
        'ipv6-tunnel',
        `${t.interface}: ${age === null ? 'no handshake' : `last handshake ${age} s ago`} with the broker at ${net.tunnel.peer.endpoint}`,
        `check that UDP to ${net.tunnel.peer.endpoint} leaves this host and that the broker has this host’s key`,
      ),
    );
  else
    out.push(
      ok(
        'ipv6-tunnel',
        `${t.interface}: last handshake with ${net.tunnel.peer.endpoint} ${age} s ago`,
      ),
    );
  const far = await pingFarEnd(net, run);
  out.push(
    far.reachable
      ? ok('ipv6-far-end', `${far.detail}: the broker routes ${net.prefix} to this host`)
      : fail(
          'ipv6-far-end',
          `${far.detail}: VM addresses are not reachable from the internet`,
          'see docs/ipv6.md, “Debugging”',
        ),
  );
  return out;
}

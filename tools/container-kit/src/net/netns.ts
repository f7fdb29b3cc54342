/**
 * Network namespaces for tests of real networking (a WireGuard tunnel between a "broker" and a
 * "host", a "VM" behind the host's bridge): created with the kit's names (so a dead process's
 * leftovers are reaped by the next run), joined by veth pairs, and removed by `remove()`.
 */
import { existsSync } from 'node:fs';
import { errAsync, ResultAsync } from 'neverthrow';
import { ContainerKitError, requireRoot } from '../errors.js';
import { describeFailure, type RunOptions, type RunResult, run } from '../process/run.js';
import { reapStaleNetworks } from './bridge.js';
import { linkName, netnsName, nextNetworkSeq } from './names.js';

export interface Netns {
  readonly name: string;
  /** `argv` run inside the namespace: `['ip', 'netns', 'exec', name, …argv]`. */
  argv(argv: readonly string[]): string[];
  /** Runs a program inside the namespace to completion. */
  run(cmd: string, args: readonly string[], o?: RunOptions): Promise<RunResult>;
  /** Runs `ip -n <name> …args`, throwing a ContainerKitError with ip's message on failure. */
  ip(args: readonly string[]): Promise<void>;
  /** Deletes the namespace (and the links inside it); end its processes first. */
  remove(): Promise<void>;
}

const wrap = (step: string) => (e: unknown) =>
  e instanceof ContainerKitError
    ? e
    : new ContainerKitError(step, (e as Error).message, { cause: e });

async function ipOrThrow(step: string, args: readonly string[]): Promise<void> {
  const r = await run('ip', args, { timeoutMs: 30_000 });
  if (r.status !== 0) throw new ContainerKitError(step, describeFailure('ip', args, r));
}

/** A new network namespace with `lo` up. Needs root. */
export function createNetns(): ResultAsync<Netns, ContainerKitError> {
  const notRoot = requireRoot('creating a network namespace');
  if (notRoot) return errAsync(notRoot);
  const name = netnsName(nextNetworkSeq());
  let created = false;
  const remove = async () => {
    if (created || existsSync(`/run/netns/${name}`))
      await run('ip', ['netns', 'del', name], { timeoutMs: 30_000 });
    created = false;
  };
  return ResultAsync.fromPromise(
    (async () => {
      await reapStaleNetworks();
      try {
        await ipOrThrow('creating a network namespace', ['netns', 'add', name]);
        created = true;
        await ipOrThrow('creating a network namespace', ['-n', name, 'link', 'set', 'lo', 'up']);
      } catch (e) {
        await remove();
        throw e;
      }
      const argv = (a: readonly string[]) => ['ip', 'netns', 'exec', name, ...a];
      return {
        name,
        argv,
        run: (cmd: string, args: readonly string[], o?: RunOptions) =>
          run('ip', ['netns', 'exec', name, cmd, ...args], { timeoutMs: 30_000, ...o }),
        ip: (args: readonly string[]) =>
          ipOrThrow(`ip in namespace ${name}`, ['-n', name, ...args]),
        remove,
      };
    })(),
    wrap('creating a network namespace'),
  );
}

/**
 * A veth pair between two namespaces: `aName` in `a`, `bName` in `b`, both up. It goes away
 * with either namespace.
 */
export function linkNetns(
  a: Netns,
  aName: string,
  b: Netns,
  bName: string,
): ResultAsync<void, ContainerKitError> {
  const n = nextNetworkSeq();
  // Made in this namespace under the kit's names, then moved and renamed.
  const ta = linkName('v', n);
  const tb = linkName('u', n);
  return ResultAsync.fromPromise(
    (async () => {
      try {
        await ipOrThrow('linking namespaces', [
          'link',
          'add',
          ta,
          'type',
          'veth',
          'peer',
          'name',
          tb,
        ]);
        await ipOrThrow('linking namespaces', ['link', 'set', ta, 'netns', a.name]);
        await ipOrThrow('linking namespaces', ['link', 'set', tb, 'netns', b.name]);
        await a.ip(['link', 'set', ta, 'name', aName]);
        await b.ip(['link', 'set', tb, 'name', bName]);
        await a.ip(['link', 'set', aName, 'up']);
        await b.ip(['link', 'set', bName, 'up']);
      } catch (e) {
        for (const l of [ta, tb])
          if (existsSync(`/sys/class/net/${l}`)) await run('ip', ['link', 'del', l]);
        throw e;
      }
    })(),
    wrap('linking namespaces'),
  );
}

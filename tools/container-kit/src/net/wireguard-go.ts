/**
 * A userspace WireGuard interface (Debian's `wireguard-go`, on /dev/net/tun) inside a network
 * namespace, for hosts without the kernel module (this CI). The interface appears in the
 * namespace; `wg` reaches it from anywhere through its control socket in /var/run/wireguard,
 * which is why names must be unique across namespaces: the kit's `bk<pid>w<n>`.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ResultAsync } from 'neverthrow';
import { ContainerKitError } from '../errors.js';
import { startSupervised } from '../process/supervised.js';
import { linkName, nextNetworkSeq, WIREGUARD_SOCKET_DIR } from './names.js';
import type { Netns } from './netns.js';

export interface WireguardGo {
  /** The interface name (in the namespace) and of its control socket. */
  readonly name: string;
  readonly pid: number;
  /** Ends wireguard-go by its PID (the interface and the socket go with it). */
  stop(): Promise<void>;
}

/** A fresh interface name for a wireguard-go started by this process. */
export function wireguardInterfaceName(): string {
  return linkName('w', nextNetworkSeq());
}

/** Starts `wireguard-go -f <name>` in `netns` and waits for its control socket. */
export function startWireguardGo(
  netns: Netns,
  name: string = wireguardInterfaceName(),
): ResultAsync<WireguardGo, ContainerKitError> {
  const socket = join(WIREGUARD_SOCKET_DIR, `${name}.sock`);
  return ResultAsync.fromPromise(
    (async () => {
      const proc = await startSupervised(netns.argv(['wireguard-go', '-f', name]), {
        comm: 'wireguard-go',
      });
      const stop = async () => {
        await proc.stop();
        rmSync(socket, { force: true });
      };
      const end = Date.now() + 10_000;
      while (!existsSync(socket)) {
        const gone = await Promise.race([
          proc.exited.then(() => true),
          new Promise<false>((r) => setTimeout(() => r(false), 20)),
        ]);
        if (gone || Date.now() > end) {
          await stop();
          throw new ContainerKitError(
            'starting wireguard-go',
            `no control socket ${socket}${gone ? ' (it exited)' : ''}`,
            { details: proc.output().slice(-2000), hint: 'needs /dev/net/tun and root' },
          );
        }
      }
      return { name, pid: proc.pid, stop };
    })(),
    (e) =>
      e instanceof ContainerKitError
        ? e
        : new ContainerKitError('starting wireguard-go', (e as Error).message, { cause: e }),
  );
}

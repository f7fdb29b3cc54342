/**
 * Names of the kit's network namespaces and links. They carry the creating process id, so the
 * leftovers of a process that died are recognised (and removed) by the next one, and one
 * counter numbers them across the kit's modules so no two collide.
 * Namespaces: `bhk-<pid>-<n>`; links: `bk<pid><letter><n>` (at most 15 characters).
 */
let seq = 0;

export function nextNetworkSeq(): number {
  return ++seq;
}

export const netnsName = (n: number) => `bhk-${process.pid}-${n}`;

/** A link name of this process: `letter` tells the kind (c, g: container veth; v: veth; w: WireGuard). */
export const linkName = (letter: string, n: number) => `bk${process.pid}${letter}${n}`;

export const NETNS_RE = /^bhk-(\d+)-\d+$/;
export const LINK_RE = /^bk(\d+)[a-z]\d+$/;

/** Where wireguard-go (and `wg`) keep an interface's control socket: one directory for all namespaces. */
export const WIREGUARD_SOCKET_DIR = '/var/run/wireguard';

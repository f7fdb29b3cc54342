/**
 * What the job steps need from Proxmox and the chain, as narrow interfaces.
 * The daemon wires them to `@blockhost/proxmox` and `@blockhost/chain`
 * (see `../wiring/`); keeping them narrow keeps every step's effect visible.
 *
 * Every failure says whether trying again can help (`retryable`).
 */
import type { ClusterVm } from '@blockhost/core';
import type { ProvisionStep } from '@blockhost/proxmox';
import type { ConfirmDestroyParameters, QuorumVerdict } from '../trust/quorum.js';

/** What a destroy needs confirmed: the reason, the purchase the VM was made for, its suspension. */
export type DestroyFacts = Pick<
  ConfirmDestroyParameters,
  'subscriptionId' | 'reason' | 'purchase' | 'suspendedAt'
>;

export interface ClusterInventory {
  /** This deployment's VMs (tagged with its deployment tag and their subscription). */
  readonly deployment: readonly ClusterVm[];
  /** Every address some VM of the cluster is configured with (the operator's own VMs too). */
  readonly addresses: { readonly ipv4: ReadonlySet<string>; readonly ipv6: ReadonlySet<string> };
}

export interface PortError {
  readonly message: string;
  readonly retryable: boolean;
  /**
   * The cause is outside BlockHost and may last: wait for it as long as it takes, without
   * spending the job's attempts. `capacity`: no node has room now (look again after the longest
   * retry delay). `unreachable`: the API did not answer (restarting, upgrading, a network
   * outage): look again soon, since it usually comes back within seconds.
   */
  readonly wait?: 'capacity' | 'unreachable' | undefined;
}

export type PortResult<T> = { ok: true; value: T } | { ok: false; error: PortError };

export const okResult = <T>(value: T): PortResult<T> => ({ ok: true, value });
export const errResult = (message: string, retryable: boolean): PortResult<never> => ({
  ok: false,
  error: { message, retryable },
});

/** A subscription's VM as the provisioning steps need it (everything else derives from it). */
export interface VmSpec {
  readonly node: string;
  readonly vmid: number;
  readonly subscriptionId: bigint;
  /** The wallet written into the description's owner metadata. */
  readonly owner: string;
  /** The purchase's transaction hash, written there too (null: not known). */
  readonly purchase: `0x${string}` | null;
  readonly cores: number;
  readonly memoryMiB: number;
  readonly diskGiB: number;
  readonly ipv4: { readonly cidr: string; readonly gateway: string };
  readonly ipv6: { readonly cidr: string; readonly gateway: string } | null;
  readonly nameservers: readonly string[];
}

export interface ProxmoxPort {
  /** Cheap reachability check for /readyz. */
  ping(): Promise<PortResult<void>>;
  /** Picks a node with room for the plan; not retryable when none can ever fit. */
  place(need: {
    cores: number;
    memoryMiB: number;
    diskGiB: number;
  }): Promise<PortResult<{ node: string }>>;
  /**
   * VMIDs in use anywhere in the cluster, as far as allocating the next one needs: `reserved`
   * (the journal's own allocations) are skipped when looking for VMs the token cannot see.
   */
  usedVmids(reserved?: readonly number[]): Promise<PortResult<number[]>>;
  /**
   * The cluster as recovery and address allocation see it: this deployment's VMs (by tags)
   * with their VMID, node, addresses and whether BlockHost suspended them, and every address
   * any VM of the cluster is configured with. `maxAgeMs` allows an answer that old (cached).
   */
  inspectCluster(o?: { maxAgeMs?: number }): Promise<PortResult<ClusterInventory>>;
  /** The subscription's VM if one exists (by tags, or name + description): crash recovery before a second clone. */
  findSubscriptionVm(
    subscriptionId: bigint,
  ): Promise<PortResult<{ node: string; vmid: number } | null>>;
  /**
   * One step of `provisionVmStep` (@blockhost/proxmox): clone (or find the
   * subscription's VM), configure (snippet, config, disk), start, wait for the
   * guest agent. Returns the VM the step worked on and the next step.
   */
  provision(
    step: ProvisionStep,
    spec: VmSpec,
    o: { userData?: string; agentTimeoutMs?: number; signal: AbortSignal },
  ): Promise<PortResult<{ vm: { node: string; vmid: number }; next: ProvisionStep | null }>>;
  suspend(node: string, vmid: number, mode: 'shutdown' | 'hibernate'): Promise<PortResult<void>>;
  resume(node: string, vmid: number): Promise<PortResult<void>>;
  /**
   * Stops and removes the subscription's VM with its disks and snippet; refuses a VM that is
   * not the subscription's; a VM already gone is success.
   */
  destroy(args: {
    node: string;
    vmid: number;
    subscriptionId: bigint;
    snippet: string | null;
  }): Promise<PortResult<void>>;
  /** Rewrites the login user's GECOS (`wallet=…,nft=…`) through the guest agent. */
  setLoginWallet(args: {
    node: string;
    vmid: number;
    user: string;
    wallet: string;
    tokenId: bigint;
  }): Promise<PortResult<void>>;
}

export interface ChainPort {
  /** Mints the access NFT (or finds the one already minted for the subscription). */
  mint(args: {
    to: string;
    subscriptionId: bigint;
    userEncrypted: `0x${string}`;
  }): Promise<PortResult<{ tokenId: bigint; alreadyMinted: boolean }>>;
  updateUserEncrypted(tokenId: bigint, userEncrypted: `0x${string}`): Promise<PortResult<void>>;
  /** Decrypts a subscriber's `userEncrypted` with the server key into their signature. */
  decryptSubscriberKey(userEncrypted: string): Promise<PortResult<`0x${string}`>>;
  /** Does a quorum of the configured RPCs say `wallet` holds the token (at a confirmed block)? */
  confirmOwner(args: { tokenId: bigint; wallet: string }): Promise<PortResult<QuorumVerdict>>;
  /** Does a quorum of the configured RPCs confirm that the subscription's VM may be destroyed? */
  confirmDestroy(args: DestroyFacts): Promise<PortResult<QuorumVerdict>>;
  /** Encrypts connection details with the credential key derived from the signature. */
  encryptConnectionDetails(
    signature: `0x${string}`,
    details: Record<string, unknown>,
  ): PortResult<`0x${string}`>;
}

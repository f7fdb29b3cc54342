/**
 * What the job steps need from Proxmox and the chain, as narrow interfaces.
 * The daemon wires them to `@blockhost/proxmox` and `@blockhost/chain`
 * (see `../wiring/`); keeping them narrow keeps every step's effect visible.
 *
 * Every failure says whether trying again can help (`retryable`).
 */
export interface PortError {
  readonly message: string;
  readonly retryable: boolean;
}

export type PortResult<T> = { ok: true; value: T } | { ok: false; error: PortError };

export const okResult = <T>(value: T): PortResult<T> => ({ ok: true, value });
export const errResult = (message: string, retryable: boolean): PortResult<never> => ({
  ok: false,
  error: { message, retryable },
});

export interface VmSpec {
  readonly node: string;
  readonly vmid: number;
  readonly name: string;
  readonly tags: readonly string[];
  readonly description: string;
  readonly cores: number;
  readonly memoryMiB: number;
  readonly diskGiB: number;
  readonly ipv4: { readonly cidr: string; readonly gateway: string };
  readonly ipv6: { readonly cidr: string; readonly gateway: string } | null;
  readonly nameservers: readonly string[];
  readonly user: string;
  /** Snippet file name under the snippets storage, e.g. `bh-31337-…-7-user.yaml`. */
  readonly snippet: string;
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
  /** VMIDs in use anywhere in the cluster. */
  usedVmids(): Promise<PortResult<number[]>>;
  /** The subscription's VM if one exists (by tags, or name + description): crash recovery before a second clone. */
  findSubscriptionVm(
    subscriptionId: bigint,
  ): Promise<PortResult<{ node: string; vmid: number } | null>>;
  /** Full clone of the template to `spec.vmid` on `spec.node`; done when the task is. */
  clone(spec: VmSpec): Promise<PortResult<void>>;
  /** Writes the cloud-init user-data snippet onto the VM's node. */
  writeSnippet(node: string, snippet: string, content: string): Promise<PortResult<void>>;
  configure(spec: VmSpec): Promise<PortResult<void>>;
  start(node: string, vmid: number): Promise<PortResult<void>>;
  waitForAgent(
    node: string,
    vmid: number,
    timeoutMs: number,
    signal: AbortSignal,
  ): Promise<PortResult<void>>;
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
  decryptSubscriberKey(userEncrypted: string): PortResult<`0x${string}`>;
  /** Encrypts connection details with the credential key derived from the signature. */
  encryptConnectionDetails(
    signature: `0x${string}`,
    details: Record<string, unknown>,
  ): PortResult<`0x${string}`>;
}

import { err, ok, type Result } from 'neverthrow';
import { InvalidInputError } from './errors.js';
import { type Address, isAddress } from './types.js';

/** Which deployment a VM belongs to: a contract on a chain. */
export interface Deployment {
  readonly chainId: number;
  /** The subscriptions contract address. */
  readonly contract: Address;
}

/** The tag every BlockHost VM carries. */
export const BLOCKHOST_TAG = 'blockhost';

const DNS_LABEL_MAX = 63;

function contractShort(contract: Address): string {
  // 8 hex digits: a redeployed contract gets another address, hence other names.
  return contract.slice(2, 10).toLowerCase();
}

function checkDeployment(d: Deployment): Result<Deployment, InvalidInputError> {
  if (!Number.isSafeInteger(d.chainId) || d.chainId <= 0) {
    return err(new InvalidInputError('chainId', 'expected a positive integer'));
  }
  if (!isAddress(d.contract))
    return err(new InvalidInputError('contract', 'expected a 20-byte hex address'));
  return ok(d);
}

/** `bhd-<chainId>-<8 hex of the contract>`: tells deployments apart on a shared cluster. */
export function deploymentTag(d: Deployment): Result<string, InvalidInputError> {
  return checkDeployment(d).map((x) => `bhd-${x.chainId}-${contractShort(x.contract)}`);
}

/** `sub-<id>`: which subscription a VM serves (unique together with the deployment tag). */
export function subscriptionTag(subscriptionId: bigint): string {
  return `sub-${subscriptionId}`;
}

/**
 * The VM name and host name: `bh-<chainId>-<8 hex of contract>-<subscription id>`.
 * A valid DNS label (lower case, ≤ 63 characters), so Proxmox accepts it as a
 * VM name and cloud-init as a host name.
 */
export function vmName(d: Deployment, subscriptionId: bigint): Result<string, InvalidInputError> {
  if (subscriptionId < 0n)
    return err(new InvalidInputError('subscriptionId', 'must not be negative'));
  return checkDeployment(d).andThen((x) => {
    const name = `bh-${x.chainId}-${contractShort(x.contract)}-${subscriptionId}`;
    if (name.length > DNS_LABEL_MAX) {
      return err(
        new InvalidInputError('vm name', `${name} is longer than ${DNS_LABEL_MAX} characters`),
      );
    }
    return ok(name);
  });
}

/** Proxmox tags of a subscription's VM, in the order written to `tags`. */
export function vmTags(d: Deployment, subscriptionId: bigint): Result<string[], InvalidInputError> {
  return deploymentTag(d).map((tag) => [BLOCKHOST_TAG, tag, subscriptionTag(subscriptionId)]);
}

/** Owner metadata kept in the VM's description, readable by people and programs. */
export interface VmMetadata {
  readonly chainId: number;
  readonly contract: Address;
  readonly subscriptionId: bigint;
  readonly owner: Address;
  readonly tokenId?: bigint | undefined;
  /**
   * The transaction of the purchase the VM was made for: after a lost journal, recovery tells
   * a VM of this purchase from one of a purchase a reorg replaced under the same id.
   */
  readonly purchase?: `0x${string}` | undefined;
}

const META_PREFIX = 'blockhost-meta: ';

/** A description for the VM: one human line plus one machine-readable JSON line. */
export function vmDescription(meta: VmMetadata): string {
  const json = JSON.stringify({
    v: 1,
    chainId: meta.chainId,
    contract: meta.contract,
    subscriptionId: meta.subscriptionId.toString(),
    owner: meta.owner,
    ...(meta.tokenId === undefined ? {} : { tokenId: meta.tokenId.toString() }),
    ...(meta.purchase === undefined ? {} : { purchase: meta.purchase }),
  });
  return `BlockHost VM for subscription ${meta.subscriptionId}, managed by blockhostd; do not edit.\n${META_PREFIX}${json}\n`;
}

/** Reads back what `vmDescription` wrote; `null` when the description is not ours. */
export function parseVmDescription(text: string): VmMetadata | null {
  const line = text.split('\n').find((l) => l.startsWith(META_PREFIX));
  if (!line) return null;
  try {
    const v = JSON.parse(line.slice(META_PREFIX.length)) as Record<string, unknown>;
    if (v.v !== 1 || typeof v.chainId !== 'number' || !isAddress(v.contract) || !isAddress(v.owner))
      return null;
    if (typeof v.subscriptionId !== 'string' || !/^[0-9]+$/.test(v.subscriptionId)) return null;
    const tokenId =
      typeof v.tokenId === 'string' && /^[0-9]+$/.test(v.tokenId) ? BigInt(v.tokenId) : undefined;
    const purchase =
      typeof v.purchase === 'string' && /^0x[0-9a-fA-F]{64}$/.test(v.purchase)
        ? (v.purchase.toLowerCase() as `0x${string}`)
        : undefined;
    return {
      chainId: v.chainId,
      contract: v.contract,
      subscriptionId: BigInt(v.subscriptionId),
      owner: v.owner,
      tokenId,
      ...(purchase ? { purchase } : {}),
    };
  } catch {
    return null;
  }
}

/**
 * A VM adopted by recovery for a subscription the journal has no purchase event for (a reorg
 * took it) is keyed by what is known: its VMID and the chain head when it was adopted, which
 * bounds its purchase — so a destroy can wait for finality past it instead of for ever.
 */

/** The purchase key of such a VM (`head` null: no bound known). */
export function adoptedPurchaseKey(vmid: number, head: bigint | null): string {
  return head === null ? `adopted:${vmid}` : `adopted:${vmid}@${head}`;
}

/** The block an adopted VM's unknown purchase was at or before (null: not such a key). */
export function adoptedPurchaseBound(key: string): bigint | null {
  const m = /^adopted:[0-9]+@([0-9]+)$/.exec(key);
  return m ? BigInt(m[1]!) : null;
}

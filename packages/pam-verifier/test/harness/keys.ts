/** Fixed test keys (never used for anything real). */
import { privateKeyToAccount } from 'viem/accounts';

export const KEY_ALICE =
  '0x00000000000000000000000000000000000000000000000000000000000a11ce' as const;
export const KEY_MALLORY =
  '0x000000000000000000000000000000000000000000000000000000000000bad0' as const;
export const KEY_CAROL =
  '0x00000000000000000000000000000000000000000000000000000000000ca401' as const;

export const alice = privateKeyToAccount(KEY_ALICE);
export const mallory = privateKeyToAccount(KEY_MALLORY);
export const carol = privateKeyToAccount(KEY_CAROL);

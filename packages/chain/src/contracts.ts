/**
 * ABIs, bytecode, role ids and interface ids of the BlockHost contracts.
 */
import { type Hex, keccak256, toFunctionSelector, toHex } from 'viem';
import type { accessCredentialNftAbi, blockhostSubscriptionsAbi } from './generated/index.js';

export {
  accessCredentialNftAbi,
  accessCredentialNftBytecode,
  accessCredentialNftDeployedBytecode,
  blockhostSubscriptionsAbi,
  blockhostSubscriptionsBytecode,
  blockhostSubscriptionsDeployedBytecode,
  SOLC_VERSION,
} from './generated/index.js';

export type BlockhostSubscriptionsAbi = typeof blockhostSubscriptionsAbi;
export type AccessCredentialNftAbi = typeof accessCredentialNftAbi;

/** The two contract addresses of one deployment. */
export interface BlockhostContracts {
  readonly subscriptions: `0x${string}`;
  readonly nft: `0x${string}`;
}

/** OpenZeppelin AccessControl role ids. */
export const ROLES = {
  DEFAULT_ADMIN_ROLE: `0x${'00'.repeat(32)}` as Hex,
  OPERATOR_ROLE: keccak256(toHex('OPERATOR_ROLE')),
  MINTER_ROLE: keccak256(toHex('MINTER_ROLE')),
} as const;

export type RoleName = keyof typeof ROLES;

/** `OPERATOR_ROLE` for its id; the hex itself for an unknown one. */
export function roleName(role: unknown): string {
  for (const [name, id] of Object.entries(ROLES)) if (id === role) return name;
  return String(role);
}

/** `token` value meaning "pay with the chain's native coin". */
export const NATIVE_TOKEN = '0x0000000000000000000000000000000000000000' as const;

/** Contract limits (mirrors the Solidity constants). */
export const LIMITS = {
  MIN_DAYS: 1,
  MAX_DAYS: 3650,
  MAX_USER_ENCRYPTED_BYTES: 1024,
  MAX_PLAN_NAME_BYTES: 64,
  /** Payment tokens need 2..36 decimals (cent precision). */
  MIN_TOKEN_DECIMALS: 2,
  MAX_TOKEN_DECIMALS: 36,
  /** Bounds of the price feed's staleness and the L2 sequencer grace period (seconds). */
  MAX_STALENESS_SECONDS: 2 * 86_400,
  MAX_SEQUENCER_GRACE_SECONDS: 86_400,
} as const;

function interfaceId(signatures: readonly string[]): Hex {
  let id = 0;
  for (const s of signatures) id ^= Number.parseInt(toFunctionSelector(s).slice(2), 16);
  return `0x${(id >>> 0).toString(16).padStart(8, '0')}`;
}

/** ERC-165 ids `verifyDeployment` asks for (same as Solidity's `type(I).interfaceId`). */
export const INTERFACE_IDS = {
  IBlockhostSubscriptions: interfaceId([
    'buySubscription(uint256,uint256,address,uint256,bytes)',
    'extendSubscription(uint256,uint256,address,uint256)',
    'cancelSubscription(uint256)',
    'controllerOf(uint256)',
    'getPlan(uint256)',
    'getSubscription(uint256)',
    'quote(uint256,uint256,address)',
    'planCount()',
    'subscriptionCount()',
    'getPaymentTokens()',
  ]),
  IAccessCredentialNFT: interfaceId([
    'mint(address,uint256,bytes)',
    'updateUserEncrypted(uint256,bytes)',
    'getUserEncrypted(uint256)',
    'subscriptionOf(uint256)',
    'tokenOfSubscription(uint256)',
    'holderOfSubscription(uint256)',
    'mintedTo(uint256)',
    'subscriptions()',
    'totalSupply()',
  ]),
  IERC721: '0x80ac58cd' as Hex,
  IERC4906: '0x49064906' as Hex,
  IAccessControl: '0x7965db0b' as Hex,
} as const;

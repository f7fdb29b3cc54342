/**
 * The contracts a host runs on: a fresh deployment that survives being killed
 * at any point (rerun continues, never deploys twice), or an existing one
 * verified and prepared for this host's server key.
 */
import {
  accessCredentialNftAbi,
  accessCredentialNftBytecode,
  blockhostSubscriptionsAbi,
  blockhostSubscriptionsBytecode,
  DEFAULT_ADMIN_DELAY_SECONDS,
  deployContract,
  getPaymentTokens,
  grantRole,
  hasRole,
  linkAccessCredential,
  type ReadClient,
  setPaymentToken,
  verifyDeployment,
  type WriteClients,
} from '@blockhost/chain';
import { ResultAsync } from 'neverthrow';
import { type Address, getAddress, getContractAddress } from 'viem';
import type { Document } from 'yaml';
import { creationBlock, hasCode, settledNonce } from './chain-util.js';
import { errorText, SetupError } from './errors.js';

export interface DeployedContracts {
  readonly subscriptions: Address;
  readonly nft: Address;
  readonly deployBlock: bigint;
}

/** Where a deployment starts: persist it before sending anything, pass it to every rerun. */
export interface DeploymentStart {
  readonly deployer: Address;
  /** The deployer's nonce of the subscriptions contract's creation (the NFT's is the next). */
  readonly nonce: number;
}

export interface DeployParameters {
  /** The operator's wallet: DEFAULT_ADMIN_ROLE on both contracts. */
  readonly admin: Address;
  /** The host's server key: OPERATOR_ROLE and MINTER_ROLE. */
  readonly server: Address;
  /** Accepted ERC-20 stablecoins from the start. */
  readonly paymentTokens: readonly Address[];
  readonly adminDelaySeconds?: number;
  readonly onProgress?: (text: string) => void;
}

const wrap = <T>(f: () => Promise<T>): ResultAsync<T, SetupError> =>
  ResultAsync.fromPromise(f(), (e) =>
    e instanceof SetupError ? e : new SetupError('remote', errorText(e), { cause: e }),
  );

function unwrapChain<T>(r: { isErr(): boolean; value?: T; error?: unknown }, what: string): T {
  if (r.isErr()) {
    throw new SetupError('remote', `${what}: ${errorText((r as { error: unknown }).error)}`, {
      cause: (r as { error: unknown }).error,
    });
  }
  return (r as { value: T }).value;
}

/** The deployer's next nonce once nothing of it is in flight: the start of a new deployment. */
export function beginDeployment(
  client: ReadClient,
  deployer: Address,
): ResultAsync<DeploymentStart, SetupError> {
  return wrap(async () => ({
    deployer: getAddress(deployer),
    nonce: await settledNonce(client, deployer),
  }));
}

/** The addresses a deployment that started at `start` has (or will have). */
export function deploymentAddresses(start: DeploymentStart): {
  subscriptions: Address;
  nft: Address;
} {
  return {
    subscriptions: getContractAddress({ from: start.deployer, nonce: BigInt(start.nonce) }),
    nft: getContractAddress({ from: start.deployer, nonce: BigInt(start.nonce + 1) }),
  };
}

/**
 * Deploys the subscriptions contract and the access NFT from the deployer
 * (`clients`), links them and checks the result, continuing a deployment that
 * started at `start`: each contract's address follows from the deployer's
 * nonce, so a contract already there is kept and a nonce taken by anything
 * else stops with a clear error (a new `beginDeployment` is needed).
 */
export function ensureDeployment(
  clients: WriteClients,
  start: DeploymentStart,
  p: DeployParameters,
): ResultAsync<DeployedContracts & { created: string[] }, SetupError> {
  return wrap(async () => {
    const { publicClient, walletClient } = clients;
    if (getAddress(walletClient.account.address) !== start.deployer) {
      throw new SetupError(
        'input',
        `the deployment was started by ${start.deployer}, not by ${walletClient.account.address}`,
      );
    }
    const want = deploymentAddresses(start);
    const adminDelay = BigInt(p.adminDelaySeconds ?? DEFAULT_ADMIN_DELAY_SECONDS);
    const created: string[] = [];
    const step = async (
      offset: number,
      address: Address,
      name: string,
      send: () => Promise<Address>,
    ) => {
      const nonce = await settledNonce(publicClient, start.deployer);
      if (await hasCode(publicClient, address)) return;
      if (nonce > start.nonce + offset) {
        throw new SetupError(
          'state',
          `the deployer's nonce ${start.nonce + offset} was used by another transaction, not the ${name} deployment`,
          { hint: 'start the deployment again (it begins at the current nonce)' },
        );
      }
      if (nonce < start.nonce + offset) {
        throw new SetupError(
          'state',
          `the deployer's nonce is ${nonce}, below this deployment's ${start.nonce + offset}`,
        );
      }
      p.onProgress?.(`deploying ${name}`);
      const got = await send();
      if (getAddress(got) !== getAddress(address)) {
        throw new SetupError('state', `${name} landed at ${got}, expected ${address}`);
      }
      created.push(name);
    };
    await step(
      0,
      want.subscriptions,
      'BlockhostSubscriptions',
      async () =>
        unwrapChain(
          await deployContract(clients, {
            name: 'BlockhostSubscriptions',
            abi: blockhostSubscriptionsAbi,
            bytecode: blockhostSubscriptionsBytecode,
            args: [
              p.admin,
              p.server,
              [...p.paymentTokens],
              '0x0000000000000000000000000000000000000000',
              0n,
              adminDelay,
            ],
          }),
          'deploying BlockhostSubscriptions',
        ).address,
    );
    await step(
      1,
      want.nft,
      'AccessCredentialNFT',
      async () =>
        unwrapChain(
          await deployContract(clients, {
            name: 'AccessCredentialNFT',
            abi: accessCredentialNftAbi,
            bytecode: accessCredentialNftBytecode,
            args: ['BlockHost Access', 'BHA', p.admin, p.server, want.subscriptions, adminDelay],
          }),
          'deploying AccessCredentialNFT',
        ).address,
    );
    await settledNonce(publicClient, start.deployer);
    const linked = (await publicClient.readContract({
      abi: blockhostSubscriptionsAbi,
      address: want.subscriptions,
      functionName: 'accessCredential',
      args: [],
    })) as Address;
    if (BigInt(linked) === 0n) {
      p.onProgress?.('linking the NFT to the subscriptions contract');
      unwrapChain(
        await linkAccessCredential(clients, { address: want.subscriptions, nft: want.nft }),
        'linking the contracts',
      );
      created.push('link');
    }
    // Scanning starts at the subscriptions contract's creation.
    const receiptBlock = await creationBlock(publicClient, want.subscriptions);
    const check = await verifyDeployment(publicClient, {
      subscriptions: want.subscriptions,
      nft: want.nft,
      server: p.server,
      admin: p.admin,
    });
    if (check.isErr()) {
      throw new SetupError('state', `the deployment does not verify: ${check.error.shortMessage}`, {
        details: check.error.details,
      });
    }
    return { ...want, deployBlock: receiptBlock, created };
  });
}

export interface ExistingCheck {
  readonly subscriptions: Address;
  readonly nft: Address;
  readonly planCount: bigint;
  readonly paymentTokens: readonly Address[];
  /** The given admin key holds DEFAULT_ADMIN_ROLE on both (it can grant the server its roles). */
  readonly adminOk: boolean;
}

/**
 * Checks that existing addresses hold BlockHost's contracts (code, ERC-165
 * interfaces, linked to each other), and whether `admin` administers them.
 * The server key's roles are not required: `ensureServerRoles` grants them.
 */
export function checkExistingContracts(
  client: ReadClient,
  p: { subscriptions: Address; nft: Address; admin?: Address },
): ResultAsync<ExistingCheck, SetupError> {
  return wrap(async () => {
    const r = await verifyDeployment(client, {
      subscriptions: p.subscriptions,
      nft: p.nft,
      // Roles are checked below; the zero address has none, so only its findings are dropped.
      server: '0x0000000000000000000000000000000000000000',
    });
    if (r.isErr()) {
      if (r.error.code === 'RPC_ERROR') throw new SetupError('remote', r.error.shortMessage);
      const problems = (r.error.details ?? r.error.shortMessage)
        .split('\n')
        .filter((l) => !/lacks (OPERATOR|MINTER)_ROLE/.test(l) && l.trim());
      if (problems.length > 0) throw new SetupError('input', problems.join('; '));
    }
    const tokens = unwrapChain(
      await getPaymentTokens(client, { address: p.subscriptions }),
      'payment tokens',
    );
    const planCount = (await client.readContract({
      abi: blockhostSubscriptionsAbi,
      address: p.subscriptions,
      functionName: 'planCount',
      args: [],
    })) as bigint;
    let adminOk = false;
    if (p.admin) {
      const a = unwrapChain(
        await hasRole(client, {
          address: p.subscriptions,
          role: 'DEFAULT_ADMIN_ROLE',
          account: p.admin,
        }),
        'admin role',
      );
      const b = unwrapChain(
        await hasRole(client, { address: p.nft, role: 'DEFAULT_ADMIN_ROLE', account: p.admin }),
        'admin role',
      );
      adminOk = a && b;
    }
    return {
      subscriptions: getAddress(p.subscriptions),
      nft: getAddress(p.nft),
      planCount,
      paymentTokens: tokens,
      adminOk,
    };
  });
}

/** Grants the server key OPERATOR_ROLE and MINTER_ROLE with an admin's key, where it lacks them. */
export function ensureServerRoles(
  admin: WriteClients,
  p: { subscriptions: Address; nft: Address; server: Address },
): ResultAsync<{ granted: string[] }, SetupError> {
  return wrap(async () => {
    const granted: string[] = [];
    await settledNonce(admin.publicClient, admin.walletClient.account.address);
    for (const [address, role] of [
      [p.subscriptions, 'OPERATOR_ROLE'],
      [p.nft, 'MINTER_ROLE'],
    ] as const) {
      const has = unwrapChain(
        await hasRole(admin.publicClient, { address, role, account: p.server }),
        role,
      );
      if (has) continue;
      unwrapChain(await grantRole(admin, { address, role, account: p.server }), `granting ${role}`);
      granted.push(role);
    }
    return { granted };
  });
}

/** Makes the contract accept each token (admin key), where it does not yet. */
export function ensurePaymentTokens(
  admin: WriteClients,
  p: { subscriptions: Address; tokens: readonly Address[] },
): ResultAsync<{ added: Address[] }, SetupError> {
  return wrap(async () => {
    await settledNonce(admin.publicClient, admin.walletClient.account.address);
    const have = unwrapChain(
      await getPaymentTokens(admin.publicClient, { address: p.subscriptions }),
      'payment tokens',
    ).map((t) => getAddress(t));
    const added: Address[] = [];
    for (const t of p.tokens) {
      if (have.includes(getAddress(t))) continue;
      unwrapChain(
        await setPaymentToken(admin, { address: p.subscriptions, token: t, accepted: true }),
        `accepting ${t}`,
      );
      added.push(getAddress(t));
    }
    return { added };
  });
}

/** Writes the contract addresses into web3-defaults.yaml's document (comments kept). */
export function setContractAddresses(doc: Document, c: DeployedContracts): void {
  doc.setIn(['contracts', 'subscriptions'], c.subscriptions);
  doc.setIn(['contracts', 'nft'], c.nft);
  doc.setIn(['contracts', 'deploy_block'], Number(c.deployBlock));
}

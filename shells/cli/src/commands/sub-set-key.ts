import {
  buildKeyMessage,
  decryptUserSignature,
  encryptConnectionDetails,
  encryptUserSignature,
  normalizeSignature,
  ownerOf,
  publicKeyFromSecretKey,
  tokenOfSubscription,
  updateUserEncrypted,
} from '@blockhost/chain';
import {
  connectionDetails,
  getSubscription,
  type HostConfig,
  latestVmOf,
  setKeyOverride,
} from '@blockhost/host';
import { bytesToHex, getAddress, type Hex } from 'viem';
import { chainFailure } from '../failures.js';
import type { CommandSpec } from '../framework/command.js';
import { CliError, EXIT, UsageError } from '../framework/errors.js';
import { readSecretFile, readSecretStdin } from '../framework/secret-input.js';

/** The key-message signature, from a raw signature or a `userEncrypted` blob for this host. */
function signatureFrom(config: HostConfig, text: string): Hex {
  const input = text.trim();
  if (/^(0x)?[0-9a-fA-F]{130}$/.test(input)) {
    const s = normalizeSignature(input.startsWith('0x') ? (input as Hex) : `0x${input}`);
    if (s.isErr())
      throw new CliError(`not a usable signature: ${s.error.shortMessage}`, EXIT.usage);
    return bytesToHex(s.value);
  }
  if (!/^(0x)?[0-9a-fA-F]+$/.test(input))
    throw new UsageError(
      'expected the customer’s new encrypted key (0x-hex, as the signup page makes it) or their key-message signature (0x + 130 hex)',
    );
  const r = decryptUserSignature({
    serverPrivateKey: config.serverKey.reveal(),
    userEncrypted: (input.startsWith('0x') ? input : `0x${input}`) as Hex,
  });
  if (r.isErr())
    throw new CliError(
      `the encrypted key cannot be used: ${r.error.shortMessage}`,
      EXIT.failed,
      "the customer must encrypt their key-message signature to this host's server key (the signup page does this)",
    );
  return r.value.signature;
}

export const subSetKey: CommandSpec = {
  path: ['sub', 'set-key'],
  summary:
    "write a subscription's connection details into its NFT again, from a new key of the customer",
  description:
    'For a subscription whose encrypted key could not be used (`sub show` lists a key error): the\n' +
    'customer signs the key message again and sends either the new encrypted key (ECIES to this host,\n' +
    'as the signup page makes it) or the signature itself. Read from --from-file or stdin, never from\n' +
    'the command line. The signature must be by the NFT holder; the details are encrypted with it and\n' +
    'written to the NFT (updateUserEncrypted), and the key error is cleared.',
  args: '<subscription-id>',
  positionals: [1, 1],
  options: {
    'from-file': {
      type: 'string',
      description: 'file with the encrypted key or the signature (default: read stdin)',
    },
  },
  examples: [
    'blockhost sub set-key 7 --from-file /root/sub-7.key',
    'blockhost sub set-key 7 < customer-key.txt',
  ],
  json: true,
  async run(ctx, [arg], v) {
    if (!arg || !/^[0-9]+$/.test(arg))
      throw new UsageError(
        `expected a subscription id (a number), got ${JSON.stringify(arg ?? '')}`,
      );
    const id = BigInt(arg).toString();
    const config = ctx.config();
    const db = ctx.db();
    const sub = getSubscription(db, id);
    if (!sub)
      throw new CliError(
        `no subscription ${id} in the journal`,
        EXIT.failed,
        'see `blockhost sub list`',
      );
    const vm = latestVmOf(db, id);
    if (!vm || vm.state === 'destroyed' || (!vm.ipv4 && !vm.ipv6))
      throw new CliError(
        `subscription ${id} has no VM with an address to describe`,
        EXIT.failed,
        'the details name the VM: wait until it is provisioned (`blockhost vm show`)',
      );
    const file = v['from-file'] as string | undefined;
    const text =
      file !== undefined && file !== '-'
        ? readSecretFile(file, "customer's key")
        : await readSecretStdin(
            'encrypted key or signature: ',
            ctx.stdin ?? process.stdin,
            ctx.stderr ?? process.stderr,
          );
    if (!text.trim())
      throw new UsageError('no key given', 'pass --from-file, or pipe it into stdin');
    const signature = signatureFrom(config, text);

    const chain = ctx.chain();
    const { subscriptions, nft } = chain.contracts;
    let tokenId = sub.tokenId ? BigInt(sub.tokenId) : null;
    if (tokenId === null) {
      const t = await tokenOfSubscription(chain.publicClient, {
        address: nft,
        subscriptionId: BigInt(id),
      });
      if (t.isErr()) throw chainFailure('looking up the NFT', t.error);
      tokenId = t.value;
    }
    if (tokenId === null)
      throw new CliError(
        `subscription ${id} has no access NFT yet`,
        EXIT.failed,
        'it is minted once the VM runs; set the key after that',
      );
    const holder = await ownerOf(chain.publicClient, { address: nft, tokenId });
    if (holder.isErr()) throw chainFailure(`reading the holder of NFT ${tokenId}`, holder.error);
    const message =
      config.web3.key_message ??
      buildKeyMessage({ chainId: config.web3.chain_id, subscriptions })._unsafeUnwrap();
    // verifyMessage also accepts contract wallets (ERC-1271), which cannot be recovered from.
    const byHolder = await chain.publicClient
      .verifyMessage({ address: holder.value, message, signature })
      .catch((e: Error) => {
        throw chainFailure('checking the signature', e);
      });
    if (!byHolder) {
      const bySubscriber =
        getAddress(sub.subscriber) !== getAddress(holder.value) &&
        (await chain.publicClient
          .verifyMessage({ address: sub.subscriber as Hex, message, signature })
          .catch(() => false));
      throw new CliError(
        bySubscriber
          ? `the key is the subscriber's (${sub.subscriber}), but NFT ${tokenId} now belongs to ${holder.value}`
          : `the signature is not ${holder.value}'s (the holder of NFT ${tokenId}) over the key message`,
        EXIT.failed,
        `the holder signs "${message}" with personal_sign`,
      );
    }
    const details = connectionDetails(config, vm);
    const enc = encryptConnectionDetails({ signature }, details);
    if (enc.isErr())
      throw new CliError(`encrypting the details: ${enc.error.shortMessage}`, EXIT.failed);
    const progress = ctx.progress(`writing the details into NFT ${tokenId}`);
    const tx = await updateUserEncrypted(
      { publicClient: chain.publicClient, walletClient: chain.walletClient! },
      { address: nft, tokenId, userEncrypted: enc.value },
    );
    if (tx.isErr()) {
      progress.fail();
      throw chainFailure(`updating NFT ${tokenId}`, tx.error);
    }
    progress.done(`NFT ${tokenId} updated`);
    // Kept (encrypted to the server key, never in clear) so a later re-provisioning
    // mints or updates the NFT with this key, not the bad one from the purchase.
    const sealed = publicKeyFromSecretKey(config.serverKey.reveal()).andThen((serverPublicKey) =>
      encryptUserSignature({ serverPublicKey, signature }),
    );
    if (sealed.isErr())
      throw new CliError(`keeping the key: ${sealed.error.shortMessage}`, EXIT.failed);
    setKeyOverride(db, id, sealed.value, Date.now());
    const view = {
      subscriptionId: id,
      tokenId: tokenId.toString(),
      holder: holder.value,
      transactionHash: tx.value.transactionHash,
      details,
    };
    ctx.out.data(view);
    ctx.out.line(
      `NFT ${tokenId} of subscription ${id} now carries connection details for ${holder.value} (tx ${tx.value.transactionHash})`,
    );
    return EXIT.ok;
  },
};

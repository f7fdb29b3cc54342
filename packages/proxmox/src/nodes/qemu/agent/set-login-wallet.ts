import { type Address, InvalidInputError, isAddress } from '@blockhost/core';
import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import type { PveClient } from '../../../client/create-client.js';
import { walletGecos } from '../../../cloud-init/user-data.js';
import { GuestCommandError, type PveError } from '../../../errors.js';
import type { VmLocator } from '../config.js';
import { guestExec } from './exec.js';

export interface SetLoginWalletParameters extends VmLocator {
  /** The Linux user whose GECOS holds the wallet. */
  user: string;
  wallet: Address;
  /** The access NFT, in NFT mode. */
  tokenId?: bigint;
}

/**
 * Rewrites the login user's GECOS to `wallet=<address>[,nft=<id>]` through
 * the guest agent (`usermod -c`), e.g. after an NFT transfer, and reads it
 * back with `getent passwd` to confirm.
 */
export function setLoginWallet(
  client: PveClient,
  p: SetLoginWalletParameters,
): ResultAsync<{ gecos: string }, PveError | InvalidInputError> {
  if (!isAddress(p.wallet))
    return errAsync(new InvalidInputError('wallet', 'expected a 20-byte hex address'));
  if (!/^[a-z_][a-z0-9_-]{0,31}$/.test(p.user))
    return errAsync(new InvalidInputError('user', `'${p.user}' is not a Linux user name`));
  const gecos = walletGecos(p.wallet, p.tokenId);
  const usermod = ['usermod', '-c', gecos, p.user];
  return guestExec(client, { ...p, command: usermod })
    .andThen((r) =>
      r.exitcode === 0
        ? okAsync(r)
        : errAsync(new GuestCommandError(p.vmid, usermod, r.exitcode, r.stderr)),
    )
    .andThen(() => guestExec(client, { ...p, command: ['getent', 'passwd', p.user] }))
    .andThen((r) => {
      const field = r.stdout.split('\n')[0]?.split(':')[4];
      if (r.exitcode !== 0 || field !== gecos) {
        return errAsync(
          new GuestCommandError(
            p.vmid,
            ['getent', 'passwd', p.user],
            r.exitcode,
            r.stderr || `GECOS is '${field ?? ''}', expected '${gecos}'`,
          ),
        );
      }
      return okAsync({ gecos });
    });
}

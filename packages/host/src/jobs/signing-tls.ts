/**
 * The TLS identity of a VM's signing page, derived from the server key and
 * the VM's name: the user-data renderer ships its key and certificate to the
 * VM, the minting step puts its fingerprint into the customer's encrypted
 * connection details, and both agree without anything stored (the same inputs
 * give the same certificate). Cloud-init user-data is readable to the
 * Proxmox admins; they run the VM anyway.
 */
import { deriveSigningTls, type SigningTlsIdentity } from '@blockhost/pam-verifier';
import { hexToBytes } from 'viem';
import type { HostConfig } from '../config/load.js';

export function vmSigningTls(config: HostConfig, vmName: string): SigningTlsIdentity {
  return deriveSigningTls({ secret: hexToBytes(config.serverKey.reveal()), hostName: vmName });
}

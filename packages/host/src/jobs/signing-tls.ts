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

// Each VM's identity is asked for at least twice (its user-data, its connection details) and
// derived in JS (deterministic ECDSA): recent ones are kept, per configuration.
const CACHED = 256;
const cache = new WeakMap<HostConfig, Map<string, SigningTlsIdentity>>();

export function vmSigningTls(config: HostConfig, vmName: string): SigningTlsIdentity {
  let known = cache.get(config);
  if (!known) {
    known = new Map();
    cache.set(config, known);
  }
  const hit = known.get(vmName);
  if (hit) return hit;
  const id = deriveSigningTls({ secret: hexToBytes(config.serverKey.reveal()), hostName: vmName });
  if (known.size >= CACHED) known.delete(known.keys().next().value as string);
  known.set(vmName, id);
  return id;
}

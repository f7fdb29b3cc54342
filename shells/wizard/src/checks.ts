/**
 * Live checks of what the operator typed, before anything is written: the
 * RPC serves the chain named, contracts and tokens have code, the Proxmox API
 * answers with the pinned certificate, the image URL is there.
 */
import { request as httpsRequest } from 'node:https';
import type { ReadClient } from '@blockhost/chain';
import { type Address, createPublicClient, erc20Abi, http } from 'viem';

export type Check<T> = { ok: true; value: T } | { ok: false; message: string };

const fail = (message: string): { ok: false; message: string } => ({ ok: false, message });

export function readClient(url: string): ReadClient {
  return createPublicClient({
    transport: http(url, { timeout: 8_000, retryCount: 0 }),
  }) as ReadClient;
}

/** The RPC answers with `chainId`; returns its head block. */
export async function checkRpc(url: string, chainId: number): Promise<Check<{ head: bigint }>> {
  try {
    const c = readClient(url);
    const id = await c.getChainId();
    if (id !== chainId) return fail(`serves chain ${id}, not ${chainId}`);
    return { ok: true, value: { head: await c.getBlockNumber() } };
  } catch {
    return fail('does not answer as an Ethereum JSON-RPC endpoint');
  }
}

/** An ERC-20 at `token`: code there and `decimals()` answers. */
export async function checkToken(
  url: string,
  token: Address,
): Promise<Check<{ decimals: number }>> {
  try {
    const c = readClient(url);
    const code = await c.getCode({ address: token });
    if (!code || code === '0x') return fail(`no contract code at ${token}`);
    const decimals = await c.readContract({
      abi: erc20Abi,
      address: token,
      functionName: 'decimals',
    });
    return { ok: true, value: { decimals: Number(decimals) } };
  } catch {
    return fail(`${token} is not an ERC-20 token (no decimals())`);
  }
}

const normalize = (f: string) => f.replace(/:/g, '').toUpperCase();

/**
 * The Proxmox API answers at `url` (any HTTP answer from /api2/json/version:
 * 401 without a token is an answer), over TLS with the pinned certificate.
 */
export function checkPve(
  url: string,
  fingerprint: string | undefined,
): Promise<Check<{ status: number }>> {
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL('/api2/json/version', url);
    } catch {
      resolve(fail('not a URL'));
      return;
    }
    if (target.protocol !== 'https:') {
      // Plain http only to this machine (the config schema says so); nothing to pin.
      fetch(target, { signal: AbortSignal.timeout(5_000) })
        .then((r) => resolve({ ok: true, value: { status: r.status } }))
        .catch(() => resolve(fail(`no answer from ${target.origin}`)));
      return;
    }
    const req = httpsRequest(
      target,
      { method: 'GET', rejectUnauthorized: false, timeout: 5_000 },
      (res) => {
        const cert = (res.socket as import('node:tls').TLSSocket).getPeerCertificate();
        res.resume();
        if (fingerprint && normalize(cert.fingerprint256 ?? '') !== normalize(fingerprint)) {
          resolve(
            fail(`the certificate's fingerprint is ${cert.fingerprint256}, not the one given`),
          );
          return;
        }
        resolve({ ok: true, value: { status: res.statusCode ?? 0 } });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(fail(`no answer from ${target.origin}`)));
    req.end();
  });
}

/** The image URL answers 2xx to HEAD (after redirects). */
export async function checkImageUrl(url: string): Promise<Check<{ size: number | null }>> {
  try {
    const r = await fetch(url, {
      method: 'HEAD',
      redirect: 'follow',
      signal: AbortSignal.timeout(10_000),
    });
    if (!r.ok) return fail(`answers HTTP ${r.status}${r.statusText ? ` ${r.statusText}` : ''}`);
    const len = r.headers.get('content-length');
    return { ok: true, value: { size: len ? Number(len) : null } };
  } catch {
    return fail('does not answer');
  }
}

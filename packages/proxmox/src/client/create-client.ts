import { InvalidInputError } from '@blockhost/core';
import { err, ok, type Result } from 'neverthrow';
import { type Proxmox, proxmoxApi } from 'proxmox-api';
import type { Dispatcher } from 'undici';
import { KeyedSemaphore } from '../concurrency/semaphore.js';
import { PveEngine, type RequestEvent } from './engine.js';
import { createDispatcher, normalizeFingerprint } from './pinned-agent.js';

/** How often and how long to retry a retryable failure (lock, busy, unreachable). */
export interface RetryPolicy {
  /** Total tries, including the first (default 5). */
  attempts: number;
  /** First backoff (default 250 ms), doubled per try up to `maxDelayMs` (default 5 s), ±25 % jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
}

/** How a task is polled: first poll right away, then `minMs` growing ×`factor` up to `maxMs`. */
export interface PollPolicy {
  minMs: number;
  maxMs: number;
  factor: number;
  /** How long a new task's status may answer 400/404 before that counts as an error (default 10 s). */
  newTaskGraceMs: number;
}

export interface PveClientOptions {
  /** `https://pve.example:8006` — scheme, host and port; the API lives below `/api2/json`. */
  url: string;
  /** `user@realm!tokenname`. */
  tokenId: string;
  /** The token's secret (a UUID). Never logged. */
  tokenSecret: string;
  /** Pin the host certificate by SHA-256 fingerprint (`AB:CD:…`, as `pvenode cert info` shows it). */
  fingerprint?: string;
  /** Trust this PEM CA instead of the system store (when not pinning). */
  ca?: string;
  /** Per-request timeout (default 30 s). */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  poll?: Partial<PollPolicy>;
  /** Clones allowed at once per `node/storage` (default 1: serialised). */
  clonesPerStorage?: number;
  /** Called after every request (metrics, benchmarks). Never receives the secret. */
  onRequest?: (e: RequestEvent) => void;
  /** Called before each retry. */
  onRetry?: (e: { attempt: number; delayMs: number; error: Error }) => void;
  /** Injectable clock and sleep, for tests and benchmarks. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Injectable jitter source in [0,1) (default Math.random). */
  random?: () => number;
  /** Use this undici dispatcher instead of building one (advanced). */
  dispatcher?: Dispatcher;
}

/** A connection to one PVE cluster: the typed API proxy plus the SDK's policies and counters. */
export interface PveClient {
  /** The typed `proxmox-api` proxy (`api.nodes.$(node).qemu.$(vmid).config.$get()`), on the SDK's engine. */
  readonly api: Proxmox.Api;
  readonly url: string;
  readonly tokenId: string;
  readonly retry: RetryPolicy;
  readonly poll: PollPolicy;
  readonly cloneSlots: KeyedSemaphore;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  readonly onRetry: ((e: { attempt: number; delayMs: number; error: Error }) => void) | undefined;
  /** Requests sent and retries made so far. */
  readonly stats: { readonly requests: number; retries: number };
  /** Round-robin placement position, kept per client. */
  placementCursor: number;
  /** Closes pooled connections. */
  close(): Promise<void>;
}

const TOKEN_ID = /^[^\s@!:]+@[A-Za-z][A-Za-z0-9.\-_]*![A-Za-z][A-Za-z0-9.\-_]*$/;

/** Connects nothing yet: validates the options and builds the client. */
export function createPveClient(options: PveClientOptions): Result<PveClient, InvalidInputError> {
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    return err(
      new InvalidInputError(
        'proxmox url',
        `expected an https:// URL like https://pve:8006, got '${options.url}'`,
      ),
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return err(new InvalidInputError('proxmox url', `expected http(s)://, got '${url.protocol}'`));
  }
  if (!TOKEN_ID.test(options.tokenId)) {
    return err(
      new InvalidInputError(
        'proxmox token id',
        `expected user@realm!name, got '${options.tokenId}'`,
      ),
    );
  }
  if (!options.tokenSecret || /\s/.test(options.tokenSecret)) {
    return err(
      new InvalidInputError(
        'proxmox token secret',
        'expected a non-empty secret without whitespace',
        {
          hint: 'the token file must hold only the secret PVE printed when the token was created',
        },
      ),
    );
  }
  let fingerprint: string | undefined;
  if (options.fingerprint !== undefined) {
    const f = normalizeFingerprint(options.fingerprint);
    if (!f) return err(new InvalidInputError('tls fingerprint', 'expected 32 hex bytes (AB:CD:…)'));
    if (url.protocol !== 'https:') {
      return err(
        new InvalidInputError('tls fingerprint', 'a pinned fingerprint needs an https:// URL'),
      );
    }
    fingerprint = f;
  }
  const clonesPerStorage = options.clonesPerStorage ?? 1;
  if (!Number.isInteger(clonesPerStorage) || clonesPerStorage < 1) {
    return err(new InvalidInputError('clonesPerStorage', 'expected an integer ≥ 1'));
  }
  const dispatcher = options.dispatcher ?? createDispatcher({ fingerprint, ca: options.ca });
  const engine = new PveEngine({
    baseUrl: `${url.protocol}//${url.host}`,
    tokenId: options.tokenId,
    tokenSecret: options.tokenSecret,
    dispatcher,
    timeoutMs: options.timeoutMs ?? 30_000,
    fingerprint,
    onRequest: options.onRequest,
  });
  const stats = {
    get requests() {
      return engine.requests;
    },
    retries: 0,
  };
  return ok({
    api: proxmoxApi(engine),
    url: `${url.protocol}//${url.host}`,
    tokenId: options.tokenId,
    retry: { attempts: 5, baseDelayMs: 250, maxDelayMs: 5000, ...options.retry },
    poll: { minMs: 25, maxMs: 2000, factor: 1.6, newTaskGraceMs: 10_000, ...options.poll },
    cloneSlots: new KeyedSemaphore(clonesPerStorage),
    now: options.now ?? Date.now,
    sleep: options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
    random: options.random ?? Math.random,
    onRetry: options.onRetry,
    stats,
    placementCursor: 0,
    close: async () => {
      if (!options.dispatcher) await dispatcher.close();
    },
  });
}

import { Worker } from 'node:worker_threads';

/**
 * secp256k1 ECDH on a worker thread. The daemon decrypts one purchase's `userEncrypted` per VM,
 * and OpenSSL's generic secp256k1 takes 1.5–2 ms of a thread for it: with sixteen VMs
 * provisioning at once the main thread is the daemon's bottleneck while the second core has
 * room. The worker starts on first use and ends `idleMs` after its last answer, so an idle daemon
 * keeps no second V8 heap. Secrets go to it by message, never by argv or environment.
 */
export interface EcdhWorker {
  /** The x coordinate of `secretKey`·`publicKey` (32 bytes); rejects on a bad point. */
  sharedX(secretKey: Uint8Array, publicKey: Uint8Array): Promise<Uint8Array>;
  /** Whether a worker thread runs now. */
  readonly running: boolean;
  /** Ends the worker now (pending calls reject). */
  close(): Promise<void>;
}

// CommonJS evaluated by the worker: one key object per secret key, as the main thread's.
const WORKER_CODE = `
const { parentPort } = require('node:worker_threads');
const { createECDH } = require('node:crypto');
let key = null;
let ecdh = null;
parentPort.on('message', (m) => {
  try {
    const k = Buffer.from(m.secretKey).toString('hex');
    if (k !== key) {
      ecdh = createECDH('secp256k1');
      ecdh.setPrivateKey(m.secretKey);
      key = k;
    }
    parentPort.postMessage({ id: m.id, x: ecdh.computeSecret(m.publicKey) });
  } catch (e) {
    parentPort.postMessage({ id: m.id, error: String((e && e.message) || e) });
  }
});
`;

interface Pending {
  resolve(x: Uint8Array): void;
  reject(e: Error): void;
}

/** A running worker and the calls it has not answered yet. */
interface Thread {
  readonly worker: Worker;
  readonly pending: Map<number, Pending>;
}

export function createEcdhWorker(options: { idleMs?: number } = {}): EcdhWorker {
  const idleMs = options.idleMs ?? 60_000;
  let thread: Thread | null = null;
  let nextId = 0;
  let idle: NodeJS.Timeout | null = null;

  const stop = () => {
    const t = thread;
    thread = null;
    return t ? t.worker.terminate().then(() => undefined) : Promise.resolve();
  };
  // Idle counts from the last answer: armed when a worker has nothing left to answer, disarmed
  // by the next call.
  const armIdle = () => {
    if (idle) clearTimeout(idle);
    idle = setTimeout(() => {
      idle = null;
      if (thread && thread.pending.size === 0) void stop();
    }, idleMs);
    idle.unref();
  };
  const disarmIdle = () => {
    if (idle) clearTimeout(idle);
    idle = null;
  };
  const start = (): Thread => {
    const worker = new Worker(WORKER_CODE, {
      eval: true,
      // A few key objects and messages: a small heap is plenty.
      resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 },
    });
    worker.unref();
    const t: Thread = { worker, pending: new Map() };
    worker.on('message', (m: { id: number; x?: Uint8Array; error?: string }) => {
      const p = t.pending.get(m.id);
      if (!p) return;
      t.pending.delete(m.id);
      if (m.x) p.resolve(new Uint8Array(m.x));
      else p.reject(new Error(`secp256k1 ECDH: ${m.error ?? 'no result'}`));
      if (t.pending.size === 0 && thread === t) armIdle();
    });
    // An ended worker fails its own calls only (a newer one may be running by then).
    const gone = (e: Error) => {
      if (thread === t) thread = null;
      for (const p of t.pending.values()) p.reject(e);
      t.pending.clear();
    };
    worker.on('error', gone);
    worker.on('exit', (code) => gone(new Error(`secp256k1 ECDH worker ended (exit ${code})`)));
    return t;
  };

  return {
    sharedX(secretKey, publicKey) {
      thread ??= start();
      const t = thread;
      const id = nextId++;
      disarmIdle();
      return new Promise<Uint8Array>((resolve, reject) => {
        t.pending.set(id, { resolve, reject });
        t.worker.postMessage({ id, secretKey, publicKey });
      });
    },
    get running() {
      return thread !== null;
    },
    close() {
      disarmIdle();
      return stop();
    },
  };
}

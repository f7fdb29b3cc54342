import { BlockhostError, type BlockhostErrorOptions, InvalidInputError } from '@blockhost/core';

/**
 * Typed errors of the Proxmox SDK. `retryable` says whether trying the same
 * call again later can succeed (lock contention, a busy or unreachable node),
 * as opposed to a request that will always be refused (bad parameter,
 * missing privilege).
 */
export abstract class PveError extends BlockhostError {
  abstract readonly retryable: boolean;
}

/** An answer of the PVE API other than 200. */
export class PveHttpError extends PveError {
  readonly code: string = 'PVE_HTTP';
  readonly status: number;
  /** PVE's message (its HTTP reason phrase, or `message` of the body). */
  readonly reason: string;
  readonly method: string;
  readonly path: string;
  readonly retryable: boolean;
  constructor(
    status: number,
    reason: string,
    method: string,
    path: string,
    options: BlockhostErrorOptions & { short?: string } = {},
  ) {
    super(options.short ?? `${method} ${path} failed: ${status} ${reason}`, options);
    this.status = status;
    this.reason = reason;
    this.method = method;
    this.path = path;
    this.retryable = isRetryableReason(status, reason);
  }
}

const RETRYABLE_500 = [
  /can't lock file '.*' - got timeout/,
  /got no worker upid/,
  /got timeout/,
  /unable to (open|read) file .* Resource temporarily unavailable/,
  /cfs-lock '.*' error: got lock request timeout/,
  /connection (refused|reset|timed out)/i,
  // A concurrent config change: re-read and try again.
  /detected modified configuration - file changed by other user/,
];

/** Lock contention, a busy or unreachable node: worth another try. */
export function isRetryableReason(status: number, reason: string): boolean {
  if (status === 595 || status === 503 || status === 502 || status === 504) return true;
  if (status === 500) return RETRYABLE_500.some((re) => re.test(reason));
  return false;
}

/** 400: PVE rejected parameters; `errors` maps each parameter to PVE's reason. */
export class PveParameterError extends PveHttpError {
  override readonly code = 'PVE_PARAMETER';
  readonly errors: Readonly<Record<string, string>>;
  constructor(
    method: string,
    path: string,
    errors: Record<string, string>,
    reason = 'Parameter verification failed.',
  ) {
    const names = Object.keys(errors);
    super(400, reason, method, path, {
      short: `${method} ${path}: parameter verification failed${names.length ? ` for ${names.join(', ')}` : ''}`,
      details: names.map((n) => `${n}: ${errors[n]}`).join('\n') || reason,
      hint: 'the request does not match the Proxmox API schema; this is a bug in the caller, not something to retry',
    });
    this.errors = errors;
  }
}

/** 403: the token lacks a privilege; `privilege` and `aclPath` name it when PVE did. */
export class PvePermissionError extends PveHttpError {
  override readonly code = 'PVE_PERMISSION';
  readonly privilege: string | undefined;
  readonly aclPath: string | undefined;
  constructor(method: string, path: string, reason: string) {
    const m = /Permission check failed \(([^,]+), ([^)]+)\)/.exec(reason);
    const aclPath = m?.[1];
    const privilege = m?.[2];
    super(403, reason, method, path, {
      short: privilege
        ? `${method} ${path}: the API token lacks ${privilege} on ${aclPath}`
        : `${method} ${path}: permission denied (${reason})`,
      details: reason,
      hint: privilege
        ? `grant ${privilege} on ${aclPath} to the token and its user (blockhost pve setup-token does this)`
        : 'check the token with `blockhost doctor`',
    });
    this.privilege = privilege;
    this.aclPath = aclPath;
  }
}

/** 401: the token id or secret is wrong, or the token/user is disabled or expired. */
export class PveAuthError extends PveHttpError {
  override readonly code = 'PVE_AUTH';
  constructor(method: string, path: string, reason: string) {
    super(401, reason, method, path, {
      short: `${method} ${path}: authentication failed (${reason})`,
      hint: 'check proxmox.token_id in blockhost.yaml and the secret in the token file',
    });
  }
}

/** The request never got an answer: connection refused/reset, DNS, timeout. */
export class PveConnectionError extends PveError {
  readonly code = 'PVE_CONNECTION';
  readonly retryable = true;
  readonly method: string;
  readonly path: string;
  constructor(method: string, path: string, cause: unknown) {
    const reason = describeCause(cause);
    super(`${method} ${path}: no answer from the Proxmox API (${reason})`, {
      cause,
      details: reason,
      hint: 'check proxmox.api_url and that pveproxy runs on the host',
    });
    this.method = method;
    this.path = path;
  }
}

/** The server's certificate is not the pinned one (or not trusted). */
export class PveTlsError extends PveError {
  readonly code = 'PVE_TLS';
  readonly retryable = false;
  readonly expected: string | undefined;
  readonly actual: string | undefined;
  constructor(
    url: string,
    expected: string | undefined,
    actual: string | undefined,
    cause?: unknown,
  ) {
    super(
      expected
        ? `${url}: certificate fingerprint ${actual ?? '(none)'} is not the pinned ${expected}`
        : `${url}: the server certificate is not trusted`,
      {
        cause,
        details: cause ? describeCause(cause) : undefined,
        hint: 'compare with `pvenode cert info` on the host and update proxmox.tls_fingerprint',
      },
    );
    this.expected = expected;
    this.actual = actual;
  }
}

/** A task ended with an error; `logTail` holds the last lines of its log. */
export class PveTaskError extends PveError {
  readonly code = 'PVE_TASK';
  readonly upid: string;
  readonly exitstatus: string;
  readonly logTail: readonly string[];
  readonly retryable: boolean;
  constructor(upid: string, exitstatus: string, logTail: readonly string[]) {
    const type = upid.split(':')[5] ?? 'task';
    const id = upid.split(':')[6] ?? '';
    super(`task ${type} ${id} failed: ${exitstatus}`, {
      details: logTail.length ? logTail.join('\n') : undefined,
      hint: `see the task log: pvenode task log ${upid}`,
    });
    this.upid = upid;
    this.exitstatus = exitstatus;
    this.logTail = logTail;
    this.retryable = isRetryableReason(500, exitstatus);
  }
}

/** Something did not happen within its deadline (a task, the guest agent). */
export class PveTimeoutError extends PveError {
  readonly code = 'PVE_TIMEOUT';
  // Not retried in place: the work may still be running; the caller's job decides.
  readonly retryable = false;
  readonly what: string;
  readonly ms: number;
  constructor(what: string, ms: number, options: BlockhostErrorOptions = {}) {
    super(`${what} did not finish within ${Math.round(ms / 1000)} s`, options);
    this.what = what;
    this.ms = ms;
  }
}

/** A wait given up because its caller's AbortSignal fired (e.g. a shutdown). */
export class PveAbortedError extends PveError {
  readonly code = 'PVE_ABORTED';
  // Nothing failed: the same wait can be started again later.
  readonly retryable = true;
  readonly what: string;
  constructor(what: string, options: BlockhostErrorOptions = {}) {
    super(`waiting for ${what} was aborted`, options);
    this.what = what;
  }
}

/** What a plan needs from a node. */
export interface PlacementNeeds {
  readonly cores: number;
  readonly memoryMiB: number;
  readonly diskGiB: number;
  /** The storage the VM's disk goes to. */
  readonly storage: string;
}

/**
 * No configured node has room for a plan. `retryable` when a node could hold it once VMs are gone
 * (the cluster is full now), not when the plan is larger than every node.
 */
export class NoNodeFitsError extends PveError {
  readonly code = 'PVE_NO_NODE_FITS';
  readonly retryable: boolean;
  readonly needs: PlacementNeeds;
  readonly reasons: Readonly<Record<string, string>>;
  constructor(
    needs: PlacementNeeds,
    reasons: Record<string, string>,
    opts: { roomLater?: boolean } = {},
  ) {
    super(
      `no node has room for a VM with ${needs.cores} cores, ${needs.memoryMiB} MiB memory and ${needs.diskGiB} GiB on ${needs.storage}`,
      {
        details: Object.entries(reasons)
          .map(([n, r]) => `${n}: ${r}`)
          .join('\n'),
        hint: 'free resources, add a node to proxmox.nodes, or offer a smaller plan',
      },
    );
    this.needs = needs;
    this.reasons = reasons;
    this.retryable = opts.roomLater ?? false;
  }
}

/** A VM exists but is not the one expected (foreign VM at a VMID, or two VMs claim one subscription). */
export class VmConflictError extends PveError {
  readonly code = 'PVE_VM_CONFLICT';
  readonly retryable = false;
  readonly vmids: readonly number[];
  constructor(message: string, vmids: readonly number[], options: BlockhostErrorOptions = {}) {
    super(message, {
      hint: 'inspect the VMs in the Proxmox UI; BlockHost will not touch a VM it cannot prove is its own',
      ...options,
    });
    this.vmids = vmids;
  }
}

/** How much of a guest's stderr an error carries in `details` (the guest decides its length). */
const GUEST_DETAILS_MAX = 2048;

function capDetails(text: string): string {
  if (text.length <= GUEST_DETAILS_MAX) return text;
  const room = GUEST_DETAILS_MAX - ` … [${text.length} more characters]`.length;
  return `${text.slice(0, room)} … [${text.length - room} more characters]`;
}

/**
 * A VMID holds a VM the token can not see: one outside BlockHost's pool, or
 * a clone of its own still running (a clone joins the pool when it is done).
 * Worth another try later; if it stays, that VMID is not BlockHost's.
 */
export class VmidUnavailableError extends PveError {
  readonly code = 'PVE_VMID_UNAVAILABLE';
  readonly retryable = true;
  readonly vmid: number;
  constructor(vmid: number, options: BlockhostErrorOptions = {}) {
    super(
      `VMID ${vmid} is taken by a VM outside BlockHost's pool (or by its own clone, still running)`,
      {
        hint: `if no clone to ${vmid} is running, that VMID belongs to someone else: keep it out of vmid_range in db.yaml`,
        ...options,
      },
    );
    this.vmid = vmid;
  }
}

/** A command run through the guest agent exited non-zero. */
export class GuestCommandError extends PveError {
  readonly code = 'PVE_GUEST_COMMAND';
  readonly retryable = false;
  readonly exitcode: number;
  readonly stderr: string;
  constructor(vmid: number, command: readonly string[], exitcode: number, stderr: string) {
    super(`VM ${vmid}: \`${command.join(' ')}\` exited with ${exitcode}`, {
      details: capDetails(stderr.trim()) || undefined,
      hint: 'check the guest (is the user there? is the image the BlockHost template?)',
    });
    this.exitcode = exitcode;
    this.stderr = stderr;
  }
}

/** Writing or removing a cloud-init snippet on a node failed. */
export class SnippetError extends PveError {
  readonly code = 'PVE_SNIPPET';
  readonly retryable: boolean;
  constructor(message: string, options: BlockhostErrorOptions & { retryable?: boolean } = {}) {
    super(message, options);
    this.retryable = options.retryable ?? false;
  }
}

/** An answer of an unexpected shape (a proxy in between, a PVE version far from 9). */
export class PveProtocolError extends PveError {
  readonly code = 'PVE_PROTOCOL';
  readonly retryable = false;
}

export function describeCause(cause: unknown): string {
  if (cause instanceof Error) {
    const c = (cause as { cause?: unknown }).cause;
    const code = (cause as { code?: unknown }).code ?? (c as { code?: unknown } | undefined)?.code;
    const inner = c instanceof Error && c.message !== cause.message ? `: ${c.message}` : '';
    return `${typeof code === 'string' ? `${code} ` : ''}${cause.message}${inner}`;
  }
  return String(cause);
}

/** Something that is neither PVE's answer nor a network failure: a bug, most likely. */
export class PveUnexpectedError extends PveError {
  readonly code = 'PVE_UNEXPECTED';
  readonly retryable = false;
  constructor(cause: unknown) {
    super(`unexpected error: ${describeCause(cause)}`, { cause });
  }
}

/** Keeps a PveError, wraps anything else (never classified as retryable). */
export function toPveError(e: unknown): PveError {
  return e instanceof PveError ? e : new PveUnexpectedError(e);
}

/** The error of SDK calls that also validate their input. */
export type SdkError = PveError | InvalidInputError;

export function toSdkError(e: unknown): SdkError {
  return e instanceof InvalidInputError ? e : toPveError(e);
}

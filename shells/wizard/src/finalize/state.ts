/**
 * The finalize's progress on disk: which steps are done (with what they
 * produced), which one failed and why. Written atomically after every
 * change, so a killed run leaves a state a rerun continues from; published
 * (mode 0644, no secrets) where the web process reads it.
 */
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';

export const FINALIZE_STEPS = [
  { id: 'server-key', title: 'Generate the server key' },
  { id: 'contracts', title: 'Deploy or verify the contracts' },
  { id: 'fund-server', title: 'Fund the server key' },
  { id: 'plan', title: 'Create the first plan' },
  { id: 'proxmox-token', title: 'Create the Proxmox role, user and token' },
  { id: 'config-files', title: 'Write the config files' },
  { id: 'template', title: 'Build the VM template' },
  { id: 'services', title: 'Enable the services' },
  { id: 'complete', title: 'Mark setup complete' },
  { id: 'reboot', title: 'Reboot' },
] as const;

export type FinalizeStepId = (typeof FINALIZE_STEPS)[number]['id'];
export type StepStatus = 'pending' | 'running' | 'done' | 'failed';

export interface FinalizeState {
  version: 1;
  steps: Record<FinalizeStepId, { status: StepStatus; detail?: string; error?: string }>;
  /** What earlier steps produced (addresses, ids), for later steps and reruns. */
  data: {
    serverAddress?: `0x${string}`;
    deployment?: { deployer: `0x${string}`; nonce: number };
    contracts?: { subscriptions: `0x${string}`; nft: `0x${string}`; deployBlock: string };
    planId?: string;
    tokenId?: string;
  };
  running: boolean;
  finished: boolean;
  updatedAt: string;
}

export function emptyState(): FinalizeState {
  return {
    version: 1,
    steps: Object.fromEntries(
      FINALIZE_STEPS.map((s) => [s.id, { status: 'pending' }]),
    ) as FinalizeState['steps'],
    data: {},
    running: false,
    finished: false,
    updatedAt: new Date().toISOString(),
  };
}

export function readState(file: string): FinalizeState | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as FinalizeState;
  } catch {
    return null;
  }
}

function writeAtomic(file: string, text: string, mode: number): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, text, { mode });
  // The unit's UMask=0027 masks `mode`: the progress must stay readable by the web process.
  chmodSync(tmp, mode);
  renameSync(tmp, file);
}

export function saveState(file: string, publish: string | undefined, s: FinalizeState): void {
  s.updatedAt = new Date().toISOString();
  const text = `${JSON.stringify(s, null, 2)}\n`;
  writeAtomic(file, text, 0o600);
  // The progress the page shows: no secrets in it, readable by the web process.
  if (publish && publish !== file) writeAtomic(publish, text, 0o644);
}

/** Whether a process with this pid (and start time, against pid reuse) is alive. */
function alive(pid: number, start: string | undefined): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    // EPERM: it exists but is not ours (the web process asking about root's finalize).
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return start === undefined || start === processStart(pid);
}

function processStart(pid: number): string | undefined {
  try {
    // Field 22 of /proc/<pid>/stat: start time in clock ticks since boot.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/**
 * Takes the finalize lock: a file holding our pid and start time, created
 * exclusively. A lock left by a dead (e.g. SIGKILLed) run is taken over; a
 * live one refuses — two finalize runs at once are impossible.
 */
export function takeLock(file: string, publish?: string): { release(): void } | { heldBy: number } {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const me = `${process.pid} ${processStart(process.pid) ?? ''}\n`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, me);
      closeSync(fd);
      // The lock's directory is root's; the web process learns from this copy that a run is live.
      if (publish) writeAtomic(publish, me, 0o644);
      return {
        release: () => {
          if (publish && existsSync(publish) && readFileSync(publish, 'utf8') === me)
            rmSync(publish, { force: true });
          if (existsSync(file) && readFileSync(file, 'utf8') === me) rmSync(file, { force: true });
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const [pid, start] = readFileSync(file, 'utf8').trim().split(' ');
      if (pid && alive(Number(pid), start || undefined)) return { heldBy: Number(pid) };
      rmSync(file, { force: true });
    }
  }
  throw new Error(`cannot take the finalize lock ${file}`);
}

/** Whether a live finalize holds the lock. */
export function lockHeld(file: string): boolean {
  try {
    const [pid, start] = readFileSync(file, 'utf8').trim().split(' ');
    return Boolean(pid) && alive(Number(pid), start || undefined);
  } catch {
    return false;
  }
}

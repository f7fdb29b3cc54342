/**
 * Where the wizard and its finalize read and write, as one object: the
 * host's defaults, or a JSON file (`--layout`) for tests and unusual hosts.
 * File locations come only from here, never from the browser: the root-run
 * finalize takes its settings from the web process, not its paths.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

export const layoutSchema = z.strictObject({
  /** The config directory the daemon reads (`/etc/blockhost`). */
  configDir: z.string().default('/etc/blockhost'),
  serverKeyFile: z.string().default('/etc/blockhost/server.key'),
  tokenFile: z.string().default('/etc/blockhost/pve-token'),
  databasePath: z.string().default('/var/lib/blockhost/blockhost.db'),
  /** The marker whose presence ends the wizard for good. */
  setupComplete: z.string().default('/var/lib/blockhost/.setup-complete'),
  loginBundleDir: z.string().default('/usr/lib/blockhost/vm-login'),
  /** The daemon's HTTP listen address (default the schema's). */
  daemonListen: z.string().optional(),
  /** Snippets directory override (default: the snippet storage's path + /snippets). */
  snippetsDir: z.string().optional(),
  /** The web process's files: machine facts, one-time code state, the finalize hand-off. */
  runDir: z.string().default('/run/blockhost-wizard'),
  /** The finalize's own state (resume point, lock): root's, kept across reboots. */
  finalizeDir: z.string().default('/var/lib/blockhost/setup'),
  /** The console fragment the wizard writes its address and code to. */
  issueFile: z.string().default('/etc/issue.d/blockhost-wizard.issue'),
  /** Seconds the finalize waits before the reboot (the page shows "complete" first). */
  rebootDelaySeconds: z.number().int().min(0).max(600).default(15),
});

export type Layout = z.output<typeof layoutSchema>;

export function loadLayout(file: string | undefined): Layout {
  if (!file) return layoutSchema.parse({});
  const r = layoutSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!r.success) {
    throw new Error(
      `${file}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return r.data;
}

/** The files in `runDir`. */
export const runFiles = (l: Layout) => ({
  facts: `${l.runDir}/machine.json`,
  code: `${l.runDir}/code.json`,
  issue: `${l.runDir}/issue`,
  settings: `${l.runDir}/settings.json`,
  deployerKey: `${l.runDir}/deployer.key`,
  request: `${l.runDir}/finalize.request`,
  progress: `${l.runDir}/progress.json`,
  /** The finalize lock's holder, published for the web process (the lock is root's). */
  running: `${l.runDir}/finalize.pid`,
});

/** The files in `finalizeDir`. */
export const finalizeFiles = (l: Layout) => ({
  state: `${l.finalizeDir}/state.json`,
  lock: `${l.finalizeDir}/finalize.lock`,
  log: `${l.finalizeDir}/finalize.log`,
});

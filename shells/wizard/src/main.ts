/**
 * blockhost-wizard: `serve` (the unprivileged web wizard), `finalize` (the
 * root part: runs or continues the setup), `prepare` (root, before `serve`:
 * writes the machine's facts for the web process and links the console
 * fragment). See README.md for the privilege model.
 */
import { spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { displayCode } from './code.js';
import { runFinalize } from './finalize/run.js';
import { finalizeFiles, loadLayout, runFiles } from './layout.js';
import { describedEffects, readDescription } from './machine/fake.js';
import { detectMachine, realEffects } from './machine/real.js';
import { factsSchema } from './machine/types.js';
import { createWizardServer, type FinalizeLauncher } from './web/server.js';

const USAGE = `usage: blockhost-wizard <serve|finalize|prepare> [options]

  serve      the first-boot web wizard (unprivileged; needs CAP_NET_BIND_SERVICE for port 80)
  finalize   run or continue the setup from the settings the wizard handed over (root)
  prepare    detect the machine's bridges, storages and nodes for the wizard (root)

options:
  --layout FILE            paths as JSON (default: the host's /etc/blockhost, /var/lib/blockhost, ...)
  --machine FILE           a described machine (tests, demos) instead of this one
  --listen HOST:PORT       serve: listen address (default 0.0.0.0:80)
  --finalize-exec          serve: run finalize as a child process (no systemd path unit)
`;

function log(level: 'info' | 'error', msg: string, extra: Record<string, unknown> = {}): void {
  process.stdout.write(
    `${JSON.stringify({ level, time: new Date().toISOString(), msg, ...extra })}\n`,
  );
}

async function main(argv: string[]): Promise<number> {
  // `blockhost-wizard --help` (no command) asks for the usage, as `<command> --help` does.
  if (argv[0] === '--help' || argv[0] === '-h') {
    process.stdout.write(USAGE);
    return 0;
  }
  const [cmd, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      layout: { type: 'string' },
      machine: { type: 'string' },
      listen: { type: 'string' },
      'finalize-exec': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help || !cmd || !['serve', 'finalize', 'prepare'].includes(cmd)) {
    process.stdout.write(USAGE);
    return values.help ? 0 : 2;
  }
  const layout = loadLayout(values.layout);
  const described = values.machine ? readDescription(values.machine) : null;
  const run = runFiles(layout);

  if (cmd === 'prepare') {
    mkdirSync(layout.runDir, { recursive: true });
    const facts = described ? described.facts : await detectMachine();
    writeFileSync(run.facts, `${JSON.stringify(facts, null, 2)}\n`, { mode: 0o644 });
    // The unit's UMask=0077 masks the mode above: the web process (another user) must read it.
    chmodSync(run.facts, 0o644);
    // The web process writes its console fragment in its own run dir; /etc/issue.d links to it.
    if (!described) {
      // Made 0755 here if missing (UMask=0077 would leave it 0700): the web process, another
      // user, writes through the link in it.
      const issueDir = dirname(layout.issueFile);
      if (!existsSync(issueDir)) {
        mkdirSync(issueDir, { recursive: true });
        chmodSync(issueDir, 0o755);
      }
      rmSync(layout.issueFile, { force: true });
      symlinkSync(run.issue, layout.issueFile);
    }
    // Progress of an earlier finalize (kept across reboots), for the page.
    const st = finalizeFiles(layout).state;
    if (existsSync(st)) {
      writeFileSync(run.progress, readFileSync(st), { mode: 0o644 });
      chmodSync(run.progress, 0o644);
    }
    log('info', 'machine facts written', { file: run.facts });
    return 0;
  }

  if (cmd === 'finalize') {
    const machine = described ? describedEffects(described) : realEffects();
    const outcome = await runFinalize(layout, machine, {
      info: (m) => log('info', m),
      error: (m) => log('error', m),
    });
    return outcome === 'finished' ? 0 : outcome === 'locked' ? 3 : 1;
  }

  // serve
  if (existsSync(layout.setupComplete)) {
    process.stderr.write(
      `blockhost-wizard: setup is already complete (${layout.setupComplete}); the wizard does not run\n`,
    );
    return 0;
  }
  const facts = factsSchema.parse(
    described ? described.facts : JSON.parse(readFileSync(run.facts, 'utf8')),
  );
  const [host, port] = (values.listen ?? '0.0.0.0:80').split(/:(?=[0-9]+$)/);
  const launcher: FinalizeLauncher = values['finalize-exec']
    ? {
        start() {
          // The same program, as a child (tests, hosts without the path unit).
          const out = openSync(`${layout.runDir}/finalize.out`, 'a');
          const args = [
            ...process.execArgv,
            process.argv[1]!,
            'finalize',
            ...(values.layout ? ['--layout', values.layout] : []),
            ...(values.machine ? ['--machine', values.machine] : []),
          ];
          const child = spawn(process.execPath, args, {
            stdio: ['ignore', out, out],
            detached: false,
          });
          child.unref();
        },
      }
    : {
        start() {
          // blockhost-wizard-finalize.path starts the root finalize when this appears.
          writeFileSync(run.request, `${new Date().toISOString()}\n`, { mode: 0o600 });
        },
      };
  const ips = facts.bridges
    .map((b) => b.address?.split('/')[0])
    .filter((x): x is string => Boolean(x));
  const shownPort = port === '80' ? '' : `:${port}`;
  const urls = (host === '0.0.0.0' || host === '::' ? ips : [host!]).map(
    (ip) => `http://${ip}${shownPort}/`,
  );
  const { app, code } = await createWizardServer({
    layout,
    facts,
    launcher,
    urls,
    logger: { level: 'info' },
  });
  await app.listen({ host, port: Number(port) });
  log('info', `one-time code: ${displayCode(code)} (open ${urls.join(' or ')})`);
  const stop = async () => {
    await app.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
  return -1;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (e) => {
    process.stderr.write(`blockhost-wizard: ${(e as Error).message}\n`);
    process.exit(2);
  },
);

/**
 * A fresh first-boot world for the wizard's tests: anvil with a test
 * stablecoin (the operator's payment token), the Proxmox simulator over HTTPS
 * (no template yet), a local web server with the cloud image, a described
 * machine, a layout of temporary paths, and the wizard as a child process.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Anvil, deployTestStablecoin, startAnvil } from '@blockhost/chain/testkit';
import { freePort, vmLoginBundleDir } from '@blockhost/devstack';
import { type PveSimulator, startPveSimulator } from '@blockhost/pve-sim';

export const WIZARD_MAIN = new URL('../src/main.ts', import.meta.url).pathname;
export const TSX = ['--conditions=@blockhost/source', '--import', 'tsx'];

export interface World {
  dir: string;
  anvil: Anvil;
  sim: PveSimulator;
  stablecoin: `0x${string}`;
  imageUrl: string;
  missingImageUrl: string;
  imageSha256: string;
  layoutFile: string;
  machineFile: string;
  layout: Record<string, unknown> & {
    configDir: string;
    runDir: string;
    finalizeDir: string;
    issueFile: string;
    setupComplete: string;
    serverKeyFile: string;
    tokenFile: string;
  };
  effectsDir: string;
  daemonListen: string;
  stop(): Promise<void>;
}

export async function startWorld(): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), 'bh-wizard-'));
  const stops: (() => Promise<void> | void)[] = [
    () => rmSync(dir, { recursive: true, force: true }),
  ];
  try {
    const anvil = await startAnvil({});
    stops.push(() => anvil.stop());
    // The operator's stablecoin, deployed by someone else (account 9) before the wizard runs.
    const coin = await deployTestStablecoin(anvil.clients(9), { decimals: 6 });
    if (coin.isErr()) throw coin.error;
    const image = Buffer.from('a tiny stand-in for a qcow2 cloud image\n'.repeat(64));
    const imageSha256 = createHash('sha256').update(image).digest('hex');
    const http: Server = createServer((req, res) => {
      if (req.url === '/images/debian-13-genericcloud-amd64.qcow2') {
        res.writeHead(200, {
          'content-length': image.length,
          'content-type': 'application/octet-stream',
        });
        res.end(req.method === 'HEAD' ? undefined : image);
      } else {
        res.writeHead(404).end('not found');
      }
    });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
    stops.push(() => new Promise<void>((r) => http.close(() => r())));
    const base = `http://127.0.0.1:${(http.address() as { port: number }).port}`;
    const imageUrl = `${base}/images/debian-13-genericcloud-amd64.qcow2`;
    const snippetsDir = join(dir, 'snippets');
    mkdirSync(snippetsDir, { recursive: true });
    const sim = await startPveSimulator({
      https: true,
      nodes: [
        {
          name: 'pve1',
          memoryMiB: 64 * 1024,
          cores: 32,
          storageGiB: { local: 200, 'local-lvm': 2000 },
        },
      ],
      snippetsDir,
      statePath: join(dir, 'pve-sim-state.json'),
      downloads: { [imageUrl]: { data: image } },
    });
    stops.push(() => sim.close());
    const tokenSecretFile = join(dir, 'pve-admin-token');
    writeFileSync(tokenSecretFile, `${sim.rootToken.secret}\n`, { mode: 0o600 });
    const effectsDir = join(dir, 'effects');
    const machineFile = join(dir, 'machine.json');
    writeFileSync(
      machineFile,
      JSON.stringify(
        {
          facts: {
            nodeName: 'pve1',
            nodes: ['pve1'],
            bridges: [{ name: 'vmbr0', address: '10.77.0.5/24' }, { name: 'vmbr1' }],
            gateway: '10.77.0.1',
            dns: ['10.77.0.1', '2001:db8::53'],
            storages: [
              {
                id: 'local',
                type: 'dir',
                content: ['iso', 'vztmpl', 'backup', 'snippets', 'import'],
                path: join(dir, 'vz'),
              },
              { id: 'local-lvm', type: 'lvmthin', content: ['images', 'rootdir'] },
            ],
            vms: [],
            pve: { url: sim.url, fingerprint: sim.tls!.fingerprint256 },
          },
          effectsDir,
          adminToken: { id: sim.rootToken.id, secretFile: tokenSecretFile },
        },
        null,
        2,
      ),
    );
    const daemonListen = `127.0.0.1:${await freePort()}`;
    const etc = join(dir, 'etc');
    const layout = {
      configDir: etc,
      serverKeyFile: join(etc, 'server.key'),
      tokenFile: join(etc, 'pve-token'),
      databasePath: join(dir, 'state', 'blockhost.db'),
      setupComplete: join(dir, 'state', '.setup-complete'),
      loginBundleDir: await vmLoginBundleDir(),
      daemonListen,
      snippetsDir,
      runDir: join(dir, 'run'),
      finalizeDir: join(dir, 'setup'),
      issueFile: join(dir, 'issue.d', 'blockhost-wizard.issue'),
      rebootDelaySeconds: 0,
    };
    const layoutFile = join(dir, 'layout.json');
    writeFileSync(layoutFile, JSON.stringify(layout, null, 2));
    return {
      dir,
      anvil,
      sim,
      stablecoin: coin.value.address,
      imageUrl,
      missingImageUrl: `${base}/images/missing.qcow2`,
      imageSha256,
      layoutFile,
      machineFile,
      layout,
      effectsDir,
      daemonListen,
      async stop() {
        for (const s of stops.reverse()) await Promise.resolve(s()).catch(() => {});
      },
    };
  } catch (e) {
    for (const s of stops.reverse()) await Promise.resolve(s()).catch(() => {});
    throw e;
  }
}

export interface WizardProcess {
  url: string;
  child: ChildProcess;
  logFile: string;
  stop(): Promise<void>;
}

/** `blockhost-wizard serve` from the sources, finalize as a child of it. */
export async function startWizard(w: World): Promise<WizardProcess> {
  const port = await freePort();
  const logFile = join(w.dir, 'wizard.log');
  const child = spawn(
    process.execPath,
    [
      ...TSX,
      WIZARD_MAIN,
      'serve',
      '--layout',
      w.layoutFile,
      '--machine',
      w.machineFile,
      '--listen',
      `127.0.0.1:${port}`,
      '--finalize-exec',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const log = createWriteStream(logFile, { flags: 'a' });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const url = `http://127.0.0.1:${port}`;
  const end = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`wizard exited: ${readFileSync(logFile, 'utf8')}`);
    try {
      const r = await fetch(`${url}/login`);
      if (r.status < 500) break;
    } catch {
      // not yet
    }
    if (Date.now() > end) throw new Error('wizard did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    child,
    logFile,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
    },
  };
}

/** The code as the console shows it. */
export function consoleCode(w: World): string {
  const text = readFileSync(w.layout.issueFile, 'utf8');
  const m = /code:\s+([A-Z0-9]{4}-[A-Z0-9]{4})/.exec(text);
  if (!m) throw new Error(`no code on the console:\n${text}`);
  return m[1]!;
}

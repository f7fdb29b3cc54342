/**
 * A private system for real-sshd tests: a tree R holding only the files that
 * differ from the machine (/etc/passwd, group, shadow with the test users,
 * /etc/pam.d/sshd, sshd_config, host key, and whatever the installer adds),
 * and an sshd started inside `unshare --mount` with R overlaid read-only on
 * /etc and /usr/lib and a fresh tmpfs on /run and /var/log. Nothing outside
 * that mount namespace changes; when sshd stops, the namespace is gone.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VmLoginConfigInput } from '../../src/config/config.js';

export interface TestUser {
  name: string;
  uid: number;
  gecos?: string;
  /** Member of blockhost-wallet. */
  wallet?: boolean;
  /** SHA-512 crypt hash (`openssl passwd -6`); default: locked. */
  passwordHash?: string;
}

/** `openssl passwd -6 -salt bhtestsalt bob-password` */
export const BOB_PASSWORD = 'bob-password';
export const BOB_PASSWORD_HASH =
  '$6$bhtestsalt$CqKhOCOEz.rzmj/8EphKjSb1k3nqyD/mfeKrlXJzzBHldcPa23FFWUmO8FXh8abVcxCANazIthep8RprQyqPV1';

/** Debian 12's stock sshd_config (its non-comment lines), with a test host key. */
const SSHD_CONFIG = `Include /etc/ssh/sshd_config.d/*.conf
KbdInteractiveAuthentication no
UsePAM yes
X11Forwarding yes
PrintMotd no
AcceptEnv LANG LC_*
Subsystem\tsftp\t/usr/lib/openssh/sftp-server
HostKey /etc/ssh/ssh_host_ed25519_key
`;

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}${r.stdout}`);
  return r.stdout;
}

export interface TestSystem {
  /** Scratch directory (homes, run dir, log). */
  tmp: string;
  /** The system tree overlaid on / inside the namespace. */
  root: string;
  runDir: string;
  logFile: string;
  home: (user: string) => string;
  cleanup: () => void;
}

/** Creates the tree with the machine's account files plus the test users (not yet in the wallet group). */
export function createTestSystem(users: readonly TestUser[]): TestSystem {
  const tmp = mkdtempSync(join(tmpdir(), 'bh-sshd-'));
  const root = join(tmp, 'root');
  for (const d of ['etc/pam.d', 'etc/ssh/sshd_config.d', 'usr/lib', 'home'])
    mkdirSync(join(root, d), { recursive: true });
  for (const f of ['passwd', 'group', 'shadow', 'gshadow'])
    copyFileSync(`/etc/${f}`, join(root, 'etc', f));
  copyFileSync('/etc/pam.d/sshd', join(root, 'etc/pam.d/sshd'));
  writeFileSync(join(root, 'etc/ssh/sshd_config'), SSHD_CONFIG);
  run('ssh-keygen', [
    '-q',
    '-t',
    'ed25519',
    '-N',
    '',
    '-f',
    join(root, 'etc/ssh/ssh_host_ed25519_key'),
  ]);
  const runDir = join(tmp, 'run-login');
  mkdirSync(runDir, { mode: 0o700 });
  const home = (user: string) => join(tmp, 'home', user);
  for (const u of users) {
    mkdirSync(home(u.name), { recursive: true });
    run('useradd', [
      '--prefix',
      root,
      '-M',
      '-d',
      home(u.name),
      '-s',
      '/bin/sh',
      '-u',
      String(u.uid),
      '-U',
      '-c',
      u.gecos ?? '',
      ...(u.passwordHash ? ['-p', u.passwordHash] : []),
      u.name,
    ]);
    run('chown', [`${u.uid}:${u.uid}`, home(u.name)]);
  }
  return {
    tmp,
    root,
    runDir,
    logFile: join(tmp, 'login.log'),
    home,
    cleanup: () => rmSync(tmp, { recursive: true, force: true }),
  };
}

/** Adds users to blockhost-wallet (after the installer created the group), as the provisioner does. */
export function addToWalletGroup(sys: TestSystem, users: readonly TestUser[]): void {
  for (const u of users)
    if (u.wallet) run('usermod', ['--prefix', sys.root, '-aG', 'blockhost-wallet', u.name]);
}

/** Rewrites a user's GECOS (what the daemon does after an NFT transfer). */
export function setGecos(sys: TestSystem, user: string, gecos: string): void {
  run('usermod', ['--prefix', sys.root, '-c', gecos, user]);
}

/** The test's login config: run dir and log file in the scratch dir, so the signing service can run outside the namespace. */
export function testConfig(
  sys: TestSystem,
  extra: Partial<VmLoginConfigInput> = {},
): VmLoginConfigInput {
  return {
    chainId: 31337,
    host: 'vm-test.blockhost.test',
    runDir: sys.runDir,
    log: { syslog: false, file: sys.logFile },
    ...extra,
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`sshd exited with ${child.exitCode}`);
    const up = await new Promise<boolean>((resolve) => {
      const sock = new Socket();
      sock.once('connect', () => {
        sock.destroy();
        resolve(true);
      });
      sock.once('error', () => resolve(false));
      sock.connect(port, '127.0.0.1');
    });
    if (up) return;
    if (Date.now() > deadline) throw new Error(`sshd did not listen on ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface RunningSshd {
  port: number;
  /** sshd's own log (-e), for debugging and for asserting what sshd saw. */
  output: () => string;
  stop: () => Promise<void>;
}

/** `unshare --mount` running `exec <command>` with the tree overlaid on /etc and /usr/lib. */
export function spawnInSystem(
  sys: TestSystem,
  command: string,
  stdin: 'ignore' | 'pipe' = 'ignore',
) {
  const script = [
    'set -e',
    `mount -t overlay overlay -o lowerdir=${sys.root}/etc:/etc /etc`,
    `mount -t overlay overlay -o lowerdir=${sys.root}/usr/lib:/usr/lib /usr/lib`,
    'mount -t tmpfs -o mode=0755 tmpfs /run',
    'mount -t tmpfs -o mode=0755 tmpfs /var/log',
    'mkdir -p /run/sshd',
    `exec ${command}`,
  ].join('\n');
  return spawn('unshare', ['--mount', '--propagation', 'private', '/bin/sh', '-c', script], {
    stdio: [stdin, 'pipe', 'pipe'],
    detached: true,
  });
}

export async function startSshd(sys: TestSystem): Promise<RunningSshd> {
  const port = await freePort();
  const child = spawnInSystem(
    sys,
    `/usr/sbin/sshd -D -e -p ${port} -o ListenAddress=127.0.0.1 -o PidFile=/run/sshd.pid`,
  );
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  try {
    await waitForPort(port, child, 10_000);
  } catch (e) {
    throw new Error(`${(e as Error).message}\n${out}`);
  }
  return {
    port,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null && child.pid) {
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          // gone
        }
        const timer = setTimeout(() => {
          try {
            if (child.pid) process.kill(-child.pid, 'SIGKILL');
          } catch {
            // gone
          }
        }, 3000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

/** Installs the wallet login into the tree with the bundled installer, as cloud-init would on a VM. */
export function installInto(
  sys: TestSystem,
  bundleDir: string,
  config: VmLoginConfigInput,
): string {
  const cfgFile = join(sys.tmp, 'vm-login.json');
  writeFileSync(cfgFile, JSON.stringify(config));
  return run(process.execPath, [
    join(bundleDir, 'blockhost-vm-login'),
    'install',
    '--root',
    sys.root,
    '--config',
    cfgFile,
    '--no-activate',
  ]);
}

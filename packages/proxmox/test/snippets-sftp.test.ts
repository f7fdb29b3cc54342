import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSnippetStore, provisionVm, SnippetError, sshFingerprint } from '@blockhost/proxmox';
import { provisionParams, startEnv } from '@blockhost/pve-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const SSHD = '/usr/sbin/sshd';

async function freePort(): Promise<number> {
  const srv = createServer().listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

/** Waits until something accepts TCP connections on the port. */
async function waitListening(port: number, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`sshd did not listen on ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The SHA256 fingerprint of an OpenSSH public key line. */
function pubkeyFingerprint(line: string): string {
  return sshFingerprint(Buffer.from(line.trim().split(/\s+/)[1]!, 'base64'));
}

/**
 * A private sshd on a loopback port with its own host key and config, key
 * auth only, internal-sftp; the machine's own sshd config is not touched.
 */
describe.skipIf(!existsSync(SSHD) || process.getuid?.() !== 0)(
  'snippet delivery over SFTP (real sshd)',
  () => {
    let dir: string;
    let snippetsDir: string;
    let sshd: ChildProcess;
    let port: number;
    let clientKey: string;
    let hostFingerprint: string;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'bh-sftp-'));
      snippetsDir = join(dir, 'snippets');
      mkdirSync(snippetsDir);
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'host_key')]);
      execFileSync('ssh-keygen', [
        '-q',
        '-t',
        'ed25519',
        '-N',
        '',
        '-C',
        'blockhost-test',
        '-f',
        join(dir, 'client_key'),
      ]);
      writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'client_key.pub')), {
        mode: 0o600,
      });
      clientKey = readFileSync(join(dir, 'client_key'), 'utf8');
      hostFingerprint = pubkeyFingerprint(readFileSync(join(dir, 'host_key.pub'), 'utf8'));
      port = await freePort();
      writeFileSync(
        join(dir, 'sshd_config'),
        [
          `HostKey ${join(dir, 'host_key')}`,
          'ListenAddress 127.0.0.1',
          `PidFile ${join(dir, 'sshd.pid')}`,
          `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
          'AuthenticationMethods publickey',
          'PubkeyAuthentication yes',
          'PasswordAuthentication no',
          'KbdInteractiveAuthentication no',
          'PermitRootLogin prohibit-password',
          'UsePAM no',
          'StrictModes no',
          'Subsystem sftp internal-sftp',
          'LogLevel ERROR',
        ].join('\n'),
      );
      // sshd needs its privilege separation directory (normally made by the service unit).
      if (!existsSync('/run/sshd')) mkdirSync('/run/sshd', { mode: 0o755 });
      sshd = spawn(SSHD, ['-D', '-e', '-f', join(dir, 'sshd_config'), '-p', String(port)], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      await waitListening(port);
    });

    afterAll(async () => {
      if (sshd && sshd.exitCode === null) {
        sshd.kill('SIGTERM');
        await once(sshd, 'exit');
      }
      rmSync(dir, { recursive: true, force: true });
    });

    const store = (hostKey = hostFingerprint) =>
      createSnippetStore({
        dir: snippetsDir,
        localNode: 'pve1',
        ssh: {
          username: 'root',
          port,
          privateKey: clientKey,
          hosts: { pve2: '127.0.0.1' },
          hostKeys: { pve2: hostKey },
        },
      })._unsafeUnwrap();

    it('writes, reads and removes a snippet on another node, atomically and mode 0640', async () => {
      const s = store();
      (await s.write('pve2', 'vm-a-user.yaml', '#cloud-config\nhostname: a\n'))._unsafeUnwrap();
      expect(readFileSync(join(snippetsDir, 'vm-a-user.yaml'), 'utf8')).toBe(
        '#cloud-config\nhostname: a\n',
      );
      expect(statSync(join(snippetsDir, 'vm-a-user.yaml')).mode & 0o777).toBe(0o640);
      (await s.write('pve2', 'vm-a-user.yaml', '#cloud-config\nhostname: b\n'))._unsafeUnwrap();
      expect((await s.read('pve2', 'vm-a-user.yaml'))._unsafeUnwrap()).toBe(
        '#cloud-config\nhostname: b\n',
      );
      (await s.remove('pve2', 'vm-a-user.yaml'))._unsafeUnwrap();
      (await s.remove('pve2', 'vm-a-user.yaml'))._unsafeUnwrap();
      expect((await s.read('pve2', 'vm-a-user.yaml'))._unsafeUnwrap()).toBeNull();
      expect(existsSync(join(snippetsDir, 'vm-a-user.yaml'))).toBe(false);
      await s.close();
    });

    it('refuses a node whose host key is not the pinned one', async () => {
      const s = store('SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
      const e = (await s.write('pve2', 'x.yaml', 'x'))._unsafeUnwrapErr();
      expect(e).toBeInstanceOf(SnippetError);
      expect(e.shortMessage).toBe(
        `node 'pve2': host key ${hostFingerprint} is not the expected SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`,
      );
      expect(existsSync(join(snippetsDir, 'x.yaml'))).toBe(false);
      await s.close();
    });

    it('refuses file names that could leave the snippets directory', async () => {
      const s = store();
      const e = (await s.write('pve2', '../etc/passwd', 'x'))._unsafeUnwrapErr();
      expect(e.shortMessage).toMatch(/not a plain file name/);
      await s.close();
    });

    it('provisions a VM on pve2 with its snippet delivered over SFTP', async () => {
      const env = await startEnv({
        nodes: ['pve1', 'pve2'],
        snippetsDir: { pve2: snippetsDir },
        template: { vmid: 9000, node: 'pve2' },
      });
      const s = store();
      try {
        const p = provisionParams({ snippets: s }, 1n, 10_001, {
          node: 'pve2',
          template: { vmid: 9000, node: 'pve2' },
        });
        const r = (await provisionVm(env.root, p))._unsafeUnwrap();
        expect(r.node).toBe('pve2');
        expect(existsSync(join(snippetsDir, 'bh-31337-5fbdb231-1-user.yaml'))).toBe(true);
        expect(env.sim.vm(10_001)!.guest.users.user?.gecos).toMatch(/^wallet=0x/);
      } finally {
        await s.close();
        await env.close();
      }
    });
  },
);

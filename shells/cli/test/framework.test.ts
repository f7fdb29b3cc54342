import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { enqueueJob, openDb } from '@blockhost/host';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/commands/index.js';
import { cli, type Json, makeConfigDir, variantConfig } from './helpers.js';

describe('blockhost CLI: help, usage and exit codes', () => {
  it('lists every command in --help and exits 0', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    for (const c of COMMANDS) expect(r.stdout).toContain(c.path.join(' '));
    expect(r.stdout).toMatch(
      /Exit codes: 0 ok, 1 operation failed, 2 usage or configuration error/,
    );
  });

  it.each(COMMANDS.map((c) => [c.path.join(' '), c]))(
    '`%s --help` shows usage and an example',
    async (_n, c) => {
      const r = await cli([...c.path, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^usage: blockhost /);
      expect(r.stdout).toMatch(/examples?:\n {2}blockhost /);
    },
  );

  it('shows a group overview for `blockhost vm`', async () => {
    const r = await cli(['vm', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('vm suspend');
    expect(r.stdout).not.toContain('plan create');
  });

  it('rejects an unknown command with exit 2', async () => {
    const r = await cli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command `frobnicate`');
  });

  it('rejects an unknown option with exit 2 and a hint', async () => {
    const r = await cli(['vm', 'list', '--colour']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Unknown option '--colour'/);
    expect(r.stderr).toContain('hint: see `blockhost vm list --help`');
  });

  it('rejects a wrong number of arguments with exit 2', async () => {
    const r = await cli(['vm', 'show']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('takes 1 argument (<subscription-id>), got 0');
  });

  it('refuses --json on a command without JSON output', async () => {
    const r = await cli(['vm', 'list', '--json', '--config-dir', '/nonexistent']);
    expect(r.code).toBe(2); // vm list has JSON; the config dir is missing
    expect(r.json<{ error: { message: string } }>().error.message).toMatch(/file not found/);
  });
});

describe('blockhost config', () => {
  it('validate: a good config exits 0', async () => {
    const dir = makeConfigDir();
    const r = await cli(['config', 'validate', '--config-dir', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('is valid');
    expect((await cli(['config', 'validate', '--config-dir', dir, '--json'])).json()).toEqual({
      valid: true,
      issues: [],
    });
  });

  it('validate: lists every problem with file, line and key, exit 2', async () => {
    const dir = makeConfigDir({ extraDb: 'grace_days: 500\n' });
    writeFileSync(join(dir, 'web3-defaults.yaml'), 'chain_id: -1\nrpc_url: nope\n');
    const r = await cli(['config', 'validate', '--config-dir', dir]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/db\.yaml:6: grace_days: /);
    expect(r.stdout).toMatch(/web3-defaults\.yaml:1: chain_id: /);
    expect(r.stdout).toMatch(/web3-defaults\.yaml:2: rpc_url: /);
    expect(r.stdout).toMatch(/web3-defaults\.yaml: contracts: required key is missing/);
    const j = (await cli(['config', 'validate', '--config-dir', dir, '--json'])).json<{
      valid: boolean;
      issues: unknown[];
    }>();
    expect(j.valid).toBe(false);
    expect(j.issues.length).toBe(4);
  });

  it('validate: refuses a world-readable server key', async () => {
    const dir = makeConfigDir();
    chmodSync(join(dir, 'secrets', 'server.key'), 0o644);
    const r = await cli(['config', 'validate', '--config-dir', dir]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(
      /server\.key: server key file is readable by other users \(mode 644\)/,
    );
  });

  it('validate: refuses a world-readable SSH key for the other nodes, and a missing one', async () => {
    const dir = makeConfigDir();
    const key = join(dir, 'secrets', 'id_ed25519');
    writeFileSync(
      key,
      '-----BEGIN OPENSSH PRIVATE KEY-----\nx\n-----END OPENSSH PRIVATE KEY-----\n',
    );
    chmodSync(key, 0o644);
    const withSsh = variantConfig(dir, {
      blockhost: (d) => d.setIn(['proxmox', 'ssh'], { key_file: key }),
    });
    const r = await cli(['config', 'validate', '--config-dir', withSsh]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/id_ed25519: SSH key file is readable by other users \(mode 644\)/);
    chmodSync(key, 0o600);
    expect((await cli(['config', 'validate', '--config-dir', withSsh])).code).toBe(0);
    const missing = variantConfig(dir, {
      blockhost: (d) => d.setIn(['proxmox', 'ssh'], { key_file: `${key}.gone` }),
    });
    const m = await cli(['config', 'validate', '--config-dir', missing]);
    expect(m.code).toBe(2);
    expect(m.stdout).toMatch(/id_ed25519\.gone: SSH key file not found/);
  });

  it('chain deploy: refuses a world-readable server key before touching the chain', async () => {
    const dir = makeConfigDir({ keyMode: 0o644 });
    const r = await cli([
      'chain',
      'deploy',
      '--admin',
      '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
      '--test-stablecoin',
      '--yes',
      '--config-dir',
      dir,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /server\.key: server key file is readable by other users \(mode 644\)/,
    );
    expect(r.stderr).not.toContain('unreachable');
  });

  it('show: prints the effective config and never the secrets', async () => {
    const dir = makeConfigDir();
    const r = await cli(['config', 'show', '--config-dir', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('grace_days: 7');
    expect(r.stdout).not.toContain(
      '59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
    );
    expect(r.stdout).not.toContain('11111111-2222-3333-4444-555555555555');
    const j = (await cli(['config', 'show', '--config-dir', dir, '--json'])).json<{
      secrets: { server_key: { address: string; value: string } };
    }>();
    expect(j.secrets.server_key).toMatchObject({
      address: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
      value: '[hidden]',
    });
    expect(JSON.stringify(j)).not.toContain('59c6995e');
  });
});

describe('RPC URLs carry provider keys: printed with path and query masked', () => {
  const KEY = 'AbCdEf0123456789SecretKey';
  const rpc = `http://127.0.0.1:9/v2/${KEY}`;
  const vmRpc = `https://vm-rpc.example/rpc?apikey=${KEY}`;

  it('config show (human and JSON)', async () => {
    const dir = makeConfigDir({
      rpcUrl: rpc,
      extraBlockhost: `vm:\n  rpc_urls: ["${vmRpc}"]\n`,
    });
    const human = await cli(['config', 'show', '--config-dir', dir]);
    expect(human.code).toBe(0);
    expect(human.stdout).not.toContain(KEY);
    expect(human.stdout).toContain('http://127.0.0.1:9/***');
    expect(human.stdout).toContain('https://vm-rpc.example/***');
    const json = await cli(['config', 'show', '--config-dir', dir, '--json']);
    expect(json.stdout).not.toContain(KEY);
    expect(json.json<Json>().web3.rpc_url).toEqual(['http://127.0.0.1:9/***']);
    expect(json.json<Json>().blockhost.vm.rpc_urls).toEqual(['https://vm-rpc.example/***']);
  });

  it('chain deploy against an unreachable RPC', async () => {
    const dir = makeConfigDir({ rpcUrl: rpc });
    const r = await cli([
      'chain',
      'deploy',
      '--admin',
      '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
      '--test-stablecoin',
      '--yes',
      '--config-dir',
      dir,
    ]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('RPC http://127.0.0.1:9/*** unreachable');
    expect(r.stderr + r.stdout).not.toContain(KEY);
  });
});

describe("guest text never drives the operator's terminal", () => {
  // What a customer's guest can put into a command's stderr: clear screen, cursor home,
  // a fake prompt, an OSC title, a bidi override, a bell.
  const EVIL =
    'usermod: \u001b[2J\u001b[H\u001b]0;pwned\u0007$ rm -rf /\r\u202edone\u0007\nsecond line';

  function journalWithGuestError(): string {
    const dir = makeConfigDir();
    const path = join(dir, 'state', 'blockhost.db');
    mkdirSync(join(dir, 'state'));
    const db = openDb(path);
    const vm = db
      .prepare(
        `INSERT INTO vms (subscription_id, subscription_key, generation, state, allowed_wallet, created_at, updated_at)
         VALUES ('7', 'key-7', 1, 'failed', '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', 1, 1) RETURNING id`,
      )
      .get() as { id: number };
    const job = enqueueJob(
      db,
      { subscriptionId: '7', vmId: vm.id, kind: 'syncOwner', step: 'gecos', payload: {} },
      1,
    )!;
    // Written raw: a journal from before the cap, or any other writer.
    db.prepare(`UPDATE jobs SET state = 'needs_operator', last_error = ? WHERE id = ?`).run(
      EVIL,
      job.id,
    );
    db.prepare(`UPDATE vms SET failure = ? WHERE id = ?`).run(EVIL, vm.id);
    db.close();
    return dir;
  }

  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

  it.each([[['job', 'show', '1']], [['job', 'list']], [['vm', 'show', '7']]])(
    '%j shows control characters as escapes',
    async (argv) => {
      const dir = journalWithGuestError();
      const r = await cli([...argv, '--config-dir', dir]);
      const printed = r.stdout + r.stderr;
      expect(printed).toContain('usermod: ');
      expect(printed, JSON.stringify(printed)).not.toMatch(CONTROL);
      expect(printed).toContain('\\x1b[2J');
    },
  );

  it('--json keeps the text exact, every control character escaped', async () => {
    const dir = journalWithGuestError();
    const r = await cli(['job', 'show', '1', '--json', '--config-dir', dir]);
    expect(r.stdout).not.toMatch(CONTROL);
    expect(r.json<Json>().lastError).toBe(EVIL);
  });
});

describe('blockhost without a daemon database', () => {
  it('vm list names the missing database and how to fix it, exit 2', async () => {
    const dir = makeConfigDir();
    const r = await cli(['vm', 'list', '--config-dir', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no BlockHost database at .*blockhost\.db/);
    expect(r.stderr).toContain('hint: start blockhostd once');
  });
});

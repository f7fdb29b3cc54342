/** `blockhost chain deploy` on a real anvil chain: fresh contracts, addresses written into the config. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyDeployment } from '@blockhost/chain';
import { type Anvil, startAnvil } from '@blockhost/chain/testkit';
import { freePort } from '@blockhost/devstack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, type Json, makeConfigDir, removeTempDirs, variantConfig } from './helpers.js';

let anvil: Anvil;
let dir: string;

const web3Yaml = (rpcUrl: string, chainId = 31337) =>
  [
    '# which chain BlockHost follows (edited by hand)',
    `chain_id: ${chainId}`,
    `rpc_url: ${rpcUrl}  # the local node`,
    '',
  ].join('\n');

beforeAll(async () => {
  anvil = await startAnvil();
  dir = makeConfigDir({ rpcUrl: anvil.rpcUrl, serverKey: anvil.accounts[1]!.privateKey });
  writeFileSync(join(dir, 'web3-defaults.yaml'), web3Yaml(anvil.rpcUrl));
}, 60_000);

afterAll(async () => {
  await anvil?.stop();
  removeTempDirs();
});

const deploy = (extra: string[], configDir = dir) =>
  cli([
    'chain',
    'deploy',
    '--admin',
    anvil.accounts[0]!.address,
    ...extra,
    '--config-dir',
    configDir,
  ]);

describe('blockhost chain deploy', () => {
  it('deploys, verifies and writes the addresses into web3-defaults.yaml (comments kept)', async () => {
    const r = await deploy([
      '--test-stablecoin',
      '--plan-name',
      'small',
      '--plan-price-cents',
      '100',
      '--plan-cores',
      '1',
      '--plan-memory',
      '1024',
      '--plan-disk',
      '10',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const j = r.json<Json>();
    expect(Object.keys(j)).toEqual([
      'chainId',
      'subscriptions',
      'nft',
      'deployBlock',
      'stablecoin',
      'firstPlanId',
      'configFile',
    ]);
    expect(j).toMatchObject({
      chainId: 31337,
      firstPlanId: '1',
      configFile: join(dir, 'web3-defaults.yaml'),
    });
    expect(j.deployBlock).toMatch(/^[0-9]+$/);
    const yaml = readFileSync(join(dir, 'web3-defaults.yaml'), 'utf8');
    expect(yaml).toContain('# which chain BlockHost follows (edited by hand)');
    expect(yaml).toContain('# the local node');
    // Quoted: unquoted, YAML would read the address as a hexadecimal number.
    expect(yaml).toContain(`subscriptions: "${j.subscriptions}"`);
    const check = await verifyDeployment(anvil.publicClient, {
      subscriptions: j.subscriptions,
      nft: j.nft,
      server: anvil.accounts[1]!.address,
      admin: anvil.accounts[0]!.address,
    });
    expect(check.isOk()).toBe(true);
    expect((await cli(['config', 'validate', '--config-dir', dir])).code).toBe(0);
    const plans = (await cli(['plan', 'list', '--json', '--config-dir', dir])).json<
      { name: string }[]
    >();
    expect(plans.map((p) => p.name)).toEqual(['small']);
  });

  it('asks before replacing contracts the config already names; --yes replaces them', async () => {
    const before = readFileSync(join(dir, 'web3-defaults.yaml'), 'utf8');
    const refused = await deploy(['--test-stablecoin']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      'already names contracts; deploy new ones and replace them?: refused without a terminal',
    );
    expect(readFileSync(join(dir, 'web3-defaults.yaml'), 'utf8')).toBe(before);
    const r = await deploy(['--test-stablecoin', '--yes', '--json']);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'web3-defaults.yaml'), 'utf8')).toContain(
      r.json<Json>().subscriptions.slice(2, 12),
    );
  });

  it('refuses an RPC that serves another chain than chain_id (exit 2)', async () => {
    const other = variantConfig(dir, {});
    writeFileSync(join(other, 'web3-defaults.yaml'), web3Yaml(anvil.rpcUrl, 5));
    const r = await deploy([], other);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the RPC serves chain 31337, web3-defaults.yaml says 5');
  });

  it('RPC down is exit 1 naming the URL', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const down = variantConfig(dir, {});
    writeFileSync(join(down, 'web3-defaults.yaml'), web3Yaml(url));
    const r = await deploy([], down);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`error: RPC ${url} unreachable`);
    expect(r.stderr).toContain('hint: check rpc_url in web3-defaults.yaml');
  });

  it('checks its options first (exit 2)', async () => {
    const bad = await cli(['chain', 'deploy', '--admin', 'me', '--config-dir', dir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--admin: expected the operator wallet address');
    const half = await deploy(['--plan-name', 'x']);
    expect(half.code).toBe(2);
    expect(half.stderr).toContain(
      'a first plan needs all of --plan-name --plan-price-cents --plan-cores --plan-memory --plan-disk',
    );
  });
});

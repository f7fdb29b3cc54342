/**
 * The main job on embedded defaults: a real anvil chain, the Proxmox API
 * simulator and blockhostd (a child process, as systemd runs it) in a temp
 * directory. A customer buys a subscription and the lifecycle plays out; every
 * step is checked against the chain and the simulator, and the demo exits 0
 * only if all of them really happened. Everything it starts is stopped.
 *
 *   npm run demo [-- --keep]     (--keep: leave the temp directory for inspection)
 */
import { join } from 'node:path';
import { ownerOf } from '@blockhost/chain';
import {
  type DaemonProcess,
  type DevStack,
  freePort,
  spawnDaemon,
  startDevStack,
} from '@blockhost/devstack';

const DAY = 86_400;
const GRACE_DAYS = 7;
const started = Date.now();
let stack: DevStack | undefined;
let daemon: DaemonProcess | undefined;
let failed = false;

const t = () => `${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s`;
async function chainDate(): Promise<string> {
  return new Date((await stack!.anvil.now()) * 1000).toISOString().slice(0, 16).replace('T', ' ');
}
async function say(text: string) {
  console.log(`${t()}  [chain ${await chainDate()}]  ${text}`);
}
function check(ok: unknown, what: string): void {
  if (!ok) throw new Error(`check failed: ${what}`);
  console.log(`${' '.repeat(9)}✔ ${what}`);
}
async function until<T>(
  what: string,
  f: () => T | Promise<T>,
  ms = 60_000,
): Promise<NonNullable<T>> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
async function advance(seconds: number) {
  await stack!.anvil.increaseTime(seconds);
  await stack!.anvil.mine(1);
}

async function main() {
  console.log(
    'BlockHost demo: anvil chain + Proxmox API simulator + blockhostd, all local and temporary.\n',
  );
  const port = await freePort();
  stack = await startDevStack({ listen: `127.0.0.1:${port}` });
  await say(
    `contracts deployed: subscriptions ${stack.contracts.subscriptions}, NFT ${stack.contracts.nft}`,
  );
  await say(
    `Proxmox simulator at ${stack.sim.url} (HTTPS, pinned certificate), template VM ${stack.templateVmid}`,
  );

  daemon = await spawnDaemon({
    configDir: stack.configDir,
    listen: `127.0.0.1:${port}`,
    logFile: join(stack.dir, 'blockhostd.log'),
  });
  await say(
    `blockhostd running (pid ${daemon.child.pid}), health at ${daemon.url}/healthz, logs in ${stack.dir}/blockhostd.log`,
  );

  const alice = await stack.customer(3);
  await say(
    `customer ${alice.address} buys 30 days of plan ${stack.planId} (1 core, 1 GiB, 10 GiB disk)`,
  );
  const { subscriptionId, expiresAt } = await alice.buy(stack.planId, 30);
  check(
    subscriptionId > 0n,
    `subscription ${subscriptionId} created on chain, expires ${new Date(expiresAt * 1000).toISOString()}`,
  );

  const vm = await until('a running VM', () =>
    stack!.sim
      .vms()
      .find(
        (v) =>
          v.tags.includes(`sub-${subscriptionId}`) && v.status === 'running' && v.guest.users.user,
      ),
  );
  await say(`VM ${vm.vmid} provisioned and running on ${vm.node}`);
  check(
    vm.config.ipconfig0?.includes('ip=10.77.0.'),
    `VM has its address (${vm.config.ipconfig0})`,
  );

  const tokenId = await until('the access NFT', () => alice.tokenOf(subscriptionId));
  await until('the NFT id in the login user', () =>
    stack!.sim.vm(vm.vmid)?.guest.users.user?.gecos.endsWith(`,nft=${tokenId}`),
  );
  check(
    stack.sim.vm(vm.vmid)?.guest.users.user?.gecos === `wallet=${alice.address},nft=${tokenId}`,
    `login user's GECOS names the customer's wallet and NFT #${tokenId}`,
  );
  const owner = await ownerOf(stack.anvil.publicClient, { address: stack.contracts.nft, tokenId });
  check(
    owner.isOk() && owner.value.toLowerCase() === alice.address.toLowerCase(),
    `access NFT #${tokenId} minted to the customer`,
  );
  const details = await alice.connectionDetails(tokenId);
  check(
    details.hostname && details.username === 'user',
    `customer re-signed the key message and decrypted: ssh ${details.username}@${details.hostname} -p ${details.port}`,
  );

  await say('time moves 30 days forward: the subscription expires');
  await advance(30 * DAY + 60);
  await until('suspension', () => stack!.sim.vm(vm.vmid)?.status === 'stopped');
  await say(`VM ${vm.vmid} suspended (shut down, disk kept)`);
  check(
    stack!.sim.vm(vm.vmid)?.config.onboot === '0',
    'VM will not start with the host while suspended',
  );

  await advance(2 * DAY);
  await say('two days later the customer renews for 10 days');
  await alice.extend(subscriptionId, 10);
  await until('resume', () => stack!.sim.vm(vm.vmid)?.status === 'running');
  await say(`VM ${vm.vmid} resumed, same VM and disk`);

  await say('time moves 10 days forward: expired again');
  await advance(10 * DAY + 60);
  await until('second suspension', () => stack!.sim.vm(vm.vmid)?.status === 'stopped');
  await say(`VM ${vm.vmid} suspended again; grace period is ${GRACE_DAYS} days`);

  await advance(GRACE_DAYS * DAY + 60);
  await say(`${GRACE_DAYS} days of grace pass without renewal`);
  await until('destruction', () => stack!.sim.vm(vm.vmid) === undefined);
  await say(`VM ${vm.vmid} destroyed with its disks`);
  check(!stack.sim.volumes({ vmid: vm.vmid }).length, 'no disk of the VM is left on any storage');

  const health = await fetch(`${daemon.url}/readyz`).then(
    (r) => r.json() as Promise<{ ready: boolean }>,
  );
  check(health.ready, 'daemon reports ready (chain, Proxmox, cursor)');
}

async function shutdown() {
  if (daemon) {
    daemon.kill('SIGTERM');
    const code = await daemon.exited;
    if (code !== 0) {
      failed = true;
      console.error(`blockhostd exited with ${code} on SIGTERM`);
    } else console.log(`${t()}  blockhostd stopped cleanly on SIGTERM`);
  }
  if (stack && !process.argv.includes('--keep')) await stack.stop();
  else if (stack) {
    await stack.sim.close();
    await stack.anvil.stop();
    console.log(`kept ${stack.dir}`);
  }
}

main()
  .catch((e) => {
    failed = true;
    console.error(`\nDEMO FAILED: ${(e as Error).message}`);
    if (stack) console.error(`daemon log: ${stack.dir}/blockhostd.log (kept with --keep)`);
  })
  .finally(async () => {
    await shutdown();
    console.log(
      failed
        ? '\ndemo failed'
        : `\ndemo passed: every step checked against the chain and the simulator (${t().trim()})`,
    );
    process.exit(failed ? 1 : 0);
  });

/**
 * A local BlockHost to click through with a real browser wallet: anvil with fresh contracts (a
 * test stablecoin and a native-coin price feed), the Proxmox API simulator, and blockhostd as a
 * child process serving the customer site. Prints the site's URL and how to point a wallet at
 * the local chain; runs until Ctrl+C, then stops everything it started.
 *
 *   npm run dev [-- --port 8080]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { setTestPrice } from '@blockhost/chain/testkit';
import {
  type DaemonProcess,
  type DevStack,
  freePort,
  spawnDaemon,
  startDevStack,
} from '@blockhost/devstack';
import { buildPortal, writePortalConfig } from '@blockhost/portal';

const ETH_USD = 2_000_00000000n; // $2000 per ETH (8 decimals), the test feed's answer
const { values } = parseArgs({ options: { port: { type: 'string' } }, strict: true });

let stack: DevStack | undefined;
let daemon: DaemonProcess | undefined;
let feedTimer: NodeJS.Timeout | undefined;
let siteDir: string | undefined;

async function main(): Promise<void> {
  const port = values.port ? Number(values.port) : await freePort();
  const listen = `127.0.0.1:${port}`;
  console.log('Starting a local BlockHost (anvil + Proxmox API simulator + blockhostd)…');
  siteDir = mkdtempSync(join(tmpdir(), 'blockhost-portal-'));
  const [built, s] = await Promise.all([
    buildPortal({ outDir: siteDir }),
    startDevStack({ listen, nativeUsdPrice: ETH_USD, portalDir: siteDir }),
  ]);
  stack = s;
  writePortalConfig(siteDir, stack.portalConfig());
  daemon = await spawnDaemon({
    configDir: stack.configDir,
    listen,
    logFile: join(stack.dir, 'blockhostd.log'),
  });
  // A live feed answers at least hourly; keep the test feed fresh so native payments work.
  feedTimer = setInterval(() => {
    void setTestPrice(stack!.server, { feed: stack!.priceFeed!, answer: ETH_USD });
  }, 30 * 60_000);

  const customers = [3, 4, 5].map((i) => stack!.anvil.accounts[i]!);
  for (const i of [3, 4, 5]) await stack.customer(i); // 1,000,000 TUSD each
  const app = built.files.find((f) => f.name === 'app.js')!;
  console.log(`
Customer site:  ${daemon.url}/
  (served by blockhostd from ${siteDir}; app.js ${(app.bytes / 1024).toFixed(0)} KiB, ${(app.gzipBytes / 1024).toFixed(0)} KiB gzip)

Point a browser wallet on this machine at the local chain:
  network name  Local test chain (anvil)
  RPC URL       ${stack.anvil.rpcUrl}
  chain id      ${stack.anvil.chainId}
  currency      ETH
  (or just open the site: it offers to add and switch to the network)

Import a funded test account (anvil's well-known keys: test money only, never use them elsewhere):
${customers.map((c) => `  ${c.address}  private key ${c.privateKey}`).join('\n')}
  Each holds 10,000 ETH and 1,000,000 TUSD (the test stablecoin ${stack.stablecoin}, 6 decimals).

The simulator's VMs get addresses from 10.77.0.0/24; nothing is reachable over SSH here, but
the site decrypts and shows the real connection details. Time travel, e.g. 31 days ahead:
  curl -s -X POST -H 'content-type: application/json' ${stack.anvil.rpcUrl} \\
    --data '{"jsonrpc":"2.0","id":1,"method":"evm_increaseTime","params":[2678400]}'
  (then one more transaction or an evm_mine; the daemon suspends the VM on the next block)

Logs: ${stack.dir}/blockhostd.log   Health: ${daemon.url}/readyz
Press Ctrl+C to stop everything.`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
    void daemon!.exited.then((code) => {
      console.error(`blockhostd exited (${code}); see ${stack!.dir}/blockhostd.log`);
      resolve();
    });
  });
}

async function shutdown(): Promise<void> {
  if (feedTimer) clearInterval(feedTimer);
  if (daemon) {
    daemon.kill('SIGTERM');
    await daemon.exited;
  }
  await stack?.stop();
  if (siteDir) rmSync(siteDir, { recursive: true, force: true });
}

main()
  .catch((e) => {
    console.error(`dev stack failed: ${(e as Error).message}`);
    process.exitCode = 1;
  })
  .finally(async () => {
    await shutdown();
    console.log('stopped');
    process.exit(process.exitCode ?? 0);
  });

/**
 * The zero-touch season (issue 18): anvil + the Proxmox simulator + blockhostd as its own process,
 * a seeded population of customers over days of chain time, faults on, nobody touching it.
 * Prints the season report (events, VMs, faults by kind, invariant violations, catch-up times,
 * the daemon's CPU and memory) and stores it under bench/results/season.json.
 *
 * Run: npm run bench -- season
 *   BLOCKHOST_SEASON_CUSTOMERS (default 1000), BLOCKHOST_SEASON_DAYS (90),
 *   BLOCKHOST_SEASON_STEP_HOURS (6), BLOCKHOST_SEASON_SEED, BLOCKHOST_SEASON_FAULTS=0 to turn faults off.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runSeason } from '@blockhost/devstack';

const env = (k: string, d: number) => Number(process.env[`BLOCKHOST_SEASON_${k}`] ?? d);
// SIGINT/SIGTERM end the season cleanly (its chain, simulator and daemon stopped).
const abort = new AbortController();
process.once('SIGINT', () => abort.abort());
process.once('SIGTERM', () => abort.abort());
const report = await runSeason({
  signal: abort.signal,
  customers: env('CUSTOMERS', 1000),
  days: env('DAYS', 90),
  stepHours: env('STEP_HOURS', 6),
  seed: env('SEED', 20261206),
  faults: process.env.BLOCKHOST_SEASON_FAULTS !== '0',
  log: (l) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${l}`),
  artifactsDir: join(import.meta.dirname, 'results', 'season-logs'),
});
console.log(JSON.stringify(report, null, 2));
const dir = join(import.meta.dirname, 'results');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'season.json'), `${JSON.stringify(report, null, 2)}\n`);
process.exit(report.violations.count === 0 ? 0 : 1);

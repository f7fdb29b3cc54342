#!/usr/bin/env node
import { parseArgs } from 'node:util';
/**
 * blockhostd: the BlockHost service. `blockhostd --config-dir /etc/blockhost`.
 * Exit codes: 0 stopped cleanly, 1 runtime failure, 2 configuration problem.
 */
import { createDefaultPorts, createLogger, HostConfigError } from '@blockhost/host';
import { AnotherRunnerError, startDaemon } from './engine.js';

const USAGE = `usage: blockhostd [--config-dir DIR] [--log-level LEVEL]

Runs BlockHost: follows the chain, provisions, suspends, resumes and destroys
VMs, and mints access NFTs. Configuration: DIR/db.yaml, DIR/web3-defaults.yaml,
DIR/blockhost.yaml (default DIR: /etc/blockhost).

Example:
  blockhostd --config-dir /etc/blockhost
`;

async function main(): Promise<number> {
  let args: ReturnType<
    typeof parseArgs<{
      options: {
        'config-dir': { type: 'string' };
        'log-level': { type: 'string' };
        help: { type: 'boolean'; short: 'h' };
      };
    }>
  >;
  try {
    args = parseArgs({
      options: {
        'config-dir': { type: 'string' },
        'log-level': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
  } catch (e) {
    process.stderr.write(`blockhostd: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args.values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const log = createLogger({ level: args.values['log-level'] });
  const configDir =
    args.values['config-dir'] ?? process.env.BLOCKHOST_CONFIG_DIR ?? '/etc/blockhost';
  let daemon: Awaited<ReturnType<typeof startDaemon>>;
  try {
    daemon = await startDaemon({ configDir, log, ports: createDefaultPorts });
  } catch (e) {
    if (e instanceof HostConfigError) {
      process.stderr.write(`blockhostd: refusing to start, ${e.message}\n`);
      return 2;
    }
    if (e instanceof AnotherRunnerError) {
      process.stderr.write(`blockhostd: ${e.message}\n`);
      return 1;
    }
    log.fatal({ error: (e as Error).message }, 'failed to start');
    return 1;
  }
  return new Promise<number>((resolve) => {
    const stop = (signal: string) => {
      log.info({ signal }, 'signal received');
      daemon.stop().then(
        () => resolve(0),
        (e) => {
          log.error({ error: (e as Error).message }, 'unclean stop');
          resolve(1);
        },
      );
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`blockhostd: ${(e as Error).stack ?? e}\n`);
    process.exit(1);
  },
);

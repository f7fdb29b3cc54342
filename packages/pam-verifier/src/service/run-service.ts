/**
 * `blockhost-login-signer [--config <file>]`: the signing service process
 * (systemd unit). Reads the login config; HTTPS when a cert is configured.
 */
import { readFileSync } from 'node:fs';
import { createLoginLogger } from '../log.js';
import { type HelperRuntime, loadConfig } from '../pam/runtime.js';
import { ensureRunDir, pruneRunDir } from '../state/run-dir.js';
import { createRpcContractVerifier } from '../verify/contract-verifier.js';
import { startSigningService } from './signing-service.js';

export async function runSigningServiceMain(
  rt: HelperRuntime,
  onStarted?: (url: string, close: () => Promise<void>) => void,
): Promise<number> {
  const config = loadConfig(rt);
  if (config.isErr()) {
    process.stderr.write(`blockhost-login-signer: ${config.error.message}\n`);
    return 1;
  }
  const cfg = config.value;
  if (!cfg.signing.enabled) {
    process.stderr.write('blockhost-login-signer: signing.enabled is false in the config\n');
    return 1;
  }
  const dir = ensureRunDir(cfg.runDir);
  if (dir.isErr()) {
    process.stderr.write(`blockhost-login-signer: ${dir.error.message}\n`);
    return 1;
  }
  let tls: { cert: Buffer; key: Buffer } | undefined;
  if (cfg.signing.tlsCert && cfg.signing.tlsKey) {
    try {
      tls = { cert: readFileSync(cfg.signing.tlsCert), key: readFileSync(cfg.signing.tlsKey) };
    } catch (e) {
      process.stderr.write(
        `blockhost-login-signer: reading the TLS files: ${(e as Error).message}\n`,
      );
      return 1;
    }
  }
  const started = await startSigningService({
    runDir: cfg.runDir,
    port: cfg.signing.port,
    host: cfg.signing.listen,
    tls,
    log: createLoginLogger(cfg.log),
    now: rt.now,
    contractVerifier:
      cfg.rpcUrls.length > 0
        ? createRpcContractVerifier({
            rpcUrls: cfg.rpcUrls,
            chainId: cfg.chainId,
            timeoutMs: cfg.rpcTimeoutMs,
          })
        : undefined,
  });
  if (started.isErr()) {
    process.stderr.write(`blockhost-login-signer: ${started.error.message}\n`);
    return 1;
  }
  const service = started.value;
  process.stdout.write(`blockhost-login-signer: listening on ${service.url}\n`);
  // Abandoned sessions are removed by the helpers too; this covers quiet periods.
  const sweep = setInterval(
    () =>
      pruneRunDir(
        cfg.runDir,
        rt.now(),
        (cfg.challengeTtlSeconds + cfg.browserWaitSeconds + 60) * 1000,
      ),
    60_000,
  );
  sweep.unref();
  onStarted?.(service.url, service.close);
  return await new Promise<number>((resolve) => {
    const stop = () => {
      clearInterval(sweep);
      service.close().then(() => resolve(0));
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}

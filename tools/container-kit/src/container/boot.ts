/**
 * Boots a cached root as a system container: real systemd as PID 1 under
 * systemd-nspawn, cloud-init finding its NoCloud seed, the NIC a VM would
 * have. The cached root is never written: an overlay mount puts a per-boot
 * layer on top of it (measured here: the mount takes ~20 ms, `cp -a` of the
 * 307 MB VM template 1.6 s with a warm page cache), and that mount exists
 * only in a private mount namespace that dies with the container.
 *
 * `stop()` ends everything the boot started, by PID: the container (SIGKILL
 * to its PID 1 ends its PID namespace), nspawn, the apt relay and proxy, the
 * network namespace and veth pair, the temporary directory. It also runs
 * when the process exits without calling it, and the container is powered
 * off when this process dies outright (a watchdog reads our pipe).
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { errAsync, okAsync, ResultAsync } from 'neverthrow';
import { type AptProxy, startAptProxy } from '../apt/proxy.js';
import { type Relay, startRelay } from '../apt/relay.js';
import { type DebianMirrors, hostDebianMirrors } from '../debian/mirror.js';
import { ContainerKitError, requireRoot } from '../errors.js';
import { type BridgeNetwork, createBridgeNetwork } from '../net/bridge.js';
import { isAlive, run } from '../process/run.js';
import { defaultCacheDir } from '../roots/recipe.js';

/** The NoCloud seed, as PVE puts it on the `cidata` drive. */
export interface NoCloudSeed {
  userData: string;
  metaData: string;
  networkConfig?: string | undefined;
  vendorData?: string | undefined;
}

export interface ContainerFile {
  /** Absolute path in the container. */
  path: string;
  content: string;
  mode?: number | undefined;
}

export interface ContainerNetworkOptions {
  /** The NIC's MAC (PVE `net0`). */
  mac: string;
  /** The gateway side's addresses with prefix (`10.77.0.1/24`): the `ipconfig0` gateway. */
  gatewayAddresses: readonly string[];
  /**
   * apt in the container reaches the host's Debian mirror through the kit's
   * caching proxy on the first gateway address (default on).
   */
  aptProxy?: boolean | { cacheDir?: string; mirrors?: DebianMirrors; port?: number } | undefined;
}

export interface BootOptions {
  /** A root from `ensureRoot` (read-only to the container). */
  root: string;
  /** Written to /var/lib/cloud/seed/nocloud/, where cloud-init's NoCloud source looks. */
  seed?: NoCloudSeed | undefined;
  /** Without it the container has no network at all (only loopback). */
  network?: ContainerNetworkOptions | undefined;
  /** More files for this boot's layer. */
  files?: readonly ContainerFile[] | undefined;
  /** Machine name (the host name until something sets another). */
  name?: string | undefined;
  /** Where the temporary directory goes (default the system temp dir). */
  tmpDir?: string | undefined;
  /**
   * More systemd-nspawn options, each `--name` or `--name=value` (e.g.
   * `--bind=/dev/loop3` to give the container a block device, as a USB stick
   * or an attached ISO is on a real machine). They apply to every boot.
   */
  nspawnArgs?: readonly string[] | undefined;
  log?: ((line: string) => void) | undefined;
}

export interface ExecResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface ExecOptions {
  input?: string | undefined;
  timeoutMs?: number | undefined;
  /** Environment (besides PATH, HOME, LANG). */
  env?: Readonly<Record<string, string>> | undefined;
}

/** `cloud-init status --format json`, the parts tests look at. */
export interface CloudInitStatus {
  status: string;
  extendedStatus: string | undefined;
  datasource: string | undefined;
  errors: string[];
  recoverableErrors: Record<string, string[]>;
  /** The command's exit code: 0 done, 1 error, 2 done with recoverable errors. */
  exitCode: number | null;
  /** `cloud-init status --long` as printed. */
  long: string;
}

export interface Container {
  readonly name: string;
  /** The systemd-nspawn process. */
  readonly nspawnPid: number;
  /** The container's PID 1 (systemd), as seen from the host. */
  readonly leaderPid: number;
  /** This boot's temporary directory (layer, console log). */
  readonly dir: string;
  /** Everything the container printed on its console. */
  readonly consoleLog: string;
  readonly network: BridgeNetwork | undefined;
  readonly aptProxy: AptProxy | undefined;
  /** Runs `argv` inside the container (all its namespaces, its root), as root. */
  exec(argv: readonly string[], o?: ExecOptions): ResultAsync<ExecResult, ContainerKitError>;
  /** Waits for cloud-init to finish (`cloud-init status --wait`) and reports its status. */
  waitForCloudInit(timeoutMs: number): ResultAsync<CloudInitStatus, ContainerKitError>;
  /** Polls `argv` inside the container until it exits 0. */
  waitFor(
    what: string,
    argv: readonly string[],
    timeoutMs: number,
  ): ResultAsync<ExecResult, ContainerKitError>;
  /**
   * Powers the container off cleanly and boots it again on the same layer (a
   * VM's shutdown and start). Resolves true when the power-off was clean,
   * false when PID 1 had to be killed after `timeoutMs`.
   */
  restart(timeoutMs?: number): ResultAsync<boolean, ContainerKitError>;
  /**
   * Waits for the container to end by itself (`systemctl reboot` or
   * `poweroff` inside it: under nspawn both end the container) and boots it
   * again on the same layer, as the machine's firmware would after a reboot.
   * Resolves with how it ended (nspawn exits 133 after a reboot, 0 after a
   * power-off).
   */
  awaitReboot(timeoutMs?: number): ResultAsync<'reboot' | 'poweroff', ContainerKitError>;
  stop(): Promise<void>;
}

const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** apt's proxy setting for this boot (a site proxy, like apt-cacher-ng), not part of the root. */
export const APT_PROXY_CONF = '/etc/apt/apt.conf.d/00blockhost-test-proxy';

/**
 * A veth has no permanent MAC address, and netplan (the renderer of Debian 13
 * cloud images) matches NICs by `PermanentMACAddress=`, which a virtio NIC
 * has and a veth cannot: this boot-layer unit turns netplan's generated
 * matches into `MACAddress=` before systemd-networkd starts. Everything else
 * netplan rendered from the network config is used as is.
 */
export const VETH_MATCH_UNIT = 'blockhost-test-veth-match.service';
const VETH_MATCH_UNIT_TEXT = `[Unit]
Description=Test container: match netplan's NIC configs by MAC (a veth has no permanent MAC)
DefaultDependencies=no
After=cloud-init-local.service
Before=network-pre.target systemd-networkd.service sysinit.target

[Service]
Type=oneshot
ExecStart=/bin/sh -c 'for f in /run/systemd/network/*.network /run/systemd/network/*.link; do [ -f "$f" ] && sed -i "s/^PermanentMACAddress=/MACAddress=/" "$f"; done; true'
`;

let bootSeq = 0;

function childrenOf(pid: number): number[] {
  const kids: number[] = [];
  for (const n of readdirSync('/proc')) {
    if (!/^\d+$/.test(n)) continue;
    try {
      const stat = readFileSync(`/proc/${n}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) kids.push(Number(n));
    } catch {
      // exited meanwhile
    }
  }
  return kids;
}

/** The container's PID 1: nspawn's child running systemd in a PID namespace of its own. */
function findLeader(nspawnPid: number): number | undefined {
  const ours = readlinkSync('/proc/self/ns/pid');
  for (const c of childrenOf(nspawnPid)) {
    try {
      if (
        readFileSync(`/proc/${c}/comm`, 'utf8').trim() === 'systemd' &&
        readlinkSync(`/proc/${c}/ns/pid`) !== ours
      )
        return c;
    } catch {
      // exited meanwhile
    }
  }
  return undefined;
}

function writeLayerFile(upper: string, f: ContainerFile): void {
  if (!f.path.startsWith('/') || f.path.split('/').includes('..'))
    throw new ContainerKitError('container files', `expected an absolute path, got '${f.path}'`);
  const target = join(upper, f.path);
  mkdirSync(dirname(target), { recursive: true, mode: 0o755 });
  writeFileSync(target, f.content, { mode: f.mode ?? 0o644 });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function parseStatus(json: string, exitCode: number | null, long: string): CloudInitStatus {
  const j = JSON.parse(json) as Record<string, unknown>;
  return {
    status: String(j.status ?? ''),
    extendedStatus: j.extended_status === undefined ? undefined : String(j.extended_status),
    datasource: j.datasource === undefined ? undefined : String(j.datasource),
    errors: Array.isArray(j.errors) ? j.errors.map(String) : [],
    recoverableErrors: (j.recoverable_errors ?? {}) as Record<string, string[]>,
    exitCode,
    long,
  };
}

/**
 * Boot directories of kit processes that died without stop() (their layers
 * hold whatever the containers installed). Their mounts lived in namespaces
 * that died with those processes, so removing them touches nothing mounted.
 */
function reapStaleBootDirs(parent: string): void {
  for (const n of readdirSync(parent)) {
    const m = /^bhk-boot-(\d+)-/.exec(n);
    if (m && !isAlive(Number(m[1])))
      spawnSync('rm', ['-rf', '--one-file-system', join(parent, n)], { stdio: 'ignore' });
  }
}

export function bootContainer(o: BootOptions): ResultAsync<Container, ContainerKitError> {
  const notRoot = requireRoot('booting a container');
  if (notRoot) return errAsync(notRoot);
  const log = o.log ?? (() => {});
  const name = o.name ?? `bhk-${process.pid}-${++bootSeq}`;
  if (!/^[a-zA-Z0-9][a-zA-Z0-9-]{0,62}$/.test(name))
    return errAsync(
      new ContainerKitError('booting a container', `'${name}' is not a machine name`),
    );

  const parent = o.tmpDir ?? tmpdir();
  reapStaleBootDirs(parent);
  const dir = mkdtempSync(join(parent, `bhk-boot-${process.pid}-`));
  const upper = join(dir, 'upper');
  const work = join(dir, 'work');
  const merged = join(dir, 'merged');
  const consoleLog = join(dir, 'console.log');
  let network: BridgeNetwork | undefined;
  let proxy: AptProxy | undefined;
  let relay: Relay | undefined;
  let nspawnPid: number | undefined;
  let leaderPid: number | undefined;
  let watchdog: (() => void) | undefined;
  let nspawnExited: Promise<void> = Promise.resolve();
  /** systemd-nspawn's exit code of the last boot (133: the container rebooted). */
  let nspawnExitCode: number | null = null;
  let launchArgs: readonly string[] = [];
  let stopped = false;

  // Synchronous last resort when the process exits without stop().
  const onExit = () => {
    for (const pid of [leaderPid, nspawnPid, relay?.pid]) {
      if (pid) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // gone
        }
      }
    }
    if (network) spawnSync('ip', ['netns', 'del', network.netns], { stdio: 'ignore' });
    spawnSync('rm', ['-rf', '--one-file-system', dir], { stdio: 'ignore' });
  };
  process.on('exit', onExit);

  const stop = async () => {
    if (stopped) return;
    stopped = true;
    // First the watchdog (nspawn still runs, so its PID is still nspawn's), then PID 1.
    watchdog?.();
    if (leaderPid && isAlive(leaderPid)) {
      try {
        process.kill(leaderPid, 'SIGKILL');
      } catch {
        // gone
      }
    }
    if (nspawnPid && isAlive(nspawnPid)) {
      const gone = await Promise.race([
        nspawnExited.then(() => true),
        sleep(10_000).then(() => false),
      ]);
      if (!gone) {
        try {
          process.kill(nspawnPid, 'SIGKILL');
        } catch {
          // gone
        }
        await Promise.race([nspawnExited, sleep(5_000)]);
      }
    }
    relay?.stop();
    await proxy?.close();
    await network?.remove();
    // The overlay was mounted only in nspawn's private mount namespace, gone with it.
    await run('rm', ['-rf', '--one-file-system', dir], { timeoutMs: 120_000 });
    process.off('exit', onExit);
  };

  /** Starts nspawn on the overlay (in a private mount namespace) and finds the container's PID 1. */
  const launch = async (args: readonly string[]) => {
    leaderPid = undefined;
    // /sys read-only in nspawn's mount namespace: nspawn then does not wait for
    // udev (none runs on this host) to "initialise" the NIC it moves in.
    const script = [
      'mount -o remount,bind,ro /sys',
      'mount -t overlay overlay -o "lowerdir=$1,upperdir=$2,workdir=$3" "$4"',
      'shift 4',
      // Powers the container off when our end of stdin closes (this process died).
      // (A background job's stdin is /dev/null unless redirected: hence fd 3.)
      'exec 3<&0',
      '( read -r _ <&3 || true; [ "$(cat /proc/$$/comm 2>/dev/null)" = systemd-nspawn ] && kill -TERM $$ ) &',
      'exec systemd-nspawn "$@" </dev/null 3<&-',
    ].join('\n');
    const out = openSync(consoleLog, 'a');
    const child = spawn(
      'unshare',
      [
        '--mount',
        '--propagation',
        'private',
        '/bin/sh',
        '-ec',
        script,
        'sh',
        o.root,
        upper,
        work,
        merged,
        ...args,
      ],
      { stdio: ['pipe', out, out] },
    );
    closeSync(out);
    child.stdin?.on('error', () => {});
    watchdog = () => child.stdin?.end();
    nspawnPid = child.pid;
    nspawnExitCode = null;
    nspawnExited = new Promise((r) =>
      child.once('exit', (code) => {
        nspawnExitCode = code;
        r();
      }),
    );
    if (!nspawnPid) throw new ContainerKitError('booting a container', 'unshare could not start');
    log(`container ${name}: nspawn pid ${nspawnPid}, console ${consoleLog}`);

    const end = Date.now() + 60_000;
    while (!leaderPid) {
      leaderPid = findLeader(nspawnPid);
      if (leaderPid) break;
      if (!isAlive(nspawnPid) || Date.now() > end) {
        throw new ContainerKitError(
          'booting a container',
          'systemd-nspawn did not start the container',
          {
            details: readFileSync(consoleLog, 'utf8').slice(-3000),
          },
        );
      }
      await sleep(100);
    }
    log(`container ${name}: PID 1 is ${leaderPid}`);
  };

  /** Processes still in the mount namespace `ns` (`/proc/<pid>/ns/mnt` link text). */
  const inMountNs = (ns: string) =>
    readdirSync('/proc').some((n) => {
      if (!/^\d+$/.test(n)) return false;
      try {
        return readlinkSync(`/proc/${n}/ns/mnt`) === ns;
      } catch {
        return false;
      }
    });

  /** After the last boot's nspawn exited: the same layer, booted again. */
  const bootOnSameLayer = async (overlayNs: string) => {
    // The overlay may be mounted again only once its namespace is gone (the
    // watchdog of the last boot is the last process in it).
    watchdog?.();
    const end = Date.now() + 15_000;
    while (inMountNs(overlayNs)) {
      if (Date.now() > end)
        throw new ContainerKitError(
          'restarting a container',
          'the last boot’s mount namespace is still in use',
        );
      await sleep(50);
    }
    await network?.relink();
    await launch(launchArgs);
  };

  const awaitReboot = (timeoutMs = 120_000) =>
    ResultAsync.fromPromise(
      (async () => {
        if (stopped || !leaderPid || !nspawnPid)
          throw new ContainerKitError('awaiting a reboot', 'the container is not running');
        const overlayNs = readlinkSync(`/proc/${nspawnPid}/ns/mnt`);
        const ended = await Promise.race([
          nspawnExited.then(() => true),
          sleep(timeoutMs).then(() => false),
        ]);
        if (!ended)
          throw new ContainerKitError(
            'awaiting a reboot',
            `the container was still running after ${timeoutMs} ms`,
          );
        const code = nspawnExitCode;
        if (code !== 133 && code !== 0)
          throw new ContainerKitError(
            'awaiting a reboot',
            `systemd-nspawn exited ${code} (not a reboot or a power-off)`,
            { details: readFileSync(consoleLog, 'utf8').slice(-3000) },
          );
        await bootOnSameLayer(overlayNs);
        return code === 133 ? ('reboot' as const) : ('poweroff' as const);
      })(),
      (e) =>
        e instanceof ContainerKitError
          ? e
          : new ContainerKitError('awaiting a reboot', (e as Error).message, { cause: e }),
    );

  /**
   * A clean power-off (`systemctl poweroff`, as an ACPI shutdown would do) and
   * a new boot on the same layer: what a VM's suspend by shutdown and resume are.
   */
  const restart = (timeoutMs = 120_000) =>
    ResultAsync.fromPromise(
      (async () => {
        if (stopped || !leaderPid || !nspawnPid)
          throw new ContainerKitError('restarting a container', 'the container is not running');
        const overlayNs = readlinkSync(`/proc/${nspawnPid}/ns/mnt`);
        await exec(['systemctl', 'poweroff'], { timeoutMs: 30_000 });
        const off = await Promise.race([
          nspawnExited.then(() => true),
          sleep(timeoutMs).then(() => false),
        ]);
        if (!off) {
          try {
            process.kill(leaderPid, 'SIGKILL');
          } catch {
            // gone
          }
          await nspawnExited;
        }
        await bootOnSameLayer(overlayNs);
        return off;
      })(),
      (e) =>
        e instanceof ContainerKitError
          ? e
          : new ContainerKitError('restarting a container', (e as Error).message, { cause: e }),
    );

  const exec = (argv: readonly string[], eo: ExecOptions = {}) => {
    if (stopped || !leaderPid)
      return errAsync(new ContainerKitError(`exec ${argv[0]}`, 'the container is not running'));
    const env = Object.entries(eo.env ?? {}).map(([k, v]) => `${k}=${v}`);
    return ResultAsync.fromPromise(
      run(
        'nsenter',
        [
          '--target',
          String(leaderPid),
          '--all',
          '--root',
          '--wd',
          '--',
          '/usr/bin/env',
          '-i',
          `PATH=${PATH}`,
          'HOME=/root',
          'LANG=C.UTF-8',
          ...env,
          ...argv,
        ],
        { input: eo.input, timeoutMs: eo.timeoutMs ?? 120_000 },
      ),
      (e) => new ContainerKitError(`exec ${argv[0]}`, (e as Error).message, { cause: e }),
    ).andThen((r) =>
      r.timedOut
        ? errAsync(
            new ContainerKitError(
              `exec ${argv.join(' ').slice(0, 200)}`,
              `timed out after ${eo.timeoutMs ?? 120_000} ms`,
              {
                details: r.stderr.slice(-2000),
              },
            ),
          )
        : okAsync<ExecResult, ContainerKitError>({
            status: r.status,
            stdout: r.stdout,
            stderr: r.stderr,
          }),
    );
  };

  const waitFor = (what: string, argv: readonly string[], timeoutMs: number) =>
    ResultAsync.fromPromise(
      (async () => {
        const end = Date.now() + timeoutMs;
        let last: ExecResult | undefined;
        for (;;) {
          const r = await exec(argv, { timeoutMs: Math.max(5_000, end - Date.now()) });
          if (r.isErr()) throw r.error;
          last = r.value;
          if (last.status === 0) return last;
          if (Date.now() > end) {
            throw new ContainerKitError(`waiting for ${what}`, `not there after ${timeoutMs} ms`, {
              details: `${argv.join(' ')} exited ${last.status}: ${(last.stderr || last.stdout).slice(-1000)}`,
            });
          }
          await sleep(500);
        }
      })(),
      (e) =>
        e instanceof ContainerKitError
          ? e
          : new ContainerKitError(`waiting for ${what}`, String(e)),
    );

  const waitForCloudInit = (timeoutMs: number) =>
    exec(['cloud-init', 'status', '--wait', '--format', 'json'], { timeoutMs }).andThen((r) =>
      exec(['cloud-init', 'status', '--long'], { timeoutMs: 60_000 }).andThen((long) => {
        try {
          return okAsync<CloudInitStatus, ContainerKitError>(
            parseStatus(r.stdout, r.status, long.stdout),
          );
        } catch (e) {
          return errAsync(
            new ContainerKitError('cloud-init status', 'unreadable output', {
              details: `${r.stdout}${r.stderr}`.slice(-2000),
              cause: e,
            }),
          );
        }
      }),
    );

  return ResultAsync.fromPromise(
    (async (): Promise<Container> => {
      mkdirSync(upper, { mode: 0o755 });
      mkdirSync(work, { mode: 0o700 });
      mkdirSync(merged, { mode: 0o755 });
      if (o.seed) {
        const seedDir = '/var/lib/cloud/seed/nocloud';
        const s = o.seed;
        writeLayerFile(upper, { path: `${seedDir}/user-data`, content: s.userData, mode: 0o600 });
        writeLayerFile(upper, { path: `${seedDir}/meta-data`, content: s.metaData, mode: 0o600 });
        if (s.networkConfig !== undefined)
          writeLayerFile(upper, {
            path: `${seedDir}/network-config`,
            content: s.networkConfig,
            mode: 0o600,
          });
        if (s.vendorData !== undefined)
          writeLayerFile(upper, {
            path: `${seedDir}/vendor-data`,
            content: s.vendorData,
            mode: 0o600,
          });
      }
      for (const f of o.files ?? []) writeLayerFile(upper, f);

      const args = [
        '-D',
        merged,
        '-M',
        name,
        '--boot',
        '--register=no',
        '--keep-unit',
        '--resolv-conf=off',
        '--timezone=off',
        '--link-journal=no',
        '--console=read-only',
      ];
      for (const a of o.nspawnArgs ?? []) {
        if (!/^--[a-z][a-z-]*(=.*)?$/s.test(a))
          throw new ContainerKitError(
            'booting a container',
            `nspawnArgs: expected --name or --name=value, got '${a}'`,
          );
        args.push(a);
      }
      if (o.network) {
        const n = await createBridgeNetwork({
          mac: o.network.mac,
          gatewayAddresses: o.network.gatewayAddresses,
        });
        if (n.isErr()) throw n.error;
        network = n.value;
        args.push(`--network-interface=${network.containerInterface}`);
        writeLayerFile(upper, {
          path: `/etc/systemd/system/${VETH_MATCH_UNIT}`,
          content: VETH_MATCH_UNIT_TEXT,
        });
        mkdirSync(join(upper, 'etc/systemd/system/sysinit.target.wants'), { recursive: true });
        symlinkSync(
          `../${VETH_MATCH_UNIT}`,
          join(upper, 'etc/systemd/system/sysinit.target.wants', VETH_MATCH_UNIT),
        );
        const ap = o.network.aptProxy ?? true;
        if (ap) {
          const opts = typeof ap === 'object' ? ap : {};
          let mirrors = opts.mirrors;
          if (!mirrors) {
            const m = hostDebianMirrors();
            if (m.isErr()) throw m.error;
            mirrors = m.value;
          }
          const gw = o.network.gatewayAddresses.find((a) => !a.includes(':'))?.split('/')[0];
          if (!gw) throw new ContainerKitError('apt proxy', 'needs an IPv4 gateway address');
          const port = opts.port ?? 3142;
          proxy = await startAptProxy({
            socketPath: join(dir, 'apt-proxy.sock'),
            mirrors: [mirrors.debian, mirrors.security],
            cacheDir: opts.cacheDir ?? join(defaultCacheDir(), 'apt'),
          });
          relay = await startRelay({
            enter: network.onBridge([]),
            host: gw,
            port,
            socketPath: proxy.socketPath,
          });
          writeLayerFile(upper, {
            path: APT_PROXY_CONF,
            content: `Acquire::http::Proxy "http://${gw}:${port}/";\n`,
          });
        }
      }

      launchArgs = args;
      await launch(args);
      return {
        name,
        get nspawnPid() {
          return nspawnPid!;
        },
        get leaderPid() {
          return leaderPid!;
        },
        dir,
        consoleLog,
        network,
        aptProxy: proxy,
        exec,
        waitForCloudInit,
        waitFor,
        restart,
        awaitReboot,
        stop,
      };
    })(),
    (e) => e,
  ).orElse((e) =>
    ResultAsync.fromSafePromise(stop()).andThen(() =>
      errAsync(
        e instanceof ContainerKitError
          ? e
          : new ContainerKitError('booting a container', (e as Error).message, { cause: e }),
      ),
    ),
  );
}

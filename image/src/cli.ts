/**
 * `build-iso`: the command line of the ISO builder (image/build-iso.sh runs it).
 * Exit codes: 0 built (or answer valid), 1 an external tool failed on good
 * input, 2 a usage or input problem (named in the message; nothing written).
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ANSWER_DEFAULTS, type AnswerInput } from './answer/generate.js';
import { validateAnswer } from './answer/validate.js';
import { ASSISTANT_MODES, type AssistantMode } from './assistant.js';
import { type BuildFailure, type BuildIsoResult, buildIso } from './build-iso.js';
import { AnswerFileError, BuildError, formatProblem } from './errors.js';

export interface CliIo {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
}

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

const USAGE = `usage: build-iso.sh --pve-iso PATH [--testing] [--out DIR] [--packages DIR] [options]
       build-iso.sh --check-answer FILE

Builds blockhost_<version>.iso from a stock Proxmox VE ISO (8.3 or later) with
Proxmox's automated installation: answer.toml, auto-installer-mode.toml, the
first-boot hook and the BlockHost .deb packages are added at the ISO root.

  --pve-iso PATH               stock Proxmox VE ISO (read only, never changed)
  --out DIR                    output directory (default: build)
  --packages DIR               the BlockHost .deb files (default: build/packages)
  --testing                    root SSH with a key made now (private key beside the
                               ISO, never in it) and a generated root password
  --root-password-hash-file F  release builds: crypt(3) hash of the root password
                               (\`openssl passwd -6 > F\`)
  --root-ssh-key-file F        OpenSSH public keys for root, one a line (repeatable)
  --iso-version V              version in the file name (default: @blockhost/image's)
  --assistant auto|always|never  use proxmox-auto-install-assistant when on PATH
                               (auto, the default), require it, or never use it
  --answer-file FILE           a hand-written answer.toml instead of the options below
  --check-answer FILE          only validate an answer.toml, then exit

answer options (defaults in brackets):
  --fqdn NAME                  fixed host name [hostname from DHCP]
  --domain DOMAIN              domain when DHCP sends none [${ANSWER_DEFAULTS.domain}]
  --country CC [${ANSWER_DEFAULTS.country}]  --keyboard KB [${ANSWER_DEFAULTS.keyboard}]  --timezone TZ [${ANSWER_DEFAULTS.timezone}]
  --mailto ADDRESS [${ANSWER_DEFAULTS.mailto}]  --reboot-on-error  --reboot-mode reboot|power-off
  --cidr A/N --gateway IP --dns IP --nic-filter PROP=GLOB   static network [DHCP]
  --filesystem ext4|xfs|zfs|btrfs [${ANSWER_DEFAULTS.filesystem}]
  --disk NAME (repeatable) [${ANSWER_DEFAULTS.diskList.join(', ')}] | --disk-filter PROP=GLOB (repeatable)
  --disk-filter-match any|all
  --hdsize GIB  --swapsize GIB --maxroot GIB --maxvz GIB --minfree GIB   (ext4/xfs LVM)
  --zfs-raid LEVEL --zfs-ashift N --zfs-compress X --zfs-checksum X --zfs-copies N --zfs-arc-max MIB
  --btrfs-raid LEVEL --btrfs-compress X
  --first-boot-ordering network-online|fully-up [${ANSWER_DEFAULTS.firstBootOrdering}]
`;

const OPTIONS = {
  'pve-iso': { type: 'string' },
  out: { type: 'string' },
  packages: { type: 'string' },
  testing: { type: 'boolean' },
  'root-password-hash-file': { type: 'string' },
  'root-ssh-key-file': { type: 'string', multiple: true },
  'iso-version': { type: 'string' },
  assistant: { type: 'string' },
  'answer-file': { type: 'string' },
  'check-answer': { type: 'string' },
  fqdn: { type: 'string' },
  domain: { type: 'string' },
  country: { type: 'string' },
  keyboard: { type: 'string' },
  timezone: { type: 'string' },
  mailto: { type: 'string' },
  'reboot-on-error': { type: 'boolean' },
  'reboot-mode': { type: 'string' },
  cidr: { type: 'string' },
  gateway: { type: 'string' },
  dns: { type: 'string' },
  'nic-filter': { type: 'string', multiple: true },
  filesystem: { type: 'string' },
  disk: { type: 'string', multiple: true },
  'disk-filter': { type: 'string', multiple: true },
  'disk-filter-match': { type: 'string' },
  hdsize: { type: 'string' },
  swapsize: { type: 'string' },
  maxroot: { type: 'string' },
  maxvz: { type: 'string' },
  minfree: { type: 'string' },
  'zfs-raid': { type: 'string' },
  'zfs-ashift': { type: 'string' },
  'zfs-compress': { type: 'string' },
  'zfs-checksum': { type: 'string' },
  'zfs-copies': { type: 'string' },
  'zfs-arc-max': { type: 'string' },
  'btrfs-raid': { type: 'string' },
  'btrfs-compress': { type: 'string' },
  'first-boot-ordering': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; strict: true }>>['values'];

/** Options that shape a generated answer (refused together with --answer-file). */
const ANSWER_OPTIONS = Object.keys(OPTIONS).filter(
  (k) =>
    ![
      'pve-iso',
      'out',
      'packages',
      'testing',
      'iso-version',
      'assistant',
      'answer-file',
      'check-answer',
      'help',
    ].includes(k),
);

/** Which option sets an answer key, to point at it in messages. Longest prefix wins. */
const OPTION_FOR_KEY: readonly [string, string][] = [
  ['global.keyboard', '--keyboard'],
  ['global.country', '--country'],
  ['global.fqdn.domain', '--domain'],
  ['global.fqdn', '--fqdn'],
  ['global.mailto', '--mailto'],
  ['global.timezone', '--timezone'],
  ['global.root-password-hashed', '--root-password-hash-file'],
  ['global.root-ssh-keys', '--root-ssh-key-file'],
  ['global.reboot-mode', '--reboot-mode'],
  ['network.cidr', '--cidr'],
  ['network.gateway', '--gateway'],
  ['network.dns', '--dns'],
  ['network.filter', '--nic-filter'],
  ['disk-setup.filesystem', '--filesystem'],
  ['disk-setup.disk-list', '--disk'],
  ['disk-setup.filter-match', '--disk-filter-match'],
  ['disk-setup.filter', '--disk-filter'],
  ['disk-setup.lvm', '--hdsize/--swapsize/--maxroot/--maxvz/--minfree'],
  ['disk-setup.zfs.raid', '--zfs-raid'],
  ['disk-setup.zfs.ashift', '--zfs-ashift'],
  ['disk-setup.zfs.compress', '--zfs-compress'],
  ['disk-setup.zfs.checksum', '--zfs-checksum'],
  ['disk-setup.zfs.copies', '--zfs-copies'],
  ['disk-setup.zfs.arc-max', '--zfs-arc-max'],
  ['disk-setup.zfs', '--zfs-*'],
  ['disk-setup.btrfs.raid', '--btrfs-raid'],
  ['disk-setup.btrfs.compress', '--btrfs-compress'],
  ['disk-setup.btrfs', '--btrfs-*'],
  ['disk-setup', '--disk or --disk-filter'],
  ['first-boot.ordering', '--first-boot-ordering'],
];

export function optionForKey(key: string): string | undefined {
  const hit = OPTION_FOR_KEY.filter(
    ([k]) => key === k || key.startsWith(`${k}.`) || key.startsWith(`${k}[`),
  ).sort((a, b) => b[0].length - a[0].length)[0];
  return hit?.[1];
}

class UsageError extends Error {}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  return String(pkg.version);
}

function num(v: Values, name: keyof Values): number | undefined {
  const s = v[name];
  if (s === undefined) return undefined;
  const n = Number(s);
  if (typeof s !== 'string' || s.trim() === '' || !Number.isFinite(n)) {
    throw new UsageError(`--${name}: expected a number, got "${String(s)}"`);
  }
  return n;
}

function pairs(v: Values, name: 'nic-filter' | 'disk-filter'): Record<string, string> | undefined {
  const list = v[name];
  if (!list || list.length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const item of list) {
    const i = item.indexOf('=');
    if (i <= 0)
      throw new UsageError(
        `--${name} "${item}": expected UDEV_PROPERTY=GLOB, like ID_NET_NAME_MAC=*a0369f*`,
      );
    out[item.slice(0, i)] = item.slice(i + 1);
  }
  return out;
}

const defined = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined)) as Partial<T>;

function answerInput(v: Values): Omit<AnswerInput, 'rootPassword' | 'rootPasswordHashed'> {
  const filesystem = v.filesystem ?? ANSWER_DEFAULTS.filesystem;
  const hdsize = num(v, 'hdsize');
  const lvm = defined({
    hdsize: filesystem === 'ext4' || filesystem === 'xfs' ? hdsize : undefined,
    swapsize: num(v, 'swapsize'),
    maxroot: num(v, 'maxroot'),
    maxvz: num(v, 'maxvz'),
    minfree: num(v, 'minfree'),
  });
  const zfs = defined({
    raid: v['zfs-raid'],
    ashift: num(v, 'zfs-ashift'),
    compress: v['zfs-compress'],
    checksum: v['zfs-checksum'],
    copies: num(v, 'zfs-copies'),
    'arc-max': num(v, 'zfs-arc-max'),
    hdsize: filesystem === 'zfs' ? hdsize : undefined,
  });
  const btrfs = defined({
    raid: v['btrfs-raid'],
    compress: v['btrfs-compress'],
    hdsize: filesystem === 'btrfs' ? hdsize : undefined,
  });
  const nicFilter = pairs(v, 'nic-filter');
  const diskFilter = pairs(v, 'disk-filter');
  const isStatic = [v.cidr, v.gateway, v.dns, nicFilter].some((x) => x !== undefined);
  const disks = v.disk && v.disk.length > 0 ? v.disk : undefined;
  return {
    ...(v.fqdn !== undefined ? { fqdn: v.fqdn } : { domain: v.domain ?? ANSWER_DEFAULTS.domain }),
    country: v.country ?? ANSWER_DEFAULTS.country,
    keyboard: v.keyboard ?? ANSWER_DEFAULTS.keyboard,
    timezone: v.timezone ?? ANSWER_DEFAULTS.timezone,
    mailto: v.mailto ?? ANSWER_DEFAULTS.mailto,
    ...(v['reboot-on-error'] ? { rebootOnError: true } : {}),
    ...(v['reboot-mode'] !== undefined ? { rebootMode: v['reboot-mode'] } : {}),
    ...(isStatic
      ? {
          staticNetwork: defined({
            cidr: v.cidr,
            gateway: v.gateway,
            dns: v.dns,
            filter: nicFilter,
          }),
        }
      : {}),
    filesystem,
    ...(disks ? { diskList: disks } : {}),
    ...(diskFilter ? { diskFilter } : {}),
    ...(!disks && !diskFilter ? { diskList: [...ANSWER_DEFAULTS.diskList] } : {}),
    ...(v['disk-filter-match'] !== undefined ? { diskFilterMatch: v['disk-filter-match'] } : {}),
    lvm,
    zfs,
    btrfs,
    firstBootOrdering: v['first-boot-ordering'] ?? ANSWER_DEFAULTS.firstBootOrdering,
  };
}

function describe(e: BuildFailure): { code: number; text: string } {
  if (e instanceof AnswerFileError) {
    const generated = e.file.includes('(generated)');
    const lines = e.problems.map((p) => {
      const opt = generated ? optionForKey(p.key) : undefined;
      return `  ${formatProblem(p)}${opt ? ` (${opt})` : ''}`;
    });
    return { code: EXIT.usage, text: `${e.file}: invalid answer\n${lines.join('\n')}` };
  }
  const hint = e.hint ? `\n  hint: ${e.hint}` : '';
  return { code: e.kind === 'tool' ? EXIT.failed : EXIT.usage, text: `${e.shortMessage}${hint}` };
}

function gib(bytes: number): string {
  return bytes >= 2 ** 30
    ? `${(bytes / 2 ** 30).toFixed(2)} GiB`
    : `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

function summary(r: BuildIsoResult): string {
  const lines = [
    `built ${r.iso} (${gib(r.bytes)}, ${r.testing ? 'TESTING' : 'release'} build)`,
    `  added ${r.added.join(' ')}; volume-date UUID ${r.volumeDateUuid} kept`,
    `  ${r.usedAssistant ? `prepared with ${r.usedAssistant}` : 'prepared with xorriso (proxmox-auto-install-assistant not used)'}`,
  ];
  if (r.testing) {
    lines.push(
      '',
      'TESTING build: do not use in production.',
      `  root password: ${r.testPassword}`,
      `  root SSH key:  ${r.testKeyFile}   (ssh -i ${r.testKeyFile} root@HOST)`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let v: Values;
  try {
    v = parseArgs({
      args: [...argv],
      options: OPTIONS,
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    io.stderr(`build-iso: ${(e as Error).message}\n${USAGE}`);
    return EXIT.usage;
  }
  if (v.help) {
    io.stdout(USAGE);
    return EXIT.ok;
  }
  try {
    if (v['check-answer'] !== undefined) return await checkAnswer(v['check-answer'], io);
    if (!v['pve-iso']) throw new UsageError('--pve-iso PATH is required (a stock Proxmox VE ISO)');
    const assistant = (v.assistant ?? 'auto') as AssistantMode;
    if (!ASSISTANT_MODES.includes(assistant)) {
      throw new UsageError(`--assistant "${v.assistant}": expected auto, always or never`);
    }
    if (v.testing && v['root-password-hash-file'] !== undefined) {
      throw new UsageError(
        '--root-password-hash-file is for release builds: --testing generates a known root password',
      );
    }
    if (v['answer-file'] !== undefined) {
      const clash = ANSWER_OPTIONS.filter((k) => v[k as keyof Values] !== undefined);
      if (clash.length > 0) {
        throw new UsageError(
          `--answer-file cannot be combined with ${clash.map((k) => `--${k}`).join(', ')}`,
        );
      }
    }
    const result = await buildIso({
      pveIso: v['pve-iso'],
      outDir: v.out ?? 'build',
      packagesDir: v.packages ?? 'build/packages',
      version: v['iso-version'] ?? packageVersion(),
      testing: v.testing ?? false,
      assistant,
      answer:
        v['answer-file'] !== undefined
          ? { kind: 'file', path: v['answer-file'] }
          : {
              kind: 'options',
              input: answerInput(v),
              ...(v['root-password-hash-file']
                ? { rootPasswordHashFile: v['root-password-hash-file'] }
                : {}),
              ...(v['root-ssh-key-file'] ? { rootSshKeyFiles: v['root-ssh-key-file'] } : {}),
            },
      log: (line) => io.stderr(`build-iso: ${line}\n`),
    });
    if (result.isErr()) {
      const d = describe(result.error);
      io.stderr(`build-iso: ${d.text}\n`);
      return d.code;
    }
    io.stdout(summary(result.value));
    return EXIT.ok;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`build-iso: ${e.message}\n`);
      return EXIT.usage;
    }
    if (e instanceof BuildError) {
      io.stderr(`build-iso: ${describe(e).text}\n`);
      return describe(e).code;
    }
    throw e;
  }
}

async function checkAnswer(path: string, io: CliIo): Promise<number> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    io.stderr(
      `build-iso: --check-answer ${path}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}\n`,
    );
    return EXIT.usage;
  }
  const r = validateAnswer(text, { blockhost: true });
  if (r.isOk()) {
    io.stdout(`${path}: valid (Proxmox VE 9 rules and BlockHost's first-boot hook)\n`);
    return EXIT.ok;
  }
  io.stderr(`build-iso: ${describe(new AnswerFileError(path, r.error)).text}\n`);
  return EXIT.usage;
}

/**
 * The ISO step on synthetic "stock" ISOs made with xorriso: the built ISO's
 * added files read back byte-equal, its boot records and volume-date UUID are
 * the input's; bad input exits 2 with a message naming it and leaves no
 * partial ISO or temporary file; an interrupted build leaves nothing either.
 */
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderFirstBoot } from '../src/first-boot.js';
import { renderInstallerMode } from '../src/installer-mode.js';
import { sha256 } from '../src/packages.js';
import { DESCRIPTOR_AREA } from '../src/preserve.js';
import {
  extractAll,
  listTree,
  makeDeb,
  makeSyntheticIso,
  removeTempDirs,
  report,
  runTool,
  type SyntheticIso,
  sh,
  spawnTool,
  tempDir,
  writeHashFile,
} from './helpers.js';

const VERSION = '0.1.0';
const ISO_NAME = `blockhost_${VERSION}.iso`;

let dir: string;
let stock: SyntheticIso;
let debs: string;
let debFiles: string[];
let hashFile: string;

beforeAll(() => {
  dir = tempDir();
  stock = makeSyntheticIso(dir);
  debs = join(dir, 'debs');
  mkdirSync(debs);
  debFiles = [
    makeDeb(debs, 'blockhost-host', '0.1.0'),
    makeDeb(debs, 'blockhost-extra', '2.3~rc1'),
  ];
  hashFile = writeHashFile(dir);
});

afterAll(removeTempDirs);

const withAssistant = (assistant: string, out: string, ...extra: string[]) => [
  '--pve-iso',
  stock.path,
  '--out',
  out,
  '--packages',
  debs,
  '--iso-version',
  VERSION,
  '--assistant',
  assistant,
  ...extra,
];
const base = (out: string, ...extra: string[]) => withAssistant('never', out, ...extra);

/** Every ISO 9660 file path, sorted. */
const isoFiles = (iso: string) =>
  sh('xorriso', ['-indev', iso, '-find', '/', '-type', 'f'])
    .split('\n')
    .filter((l) => l.startsWith("'"))
    .map((l) => l.slice(1, -1))
    .sort();

const uuidOf = (iso: string) =>
  report(iso, '-report_system_area', 'cmd').match(/^-volume_date uuid '(\d+)'$/m)?.[1];

/** The El Torito entries firmware reads (the catalog itself moves to the new session). */
const bootEntries = (iso: string) =>
  report(iso, '-report_el_torito', 'plain')
    .split('\n')
    .filter((l) => /^El Torito (boot img|img path|img blks|images)/.test(l));

/** MBR and GPT partition lines (the protective-MBR summary depends on the image size). */
const partitionTable = (iso: string) =>
  report(iso, '-report_system_area', 'plain')
    .split('\n')
    .filter((l) => /^(MBR partition|GPT )/.test(l));

describe('a release build on a synthetic stock ISO', () => {
  let out: string;
  let run: Awaited<ReturnType<typeof runTool>>;
  let extracted: string;

  beforeAll(async () => {
    out = join(dir, 'out-release');
    run = await runTool(base(out, '--root-password-hash-file', hashFile));
    extracted = extractAll(join(out, ISO_NAME), join(dir, 'extracted-release'));
  });

  it('exits 0 and leaves only blockhost_<version>.iso in the output directory', () => {
    expect(run.stderr).not.toMatch(/FAILED|error/i);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`built ${join(out, ISO_NAME)}`);
    expect(run.stdout).toContain('release build');
    expect(readdirSync(out)).toEqual([ISO_NAME]);
  });

  it('has exactly the stock files plus the four added items', () => {
    const added = isoFiles(join(out, ISO_NAME)).filter((f) => !isoFiles(stock.path).includes(f));
    expect(added).toEqual([
      '/answer.toml',
      '/auto-installer-mode.toml',
      '/blockhost/SHA256SUMS',
      '/blockhost/packages/blockhost-extra_2.3~rc1_all.deb',
      '/blockhost/packages/blockhost-host_0.1.0_all.deb',
      '/proxmox-first-boot',
    ]);
    expect(isoFiles(join(out, ISO_NAME))).toEqual(expect.arrayContaining(isoFiles(stock.path)));
  });

  it('reads every added file back byte-equal', () => {
    for (const deb of debFiles) {
      const name = deb.split('/').pop()!;
      expect(
        readFileSync(join(extracted, 'blockhost/packages', name)).equals(readFileSync(deb)),
      ).toBe(true);
    }
    const sums = debFiles
      .map((f) => [f.split('/').pop()!, sha256(readFileSync(f))] as const)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([n, h]) => `${h}  packages/${n}\n`)
      .join('');
    expect(readFileSync(join(extracted, 'blockhost/SHA256SUMS'), 'utf8')).toBe(sums);
    expect(readFileSync(join(extracted, 'auto-installer-mode.toml'), 'utf8')).toBe(
      renderInstallerMode(),
    );
    const hook = renderFirstBoot({
      version: VERSION,
      testing: false,
      sumsSha256: sha256(sums),
    })._unsafeUnwrap();
    expect(readFileSync(join(extracted, 'proxmox-first-boot'), 'utf8')).toBe(hook);
    expect(statSync(join(extracted, 'proxmox-first-boot')).mode & 0o111).not.toBe(0);
    const answer = readFileSync(join(extracted, 'answer.toml'), 'utf8');
    expect(answer).toContain(`root-password-hashed = "${readFileSync(hashFile, 'utf8').trim()}"`);
    expect(answer).toMatch(/\[first-boot\]\nsource = "from-iso"/);
  });

  it('keeps the stock files, boot images included, byte-equal', () => {
    // Compared with the stock image's own copies: -boot-info-table patched the BIOS image there.
    const before = extractAll(stock.path, join(dir, 'extracted-stock'));
    expect(listTree(before).length).toBeGreaterThanOrEqual(listTree(stock.tree).length);
    for (const f of listTree(before)) {
      expect(readFileSync(join(extracted, f)).equals(readFileSync(join(before, f))), f).toBe(true);
    }
  });

  it('keeps the boot records and the volume-date UUID', () => {
    const iso = join(out, ISO_NAME);
    expect(uuidOf(stock.path)).toMatch(/^\d{16}$/);
    expect(uuidOf(iso)).toBe(uuidOf(stock.path));
    expect(bootEntries(stock.path)).toHaveLength(5); // header, BIOS + UEFI images, their paths
    expect(bootEntries(iso)).toEqual(bootEntries(stock.path));
    expect(partitionTable(stock.path).some((l) => l.includes('EFI boot partition'))).toBe(true);
    expect(partitionTable(iso)).toEqual(partitionTable(stock.path));
    // Every byte of the stock image is still there, the system area (MBR boot
    // code, GPT) included; only the volume descriptors (blocks 16–31) are new.
    const a = readFileSync(stock.path);
    const b = readFileSync(iso);
    expect(b.length).toBeGreaterThan(a.length);
    expect(b.subarray(0, DESCRIPTOR_AREA.start).equals(a.subarray(0, DESCRIPTOR_AREA.start))).toBe(
      true,
    );
    expect(b.subarray(DESCRIPTOR_AREA.end, a.length).equals(a.subarray(DESCRIPTOR_AREA.end))).toBe(
      true,
    );
    expect(b.subarray(0, 512).readUInt16LE(510)).toBe(0xaa55);
  });

  it('takes a hand-written answer file as it is', async () => {
    const answer = join(dir, 'hand-written.toml');
    writeFileSync(
      answer,
      `# my host\n[global]\nkeyboard = "de"\ncountry = "at"\nfqdn = "pve1.example.org"\nmailto = "ops@example.org"\ntimezone = "Europe/Vienna"\nroot-password-hashed = "${readFileSync(hashFile, 'utf8').trim()}"\n\n[network]\nsource = "from-dhcp"\n\n[disk-setup]\nfilesystem = "zfs"\nzfs.raid = "raid1"\ndisk-list = ["sda", "sdb"]\n\n[first-boot]\nsource = "from-iso"\nordering = "network-online"\n`,
    );
    const o = join(dir, 'out-hand');
    const r = await runTool(base(o, '--answer-file', answer));
    expect(r.code).toBe(0);
    const back = join(dir, 'hand-answer.toml');
    sh('xorriso', [
      '-osirrox',
      'on',
      '-indev',
      join(o, ISO_NAME),
      '-extract',
      '/answer.toml',
      back,
    ]);
    expect(readFileSync(back).equals(readFileSync(answer))).toBe(true);
  });
});

describe('bad input exits 2, names the problem and leaves no ISO or temporary file', () => {
  const cases: [string, () => string[], RegExp][] = [
    [
      'an ISO without /auto-installer-capable',
      () => ['--pve-iso', makeSyntheticIso(dir, { marker: false, name: 'old-pve' }).path],
      /--pve-iso .*old-pve\.iso: no \/auto-installer-capable marker/,
    ],
    [
      'a file that is not an ISO',
      () => {
        writeFileSync(join(dir, 'notes.iso'), 'not an image\n'.repeat(4000));
        return ['--pve-iso', join(dir, 'notes.iso')];
      },
      /--pve-iso .*notes\.iso: not an ISO 9660 image/,
    ],
    [
      'a missing ISO',
      () => ['--pve-iso', join(dir, 'nope.iso')],
      /--pve-iso .*nope\.iso: no such file/,
    ],
    [
      'a missing packages directory',
      () => ['--packages', join(dir, 'no-debs')],
      /--packages .*no-debs: no such directory/,
    ],
    [
      'a packages directory without .deb files',
      () => {
        mkdirSync(join(dir, 'empty-debs'), { recursive: true });
        return ['--packages', join(dir, 'empty-debs')];
      },
      /--packages .*empty-debs: no \.deb files/,
    ],
    [
      'a .deb that is not a Debian package',
      () => {
        const d = join(dir, 'fake-debs');
        mkdirSync(d, { recursive: true });
        writeFileSync(join(d, 'evil_1.0_all.deb'), 'MZ\x90\x00');
        return ['--packages', d];
      },
      /evil_1\.0_all\.deb: not a Debian package/,
    ],
    [
      'a release build without a root password hash',
      () => [],
      /a release build needs --root-password-hash-file FILE/,
    ],
    [
      'a missing hash file',
      () => ['--root-password-hash-file', join(dir, 'missing.hash')],
      /--root-password-hash-file .*missing\.hash: no such file/,
    ],
    [
      'an invalid answer option',
      () => ['--root-password-hash-file', hashFile, '--keyboard', 'qwerty'],
      /global\.keyboard: expected one of .* \(--keyboard\)/,
    ],
    [
      'an invalid hand-written answer',
      () => {
        writeFileSync(join(dir, 'bad.toml'), '[global]\nroot_password = "12345678"\n');
        return ['--answer-file', join(dir, 'bad.toml')];
      },
      /bad\.toml: invalid answer\n(.|\n)*global\.root_password: keys may not contain '_'/,
    ],
    [
      '--answer-file with answer options',
      () => ['--answer-file', join(dir, 'bad.toml'), '--keyboard', 'de'],
      /--answer-file cannot be combined with --keyboard/,
    ],
    [
      '--answer-file with --testing',
      () => ['--answer-file', join(dir, 'bad.toml'), '--testing'],
      /--answer-file cannot be combined with --testing/,
    ],
    [
      '--testing with a root password hash',
      () => ['--testing', '--root-password-hash-file', hashFile],
      /--root-password-hash-file is for release builds/,
    ],
    [
      '--assistant always without the assistant',
      () => ['--assistant', 'always', '--testing'],
      /proxmox-auto-install-assistant is not on PATH/,
    ],
    ['an unknown option', () => ['--pve-isos', 'x'], /Unknown option '--pve-isos'/],
    [
      'a non-numeric size',
      () => ['--testing', '--hdsize', 'big'],
      /--hdsize: expected a number, got "big"/,
    ],
  ];

  it.each(cases)('%s', async (_name, args, message) => {
    const out = join(dir, `out-${Math.random().toString(36).slice(2)}`);
    const extra = args();
    const merged = [...base(out), ...extra];
    // later options win: drop the base's value for options the case sets
    for (const opt of ['--pve-iso', '--packages', '--assistant']) {
      if (extra.includes(opt)) merged.splice(merged.indexOf(opt), 2);
    }
    const r = await runTool(merged);
    expect(r.stderr).toMatch(message);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(existsSync(out) ? listTree(out) : []).toEqual([]);
  });

  it('an unwritable output directory', async () => {
    const out = join(dir, 'readonly-out');
    mkdirSync(out);
    // root ignores permission bits: a read-only tmpfs stops root too
    const asRoot = process.getuid?.() === 0;
    if (asRoot) sh('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', out]);
    else chmodSync(out, 0o555);
    try {
      const r = await runTool(base(out, '--testing'));
      expect(r.stderr).toMatch(/--out .*readonly-out: not writable \((EROFS|EACCES)/);
      expect(r.code).toBe(2);
      expect(listTree(out)).toEqual([]);
    } finally {
      if (asRoot) sh('umount', [out]);
      else chmodSync(out, 0o755);
    }
  });

  it('an image whose boot partition the new session would overwrite: refused, the earlier ISO kept', async () => {
    const appended = makeSyntheticIso(dir, { appendedPartition: true, name: 'appended' });
    const out = join(dir, 'out-appended');
    mkdirSync(out);
    writeFileSync(join(out, ISO_NAME), 'an earlier build');
    const r = await runTool([...base(out, '--testing').slice(2), '--pve-iso', appended.path]);
    expect(r.stderr).toMatch(
      /adding files changed the stock image at byte \d+ \(block \d+\): its boot records would not survive/,
    );
    expect(r.code).toBe(2);
    expect(listTree(out)).toEqual([ISO_NAME]);
    expect(readFileSync(join(out, ISO_NAME), 'utf8')).toBe('an earlier build');
  });
});

/** Alive and not a zombie (an orphan's reaper may be slow to collect it). */
function running(pid: number): boolean {
  for (let i = 0; i < 50; i++) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      return false;
    }
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (state === 'Z' || state === 'X') return false;
    execFileSync('sleep', ['0.1']);
  }
  return true;
}

describe('an interrupted build', () => {
  it('SIGTERM while xorriso works: exit 143, no ISO, no temporary files, xorriso stopped', async () => {
    // A xorriso stand-in that blocks on the first -map (and records its PID), so the signal lands mid-build.
    const bin = join(dir, 'slow-bin');
    mkdirSync(bin);
    const ready = join(dir, 'slow-xorriso.pid');
    writeFileSync(
      join(bin, 'xorriso'),
      `#!/bin/sh\ncase " $* " in *" -map "*) echo $$ > '${ready}'; exec sleep 60 ;; esac\nexec /usr/bin/xorriso "$@"\n`,
      { mode: 0o755 },
    );
    const out = join(dir, 'out-interrupted');
    let blockedPid = 0;
    try {
      let poll: NodeJS.Timeout | undefined;
      const r = await spawnTool(base(out, '--testing'), {
        env: { ...process.env, PATH: `${bin}:${process.env['PATH']}` },
        onSpawn: (pid) => {
          poll = setInterval(() => {
            if (!existsSync(ready) || readFileSync(ready, 'utf8').trim() === '') return;
            clearInterval(poll);
            blockedPid = Number(readFileSync(ready, 'utf8'));
            process.kill(pid, 'SIGTERM');
          }, 50);
        },
      }).finally(() => clearInterval(poll));
      expect(blockedPid).toBeGreaterThan(0);
      expect(r.stderr).toContain('interrupted (SIGTERM); no ISO written');
      expect(r.code).toBe(143);
      expect(listTree(out)).toEqual([]);
      expect(running(blockedPid)).toBe(false); // the blocked xorriso was stopped too
    } finally {
      if (blockedPid) {
        try {
          process.kill(blockedPid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
  });
});

describe('proxmox-auto-install-assistant, when on PATH', () => {
  /**
   * A stand-in for the assistant (not installed here) that records its argv
   * and does what prepare-iso does with the spec's xorriso method, so the
   * rest of the build runs on its output.
   */
  function fakeAssistant(o: { refuse?: string } = {}): { bin: string; log: string } {
    const bin = join(dir, `assistant-bin-${Math.random().toString(36).slice(2)}`);
    mkdirSync(bin);
    const log = join(bin, 'calls.log');
    writeFileSync(
      join(bin, 'proxmox-auto-install-assistant'),
      `#!/bin/sh
printf '%s\\n' "$*" >> '${log}'
case "$1" in
validate-answer)
  ${o.refuse ? `echo '${o.refuse}' >&2; exit 1` : 'echo "The answer file was parsed successfully, no errors found!"'} ;;
prepare-iso)
  in=$2; shift 2
  while [ $# -gt 0 ]; do case "$1" in
    --answer-file) answer=$2 ;; --on-first-boot) hook=$2 ;; --output) out=$2 ;; --tmp) tmp=$2 ;; esac; shift 2; done
  uuid=$(xorriso -indev "$in" -report_system_area cmd 2>/dev/null | sed -n "s/^-volume_date uuid '\\(.*\\)'$/\\1/p")
  cp "$in" "$out"
  printf 'mode = "iso"\\npartition_label = "proxmox-ais"\\n\\n[http]\\n' > "$tmp/auto-installer-mode.toml"
  for pair in "$tmp/auto-installer-mode.toml:/auto-installer-mode.toml" "$answer:/answer.toml" "$hook:/proxmox-first-boot"; do
    xorriso -boot_image any keep -volume_date uuid "$uuid" -dev "$out" -map "\${pair%%:*}" "\${pair#*:}" >/dev/null 2>&1 || exit 1
  done ;;
esac
`,
      { mode: 0o755 },
    );
    return { bin, log };
  }

  async function withPath<T>(bin: string, f: () => Promise<T>): Promise<T> {
    const saved = process.env['PATH'];
    process.env['PATH'] = `${bin}:${saved}`;
    try {
      return await f();
    } finally {
      process.env['PATH'] = saved;
    }
  }

  it('validates with it, prepares with it, then adds /blockhost the same way', async () => {
    const { bin, log } = fakeAssistant();
    const out = join(dir, 'out-assistant');
    const r = await withPath(bin, () => runTool(withAssistant('auto', out, '--testing')));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`prepared with ${join(bin, 'proxmox-auto-install-assistant')}`);
    const calls = readFileSync(log, 'utf8').trim().split('\n');
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatch(/^validate-answer \S+\/answer\.toml$/);
    expect(calls[1]).toMatch(
      new RegExp(
        `^prepare-iso ${stock.path} --fetch-from iso --answer-file \\S+/answer\\.toml --on-first-boot \\S+/proxmox-first-boot --tmp \\S+ --output \\S+$`,
      ),
    );
    const iso = join(out, ISO_NAME);
    expect(isoFiles(iso)).toEqual(
      expect.arrayContaining(['/answer.toml', '/proxmox-first-boot', '/blockhost/SHA256SUMS']),
    );
    expect(uuidOf(iso)).toBe(uuidOf(stock.path));
    expect(readdirSync(out).sort()).toEqual([
      ISO_NAME,
      `${ISO_NAME}.test-key`,
      `${ISO_NAME}.test-key.pub`,
      `${ISO_NAME}.test-password`,
    ]);
  });

  it('its refusal of the answer file is exit 2 with its words, and nothing is left', async () => {
    const { bin } = fakeAssistant({
      refuse: 'Error parsing answer file: unknown field `frobnicate`',
    });
    const out = join(dir, 'out-assistant-refused');
    const r = await withPath(bin, () => runTool(withAssistant('always', out, '--testing')));
    expect(r.stderr).toMatch(
      /validate-answer refused the answer file: Error parsing answer file: unknown field `frobnicate`/,
    );
    expect(r.code).toBe(2);
    expect(listTree(out)).toEqual([]);
  });
});

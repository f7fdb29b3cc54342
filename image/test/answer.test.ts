/**
 * answer.toml and auto-installer-mode.toml: valid files pass, each rule of
 * Proxmox's automated installer (and BlockHost's own) broken once fails with
 * the key named; the generator's output passes its own validator.
 */
import { describe, expect, it } from 'vitest';
import { ANSWER_DEFAULTS, type AnswerInput, generateAnswer } from '../src/answer/generate.js';
import { renderAnswer } from '../src/answer/render.js';
import { validateAnswer } from '../src/answer/validate.js';
import { optionForKey } from '../src/cli.js';
import { renderInstallerMode, validateInstallerMode } from '../src/installer-mode.js';

const HASH = '$y$j9T$343s9MNhV4xZhW1Be6J6H1$rIxofnXWmp0FQGGIPO3BRwb1jK4ZXWaxT7OjhHJmum0';
const KEY =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOvNq7q0Jm7ZpX3mQ5M1fG8y2f3Lwz0b4XgqJc8b8q0a op@laptop';

const GLOBAL = `[global]
keyboard = "de"
country = "at"
fqdn = "pveauto.testinstall"
mailto = "mail@no.invalid"
timezone = "Europe/Vienna"
root-password = "12345678"
`;
const NETWORK = `[network]
source = "from-dhcp"
`;
const DISKS = `[disk-setup]
filesystem = "ext4"
disk-list = ["sda"]
`;
const FIRST_BOOT = `[first-boot]
source = "from-iso"
ordering = "fully-up"
`;
const MINIMAL = `${GLOBAL}\n${NETWORK}\n${DISKS}`;
const BLOCKHOST = `${MINIMAL}\n${FIRST_BOOT}`;

const valid: [string, string][] = [
  ['the installer test suite minimal file', MINIMAL],
  ['with the BlockHost first-boot hook', BLOCKHOST],
  [
    'hashed password, keys, reboot settings, fqdn from DHCP',
    BLOCKHOST.replace('root-password = "12345678"', `root-password-hashed = "${HASH}"`)
      .replace(
        'fqdn = "pveauto.testinstall"',
        'fqdn = { source = "from-dhcp", domain = "example.org" }',
      )
      .replace(
        '[network]',
        `reboot-on-error = true\nreboot-mode = "power-off"\nroot-ssh-keys = ["${KEY}"]\n\n[network]`,
      ),
  ],
  [
    'static network with a NIC filter and interface pinning',
    BLOCKHOST.replace(
      NETWORK,
      `[network]
source = "from-answer"
cidr = "10.10.10.10/24"
dns = "10.10.10.1"
gateway = "10.10.10.1"
filter.ID_NET_NAME_MAC = "*a0369f0ab382"

[network.interface-name-pinning]
enabled = true

[network.interface-name-pinning.mapping]
"24:8a:07:1e:05:bc" = "lan0"
"b4:2e:99:ac:ad:b4" = "mgmt"
`,
    ),
  ],
  [
    'zfs raid1 with every zfs option',
    BLOCKHOST.replace(
      DISKS,
      `[disk-setup]
filesystem = "zfs"
zfs.raid = "raid1"
zfs.ashift = 12
zfs.checksum = "on"
zfs.compress = "lz4"
zfs.copies = 2
zfs.hdsize = 80
zfs.arc-max = 2048
disk-list = ["sda", "sdb"]
`,
    ),
  ],
  [
    'btrfs (upper-case RAID alias) on a disk filter',
    BLOCKHOST.replace(
      DISKS,
      `[disk-setup]
filesystem = "btrfs"
btrfs.raid = "RAID1"
btrfs.compress = "zstd"
filter.ID_MODEL = "Samsung*"
filter-match = "all"
`,
    ),
  ],
  [
    'ext4 with LVM sizes',
    BLOCKHOST.replace(
      'disk-list = ["sda"]',
      'disk-list = ["nvme0n1"]\nlvm.hdsize = 64\nlvm.swapsize = 8.5\nlvm.maxroot = 32\nlvm.maxvz = 0\nlvm.minfree = 4',
    ),
  ],
  [
    'a post-installation webhook',
    `${BLOCKHOST}\n[post-installation-webhook]\nurl = "https://hooks.example.org/pve"\n`,
  ],
];

describe('valid answer files pass', () => {
  it.each(valid)('%s', (_name, text) => {
    const r = validateAnswer(text, { blockhost: text.includes('[first-boot]') });
    expect(r.isOk() ? [] : r.error).toEqual([]);
  });

  it('parses into the typed model', () => {
    const a = validateAnswer(valid[3]![1]!)._unsafeUnwrap();
    expect(a.network).toEqual({
      source: 'from-answer',
      cidr: '10.10.10.10/24',
      dns: '10.10.10.1',
      gateway: '10.10.10.1',
      filter: { ID_NET_NAME_MAC: '*a0369f0ab382' },
      interfaceNamePinning: {
        enabled: true,
        mapping: { '24:8a:07:1e:05:bc': 'lan0', 'b4:2e:99:ac:ad:b4': 'mgmt' },
      },
    });
    expect(a.firstBoot).toEqual({ source: 'from-iso', ordering: 'fully-up' });
    const z = validateAnswer(valid[4]![1]!)._unsafeUnwrap();
    expect(z.diskSetup.zfs).toEqual({
      raid: 'raid1',
      ashift: 12,
      checksum: 'on',
      compress: 'lz4',
      copies: 2,
      hdsize: 80,
      arcMax: 2048,
    });
  });

  it('renders the model back to a file that parses to the same model', () => {
    for (const [, text] of valid) {
      const a = validateAnswer(text)._unsafeUnwrap();
      expect(validateAnswer(renderAnswer(a))._unsafeUnwrap()).toEqual(a);
    }
  });
});

/**
 * [rule, the file, the key the one problem must name, what the message says,
 * checked without BlockHost's rules]. */
const broken: [string, string, string, RegExp, boolean?][] = [
  ['TOML syntax', `${BLOCKHOST}\nbroken = \n`, 'line 20', /invalid TOML/],
  ['unknown section', `${BLOCKHOST}\n[extras]\nx = 1\n`, 'extras', /unknown key/],
  [
    'unknown key in [global]',
    BLOCKHOST.replace('[network]', 'hostname = "x"\n\n[network]'),
    'global.hostname',
    /unknown key/,
  ],
  [
    "'_' in a key (PVE 9)",
    BLOCKHOST.replace('[network]', 'reboot_on_error = true\n\n[network]'),
    'global.reboot_on_error',
    /keys may not contain '_' \(Proxmox VE 9\); use 'reboot-on-error'/,
  ],
  [
    "'_' in a nested key",
    BLOCKHOST.replace('lvm', 'lvm').replace(
      'disk-list = ["sda"]',
      'disk-list = ["sda"]\nlvm.max_root = 3',
    ),
    'disk-setup.lvm.max_root',
    /'_'/,
  ],
  ['[global] missing', `${NETWORK}\n${DISKS}\n${FIRST_BOOT}`, 'global', /required section/],
  ['[network] missing', `${GLOBAL}\n${DISKS}\n${FIRST_BOOT}`, 'network', /required section/],
  [
    '[disk-setup] missing',
    `${GLOBAL}\n${NETWORK}\n${FIRST_BOOT}`,
    'disk-setup',
    /required section/,
  ],
  ['keyboard missing', BLOCKHOST.replace('keyboard = "de"\n', ''), 'global.keyboard', /required/],
  [
    'keyboard unknown',
    BLOCKHOST.replace('keyboard = "de"', 'keyboard = "us"'),
    'global.keyboard',
    /expected one of .*"en-us"/,
  ],
  ['country missing', BLOCKHOST.replace('country = "at"\n', ''), 'global.country', /required/],
  [
    'country not a code',
    BLOCKHOST.replace('country = "at"', 'country = "Austria"'),
    'global.country',
    /two-letter/,
  ],
  [
    'country unknown',
    BLOCKHOST.replace('country = "at"', 'country = "qq"'),
    'global.country',
    /two-letter/,
  ],
  [
    'fqdn missing',
    BLOCKHOST.replace('fqdn = "pveauto.testinstall"\n', ''),
    'global.fqdn',
    /required/,
  ],
  [
    'fqdn a bare hostname',
    BLOCKHOST.replace('fqdn = "pveauto.testinstall"', 'fqdn = "foobar"'),
    'global.fqdn',
    /fully-qualified/,
  ],
  [
    'fqdn from an unknown source',
    BLOCKHOST.replace('fqdn = "pveauto.testinstall"', 'fqdn.source = "from-file"'),
    'global.fqdn.source',
    /"from-dhcp"/,
  ],
  [
    'mailto missing',
    BLOCKHOST.replace('mailto = "mail@no.invalid"\n', ''),
    'global.mailto',
    /required/,
  ],
  [
    'mailto not an address',
    BLOCKHOST.replace('mail@no.invalid', 'admin'),
    'global.mailto',
    /e-mail/,
  ],
  [
    'mailto the placeholder',
    BLOCKHOST.replace('mail@no.invalid', 'mail@example.invalid'),
    'global.mailto',
    /e-mail/,
  ],
  [
    'timezone missing',
    BLOCKHOST.replace('timezone = "Europe/Vienna"\n', ''),
    'global.timezone',
    /required/,
  ],
  [
    'timezone unknown',
    BLOCKHOST.replace('Europe/Vienna', 'Europe/Atlantis'),
    'global.timezone',
    /Europe\/Vienna/,
  ],
  [
    'no root password',
    BLOCKHOST.replace('root-password = "12345678"\n', ''),
    'global.root-password',
    /exactly one .* found neither/,
  ],
  [
    'password and hash',
    BLOCKHOST.replace(
      'root-password = "12345678"',
      `root-password = "12345678"\nroot-password-hashed = "${HASH}"`,
    ),
    'global.root-password',
    /exactly one .* found both/,
  ],
  [
    'password too short',
    BLOCKHOST.replace('"12345678"', '"1234567"'),
    'global.root-password',
    /at least 8/,
  ],
  [
    'hash not a crypt hash',
    BLOCKHOST.replace('root-password = "12345678"', 'root-password-hashed = "secret"'),
    'global.root-password-hashed',
    /crypt/,
  ],
  [
    'ssh key not a key',
    BLOCKHOST.replace('[network]', 'root-ssh-keys = ["hello"]\n\n[network]'),
    'global.root-ssh-keys[0]',
    /OpenSSH/,
  ],
  [
    'reboot-mode unknown',
    BLOCKHOST.replace('[network]', 'reboot-mode = "halt"\n\n[network]'),
    'global.reboot-mode',
    /"power-off"/,
  ],
  [
    'reboot-on-error not a boolean',
    BLOCKHOST.replace('[network]', 'reboot-on-error = "yes"\n\n[network]'),
    'global.reboot-on-error',
    /true or false/,
  ],
  [
    'network source unknown',
    BLOCKHOST.replace('source = "from-dhcp"', 'source = "from-iso"'),
    'network.source',
    /"from-answer"/,
  ],
  [
    'static network without cidr',
    BLOCKHOST.replace(
      NETWORK,
      '[network]\nsource = "from-answer"\ndns = "10.0.0.1"\ngateway = "10.0.0.1"\nfilter.ID_NET_NAME = "eno1"\n',
    ),
    'network.cidr',
    /required/,
  ],
  [
    'cidr prefix 33',
    BLOCKHOST.replace(
      NETWORK,
      '[network]\nsource = "from-answer"\ncidr = "10.10.10.10/33"\ndns = "10.0.0.1"\ngateway = "10.0.0.1"\nfilter.ID_NET_NAME = "eno1"\n',
    ),
    'network.cidr',
    /prefix length/,
  ],
  [
    'gateway not an address',
    BLOCKHOST.replace(
      NETWORK,
      '[network]\nsource = "from-answer"\ncidr = "10.0.0.5/24"\ndns = "10.0.0.1"\ngateway = "router"\nfilter.ID_NET_NAME = "eno1"\n',
    ),
    'network.gateway',
    /not an IP/,
  ],
  [
    'static network without a filter',
    BLOCKHOST.replace(
      NETWORK,
      '[network]\nsource = "from-answer"\ncidr = "10.0.0.5/24"\ndns = "10.0.0.1"\ngateway = "10.0.0.1"\n',
    ),
    'network.filter',
    /required/,
  ],
  [
    'static keys with DHCP',
    BLOCKHOST.replace(NETWORK, '[network]\nsource = "from-dhcp"\ndns = "10.0.0.1"\n'),
    'network.dns',
    /only used with source = "from-answer"/,
  ],
  [
    'pinned name too long',
    BLOCKHOST.replace(
      NETWORK,
      '[network]\ninterface-name-pinning.enabled = true\n\n[network.interface-name-pinning.mapping]\n"ab:cd:ef:12:34:56" = "waytoolonginterfacename"\n',
    ),
    'network.interface-name-pinning.mapping."ab:cd:ef:12:34:56"',
    /2–15 characters/,
  ],
  [
    'filesystem missing',
    BLOCKHOST.replace('filesystem = "ext4"\n', ''),
    'disk-setup.filesystem',
    /required/,
  ],
  ['filesystem unknown', BLOCKHOST.replace('"ext4"', '"ntfs"'), 'disk-setup.filesystem', /"btrfs"/],
  [
    'neither disk-list nor filter',
    BLOCKHOST.replace('disk-list = ["sda"]\n', ''),
    'disk-setup',
    /exactly one of disk-list or filter, found neither/,
  ],
  [
    'both disk-list and filter',
    BLOCKHOST.replace('disk-list = ["sda"]', 'disk-list = ["sda"]\nfilter.ID_SERIAL = "*"'),
    'disk-setup',
    /exactly one of disk-list or filter, found both/,
  ],
  [
    'ext4 on two disks',
    BLOCKHOST.replace('["sda"]', '["sda", "sdb"]'),
    'disk-setup.disk-list',
    /one disk, got 2/,
  ],
  [
    'zfs options with ext4',
    BLOCKHOST.replace('disk-list = ["sda"]', 'disk-list = ["sda"]\nzfs.raid = "raid0"'),
    'disk-setup.zfs',
    /only lvm options/,
  ],
  [
    'swap over half the disk',
    BLOCKHOST.replace(
      'disk-list = ["sda"]',
      'disk-list = ["sda"]\nlvm.swapsize = 16.01\nlvm.hdsize = 32',
    ),
    'disk-setup.lvm.swapsize',
    /at most hdsize \/ 2 \(16 GiB\)/,
  ],
  [
    'lvm size not a number',
    BLOCKHOST.replace('disk-list = ["sda"]', 'disk-list = ["sda"]\nlvm.hdsize = "big"'),
    'disk-setup.lvm.hdsize',
    /number/,
  ],
  [
    'unknown lvm option',
    BLOCKHOST.replace('disk-list = ["sda"]', 'disk-list = ["sda"]\nlvm.thin = 3'),
    'disk-setup.lvm.thin',
    /unknown key/,
  ],
  [
    'zfs without raid',
    BLOCKHOST.replace('filesystem = "ext4"', 'filesystem = "zfs"'),
    'disk-setup.zfs.raid',
    /required/,
  ],
  [
    'zfs raid10 on one disk',
    BLOCKHOST.replace('filesystem = "ext4"', 'filesystem = "zfs"\nzfs.raid = "raid10"'),
    'disk-setup.disk-list',
    /raid10 needs at least 4 disks, got 1/,
  ],
  [
    'zfs ashift a float',
    BLOCKHOST.replace(
      'filesystem = "ext4"\ndisk-list = ["sda"]',
      'filesystem = "zfs"\nzfs.raid = "raid0"\nzfs.ashift = 12.0\ndisk-list = ["sda"]',
    ),
    'disk-setup.zfs.ashift',
    /integer/,
  ],
  [
    'btrfs raid1 on one disk',
    BLOCKHOST.replace('filesystem = "ext4"', 'filesystem = "btrfs"\nbtrfs.raid = "raid1"'),
    'disk-setup.disk-list',
    /raid1 needs at least 2 disks/,
  ],
  [
    'duplicate disk',
    BLOCKHOST.replace(
      'filesystem = "ext4"\ndisk-list = ["sda"]',
      'filesystem = "zfs"\nzfs.raid = "raid0"\ndisk-list = ["sda", "sdb", "sda"]',
    ),
    'disk-setup.disk-list',
    /duplicate disk "sda"/,
  ],
  [
    'filter-match unknown',
    BLOCKHOST.replace('disk-list = ["sda"]', 'filter.ID_SERIAL = "x*"\nfilter-match = "some"'),
    'disk-setup.filter-match',
    /"all"/,
  ],
  [
    'first-boot without source',
    BLOCKHOST.replace('source = "from-iso"\n', ''),
    'first-boot.source',
    /required/,
  ],
  [
    'first-boot from-url without url',
    BLOCKHOST.replace('"from-iso"', '"from-url"'),
    'first-boot.url',
    /required/,
    true,
  ],
  [
    'first-boot ordering unknown',
    BLOCKHOST.replace('"fully-up"', '"late"'),
    'first-boot.ordering',
    /"network-online"/,
  ],
  [
    'webhook without url',
    `${BLOCKHOST}\n[post-installation-webhook]\ncert-fingerprint = "ab"\n`,
    'post-installation-webhook.url',
    /required/,
  ],
  // BlockHost's own rules (the hook on the ISO must run, with the network up).
  ['BlockHost: no [first-boot]', MINIMAL, 'first-boot', /required for BlockHost/],
  [
    'BlockHost: hook from a URL',
    BLOCKHOST.replace('source = "from-iso"', 'source = "from-url"\nurl = "https://x.example/h"'),
    'first-boot.source',
    /must be "from-iso"/,
  ],
  [
    'BlockHost: hook before the network',
    BLOCKHOST.replace('"fully-up"', '"before-network"'),
    'first-boot.ordering',
    /nodejs/,
  ],
];

describe('each rule broken once fails, naming the key', () => {
  it.each(broken)('%s', (_rule, text, key, message, plain) => {
    const r = validateAnswer(text, { blockhost: !plain });
    expect(r.isErr()).toBe(true);
    const problems = r._unsafeUnwrapErr();
    expect(problems.map((p) => p.key)).toEqual([key]);
    expect(problems[0]!.message).toMatch(message);
  });

  it('reports every problem of a file in one pass', () => {
    const text = BLOCKHOST.replace('keyboard = "de"', 'keyboard = "xx"')
      .replace('"12345678"', '"123"')
      .replace('disk-list = ["sda"]\n', '');
    const keys = validateAnswer(text)
      ._unsafeUnwrapErr()
      .map((p) => p.key);
    expect(keys).toEqual(['global.keyboard', 'global.root-password', 'disk-setup']);
  });

  it('leaves udev filter properties (which use _) alone', () => {
    const text = BLOCKHOST.replace('disk-list = ["sda"]', 'filter.ID_WWN_WITH_EXTENSION = "0x5*"');
    expect(validateAnswer(text, { blockhost: true }).isOk()).toBe(true);
  });
});

const INPUT: AnswerInput = {
  ...ANSWER_DEFAULTS,
  diskList: [...ANSWER_DEFAULTS.diskList],
  rootPasswordHashed: HASH,
};

describe('generated answer files', () => {
  it('the defaults give a valid BlockHost answer', () => {
    const g = generateAnswer(INPUT, ['header line'])._unsafeUnwrap();
    expect(g.text.startsWith('# header line\n')).toBe(true);
    expect(g.answer).toEqual({
      global: {
        keyboard: 'en-us',
        country: 'us',
        fqdn: { source: 'from-dhcp', domain: 'home.arpa' },
        mailto: 'root@localhost',
        timezone: 'UTC',
        rootPasswordHashed: HASH,
      },
      network: { source: 'from-dhcp' },
      diskSetup: { filesystem: 'ext4', diskList: ['sda'] },
      firstBoot: { source: 'from-iso', ordering: 'fully-up' },
    });
    expect(g.text).not.toContain('_');
  });

  it('renders every option kebab-case and keeps integers integers', () => {
    const g = generateAnswer({
      ...INPUT,
      fqdn: 'host.example.org',
      rootSshKeys: [KEY],
      rebootOnError: true,
      rebootMode: 'power-off',
      staticNetwork: {
        cidr: '192.0.2.10/24',
        gateway: '192.0.2.1',
        dns: '192.0.2.53',
        filter: { ID_NET_NAME_MAC: '*0ab382' },
      },
      filesystem: 'zfs',
      diskList: ['sda', 'sdb'],
      zfs: { raid: 'raid1', ashift: 12, 'arc-max': 4096, compress: 'zstd', hdsize: 100.5 },
      firstBootOrdering: 'network-online',
    })._unsafeUnwrap();
    expect(g.text).toMatch(/^ashift = 12$/m);
    expect(g.text).toMatch(/^arc-max = 4096$/m);
    expect(g.text).toMatch(/^hdsize = 100\.5$/m);
    expect(g.answer.global.rootSshKeys).toEqual([KEY]);
    expect(g.answer.network.source).toBe('from-answer');
    expect(g.answer.firstBoot?.ordering).toBe('network-online');
  });

  it.each([
    ['keyboard', { keyboard: 'us' }, 'global.keyboard', '--keyboard'],
    ['mailto', { mailto: 'nobody' }, 'global.mailto', '--mailto'],
    ['timezone', { timezone: 'Mars/Olympus' }, 'global.timezone', '--timezone'],
    [
      'half a static network',
      { staticNetwork: { cidr: '192.0.2.10/24', gateway: '192.0.2.1', dns: '192.0.2.53' } },
      'network.filter',
      '--nic-filter',
    ],
    ['ext4 on two disks', { diskList: ['sda', 'sdb'] }, 'disk-setup.disk-list', '--disk'],
    [
      'zfs without a level',
      { filesystem: 'zfs', zfs: { ashift: 12 } },
      'disk-setup.zfs.raid',
      '--zfs-raid',
    ],
    [
      'zfs ashift 12.5',
      { filesystem: 'zfs', zfs: { raid: 'raid0', ashift: 12.5 } },
      'disk-setup.zfs.ashift',
      '--zfs-ashift',
    ],
    [
      'ordering before the network',
      { firstBootOrdering: 'before-network' },
      'first-boot.ordering',
      '--first-boot-ordering',
    ],
  ] as [string, Partial<AnswerInput>, string, string][])(
    'a bad option (%s) comes back as the answer key and its option',
    (_n, change, key, option) => {
      const problems = generateAnswer({ ...INPUT, ...change })._unsafeUnwrapErr();
      expect(problems.map((p) => p.key)).toEqual([key]);
      expect(optionForKey(key)).toBe(option);
    },
  );
});

describe('auto-installer-mode.toml', () => {
  it('is what prepare-iso --fetch-from iso writes, with an underscore key', () => {
    const text = renderInstallerMode();
    expect(text).toBe('mode = "iso"\npartition_label = "proxmox-ais"\n\n');
    expect(validateInstallerMode(text)._unsafeUnwrap()).toEqual({
      mode: 'iso',
      partitionLabel: 'proxmox-ais',
    });
  });

  it('round-trips the http table', () => {
    const m = {
      mode: 'http' as const,
      partitionLabel: 'x',
      http: { url: 'https://a.example/answer', certFingerprint: 'AB:CD', token: 'n:s' },
    };
    const text = renderInstallerMode(m);
    expect(text).toContain('cert_fingerprint = "AB:CD"');
    expect(validateInstallerMode(text)._unsafeUnwrap()).toEqual(m);
  });

  it.each([
    ['an unknown top-level key', 'mode = "iso"\nanswer = "x"\n', 'answer', /unknown key/],
    [
      'a kebab-case partition label',
      'mode = "iso"\npartition-label = "x"\n',
      'partition-label',
      /unknown key/,
    ],
    ['an unknown mode', 'mode = "usb"\n', 'mode', /"partition"/],
    ['no mode', 'partition_label = "x"\n', 'mode', /required/],
    ['an unknown http key', 'mode = "http"\n[http]\nuri = "x"\n', 'http.uri', /unknown key/],
  ])('refuses %s', (_n, text, key, message) => {
    const problems = validateInstallerMode(text)._unsafeUnwrapErr();
    expect(problems.map((p) => p.key)).toEqual([key]);
    expect(problems[0]!.message).toMatch(message);
  });
});

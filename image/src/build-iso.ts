/**
 * The BlockHost ISO: a stock Proxmox VE ISO plus, at its root,
 * `/auto-installer-mode.toml` (mode iso), `/answer.toml`, `/proxmox-first-boot`
 * (the hook) and `/blockhost/` (`packages/*.deb` + `SHA256SUMS`), added the
 * way `proxmox-auto-install-assistant prepare-iso` adds files, so the boot
 * records and the volume-date UUID stay as they were (../shared/spec/image.md).
 *
 * Everything is made in a staging directory inside the output directory and
 * the finished ISO is renamed into place: a failed or interrupted build leaves
 * no partial ISO and no temporary files.
 */
import {
  chmod,
  constants,
  copyFile,
  mkdir,
  mkdtemp,
  open,
  readFile,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { err, ok, type Result } from 'neverthrow';
import { type AnswerInput, generateAnswer } from './answer/generate.js';
import { validateAnswer } from './answer/validate.js';
import {
  type AssistantMode,
  assistantPrepareIso,
  assistantValidate,
  chooseAssistant,
} from './assistant.js';
import { AnswerFileError, BuildError } from './errors.js';
import { FIRST_BOOT_NAME, renderFirstBoot } from './first-boot.js';
import { renderInstallerMode, validateInstallerMode } from './installer-mode.js';
import { collectPackages, type PackageSet, stagePackages } from './packages.js';
import { checkPreserved } from './preserve.js';
import { track, untrack } from './temp.js';
import { generatePassword, generateTestKey } from './testing-access.js';
import {
  checkAutoInstallCapable,
  listFiles,
  MARKER,
  mapIntoIso,
  requireXorriso,
  volumeDateUuid,
} from './xorriso.js';

/** The answer is generated from options, or a hand-written file is used as it is. */
export type AnswerSource =
  | {
      readonly kind: 'options';
      /** Everything but the root password, which the build supplies. */
      readonly input: Omit<AnswerInput, 'rootPassword' | 'rootPasswordHashed'>;
      /** Release builds: a file holding a crypt(3) hash (`openssl passwd -6`). */
      readonly rootPasswordHashFile?: string;
      /** Files of OpenSSH public keys (one a line) for root. */
      readonly rootSshKeyFiles?: readonly string[];
    }
  | { readonly kind: 'file'; readonly path: string };

export interface BuildIsoOptions {
  readonly pveIso: string;
  readonly outDir: string;
  readonly packagesDir: string;
  readonly version: string;
  readonly testing: boolean;
  readonly answer: AnswerSource;
  readonly assistant: AssistantMode;
  /** Progress lines (to stderr in the CLI). */
  readonly log?: (line: string) => void;
}

export interface BuildIsoResult {
  readonly iso: string;
  readonly version: string;
  readonly testing: boolean;
  readonly bytes: number;
  /** ISO paths this build added. */
  readonly added: readonly string[];
  readonly volumeDateUuid: string;
  readonly usedAssistant: string | undefined;
  /** `--testing` only: private key file beside the ISO, and the root password. */
  readonly testKeyFile?: string;
  readonly testPassword?: string;
}

export type BuildFailure = BuildError | AnswerFileError;

export const isoFileName = (version: string) => `blockhost_${version}.iso`;

const errnoText = (e: unknown) => {
  const x = e as NodeJS.ErrnoException;
  return x.code ? `${x.code}: ${x.message.replace(/^\w+: /, '')}` : String(e);
};

async function readInput(path: string, what: string): Promise<Result<string, BuildError>> {
  try {
    return ok(await readFile(path, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : errnoText(e);
    return err(new BuildError('input', `${what} ${path}: ${why}`));
  }
}

async function checkPveIso(path: string): Promise<Result<void, BuildError>> {
  const st = await stat(path).catch((e: unknown) => e as NodeJS.ErrnoException);
  if (st instanceof Error) {
    const why = st.code === 'ENOENT' ? 'no such file' : errnoText(st);
    return err(new BuildError('input', `--pve-iso ${path}: ${why}`));
  }
  if (!st.isFile()) return err(new BuildError('input', `--pve-iso ${path}: not a regular file`));
  try {
    await (await open(path, 'r')).close();
  } catch (e) {
    return err(new BuildError('input', `--pve-iso ${path}: cannot be read (${errnoText(e)})`));
  }
  return requireXorriso();
}

/** Root password + keys for a generated answer; testing makes its own. */
async function accessFor(
  o: BuildIsoOptions,
  src: Extract<AnswerSource, { kind: 'options' }>,
  staging: string,
): Promise<
  Result<{ password?: string; hashed?: string; keys: string[]; testKey?: string }, BuildError>
> {
  const keys: string[] = [];
  for (const f of src.rootSshKeyFiles ?? []) {
    const text = await readInput(f, '--root-ssh-key-file');
    if (text.isErr()) return err(text.error);
    keys.push(
      ...text.value
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '' && !l.startsWith('#')),
    );
  }
  if (o.testing) {
    const key = await generateTestKey(join(staging, 'test-key'), `blockhost-testing-${o.version}`);
    if (key.isErr()) return err(key.error);
    return ok({
      password: generatePassword(),
      keys: [...keys, key.value.publicKey],
      testKey: key.value.privateKeyPath,
    });
  }
  if (!src.rootPasswordHashFile) {
    return err(
      new BuildError('usage', 'a release build needs --root-password-hash-file FILE', {
        hint: 'make the hash with `openssl passwd -6 > FILE` (it asks for the password), or build with --testing',
      }),
    );
  }
  const hash = await readInput(src.rootPasswordHashFile, '--root-password-hash-file');
  if (hash.isErr()) return err(hash.error);
  return ok({ hashed: hash.value.trim(), keys });
}

async function answerText(
  o: BuildIsoOptions,
  staging: string,
): Promise<Result<{ text: string; testKey?: string; testPassword?: string }, BuildFailure>> {
  const src = o.answer;
  if (src.kind === 'file') {
    if (o.testing) {
      return err(
        new BuildError('usage', '--answer-file cannot be combined with --testing', {
          hint: 'a testing build writes its own key and password into a generated answer',
        }),
      );
    }
    const text = await readInput(src.path, '--answer-file');
    if (text.isErr()) return err(text.error);
    const v = validateAnswer(text.value, { blockhost: true });
    if (v.isErr()) return err(new AnswerFileError(src.path, v.error));
    return ok({ text: text.value });
  }
  const access = await accessFor(o, src, staging);
  if (access.isErr()) return err(access.error);
  const a = access.value;
  const header = [
    `Proxmox VE automated installation answer, BlockHost ${o.version} (${o.testing ? 'TESTING build: known root password and test SSH key' : 'release build'}).`,
    'Generated by image/build-iso; rules: https://pve.proxmox.com/wiki/Automated_Installation',
  ];
  const g = generateAnswer(
    {
      ...src.input,
      ...(a.password ? { rootPassword: a.password } : {}),
      ...(a.hashed ? { rootPasswordHashed: a.hashed } : {}),
      rootSshKeys: [...(src.input.rootSshKeys ?? []), ...a.keys],
    },
    header,
  );
  if (g.isErr()) return err(new AnswerFileError('answer.toml (generated)', g.error));
  return ok({
    text: g.value.text,
    ...(a.testKey ? { testKey: a.testKey } : {}),
    ...(a.password ? { testPassword: a.password } : {}),
  });
}

async function makeStaging(outDir: string): Promise<Result<string, BuildError>> {
  try {
    await mkdir(outDir, { recursive: true });
  } catch (e) {
    return err(new BuildError('input', `--out ${outDir}: cannot create it (${errnoText(e)})`));
  }
  const st = await stat(outDir);
  if (!st.isDirectory()) return err(new BuildError('input', `--out ${outDir}: not a directory`));
  try {
    const dir = await mkdtemp(join(outDir, '.blockhost-iso-'));
    track(dir);
    return ok(dir);
  } catch (e) {
    return err(new BuildError('input', `--out ${outDir}: not writable (${errnoText(e)})`));
  }
}

async function step<T>(what: string, f: () => Promise<T>): Promise<Result<T, BuildError>> {
  try {
    return ok(await f());
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const kind = code === 'EACCES' || code === 'EROFS' || code === 'EPERM' ? 'input' : 'tool';
    return err(new BuildError(kind, `${what}: ${errnoText(e)}`));
  }
}

export async function buildIso(o: BuildIsoOptions): Promise<Result<BuildIsoResult, BuildFailure>> {
  const log = o.log ?? (() => {});
  if (!/^[0-9A-Za-z.+~-]+$/.test(o.version)) {
    return err(
      new BuildError('usage', `--iso-version "${o.version}": letters, digits and . + ~ - only`),
    );
  }
  const assistant = chooseAssistant(o.assistant);
  if (assistant.isErr()) return err(assistant.error);

  const pve = await checkPveIso(o.pveIso);
  if (pve.isErr()) return err(pve.error);
  const capable = await checkAutoInstallCapable(o.pveIso, '--pve-iso');
  if (capable.isErr()) return err(capable.error);
  const uuid = await volumeDateUuid(o.pveIso);
  if (uuid.isErr()) return err(uuid.error);
  const packages = await collectPackages(o.packagesDir);
  if (packages.isErr()) return err(packages.error);

  const staging = await makeStaging(o.outDir);
  if (staging.isErr()) return err(staging.error);
  const dir = staging.value;
  try {
    return await buildInStaging(o, dir, uuid.value, packages.value, assistant.value, log);
  } finally {
    await rm(dir, { recursive: true, force: true });
    untrack(dir);
  }
}

async function buildInStaging(
  o: BuildIsoOptions,
  dir: string,
  uuid: string,
  packages: PackageSet,
  assistant: string | undefined,
  log: (line: string) => void,
): Promise<Result<BuildIsoResult, BuildFailure>> {
  const answer = await answerText(o, dir);
  if (answer.isErr()) return err(answer.error);
  const hook = renderFirstBoot({
    version: o.version,
    testing: o.testing,
    sumsSha256: packages.sumsSha256,
  });
  if (hook.isErr()) return err(hook.error);
  const mode = renderInstallerMode();
  const modeCheck = validateInstallerMode(mode);
  if (modeCheck.isErr())
    return err(new AnswerFileError('auto-installer-mode.toml', modeCheck.error));

  const files = {
    mode: join(dir, 'auto-installer-mode.toml'),
    answer: join(dir, 'answer.toml'),
    hook: join(dir, FIRST_BOOT_NAME),
    tree: join(dir, 'blockhost'),
  };
  const staged = await step(`--out ${o.outDir}: writing the files to add`, async () => {
    await writeFile(files.mode, mode);
    await writeFile(files.answer, answer.value.text);
    await writeFile(files.hook, hook.value, { mode: 0o755 });
    await chmod(files.hook, 0o755);
    await stagePackages(packages, files.tree);
  });
  if (staged.isErr()) return err(staged.error);

  const tmpIso = join(dir, 'blockhost.iso');
  const added = ['/auto-installer-mode.toml', '/answer.toml', `/${FIRST_BOOT_NAME}`, '/blockhost'];
  if (assistant) {
    log(`using ${assistant}`);
    const v = await assistantValidate(assistant, files.answer);
    if (v.isErr()) return err(v.error);
    await mkdir(join(dir, 'assistant-tmp'));
    const prep = await assistantPrepareIso(assistant, {
      input: resolve(o.pveIso),
      output: tmpIso,
      answerFile: files.answer,
      firstBoot: files.hook,
      tmp: join(dir, 'assistant-tmp'),
    });
    if (prep.isErr()) return err(prep.error);
    log('adding /blockhost');
    const m = await mapIntoIso(tmpIso, uuid, files.tree, '/blockhost');
    if (m.isErr()) return err(m.error);
  } else {
    log(`copying ${o.pveIso}`);
    const copied = await step(`--out ${o.outDir}: copying the ISO`, () =>
      copyFile(o.pveIso, tmpIso, constants.COPYFILE_FICLONE),
    );
    if (copied.isErr()) return err(copied.error);
    const order: [string, string][] = [
      [files.mode, '/auto-installer-mode.toml'],
      [files.answer, '/answer.toml'],
      [files.hook, `/${FIRST_BOOT_NAME}`],
      [files.tree, '/blockhost'],
    ];
    for (const [src, dest] of order) {
      log(`adding ${dest}`);
      const m = await mapIntoIso(tmpIso, uuid, src, dest);
      if (m.isErr()) return err(m.error);
    }
  }

  log('checking the result');
  const verified = await verify(o.pveIso, tmpIso, uuid, packages.files.length);
  if (verified.isErr()) return err(verified.error);

  const iso = join(o.outDir, isoFileName(o.version));
  const besides = {
    key: `${iso}.test-key`,
    pub: `${iso}.test-key.pub`,
    password: `${iso}.test-password`,
  };
  const placed = await step(`--out ${o.outDir}: moving the ISO into place`, async () => {
    // A release ISO must not sit beside an earlier testing build's secrets.
    for (const f of Object.values(besides)) await rm(f, { force: true });
    if (answer.value.testKey) {
      await rename(answer.value.testKey, besides.key);
      await rename(`${answer.value.testKey}.pub`, besides.pub);
      await writeFile(besides.password, `${answer.value.testPassword}\n`, { mode: 0o600 });
    }
    await rename(tmpIso, iso);
  });
  if (placed.isErr()) return err(placed.error);
  const bytes = (await stat(iso)).size;
  return ok({
    iso,
    version: o.version,
    testing: o.testing,
    bytes,
    added,
    volumeDateUuid: uuid,
    usedAssistant: assistant,
    ...(answer.value.testKey ? { testKeyFile: besides.key } : {}),
    ...(answer.value.testPassword ? { testPassword: answer.value.testPassword } : {}),
  });
}

/** The built image still boots as the stock one did and carries what was added. */
async function verify(
  input: string,
  output: string,
  uuid: string,
  debs: number,
): Promise<Result<void, BuildError>> {
  const preserved = await checkPreserved(input, output);
  if (preserved.isErr()) return preserved;
  const after = await volumeDateUuid(output);
  if (after.isErr()) return err(after.error);
  if (after.value !== uuid) {
    return err(
      new BuildError('tool', `the volume-date UUID changed from ${uuid} to ${after.value}`),
    );
  }
  const list = await listFiles(output);
  if (list.isErr()) return err(list.error);
  const have = new Set(list.value);
  const want = [
    MARKER,
    '/auto-installer-mode.toml',
    '/answer.toml',
    `/${FIRST_BOOT_NAME}`,
    '/blockhost/SHA256SUMS',
  ];
  const missing = want.filter((f) => !have.has(f));
  const carried = list.value.filter((f) => f.startsWith('/blockhost/packages/')).length;
  if (missing.length > 0 || carried !== debs) {
    return err(
      new BuildError(
        'tool',
        `the built ISO lacks ${missing.join(', ') || `${debs - carried} of the packages`}`,
      ),
    );
  }
  return ok(undefined);
}

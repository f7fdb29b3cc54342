/**
 * Build options → answer.toml for a BlockHost ISO. The options are plain
 * values as a command line gives them; the rendered text goes through the
 * same `validateAnswer` as a hand-written file, so a bad option comes back as
 * a problem naming the answer key (`global.keyboard: expected one of …`).
 */
import type { Result } from 'neverthrow';
import type { AnswerProblem } from '../errors.js';
import type { Answer } from './model.js';
import { renderToml } from './render.js';
import { validateAnswer } from './validate.js';

export interface AnswerInput {
  /** A fixed FQDN; without it hostname (and domain) come from DHCP. */
  readonly fqdn?: string;
  /** Domain used with the DHCP hostname when DHCP sends none. */
  readonly domain?: string;
  readonly country: string;
  readonly keyboard: string;
  readonly timezone: string;
  readonly mailto: string;
  readonly rootPassword?: string;
  readonly rootPasswordHashed?: string;
  readonly rootSshKeys?: readonly string[];
  readonly rebootOnError?: boolean;
  readonly rebootMode?: string;
  /** Static network; without it the installer uses DHCP. */
  readonly staticNetwork?: {
    readonly cidr?: string;
    readonly gateway?: string;
    readonly dns?: string;
    readonly filter?: Readonly<Record<string, string>>;
  };
  readonly filesystem: string;
  readonly diskList?: readonly string[];
  readonly diskFilter?: Readonly<Record<string, string>>;
  readonly diskFilterMatch?: string;
  readonly lvm?: Readonly<Record<string, number>>;
  readonly zfs?: Readonly<Record<string, string | number>>;
  readonly btrfs?: Readonly<Record<string, string | number>>;
  readonly firstBootOrdering?: string;
}

/** What a build uses when an option is not given (see docs/install.md). */
export const ANSWER_DEFAULTS = {
  domain: 'home.arpa',
  country: 'us',
  keyboard: 'en-us',
  timezone: 'UTC',
  mailto: 'root@localhost',
  filesystem: 'ext4',
  diskList: ['sda'],
  firstBootOrdering: 'fully-up',
} as const;

const present = <T extends object>(o: T | undefined) =>
  o !== undefined && Object.keys(o).length > 0 ? o : undefined;

/** The TOML document, kebab-case, before validation (integers stay integers). */
function rawDocument(i: AnswerInput): Record<string, unknown> {
  const global: Record<string, unknown> = {
    keyboard: i.keyboard,
    country: i.country,
    fqdn: i.fqdn ?? { source: 'from-dhcp', ...(i.domain ? { domain: i.domain } : {}) },
    mailto: i.mailto,
    timezone: i.timezone,
    'root-password': i.rootPassword,
    'root-password-hashed': i.rootPasswordHashed,
    'root-ssh-keys': i.rootSshKeys && i.rootSshKeys.length > 0 ? [...i.rootSshKeys] : undefined,
    'reboot-on-error': i.rebootOnError,
    'reboot-mode': i.rebootMode,
  };
  const network = i.staticNetwork
    ? { source: 'from-answer', ...i.staticNetwork, filter: present(i.staticNetwork.filter) }
    : { source: 'from-dhcp' };
  const disk: Record<string, unknown> = {
    filesystem: i.filesystem,
    'disk-list': i.diskList && i.diskList.length > 0 ? [...i.diskList] : undefined,
    filter: present(i.diskFilter),
    'filter-match': i.diskFilterMatch,
    lvm: present(i.lvm),
    zfs: present(i.zfs),
    btrfs: present(i.btrfs),
  };
  return {
    global,
    network,
    'disk-setup': disk,
    'first-boot': { source: 'from-iso', ordering: i.firstBootOrdering ?? 'fully-up' },
  };
}

/** Drops unset keys (TOML has no null). */
function prune(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(prune);
  if (typeof v !== 'object' || v === null) return v;
  return Object.fromEntries(
    Object.entries(v)
      .filter(([, x]) => x !== undefined)
      .map(([k, x]) => [k, prune(x)]),
  );
}

export interface GeneratedAnswer {
  readonly text: string;
  readonly answer: Answer;
}

export function generateAnswer(
  input: AnswerInput,
  header: readonly string[] = [],
): Result<GeneratedAnswer, AnswerProblem[]> {
  const text = renderToml(prune(rawDocument(input)) as Record<string, unknown>, header);
  return validateAnswer(text, { blockhost: true }).map((answer) => ({ text, answer }));
}

/**
 * `/auto-installer-mode.toml`: tells the ISO's installer where the answer
 * comes from. Unlike answer.toml its keys use underscores (`partition_label`,
 * `cert_fingerprint`), and unknown top-level keys are refused.
 */
import { err, ok, type Result } from 'neverthrow';
import { parse, TomlError } from 'smol-toml';
import { Problems, string, type Table, table } from './answer/checks.js';
import { renderToml } from './answer/render.js';
import type { AnswerProblem } from './errors.js';

export const INSTALLER_MODES = ['iso', 'http', 'partition'] as const;
export type InstallerMode = (typeof INSTALLER_MODES)[number];
export const DEFAULT_PARTITION_LABEL = 'proxmox-ais';

export interface InstallerModeFile {
  readonly mode: InstallerMode;
  readonly partitionLabel: string;
  readonly http?: {
    readonly url?: string;
    readonly certFingerprint?: string;
    readonly token?: string;
  };
}

/** The file as `prepare-iso --fetch-from iso` writes it. */
export function renderInstallerMode(m: InstallerModeFile = isoMode()): string {
  const doc: Record<string, unknown> = { mode: m.mode, partition_label: m.partitionLabel };
  if (m.http) {
    doc['http'] = Object.fromEntries(
      [
        ['url', m.http.url],
        ['cert_fingerprint', m.http.certFingerprint],
        ['token', m.http.token],
      ].filter(([, v]) => v !== undefined),
    );
  }
  return renderToml(doc);
}

export function isoMode(): InstallerModeFile {
  return { mode: 'iso', partitionLabel: DEFAULT_PARTITION_LABEL };
}

export function validateInstallerMode(text: string): Result<InstallerModeFile, AnswerProblem[]> {
  let doc: Table;
  try {
    doc = parse(text) as Table;
  } catch (e) {
    const line = e instanceof TomlError ? `line ${e.line}` : '(file)';
    return err([{ key: line, message: `invalid TOML: ${(e as Error).message.split('\n')[0]}` }]);
  }
  const p = new Problems();
  const top = ['mode', 'partition_label', 'http'];
  for (const k of Object.keys(doc)) {
    if (!top.includes(k)) p.add(k, `unknown key (expected one of: ${top.join(', ')})`);
  }
  const modeValue = string(p, 'mode', doc['mode'], { required: true });
  const mode = INSTALLER_MODES.find((m) => m === modeValue);
  if (modeValue !== undefined && !mode) {
    p.add('mode', `expected one of "iso", "http", "partition", got "${modeValue}"`);
  }
  const label = string(p, 'partition_label', doc['partition_label'], { nonEmpty: true });
  const http = table(p, 'http', doc['http']);
  const h: Record<string, string> = {};
  for (const [k, v] of Object.entries(http ?? {})) {
    if (!['url', 'cert_fingerprint', 'token'].includes(k)) {
      p.add(`http.${k}`, 'unknown key (expected one of: url, cert_fingerprint, token)');
    } else {
      const s = string(p, `http.${k}`, v);
      if (s !== undefined) h[k] = s;
    }
  }
  if (p.list.length > 0 || !mode) return err(p.list);
  return ok({
    mode,
    partitionLabel: label ?? DEFAULT_PARTITION_LABEL,
    ...(http
      ? {
          http: {
            ...(h['url'] ? { url: h['url'] } : {}),
            ...(h['cert_fingerprint'] ? { certFingerprint: h['cert_fingerprint'] } : {}),
            ...(h['token'] ? { token: h['token'] } : {}),
          },
        }
      : {}),
  });
}

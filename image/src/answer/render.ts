/**
 * Answer model → answer.toml text. The output is always checked again with
 * `validateAnswer` by the builder, so what is written is what was validated.
 */
import { stringify } from 'smol-toml';
import { type Answer, kebab } from './model.js';

/** camelCase keys → kebab-case, recursively; udev filter and MAC mapping keys are data and stay. */
function toKebab(value: unknown, keepKeys = false): unknown {
  if (Array.isArray(value)) return value.map((v) => toKebab(v));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined) continue;
    const data = k === 'filter' || k === 'mapping';
    out[keepKeys ? k : kebab(k)] = data ? toKebab(v, true) : toKebab(v);
  }
  return out;
}

/** A TOML document (keys as they are) with comment lines above it (given without `#`). */
export function renderToml(doc: Record<string, unknown>, header: readonly string[] = []): string {
  const comment = header.map((l) => `# ${l}`.trimEnd()).join('\n');
  return `${comment ? `${comment}\n\n` : ''}${stringify(doc)}\n`;
}

export function renderAnswer(answer: Answer, header: readonly string[] = []): string {
  const doc = toKebab({
    global: answer.global,
    network: answer.network,
    diskSetup: answer.diskSetup,
    firstBoot: answer.firstBoot,
    postInstallationWebhook: answer.postInstallationWebhook,
  }) as Record<string, unknown>;
  return renderToml(doc, header);
}

/**
 * The Debian mirror this machine's apt uses, read from its sources
 * (`/etc/apt/sources.list`, `sources.list.d/*.list` and deb822 `*.sources`):
 * roots are bootstrapped from it, and containers reach it through the kit's
 * apt proxy. `BLOCKHOST_DEBIAN_MIRROR` overrides it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { err, ok, type Result } from 'neverthrow';
import { ContainerKitError } from '../errors.js';

export interface DebianMirrors {
  /** The main archive, e.g. `http://deb.debian.org/debian`. */
  debian: string;
  /** The security archive, e.g. `http://deb.debian.org/debian-security`. */
  security: string;
}

export interface AptSourceFile {
  name: string;
  text: string;
}

/** Every `deb` URI in one-line (`.list`) or deb822 (`.sources`) files, in file order. */
export function aptSourceUris(files: readonly AptSourceFile[]): string[] {
  const uris: string[] = [];
  for (const f of files) {
    if (f.name.endsWith('.sources')) {
      for (const para of f.text.split(/\n\s*\n/)) {
        const field = (k: string) =>
          para
            .split('\n')
            .find((l) => l.toLowerCase().startsWith(`${k.toLowerCase()}:`))
            ?.slice(k.length + 1)
            .trim();
        const types = (field('Types') ?? '').split(/\s+/);
        if (!types.includes('deb') || field('Enabled')?.toLowerCase() === 'no') continue;
        uris.push(...(field('URIs') ?? '').split(/\s+/).filter(Boolean));
      }
    } else {
      for (const line of f.text.split('\n')) {
        const m = /^\s*deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s/.exec(line);
        if (m) uris.push(m[1]!);
      }
    }
  }
  return uris;
}

const trim = (u: string) => u.replace(/\/+$/, '');

/** The Debian archive and its security archive among `uris` (plain HTTP ones: the proxy speaks HTTP). */
export function pickDebianMirrors(uris: readonly string[]): DebianMirrors | null {
  const http = uris.map(trim).filter((u) => u.startsWith('http://'));
  const debian = http.find((u) => /\/debian$/.test(u));
  if (!debian) return null;
  const security =
    http.find((u) => /\/debian-security$/.test(u)) ??
    debian.replace(/\/debian$/, '/debian-security');
  return { debian, security };
}

function readSources(etc: string): AptSourceFile[] {
  const files: AptSourceFile[] = [];
  const read = (path: string, name: string) => {
    try {
      files.push({ name, text: readFileSync(path, 'utf8') });
    } catch {
      // absent: fine
    }
  };
  read(join(etc, 'apt/sources.list'), 'sources.list');
  let names: string[] = [];
  try {
    names = readdirSync(join(etc, 'apt/sources.list.d')).sort();
  } catch {
    // no directory
  }
  for (const n of names) {
    if (n.endsWith('.list') || n.endsWith('.sources')) read(join(etc, 'apt/sources.list.d', n), n);
  }
  return files;
}

/** The host's Debian mirrors (or `BLOCKHOST_DEBIAN_MIRROR`, with `…-security` beside it). */
export function hostDebianMirrors(etc = '/etc'): Result<DebianMirrors, ContainerKitError> {
  const override = process.env.BLOCKHOST_DEBIAN_MIRROR;
  if (override) {
    const m = pickDebianMirrors([override]);
    if (!m) {
      return err(
        new ContainerKitError(
          'BLOCKHOST_DEBIAN_MIRROR',
          `expected an http:// URL ending in /debian, got '${override}'`,
        ),
      );
    }
    return ok(m);
  }
  const m = pickDebianMirrors(aptSourceUris(readSources(etc)));
  if (!m) {
    return err(
      new ContainerKitError(
        'finding the Debian mirror',
        `no http:// …/debian source in ${etc}/apt/sources.list or sources.list.d`,
        { hint: 'set BLOCKHOST_DEBIAN_MIRROR=http://<mirror>/debian' },
      ),
    );
  }
  return ok(m);
}

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  aptSourceUris,
  debianSources,
  hostDebianMirrors,
  pickDebianMirrors,
} from '../src/index.js';

describe('the host’s Debian mirror', () => {
  it('reads one-line and deb822 sources, skipping deb-src and disabled entries', () => {
    const uris = aptSourceUris([
      {
        name: 'sources.list',
        text: '# comment\ndeb-src http://src.example/debian bookworm main\ndeb [arch=amd64] http://mirror.example/debian/ bookworm main\n',
      },
      {
        name: 'debian.sources',
        text: 'Types: deb\nURIs: http://deb.example/debian\nSuites: bookworm\n\nTypes: deb\nURIs: http://off.example/debian\nEnabled: no\n\nTypes: deb deb-src\nURIs: http://deb.example/debian-security\nSuites: bookworm-security\n',
      },
    ]);
    expect(uris).toEqual([
      'http://mirror.example/debian/',
      'http://deb.example/debian',
      'http://deb.example/debian-security',
    ]);
    expect(pickDebianMirrors(uris)).toEqual({
      debian: 'http://mirror.example/debian',
      security: 'http://deb.example/debian-security',
    });
  });

  it('derives the security archive beside the main one, and needs plain HTTP', () => {
    expect(pickDebianMirrors(['http://m.example/debian'])).toEqual({
      debian: 'http://m.example/debian',
      security: 'http://m.example/debian-security',
    });
    expect(
      pickDebianMirrors(['https://m.example/debian', 'http://nodesource.example/node_20.x']),
    ).toBeNull();
  });

  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    delete process.env.BLOCKHOST_DEBIAN_MIRROR;
  });

  it('reads an /etc tree, honours BLOCKHOST_DEBIAN_MIRROR and says what is missing', () => {
    dir = mkdtempSync(join(tmpdir(), 'bhk-etc-'));
    mkdirSync(join(dir, 'apt/sources.list.d'), { recursive: true });
    writeFileSync(
      join(dir, 'apt/sources.list.d/other.list.disabled'),
      'deb http://x.example/debian trixie main\n',
    );
    expect(hostDebianMirrors(dir)._unsafeUnwrapErr().message).toMatch(
      /no http:\/\/ …\/debian source/,
    );
    writeFileSync(
      join(dir, 'apt/sources.list.d/debian.sources'),
      'Types: deb\nURIs: http://deb.debian.org/debian\n',
    );
    expect(hostDebianMirrors(dir)._unsafeUnwrap().debian).toBe('http://deb.debian.org/debian');
    process.env.BLOCKHOST_DEBIAN_MIRROR = 'http://local.example/debian';
    expect(hostDebianMirrors(dir)._unsafeUnwrap().security).toBe(
      'http://local.example/debian-security',
    );
    process.env.BLOCKHOST_DEBIAN_MIRROR = 'ftp://x';
    expect(hostDebianMirrors(dir)._unsafeUnwrapErr().message).toMatch(/BLOCKHOST_DEBIAN_MIRROR/);
  });

  it('writes deb822 sources for the root like a cloud image’s', () => {
    const s = debianSources('trixie', {
      debian: 'http://m/debian',
      security: 'http://m/debian-security',
    });
    expect(s).toContain('URIs: http://m/debian\nSuites: trixie trixie-updates\n');
    expect(s).toContain('URIs: http://m/debian-security\nSuites: trixie-security\n');
  });
});

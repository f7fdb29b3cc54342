import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveCompactSchema, indexRange } from './derive.js';
import { perlPattern } from './perl-regex.js';
import { PVE_PRIVILEGES } from './privileges.js';
import { pveSchema } from './schema.js';
import { pveApiSourceFile, renderGeneratedModule, sharedPveApiFile } from './source.js';

const sourceFile = pveApiSourceFile();

interface RawParam {
  name: string;
  definition: Record<string, unknown> & { type?: string; optional?: boolean; enum?: string[] };
}
interface RawMethod {
  verb: string;
  name: string;
  parameters: RawParam[];
  permissions?: { expression?: { check?: unknown[] }; user?: string };
  allow_token: boolean;
}
interface RawSchema {
  source_version: string;
  raw_sha256: string;
  paths: Array<{ path: string; methods: RawMethod[] }>;
}

describe('the shipped compact schema', () => {
  it('finds the official schema in the checkout', () => {
    // A copy ships in schema-source/; BLOCKHOST_PVE_API_DIR overrides it.
    expect(existsSync(sourceFile), `${sourceFile} is missing`).toBe(true);
  });

  it.runIf(existsSync(sharedPveApiFile()))(
    'the copy in schema-source/ is byte for byte the official file in ../shared/pve-api',
    () => {
      expect(readFileSync(sourceFile)).toEqual(readFileSync(sharedPveApiFile()));
    },
  );

  const raw = JSON.parse(readFileSync(sourceFile, 'utf8')) as RawSchema;

  it('is exactly what derive-schema produces from the official file', () => {
    const derived = deriveCompactSchema(raw, basename(sourceFile));
    expect(pveSchema()).toEqual(derived);
    const generated = readFileSync(new URL('./generated/pve-api.ts', import.meta.url), 'utf8');
    expect(generated).toBe(renderGeneratedModule(derived));
  });

  it('keeps every path, method, parameter, type, enum, optional flag and permission check', () => {
    const compact = pveSchema();
    expect(compact.source).toEqual({
      file: 'schema-pve-9.2.3.json',
      version: raw.source_version,
      sha256: raw.raw_sha256,
    });
    let params = 0;
    for (const p of raw.paths) {
      for (const m of p.methods) {
        const c = compact.paths[p.path]?.[m.verb as 'GET'];
        expect(c, `${m.verb} ${p.path}`).toBeDefined();
        expect(c!.name).toBe(m.name);
        expect(c!.allowToken).toBe(Boolean(m.allow_token));
        expect(c!.permissions?.check ?? null).toEqual(m.permissions?.expression?.check ?? null);
        expect(Object.keys(c!.params).sort()).toEqual(m.parameters.map((q) => q.name).sort());
        for (const q of m.parameters) {
          const d = c!.params[q.name]!;
          expect(d.type).toBe(q.definition.type);
          expect(Boolean(d.optional)).toBe(Boolean(q.definition.optional));
          expect(d.enum ?? []).toEqual(q.definition.enum ?? []);
          params++;
        }
      }
    }
    expect(Object.keys(compact.paths)).toHaveLength(raw.paths.length);
    expect(params).toBeGreaterThan(3000);
  });

  it('knows every privilege the schema mentions', () => {
    const text = JSON.stringify(
      raw.paths.flatMap((p) => p.methods.map((m) => m.permissions ?? null)),
    );
    const mentioned = new Set(
      [
        ...text.matchAll(
          /\b((?:VM|Sys|Datastore|SDN|Pool|Realm|User|Group|Permissions|Mapping)\.[A-Za-z.]*[A-Za-z])/g,
        ),
      ].map((m) => m[1]!),
    );
    for (const p of mentioned) expect(PVE_PRIVILEGES).toContain(p);
  });

  it('compiles every Perl pattern of the schema', () => {
    const patterns = new Set<string>();
    for (const p of Object.values(pveSchema().paths)) {
      for (const m of Object.values(p)) {
        for (const d of Object.values(m.params)) {
          if (d.pattern) patterns.add(d.pattern);
          if (typeof d.format === 'object')
            for (const k of Object.values(d.format)) if (k.pattern) patterns.add(k.pattern);
        }
      }
    }
    expect(patterns.size).toBeGreaterThan(50);
    for (const p of patterns) expect(() => perlPattern(p)).not.toThrow();
    expect(perlPattern('(?^:[A-Za-z][A-Za-z0-9\\.\\-_]+)').test('blockhost')).toBe(true);
    expect(perlPattern('(?^:[A-Za-z][A-Za-z0-9\\.\\-_]+)').test('9lives')).toBe(false);
    expect(perlPattern('[A-Za-z0-9\\-_\\s]{,8}').test('123456789')).toBe(false);
  });

  it('derives index ranges of name[n] parameters', () => {
    expect(indexRange('scsi[n]', 'Use volume as SCSI hard disk or CD-ROM (n is 0 to 30).')).toEqual(
      [0, 30],
    );
    expect(
      indexRange(
        'usb[n]',
        'Configure an USB device (n is 0 to 4, for machine version >= 7.1 and ostype l26 or windows > 7, n can be up to 14).',
      ),
    ).toEqual([0, 14]);
    expect(indexRange('link[n]', 'corosync link. (up to 8 links supported; link0..link7)')).toEqual(
      [0, 7],
    );
    expect(indexRange('net[n]', 'Specify network devices.')).toEqual([0, 31]);
    expect(() => indexRange('foo[n]', '')).toThrow(/no index range/);
  });
});

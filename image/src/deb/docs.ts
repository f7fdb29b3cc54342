/**
 * The documentation files Debian asks of every package: the copyright file
 * (machine-readable, with the npm packages bundled into the programs and
 * their licenses, read from their package.json), the changelog, and the
 * blockhost(1) man page made from the CLI's own `--help`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const HOMEPAGE = 'https://github.com/blockhost/blockhost';
export const MAINTAINER = 'BlockHost developers <packages@blockhost.invalid>';

/** Reproducible gzip (no name, no time in the header), as `gzip -9n`. */
export const gzip = (text: string | Buffer) => gzipSync(text, { level: 9 });

export interface BundledPackage {
  name: string;
  version: string;
  license: string;
}

/** Name, version and license of each npm package, from `<repo>/<dir>/package.json`. */
export function bundledPackages(dirs: readonly string[], repo: string): BundledPackage[] {
  const seen = new Map<string, BundledPackage>();
  for (const dir of dirs) {
    const j = JSON.parse(readFileSync(join(repo, dir, 'package.json'), 'utf8')) as {
      name: string;
      version: string;
      license?: string | { type: string };
      licenses?: { type: string }[];
    };
    const license =
      typeof j.license === 'string'
        ? j.license
        : (j.license?.type ?? j.licenses?.map((l) => l.type).join(' OR ') ?? 'see upstream');
    seen.set(`${j.name}@${j.version}`, { name: j.name, version: j.version, license });
  }
  return [...seen.values()].sort((a, b) =>
    a.name === b.name ? (a.version < b.version ? -1 : 1) : a.name < b.name ? -1 : 1,
  );
}

const MIT_TEXT = `Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.`;

const ISC_TEXT = `Permission to use, copy, modify, and/or distribute this software for any
purpose with or without fee is hereby granted, provided that the above
copyright notice and this permission notice appear in all copies.

THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES
WITH REGARD TO THIS SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF
MERCHANTABILITY AND FITNESS. IN NO EVENT SHALL THE AUTHOR BE LIABLE FOR
ANY SPECIAL, DIRECT, INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES
WHATSOEVER RESULTING FROM LOSS OF USE, DATA OR PROFITS, WHETHER IN AN
ACTION OF CONTRACT, NEGLIGENCE OR OTHER TORTIOUS ACTION, ARISING OUT OF
OR IN CONNECTION WITH THE USE OR PERFORMANCE OF THIS SOFTWARE.`;

const indent = (text: string) =>
  text
    .split('\n')
    .map((l) => (l.trim() === '' ? ' .' : ` ${l}`))
    .join('\n');

/** DEP-5 short names of the licenses we print in full or point to. */
const LICENSE_PARAGRAPHS: Record<string, string> = {
  'GPL-3+': `License: GPL-3+\n${indent(
    'This program is free software: you can redistribute it and/or modify it under\nthe terms of the GNU General Public License as published by the Free Software\nFoundation, either version 3 of the License, or (at your option) any later\nversion.\n\nOn Debian systems the full text of the GNU General Public License version 3\nis in /usr/share/common-licenses/GPL-3.',
  )}`,
  Expat: `License: Expat\n${indent(MIT_TEXT)}`,
  ISC: `License: ISC\n${indent(ISC_TEXT)}`,
};

export interface CopyrightInput {
  /** The year of the build (SOURCE_DATE_EPOCH). */
  year: number;
  /** `Files: *` license (DEP-5 short name): GPL-3+ for the host, Expat for the VM login. */
  mainLicense: 'GPL-3+' | 'Expat';
  /** Extra `Files:` stanzas (paths in the package) with their license. */
  files?: { glob: string; copyright: string; license: 'Expat' | 'ISC' | 'GPL-3+' }[];
  bundled: readonly BundledPackage[];
}

export function renderCopyright(c: CopyrightInput): string {
  const used = new Set<string>([c.mainLicense, ...(c.files ?? []).map((f) => f.license)]);
  const bundledList = c.bundled.map((b) => `${b.name} ${b.version} (${b.license})`).join('\n');
  const stanzas = [
    [
      'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/',
      'Upstream-Name: BlockHost',
      `Source: ${HOMEPAGE}`,
      `Comment: The programs are single-file bundles that include these npm packages,\n${indent(
        `each under its license as named in its package.json:\n\n${bundledList || '(none)'}`,
      )}`,
    ].join('\n'),
    `Files: *\nCopyright: ${c.year} BlockHost contributors\nLicense: ${c.mainLicense}`,
    ...(c.files ?? []).map(
      (f) => `Files: ${f.glob}\nCopyright: ${f.copyright}\nLicense: ${f.license}`,
    ),
    ...[...used].sort().map((l) => LICENSE_PARAGRAPHS[l]!),
  ];
  return `${stanzas.join('\n\n')}\n`;
}

/** A native package's changelog (`/usr/share/doc/<pkg>/changelog.gz`), dated by the epoch. */
export function renderChangelog(pkg: string, version: string, epochSeconds: number): string {
  const date = new Date(epochSeconds * 1000).toUTCString().replace('GMT', '+0000');
  return `${pkg} (${version}) unstable; urgency=medium\n\n  * Built from the BlockHost repository (npm run build), version ${version}.\n    The project's history is its git log.\n\n -- ${MAINTAINER}  ${date}\n`;
}

const roff = (s: string) =>
  s
    .replaceAll('\\', '\\e')
    .replaceAll('-', '\\-')
    .replace(/^([.'])/, '\\&$1');

/**
 * blockhost(1) from the CLI's `--help`: the usage line as synopsis, the
 * lines under "commands:" and "options:" headings as tagged paragraphs.
 */
export function renderManPage(o: {
  name: string;
  section: number;
  version: string;
  epochSeconds: number;
  summary: string;
  help: string;
  files: readonly [string, string][];
  seeAlso: string;
}): string {
  const date = new Date(o.epochSeconds * 1000).toISOString().slice(0, 10);
  const out = [
    `.TH ${o.name.toUpperCase()} ${o.section} "${date}" "${o.name} ${o.version}" "BlockHost"`,
    '.SH NAME',
    `${o.name} \\- ${roff(o.summary)}`,
  ];
  const lines = o.help.trimEnd().split('\n');
  const usage = lines.shift()?.replace(/^usage:\s*/, '') ?? o.name;
  out.push('.SH SYNOPSIS', roff(usage), '.SH DESCRIPTION');
  for (const l of lines) {
    const entry = /^\s{2,}(\S.*?)\s{2,}(\S.*)$/.exec(l);
    if (entry) out.push('.TP', `.B ${roff(entry[1]!)}`, roff(entry[2]!));
    else if (/^\S.*:$/.test(l)) out.push(`.SS ${roff(l.slice(0, -1))}`);
    else if (l.trim() === '') out.push('.PP');
    else out.push(roff(l.trim()));
  }
  out.push('.SH FILES');
  for (const [path, what] of o.files) out.push('.TP', `.I ${roff(path)}`, roff(what));
  out.push('.SH SEE ALSO', roff(o.seeAlso));
  return `${out.join('\n')}\n`;
}

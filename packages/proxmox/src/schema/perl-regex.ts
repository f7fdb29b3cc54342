/**
 * PVE's schema patterns are Perl regexes (`(?^:…)`, `(?^i:…)`, `{,16}`).
 * This turns one into a JavaScript RegExp anchored like PVE anchors it
 * (`^(?:…)$`). Node 20 has no inline modifiers, so an `i` group makes the
 * whole pattern case-insensitive, which can only accept more, never less.
 */
const cache = new Map<string, RegExp>();

export function perlPattern(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (re) return re;
  let flags = '';
  const body = pattern
    .replace(/\(\?\^([a-z]*):/g, (_, f: string) => {
      if (f.includes('i')) flags = 'i';
      return '(?:';
    })
    .replace(/\{,([0-9]+)\}/g, '{0,$1}');
  re = new RegExp(`^(?:${body})$`, flags);
  cache.set(pattern, re);
  return re;
}

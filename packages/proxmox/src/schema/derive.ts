import type {
  CompactSchema,
  FormatKeyDef,
  MethodDef,
  ParamDef,
  PermissionDef,
  PveType,
  ReturnDef,
  Verb,
} from './types.js';

/**
 * Index ranges of `name[n]` parameters whose description does not state one,
 * from PVE's source constants (qemu-server MAX_NETS, MAX_HOSTPCI_DEVICES,
 * MAX_NUMA, MAX_UNUSED_DISKS, MAX_VIRTIOFS; pve-container MAX_MOUNT_POINTS,
 * MAX_DEVICES; pve-manager MAX_ACME_DOMAINS).
 */
export const INDEX_RANGE_FALLBACK: Readonly<Record<string, readonly [number, number]>> = {
  net: [0, 31],
  ipconfig: [0, 31],
  hostpci: [0, 15],
  numa: [0, 7],
  unused: [0, 255],
  virtiofs: [0, 9],
  mp: [0, 255],
  dev: [0, 255],
  acmedomain: [0, 4],
};

type Raw = Record<string, unknown>;

const isObj = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | undefined => {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^-?[0-9]+(\.[0-9]+)?$/.test(v)) return Number(v);
  return undefined;
};
const truthy = (v: unknown) => v === true || v === 1 || v === '1';

const TYPES = new Set<PveType>([
  'string',
  'integer',
  'number',
  'boolean',
  'array',
  'object',
  'null',
  'any',
]);
function pveType(v: unknown): PveType | undefined {
  return typeof v === 'string' && TYPES.has(v as PveType) ? (v as PveType) : undefined;
}

/** The inclusive index range of a `name[n]` parameter, from its description or PVE's constants. */
export function indexRange(name: string, description: string): [number, number] {
  const base = name.replace(/\[n\]$/, '');
  const upTo = /n can be up to ([0-9]+)/.exec(description);
  const range = /n is ([0-9]+) to ([0-9]+)/.exec(description);
  if (range) return [Number(range[1]), Number(upTo ? upTo[1] : range[2])];
  const listed = new RegExp(`${base}([0-9]+)\\.\\.${base}([0-9]+)`).exec(description);
  if (listed) return [Number(listed[1]), Number(listed[2])];
  const fallback = INDEX_RANGE_FALLBACK[base];
  if (!fallback) throw new Error(`no index range known for ${name}`);
  return [fallback[0], fallback[1]];
}

function formatKey(raw: Raw): FormatKeyDef {
  const out: FormatKeyDef = {};
  const type = pveType(raw.type);
  if (type) out.type = type;
  if (truthy(raw.optional)) out.optional = true;
  if (Array.isArray(raw.enum) && raw.enum.length > 0) out.enum = raw.enum.map(String);
  if (typeof raw.format === 'string') out.format = raw.format;
  const min = num(raw.minimum);
  if (min !== undefined) out.minimum = min;
  const max = num(raw.maximum);
  if (max !== undefined) out.maximum = max;
  const maxLength = num(raw.maxLength);
  if (maxLength !== undefined) out.maxLength = maxLength;
  if (typeof raw.pattern === 'string') out.pattern = raw.pattern;
  if (truthy(raw.default_key)) out.defaultKey = true;
  if (typeof raw.alias === 'string') out.alias = raw.alias;
  if (typeof raw.keyAlias === 'string') out.keyAlias = raw.keyAlias;
  return out;
}

function param(name: string, raw: Raw): ParamDef {
  const out: ParamDef = { type: pveType(raw.type) ?? 'string' };
  if (truthy(raw.optional)) out.optional = true;
  if (Array.isArray(raw.enum) && raw.enum.length > 0) out.enum = raw.enum.map(String);
  if (typeof raw.format === 'string') {
    out.format = raw.format;
    const typetext = isObj(raw.extra) ? raw.extra.typetext : undefined;
    // Named property-string formats: the key list is only in typetext.
    if (typeof typetext === 'string' && typetext.includes('=')) out.typetext = typetext;
  } else if (isObj(raw.format)) {
    const keys: Record<string, FormatKeyDef> = {};
    for (const [k, v] of Object.entries(raw.format)) if (isObj(v)) keys[k] = formatKey(v);
    out.format = keys;
  }
  const min = num(raw.minimum);
  if (min !== undefined) out.minimum = min;
  const max = num(raw.maximum);
  if (max !== undefined) out.maximum = max;
  const maxLength = num(raw.max_length);
  if (maxLength !== undefined) out.maxLength = maxLength;
  const minLength = num(raw.min_length);
  if (minLength !== undefined) out.minLength = minLength;
  if (typeof raw.pattern === 'string') out.pattern = raw.pattern;
  if (isObj(raw.items)) out.items = param(`${name}[]`, raw.items);
  if (name.endsWith('[n]')) {
    out.n = indexRange(name, typeof raw.description === 'string' ? raw.description : '');
  }
  return out;
}

function returns(raw: unknown): ReturnDef {
  if (!isObj(raw)) return {};
  const out: ReturnDef = {};
  const type = pveType(raw.type);
  if (type) out.type = type;
  if (truthy(raw.optional)) out.optional = true;
  if (isObj(raw.properties) && Object.keys(raw.properties).length > 0) {
    out.properties = {};
    for (const [k, v] of Object.entries(raw.properties)) out.properties[k] = returns(v);
  }
  if (isObj(raw.items)) out.items = returns(raw.items);
  return out;
}

function permissions(raw: unknown): PermissionDef | null {
  if (!isObj(raw)) return null;
  const out: PermissionDef = {};
  if (isObj(raw.expression) && Array.isArray(raw.expression.check)) {
    out.check = raw.expression.check;
  }
  if (typeof raw.user === 'string') out.user = raw.user;
  if (typeof raw.description === 'string') out.description = raw.description;
  return out;
}

const VERBS = new Set<Verb>(['GET', 'POST', 'PUT', 'DELETE']);

/**
 * Derives the compact schema from PVE's normalised schema JSON
 * (`paths[].methods[]` with `verb`, `parameters[].definition`, …).
 * Throws on input that is not of that shape: it runs at build time only.
 */
export function deriveCompactSchema(raw: unknown, file: string): CompactSchema {
  if (!isObj(raw) || !Array.isArray(raw.paths)) throw new Error(`${file}: no paths[]`);
  const paths: CompactSchema['paths'] = {};
  for (const p of raw.paths) {
    if (!isObj(p) || typeof p.path !== 'string' || !Array.isArray(p.methods)) {
      throw new Error(`${file}: malformed path entry`);
    }
    const methods: Partial<Record<Verb, MethodDef>> = {};
    for (const m of p.methods) {
      if (!isObj(m) || !VERBS.has(m.verb as Verb))
        throw new Error(`${file}: ${p.path}: bad method`);
      const params: Record<string, ParamDef> = {};
      for (const q of Array.isArray(m.parameters) ? m.parameters : []) {
        if (!isObj(q) || typeof q.name !== 'string' || !isObj(q.definition)) {
          throw new Error(`${file}: ${p.path}: bad parameter`);
        }
        params[q.name] = param(q.name, q.definition);
      }
      const extra = isObj(m.extra) ? m.extra : {};
      const def: MethodDef = {
        name: String(m.name),
        allowToken: truthy(m.allow_token),
        protected: truthy(m.protected),
        permissions: permissions(m.permissions),
        params,
        returns: returns(m.returns),
      };
      if (typeof extra.proxyto === 'string') def.proxyto = extra.proxyto;
      methods[m.verb as Verb] = def;
    }
    paths[p.path] = methods;
  }
  return {
    source: {
      file,
      version: String(raw.source_version),
      sha256: String(raw.raw_sha256),
    },
    paths,
  };
}

import { PVE_API_JSON } from './generated/pve-api.js';
import type { CompactSchema, MethodDef, Verb } from './types.js';

let cached: CompactSchema | undefined;

/** The PVE API schema shipped with this package (parsed once, on first use). */
export function pveSchema(): CompactSchema {
  cached ??= JSON.parse(PVE_API_JSON) as CompactSchema;
  return cached;
}

interface TrieNode {
  literal: Map<string, TrieNode>;
  param?: { name: string; node: TrieNode };
  template?: string;
}

const tries = new WeakMap<CompactSchema, TrieNode>();

function trie(schema: CompactSchema): TrieNode {
  let root = tries.get(schema);
  if (root) return root;
  root = { literal: new Map() };
  for (const template of Object.keys(schema.paths)) {
    let node = root;
    for (const seg of template.split('/').filter(Boolean)) {
      const m = /^\{(.+)\}$/.exec(seg);
      if (m) {
        node.param ??= { name: m[1]!, node: { literal: new Map() } };
        node = node.param.node;
      } else {
        let next = node.literal.get(seg);
        if (!next) {
          next = { literal: new Map() };
          node.literal.set(seg, next);
        }
        node = next;
      }
    }
    node.template = template;
  }
  tries.set(schema, root);
  return root;
}

export interface RouteMatch {
  /** The schema's path, e.g. `/nodes/{node}/qemu/{vmid}/clone`. */
  template: string;
  /** Values of the `{…}` segments, URL-decoded. */
  pathParams: Record<string, string>;
  methods: Partial<Record<Verb, MethodDef>>;
}

/**
 * Finds the schema path for a concrete API path (below `/api2/json`).
 * Literal segments win over `{param}` segments, as in PVE's router.
 */
export function matchPath(schema: CompactSchema, path: string): RouteMatch | null {
  const segs = path.split('/').filter(Boolean);
  const walk = (node: TrieNode, i: number, params: Record<string, string>): RouteMatch | null => {
    if (i === segs.length) {
      return node.template
        ? { template: node.template, pathParams: params, methods: schema.paths[node.template]! }
        : null;
    }
    const seg = segs[i]!;
    const lit = node.literal.get(seg);
    if (lit) {
      const r = walk(lit, i + 1, params);
      if (r) return r;
    }
    if (node.param) {
      let value: string;
      try {
        value = decodeURIComponent(seg);
      } catch {
        return null;
      }
      return walk(node.param.node, i + 1, { ...params, [node.param.name]: value });
    }
    return null;
  };
  return walk(trie(schema), 0, {});
}

/** The method definition for `verb template`, or undefined. */
export function methodDef(
  schema: CompactSchema,
  verb: Verb,
  template: string,
): MethodDef | undefined {
  return schema.paths[template]?.[verb];
}

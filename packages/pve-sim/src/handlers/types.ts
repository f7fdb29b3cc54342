import type { ParamValue } from '@blockhost/proxmox/schema';
import type { SimCore } from '../core.js';

export interface HandlerCtx {
  sim: SimCore;
  /** Validated, type-coerced parameters (path parameters included). */
  params: Record<string, ParamValue>;
  /** `user@realm` or `user@realm!token`. */
  authid: string;
}

export type Handler = (ctx: HandlerCtx) => unknown;

/** Handlers keyed `VERB /schema/path`. */
export type HandlerTable = Record<string, Handler>;

export const str = (v: ParamValue | undefined): string | undefined =>
  v === undefined ? undefined : Array.isArray(v) ? v.join(',') : String(v);

export const int = (v: ParamValue | undefined): number | undefined =>
  v === undefined ? undefined : Number(v);

export const bool = (v: ParamValue | undefined): boolean | undefined =>
  v === undefined ? undefined : v === true || v === 1 || v === '1';

/** PVE writes booleans as 0/1 in JSON. */
export const b01 = (v: boolean | undefined) => (v ? 1 : 0);

import { err, ok, type Result } from 'neverthrow';
import { InvalidInputError, PoolExhaustedError } from '../errors.js';

/** Proxmox accepts VMIDs 100 … 999,999,999. */
export const PVE_VMID_MIN = 100;
export const PVE_VMID_MAX = 999_999_999;

export interface VmidRange {
  readonly start: number;
  readonly end: number;
}

export function checkVmidRange(range: VmidRange): Result<VmidRange, InvalidInputError> {
  const { start, end } = range;
  if (!Number.isInteger(start) || !Number.isInteger(end)) {
    return err(new InvalidInputError('vmid_range', 'start and end must be integers'));
  }
  if (start < PVE_VMID_MIN || end > PVE_VMID_MAX) {
    return err(
      new InvalidInputError('vmid_range', `must lie within ${PVE_VMID_MIN}..${PVE_VMID_MAX}`),
    );
  }
  if (start > end) return err(new InvalidInputError('vmid_range', 'start must not exceed end'));
  return ok(range);
}

/**
 * The lowest VMID in `range` not in `taken`. Deterministic: the same inputs
 * always give the same id, so a retried allocation picks the same one.
 */
export function allocateVmid(
  range: VmidRange,
  taken: Iterable<number>,
): Result<number, PoolExhaustedError | InvalidInputError> {
  return checkVmidRange(range).andThen(() => {
    const used = new Set(taken);
    for (let id = range.start; id <= range.end; id++) {
      if (!used.has(id)) return ok(id);
    }
    return err(
      new PoolExhaustedError(`VMID range ${range.start}-${range.end}`, {
        details: `all ${range.end - range.start + 1} ids are taken`,
      }),
    );
  });
}

export function countFreeVmids(range: VmidRange, taken: Iterable<number>): number {
  let used = 0;
  for (const id of new Set(taken)) if (id >= range.start && id <= range.end) used++;
  return Math.max(0, range.end - range.start + 1 - used);
}

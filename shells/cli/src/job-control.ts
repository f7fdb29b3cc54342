/**
 * `blockhost job retry|cancel` on the daemon's job journal: the journal
 * changes live in @blockhost/host (`requeueJob`, `cancelJob`); here their
 * refusals become CLI errors (exit 1, with the hint).
 */
import {
  cancelJob as cancelInJournal,
  type Db,
  JobControlError,
  type JobRow,
  requeueJob as requeueInJournal,
  requireJob as requireInJournal,
} from '@blockhost/host';
import { CliError, EXIT } from './framework/errors.js';

function asCliError<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof JobControlError) throw new CliError(e.message, EXIT.failed, e.hint);
    throw e;
  }
}

export const requireJob = (db: Db, id: number): JobRow =>
  asCliError(() => requireInJournal(db, id));
export const requeueJob = (db: Db, id: number, now: number): JobRow =>
  asCliError(() => requeueInJournal(db, id, now));
export const cancelJob = (db: Db, id: number, now: number): JobRow =>
  asCliError(() => cancelInJournal(db, id, now));

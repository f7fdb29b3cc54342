import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.js';
import { cacheStatements } from './statement-cache.js';

export type Db = Database.Database;

export interface OpenDbOptions {
  /** Open an existing database only (the CLI must not create an empty one). */
  mustExist?: boolean;
  readonly?: boolean;
}

export class DatabaseMissingError extends Error {
  readonly code = 'DB_MISSING';
  constructor(readonly path: string) {
    super(`no BlockHost database at ${path}`);
  }
}

/**
 * Opens (and migrates) the journal. WAL lets the CLI read while the daemon
 * writes. `synchronous=NORMAL`: a committed step survives the daemon's crash
 * (SIGKILL included); an OS crash or power loss may take back the last few
 * commits but never corrupts — those steps run again (every step is
 * idempotent, a minted NFT is found on chain, a cloned VM by its tags). FULL
 * fsynced every commit: 1–2 ms of a blocked event loop each, a dozen per VM.
 */
export function openDb(path: string, options: OpenDbOptions = {}): Db {
  const fresh = path !== ':memory:' && !existsSync(path);
  if (fresh && (options.mustExist || options.readonly)) throw new DatabaseMissingError(path);
  if (fresh) mkdirSync(dirname(path), { recursive: true, mode: 0o750 });
  const db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: !fresh });
  if (fresh) chmodSync(path, 0o640);
  db.pragma('busy_timeout = 5000');
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
  }
  cacheStatements(db);
  return db;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function migrate(db: Db): void {
  const current = schemaVersion(db);
  const latest = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
  if (current > latest) {
    throw new Error(
      `database schema version ${current} is newer than this blockhostd understands (${latest}); upgrade BlockHost`,
    );
  }
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
}

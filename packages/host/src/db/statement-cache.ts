import type Database from 'better-sqlite3';

/** Distinct SQL texts kept prepared; past this the cache starts over (dynamic SQL stays bounded). */
const MAX_STATEMENTS = 512;

/**
 * Makes `db.prepare` return the already prepared statement for a SQL text it has seen: the
 * journal's helpers prepare their statements on every call, and compiling SQL was a large share
 * of the daemon's CPU per VM. Safe because no caller changes a statement's mode (`pluck`, `raw`,
 * `expand`) or keeps one busy (`iterate`): run/get/all finish before they return.
 */
export function cacheStatements(db: Database.Database): void {
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, Database.Statement>();
  const cached = ((sql: string) => {
    let s = cache.get(sql);
    if (!s) {
      if (cache.size >= MAX_STATEMENTS) cache.clear();
      s = prepare(sql);
      cache.set(sql, s);
    }
    return s;
  }) as Database.Database['prepare'];
  db.prepare = cached;
}

// Repository code runs on SQLite and PostgreSQL (docs/postgresql.md, "Repositories on both dialects").
// A source scan of src/db/repositories/**/*.ts fails on what only works on SQLite's driver:
//  1. drizzle's synchronous terminators: `.get()`, `.all()`, `.run()` (no arguments), `.values()` ending a
//     builder chain, `.get({…})` / `.all({…})` / `.run({…})` on a prepared statement, and
//     `db.get/all/run/values(…)` / `tx.…(…)` with raw SQL. Await the builder; use first/rows/affected/prepared
//     from src/db/dialect.ts.
//  2. a value import from the SQLite schema (`../schema/…`): a query builder only accepts tables of its own
//     dialect, so tables come from the handle (`tablesOf(db)`); `import type` is fine.
// A line (or an import statement) may opt out with a `dialect-check: <reason>` comment, saying why.
// A file that is one dialect's half of a read (DIALECT_HALVES) is not scanned.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join('src', 'db', 'repositories');
// The SQLite half of a read written for both dialects (coverage/dialect-reads.ts: the coverage
// snapshot is read synchronously in one better-sqlite3 read transaction; its PostgreSQL half awaits).
const DIALECT_HALVES = new Set(['coverage/dialect-reads.ts'].map((file) => join(ROOT, file)));

const SYNC_CALLS = [
  /\.(get|all|run)\(\)/, // a builder's synchronous terminator
  /(\)|^\s*)\.values\(\)/, // .values() ending a builder chain (Map/Set .values() follows a name)
  /\.(get|all|run)\(\s*\{/, // a prepared statement run with placeholder values (insert().values({…}) is fine)
  /\b(db|tx)\.(get|all|run|values)\s*[<(]/, // raw SQL through the SQLite session
];
const SCHEMA_IMPORT = /^\s*import\s+(?!type\b)[^;]*?from\s+['"](\.\.\/)+schema(\/[^'"]*)?['"]/;

const offenders = [];

function scan(path) {
  const lines = readFileSync(path, 'utf8').split('\n');
  const found = [];
  // Imports may span lines: join each import statement before matching it.
  const text = lines.join('\n');
  for (const match of text.matchAll(/^import\s[^;]*;/gm)) {
    if (SCHEMA_IMPORT.test(match[0]) && !match[0].includes('dialect-check:') && !/import\s*\{\s*(type\s+\w+\s*,?\s*)+\}/.test(match[0])) {
      const line = text.slice(0, match.index).split('\n').length;
      found.push(`${path}:${line}: value import of SQLite tables: ${match[0].split('\n')[0].trim()}`);
    }
  }
  lines.forEach((line, i) => {
    if (line.includes('dialect-check:')) return;
    if (/^\s*(\/\*\*?|\*)/.test(line)) return; // a doc comment
    const code = line.replace(/\/\/.*$/, '');
    if (SYNC_CALLS.some((pattern) => pattern.test(code))) found.push(`${path}:${i + 1}: synchronous SQLite call: ${line.trim()}`);
  });
  return found;
}

function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (path.endsWith('.ts')) {
      if (!DIALECT_HALVES.has(path)) offenders.push(...scan(path));
    }
  }
}

walk(ROOT);
if (offenders.length > 0) {
  console.error(
    `Repository code that only runs on SQLite (await the builder and use src/db/dialect.ts; tables come from tablesOf(db)):\n${offenders.join('\n')}`,
  );
  process.exit(1);
}

'use strict';
/**
 * The coverage repository's read worker (see readInWorker in coverage-repository.ts): reads whole
 * tables as columns on its own read-only connection, in one read transaction, while the main
 * thread reads the other tables. Plain CommonJS, so that it loads the same way under node, tsx
 * and vitest (none of them has to compile it); better-sqlite3 is resolved from this file.
 *
 * Request: { id, file, tables: [{ sql }] } where each `sql` is one `SELECT CAST(json_group_array(…) AS BLOB), …`
 * statement. Reply: { id, revision, schema, tables: [{ n, columns: Float64Array[] }] }, the
 * columns' buffers transferred (no copy); or { id, error }.
 */
const { parentPort } = require('node:worker_threads');
const Sqlite = require('better-sqlite3');

// The same statement as the repository's GRAPH_VERSION (the revision and schema parts).
const VERSION_SQL = `SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'coverage_changes'), 0) AS r,
  (SELECT schema_version FROM pragma_schema_version()) AS s`;

/**
 * A JSON array of numbers (and nulls, as NaN), given as bytes (a BLOB), as a Float64Array: the same parser as `numbers` in
 * coverage-repository.ts (a test compares the two reads).
 */
function numbers(json, count) {
  const len = json.length;
  if (len <= 2) return new Float64Array(0);
  let n = count;
  if (n < 0) {
    n = 1;
    for (let i = 1; i < len - 1; i++) if (json[i] === 44 /* , */) n++;
  }
  const out = new Float64Array(n);
  let k = 0;
  let i = 1;
  while (i < len) {
    let c = json[i];
    if (c === 110 /* n */ && json[i + 1] === 117 && json[i + 2] === 108 && json[i + 3] === 108) {
      out[k++] = NaN;
      i += 5;
      continue;
    }
    const negative = c === 45; /* - */
    if (negative) c = json[++i];
    const from = i;
    let v = 0;
    while (c >= 48 && c <= 57) {
      v = v * 10 + (c - 48);
      c = json[++i];
    }
    if ((c !== 44 && c !== 93) /* , ] */ || i === from || i - from > 15 || k === n) return slowNumbers(json);
    out[k++] = negative ? -v : v;
    i++;
  }
  return k === n ? out : slowNumbers(json);
}

function slowNumbers(json) {
  const values = JSON.parse(Buffer.from(json.buffer, json.byteOffset, json.byteLength).toString('utf8'));
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = typeof v === 'number' ? v : v === null ? NaN : Number(v);
  }
  return out;
}

function read(request) {
  const db = new Sqlite(request.file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    db.exec('BEGIN');
    try {
      const version = db.prepare(VERSION_SQL).get();
      const tables = request.tables.map(({ sql }) => {
        const row = db.prepare(sql).raw().get();
        const first = numbers(row[0], -1);
        const columns = row.map((json, c) => (c === 0 ? first : numbers(json, first.length)));
        return { n: first.length, columns };
      });
      return { id: request.id, revision: version.r, schema: version.s, tables };
    } finally {
      db.exec('COMMIT');
    }
  } finally {
    db.close();
  }
}

parentPort.on('message', (request) => {
  let reply;
  try {
    reply = read(request);
  } catch (error) {
    parentPort.postMessage({ id: request.id, error: String((error && error.stack) || error) });
    return;
  }
  const buffers = [];
  for (const table of reply.tables) for (const column of table.columns) buffers.push(column.buffer);
  parentPort.postMessage(reply, buffers);
});

'use strict';
/**
 * The coverage repository's read worker (see refreshGraph in coverage-repository.ts): reads whole
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
const { tableColumns, REVISION_SQL, SCHEMA_VERSION_SQL } = require('./json-number-column.cjs');

// The revision and schema parts of the repository's graph version.
const VERSION_SQL = `SELECT ${REVISION_SQL} AS r, ${SCHEMA_VERSION_SQL} AS s`;

function read(request) {
  const db = new Sqlite(request.file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    db.exec('BEGIN');
    try {
      const version = db.prepare(VERSION_SQL).get();
      const tables = request.tables.map(({ sql }) => tableColumns(db.prepare(sql).raw().get()));
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

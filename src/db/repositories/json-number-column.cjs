'use strict';
/**
 * The column parser shared by the coverage repository and its read worker. Plain CommonJS, so the
 * worker (which nothing compiles) can require it as well as TypeScript can import it (types from
 * the JSDoc below; the build copies it to dist/ with allowJs).
 */

/**
 * A JSON array of numbers (and nulls, as NaN), given as bytes (a BLOB of SQLite's
 * json_group_array text), as a Float64Array of `count` values (-1: count the commas). Integers,
 * the usual case, are parsed here without building a JavaScript array; anything else (fractions,
 * exponents, text) goes through JSON.parse.
 * @param {Uint8Array} json
 * @param {number} count
 * @returns {Float64Array}
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

/** @param {Uint8Array} json @returns {Float64Array} */
function slowNumbers(json) {
  const values = JSON.parse(Buffer.from(json.buffer, json.byteOffset, json.byteLength).toString('utf8'));
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = typeof v === 'number' ? v : v === null ? NaN : Number(v);
  }
  return out;
}

/**
 * The columns of one `SELECT CAST(json_group_array(…) AS BLOB), …` row: every column has the
 * table's row count, counted once, on the first column. (PostgreSQL sends its columns in
 * another form: dialect-reads.ts.)
 * @param {readonly Uint8Array[]} row
 * @returns {{ n: number; columns: Float64Array[] }}
 */
function tableColumns(row) {
  const first = numbers(row[0], -1);
  const columns = row.map((json, c) => (c === 0 ? first : numbers(json, first.length)));
  return { n: first.length, columns };
}

/** SQL of the coverage graph's revision (the change log's last sequence number) and of the schema version. */
const REVISION_SQL = "coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'coverage_changes'), 0)";
const SCHEMA_VERSION_SQL = '(SELECT schema_version FROM pragma_schema_version())';

module.exports = { numbers, tableColumns, REVISION_SQL, SCHEMA_VERSION_SQL };

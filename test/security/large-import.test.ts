/**
 * No size limit hidden in SQL: a controls CSV with more rows than SQLite binds variables in one
 * statement (32,766) imports like a small one. The import used to look its refIds up with one
 * `IN (?, ?, …)` per row and failed with INTERNAL_SERVER_ERROR ("too many SQL variables").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type GraphQLClient, type TestServer } from '../support/server.js';

/** Just over SQLite's limit of bound variables in one statement (32,766): more rows prove nothing more. */
const ROWS = 33_000;
const IMPORT = `mutation($input: CatalogImportInput!) {
  catalogImport(input: $input) { report { applied counts { kind created updated unchanged } rejected { location } } userErrors { code message } }
}`;

/** `control,title` and ROWS rows (short, so the document stays under the 1 MiB request body). */
function controlsCsv(title: string): string {
  const lines = ['control,title'];
  for (let i = 0; i < ROWS; i++) lines.push(`B${i},${title}`);
  return `${lines.join('\n')}\n`;
}

let server: TestServer;
let editor: GraphQLClient;
beforeAll(async () => {
  server = await startTestServer();
  editor = await server.as('EDITOR');
});
afterAll(() => server.close());

describe(`a controls CSV of ${ROWS.toLocaleString('en')} rows (over SQLite's 32,766 variables)`, () => {
  it('imports as an EDITOR (HTTP 200, no errors), every control is there, and importing it again changes each one', { timeout: 180_000 }, async () => {
    const first = await editor.gql(IMPORT, { input: { content: controlsCsv('t'), format: 'CSV_CONTROLS' } });
    expect([first.status, first.errors]).toEqual([200, undefined]);
    expect(first.data.catalogImport.userErrors).toEqual([]);
    expect(first.data.catalogImport.report).toMatchObject({ applied: true, rejected: [] });
    expect(first.data.catalogImport.report.counts.find((c: { kind: string }) => c.kind === 'controls')).toEqual({ kind: 'controls', created: ROWS, updated: 0, unchanged: 0 });
    expect((await editor.data(`{ controls { totalCount } }`)).controls.totalCount).toBe(ROWS);

    // Every row now matches an existing control: the lookup of all ROWS refIds finds them all.
    const second = await editor.gql(IMPORT, { input: { content: controlsCsv('u'), format: 'CSV_CONTROLS' } });
    expect([second.status, second.errors, second.data.catalogImport.userErrors]).toEqual([200, undefined, []]);
    expect(second.data.catalogImport.report.counts.find((c: { kind: string }) => c.kind === 'controls')).toEqual({ kind: 'controls', created: 0, updated: ROWS, unchanged: 0 });
    expect((await editor.data(`{ control(refId: "B${ROWS - 1}") { title } }`)).control).toEqual({ title: 'u' });
  });
});

/**
 * Evidence file names that disguise themselves: a right-to-left override makes
 * `invoice_\u202Efdp.exe` show as "invoice_exe.pdf". Refused like in keys (refIds), on every
 * path that writes a name; a name stored before the rule never reaches a download as it is.
 *
 * | case                                                    | role        | status | code            |
 * |---------------------------------------------------------|-------------|--------|-----------------|
 * | evidenceAttach / evidenceAttachBulk with such a name    | CONTRIBUTOR | 200    | INVALID (field) |
 * | catalogImport of a bundle whose evidence has such a name| ADMIN       | 200    | INVALID         |
 * | download of a name stored before the rule               | VIEWER      | 200    | (neutralised)   |
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentDisposition, filenameProblem } from '../../src/domain/blobs.js';
import { createControl, ERRORS, openDatabaseFile } from '../access/helpers.js';
import { get, put, sha256 } from '../evidence-files/helpers.js';
import { bundleExport, importFile } from '../interop/export-support.js';
import { startTestServer, type GraphQLClient, type TestServer } from '../support/server.js';

const DISGUISED = [
  ['a right-to-left override', 'invoice_\u202Efdp.exe', 'U+202E'],
  ['a zero-width space', 'report\u200B.pdf', 'U+200B'],
  ['a bidirectional isolate', '\u2067report.pdf\u2069', 'U+2067'],
  ['a byte order mark', '\uFEFFreport.pdf', 'U+FEFF'],
] as const;

let server: TestServer;
let contributor: GraphQLClient;
let control: string;
let fileSha: string;
// Each test gets its own server (with one control and one uploaded file): the download test
// stores a disguised name that a bundle export in another test would meet first.
beforeEach(async () => {
  server = await startTestServer();
  contributor = await server.as('CONTRIBUTOR');
  control = await createControl(server, 'FILENAME-TARGET');
  const file = Buffer.from('%PDF-1.7 not really');
  expect((await put(server, file)).status).toBe(201);
  fileSha = sha256(file);
});
afterEach(() => server.close());

const ATTACH = `mutation($input: EvidenceAttachInput!) { evidenceAttach(input: $input) { evidence { id } ${ERRORS} } }`;
const ATTACH_BULK = `mutation($input: EvidenceAttachBulkInput!) { evidenceAttachBulk(input: $input) { results { evidence { id } userErrors { field code message } } ${ERRORS} } }`;

describe('file names with invisible or text-direction characters', () => {
  it.each(DISGUISED)('evidenceAttach refuses a name with %s as INVALID, naming the character and the fix', async (_name, filename, codePoint) => {
    const body = await contributor.gql(ATTACH, { input: { controlIds: [control], sha256: fileSha, filename } });
    expect(body.status).toBe(200);
    expect(body.data.evidenceAttach).toEqual({
      evidence: null,
      userErrors: [{ field: ['input', 'filename'], code: 'INVALID', message: expect.stringContaining(`invisible or text-direction characters (found ${codePoint}`) }],
    });
    expect(body.data.evidenceAttach.userErrors[0].message).toMatch(/give the name without it/);
  });

  it('evidenceAttachBulk refuses the item with the disguised name and attaches the others', async () => {
    const items = [
      { controlIds: [control], sha256: fileSha, filename: 'invoice_\u202Efdp.exe' },
      { controlIds: [control], sha256: fileSha, filename: 'invoice.pdf' },
    ];
    const d = await contributor.data(ATTACH_BULK, { input: { items } });
    const [bad, good] = d.evidenceAttachBulk.results;
    expect(bad).toEqual({ evidence: null, userErrors: [{ field: ['input', 'items', '0', 'filename'], code: 'INVALID', message: expect.stringContaining('U+202E') }] });
    expect(good.userErrors).toEqual([]);
    const stored = await server.data(`{ evidence(filter: { search: "fdp.exe" }) { totalCount } }`);
    expect(stored.evidence.totalCount).toBe(0);
  });

  it('catalogImport refuses a bundle whose evidence carries such a name (INVALID, naming the JSON path)', async () => {
    await contributor.data(ATTACH, { input: { controlIds: [control], sha256: fileSha, filename: 'bundled-invoice.pdf' } });
    const bundle = JSON.parse((await bundleExport(server)).content);
    const fileEvidence = bundle.evidence.findIndex((e: { filename: string | null }) => e.filename === 'bundled-invoice.pdf');
    expect(fileEvidence).toBeGreaterThanOrEqual(0);
    bundle.evidence[fileEvidence].filename = 'invoice_\u202Efdp.exe';
    const result = await importFile(server, { content: JSON.stringify(bundle), format: 'BUNDLE', dryRun: true });
    expect(result.userErrors).toEqual([
      {
        field: ['input', 'content'],
        code: 'INVALID',
        message: expect.stringMatching(new RegExp(`^\\$\\.evidence\\[${fileEvidence}\\]\\.filename: not a usable Crosswalk bundle: filename must not contain invisible or text-direction characters \\(found U\\+202E`)),
      },
    ]);
  });

  it('a download of a name stored before the rule shows the characters as _ (never reordering the name)', async () => {
    const d = await contributor.data(ATTACH, { input: { controlIds: [control], sha256: fileSha, filename: 'legacy-invoice.pdf' } });
    const evidenceId = d.evidenceAttach.evidence.id as string;
    const row = Number(Buffer.from(evidenceId, 'base64url').toString().split(':')[1]);
    const db = await openDatabaseFile(server);
    await db.run('UPDATE evidence SET filename = ? WHERE id = ?', ['invoice_\u202Efdp.exe', row]);
    await db.close();
    const viewer = await server.as('VIEWER');
    const answer = await get({ url: server.url, token: viewer.token }, `${fileSha}?evidence=${evidenceId}`);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-disposition']).toBe('attachment; filename=invoice__fdp.exe');
    expect(answer.headers['content-disposition']).not.toMatch(/%E2%80%AE/i);
  });

  it('keeps ordinary names, letters of every script and emoji', () => {
    for (const name of ['report.pdf', 'ünïcödé 📄.pdf', 'تقرير.pdf', 'отчёт (1).docx']) expect(filenameProblem(name), name).toBeNull();
    expect(filenameProblem('bell\u0085.txt')).toBe('must not contain control characters');
    expect(contentDisposition('\u2066a\u2069.pdf')).toBe('attachment; filename=_a_.pdf');
    expect(contentDisposition('تقرير\u200F.pdf')).toBe(`attachment; filename="?????_.pdf"; filename*=UTF-8''%D8%AA%D9%82%D8%B1%D9%8A%D8%B1_.pdf`);
  });
});

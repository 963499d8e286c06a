/**
 * Hostile suite, forged provenance (issue 16, item 3): a bundle restore brings evidence, reviews,
 * authors and instants recorded elsewhere, so it needs ADMIN (checked by the import service, beyond
 * catalogImport's own EDITOR rule), and what it restores is marked as claimed, restored by whom
 * from which bundle — never as if the named reviewer had reviewed it here.
 *
 * | request                                                                  | role   | expected                                   |
 * |--------------------------------------------------------------------------|--------|--------------------------------------------|
 * | evidenceCreate                                                           | EDITOR | userErrors FORBIDDEN                       |
 * | catalogImport BUNDLE with ACCEPTED evidence reviewed by "token:99 (…)"   | EDITOR | 200, userErrors FORBIDDEN naming the evidence; nothing written; audited DENIED |
 * | the same restore                                                         | ADMIN  | 200, restored; provenance claimed + restoredBy/restoredFrom; audit entry restoredFrom; coverage counts the review |
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type GraphQLClient, type TestServer } from '../support/server.js';
import { Builder } from '../api/coverage-helpers.js';
import { auditEntries } from '../access/helpers.js';

const FORGER = 'token:99 (external-auditor)';
const BACKDATED = '2025-01-01T00:00:00.000Z';
const BEFORE = '2024-12-31T00:00:00.000Z';

let source: TestServer;
let target: TestServer;
let editor: GraphQLClient;
let forged: string;
let sourceCovered: number;

const IMPORT = `mutation($input: CatalogImportInput!) { catalogImport(input: $input) {
  report { applied counts { kind created } } userErrors { field message code } } }`;
const EVIDENCE = `{ evidence(first: 10) { edges { node { title status createdBy createdAt reviewedBy reviewedAt
  provenance { claimed restoredBy restoredFrom restoredAt }
  reviews { status reviewedBy reviewedAt provenance { claimed restoredBy restoredFrom } } } } } }`;
const COVERED = '{ coverage { totals { total covered } } }';

beforeAll(async () => {
  source = await startTestServer();
  const build = new Builder(source);
  const framework = await build.framework('prov-fw');
  const requirement = await build.requirement(framework, 'prov-1');
  await build.map(requirement, await build.effectiveControl({ refId: 'PROV-C1' }));
  sourceCovered = (await source.data(COVERED)).coverage.totals.covered;

  // The attack: an exported bundle whose evidence claims an outside reviewer, backdated.
  const bundle = JSON.parse((await source.data('{ bundleExport { content } }')).bundleExport.content);
  for (const e of bundle.evidence) {
    Object.assign(e, { createdBy: FORGER, createdAt: BEFORE, collectedAt: BEFORE, updatedAt: BACKDATED, reviewedBy: FORGER, reviewedAt: BACKDATED });
    for (const r of e.reviews) Object.assign(r, { reviewedBy: FORGER, reviewedAt: BACKDATED });
  }
  forged = JSON.stringify(bundle);

  target = await startTestServer(); // empty (no seed)
  editor = await target.as('EDITOR');
}, 120_000);
afterAll(async () => {
  await source?.close();
  await target?.close();
});

describe('restoring evidence from a bundle', () => {
  it('an EDITOR may not create evidence live', async () => {
    const d = await editor.data(
      `mutation($input: EvidenceCreateInput!) { evidenceCreate(input: $input) { userErrors { code } } }`,
      { input: { kind: 'ATTESTATION', title: 'x', controlIds: ['x'] } },
    );
    expect(d.evidenceCreate.userErrors).toEqual([{ code: 'FORBIDDEN' }]);
  });

  it('refuses an EDITOR restoring ACCEPTED evidence with an invented reviewer: FORBIDDEN naming the evidence, nothing written, audited', async () => {
    expect(sourceCovered).toBe(1);
    const evidenceBefore = (await target.data(EVIDENCE)).evidence.edges;
    const frameworksBefore = (await target.data('{ frameworks { totalCount } }')).frameworks.totalCount;
    const d = await editor.data(IMPORT, { input: { format: 'BUNDLE', content: forged } });
    expect(d.catalogImport.report).toBeNull();
    expect(d.catalogImport.userErrors).toHaveLength(1);
    const [error] = d.catalogImport.userErrors;
    expect(error).toMatchObject({ code: 'FORBIDDEN', field: ['input', 'content'] });
    expect(error.message).toMatch(/^restoring a bundle needs ADMIN/);
    expect(error.message).toContain('$.evidence[0], ACCEPTED, reviewed by "token:99 (external-auditor)"');
    expect(error.message).toMatch(/A EDITOR may import catalog content only/);

    // Nothing written (the ADMIN's restore of the other test may have run before).
    expect((await target.data(EVIDENCE)).evidence.edges).toEqual(evidenceBefore);
    expect((await target.data('{ frameworks { totalCount } }')).frameworks.totalCount).toBe(frameworksBefore);
    const attempts = (await auditEntries(target, { actions: ['catalogImport'] })).filter((e) => e.actorRole === 'EDITOR');
    expect(attempts.map((e) => e.outcome)).toEqual(['DENIED']);
  });

  it('restores it for an ADMIN, marked as claimed and restored by the ADMIN from that bundle; the review still counts for coverage', async () => {
    const d = await target.data(IMPORT, { input: { format: 'BUNDLE', content: forged, sourceName: 'forged.json' } });
    expect(d.catalogImport.userErrors).toEqual([]);
    expect(d.catalogImport.report.applied).toBe(true);

    const [entry] = (await auditEntries(target, { actions: ['catalogImport'] })).filter((e) => e.outcome === 'SUCCESS');
    const restoredFrom = `sha256:${createHash('sha256').update(forged, 'utf8').digest('hex')} (forged.json)`;
    expect(entry).toMatchObject({ actorRole: 'ADMIN', outcome: 'SUCCESS' });
    expect(entry.after).toMatchObject({ format: 'BUNDLE', restoredFrom });

    const [evidence] = (await target.data(EVIDENCE)).evidence.edges.map((e: any) => e.node);
    const provenance = { claimed: true, restoredBy: entry.actorId, restoredFrom };
    // The original attribution is kept as the bundle's claim, next to who really restored it.
    expect(evidence).toMatchObject({ status: 'ACCEPTED', createdBy: FORGER, reviewedBy: FORGER, reviewedAt: BACKDATED, provenance });
    expect(evidence.provenance.restoredAt).toBe(entry.at);
    expect(evidence.reviews).toEqual([{ status: 'ACCEPTED', reviewedBy: FORGER, reviewedAt: BACKDATED, provenance }]);
    expect(entry.actorId).not.toBe(FORGER.split(' ')[0]);

    expect((await target.data(COVERED)).coverage.totals.covered).toBe(sourceCovered);
  });

  it('leaves evidence recorded here without provenance', async () => {
    const [evidence] = (await source.data(EVIDENCE)).evidence.edges.map((e: any) => e.node);
    expect(evidence.provenance).toBeNull();
    expect(evidence.reviews[0].provenance).toBeNull();
  });
});

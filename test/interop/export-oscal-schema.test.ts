/**
 * Every OSCAL export validates against NIST's complete JSON schemas 1.1.2 and 1.2.1 (ajv, in tests
 * only), also for data OSCAL's single-line fields cannot hold as typed: titles, names and file
 * with line breaks, edge white space, Unicode (accents, CJK, emoji, right-to-left) and titles
 * at the longest the API takes.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Builder } from '../api/coverage-helpers.js';
import { oscalSchemaErrors, OSCAL_SCHEMA_VERSIONS, prepareOscalSchemas } from '../support/oscal-schema.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { aiSystemId, assessmentResults, upload, useExportGraph } from './export-support.js';

let server: TestServer;
let systemId: string;
/** An AI system without frameworks: nothing to evaluate. */
let bareSystemId: string;
const ERRORS = 'userErrors { field message code }';
const mutate = async (field: string, type: string, input: Record<string, unknown>, select: string) => {
  const d = await server.data(`mutation($input: ${type}!) { ${field}(input: $input) { ${select} ${ERRORS} } }`, { input });
  expect(d[field].userErrors, field).toEqual([]);
  return d[field];
};

const MULTILINE = 'Données personnelles\n— 個人情報の保護 🚀\r\nand  עברית ';
const LONG = `${'Very long title '.repeat(18)}end`.slice(0, 300);

beforeAll(async () => {
  prepareOscalSchemas();
  server = await startTestServer();
  const b = new Builder(server);
  const framework = (await mutate('frameworkCreate', 'FrameworkCreateInput', { refId: 'schema-fw', name: ` Framework\nwith a line break `, kind: 'STANDARD', version: '1.0\n(draft)' }, 'framework { id }')).framework.id;
  const requirement = async (refId: string, title: string, parentId?: string) =>
    (await mutate('requirementCreate', 'RequirementCreateInput', { frameworkId: framework, refId, title, statement: `${title}\n\nSecond paragraph.`, parentId }, 'requirement { id }')).requirement.id;
  const parent = await requirement('Réq 1', MULTILINE);
  const leaf = await requirement('Réq 1.1', LONG, parent);
  const other = await requirement('2', '\tTabbed\ttitle\n');
  const control = async (refId: string, title: string) =>
    (await mutate('controlCreate', 'ControlCreateInput', { refId, title, type: 'PREVENTIVE', implementationStatus: 'IMPLEMENTED' }, 'control { id }')).control.id;
  const c1 = await control('CTL-ü', MULTILINE);
  const c2 = await control('CTL-long', LONG);
  await b.map(leaf, c1, 'EQUAL');
  await b.map(other, c2, 'SUBSET_OF');
  const empty = await b.framework('schema-empty');
  const system = async (name: string, frameworkIds: string[]) =>
    (await mutate('aiSystemCreate', 'AISystemCreateInput', { name, riskLevel: 'HIGH', role: 'PROVIDER', frameworkIds }, 'aiSystem { id }')).aiSystem.id;
  systemId = await system('Chatbot v2 — 客服', [framework, empty]);
  bareSystemId = await system('Bare', []);
  // Evidence of every kind, titles with line breaks and edge white space, a Unicode file name.
  const attestation = (await mutate('evidenceCreate', 'EvidenceCreateInput', { kind: 'ATTESTATION', title: `Signed\nattestation ✓ `, description: 'Line one\nline two', controlIds: [c1] }, 'evidence { id }')).evidence.id;
  await b.review(attestation, 'ACCEPTED');
  await mutate('evidenceCreate', 'EvidenceCreateInput', { kind: 'LINK', title: LONG, url: 'https://example.com/évidence?q=a b', controlIds: [c2], aiSystemId: systemId }, 'evidence { id }');
  const sha256 = await upload(server, Buffer.from('minutes\n', 'utf8'));
  const file = await mutate('evidenceAttach', 'EvidenceAttachInput', { controlIds: [c1, c2], sha256, filename: 'minutes Q1 — résumé.txt', mediaType: 'text/plain', title: '\nMinutes  Q1\n' }, 'evidence { id }');
  await b.review(file.evidence.id, 'ACCEPTED');
}, 120_000);
afterAll(() => server.close());

describe('assessment-results', () => {
  it.each(OSCAL_SCHEMA_VERSIONS)('is valid against the OSCAL %s complete schema, for the organisation and for an AI system', async (version) => {
    for (const aiSystemId of [null, systemId, bareSystemId]) {
      const document = JSON.parse((await assessmentResults(server, { aiSystemId })).content);
      expect(oscalSchemaErrors(document, version)).toEqual([]);
    }
  });

  it('a framework without requirements is named; with no framework in scope the one selection includes "all" of nothing', async () => {
    const reviewed = async (aiSystemId: string) => JSON.parse((await assessmentResults(server, { aiSystemId })).content)['assessment-results'].results[0]['reviewed-controls'];
    const withEmpty = await reviewed(systemId);
    expect(withEmpty.description).toBe('In scope without requirements to evaluate: schema-empty (schema-empty).');
    expect(withEmpty['control-selections']).toHaveLength(1);
    expect(await reviewed(bareSystemId)).toEqual({ 'control-selections': [{ description: 'No framework is in scope: no requirement was evaluated.', 'include-all': {} }] });
  });

  it('keeps the text: line breaks and runs of white space become one space in single-line fields, Unicode and length are kept', async () => {
    const document = JSON.parse((await assessmentResults(server, {})).content)['assessment-results'];
    const result = document.results[0];
    const titles = [...result.observations, ...result.findings, ...document['back-matter'].resources].map((x: { title: string }) => x.title);
    expect(titles).toContain('Control CTL-ü: Données personnelles — 個人情報の保護 🚀 and עברית');
    expect(titles).toContain(`Control CTL-long: ${LONG}`);
    expect(titles).toContain('Minutes Q1');
    expect(titles).toContain('Signed attestation ✓');
    expect(titles).toContain(`Réq 1.1: ${LONG} (Framework with a line break)`);
    const props = document['back-matter'].resources.flatMap((r: { props: { name: string; value: string }[] }) => r.props);
    expect(props).toContainEqual(expect.objectContaining({ name: 'filename', value: 'minutes Q1 — résumé.txt' }));
    // Multi-line fields keep their line breaks.
    expect(document['back-matter'].resources.map((r: { description?: string }) => r.description)).toContain('Line one\nline two');
    // URLs percent-encoded as RFC 3986 wants (the link is evidence of the AI system).
    const forSystem = JSON.parse((await assessmentResults(server, { aiSystemId: systemId })).content)['assessment-results'];
    expect(forSystem['back-matter'].resources.flatMap((r: { rlinks?: { href: string }[] }) => r.rlinks ?? []).map((l: { href: string }) => l.href)).toContain(
      'https://example.com/%C3%A9vidence?q=a%20b',
    );
  });

  it('the schema check itself catches what the export used to produce', () => {
    const document = JSON.parse(readFileSync('test/fixtures/oscal-examples/ifa_assessment-results-example.json', 'utf8'));
    for (const version of OSCAL_SCHEMA_VERSIONS) expect(oscalSchemaErrors(document, version)).toEqual([]);
    document['assessment-results'].results[0].observations[0].title = 'two\nlines';
    document['assessment-results'].results[0].props = [{ name: 'p', value: ' edge ' }];
    document['assessment-results']['back-matter'] = { resources: [{ uuid: 'bd6ba2b4-1f6c-4c33-9a3c-0e6f1f5b6a01', rlinks: [{ href: 'https://example.com/a b' }] }] };
    // 1.1.2 has no pattern for markup-line; 1.2.1 has.
    expect(oscalSchemaErrors(document, '1.1.2')).toEqual([
      '/assessment-results/results/0/props/0/value must match pattern "^\\S(.*\\S)?$"',
      '/assessment-results/back-matter/resources/0/rlinks/0/href must match format "uri-reference"',
    ]);
    expect(oscalSchemaErrors(document, '1.2.1')).toEqual(
      expect.arrayContaining(['/assessment-results/results/0/observations/0/title must match pattern "^[^\n]+$"', '/assessment-results/results/0/props/0/value must match pattern "^\\S(.*\\S)?$"']),
    );
  });
});

describe('assessment-results of the export graph (every evidence kind and state, not-applicable marks, crosswalk inference, withdrawn requirements, history)', () => {
  const fixture = useExportGraph();
  it.each(OSCAL_SCHEMA_VERSIONS)('is valid against the OSCAL %s complete schema at every instant, in both scopes, with and without crosswalks', async (version) => {
    const system = await aiSystemId(fixture.server, 'Support chatbot');
    for (const asOf of fixture.graph.instants) {
      for (const scope of [null, system]) {
        for (const viaCrosswalks of [true, false]) {
          const document = JSON.parse((await assessmentResults(fixture.server, { aiSystemId: scope, asOf, viaCrosswalks })).content);
          expect(oscalSchemaErrors(document, version), `${new Date(asOf).toISOString()} ${scope ?? 'organisation'} ${viaCrosswalks}`).toEqual([]);
        }
      }
    }
  });
});

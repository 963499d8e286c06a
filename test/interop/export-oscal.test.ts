/**
 * assessmentResults over HTTP: an OSCAL 1.1.2 assessment-results document with the structure of
 * NIST's published example (test/fixtures/oscal-examples/ifa_assessment-results-example.json).
 * No schema validator is installed, so the OSCAL rules that matter are checked by hand: the
 * required and allowed keys of every object used (checked against the NIST example too), uuids,
 * instants, tokens, enumerations and the references between parts of the document.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { assessmentResults, coverageJson, FILE_BYTES, useExportGraph } from './export-support.js';

const NIST_EXAMPLE = JSON.parse(readFileSync('test/fixtures/oscal-examples/ifa_assessment-results-example.json', 'utf8'));

const fixture = useExportGraph();

/** OSCAL 1.1.2 assessment-results: required and further allowed keys of the objects an export uses. */
const MODEL: Record<string, { required: string[]; optional: string[] }> = {
  document: { required: ['assessment-results'], optional: [] },
  'assessment-results': { required: ['uuid', 'metadata', 'import-ap', 'results'], optional: ['local-definitions', 'back-matter'] },
  metadata: {
    required: ['title', 'last-modified', 'version', 'oscal-version'],
    optional: ['published', 'revisions', 'document-ids', 'props', 'links', 'roles', 'locations', 'parties', 'responsible-parties', 'actions', 'remarks'],
  },
  'import-ap': { required: ['href'], optional: ['remarks'] },
  result: {
    required: ['uuid', 'title', 'description', 'start', 'reviewed-controls'],
    optional: ['end', 'props', 'links', 'local-definitions', 'attestations', 'assessment-log', 'observations', 'risks', 'findings', 'remarks'],
  },
  'reviewed-controls': { required: ['control-selections'], optional: ['description', 'props', 'links', 'control-objective-selections', 'remarks'] },
  'control-selection': { required: [], optional: ['description', 'props', 'links', 'include-all', 'include-controls', 'exclude-controls', 'remarks'] },
  'select-control-by-id': { required: ['control-id'], optional: ['statement-ids'] },
  observation: {
    required: ['uuid', 'description', 'methods', 'collected'],
    optional: ['title', 'props', 'links', 'types', 'origins', 'subjects', 'relevant-evidence', 'expires', 'remarks'],
  },
  'relevant-evidence': { required: ['description'], optional: ['href', 'props', 'links', 'remarks'] },
  finding: {
    required: ['uuid', 'title', 'description', 'target'],
    optional: ['props', 'links', 'origins', 'implementation-statement-uuid', 'related-observations', 'related-risks', 'remarks'],
  },
  target: { required: ['type', 'target-id', 'status'], optional: ['title', 'description', 'props', 'links', 'implementation-status', 'remarks'] },
  status: { required: ['state'], optional: ['reason', 'remarks'] },
  'implementation-status': { required: ['state'], optional: ['remarks'] },
  'related-observation': { required: ['observation-uuid'], optional: [] },
  prop: { required: ['name', 'value'], optional: ['uuid', 'ns', 'class', 'group', 'remarks'] },
  'back-matter': { required: [], optional: ['resources'] },
  resource: { required: ['uuid'], optional: ['title', 'description', 'props', 'document-ids', 'citation', 'rlinks', 'base64', 'remarks'] },
  rlink: { required: ['href'], optional: ['media-type', 'hashes'] },
  hash: { required: ['algorithm', 'value'], optional: [] },
};

const UUID = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[45][0-9A-Fa-f]{3}-[89ABab][0-9A-Fa-f]{3}-[0-9A-Fa-f]{12}$/;
const DATE_TIME_WITH_TZ = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const TOKEN = /^[\p{L}_][\p{L}\p{N}.\-_]*$/u;

/** Checks an object's keys against the model; returns the problems (paths). */
function shape(value: any, type: string, path: string, problems: string[]): void {
  const model = MODEL[type]!;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push(`${path}: ${type} is not an object`);
    return;
  }
  for (const key of model.required) if (!(key in value)) problems.push(`${path}: ${type} lacks required "${key}"`);
  for (const key of Object.keys(value)) if (!model.required.includes(key) && !model.optional.includes(key)) problems.push(`${path}: "${key}" is not allowed in ${type}`);
  for (const [key, v] of Object.entries(value)) if (Array.isArray(v) && v.length === 0) problems.push(`${path}.${key}: OSCAL arrays hold at least one item`);
}

/** Walks the parts of an assessment-results document the export produces. */
function checkDocument(doc: any): string[] {
  const problems: string[] = [];
  const each = (items: any, type: string, path: string, more?: (item: any, p: string) => void) => {
    if (items === undefined) return;
    if (!Array.isArray(items)) return problems.push(`${path}: not an array`);
    items.forEach((item, i) => {
      shape(item, type, `${path}[${i}]`, problems);
      more?.(item, `${path}[${i}]`);
    });
  };
  const props = (item: any, path: string) =>
    each(item.props, 'prop', `${path}.props`, (p, pp) => {
      if (!TOKEN.test(p.name)) problems.push(`${pp}.name: not a token`);
      if (typeof p.value !== 'string' || !/^\S(.*\S)?$/s.test(p.value)) problems.push(`${pp}.value: not a non-blank string`);
    });
  shape(doc, 'document', '$', problems);
  const ar = doc['assessment-results'];
  shape(ar, 'assessment-results', '$.assessment-results', problems);
  shape(ar.metadata, 'metadata', '$.metadata', problems);
  if (!DATE_TIME_WITH_TZ.test(ar.metadata['last-modified'])) problems.push('$.metadata.last-modified: not a date-time with a time zone');
  shape(ar['import-ap'], 'import-ap', '$.import-ap', problems);
  each(ar.results, 'result', '$.results', (r, p) => {
    props(r, p);
    for (const key of ['start', 'end']) if (key in r && !DATE_TIME_WITH_TZ.test(r[key])) problems.push(`${p}.${key}: not a date-time with a time zone`);
    shape(r['reviewed-controls'], 'reviewed-controls', `${p}.reviewed-controls`, problems);
    each(r['reviewed-controls']['control-selections'], 'control-selection', `${p}.reviewed-controls.control-selections`, (s, sp) =>
      each(s['include-controls'], 'select-control-by-id', `${sp}.include-controls`, (c, cp) => {
        if (!TOKEN.test(c['control-id'])) problems.push(`${cp}.control-id: not a token`);
      }),
    );
    each(r.observations, 'observation', `${p}.observations`, (o, op) => {
      props(o, op);
      if (!o.methods.every((m: string) => ['EXAMINE', 'INTERVIEW', 'TEST', 'UNKNOWN'].includes(m))) problems.push(`${op}.methods: unknown method`);
      if (!DATE_TIME_WITH_TZ.test(o.collected)) problems.push(`${op}.collected: not a date-time with a time zone`);
      each(o['relevant-evidence'], 'relevant-evidence', `${op}.relevant-evidence`, (e, ep) => props(e, ep));
    });
    each(r.findings, 'finding', `${p}.findings`, (f, fp) => {
      props(f, fp);
      shape(f.target, 'target', `${fp}.target`, problems);
      if (!['statement-id', 'objective-id'].includes(f.target.type)) problems.push(`${fp}.target.type: not statement-id or objective-id`);
      if (!TOKEN.test(f.target['target-id'])) problems.push(`${fp}.target.target-id: not a token`);
      if (f.target.status) {
        shape(f.target.status, 'status', `${fp}.target.status`, problems);
        if (!['satisfied', 'not-satisfied'].includes(f.target.status.state)) problems.push(`${fp}.target.status.state: not satisfied or not-satisfied`);
      }
      if (f.target['implementation-status']) shape(f.target['implementation-status'], 'implementation-status', `${fp}.target.implementation-status`, problems);
      each(f['related-observations'], 'related-observation', `${fp}.related-observations`);
    });
  });
  if (ar['back-matter']) {
    shape(ar['back-matter'], 'back-matter', '$.back-matter', problems);
    each(ar['back-matter'].resources, 'resource', '$.back-matter.resources', (r, rp) => {
      props(r, rp);
      each(r.rlinks, 'rlink', `${rp}.rlinks`, (l, lp) => each(l.hashes, 'hash', `${lp}.hashes`));
    });
  }
  // Every uuid is an RFC 4122 uuid and unique in the document.
  const uuids: string[] = [];
  JSON.stringify(doc, (key, value) => {
    if (key === 'uuid') uuids.push(value);
    return value;
  });
  for (const u of uuids) if (!UUID.test(u)) problems.push(`uuid ${u} is not an RFC 4122 uuid`);
  if (new Set(uuids).size !== uuids.length) problems.push('uuids repeat');
  return problems;
}

describe('the shape check itself', () => {
  it("accepts NIST's example, and the example uses the required keys the check asks for", () => {
    expect(checkDocument(NIST_EXAMPLE).filter((p) => !p.includes('risks'))).toEqual([]);
    const ar = NIST_EXAMPLE['assessment-results'];
    expect(Object.keys(ar)).toEqual(expect.arrayContaining(MODEL['assessment-results']!.required));
    expect(Object.keys(ar.metadata)).toEqual(expect.arrayContaining(MODEL.metadata!.required));
    expect(Object.keys(ar.results[0])).toEqual(expect.arrayContaining(MODEL.result!.required));
    expect(Object.keys(ar.results[0].observations[0])).toEqual(expect.arrayContaining(MODEL.observation!.required));
    expect(Object.keys(ar.results[0].findings[0])).toEqual(expect.arrayContaining(MODEL.finding!.required));
    expect(Object.keys(ar.results[0].findings[0].target)).toEqual(expect.arrayContaining(MODEL.target!.required));
  });

  it('catches a missing required key, an unknown key and an empty array', () => {
    const broken = JSON.parse(JSON.stringify(NIST_EXAMPLE));
    delete broken['assessment-results'].results[0].findings[0].target.status;
    broken['assessment-results'].metadata.colour = 'red';
    broken['assessment-results'].results[0].observations[0].methods = [];
    expect(checkDocument(broken)).toEqual(
      expect.arrayContaining([
        '$.results[0].findings[0].target: target lacks required "status"',
        '$.metadata: "colour" is not allowed in metadata',
        '$.results[0].observations[0].methods: OSCAL arrays hold at least one item',
      ]),
    );
  });
});

describe('assessmentResults', () => {
  let doc: any;
  let ar: any;
  /** The clock's instant when the document was made (tests in this file, in any order, may move the clock later). */
  let madeAt: number;
  beforeAll(async () => {
    madeAt = fixture.server.now();
    const file = await assessmentResults(fixture.server, {});
    expect(file.mediaType).toBe('application/oscal+json');
    expect(file.filename).toMatch(/^assessment-results-organisation-\d{8}T\d{6}Z\.json$/);
    doc = JSON.parse(file.content);
    ar = doc['assessment-results'];
  });

  it('has the OSCAL structure NIST publishes', () => {
    expect(checkDocument(doc)).toEqual([]);
    expect(ar.metadata).toMatchObject({ 'oscal-version': '1.1.2', version: new Date(madeAt).toISOString() });
    expect(ar.metadata.title).toContain('the organisation');
    expect(Object.keys(ar)).toEqual(['uuid', 'metadata', 'import-ap', 'results', 'back-matter']);
    // import-ap names the back-matter resource standing in for the plan.
    const resources = new Map(ar['back-matter'].resources.map((r: any) => [r.uuid, r]));
    expect(resources.get(ar['import-ap'].href.slice(1))).toMatchObject({ title: 'Assessment plan: Crosswalk coverage rules' });
  });

  it('has one finding per evaluated requirement: COVERED satisfied, PARTIAL and UNCOVERED not-satisfied, NOT_APPLICABLE satisfied (other)', async () => {
    const report = await coverageJson(fixture.server, {});
    const [result] = ar.results;
    expect(result.findings).toHaveLength(report.requirements.length);
    const prop = (item: any, name: string) => item.props.find((p: any) => p.name === name)?.value;
    const expected = { COVERED: ['satisfied', 'pass'], PARTIAL: ['not-satisfied', 'fail'], UNCOVERED: ['not-satisfied', 'fail'], NOT_APPLICABLE: ['satisfied', 'other'] };
    report.requirements.forEach((r: any, i: number) => {
      const f = result.findings[i];
      expect([prop(f, 'framework'), prop(f, 'requirement'), prop(f, 'coverage-status')]).toEqual([r.framework, r.requirement, r.status]);
      expect([f.target.status.state, f.target.status.reason]).toEqual(expected[r.status as keyof typeof expected]);
      expect(f.props.filter((p: any) => p.name === 'gap-reason').map((p: any) => p.value)).toEqual(r.reasons.map((x: any) => x.code));
    });
    const statuses = new Set(report.requirements.map((r: any) => r.status));
    expect(statuses).toEqual(new Set(['COVERED', 'PARTIAL', 'UNCOVERED', 'NOT_APPLICABLE']));
    // OSCAL catalogs' own ids are kept: the ISO requirement imported from OSCAL targets its statement.
    const iso = result.findings.filter((f: any) => prop(f, 'framework') === 'iso-42001').map((f: any) => f.target['target-id']);
    expect(iso).toContain('iso-iec-42001_4-1_smt');
    // Others get a token made from the refId.
    expect(result.findings.find((f: any) => prop(f, 'requirement') === 'A1.1').target['target-id']).toBe('a1.1_smt');
    // The leaf counts are those of the coverage API.
    const leaves = Object.fromEntries(result.props.filter((p: any) => p.name.startsWith('leaves-')).map((p: any) => [p.name, Number(p.value)]));
    expect(leaves).toEqual({
      'leaves-total': report.totals.total,
      'leaves-covered': report.totals.covered,
      'leaves-partial': report.totals.partial,
      'leaves-uncovered': report.totals.uncovered,
      'leaves-not-applicable': report.totals.notApplicable,
    });
  });

  it('observes each control once, referencing its evidence by hash (files) or URL (links)', () => {
    const [result] = ar.results;
    const observations = new Map(result.observations.map((o: any) => [o.uuid, o]));
    for (const f of result.findings) for (const r of f['related-observations'] ?? []) expect(observations.has(r['observation-uuid'])).toBe(true);
    const controlOf = (o: any) => o.props.find((p: any) => p.name === 'control').value;
    expect(result.observations.map(controlOf)).toEqual(['C1', 'C2', 'C3', 'C4']);
    const c1 = result.observations.find((o: any) => controlOf(o) === 'C1');
    expect(c1.methods).toEqual(['EXAMINE']);
    const resources = new Map(ar['back-matter'].resources.map((r: any) => [r.uuid, r]));
    const evidence = c1['relevant-evidence'].map((e: any) => resources.get(e.href.slice(1)) as any);
    expect(evidence.every(Boolean)).toBe(true);
    const file = evidence.find((r: any) => r.props.some((p: any) => p.name === 'evidence-kind' && p.value === 'FILE'));
    expect(file.rlinks).toEqual([
      { href: `/v1/blobs/${fixture.graph.fileSha256}`, 'media-type': 'text/plain', hashes: [{ algorithm: 'SHA-256', value: fixture.graph.fileSha256 }] },
    ]);
    expect(fixture.graph.fileSha256).toBe(createHash('sha256').update(FILE_BYTES).digest('hex'));
    const link = evidence.find((r: any) => r.props.some((p: any) => p.name === 'evidence-kind' && p.value === 'LINK'));
    expect(link.rlinks).toEqual([{ href: 'https://wiki.example.com/idp' }]);
    // The file supports C1 and C2: one resource, referenced by both observations.
    const c2 = result.observations.find((o: any) => controlOf(o) === 'C2');
    expect(c2['relevant-evidence'].map((e: any) => e.href)).toContain(c1['relevant-evidence'].find((e: any) => resources.get(e.href.slice(1)) === file).href);
    // Evidence for an AI system is not the organisation's: C4's stays out of the organisation's document.
    const c4 = result.observations.find((o: any) => controlOf(o) === 'C4');
    expect(c4['relevant-evidence']).toBeUndefined();
  });

  it('in an AI system scope: its evidence counts, and the document says whose it is', async () => {
    const file = await assessmentResults(fixture.server, { aiSystemId: fixture.graph.ids.system });
    const scoped = JSON.parse(file.content);
    expect(checkDocument(scoped)).toEqual([]);
    expect(file.filename).toMatch(/^assessment-results-Support-chatbot-/);
    const [result] = scoped['assessment-results'].results;
    expect(result.props.find((p: any) => p.name === 'scope').value).toBe('Support chatbot');
    const c4 = result.observations.find((o: any) => o.props.some((p: any) => p.name === 'control' && p.value === 'C4'));
    expect(c4['relevant-evidence']).toHaveLength(1);
  });

  it('exporting the same evaluation again gives the same uuids; the document uuid follows the content', async () => {
    const asOf = fixture.graph.instants[1]!;
    const first = await assessmentResults(fixture.server, { asOf });
    fixture.server.tick(60_000);
    const second = await assessmentResults(fixture.server, { asOf });
    const a = JSON.parse(first.content)['assessment-results'];
    const b = JSON.parse(second.content)['assessment-results'];
    expect(b.metadata['last-modified']).not.toBe(a.metadata['last-modified']);
    expect({ ...b, metadata: { ...b.metadata, 'last-modified': null } }).toEqual({ ...a, metadata: { ...a.metadata, 'last-modified': null } });
    const other = JSON.parse((await assessmentResults(fixture.server, { asOf: fixture.graph.instants[2] })).content)['assessment-results'];
    expect(other.uuid).not.toBe(a.uuid);
    expect(other.results[0].uuid).not.toBe(a.results[0].uuid);
  });
});

/**
 * Rules 1–9 of the coverage engine, each pinned through the GraphQL API: graphs are built with
 * the ordinary mutations on a server whose clock the test moves, then read back with `coverage`,
 * `Framework.coverage`, `Requirement.coverage`, `gaps` and `threatExposure`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../../src/graphql/global-id.js';
import { Builder, DAY, HOUR, Reader, startClockedServer, type ClockedServer } from './coverage-helpers.js';

let server: ClockedServer;
let b: Builder;
let r: Reader;
beforeAll(async () => {
  server = await startClockedServer();
  b = new Builder(server);
  r = new Reader(server);
});
afterAll(() => server.close());

/** A framework with `n` top-level leaves. */
async function leaves(n: number): Promise<{ fw: string; reqs: string[] }> {
  const fw = await b.framework();
  const reqs: string[] = [];
  for (let i = 0; i < n; i++) reqs.push(await b.requirement(fw));
  return { fw, reqs };
}

/** The state of a control as seen from a requirement it is mapped to. */
async function stateVia(requirementId: string, controlId: string, args = {}): Promise<string | undefined> {
  const c = await r.requirement(requirementId, args);
  return c.contributions.find((x: any) => x.control.id === controlId)?.state;
}

describe('rule 1: current evidence', () => {
  it('counts accepted evidence collected and reviewed by T and valid until strictly after T', async () => {
    const { reqs: [req] } = await leaves(1);
    const control = await b.control('IMPLEMENTED');
    await b.map(req!, control, 'EQUAL');
    server.tick();
    const created = server.now();
    const validUntil = created + 2 * DAY;
    const ev = await b.evidence([control], { validUntil, review: null });
    expect(await stateVia(req!, control)).toBe('EVIDENCE_PENDING_REVIEW');
    server.tick(HOUR);
    const reviewedAt = server.now();
    await b.review(ev, 'ACCEPTED');

    expect(await stateVia(req!, control)).toBe('EFFECTIVE');
    expect(await r.status(req!)).toBe('COVERED');
    // Before the review the same item was only awaiting review.
    expect(await stateVia(req!, control, { asOf: server.iso(reviewedAt - 1) })).toBe('EVIDENCE_PENDING_REVIEW');
    // Before it was created there was nothing.
    expect(await stateVia(req!, control, { asOf: server.iso(created - 1) })).toBe('EVIDENCE_MISSING');
    // Valid until strictly after T: at validUntil it has expired.
    expect(await stateVia(req!, control, { asOf: server.iso(validUntil - 1) })).toBe('EFFECTIVE');
    expect(await stateVia(req!, control, { asOf: server.iso(validUntil) })).toBe('EVIDENCE_EXPIRED');
    expect(await r.status(req!, { asOf: server.iso(validUntil) })).toBe('UNCOVERED');
  });

  it('does not count evidence collected after T, nor rejected evidence', async () => {
    const { reqs: [a, c] } = await leaves(2);
    const late = await b.control('IMPLEMENTED');
    const rejected = await b.control('IMPLEMENTED');
    await b.map(a!, late);
    await b.map(c!, rejected);
    const collectedAt = server.now();
    server.tick(DAY);
    await b.evidence([late], { collectedAt });
    // Accepted now, collected a day ago: current now, and at the collection instant it was not yet reviewed.
    expect(await stateVia(a!, late)).toBe('EFFECTIVE');
    await b.evidence([rejected], { review: 'REJECTED' });
    expect(await stateVia(c!, rejected)).toBe('EVIDENCE_MISSING');
    expect((await r.requirement(c!)).reasons.map((x: any) => x.code)).toEqual(['EVIDENCE_MISSING']);
  });

  it('in an AI system scope counts evidence for no system or that system; the organisation only evidence for no system', async () => {
    const { fw, reqs: [req] } = await leaves(1);
    const systemA = await b.aiSystem([fw]);
    const systemB = await b.aiSystem([fw]);
    const control = await b.control('IMPLEMENTED');
    await b.map(req!, control);
    await b.evidence([control], { aiSystemId: systemA });
    expect(await stateVia(req!, control, { scope: { aiSystemId: systemA } })).toBe('EFFECTIVE');
    expect(await stateVia(req!, control, { scope: { aiSystemId: systemB } })).toBe('EVIDENCE_MISSING');
    expect(await stateVia(req!, control)).toBe('EVIDENCE_MISSING');
    await b.evidence([control]);
    expect(await stateVia(req!, control, { scope: { aiSystemId: systemB } })).toBe('EFFECTIVE');
    expect(await stateVia(req!, control)).toBe('EFFECTIVE');
  });
});

describe('rule 2: control state', () => {
  it('derives the state from the status history as of T and from the evidence', async () => {
    const { reqs: [req] } = await leaves(1);
    // The requirement exists before the control (rule 10: structure is read as of T too).
    server.tick();
    const control = await b.control('PLANNED');
    await b.map(req!, control);
    const planned = server.now();
    expect(await stateVia(req!, control)).toBe('NOT_IMPLEMENTED');
    server.tick();
    await b.setStatus(control, 'IMPLEMENTED');
    const implemented = server.now();
    expect(await stateVia(req!, control)).toBe('EVIDENCE_MISSING');
    server.tick();
    await b.evidence([control], { review: null });
    expect(await stateVia(req!, control)).toBe('EVIDENCE_PENDING_REVIEW');
    server.tick();
    await b.evidence([control], { validUntil: server.now() + HOUR });
    expect(await stateVia(req!, control)).toBe('EFFECTIVE');
    server.tick(2 * HOUR);
    // Evidence still pending review wins over expired accepted evidence: the next action is a reviewer's.
    expect(await stateVia(req!, control)).toBe('EVIDENCE_PENDING_REVIEW');
    const bothPendingAndExpired = server.now();
    server.tick();
    await b.setStatus(control, 'NOT_APPLICABLE');
    expect(await stateVia(req!, control)).toBe('NOT_APPLICABLE');
    // History: each earlier instant keeps its own answer.
    expect(await stateVia(req!, control, { asOf: server.iso(planned) })).toBe('NOT_IMPLEMENTED');
    expect(await stateVia(req!, control, { asOf: server.iso(implemented) })).toBe('EVIDENCE_MISSING');
    expect(await stateVia(req!, control, { asOf: server.iso(bothPendingAndExpired) })).toBe('EVIDENCE_PENDING_REVIEW');
    // Before the control existed, it reaches nothing.
    expect((await r.requirement(req!, { asOf: server.iso(planned - 1) })).contributions).toEqual([]);
  });

  it('orders the evidence states: pending review (whatever its validUntil) before expired, expired before missing', async () => {
    const { reqs: [req] } = await leaves(1);
    const control = await b.control('IMPLEMENTED');
    await b.map(req!, control);
    await b.evidence([control], { validUntil: server.now() + HOUR });
    const pending = await b.evidence([control], { validUntil: server.now() + HOUR, review: null });
    server.tick(2 * HOUR);
    // Both items are past their validUntil; the one awaiting review still decides the state.
    expect(await stateVia(req!, control)).toBe('EVIDENCE_PENDING_REVIEW');
    expect((await r.requirement(req!)).reasons.map((x: any) => x.code)).toEqual(['EVIDENCE_PENDING_REVIEW']);
    await b.review(pending, 'REJECTED');
    expect(await stateVia(req!, control)).toBe('EVIDENCE_EXPIRED');
    expect((await r.requirement(req!)).reasons.map((x: any) => x.code)).toEqual(['EVIDENCE_EXPIRED']);
  });

  it("lets an AI system's status override win in its scope, and falls back when it is cleared", async () => {
    const { fw, reqs: [req] } = await leaves(1);
    const system = await b.aiSystem([fw]);
    const control = await b.control('NOT_IMPLEMENTED');
    await b.map(req!, control);
    await b.evidence([control]);
    const scope = { aiSystemId: system };
    expect(await r.status(req!, { scope })).toBe('UNCOVERED');
    server.tick();
    await b.override(system, control, 'IMPLEMENTED');
    const overridden = server.now();
    expect(await r.status(req!, { scope })).toBe('COVERED');
    expect(await r.status(req!)).toBe('UNCOVERED');
    server.tick();
    await b.override(system, control, null);
    expect(await r.status(req!, { scope })).toBe('UNCOVERED');
    expect(await r.status(req!, { scope, asOf: server.iso(overridden) })).toBe('COVERED');
  });
});

describe('rule 3: mapping kind', () => {
  it('EQUAL and SUBSET_OF are FULL, SUPERSET_OF and INTERSECTS_WITH PARTIAL', async () => {
    const { reqs } = await leaves(4);
    const control = await b.effectiveControl();
    const relationships = ['EQUAL', 'SUBSET_OF', 'SUPERSET_OF', 'INTERSECTS_WITH'] as const;
    for (let i = 0; i < 4; i++) await b.map(reqs[i]!, control, relationships[i]);
    const got = [];
    for (const req of reqs) {
      const c = await r.requirement(req);
      got.push([c.status, c.contributions[0].kind]);
    }
    expect(got).toEqual([
      ['COVERED', 'FULL'],
      ['COVERED', 'FULL'],
      ['PARTIAL', 'PARTIAL'],
      ['PARTIAL', 'PARTIAL'],
    ]);
  });

  it('a mapping on a requirement applies to its descendants with the same kind', async () => {
    const fw = await b.framework();
    const top = await b.requirement(fw);
    const mid = await b.requirement(fw, undefined, top);
    const leafA = await b.requirement(fw, undefined, mid);
    const leafB = await b.requirement(fw, undefined, top);
    const control = await b.effectiveControl();
    await b.map(top, control, 'SUPERSET_OF');
    for (const leaf of [leafA, leafB]) {
      const c = await r.requirement(leaf);
      expect(c.status).toBe('PARTIAL');
      expect(c.contributions).toEqual([
        expect.objectContaining({ control: { id: control }, kind: 'PARTIAL', inferred: false, path: [{ id: leaf }], mappedRequirement: { id: top } }),
      ]);
    }
  });

  it('a mapping counts from its creation until its retirement, with the relationship of each revision', async () => {
    const { reqs: [req] } = await leaves(1);
    const control = await b.effectiveControl();
    server.tick();
    const before = server.now() - 1;
    const mapping = await b.map(req!, control, 'INTERSECTS_WITH');
    const partial = server.now();
    server.tick();
    await b.remap(mapping, 'EQUAL');
    const full = server.now();
    server.tick();
    await b.unmap(mapping);
    const retired = server.now();
    expect(await r.status(req!, { asOf: server.iso(before) })).toBe('UNCOVERED');
    expect(await r.status(req!, { asOf: server.iso(partial) })).toBe('PARTIAL');
    expect(await r.status(req!, { asOf: server.iso(full) })).toBe('COVERED');
    expect(await r.status(req!, { asOf: server.iso(retired - 1) })).toBe('COVERED');
    expect(await r.status(req!, { asOf: server.iso(retired) })).toBe('UNCOVERED');
    expect(await r.status(req!)).toBe('UNCOVERED');
  });
});

describe('rule 4: leaf status', () => {
  it('is NOT_APPLICABLE when marked (globally or for the scope), else COVERED, PARTIAL or UNCOVERED', async () => {
    const { fw, reqs: [covered, partial, uncovered, na, naForSystem] } = await leaves(5);
    const system = await b.aiSystem([fw]);
    const control = await b.effectiveControl();
    await b.map(covered!, control, 'EQUAL');
    await b.map(partial!, control, 'INTERSECTS_WITH');
    await b.map(na!, control, 'EQUAL');
    await b.applicable(na!, false);
    await b.applicable(naForSystem!, false, system);
    const statuses = async (args = {}) => Promise.all([covered, partial, uncovered, na, naForSystem].map((id) => r.status(id!, args)));
    expect(await statuses()).toEqual(['COVERED', 'PARTIAL', 'UNCOVERED', 'NOT_APPLICABLE', 'UNCOVERED']);
    expect(await statuses({ scope: { aiSystemId: system } })).toEqual(['COVERED', 'PARTIAL', 'UNCOVERED', 'NOT_APPLICABLE', 'NOT_APPLICABLE']);
    server.tick();
    const marked = server.now() - 1;
    await b.applicable(na!, true);
    expect(await r.status(na!)).toBe('COVERED');
    expect(await r.status(na!, { asOf: server.iso(marked) })).toBe('NOT_APPLICABLE');
  });
});

describe('rule 5: roll-up', () => {
  it('rolls statuses up from the applicable leaves and counts leaves per framework and subtree', async () => {
    const fw = await b.framework();
    const allCovered = await b.requirement(fw);
    const c1 = await b.requirement(fw, undefined, allCovered);
    const c2 = await b.requirement(fw, undefined, allCovered);
    const mixed = await b.requirement(fw);
    const m1 = await b.requirement(fw, undefined, mixed);
    const m2 = await b.requirement(fw, undefined, mixed);
    const m3 = await b.requirement(fw, undefined, mixed);
    const none = await b.requirement(fw);
    const n1 = await b.requirement(fw, undefined, none);
    const allNa = await b.requirement(fw);
    const a1 = await b.requirement(fw, undefined, allNa);
    const control = await b.effectiveControl();
    for (const id of [c1, c2, m1]) await b.map(id, control, 'EQUAL');
    await b.map(m2, control, 'SUPERSET_OF');
    await b.applicable(m3, false);
    await b.applicable(a1, false);

    expect(await r.status(allCovered)).toBe('COVERED');
    expect(await r.status(mixed)).toBe('PARTIAL');
    expect(await r.status(none)).toBe('UNCOVERED');
    expect(await r.status(allNa)).toBe('NOT_APPLICABLE');
    expect((await r.requirement(mixed)).summary).toEqual({ total: 3, covered: 1, partial: 1, uncovered: 0, notApplicable: 1, coverageRatio: 0.5 });
    expect((await r.requirement(allNa)).summary.coverageRatio).toBeNull();
    expect((await r.requirement(n1)).leaf).toBe(true);
    expect((await r.requirement(none)).leaf).toBe(false);

    const expected = { status: 'PARTIAL', total: 7, covered: 3, partial: 1, uncovered: 1, notApplicable: 2, coverageRatio: 3 / 5 };
    expect(await r.summary(fw)).toEqual(expected);
    expect(await r.framework(fw)).toEqual({ framework: { id: fw }, ...expected });

    // Withdrawn requirements (and everything under them) are not counted.
    await b.withdraw(none);
    expect(await r.summary(fw)).toEqual({ ...expected, total: 6, uncovered: 0, coverageRatio: 3 / 4 });
    expect(await r.status(n1)).toBeNull();
  });

  it('a framework whose every leaf is not applicable has a null ratio and status NOT_APPLICABLE; one without leaves a null status', async () => {
    const { fw, reqs: [only] } = await leaves(1);
    await b.applicable(only!, false);
    expect(await r.summary(fw)).toEqual({ status: 'NOT_APPLICABLE', total: 1, covered: 0, partial: 0, uncovered: 0, notApplicable: 1, coverageRatio: null });
    const empty = await b.framework();
    expect(await r.summary(empty)).toEqual({ status: null, total: 0, covered: 0, partial: 0, uncovered: 0, notApplicable: 0, coverageRatio: null });
  });
});

describe('rule 6: gap reasons', () => {
  it('lists every reason, in order, each naming its controls by id', async () => {
    const { fw, reqs: [noMapping, onlyPartial, many] } = await leaves(3);
    const partialControl = await b.effectiveControl();
    await b.map(onlyPartial!, partialControl, 'INTERSECTS_WITH');
    const notImplemented = await b.control('IN_PROGRESS');
    const notApplicable = await b.control('NOT_APPLICABLE');
    const missing = await b.control('IMPLEMENTED');
    const expired = await b.control('IMPLEMENTED');
    await b.evidence([expired], { validUntil: server.now() + HOUR });
    const pending = await b.control('IMPLEMENTED');
    await b.evidence([pending], { review: null });
    for (const c of [pending, expired, missing, notApplicable, notImplemented]) await b.map(many!, c, 'SUBSET_OF');
    await b.map(many!, partialControl, 'SUPERSET_OF');
    server.tick(2 * HOUR);

    const gaps = await r.gaps({ frameworkId: fw });
    expect(gaps.map((g) => g.requirement.id)).toEqual([noMapping, onlyPartial, many]);
    const codes = (g: any) => g.reasons.map((x: any) => [x.code, x.controls.map((c: any) => c.control.id)]);
    expect(codes(gaps[0])).toEqual([['NO_MAPPING', []]]);
    expect(codes(gaps[1])).toEqual([['ONLY_PARTIAL', [partialControl]]]);
    expect(gaps[1].status).toBe('PARTIAL');
    // The third is PARTIAL through the effective partial control; its FULL controls are not effective.
    expect(gaps[2].status).toBe('PARTIAL');
    expect(codes(gaps[2])).toEqual([
      ['CONTROL_NOT_IMPLEMENTED', [notImplemented, notApplicable]],
      ['EVIDENCE_MISSING', [missing]],
      ['EVIDENCE_EXPIRED', [expired]],
      ['EVIDENCE_PENDING_REVIEW', [pending]],
    ]);
    expect(gaps[2].reasons[0].controls.map((c: any) => c.state)).toEqual(['NOT_IMPLEMENTED', 'NOT_APPLICABLE']);
    // Covered and not-applicable leaves have no reasons and are no gaps.
    await b.applicable(noMapping!, false);
    expect((await r.requirement(noMapping!)).reasons).toEqual([]);
    expect((await r.gaps({ frameworkId: fw })).map((g) => g.requirement.id)).toEqual([onlyPartial, many]);
  });

  it('filters gaps by reason, control and control domain', async () => {
    const { fw, reqs: [a, c, d] } = await leaves(3);
    const domain = `domain-${fw}`;
    const missing = await b.control('IMPLEMENTED', { domain });
    const planned = await b.control('PLANNED');
    await b.map(a!, missing);
    await b.map(c!, planned);
    const ids = (gaps: any[]) => gaps.map((g) => g.requirement.id);
    expect(ids(await r.gaps({ frameworkId: fw, reasons: ['EVIDENCE_MISSING'] }))).toEqual([a]);
    expect(ids(await r.gaps({ frameworkId: fw, reasons: ['NO_MAPPING', 'CONTROL_NOT_IMPLEMENTED'] }))).toEqual([c, d]);
    expect(ids(await r.gaps({ controlId: planned }))).toEqual([c]);
    expect(ids(await r.gaps({ domain }))).toEqual([a]);
    expect(ids(await r.gaps({ domain, controlId: planned }))).toEqual([]);
    expect(ids(await r.gaps({ domain: domain.toUpperCase() }))).toEqual([]);
  });
});

describe('rule 7: crosswalk inference', () => {
  /** A leaf in a framework of its own (links join different frameworks). */
  const one = async () => b.requirement(await b.framework());

  it('gives A the mappings of B through an EQUAL or SUBSET_OF link, marked inferred with the path', async () => {
    const target = await b.framework();
    const source = await b.framework();
    const reqB = await b.requirement(target);
    const reqA = await b.requirement(source);
    const control = await b.effectiveControl();
    const mapping = await b.map(reqB, control, 'EQUAL');
    await b.link(reqA, reqB, 'SUBSET_OF');
    const c = await r.requirement(reqA);
    expect(c.status).toBe('COVERED');
    expect(c.inferred).toBe(true);
    expect(c.via).toEqual({
      control: { id: control },
      state: 'EFFECTIVE',
      kind: 'FULL',
      inferred: true,
      path: [{ id: reqA }, { id: reqB }],
      mappedRequirement: { id: reqB },
      mapping: { id: mapping },
    });
    // Off per query.
    const off = await r.requirement(reqA, { viaCrosswalks: false });
    expect(off.status).toBe('UNCOVERED');
    expect(off.reasons.map((x: any) => x.code)).toEqual(['NO_MAPPING']);
    expect((await r.summary(source, { viaCrosswalks: false }))?.uncovered).toBe(1);
    // A own mapping is not inferred.
    expect((await r.requirement(reqB)).inferred).toBe(false);
  });

  it('counts as PARTIAL through INTERSECTS_WITH or SUPERSET_OF; the weakest link of a chain decides', async () => {
    const [a, m, z, p] = [await one(), await one(), await one(), await one()];
    const control = await b.effectiveControl();
    await b.map(z, control, 'EQUAL');
    await b.link(a, m, 'EQUAL');
    await b.link(m, z, 'INTERSECTS_WITH');
    await b.link(p, z, 'SUPERSET_OF');
    const viaA = await r.requirement(a);
    expect(viaA.status).toBe('PARTIAL');
    expect(viaA.via).toMatchObject({ kind: 'PARTIAL', inferred: true, path: [{ id: a }, { id: m }, { id: z }] });
    expect(viaA.reasons.map((x: any) => x.code)).toEqual(['ONLY_PARTIAL']);
    expect(await r.status(m)).toBe('PARTIAL');
    expect(await r.status(p)).toBe('PARTIAL');
  });

  it('follows chains of at most 3 links by default (maxCrosswalkDepth changes it), terminates on cycles, ignores retired links', async () => {
    const chain: string[] = [];
    for (let i = 0; i < 5; i++) chain.push(await one());
    const control = await b.effectiveControl();
    await b.map(chain[4]!, control, 'EQUAL');
    const links: string[] = [];
    for (let i = 0; i < 4; i++) links.push(await b.link(chain[i]!, chain[i + 1]!, 'EQUAL'));
    // A cycle that is no shortcut: chain[0] → x → chain[1] (links are read both ways).
    const x = await one();
    await b.link(chain[0]!, x, 'EQUAL');
    await b.link(x, chain[1]!, 'EQUAL');
    expect(await r.status(chain[1]!)).toBe('COVERED'); // 3 links
    expect(await r.status(chain[0]!)).toBe('UNCOVERED'); // 4 links
    expect(await r.status(chain[0]!, { maxCrosswalkDepth: 4 })).toBe('COVERED');
    expect(await r.status(chain[3]!, { maxCrosswalkDepth: 0 })).toBe('UNCOVERED');
    expect((await r.requirement(chain[0]!, { maxCrosswalkDepth: 4 })).via.path.map((p: any) => p.id)).toEqual(chain);
    server.tick();
    const beforeRetire = server.now() - 1;
    await b.unlink(links[3]!);
    expect(await r.status(chain[3]!)).toBe('UNCOVERED');
    expect(await r.status(chain[3]!, { asOf: server.iso(beforeRetire) })).toBe('COVERED');
  });

  it('reads a link both ways: the target gets the source’s mappings through the inverse relationship, named step by step', async () => {
    const STEPS = 'via { kind path { id } steps { requirement { id } link { id } direction relationship } } status inferred';
    const read = async (id: string) => (await server.data(`query($id: ID!) { requirement(id: $id) { coverage { ${STEPS} } } }`, { id })).requirement.coverage;
    const control = await b.effectiveControl();
    // Policy P (mapped FULL) SUPERSET_OF regulation article R: R reads "R SUBSET_OF P", FULL.
    const [p, rq, s, i] = [await one(), await one(), await one(), await one()];
    await b.map(p, control, 'EQUAL');
    const superset = await b.link(p, rq, 'SUPERSET_OF');
    expect(await read(rq)).toEqual({
      status: 'COVERED',
      inferred: true,
      via: { kind: 'FULL', path: [{ id: rq }, { id: p }], steps: [{ requirement: { id: p }, link: { id: superset }, direction: 'INVERSE', relationship: 'SUBSET_OF' }] },
    });
    // P SUBSET_OF S: S reads "S SUPERSET_OF P", PARTIAL. I INTERSECTS_WITH P: PARTIAL both ways.
    const subset = await b.link(p, s, 'SUBSET_OF');
    expect(await read(s)).toMatchObject({ status: 'PARTIAL', via: { kind: 'PARTIAL', steps: [{ link: { id: subset }, direction: 'INVERSE', relationship: 'SUPERSET_OF' }] } });
    await b.link(i, p, 'INTERSECTS_WITH');
    expect(await read(i)).toMatchObject({ status: 'PARTIAL', via: { steps: [{ direction: 'FORWARD', relationship: 'INTERSECTS_WITH' }] } });
    // Links of an ancestor apply to its descendants read inversely too: a new child of R (now a leaf
    // in R's place) is COVERED through R's link to P.
    const rFramework = (await server.data(`query($id: ID!) { requirement(id: $id) { framework { id } } }`, { id: rq })).requirement.framework.id;
    const child = await b.requirement(rFramework, undefined, rq);
    expect(await read(child)).toMatchObject({ status: 'COVERED', via: { path: [{ id: child }, { id: p }], steps: [{ link: { id: superset }, direction: 'INVERSE', relationship: 'SUBSET_OF' }] } });
    expect((await r.summary(rFramework, { viaCrosswalks: false }))?.covered).toBe(0);
  });

  it('refuses a maxCrosswalkDepth out of range', async () => {
    const body = await server.gql('{ coverage(maxCrosswalkDepth: 11) { asOf } }');
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('rule 8: threat exposure', () => {
  it('ADDRESSED when a linked requirement is COVERED, PARTIALLY_ADDRESSED when one is PARTIAL, else EXPOSED', async () => {
    const catalog = await b.framework(undefined, 'THREAT_CATALOG');
    const { reqs: [covered, partial, uncovered] } = await leaves(3);
    const control = await b.effectiveControl();
    await b.map(covered!, control, 'EQUAL');
    await b.map(partial!, control, 'INTERSECTS_WITH');
    const [t1, t2, t3, t4] = [await b.threat(catalog), await b.threat(catalog), await b.threat(catalog), await b.threat(catalog)];
    for (const id of [covered, partial, uncovered]) await b.threatLink(t1, id!);
    await b.threatLink(t2, partial!);
    await b.threatLink(t2, uncovered!);
    await b.threatLink(t3, uncovered!);
    const all = await r.threats();
    const mine = all.filter((t) => [t1, t2, t3, t4].includes(t.threat.id));
    expect(mine.map((t) => [t.threat.id, t.exposure])).toEqual([
      [t1, 'ADDRESSED'],
      [t2, 'PARTIALLY_ADDRESSED'],
      [t3, 'EXPOSED'],
      [t4, 'EXPOSED'],
    ]);
    expect(mine[0]).toMatchObject({
      requirements: [{ id: covered }, { id: partial }, { id: uncovered }],
      coveredRequirements: [{ id: covered }],
      partialRequirements: [{ id: partial }],
    });
    const field = await server.data(`query($id: ID!) { threat(id: $id) { exposure { exposure } } }`, { id: t2 });
    expect(field.threat.exposure.exposure).toBe('PARTIALLY_ADDRESSED');
    const exposed = await server.data(`{ threatExposure(exposures: [EXPOSED], first: 100) { edges { node { threat { id } exposure } } } }`);
    expect(exposed.threatExposure.edges.every((e: any) => e.node.exposure === 'EXPOSED')).toBe(true);
    expect(exposed.threatExposure.edges.map((e: any) => e.node.threat.id)).toEqual(expect.arrayContaining([t3, t4]));
  });
});

describe('rule 9: AI system scope', () => {
  it('includes only the frameworks that apply to the system', async () => {
    const { fw: applies, reqs: [req] } = await leaves(1);
    const { fw: other, reqs: [otherReq] } = await leaves(1);
    const system = await b.aiSystem([applies]);
    const scope = { aiSystemId: system };
    const report = await r.coverage({ scope });
    expect(report.aiSystem).toEqual({ id: system });
    expect(report.frameworks.map((f: any) => f.framework.id)).toEqual([applies]);
    expect(await r.framework(other, { scope })).toBeNull();
    expect(await r.status(otherReq!, { scope })).toBeNull();
    expect(await r.status(req!, { scope })).toBe('UNCOVERED');
    expect((await r.gaps({ aiSystemId: system })).map((g) => g.requirement.id)).toEqual([req]);
    await b.systemFrameworks(system, [applies, other]);
    expect((await r.coverage({ scope })).frameworks.map((f: any) => f.framework.id)).toEqual([applies, other]);
    // The organisation has every framework but threat catalogs.
    const catalog = await b.framework(undefined, 'THREAT_CATALOG');
    const org = (await r.coverage()).frameworks.map((f: any) => f.framework.id);
    expect(org).toEqual(expect.arrayContaining([applies, other]));
    expect(org).not.toContain(catalog);
  });

  it('an unknown AI system is NOT_FOUND, a malformed or other-type id BAD_USER_INPUT, in every coverage field', async () => {
    const { fw, reqs: [req] } = await leaves(1);
    const catalog = await b.framework(undefined, 'THREAT_CATALOG');
    const threat = await b.threat(catalog);
    const control = await b.effectiveControl();
    const cases: [string, string][] = [
      [toGlobalId('AISystem', 999_999), 'NOT_FOUND'],
      ['garbage', 'BAD_USER_INPUT'],
      [toGlobalId('Control', 1), 'BAD_USER_INPUT'],
    ];
    const fields = [
      'coverage(scope: $scope) { asOf }',
      'framework(id: $f) { coverage(scope: $scope) { status } }',
      'requirement(id: $r) { coverage(scope: $scope) { status } }',
      'gaps(filter: $filter) { totalCount }',
      'threatExposure(scope: $scope) { totalCount }',
      'controlImpact(controlId: $c, scope: $scope) { asOf }',
      'threat(id: $t) { exposure(scope: $scope) { exposure } }',
      'coverageSimulation(changes: [{ controlId: $c, state: EFFECTIVE }], scope: $scope) { asOf }',
    ];
    for (const [aiSystemId, code] of cases) {
      for (const field of fields) {
        const all = { f: ['ID!', fw], r: ['ID!', req], t: ['ID!', threat], c: ['ID!', control], scope: ['CoverageScope', { aiSystemId }], filter: ['GapFilter', { aiSystemId }] };
        const used = Object.entries(all).filter(([name]) => new RegExp(`\\$${name}\\b`).test(field));
        const body = await server.gql(
          `query(${used.map(([name, [type]]) => `$${name}: ${type}`).join(', ')}) { ${field} }`,
          Object.fromEntries(used.map(([name, [, value]]) => [name, value])),
        );
        expect(body.errors?.map((e) => e.extensions?.code), `${field} ${aiSystemId}`).toEqual([code]);
      }
    }
  });
});

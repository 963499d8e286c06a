/**
 * coverageReport over HTTP: one row per evaluated requirement, with exactly the figures of the
 * coverage API (coverage, Requirement.coverage, gaps) for the same scope, instant and crosswalk
 * options; CSV and JSON carry the same rows.
 */
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../src/domain/import/csv.js';
import { CSV_COVERAGE_COLUMNS } from '../../src/domain/export/coverage-report.js';
import { SUMMARY } from '../api/coverage-helpers.js';
import type { GraphQLClient } from '../support/server.js';
import { coverageJson, coverageReport, HOUR, useExportGraph, type ExportArgs } from './export-support.js';

const fixture = useExportGraph();

const FRAMEWORKS = ['exp-fa', 'exp-fb', 'iso-42001'];

function apiArgs(args: ExportArgs) {
  return {
    scope: args.aiSystemId ? { aiSystemId: args.aiSystemId } : undefined,
    asOf: args.asOf === undefined ? undefined : new Date(args.asOf).toISOString(),
    via: args.viaCrosswalks ?? true,
  };
}

/** What the coverage API answers, keyed by natural keys. */
async function fromApi(client: GraphQLClient, args: ExportArgs) {
  const vars = apiArgs(args);
  const report = (
    await client.data(
      `query($scope: CoverageScope, $asOf: DateTime, $via: Boolean) { coverage(scope: $scope, asOf: $asOf, viaCrosswalks: $via) {
        frameworks { framework { refId } status summary { ${SUMMARY} } } totals { ${SUMMARY} } } }`,
      vars,
    )
  ).coverage;
  const requirements = new Map<string, any>();
  for (const refId of FRAMEWORKS) {
    const d = await client.data(
      `query($f: String, $scope: CoverageScope, $asOf: DateTime, $via: Boolean) { framework(refId: $f) { requirements(first: 100, includeWithdrawn: true) { edges { node {
        refId coverage(scope: $scope, asOf: $asOf, viaCrosswalks: $via) { status leaf inferred via { control { refId } }
          reasons { code controls { control { refId } } }
          contributions { control { refId } state kind inferred }
          summary { ${SUMMARY} } } } } } } }`,
      { f: refId, ...vars },
    );
    for (const { node } of d.framework.requirements.edges) if (node.coverage) requirements.set(`${refId}|${node.refId}`, node.coverage);
  }
  const gaps = (
    await client.data(
      `query($filter: GapFilter, $asOf: DateTime, $via: Boolean) { gaps(filter: $filter, asOf: $asOf, viaCrosswalks: $via, first: 100) {
        totalCount edges { node { requirement { refId framework { refId } } } } } }`,
      { filter: { aiSystemId: args.aiSystemId ?? undefined }, asOf: vars.asOf, via: vars.via },
    )
  ).gaps;
  return { report, requirements, gaps };
}

describe('coverageReport (JSON) has the figures of the coverage API', () => {
  it('now and at past instants, for the organisation and an AI system, with and without crosswalks', async () => {
    let rows = 0;
    for (const asOf of [undefined, fixture.graph.instants[0], fixture.graph.instants[1]! + HOUR + 30 * 60_000, fixture.graph.instants[2]]) {
      for (const viaCrosswalks of [true, false]) {
        for (const aiSystemId of [null, fixture.graph.ids.system]) {
          const args = { asOf, viaCrosswalks, aiSystemId };
          const label = JSON.stringify(args);
          const report = await coverageJson(fixture.server, args);
          const api = await fromApi(fixture.server, args);
          // The ISO catalog was imported after the past instants: absent from them (rule 10).
          expect(report.frameworks.some((f: any) => f.refId === 'iso-42001'), label).toBe(asOf === undefined);

          expect(report.totals, label).toEqual(api.report.totals);
          expect(
            report.frameworks.map((f: any) => ({ refId: f.refId, status: f.status, summary: f.summary })),
            label,
          ).toEqual(
            [...api.report.frameworks]
              .map((f: any) => ({ refId: f.framework.refId, status: f.status, summary: f.summary }))
              .sort((a, b) => a.refId.localeCompare(b.refId)),
          );

          // Every evaluated requirement once, with the same status, reasons, controls and counts.
          expect(report.requirements.map((r: any) => `${r.framework}|${r.requirement}`).sort(), label).toEqual([...api.requirements.keys()].sort());
          for (const r of report.requirements) {
            const c = api.requirements.get(`${r.framework}|${r.requirement}`);
            expect(
              {
                status: r.status,
                leaf: r.leaf,
                inferred: r.inferred,
                decidedBy: r.decidedBy,
                reasons: r.reasons,
                controls: r.controls.map((x: any) => ({ control: x.control, state: x.state, kind: x.kind, inferred: x.inferred })),
                summary: r.summary,
              },
              `${label} ${r.requirement}`,
            ).toEqual({
              status: c.status,
              leaf: c.leaf,
              inferred: c.inferred,
              decidedBy: c.via?.control.refId ?? null,
              reasons: c.reasons.map((x: any) => ({ code: x.code, controls: x.controls.map((y: any) => y.control.refId) })),
              controls: c.contributions
                .map((x: any) => ({ control: x.control.refId, state: x.state, kind: x.kind, inferred: x.inferred }))
                .sort((a: any, b: any) => a.control.localeCompare(b.control)),
              summary: c.summary,
            });
          }
          // The gaps are the applicable leaves not COVERED.
          const gaps = report.requirements.filter((r: any) => r.leaf && (r.status === 'PARTIAL' || r.status === 'UNCOVERED'));
          expect(gaps.map((r: any) => `${r.framework}|${r.requirement}`).sort(), label).toEqual(
            api.gaps.edges.map((e: any) => `${e.node.requirement.framework.refId}|${e.node.requirement.refId}`).sort(),
          );
          rows += report.requirements.length;
        }
      }
    }
    expect(rows).toBeGreaterThan(150);
  });

  it('lists frameworks by refId and requirements in framework order; withdrawn requirements are left out', async () => {
    const report = await coverageJson(fixture.server, {});
    expect(report).toMatchObject({ format: 'crosswalk-coverage-report', version: 1, scope: { aiSystem: null }, viaCrosswalks: true, maxCrosswalkDepth: 3 });
    expect(report.asOf).toBe(new Date(fixture.server.now()).toISOString());
    expect(report.frameworks.map((f: any) => f.refId)).toEqual(FRAMEWORKS);
    const fa = report.requirements.filter((r: any) => r.framework === 'exp-fa');
    expect(fa.map((r: any) => [r.requirement, r.parent, r.depth])).toEqual([
      ['A1', null, 0],
      ['A1.1', 'A1', 1],
      ['A1.2', 'A1', 1],
      ['A2', null, 0],
      ['A3', null, 0],
      ['A10', null, 0],
    ]);
    expect(report.requirements.some((r: any) => r.requirement === 'B3')).toBe(false);
    // An inferred contribution names its path and the requirement holding the mapping.
    const b1 = report.requirements.find((r: any) => r.requirement === 'B1');
    expect(b1.controls).toEqual([
      {
        control: 'C1',
        title: 'control',
        state: 'EFFECTIVE',
        kind: 'FULL',
        inferred: true,
        path: [
          { framework: 'exp-fb', requirement: 'B1' },
          { framework: 'exp-fa', requirement: 'A1.1' },
        ],
        mappedRequirement: { framework: 'exp-fa', requirement: 'A1.1' },
      },
    ]);
  });

  it('only the frameworks asked for; NOT_FOUND for an unknown AI system or framework; any role may read it', async () => {
    const one = await coverageJson(fixture.server, { frameworkIds: [fixture.graph.ids.frameworks.fb] });
    expect(one.frameworks.map((f: any) => f.refId)).toEqual(['exp-fb']);
    expect(new Set(one.requirements.map((r: any) => r.framework))).toEqual(new Set(['exp-fb']));
    expect(one.totals).toEqual(one.frameworks[0].summary);
    // A threat catalog has no coverage: asking for it gives nothing.
    expect((await coverageJson(fixture.server, { frameworkIds: [fixture.graph.ids.frameworks.tc] })).frameworks).toEqual([]);

    const unknown = await fixture.server.gql(`{ coverageReport(scope: { aiSystemId: "QUlTeXN0ZW06OTk5" }) { filename } }`);
    expect(unknown.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    const noFramework = await fixture.server.gql(`{ coverageReport(frameworkIds: ["RnJhbWV3b3JrOjk5OQ"]) { filename } }`);
    expect(noFramework.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    const viewer = await fixture.server.as('VIEWER');
    expect((await coverageReport(viewer, {}, 'CSV')).content).toBe((await coverageReport(fixture.server, {}, 'CSV')).content);
  });
});

describe('coverageReport (CSV)', () => {
  it('has one row per JSON entry with the same figures, and names the scope and instant', async () => {
    const asOf = fixture.graph.instants[2]!;
    const args = { asOf, aiSystemId: fixture.graph.ids.system };
    const csv = await coverageReport(fixture.server, args, 'CSV');
    const json = await coverageJson(fixture.server, args);
    expect(csv.mediaType).toBe('text/csv; charset=utf-8');
    expect(csv.filename).toBe(`coverage-Support-chatbot-${new Date(asOf).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '')}.csv`);
    expect(csv.byteLength).toBe(Buffer.byteLength(csv.content));
    const table = readCsv(csv.content);
    expect(table.header).toEqual([...CSV_COVERAGE_COLUMNS]);
    expect(table.rows).toHaveLength(json.requirements.length);
    table.rows.forEach((row, i) => {
      const r = json.requirements[i];
      const cell = (name: string) => row.values[CSV_COVERAGE_COLUMNS.indexOf(name as never)];
      expect(cell('scope')).toBe('Support chatbot');
      expect(cell('as_of')).toBe(new Date(asOf).toISOString());
      expect([cell('framework'), cell('requirement'), cell('status'), cell('leaf')]).toEqual([r.framework, r.requirement, r.status, String(r.leaf)]);
      expect(Number(cell('covered'))).toBe(r.summary.covered);
      expect(cell('coverage_ratio')).toBe(r.summary.coverageRatio === null ? '' : String(r.summary.coverageRatio));
      expect(cell('reasons')).toBe(r.reasons.map((x: any) => (x.controls.length ? `${x.code} (${x.controls.join(', ')})` : x.code)).join('; '));
    });
    const a2 = table.rows.find((row) => row.values[3] === 'A2')!;
    expect(a2.values[CSV_COVERAGE_COLUMNS.indexOf('controls')]).toMatch(/^C3: EVIDENCE_EXPIRED, FULL$/);
  });
});

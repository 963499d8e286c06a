import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseCosai } from '../../../src/domain/catalog/parse-cosai.js';
import { expectWellFormed, frameworkOf, parseBuiltin, readSeed } from './seed-files.js';

describe('CoSAI Risk Map (seeds/cosai-risk-map)', () => {
  const result = parseBuiltin('cosai-risk-map');
  const controls = frameworkOf(result, 'cosai-risk-map-controls');
  const risks = frameworkOf(result, 'cosai-risk-map-risks');
  const leafControls = controls.requirements.filter((r) => r.kind === 'control');
  const source = parseYaml(readSeed('cosai-risk-map/controls.yaml')) as { controls: { id: string; risks: unknown }[] };
  const allControls = source.controls.filter((c) => c.risks === 'all').map((c) => c.id);

  it('has 6 categories, 35 controls and 36 risks', () => {
    expect(controls.requirements.filter((r) => r.kind === 'category')).toHaveLength(6);
    expect(leafControls).toHaveLength(35);
    expect(leafControls.every((r) => r.parentRefId?.startsWith('controls'))).toBe(true);
    expect(risks.threats).toHaveLength(36);
    expectWellFormed(controls);
    expectWellFormed(risks);
  });

  it('has 128 explicit control → risk edges plus 7 controls that address every risk', () => {
    expect(allControls).toHaveLength(7);
    const edges = risks.threats.flatMap((t) => t.addressedBy.map((c) => `${c.refId}>${t.refId}`));
    expect(new Set(edges).size).toBe(edges.length);
    const explicit = edges.filter((edge) => !allControls.includes(edge.split('>')[0]!));
    expect(explicit).toHaveLength(128);
    for (const threat of risks.threats) {
      expect(threat.addressedBy.map((c) => c.refId)).toEqual(expect.arrayContaining(allControls));
      expect(threat.addressedBy.every((c) => c.frameworkRefId === 'cosai-risk-map-controls')).toBe(true);
    }
  });

  it('renders prose with references resolved and no template tokens left', () => {
    const texts = [...leafControls.map((r) => r.statement), ...risks.threats.map((t) => t.description)];
    expect(texts.filter((text) => text.includes('{{'))).toEqual([]);
    expect(texts.every((text) => text.length > 0)).toBe(true);
    const transport = leafControls.find((r) => r.refId === 'controlInterComponentTransportSecurity');
    expect(transport?.statement).toContain('It is distinct from Orchestrator and Route Integrity (which governs');
    expect(transport?.statement).toMatch(/\n- TLS\/mTLS enforcement:/);
  });

  it('links 15 controls→AI RMF and 17 controls→ATLAS mappings, version suffixes stripped', () => {
    const links = result.bundle.links;
    expect(links.filter((l) => l.target.frameworkRefId === 'nist-ai-rmf-1.0')).toHaveLength(15);
    expect(links.filter((l) => l.target.frameworkRefId === 'mitre-atlas')).toHaveLength(17);
    expect(links).toContainEqual(
      expect.objectContaining({
        source: { frameworkRefId: 'cosai-risk-map-controls', refId: 'controlModelAndDataIntegrityManagement' },
        target: { frameworkRefId: 'nist-ai-rmf-1.0', refId: 'MEASURE 2.3' },
        relationship: 'INTERSECTS_WITH',
        strength: null,
        provenance: 'cosai-risk-map controls.yaml@18ab1ef17e5c0b09ded45287fdd1977605de80ad',
      }),
    );
    expect(links.every((l) => l.rationale.includes("CoSAI's published Risk Map"))).toBe(true);
  });

  it('points every link at a requirement that exists in the built-in AI RMF and ATLAS', () => {
    const targets = [
      frameworkOf(parseBuiltin('nist-ai-rmf-1.0'), 'nist-ai-rmf-1.0'),
      frameworkOf(parseBuiltin('mitre-atlas'), 'mitre-atlas'),
    ];
    const known = new Set(targets.flatMap((entry) => entry.requirements.map((r) => `${entry.framework.refId}/${r.refId}`)));
    const controlIds = new Set(leafControls.map((r) => r.refId));
    for (const link of result.bundle.links) {
      expect(known.has(`${link.target.frameworkRefId}/${link.target.refId}`), link.target.refId).toBe(true);
      expect(controlIds.has(link.source.refId)).toBe(true);
    }
  });

  it('warns about every mapping it cannot translate', () => {
    const owasp = result.warnings.filter((w) => w.includes('owasp-top10-llm mapping'));
    expect(owasp).toHaveLength(8);
    expect(result.warnings).toContain(
      'cosai-risk-map-risks: external mappings on risks not imported (a bundle has no threat-to-threat links): ' +
        'mitre-atlas 38, stride 37, owasp-top10-llm 25',
    );
    expect(result.warnings).toHaveLength(9);
  });

  it('warns about unknown ids, odd mapping ids and one-sided control lists', () => {
    const controlsYaml = [
      'categories: [{ id: cat, title: Cat }]',
      'controls:',
      '  - { id: c1, title: C1, description: ["Uses {{c2}} and {{nope}}."], category: cat, risks: [r1, r404],',
      '      mappings: { nist-ai-rmf: ["MEASURE-2.3@1.0", "MEASURE-2.3@1.0", "Measure 9"],',
      '                  mitre-atlas: ["AML.T0001@5.0.1"] } }',
      '  - { id: c2, title: C2, description: [d], category: elsewhere, risks: all }',
    ].join('\n');
    const risksYaml = [
      'risks:',
      '  - { id: r1, title: R1, shortDescription: [s], controls: [c1] }',
      '  - { id: r2, title: R2, longDescription: ["Long, see {{ref:x}}."], controls: [c1],',
      '      externalReferences: [{ id: x, title: Paper }] }',
    ].join('\n');
    const { bundle, warnings } = parseCosai({ controlsYaml, risksYaml });
    expect(bundle.frameworks[0]?.requirements.map((r) => [r.refId, r.parentRefId, r.statement])).toEqual([
      ['cat', null, ''],
      ['c1', 'cat', 'Uses C2 and nope.'],
      ['c2', null, 'd'],
    ]);
    expect(bundle.frameworks[1]?.threats.map((t) => [t.refId, t.description, t.addressedBy.map((a) => a.refId)])).toEqual([
      ['r1', 's', ['c1', 'c2']],
      ['r2', 'Long, see Paper.', ['c2']],
    ]);
    expect(bundle.links.map((l) => l.target.refId)).toEqual(['MEASURE 2.3']);
    expect(warnings).toEqual([
      'cosai-risk-map-controls: c1: unresolved reference {{nope}}',
      'cosai-risk-map-controls: c2 has unknown category "elsewhere"; kept top-level',
      'cosai-risk-map-controls: c1 lists unknown risk "r404"',
      'cosai-risk-map-risks: r2 lists control c1, which does not list it; not added',
      'cosai-risk-map-risks: c1 lists risk r404, but r404 does not list it',
      'cosai-risk-map-controls: c1: nist-ai-rmf mapping "MEASURE-2.3@1.0" repeats an earlier one; imported once',
      'cosai-risk-map-controls: c1: nist-ai-rmf mapping "Measure 9" has an unexpected form; not imported',
      'cosai-risk-map-controls: c1: mitre-atlas mapping "AML.T0001@5.0.1" has an unexpected form; not imported',
    ]);
  });
});

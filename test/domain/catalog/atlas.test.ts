import { describe, expect, it } from 'vitest';
import { parseAtlas } from '../../../src/domain/catalog/parse-atlas.js';
import { expectWellFormed, frameworkOf, parseBuiltin } from './seed-files.js';

describe('MITRE ATLAS (seeds/mitre-atlas)', () => {
  const result = parseBuiltin('mitre-atlas');
  const mitigations = frameworkOf(result, 'mitre-atlas');
  const techniques = frameworkOf(result, 'mitre-atlas-techniques');
  const technique = (refId: string) => techniques.threats.find((t) => t.refId === refId);

  it('has 35 mitigations and 170 techniques (101 top-level + 69 sub-techniques)', () => {
    expect(mitigations.requirements).toHaveLength(35);
    expect(mitigations.requirements.every((r) => r.kind === 'mitigation' && /^AML\.M\d{4}$/.test(r.refId))).toBe(true);
    expect(techniques.threats).toHaveLength(170);
    expect(techniques.threats.filter((t) => t.parentRefId === null)).toHaveLength(101);
    expect(techniques.threats.filter((t) => t.parentRefId !== null)).toHaveLength(69);
    expect(result.warnings).toEqual([]);
    expectWellFormed(mitigations);
    expectWellFormed(techniques);
  });

  it('links 244 distinct mitigation → technique pairs (246 source entries)', () => {
    const pairs = techniques.threats.flatMap((t) => t.addressedBy.map((m) => `${m.refId}>${t.refId}`));
    expect(pairs).toHaveLength(244);
    expect(new Set(pairs).size).toBe(244);
    const mitigationIds = new Set(mitigations.requirements.map((r) => r.refId));
    const refs = techniques.threats.flatMap((t) => t.addressedBy);
    expect(refs.every((m) => m.frameworkRefId === 'mitre-atlas' && mitigationIds.has(m.refId))).toBe(true);
    const duplicated = technique('AML.T0043.001')?.addressedBy.map((m) => m.refId);
    expect(duplicated).toEqual(expect.arrayContaining(['AML.M0002', 'AML.M0004']));
    expect(techniques.threats.filter((t) => t.addressedBy.length === 0)).toHaveLength(96);
  });

  it('maps fields and kinds', () => {
    expect(mitigations.requirements[0]).toMatchObject({
      refId: 'AML.M0000',
      title: 'Limit Public Release of Information',
      sortOrder: 0,
    });
    expect(mitigations.requirements[0]?.statement).toMatch(/^Limit the public release of technical information/);
    expect(technique('AML.T0000.000')).toMatchObject({
      name: 'Journals and Conference Proceedings',
      parentRefId: 'AML.T0000',
    });
    expect(mitigations.framework).toMatchObject({ kind: 'CONTROL_CATALOG', version: '5.6.0' });
    expect(techniques.framework).toMatchObject({ kind: 'THREAT_CATALOG', version: '5.6.0' });
  });

  it('warns about unknown techniques and parents instead of dropping them silently', () => {
    const yaml = [
      'id: ATLAS',
      'version: 1.0.0',
      'matrices:',
      '  - id: ATLAS',
      '    techniques:',
      '      - { id: AML.T0001.000, name: Sub, description: d, subtechnique-of: AML.T9999 }',
      '    mitigations:',
      '      - id: AML.M0001',
      '        name: M',
      '        description: m',
      '        techniques: [{ id: AML.T0001.000, use: u }, { id: AML.T0001.000, use: again }, { id: AML.T4242, use: u }]',
    ].join('\n');
    const { bundle, warnings } = parseAtlas(yaml);
    expect(warnings).toEqual([
      'mitre-atlas-techniques: AML.T0001.000 is a sub-technique of unknown "AML.T9999"; kept top-level',
      'mitre-atlas: AML.M0001 lists unknown technique "AML.T4242"',
    ]);
    expect(bundle.frameworks[1]?.threats[0]).toMatchObject({
      parentRefId: null,
      addressedBy: [{ frameworkRefId: 'mitre-atlas', refId: 'AML.M0001' }],
    });
  });

  it('throws on YAML that is not ATLAS', () => {
    expect(() => parseAtlas('id: x\nmatrices: []\n')).toThrow('$.matrices is empty');
    expect(() => parseAtlas('a: [unclosed')).toThrow(/ATLAS\.yaml: invalid YAML/);
  });
});

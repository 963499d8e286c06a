import { describe, expect, it } from 'vitest';
import { parseOscalCatalog } from '../../../src/domain/catalog/parse-oscal-catalog.js';
import { BUILTIN_FRAMEWORKS } from '../../../src/domain/catalog/builtin-frameworks.js';
import { expectWellFormed, frameworkOf, parseBuiltin, readSeed } from './seed-files.js';

describe('NIST SP 800-53 Rev. 5 (seeds/nist-sp800-53-rev5)', () => {
  const result = parseBuiltin('nist-sp800-53-rev5');
  const entry = frameworkOf(result, 'nist-sp800-53-rev5');
  const byRefId = new Map(entry.requirements.map((r) => [r.refId, r]));
  const controls = entry.requirements.filter((r) => r.kind !== 'group');

  it('has the SOURCE.md counts: 20 groups, 322 + 867 = 1,189 controls, 182 withdrawn', () => {
    expect(entry.requirements.filter((r) => r.kind === 'group')).toHaveLength(20);
    expect(controls).toHaveLength(1189);
    expect(controls.filter((r) => r.kind === 'SP800-53')).toHaveLength(322);
    expect(controls.filter((r) => r.kind === 'SP800-53-enhancement')).toHaveLength(867);
    expect(controls.filter((r) => r.withdrawn)).toHaveLength(182);
    expect(result.warnings).toEqual([]);
    expectWellFormed(entry);
  });

  it('renders every parameter insertion', () => {
    const unrendered = entry.requirements.filter((r) => r.statement.includes('{{'));
    expect(unrendered.map((r) => r.refId)).toEqual([]);
  });

  it('gives every non-withdrawn control a statement', () => {
    expect(controls.filter((r) => !r.withdrawn && r.statement === '').map((r) => r.refId)).toEqual([]);
  });

  it('nests AC-2(1) under AC-2 under the ac family', () => {
    expect(byRefId.get('AC-2(1)')).toMatchObject({ sourceId: 'ac-2.1', parentRefId: 'AC-2', withdrawn: false });
    expect(byRefId.get('AC-2')).toMatchObject({ parentRefId: 'ac', title: 'Account Management' });
    expect(byRefId.get('ac')).toMatchObject({ parentRefId: null, kind: 'group', title: 'Access Control' });
  });

  it('prints AC-1 as NIST does', () => {
    expect(byRefId.get('AC-1')?.statement.split('\n').slice(0, 3)).toEqual([
      'a. Develop, document, and disseminate to [Assignment: organization-defined personnel or roles]:',
      '  1. [Selection (one or more): Organization-level; Mission/business process-level; System-level] ' +
        'access control policy that:',
      '    (a) Addresses purpose, scope, roles, responsibilities, management commitment, coordination among ' +
        'organizational entities, and compliance; and',
    ]);
  });

  it('renders selections whose choices insert parameters', () => {
    expect(byRefId.get('AC-4(4)')?.statement).toContain(
      '[Selection (one or more): decrypting the information; blocking the flow of the encrypted information; ' +
        'terminating communications sessions attempting to pass encrypted information; ' +
        '[Assignment: organization-defined procedure or method]]',
    );
  });

  it('names where withdrawn controls went, including a link into a statement item', () => {
    expect(byRefId.get('AC-13')).toMatchObject({ withdrawn: true, statement: '[Withdrawn: Incorporated into AC-2, AU-6.]' });
    expect(byRefId.get('AC-2(10)')?.statement).toBe('[Withdrawn: Incorporated into AC-2k.]');
  });

  it('parses NIST\'s resolved LOW baseline catalog with the same parser (149 controls)', () => {
    const low = parseOscalCatalog(
      JSON.parse(readSeed('nist-sp800-53-rev5/NIST_SP-800-53_rev5_LOW-baseline-resolved-profile_catalog-min.json')),
      BUILTIN_FRAMEWORKS['nist-sp800-53-rev5'],
    );
    expectWellFormed(low.entry);
    const lowControls = low.entry.requirements.filter((r) => r.kind !== 'group');
    expect(lowControls).toHaveLength(149);
    for (const control of lowControls) expect(byRefId.has(control.refId), control.refId).toBe(true);
    expect(low.entry.requirements.every((r) => !r.statement.includes('{{'))).toBe(true);
  });
});

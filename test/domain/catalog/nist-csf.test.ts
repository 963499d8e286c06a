import { describe, expect, it } from 'vitest';
import { expectWellFormed, frameworkOf, parseBuiltin } from './seed-files.js';

describe('NIST CSF 2.0 (seeds/nist-csf-2.0)', () => {
  const result = parseBuiltin('nist-csf-2.0');
  const entry = frameworkOf(result, 'nist-csf-2.0');
  const byRefId = new Map(entry.requirements.map((r) => [r.refId, r]));
  const ofKind = (kind: string) => entry.requirements.filter((r) => r.kind === kind);

  it('has 6 functions, 34 categories (12 withdrawn), 185 subcategories (79 withdrawn)', () => {
    expect(ofKind('group').map((r) => r.refId)).toEqual(['GV', 'ID', 'PR', 'DE', 'RS', 'RC']);
    expect(ofKind('category')).toHaveLength(34);
    expect(ofKind('category').filter((r) => r.withdrawn)).toHaveLength(12);
    expect(ofKind('subcategory')).toHaveLength(185);
    expect(ofKind('subcategory').filter((r) => r.withdrawn)).toHaveLength(79);
    expect(entry.requirements).toHaveLength(6 + 34 + 185);
    expect(result.warnings).toEqual([]);
    expectWellFormed(entry);
  });

  it('uses the CSF identifiers as refIds', () => {
    expect(byRefId.get('GV')).toMatchObject({ title: 'GOVERN', parentRefId: null });
    expect(byRefId.get('GV.OC')).toMatchObject({ title: 'Organizational Context', parentRefId: 'GV' });
    expect(byRefId.get('GV.OC-01')).toMatchObject({
      parentRefId: 'GV.OC',
      statement: 'The organizational mission is understood and informs cybersecurity risk management',
    });
  });

  it('keeps withdrawn CSF 1.1 items with their successors (underscore link relations)', () => {
    expect(byRefId.get('ID.BE')).toMatchObject({ withdrawn: true, statement: '[Withdrawn: Incorporated into GV.OC.]' });
    expect(byRefId.get('ID.BE-01')).toMatchObject({ withdrawn: true, parentRefId: 'ID.BE' });
    expect(entry.requirements.every((r) => r.statement !== '')).toBe(true);
  });

  it('uses the framework version 2.0, not the document version', () => {
    expect(entry.framework.version).toBe('2.0');
  });
});

import { describe, expect, it } from 'vitest';
import { parseAiRmf } from '../../../src/domain/catalog/parse-ai-rmf.js';
import { expectWellFormed, frameworkOf, parseBuiltin } from './seed-files.js';

describe('NIST AI RMF 1.0 (seeds/nist-ai-rmf-1.0)', () => {
  const result = parseBuiltin('nist-ai-rmf-1.0');
  const entry = frameworkOf(result, 'nist-ai-rmf-1.0');
  const byRefId = new Map(entry.requirements.map((r) => [r.refId, r]));
  const ofKind = (kind: string) => entry.requirements.filter((r) => r.kind === kind);

  it('has 4 functions, 19 categories and 72 subcategories', () => {
    expect(ofKind('function').map((r) => r.refId)).toEqual(['GOVERN', 'MAP', 'MEASURE', 'MANAGE']);
    expect(ofKind('category')).toHaveLength(19);
    expect(ofKind('subcategory')).toHaveLength(72);
    expect(result.warnings).toEqual([]);
    expectWellFormed(entry);
  });

  it('keeps NIST\'s ids and printed statements', () => {
    expect(byRefId.get('GOVERN 1.1')).toMatchObject({
      parentRefId: 'GOVERN 1',
      statement: 'Legal and regulatory requirements involving AI are understood, managed, and documented.',
    });
    expect(byRefId.get('GOVERN 1')?.parentRefId).toBe('GOVERN');
    expect(byRefId.get('MEASURE 2.10')?.sortOrder).toBe(9);
    expect(byRefId.get('GOVERN 6.1')?.statement).toContain('third-party’s');
    expect([...ofKind('category'), ...ofKind('subcategory')].every((r) => r.statement.endsWith('.'))).toBe(true);
  });

  it('throws on a malformed core, naming the path', () => {
    expect(() => parseAiRmf({ functions: [{ id: 'GOVERN', categories: [{ id: 'GOVERN 1' }] }] })).toThrow(
      '$.functions[0].categories[0].statement',
    );
  });

  it('warns about ids that do not extend their parent', () => {
    const { warnings } = parseAiRmf({
      functions: [
        {
          id: 'MAP',
          title: 'Map',
          categories: [{ id: 'MAP 1', statement: 's.', subcategories: [{ id: 'MEASURE 1.1', statement: 't.' }] }],
        },
      ],
    });
    expect(warnings).toEqual([
      'nist-ai-rmf-1.0: $.functions[0].categories[0].subcategories[0].id "MEASURE 1.1" does not extend its parent "MAP 1"',
    ]);
  });
});

/** The pure parts of the exports: name-based uuids, natural order, OSCAL tokens, bundle checks. */
import { describe, expect, it } from 'vitest';
import { requirementToken } from '../../src/domain/export/assessment-results.js';
import { readBundle } from '../../src/domain/export/bundle-reader.js';
import { naturalCompare, toCsv } from '../../src/domain/export/document.js';
import { CROSSWALK_UUID_NAMESPACE, uuidV5 } from '../../src/domain/export/uuid.js';

const emptyBundle = () => ({
  format: 'crosswalk-bundle',
  version: 1,
  exportedAt: '2026-01-01T00:00:00.000Z',
  frameworks: [] as any[],
  requirements: [] as any[],
  threats: [],
  aiSystems: [],
  controls: [],
  mappings: [],
  links: [],
  notApplicable: [],
  evidence: [],
  baselines: [],
  coverageSnapshots: [],
});
const T = '2026-01-01T00:00:00.000Z';

describe('uuidV5', () => {
  it('matches RFC 9562 (the DNS namespace example) and Crosswalk’s namespace is the v5 uuid of "crosswalk"', () => {
    expect(uuidV5('python.org', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
    expect(uuidV5('crosswalk', '6ba7b811-9dad-11d1-80b4-00c04fd430c8')).toBe(CROSSWALK_UUID_NAMESPACE);
    // Names in Crosswalk's namespace (values from Python's uuid.uuid5, an independent implementation).
    expect(uuidV5('a')).toBe('972105e7-038e-52ea-9b11-17893eeb9461');
    expect(uuidV5('b')).toBe('a1388ee8-f6b0-5e9d-9c7b-3addf262f408');
  });
});

describe('naturalCompare', () => {
  it('orders identifiers as people read them, totally', () => {
    const ids = ['AC-10', 'AC-2(10)', 'AC-2', 'AC-2(2)', 'AC-1', 'GOVERN 1.10', 'GOVERN 1.2', 'AC-02', 'ac-1'];
    expect([...ids].sort(naturalCompare)).toEqual(['AC-1', 'AC-02', 'AC-2', 'AC-2(2)', 'AC-2(10)', 'AC-10', 'GOVERN 1.2', 'GOVERN 1.10', 'ac-1']);
    expect(naturalCompare('AC-02', 'AC-2')).not.toBe(0);
  });
});

describe('requirementToken', () => {
  it('keeps an OSCAL id, and makes a token of other refIds', () => {
    expect(requirementToken({ refId: 'AC-2(1)', sourceId: 'ac-2.1' })).toBe('ac-2.1');
    expect(requirementToken({ refId: 'GOVERN 1.1', sourceId: null })).toBe('govern-1.1');
    expect(requirementToken({ refId: 'Art. 15(1)', sourceId: null })).toBe('art.-15-1');
    expect(requirementToken({ refId: '4.1', sourceId: 'not a token' })).toBe('_4.1');
  });
});

describe('toCsv', () => {
  it('quotes only where needed and ends every record with LF', () => {
    expect(toCsv(['a', 'b'], [['x, y', 'say "hi"'], [null, 3], ['line\nbreak', true]])).toBe('a,b\n"x, y","say ""hi"""\n,3\n"line\nbreak",true\n');
  });
});

describe('readBundle', () => {
  it('accepts an empty bundle and normalises instants to UTC with milliseconds', () => {
    const b = { ...emptyBundle(), exportedAt: '2026-01-01T02:00:00+02:00' };
    const read = readBundle(b);
    expect(read.problems).toEqual([]);
    expect(read.bundle!.exportedAt).toBe('2026-01-01T00:00:00.000Z');
  });

  it('reports every problem with its JSON path: duplicates, unknown references, parent cycles', () => {
    const framework = { refId: 'f', name: 'F', version: '', kind: 'STANDARD', description: '', sourceNote: '', licenseNote: '', createdAt: T, updatedAt: T };
    const requirement = (refId: string, parent: string | null) => ({
      framework: 'f', refId, parent, sourceId: null, title: '', statement: '', kind: null, withdrawn: false, sortOrder: 0, createdAt: T, updatedAt: T,
    });
    const b = emptyBundle();
    b.frameworks = [framework, framework];
    b.requirements = [requirement('a', 'b'), requirement('b', 'a'), requirement('c', 'zz'), { ...requirement('d', null), framework: 'g' }];
    expect(readBundle(b).problems).toEqual([
      { location: '$.frameworks[1].refId', reason: 'framework "f" is already given at $.frameworks[0]' },
      { location: '$.requirements[3].framework', reason: 'framework "g" is not in the bundle' },
      { location: '$.requirements[2].parent', reason: 'parent "zz" is not a requirement of "f" in the bundle' },
      { location: '$.requirements[0].parent', reason: 'the parents form a cycle' },
    ]);
  });

  it('refuses what is not a version-1 bundle', () => {
    expect(readBundle({ catalog: {} }).problems).toEqual([{ location: '$.format', reason: 'a Crosswalk bundle has "format": "crosswalk-bundle"' }]);
    expect(readBundle({ ...emptyBundle(), version: '1' }).problems[0]!.location).toBe('$.version');
  });
});

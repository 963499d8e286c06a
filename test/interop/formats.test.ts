/** The dispatcher (format detection, syntax errors) and small parsing rules. */
import { describe, expect, it } from 'vitest';
import { readRelationshipCell } from '../../src/domain/catalog/parse-csv-mappings.js';
import { globToRegExp } from '../../src/domain/catalog/parse-oscal-profile.js';
import { chooseHandler, IMPORT_FORMAT_HANDLERS, readDocument } from '../../src/domain/import/formats.js';
import { slug } from '../../src/domain/import/oscal-profile-format.js';
import { IMPORT_FORMATS } from '../../src/domain/import/types.js';
import { CSF, EU_AI_ACT, GENAI_ISO_MAPPING, PCI_MAPPING, read, SP800_53, SP800_53_PROFILE } from './support.js';

const detect = (text: string) => chooseHandler(readDocument(text, null), null).format;

describe('format detection', () => {
  it('recognises the OSCAL models by their root key (catalogs of OSCAL 1.0, 1.1 and 1.2) and CSV files by their header', () => {
    expect(detect(read(SP800_53))).toBe('OSCAL_CATALOG'); // OSCAL 1.0.0
    expect(detect(read(EU_AI_ACT))).toBe('OSCAL_CATALOG'); // OSCAL 1.1.2
    expect(detect(read(CSF))).toBe('OSCAL_CATALOG'); // OSCAL 1.2.2
    expect(detect(read(SP800_53_PROFILE('LOW')))).toBe('OSCAL_PROFILE');
    expect(detect(read(PCI_MAPPING))).toBe('OSCAL_MAPPING_COLLECTION');
    expect(detect(read(GENAI_ISO_MAPPING))).toBe('OSCAL_MAPPING_COLLECTION');
    expect(detect('\ufeffFramework,Requirement Ref ID,Control_Ref_Id,Relationship\r\n')).toBe('CSV_MAPPINGS');
    expect(detect('Control ID,Name,Status\n')).toBe('CSV_CONTROLS');
    // Every header the mappings parser reads is also recognised when detecting.
    expect(detect('framework,requirementRef,controlRef,mapping relationship\n')).toBe('CSV_MAPPINGS');
  });

  it('every handler has a distinct format from IMPORT_FORMATS, and every format has a handler', () => {
    const formats = IMPORT_FORMAT_HANDLERS.map((h) => h.format);
    expect(new Set(formats).size).toBe(formats.length);
    expect(IMPORT_FORMATS.filter((f) => !formats.includes(f))).toEqual([]);
  });

  it('names where JSON breaks', () => {
    expect(() => readDocument('{\n  "a": 1,\n}', null)).toThrow(/^line 3, column 1: not valid JSON/);
  });
});

describe('small rules', () => {
  it('profile patterns are globs on the OSCAL id', () => {
    expect(globToRegExp('ac-*').test('ac-2.1')).toBe(true);
    expect(globToRegExp('ac-?').test('ac-2')).toBe(true);
    expect(globToRegExp('ac-?').test('ac-20')).toBe(false);
    expect(globToRegExp('a.c').test('abc')).toBe(false);
  });

  it('CSV relationships: Crosswalk names in any case, OSCAL words, no-relationship', () => {
    expect(readRelationshipCell('subset of')).toBe('SUBSET_OF');
    expect(readRelationshipCell('Intersects-With')).toBe('INTERSECTS_WITH');
    expect(readRelationshipCell('equivalent-to')).toBe('EQUAL');
    expect(readRelationshipCell('no-relationship')).toBeNull();
    expect(readRelationshipCell('covers')).toBeUndefined();
    expect(readRelationshipCell('constructor')).toBeUndefined();
  });

  it('a baseline refId from a profile title', () => {
    expect(slug('NIST Special Publication 800-53 Revision 5 LOW IMPACT BASELINE')).toBe('nist-special-publication-800-53-revision-5-low-impact-baseline');
    expect(slug('EU AI Act — Article 50 Transparency Obligations (applicable 2 August 2026)')).toBe('eu-ai-act-article-50-transparency-obligations-applicable-2-august-2026');
    expect(slug('x'.repeat(300))).toHaveLength(100);
  });
});

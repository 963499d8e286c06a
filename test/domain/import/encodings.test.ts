/**
 * OSCAL XML and YAML → the JSON model (domain/import/encodings.ts, oscal-xml.ts, yaml-document.ts):
 * each XML conversion rule on a small hand-written catalog, the real FedRAMP file in its three
 * encodings, detection from the content, and the refusals (DOCTYPE, alias bombs, unsupported models).
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { chooseHandler, readDocument } from '../../../src/domain/import/formats.js';
import { ImportDocumentError, type ImportDocument } from '../../../src/domain/import/types.js';

const FIXTURES = 'test/fixtures/oscal-encodings';
const fixture = (name: string): string => {
  const bytes = readFileSync(`${FIXTURES}/${name}`);
  return (name.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
};
const valueOf = (document: ImportDocument): Record<string, any> => {
  if (document.syntax !== 'json') throw new Error(`read as ${document.syntax}`);
  return document.value as Record<string, any>;
};
const refusal = (text: string, format: Parameters<typeof chooseHandler>[1] = null): string => {
  try {
    chooseHandler(readDocument(text, format ? 'json' : null), format);
  } catch (error) {
    if (error instanceof ImportDocumentError) return error.message;
    throw error;
  }
  throw new Error('not refused');
};
/** The markup fields (Markdown, written differently by each encoding's converter) and `rlinks` (each file links its own encoding) left out. */
const MARKUP = new Set(['title', 'label', 'text', 'choice', 'caption', 'purpose', 'remarks', 'description', 'usage', 'statement', 'prose', 'rlinks']);
const withoutMarkup = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(withoutMarkup)
    : value !== null && typeof value === 'object'
      ? Object.fromEntries(Object.entries(value).flatMap(([k, v]) => (MARKUP.has(k) ? [] : [[k, withoutMarkup(v)]])))
      : value;
const xmlCatalog = (title: string) =>
  `<?xml version="1.0"?>\n<catalog xmlns="http://csrc.nist.gov/ns/oscal/1.0" uuid="5a1d3e0c-7f4b-4c55-9d0e-2b7a9c1e4f01"><metadata><title>${title}</title></metadata></catalog>`;

describe('OSCAL XML → the JSON model', () => {
  const document = readDocument(fixture('markup.catalog.xml'), null);
  const catalog = valueOf(document).catalog;
  const t1 = catalog.groups[0].controls[0];

  it('is detected from the root element and handed to the catalog handler', () => {
    expect(document).toMatchObject({ syntax: 'json', encoding: 'xml' });
    expect(Object.keys(valueOf(document))).toEqual(['catalog']);
    expect(chooseHandler(document, null).format).toBe('OSCAL_CATALOG');
  });

  it('turns attributes into fields and repeated elements into their group-as arrays, wrappers into arrays', () => {
    expect(catalog.uuid).toBe('5a1d3e0c-7f4b-4c55-9d0e-2b7a9c1e4f01');
    expect(catalog.metadata.revisions).toEqual([{ title: 'First draft', version: '0.9' }]);
    expect(catalog.metadata.parties).toEqual([
      { uuid: '0d9c7b0e-3f43-4c7e-9a52-1a8e6f5b2c10', type: 'organization', name: 'Example & Co — Ltd', 'email-addresses': ['info@example.org'] },
    ]);
    expect(catalog.groups.map((g: { id: string }) => g.id)).toEqual(['g-1']);
    expect(catalog.controls.map((c: { id: string }) => c.id)).toEqual(['t-2']);
    expect(t1.controls.map((c: { id: string }) => c.id)).toEqual(['t-1.1']);
    expect(t1.params).toEqual([{ id: 't-1_prm_1', label: 'frequency', select: { 'how-many': 'one-or-more', choice: ['daily', 'weekly'] } }]);
    expect(t1.props).toEqual([{ name: 'label', value: 'T-1' }]);
    expect(t1.links).toEqual([{ href: 'https://doi.org/10.6028/NIST.SP.800-53r5', rel: 'reference' }]);
    expect(catalog['back-matter'].resources[0].rlinks).toEqual([
      { href: 'https://example.org/guide.pdf', 'media-type': 'application/pdf', hashes: [{ algorithm: 'SHA-256', value: '0'.repeat(64) }] },
    ]);
  });

  it('keeps markup-line titles and markup-multiline prose as the Markdown text of the JSON encoding', () => {
    expect(catalog.metadata.title).toBe('Markup *test* catalog');
    expect(t1.title).toBe('Access **control** policy');
    const statement = t1.parts[0];
    expect(statement).toMatchObject({ id: 't-1_smt', name: 'statement' });
    expect(statement.prose).toBe(
      [
        'Review the policy {{ insert: param, t-1_prm_1 }}; see [the guide](https://example.org/x?a=1&b=2) and run `audit --all`.',
        'It applies to \\*all\\* staff:',
        '- employees\n- *contractors*\n  - on site',
      ].join('\n\n'),
    );
    expect(statement.parts).toEqual([{ id: 't-1_smt.a', name: 'item', props: [{ name: 'label', value: 'a.' }], prose: 'First item.' }]);
    expect(catalog.controls[0].parts[0].prose).toBe('## Heading\n\n| A | B |\n| --- | --- |\n| 1 | x \\| y |');
    expect(catalog.controls[0].remarks).toBe('One.\n\nTwo.');
  });

  it('a part\'s or guideline\'s text is its prose, also without paragraphs, text and markup in document order', () => {
    const value = valueOf(readDocument('<catalog><part name="s">Plain <em>x</em> text</part><part name="t">only text</part><guideline><p>G</p></guideline></catalog>', null));
    expect(value.catalog).toEqual({ parts: [{ name: 's', prose: 'Plain *x* text' }, { name: 't', prose: 'only text' }], guidelines: [{ prose: 'G' }] });
  });

  it('reads any title text back exactly, but for XML white space runs (one space) and escaped * and `', () => {
    const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    // Characters XML 1.0 allows (no C0 controls but tab, CR, LF).
    const text = fc.string({ unit: 'grapheme', maxLength: 40 }).filter((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(s) && /[^ \t\r\n]/.test(s));
    fc.assert(
      fc.property(text, (s) => {
        const read = valueOf(readDocument(xmlCatalog(escapeXml(s)), null)).catalog.metadata.title;
        const expected = s.replace(/\r\n?/g, '\n').replace(/[*`]/g, '\\$&').replace(/[ \t\r\n]+/g, ' ').replace(/^ | $/g, '');
        expect(read).toBe(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('reads any plain string field (a parameter value, a version) back exactly as written, trimmed, with nothing escaped', () => {
    const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const text = fc.string({ unit: 'grapheme', maxLength: 40 }).filter((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(s) && /[^ \t\r\n]/.test(s));
    fc.assert(
      fc.property(text, (s) => {
        const xml = `<catalog uuid="5a1d3e0c-7f4b-4c55-9d0e-2b7a9c1e4f01"><metadata><version>${escapeXml(s)}</version></metadata><param id="p"><value>${escapeXml(s)}</value></param></catalog>`;
        const read = valueOf(readDocument(xml, null)).catalog;
        const expected = s.replace(/\r\n?/g, '\n').replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
        expect(read.metadata.version).toBe(expected);
        expect(read.params[0].values).toEqual([expected]);
      }),
      { numRuns: 200 },
    );
  });

  it('gives the JSON encoding\'s model exactly for a catalog with Markdown characters in plain fields and in markup (plain-strings.catalog.xml/.json)', () => {
    const xml = valueOf(readDocument(fixture('plain-strings.catalog.xml'), null));
    expect(xml).toEqual(JSON.parse(fixture('plain-strings.catalog.json')));
    const control = xml.catalog.groups[0].controls[0];
    expect(control.params[0].values).toEqual(['*.example.com', '`internal`.example.org']);
    expect(xml.catalog.metadata.version).toBe('2026.12-*-`rc`');
    expect(control.params[1].label).toBe('approver, e.g. the \\*named\\* owner');
  });

  it('FedRAMP MODERATE in XML and YAML: every field but markup (titles, prose, …) and the encoding\'s own catalog link equals the JSON file\'s', () => {
    const json = valueOf(readDocument(fixture('FedRAMP_rev5_MODERATE-baseline_profile.json.gz'), null));
    for (const encoding of ['xml', 'yaml']) {
      const other = valueOf(readDocument(fixture(`FedRAMP_rev5_MODERATE-baseline_profile.${encoding}.gz`), null));
      expect(withoutMarkup(other), encoding).toEqual(withoutMarkup(json));
    }
  });

  it('gives the same profile as the JSON file for FedRAMP MODERATE in XML and in YAML (but for the encoding-specific catalog link and Markdown escapes)', () => {
    const json = valueOf(readDocument(fixture('FedRAMP_rev5_MODERATE-baseline_profile.json.gz'), null)).profile;
    for (const encoding of ['xml', 'yaml']) {
      const other = readDocument(fixture(`FedRAMP_rev5_MODERATE-baseline_profile.${encoding}.gz`), null);
      expect(other).toMatchObject({ encoding });
      const profile = valueOf(other).profile;
      expect(profile.imports).toEqual(json.imports);
      expect(profile.imports[0]['include-controls'][0]['with-ids']).toHaveLength(323);
      expect(profile.merge).toEqual({ 'as-is': true });
      expect(profile.metadata).toEqual(json.metadata);
      expect(profile.modify['set-parameters'].map((p: { 'param-id': string }) => p['param-id'])).toEqual(json.modify['set-parameters'].map((p: { 'param-id': string }) => p['param-id']));
      expect(profile.modify.alters.map((a: { 'control-id': string }) => a['control-id'])).toEqual(json.modify.alters.map((a: { 'control-id': string }) => a['control-id']));
    }
  });
});

describe('encoding detection', () => {
  it('reads YAML whose first line is a key, and leaves CSV (even with colons) and JSON alone', () => {
    expect(readDocument('%YAML 1.2\n---\n# comment\ncatalog:\n  uuid: x\n', null)).toMatchObject({ syntax: 'json', encoding: 'yaml', value: { catalog: { uuid: 'x' } } });
    expect(readDocument('requirement,control,relationship\nA:1,B,EQUAL\n', null)).toMatchObject({ syntax: 'csv' });
    expect(readDocument('title:x,control\nT,C\n', null)).toMatchObject({ syntax: 'csv' });
    expect(readDocument('{"catalog": {}}', null)).toEqual({ syntax: 'json', value: { catalog: {} } });
    // A CSV format named by the caller is read as CSV whatever the text looks like.
    expect(readDocument('catalog: x\n', 'csv')).toMatchObject({ syntax: 'csv' });
  });

  it('a YAML document gives the value its JSON gives (numbers, booleans and null as JSON has them; dates stay strings)', () => {
    const value = { profile: { uuid: 'u', metadata: { published: '2024-09-24T02:24:00Z', version: '5.1' }, merge: { 'as-is': true }, n: 0.5, none: null } };
    expect(valueOf(readDocument(stringify(value), null))).toEqual(value);
  });

  it('names the line and column of malformed XML and YAML', () => {
    expect(refusal('<catalog><metadata></catalog>')).toMatch(/^line 1, column \d+: not well-formed XML: /);
    expect(refusal('catalog:\n  uuid: a\n  uuid: b\n')).toMatch(/^line 3, column 3: not valid YAML: /);
  });

  it('refuses nesting past the limits with a clear error, not a crash', () => {
    const depth = 5_000;
    expect(refusal(`<catalog>${'<group>'.repeat(depth)}${'</group>'.repeat(depth)}</catalog>`)).toBe('line 1: the XML elements are nested more than 100 deep');
    expect(refusal(`catalog:\n  a: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`)).toMatch(/^line 2, column \d+: the YAML is nested too deeply to read$/);
  });

  it('a document with an unknown XML root names it', () => {
    expect(refusal('<html><body/></html>')).toMatch(/^\$: cannot tell the format: a XML document with top-level element html is none of /);
  });
});

describe('OSCAL XML edge cases', () => {
  it('elements the JSON model has as objects stay objects without attributes (a profile matches by document id in XML too)', () => {
    const text = xmlCatalog('T').replace('</title>', '</title><document-id>urn:x:1</document-id><document-id scheme="http://www.doi.org/">10.1/2</document-id>');
    expect(valueOf(readDocument(text, null)).catalog.metadata['document-ids']).toEqual([{ identifier: 'urn:x:1' }, { scheme: 'http://www.doi.org/', identifier: '10.1/2' }]);
  });

  it('a table of 170,000 rows reads as Markdown (no call-stack overflow)', () => {
    const text = xmlCatalog('T').replace('</metadata>', `<remarks><table><tr><td>a</td><td>b</td></tr>${'<tr/>'.repeat(170_000)}</table></remarks></metadata>`);
    const remarks: string = valueOf(readDocument(text, null)).catalog.metadata.remarks;
    expect(remarks.split('\n').slice(0, 3)).toEqual(['| a | b |', '| --- | --- |', '|  |  |']);
  });
});

describe('unsafe documents are refused before anything is expanded', () => {
  it('XML with an external entity (XXE) or an entity-expansion bomb: no DOCTYPE is processed', () => {
    for (const file of ['unsafe-external-entity.xml', 'unsafe-entity-expansion.xml']) {
      expect(refusal(fixture(file))).toBe(
        'line 2, column 1: XML with a DOCTYPE declaration is refused: Crosswalk resolves no external entities and expands no declared entities (OSCAL needs neither); remove the DOCTYPE',
      );
    }
    // A DOCTYPE inside a comment or CDATA section is text, not a declaration.
    expect(valueOf(readDocument(xmlCatalog('<![CDATA[<!DOCTYPE x>]]>').replace('<catalog', '<!-- <!DOCTYPE y> -->\n<catalog'), null)).catalog.metadata.title).toBe('<!DOCTYPE x>');
  });

  it('a DOCTYPE hidden behind a processing instruction that contains "<!--" is still refused', () => {
    const text = '<?x <!-- ?><!DOCTYPE catalog [<!ENTITY e "EXPANDED">]><?y --> ?><catalog><metadata><title>&e;</title></metadata></catalog>';
    expect(refusal(text)).toMatch(/^line 1, column 12: XML with a DOCTYPE declaration is refused/);
  });

  it('entities XML does not define (HTML names) are refused, not decoded', () => {
    expect(refusal(xmlCatalog('&copy; 2024'))).toMatch(/: the entity "&copy;" is not one of XML's .*write the character itself or its character reference$/);
    // XML's own entities and character references are decoded; an HTML name inside a comment or CDATA is text.
    expect(valueOf(readDocument(xmlCatalog('a &amp; b &#169; &#xA9; <![CDATA[&copy;]]>').replace('<catalog', '<!-- &nbsp; -->\n<catalog'), null)).catalog.metadata.title).toBe('a & b © © &copy;');
  });

  it('a comment, CDATA section or instruction never closed is refused at once, in one pass over the text', () => {
    for (const [opening, closing] of [['<!--', '-->'], ['<![CDATA[', ']]>'], ['<?', '?>']] as const) {
      expect(refusal('<catalog>' + opening.repeat(250_000))).toBe(`line 1, column 10: not well-formed XML: "${opening}" is never closed by "${closing}"`);
    }
  });

  it('YAML whose aliases would expand past the limit (a "billion laughs")', () => {
    expect(refusal(fixture('unsafe-alias-bomb.yaml'))).toBe(
      '$: YAML that expands aliases more than 100 times is refused (an alias bomb expands a small file into a huge one); write the content out without anchors and aliases',
    );
    // A few aliases are fine.
    expect(valueOf(readDocument('catalog:\n  a: &x [1]\n  b: *x\n', null))).toEqual({ catalog: { a: [1], b: [1] } });
  });
});

describe('OSCAL models Crosswalk does not import are named, in every encoding and with a format given', () => {
  const expected = (model: string, key: string) => `$: this is an OSCAL ${model} (root "${key}"), which Crosswalk does not import: it imports OSCAL catalogs, profiles and mapping-collections (in JSON, XML or YAML); import the catalog or profile it is based on instead`;
  it.each([
    ['system-security-plan.xml', fixture('system-security-plan.xml'), 'system security plan (SSP)', 'system-security-plan'],
    ['component-definition.yaml', fixture('component-definition.yaml'), 'component definition', 'component-definition'],
    ['POA&M JSON', JSON.stringify({ 'plan-of-action-and-milestones': { uuid: 'u' } }), 'plan of action and milestones (POA&M)', 'plan-of-action-and-milestones'],
    ['assessment plan YAML', 'assessment-plan:\n  uuid: u\n', 'assessment plan (SAP)', 'assessment-plan'],
    ['assessment results XML', '<assessment-results xmlns="http://csrc.nist.gov/ns/oscal/1.0" uuid="u"/>', 'assessment results (SAR)', 'assessment-results'],
  ])('%s', (_name, text, model, key) => {
    expect(refusal(text)).toBe(expected(model, key));
    expect(refusal(text, 'OSCAL_CATALOG')).toBe(expected(model, key));
  });
});

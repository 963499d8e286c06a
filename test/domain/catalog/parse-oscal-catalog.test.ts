import { describe, expect, it } from 'vitest';
import { parseOscalCatalog, type OscalFrameworkInput } from '../../../src/domain/catalog/parse-oscal-catalog.js';
import { expectWellFormed } from './seed-files.js';

const framework: OscalFrameworkInput = {
  refId: 'test-catalog',
  name: 'Test catalog',
  kind: 'STANDARD',
  description: 'A hand-made catalog.',
  sourceNote: 'test',
  licenseNote: 'test',
};

function catalog(body: Record<string, unknown>): unknown {
  return { catalog: { uuid: 'u', metadata: { title: 'T', version: '9.9', 'oscal-version': '1.1.2' }, ...body } };
}

const label = (value: string) => ({ name: 'label', value });

function parse(body: Record<string, unknown>) {
  const result = parseOscalCatalog(catalog(body), framework);
  expectWellFormed(result.entry);
  const byRefId = (refId: string) => {
    const found = result.entry.requirements.find((r) => r.refId === refId);
    if (found === undefined) throw new Error(`no requirement ${refId}`);
    return found;
  };
  return { ...result, byRefId };
}

describe('parseOscalCatalog', () => {
  it('maps groups, controls and nested controls, parents first, in document order', () => {
    const { entry, warnings } = parse({
      groups: [
        {
          id: 'fam',
          class: 'family',
          title: 'Family',
          controls: [
            {
              id: 'fam-1',
              class: 'base',
              title: 'One',
              props: [label('FAM-1')],
              controls: [{ id: 'fam-1.1', title: 'Enhancement', props: [label('FAM-1(1)')] }],
            },
            { id: 'fam-2', title: 'Two' },
          ],
        },
      ],
    });
    expect(warnings).toEqual([
      'test-catalog: FAM-1: has no statement or other prose',
      'test-catalog: FAM-1(1): has no statement or other prose',
      'test-catalog: fam-2: has no statement or other prose',
    ]);
    expect(entry.framework.version).toBe('9.9');
    expect(entry.requirements.map((r) => [r.refId, r.sourceId, r.parentRefId, r.kind, r.sortOrder])).toEqual([
      ['fam', 'fam', null, 'group', 0],
      ['FAM-1', 'fam-1', 'fam', 'base', 0],
      ['FAM-1(1)', 'fam-1.1', 'FAM-1', 'control', 0],
      ['fam-2', 'fam-2', 'fam', 'control', 1],
    ]);
  });

  it('follows key order when a group has both controls and groups', () => {
    const { entry } = parse({
      groups: [
        {
          id: 'g',
          title: 'G',
          controls: [{ id: 'c', title: 'C', parts: [{ name: 'statement', prose: 'x' }] }],
          groups: [{ id: 'sub', title: 'Sub' }],
        },
      ],
    });
    expect(entry.requirements.map((r) => [r.refId, r.sortOrder])).toEqual([
      ['g', 0],
      ['c', 0],
      ['sub', 1],
    ]);
  });

  it('renders statement items with labels and indentation, and strips Markdown links', () => {
    const { byRefId } = parse({
      controls: [
        {
          id: 'c-1',
          title: 'C',
          parts: [
            {
              name: 'statement',
              prose: 'The organization:',
              parts: [
                {
                  name: 'item',
                  props: [label('a.')],
                  prose: 'Does  [one thing](#ref-1);',
                  parts: [{ name: 'item', props: [label('1.')], prose: 'in detail;' }],
                },
                { name: 'item', props: [label('b.')], prose: 'Does another.' },
              ],
            },
            { name: 'guidance', prose: 'Not part of the statement.' },
          ],
        },
      ],
    });
    expect(byRefId('c-1').statement).toBe('The organization:\na. Does one thing;\n  1. in detail;\nb. Does another.');
  });

  it('renders parameters as NIST prints them, including selections that nest parameters', () => {
    const { byRefId, warnings } = parse({
      controls: [
        {
          id: 'p',
          title: 'Params',
          params: [
            { id: 'p_1', label: 'organization-defined personnel' },
            { id: 'p_2', select: { 'how-many': 'one-or-more', choice: ['alpha', ' {{ insert: param, p_1 }} '] } },
            { id: 'p_3', select: { choice: ['on', 'off'] } },
            { id: 'p_4', label: 'ignored because set', values: ['10 years'] },
            { id: 'p_5', guidelines: [{ prose: 'a value the organization defines' }] },
          ],
          parts: [
            {
              name: 'statement',
              prose:
                'Notify {{ insert: param, p_1 }} by {{insert: param,p_2}}; turn {{ insert: param, p_3 }}; ' +
                'keep {{ insert: param, p_4 }}; use {{ insert: param, p_5 }}; see {{ insert: param, nope }}.',
            },
          ],
        },
      ],
    });
    expect(byRefId('p').statement).toBe(
      'Notify [Assignment: organization-defined personnel] by ' +
        '[Selection (one or more): alpha; [Assignment: organization-defined personnel]]; turn [Selection: on; off]; ' +
        'keep 10 years; use [Assignment: a value the organization defines]; see [Assignment: nope].',
    );
    expect(warnings).toEqual(['test-catalog: p: insertion refers to unknown parameter "nope"']);
  });

  it('makes Markdown plain in prose and in parameter labels', () => {
    const { byRefId } = parse({
      controls: [
        {
          id: 'm',
          title: 'M',
          params: [{ id: 'm_1', label: 'events (a subset of [AU-2a.](#au-2_smt.a))' }],
          parts: [{ name: 'statement', prose: ' **Log** {{ insert: param, m_1 }} per [the guide](#guide).' }],
        },
      ],
    });
    expect(byRefId('m').statement).toBe('Log [Assignment: events (a subset of AU-2a.)] per the guide.');
  });

  it('warns instead of looping on a parameter that inserts itself', () => {
    const { byRefId, warnings } = parse({
      controls: [
        {
          id: 'loop',
          title: 'Loop',
          params: [{ id: 'l_1', select: { choice: ['{{ insert: param, l_1 }}'] } }],
          parts: [{ name: 'statement', prose: '{{ insert: param, l_1 }}' }],
        },
      ],
    });
    expect(byRefId('loop').statement).not.toContain('{{');
    expect(warnings.some((w) => w.includes('nests insertions'))).toBe(true);
  });

  it('falls back to the overview, then to the first part with prose, when there is no statement', () => {
    const { byRefId } = parse({
      controls: [
        { id: 'o', title: 'O', parts: [{ name: 'guidance', prose: 'g' }, { name: 'overview', prose: 'the overview' }] },
        { id: 'g', title: 'G', parts: [{ name: 'statement' }, { name: 'guidance', prose: 'only guidance' }] },
      ],
    });
    expect(byRefId('o').statement).toBe('the overview');
    expect(byRefId('g').statement).toBe('only guidance');
  });

  it('detects withdrawal in any casing and names successors of prose-less withdrawn items', () => {
    const { byRefId, warnings } = parse({
      controls: [
        { id: 'new', title: 'New', props: [label('NEW-1')], parts: [{ name: 'statement', prose: 'n' }] },
        {
          id: 'old',
          title: 'Old',
          props: [{ name: 'Status', value: 'WITHDRAWN' }],
          links: [
            { href: '#new', rel: 'incorporated-into' },
            { href: 'new', rel: 'moved_to' },
          ],
        },
        { id: 'gone', title: 'Gone', props: [{ name: 'status', value: 'Withdrawn' }] },
        {
          id: 'kept',
          title: 'Kept',
          props: [{ name: 'status', value: 'active' }],
          parts: [{ name: 'statement', prose: 'k' }],
        },
      ],
    });
    expect(byRefId('old')).toMatchObject({
      withdrawn: true,
      statement: '[Withdrawn: Incorporated into NEW-1; moved to NEW-1.]',
    });
    expect(byRefId('gone')).toMatchObject({ withdrawn: true, statement: '[Withdrawn.]' });
    expect(byRefId('kept').withdrawn).toBe(false);
    expect(warnings).toEqual([]);
  });

  it('a withdrawn control linking to a URL or a DOI names it as written; it is not reported as an unknown id', () => {
    const { byRefId, warnings } = parse({
      controls: [
        {
          id: 'old',
          title: 'Old',
          props: [{ name: 'status', value: 'withdrawn' }],
          links: [
            { href: 'https://doi.org/10.6028/NIST.SP.800-53r5', rel: 'moved-to' },
            { href: '10.6028/NIST.CSWP.29', rel: 'incorporated-into' },
            { href: '#nowhere', rel: 'moved-to' },
          ],
        },
      ],
    });
    expect(byRefId('old').statement).toBe('[Withdrawn: Moved to https://doi.org/10.6028/NIST.SP.800-53r5, nowhere; incorporated into 10.6028/NIST.CSWP.29.]');
    // Only the fragment that names no control of the catalog is reported.
    expect(warnings).toEqual([expect.stringContaining('withdrawn "old" links to unknown id "nowhere"')]);
  });

  it('qualifies labels that are not unique with the parent refId, deterministically', () => {
    const body = {
      groups: [
        {
          id: 'ch-1',
          title: 'One',
          props: [label('Chapter I')],
          groups: [{ id: 'ch-1-s-1', title: 'A', props: [label('Section 1')] }],
        },
        {
          id: 'ch-2',
          title: 'Two',
          props: [label('Chapter II')],
          groups: [
            { id: 'ch-2-s-1', title: 'B', props: [label('Section 1')] },
            { id: 'ch-2-s-2', title: 'C', props: [label('Section 2')] },
          ],
        },
      ],
    };
    const first = parse(body);
    expect(first.entry.requirements.map((r) => r.refId)).toEqual([
      'Chapter I',
      'Chapter I Section 1',
      'Chapter II',
      'Chapter II Section 1',
      'Section 2',
    ]);
    expect(first.warnings).toEqual([]);
    expect(parse(body).entry).toEqual(first.entry);
  });

  it('falls back to the OSCAL id when qualifying is not enough', () => {
    const { entry, warnings } = parse({
      groups: [
        {
          id: 'g',
          title: 'G',
          controls: [
            { id: 'x-1', title: 'X', props: [label('Same')], parts: [{ name: 'statement', prose: 'x' }] },
            { id: 'x-2', title: 'Y', props: [label('Same')], parts: [{ name: 'statement', prose: 'y' }] },
          ],
        },
      ],
    });
    expect(entry.requirements.map((r) => r.refId)).toEqual(['g', 'g Same', 'g Same [x-2]']);
    expect(warnings).toEqual(['test-catalog: refId "g Same" is not unique; "x-2" becomes "g Same [x-2]"']);
  });

  it('uses the id inside a CSF-style "Name (ID)" label', () => {
    const { entry } = parse({
      groups: [
        {
          id: 'GV',
          title: 'GOVERN',
          props: [label('GOVERN (GV)')],
          controls: [
            {
              id: 'GV.OC',
              title: 'Org',
              props: [label('Organizational Context (GV.OC)')],
              parts: [{ name: 'statement', prose: 's' }],
            },
          ],
        },
      ],
    });
    expect(entry.requirements.map((r) => r.refId)).toEqual(['GV', 'GV.OC']);
  });

  it('rejects documents that are not OSCAL catalogs, naming the JSON path', () => {
    expect(() => parseOscalCatalog({ profile: { uuid: 'u' } }, framework)).toThrow(
      /Not an OSCAL catalog: \$\.catalog is missing.*profile/,
    );
    expect(() => parseOscalCatalog([], framework)).toThrow(/Not an OSCAL catalog/);
    expect(() => parseOscalCatalog({ catalog: { uuid: 'u' } }, framework)).toThrow('$.catalog.metadata');
    expect(() => parseOscalCatalog(catalog({ groups: {} }), framework)).toThrow('$.catalog.groups: expected an array');
    const missingId = catalog({ groups: [{ id: 'g', title: 'G', controls: [{ id: 'c', title: 'C' }, { title: 'no id' }] }] });
    expect(() => parseOscalCatalog(missingId, framework)).toThrow('$.catalog.groups[0].controls[1].id: expected a non-empty string');
  });

  it('gives a group without an id (optional in OSCAL) an id from its position among the groups, with one warning', () => {
    const { entry, warnings } = parseOscalCatalog(
      catalog({
        groups: [
          { title: 'First', groups: [{ title: 'Nested', controls: [{ id: 'c-1', title: 'C1', parts: [{ name: 'statement', prose: 'S.' }] }] }] },
          { id: 'named', title: 'Named', groups: [{ title: 'Under named' }] },
        ],
      }),
      framework,
    );
    expect(entry.requirements.map((r) => [r.sourceId, r.parentRefId])).toEqual([
      ['group-1', null],
      ['group-1.1', 'group-1'],
      ['c-1', 'group-1.1'],
      ['named', null],
      ['group-2.1', 'named'],
    ]);
    expect(warnings).toEqual([`${framework.refId}: 3 group(s) have no id; each is given one from its position among the groups (group-1, group-1.2, …)`]);
  });

  it('keeps a caller-provided version over the catalog metadata', () => {
    const { entry } = parseOscalCatalog(catalog({}), { ...framework, version: '2.0' });
    expect(entry.framework).toEqual({ ...framework, version: '2.0' });
    expect(entry.requirements).toEqual([]);
  });
});

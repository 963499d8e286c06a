import { describe, expect, it } from 'vitest';
import { expectWellFormed, frameworkOf, parseBuiltin } from './seed-files.js';

describe('EU AI Act (seeds/eu-ai-act-oscal)', () => {
  const result = parseBuiltin('eu-ai-act');
  const entry = frameworkOf(result, 'eu-ai-act');
  const byRefId = new Map(entry.requirements.map((r) => [r.refId, r]));
  const articles = entry.requirements.filter((r) => r.kind !== 'group');

  it('has 50 article controls with unique refIds', () => {
    expect(articles).toHaveLength(50);
    expect(articles.every((r) => r.kind === 'eu-ai-act-obligation' && r.refId.startsWith('Article '))).toBe(true);
    expect(new Set(entry.requirements.map((r) => r.refId)).size).toBe(entry.requirements.length);
    expect(result.warnings).toEqual([]);
    expectWellFormed(entry);
  });

  it('qualifies the repeated section labels with their chapter', () => {
    const groups = entry.requirements.filter((r) => r.kind === 'group').map((r) => r.refId);
    expect(groups).toContain('Chapter III Section 1');
    expect(groups).toContain('Chapter V Section 1');
    expect(groups).toContain('Chapter IX Section 1');
    expect(byRefId.get('Article 6')).toMatchObject({ sourceId: 'aia-6', parentRefId: 'Chapter III Section 1' });
    expect(byRefId.get('Chapter III Section 1')?.parentRefId).toBe('Chapter III');
  });

  it('renders parameters: assignments, selections and fixed values', () => {
    expect(byRefId.get('Article 15')?.statement).toContain(
      'at least [Assignment: declared accuracy threshold] on the metric [Assignment: declared accuracy metric]',
    );
    expect(byRefId.get('Article 6')?.statement).toContain('[Selection (one or more): Annex III(1)');
    expect(byRefId.get('Article 18')?.statement).toContain('for a period of 10 years');
    expect(entry.requirements.every((r) => !r.statement.includes('{{'))).toBe(true);
    expect(articles.every((r) => r.statement !== '')).toBe(true);
  });

  it('is a REGULATION with its provenance', () => {
    expect(entry.framework).toMatchObject({ refId: 'eu-ai-act', kind: 'REGULATION' });
    expect(entry.framework.sourceNote).toContain('ac24c9aeb9cb4dc1eaf2b414a653a1bb3fb0ed37');
  });
});

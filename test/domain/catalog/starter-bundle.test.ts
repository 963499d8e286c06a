/**
 * Structural checks of the built-in starter catalog, seeds/crosswalk-starter/bundle.json: the
 * baseline framework's hierarchy, its controls, the requirement → control mappings and the links
 * to NIST AI RMF 1.0 and the EU AI Act (whose targets must exist in the seeded catalogs).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CatalogBundle, CatalogRequirement } from '../../../src/domain/catalog/types.js';
import {
  CONTROL_TYPES,
  FRAMEWORK_KINDS,
  IMPLEMENTATION_STATUSES,
  RELATIONSHIPS,
} from '../../../src/domain/vocabulary.js';

const BASELINE = 'ai-governance-baseline';
const AI_RMF = 'nist-ai-rmf-1.0';
const EU_AI_ACT = 'eu-ai-act';

/** Leaves met by organisational process only; listed in seeds/crosswalk-starter/SOURCE.md. */
const ORGANISATIONAL_LEAVES = ['AIGB-REG-01', 'AIGB-REG-02', 'AIGB-XPL-01', 'AIGB-ACC-01', 'AIGB-ACC-05'];

const CONTROL_DOMAINS = [
  'Encryption',
  'Identity & Access',
  'Deployment Security',
  'Monitoring & Detection',
  'Vulnerability Management',
  'API Security',
  'Incident Response',
  'Model Integrity',
  'Data Integrity',
  'Model Protection',
  'Resilience',
];

function readJson(relative: string): unknown {
  return JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as unknown;
}

const bundle = readJson('../../../seeds/crosswalk-starter/bundle.json') as CatalogBundle;
const sourceMd = readFileSync(new URL('../../../seeds/crosswalk-starter/SOURCE.md', import.meta.url), 'utf8');

const entry = bundle.frameworks.find((f) => f.framework.refId === BASELINE);
const requirements: CatalogRequirement[] = entry?.requirements ?? [];
const byRefId = new Map(requirements.map((r) => [r.refId, r]));
const leaves = requirements.filter((r) => r.kind === 'requirement');
const themes = requirements.filter((r) => r.kind === 'theme');
const controlRefIds = new Set(bundle.controls.map((c) => c.refId));

/** Every function, category and subcategory id of the seeded AI RMF core. */
function aiRmfRefIds(): Set<string> {
  interface Node {
    id: string;
    categories?: Node[];
    subcategories?: Node[];
  }
  const doc = readJson('../../../seeds/nist-ai-rmf-1.0/ai-rmf-core.json') as { functions: Node[] };
  const ids = new Set<string>();
  const walk = (nodes: Node[] | undefined): void => {
    for (const node of nodes ?? []) {
      ids.add(node.id);
      walk(node.categories);
      walk(node.subcategories);
    }
  };
  walk(doc.functions);
  return ids;
}

/** The `label` prop of every control (not group) of the seeded EU AI Act catalog. */
function euAiActLabels(): Set<string> {
  interface Prop {
    name: string;
    value: string;
  }
  interface Node {
    props?: Prop[];
    groups?: Node[];
    controls?: Node[];
  }
  const doc = readJson('../../../seeds/eu-ai-act-oscal/catalog.json') as { catalog: Node };
  const labels = new Set<string>();
  const walk = (node: Node, isControl: boolean): void => {
    if (isControl) {
      const label = node.props?.find((p) => p.name === 'label')?.value;
      if (label) labels.add(label);
    }
    for (const group of node.groups ?? []) walk(group, false);
    for (const control of node.controls ?? []) walk(control, true);
  };
  walk(doc.catalog, false);
  return labels;
}

function isStrength(value: number | null): boolean {
  return value === null || (Number.isInteger(value) && value >= 1 && value <= 10);
}

describe('crosswalk starter bundle', () => {
  it('has exactly the CatalogBundle top-level shape', () => {
    expect(Object.keys(bundle).sort()).toEqual(['controls', 'frameworks', 'links', 'mappings']);
    expect(bundle.frameworks).toHaveLength(1);
  });

  it('describes the baseline framework', () => {
    expect(entry).toBeDefined();
    const fw = entry!.framework;
    expect(fw).toMatchObject({ name: 'AI Governance Baseline', version: '1.0', kind: 'INTERNAL_POLICY' });
    expect(FRAMEWORK_KINDS).toContain(fw.kind);
    for (const text of [fw.description, fw.sourceNote, fw.licenseNote]) expect(text.trim()).not.toBe('');
    expect(entry!.threats).toEqual([]);
  });

  it('has unique requirement refIds with non-empty text and valid fields', () => {
    expect(byRefId.size).toBe(requirements.length);
    for (const r of requirements) {
      expect(r.title.trim(), r.refId).not.toBe('');
      expect(r.statement.trim(), r.refId).not.toBe('');
      expect(r.sourceId, r.refId).toBeNull();
      expect(r.withdrawn, r.refId).toBe(false);
      expect(['theme', 'requirement'], r.refId).toContain(r.kind);
    }
    expect(themes.length).toBeGreaterThanOrEqual(8);
    expect(leaves.length).toBeGreaterThanOrEqual(28);
  });

  it('puts themes at the top, leaves under a theme, parents before children', () => {
    const seen = new Set<string>();
    for (const r of requirements) {
      if (r.kind === 'theme') {
        expect(r.parentRefId, r.refId).toBeNull();
      } else {
        expect(r.parentRefId, r.refId).not.toBeNull();
        expect(byRefId.get(r.parentRefId!)?.kind, r.refId).toBe('theme');
        expect(seen.has(r.parentRefId!), `${r.refId} precedes its parent`).toBe(true);
        expect(r.refId.startsWith(`${r.parentRefId}-`), r.refId).toBe(true);
      }
      seen.add(r.refId);
    }
    for (const theme of themes) {
      expect(leaves.some((l) => l.parentRefId === theme.refId), `${theme.refId} has no leaves`).toBe(true);
    }
  });

  it('numbers sortOrder as the 0-based position among siblings', () => {
    const siblings = new Map<string | null, CatalogRequirement[]>();
    for (const r of requirements) siblings.set(r.parentRefId, [...(siblings.get(r.parentRefId) ?? []), r]);
    for (const [parent, list] of siblings) {
      expect(list.map((r) => r.sortOrder), String(parent)).toEqual(list.map((_, i) => i));
    }
  });

  it('has unique, well-formed controls, all not implemented and unowned', () => {
    expect(controlRefIds.size).toBe(bundle.controls.length);
    for (const c of bundle.controls) {
      expect(c.refId, c.refId).toMatch(/^SEC-[A-Z]{2,3}-\d{2}$/);
      expect(c.title.trim(), c.refId).not.toBe('');
      expect(c.description.trim(), c.refId).not.toBe('');
      expect(CONTROL_DOMAINS, c.refId).toContain(c.domain);
      expect(CONTROL_TYPES, c.refId).toContain(c.type);
      expect(IMPLEMENTATION_STATUSES, c.refId).toContain(c.implementationStatus);
      expect(c.implementationStatus, c.refId).toBe('NOT_IMPLEMENTED');
      expect(c.owner, c.refId).toBeNull();
    }
  });

  it('maps only existing baseline requirements to existing controls, once per pair', () => {
    const pairs = new Set<string>();
    for (const m of bundle.mappings) {
      const label = `${m.requirement.refId} -> ${m.controlRefId}`;
      expect(m.requirement.frameworkRefId, label).toBe(BASELINE);
      expect(byRefId.has(m.requirement.refId), label).toBe(true);
      expect(controlRefIds.has(m.controlRefId), label).toBe(true);
      expect(RELATIONSHIPS, label).toContain(m.relationship);
      expect(isStrength(m.strength), label).toBe(true);
      expect(m.rationale.trim(), label).not.toBe('');
      expect(pairs.has(label), `duplicate mapping ${label}`).toBe(false);
      pairs.add(label);
    }
  });

  it('uses every control in at least one mapping', () => {
    const used = new Set(bundle.mappings.map((m) => m.controlRefId));
    expect([...controlRefIds].filter((c) => !used.has(c))).toEqual([]);
  });

  it('maps every leaf except the documented organisational ones', () => {
    const mapped = new Set(bundle.mappings.map((m) => m.requirement.refId));
    const unmapped = leaves.map((l) => l.refId).filter((refId) => !mapped.has(refId));
    expect(unmapped.sort()).toEqual([...ORGANISATIONAL_LEAVES].sort());
    for (const refId of ORGANISATIONAL_LEAVES) {
      expect(byRefId.get(refId)?.kind, refId).toBe('requirement');
      expect(sourceMd, `${refId} not listed in SOURCE.md`).toContain(refId);
    }
  });

  it('has requirements that a single control fully enforces', () => {
    const full = bundle.mappings.filter((m) => m.relationship === 'SUBSET_OF' || m.relationship === 'EQUAL');
    expect(full.length).toBeGreaterThan(0);
  });

  it('links baseline leaves to requirements that exist in the seeded AI RMF and EU AI Act', () => {
    const targets: Record<string, Set<string>> = { [AI_RMF]: aiRmfRefIds(), [EU_AI_ACT]: euAiActLabels() };
    expect(targets[AI_RMF]!.has('GOVERN 1.1')).toBe(true);
    expect(targets[EU_AI_ACT]!.has('Article 14')).toBe(true);
    const pairs = new Set<string>();
    for (const link of bundle.links) {
      const label = `${link.source.refId} -> ${link.target.frameworkRefId}:${link.target.refId}`;
      expect(link.source.frameworkRefId, label).toBe(BASELINE);
      expect(byRefId.get(link.source.refId)?.kind, label).toBe('requirement');
      expect(Object.keys(targets), label).toContain(link.target.frameworkRefId);
      expect(targets[link.target.frameworkRefId]!.has(link.target.refId), `${label} does not exist`).toBe(true);
      expect(RELATIONSHIPS, label).toContain(link.relationship);
      expect(isStrength(link.strength), label).toBe(true);
      expect(link.rationale.trim(), label).not.toBe('');
      expect(link.provenance, label).toBe('crosswalk-starter bundle.json (authored by the Crosswalk project)');
      expect(pairs.has(label), `duplicate link ${label}`).toBe(false);
      pairs.add(label);
    }
    const frameworks = new Set(bundle.links.map((l) => l.target.frameworkRefId));
    expect([...frameworks].sort()).toEqual([EU_AI_ACT, AI_RMF].sort());
  });
});

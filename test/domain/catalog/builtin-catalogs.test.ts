import { describe, expect, it } from 'vitest';
import { BUILTIN_CATALOGS } from '../../../src/domain/catalog/builtin-catalogs.js';
import { FRAMEWORK_KINDS } from '../../../src/domain/vocabulary.js';
import { expectWellFormed, parseBuiltin } from './seed-files.js';

describe('BUILTIN_CATALOGS', () => {
  const parsed = BUILTIN_CATALOGS.map((catalog) => ({ catalog, result: parseBuiltin(catalog.id) }));

  it('lists the six built-in catalogs in load order', () => {
    expect(BUILTIN_CATALOGS.map((c) => c.id)).toEqual([
      'nist-ai-rmf-1.0',
      'eu-ai-act',
      'mitre-atlas',
      'cosai-risk-map',
      'nist-sp800-53-rev5',
      'nist-csf-2.0',
    ]);
  });

  it('produces exactly the eight frameworks, each with full metadata', () => {
    const frameworks = parsed.flatMap(({ result }) => result.bundle.frameworks.map((entry) => entry.framework));
    expect(frameworks.map((f) => [f.refId, f.kind])).toEqual([
      ['nist-ai-rmf-1.0', 'STANDARD'],
      ['eu-ai-act', 'REGULATION'],
      ['mitre-atlas', 'CONTROL_CATALOG'],
      ['mitre-atlas-techniques', 'THREAT_CATALOG'],
      ['cosai-risk-map-controls', 'CONTROL_CATALOG'],
      ['cosai-risk-map-risks', 'THREAT_CATALOG'],
      ['nist-sp800-53-rev5', 'STANDARD'],
      ['nist-csf-2.0', 'STANDARD'],
    ]);
    for (const framework of frameworks) {
      expect(FRAMEWORK_KINDS).toContain(framework.kind);
      for (const field of ['name', 'version', 'description', 'sourceNote', 'licenseNote'] as const) {
        expect(framework[field].length, `${framework.refId}.${field}`).toBeGreaterThan(0);
      }
    }
  });

  it('keeps every framework well formed, with threats only in threat catalogs', () => {
    for (const { result } of parsed) {
      for (const entry of result.bundle.frameworks) {
        expectWellFormed(entry);
        if (entry.framework.kind !== 'THREAT_CATALOG') expect(entry.threats).toEqual([]);
      }
    }
  });

  it('only points at requirements of catalogs loaded earlier or in the same bundle', () => {
    const loaded = new Set<string>();
    for (const { result } of parsed) {
      for (const entry of result.bundle.frameworks) {
        for (const r of entry.requirements) loaded.add(`${entry.framework.refId}/${r.refId}`);
      }
      const refs = [
        ...result.bundle.frameworks.flatMap((entry) => entry.threats.flatMap((t) => t.addressedBy)),
        ...result.bundle.links.flatMap((link) => [link.source, link.target]),
      ];
      for (const ref of refs) expect(loaded.has(`${ref.frameworkRefId}/${ref.refId}`), ref.refId).toBe(true);
    }
  });

  it('names a missing file', () => {
    const cosai = BUILTIN_CATALOGS.find((c) => c.id === 'cosai-risk-map')!;
    expect(() => cosai.parse({ 'cosai-risk-map/controls.yaml': '' })).toThrow(
      'Built-in catalog "cosai-risk-map" needs file seeds/cosai-risk-map/risks.yaml',
    );
  });
});

/**
 * Import messages that say why: ids matched only when case is ignored (one warning with the
 * count), ids held by several frameworks or withdrawn (said so, not "not a requirement of any
 * framework here").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, openImportEnv, type ImportEnv } from './support.js';

function catalog(title: string, controls: { id: string; withdrawn?: boolean }[]): string {
  return JSON.stringify({
    catalog: {
      uuid: crypto.randomUUID(),
      metadata: { title, version: '1', 'oscal-version': '1.1.2' },
      controls: controls.map(({ id, withdrawn }) => ({
        id,
        title: `Control ${id}`,
        ...(withdrawn ? { props: [{ name: 'status', value: 'withdrawn' }] } : { parts: [{ id: `${id}_smt`, name: 'statement', prose: `Do ${id}.` }] }),
      })),
    },
  });
}

function collection(sources: string[], targets: string[]): string {
  return JSON.stringify({
    'mapping-collection': {
      uuid: crypto.randomUUID(),
      metadata: { title: 'Messages', version: '1' },
      provenance: { method: 'human' },
      mappings: [{ maps: [{ relationship: 'subset-of', sources: sources.map((id) => ({ 'id-ref': id })), targets: targets.map((id) => ({ 'id-ref': id })) }] }],
    },
  });
}

let env: ImportEnv;
beforeAll(async () => {
  env = await openImportEnv();
  await env.ok({ content: catalog('CSF-like', [{ id: 'DE.AE-02' }, { id: 'DE.AE-03' }]), frameworkRefId: 'msg-csf' });
  await env.ok({ content: catalog('B', [{ id: 'x-1' }, { id: 'x-2' }, { id: 'x-9', withdrawn: true }]), frameworkRefId: 'msg-b' });
  await env.ok({ content: catalog('C', [{ id: 'x-1' }, { id: 'x-9', withdrawn: true }]), frameworkRefId: 'msg-c' });
});
afterAll(() => env.dispose());

describe('import messages', () => {
  it('ids that match only when case is ignored are read so, with one warning naming how many', async () => {
    const report = await env.ok({ content: collection(['de.ae-02', 'de.ae-03'], ['x-2']), dryRun: true });
    expect(report.rejected).toEqual([]);
    expect(count(report, 'links').created).toBe(2);
    expect(report.warnings.map((w) => w.message)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('framework of the source ids inferred as "msg-csf" (2 of 2 ids found there when case is ignored)'),
        '2 id(s) match a requirement of framework "msg-csf" only when case is ignored (e.g. "de.ae-02" → "DE.AE-02"); read case-insensitively',
      ]),
    );
  });

  it('ids in two frameworks, and ids withdrawn everywhere, are reported as such', async () => {
    const twice = await env.ok({ content: collection(['DE.AE-02'], ['x-1']), dryRun: true });
    expect(twice.rejected).toContainEqual({
      location: '$.mapping-collection.mappings[0].maps[0].targets[0]',
      reason: '"x-1" is a requirement of 2 frameworks ("msg-b", "msg-c"); name the framework of this side (frameworkRefId or targetFrameworkRefId)',
    });
    const withdrawn = await env.ok({ content: collection(['DE.AE-02'], ['x-9']), dryRun: true });
    expect(withdrawn.rejected).toContainEqual({
      location: '$.mapping-collection.mappings[0].maps[0].targets[0]',
      reason: '"x-9" is withdrawn in frameworks "msg-b", "msg-c" and cannot be linked',
    });
    for (const report of [twice, withdrawn]) expect(report.rejected.map((r) => r.reason).join('\n')).not.toContain('not a requirement of any framework here');
  });
});

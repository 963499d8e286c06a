/**
 * One write path per rule (domain/catalog/control-rows.ts, mapping-rows.ts): a control and a
 * mapping written through the API, by CSV imports and by a bundle restore leave the same rows —
 * the control with its status history, the mapping with its revisions — apart from ids and keys.
 * The API and the imports run on one instance at the same instants (a manual clock); the bundle
 * of that instance is then restored into an empty one.
 */
import { serverSql } from '../support/sql.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Builder, HOUR, startClockedServer, type ClockedServer } from '../api/coverage-helpers.js';
import { ERRORS } from '../support/create-through-api.js';
import { bundleExport, importFile } from './export-support.js';

let source: ClockedServer;
let target: ClockedServer | undefined;
beforeAll(async () => {
  source = await startClockedServer();
});
afterAll(async () => {
  await source?.close();
  await target?.close();
});

async function mutate(field: string, inputType: string, input: Record<string, unknown>, select: string): Promise<any> {
  const d = await source.data(`mutation($input: ${inputType}!) { ${field}(input: $input) { ${select} ${ERRORS} } }`, { input });
  expect(d[field].userErrors, field).toEqual([]);
  return d[field];
}

async function imported(content: string): Promise<void> {
  const result = await importFile(source, { content });
  expect(result.userErrors).toEqual([]);
  expect(result.report.rejected).toEqual([]);
}

/** The rows a control and its mappings left, keyed by nothing but their content (ids and refIds left out). */
async function rowsOf(server: ClockedServer, controlRefId: string) {
  const db = await serverSql(server);
  try {
    const control = (await db.get(
      'SELECT id, title, description, domain, type, implementation_status, owner, created_at, updated_at FROM controls WHERE ref_id = ?',
      controlRefId,
    )) as { id: number } & Record<string, unknown>;
    const { id, ...controlRow } = control;
    const history = await db.all('SELECT ai_system_id, from_status, to_status, comment, changed_at, changed_by FROM control_status_changes WHERE control_id = ? ORDER BY id', id);
    const mappings = await db.all<{ id: number } & Record<string, unknown>>(
      'SELECT id, requirement_id, relationship, strength, rationale, created_at, created_by, updated_at, retired_at FROM mappings WHERE control_id = ? ORDER BY id',
      id,
    );
    const revisions = [];
    for (const m of mappings) revisions.push(await db.all('SELECT relationship, strength, rationale, valid_from, changed_by FROM mapping_revisions WHERE mapping_id = ? ORDER BY id', m.id));
    return { control: controlRow, history, mappings: mappings.map(({ id: _id, ...m }) => m), revisions };
  } finally {
    await db.close();
  }
}

describe('one write path per rule', () => {
  it('the API, CSV imports and a bundle restore write the same control history and mapping revisions', async () => {
    const builder = new Builder(source);
    const framework = await builder.framework('paths-fw');
    const requirement = await builder.requirement(framework, 'R-1');
    const created = source.now(); // instants are stored as epoch milliseconds

    // The API path.
    const control = (
      await mutate(
        'controlCreate',
        'ControlCreateInput',
        { refId: 'API-1', title: 'Gateway', description: 'Filters traffic', domain: 'network', type: 'PREVENTIVE', implementationStatus: 'PLANNED', owner: 'ops' },
        'control { id }',
      )
    ).control.id;
    const mapping = (
      await mutate('mappingCreate', 'MappingCreateInput', { requirementId: requirement, controlId: control, relationship: 'SUBSET_OF', strength: 6, rationale: 'covers part' }, 'mapping { id }')
    ).mapping.id;
    // The import path, at the same instant.
    await imported('control,title,description,domain,type,status,owner\nIMP-1,Gateway,Filters traffic,network,PREVENTIVE,PLANNED,ops\n');
    await imported('framework,requirement,control,relationship,strength,rationale\npaths-fw,R-1,IMP-1,SUBSET_OF,6,covers part\n');

    source.tick(HOUR);
    const changed = source.now();
    // An import records its status changes with the comment "import": the API is given the same.
    await mutate('controlStatusSet', 'ControlStatusSetInput', { controlId: control, status: 'IMPLEMENTED', comment: 'import' }, 'control { id }');
    await mutate('mappingUpdate', 'MappingUpdateInput', { id: mapping, relationship: 'EQUAL', strength: 8, rationale: 'covers all' }, 'mapping { id }');
    await imported('control,title,description,domain,type,status,owner\nIMP-1,Gateway,Filters traffic,network,PREVENTIVE,IMPLEMENTED,ops\n');
    await imported('framework,requirement,control,relationship,strength,rationale\npaths-fw,R-1,IMP-1,EQUAL,8,covers all\n');

    const api = await rowsOf(source, 'API-1');
    const viaImport = await rowsOf(source, 'IMP-1');
    expect(viaImport).toEqual(api);

    // What the rule says, so that two equal mistakes cannot pass.
    const by = api.history[0] as { changed_by: string };
    expect(api.history).toEqual([
      { ai_system_id: null, from_status: null, to_status: 'PLANNED', comment: null, changed_at: created, changed_by: by.changed_by },
      { ai_system_id: null, from_status: 'PLANNED', to_status: 'IMPLEMENTED', comment: 'import', changed_at: changed, changed_by: by.changed_by },
    ]);
    expect(api.control).toMatchObject({ implementation_status: 'IMPLEMENTED', created_at: created, updated_at: changed });
    expect(api.revisions).toEqual([
      [
        { relationship: 'SUBSET_OF', strength: 6, rationale: 'covers part', valid_from: created, changed_by: by.changed_by },
        { relationship: 'EQUAL', strength: 8, rationale: 'covers all', valid_from: changed, changed_by: by.changed_by },
      ],
    ]);
    expect(api.mappings).toEqual([expect.objectContaining({ relationship: 'EQUAL', strength: 8, created_at: created, updated_at: changed, retired_at: null })]);

    // The bundle restore path: an empty instance whose clock stands where the source's does.
    const bundle = await bundleExport(source);
    target = await startClockedServer(source.now());
    const restored = await importFile(target, { content: bundle.content });
    expect(restored.userErrors).toEqual([]);
    expect(await rowsOf(target, 'API-1')).toEqual(api);
    expect(await rowsOf(target, 'IMP-1')).toEqual(viaImport);
  });
});

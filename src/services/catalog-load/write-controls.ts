/**
 * Controls and their mappings. Both are written through the rules every path shares
 * (domain/catalog/control-rows.ts, mapping-rows.ts): a new control with the first row of its
 * status history, a new mapping with its first revision, a changed mapping with a new revision.
 * An existing control keeps its status unless the load applies the bundle's (`applyControlStatus`:
 * recorded in its history, with a warning) and gets its descriptive fields updated.
 */
import type { ControlRow, MappingRow } from '../../db/rows.js';
import { changedFields, isEmpty } from '../../domain/catalog/changes.js';
import { newControlRows, ownStatusChange } from '../../domain/catalog/control-rows.js';
import { mappingRevision, newMappingRows } from '../../domain/catalog/mapping-rows.js';
import { refText, type LoadState } from './load-state.js';
import { pairHistory, upsertPair } from './pairs.js';

/** Writes the bundle's controls; returns the live controls the bundle's controls and mappings name, by refId. */
export async function writeControls(load: LoadState): Promise<Map<string, ControlRow>> {
  const { repos, bundle, now, by } = load;
  const referenced = new Set([...bundle.controls.map((c) => c.refId), ...bundle.mappings.map((m) => m.controlRefId)]);
  const rows = new Map((await repos.catalog.controlsByRefIds([...referenced])).map((c) => [c.refId, c]));
  for (const [i, c] of bundle.controls.entries()) {
    await load.tick();
    const fields = { title: c.title, description: c.description, domain: c.domain, type: c.type, owner: c.owner };
    const current = rows.get(c.refId);
    if (!current) {
      const row = await repos.controls.insertWithHistory(newControlRows(c, now, by));
      rows.set(row.refId, row);
      load.report.controls.created++;
      continue;
    }
    const patch = changedFields(current, fields);
    const change = load.options.applyControlStatus === true ? ownStatusChange(current, c.implementationStatus, now, by, 'import') : null;
    if (isEmpty(patch) && !change) {
      load.report.controls.unchanged++;
      continue;
    }
    if (!isEmpty(patch)) await repos.controls.update(current.id, { ...patch, updatedAt: now });
    if (change) {
      await repos.controls.changeStatus(current.id, { ...change, toStatus: c.implementationStatus });
      load.warn(
        load.where('controls', i, `controls[${i}]`),
        `status of control "${c.refId}" changed from ${current.implementationStatus} to ${c.implementationStatus} (recorded in its status history)`,
      );
    }
    rows.set(c.refId, { ...current, ...patch });
    load.report.controls.updated++;
  }
  return rows;
}

/** Writes the bundle's mappings between requirements and the controls given (see pairs.ts for the policies). */
export async function writeMappings(load: LoadState, controls: Map<string, ControlRow>): Promise<void> {
  const { repos, now, by } = load;
  const controlIds = [...controls.values()].map((c) => c.id);
  const history = pairHistory(await repos.mappings.byControls(controlIds), (m) => `${m.requirementId}:${m.controlId}`);
  for (const [i, m] of load.bundle.mappings.entries()) {
    await load.tick();
    const location = load.where('mappings', i, `mappings[${i}]`);
    const requirement = await load.index.resolve(m.requirement, location);
    const control = controls.get(m.controlRefId);
    if (!requirement || !control) {
      if (!requirement) load.noteUnresolvedRequirement(m.requirement);
      if (!control) load.noteUnresolvedControl(m.controlRefId);
      const reasons = [
        !requirement ? await load.missingRequirement(m.requirement) : null,
        !control ? `control "${m.controlRefId}" not found` : null,
      ].filter((r): r is string => r !== null);
      load.reject(location, reasons.join('; '));
      continue;
    }
    if (load.importing && requirement.withdrawn) {
      load.reject(location, `requirement ${refText(m.requirement)} is withdrawn and cannot be mapped`);
      continue;
    }
    const key = `${requirement.id}:${control.id}`;
    load.touched.mappings.add(key);
    const values = { relationship: m.relationship, strength: m.strength, rationale: m.rationale };
    const outcome = await upsertPair(load, key, history, location, `mapping of ${refText(m.requirement)} to control "${m.controlRefId}"`, {
      same: (live: MappingRow) => mappingRevision(live, values, now, by) === null,
      update: async (live: MappingRow) => {
        const revision = mappingRevision(live, values, now, by);
        if (revision) await repos.mappings.revise(live.id, revision);
      },
      insert: async () => {
        await repos.mappings.insertWithRevisions(newMappingRows({ requirementId: requirement.id, controlId: control.id }, values, now, by));
      },
    });
    load.report.mappings[outcome]++;
  }
}

/**
 * Crosswalk links: each endpoint resolved through the import's index (one read per framework),
 * the existing links of the endpoints read 500 endpoints per query, new links inserted in batches. Links
 * keep no revisions: a changed link is retired and a new one created, so history stays readable.
 * One live link states an unordered pair: a link stated the other way round is a duplicate.
 */
import type { RequirementLinkInsert } from '../../db/repositories/requirement-link-repository.js';
import type { RequirementLinkRow, RequirementRow } from '../../db/rows.js';
import { duplicateLinkMessage } from '../requirement-link-service.js';
import { refText, type LoadState } from './load-state.js';
import { pairHistory, upsertPair } from './pairs.js';

/** Links are inserted in multi-row statements of at most this many rows. */
const LINK_BATCH = 500;
/** The existing links of the endpoints are read this many endpoints per query, with a pause between queries. */
const LINK_READ_ENDPOINTS = 500;

/** The links from any of `endpointIds` (live and retired), by id; read a bounded number of endpoints per query. */
async function existingLinks(load: LoadState, endpointIds: readonly number[]): Promise<RequirementLinkRow[]> {
  const rows: RequirementLinkRow[] = [];
  for (let at = 0; at < endpointIds.length; at += LINK_READ_ENDPOINTS) {
    await load.pacer.pace();
    for (const row of await load.repos.catalog.linksFrom(endpointIds.slice(at, at + LINK_READ_ENDPOINTS))) rows.push(row);
  }
  return rows.sort((a, b) => a.id - b.id);
}

export async function writeLinks(load: LoadState): Promise<void> {
  const { repos, bundle, now, by } = load;
  if (bundle.links.length === 0) return;
  const ends: (readonly [RequirementRow | undefined, RequirementRow | undefined])[] = [];
  for (const [i, link] of bundle.links.entries()) {
    await load.pacer.pace();
    const location = load.where('links', i, `links[${i}]`);
    ends.push([await load.index.resolve(link.source, location), await load.index.resolve(link.target, location)]);
  }
  const endpointIds = new Set(ends.flatMap(([s, t]) => [s?.id, t?.id].filter((id): id is number => id !== undefined)));
  // Keyed source:target; the reverse key of a pair finds a live link stated the other way round.
  const history = pairHistory(await existingLinks(load, [...endpointIds]), (l) => `${l.sourceRequirementId}:${l.targetRequirementId}`);
  const liveInLoad = new Set<string>();
  let pending: RequirementLinkInsert[] = [];
  const flush = async () => {
    if (pending.length) await repos.requirementLinks.insertMany(pending);
    pending = [];
  };
  for (const [i, link] of bundle.links.entries()) {
    await load.tick();
    const location = load.where('links', i, `links[${i}]`);
    const [source, target] = ends[i]!;
    if (!source || !target) {
      const reasons: string[] = [];
      if (!source) {
        load.noteUnresolvedRequirement(link.source);
        reasons.push(await load.missingRequirement(link.source));
      }
      if (!target) {
        load.noteUnresolvedRequirement(link.target);
        reasons.push(await load.missingRequirement(link.target));
      }
      load.reject(location, reasons.join('; '));
      continue;
    }
    if (load.importing) {
      const problem =
        source.frameworkId === target.frameworkId
          ? 'source and target are in the same framework; crosswalk links join two frameworks'
          : source.withdrawn || target.withdrawn
            ? `requirement ${refText(source.withdrawn ? link.source : link.target)} is withdrawn and cannot be linked`
            : null;
      if (problem) {
        load.reject(location, problem);
        continue;
      }
    }
    const key = `${source.id}:${target.id}`;
    const reverseKey = `${target.id}:${source.id}`;
    // One live link per unordered pair: the oldest live one states it (as findLiveBetween answers).
    const forward = history.get(key)?.live;
    const reverse = history.get(reverseKey)?.live;
    if ((reverse && (!forward || reverse.id < forward.id)) || (liveInLoad.has(reverseKey) && !liveInLoad.has(key))) {
      load.reject(location, `link from ${refText(link.source)} to ${refText(link.target)}: ${duplicateLinkMessage(false)}`);
      continue;
    }
    load.touched.links.add(key);
    const values = { relationship: link.relationship, strength: link.strength, rationale: link.rationale, provenance: link.provenance };
    const insert = async () => {
      pending.push({ sourceRequirementId: source.id, targetRequirementId: target.id, ...values, createdAt: now, createdBy: by, updatedAt: now });
      if (pending.length >= LINK_BATCH) await flush();
    };
    const outcome = await upsertPair(load, key, history, location, `link from ${refText(link.source)} to ${refText(link.target)}`, {
      same: (live: RequirementLinkRow) =>
        live.relationship === values.relationship &&
        live.strength === values.strength &&
        live.rationale === values.rationale &&
        live.provenance === values.provenance,
      update: async (live: RequirementLinkRow) => {
        await repos.requirementLinks.retire(live.id, now, by);
        await insert();
      },
      insert,
    });
    if (outcome !== 'unchanged' || forward) liveInLoad.add(key);
    load.report.links[outcome]++;
  }
  await flush();
}

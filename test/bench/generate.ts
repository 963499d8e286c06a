/**
 * Seeded generator of synthetic organisations for the benchmark. Writes straight into a fresh
 * SQLite file: migrations first (the real ones), then every table with positional prepared
 * statements inside one transaction (journal off while loading, WAL afterwards, as the server
 * expects). The same seed and size give the same rows; instants are relative to `now` and keep
 * at least a day away from it, so nothing expires or changes state while the benchmark runs.
 */
import { rmSync } from 'node:fs';
import Sqlite from 'better-sqlite3';
import { runMigrations } from '../../src/db/migrate.js';
import { Rng, WeightedSampler, skewedWeights } from './prng.js';

export interface SizeSpec {
  name: string;
  frameworks: number;
  /** Leaf requirements (interior requirements come on top, about 15%). */
  leaves: number;
  controls: number;
  mappings: number;
  evidence: number;
  aiSystems: number;
  links: number;
  threats: number;
}

const M: SizeSpec = {
  name: 'M',
  frameworks: 10,
  leaves: 20_000,
  controls: 5_000,
  mappings: 100_000,
  evidence: 500_000,
  aiSystems: 50,
  links: 2_000,
  threats: 250,
};

const scaled = (name: string, factor: number, minFrameworks: number): SizeSpec => ({
  name,
  frameworks: Math.max(minFrameworks, Math.round(M.frameworks * factor)),
  leaves: Math.round(M.leaves * factor),
  controls: Math.round(M.controls * factor),
  mappings: Math.round(M.mappings * factor),
  evidence: Math.round(M.evidence * factor),
  aiSystems: Math.max(3, Math.round(M.aiSystems * factor)),
  links: Math.round(M.links * factor),
  threats: Math.max(10, Math.round(M.threats * factor)),
});

export const SIZES: Record<string, SizeSpec> = {
  S: scaled('S', 1 / 20, 10),
  M,
  L: scaled('L', 5, 10),
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const BY = 'bench-generator';

const IMPLEMENTATION = ['NOT_IMPLEMENTED', 'PLANNED', 'IN_PROGRESS', 'IMPLEMENTED', 'NOT_APPLICABLE'] as const;
const RELATIONSHIPS = ['EQUAL', 'SUBSET_OF', 'SUPERSET_OF', 'INTERSECTS_WITH'] as const;
const FRAMEWORK_KINDS = ['REGULATION', 'STANDARD', 'INTERNAL_POLICY', 'CONTROL_CATALOG'] as const;
const LEVEL_NAMES = ['function', 'category', 'subcategory', 'clause', 'item', 'point'] as const;

/** What the benchmark needs to know about the generated rows (ids are row ids). */
export interface GeneratedOrganisation {
  size: SizeSpec;
  seed: number;
  now: number;
  file: string;
  /** Row counts per table. */
  rows: Record<string, number>;
  frameworkIds: number[];
  /** Live leaf count per framework id (the largest first is handy for the gaps figure). */
  leavesByFramework: Map<number, number>;
  controlIds: number[];
  /** Controls by number of live mappings, most first. */
  hubControlIds: number[];
  aiSystemIds: number[];
  /** Evidence items still PENDING_REVIEW (no review yet), for the write figure. */
  pendingEvidenceIds: number[];
  generationMs: number;
}

interface Req {
  id: number;
  frameworkId: number;
  parentId: number | null;
  depth: number;
  withdrawn: boolean;
  leaf: boolean;
}

export function generateOrganisation(file: string, size: SizeSpec, seed: number, now: number): GeneratedOrganisation {
  const started = performance.now();
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
  const db = new Sqlite(file);
  db.pragma('journal_mode = WAL');
  runMigrations(db);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = OFF');
  db.pragma('cache_size = -262144');
  // The coverage change-log triggers (migration 0007) would log every generated row; drop them
  // while loading and create them again afterwards, so the database starts with an empty log.
  const triggers = db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'coverage_changes_%'`)
    .all() as { name: string; sql: string }[];
  for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);

  const root = new Rng(seed);
  const out: Omit<GeneratedOrganisation, 'rows' | 'generationMs'> = {
    size,
    seed,
    now,
    file,
    frameworkIds: [],
    leavesByFramework: new Map(),
    controlIds: [],
    hubControlIds: [],
    aiSystemIds: [],
    pendingEvidenceIds: [],
  };

  db.transaction(() => {
    const epoch = now - 800 * DAY;
    const iso = (n: number, width: number) => String(n).padStart(width, '0');

    // Frameworks, plus one threat catalog holding the threats.
    const rng = root.fork(1);
    const insFramework = db.prepare(
      `INSERT INTO frameworks (id, ref_id, name, version, kind, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?, '', ?, ?)`,
    );
    for (let f = 1; f <= size.frameworks; f++) {
      insFramework.run(f, `BENCH-F${iso(f, 2)}`, `Synthetic framework ${f}`, '1.0', rng.pick(FRAMEWORK_KINDS), epoch, epoch);
      out.frameworkIds.push(f);
    }
    const threatFrameworkId = size.frameworks + 1;
    insFramework.run(threatFrameworkId, 'BENCH-THREATS', 'Synthetic threat catalog', '1.0', 'THREAT_CATALOG', epoch, epoch);

    // Requirements: a tree per framework, built by splitting a leaf budget.
    const reqs: Req[] = [];
    const insReq = db.prepare(
      `INSERT INTO requirements (id, framework_id, parent_id, ref_id, title, statement, kind, withdrawn, sort_order, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?)`,
    );
    const budgetWeights = out.frameworkIds.map(() => 0.5 + rng.next());
    const weightSum = budgetWeights.reduce((a, b) => a + b, 0);
    let assigned = 0;
    for (const [i, frameworkId] of out.frameworkIds.entries()) {
      const budget =
        i === out.frameworkIds.length - 1 ? size.leaves - assigned : Math.round((size.leaves * budgetWeights[i]!) / weightSum);
      assigned += budget;
      const maxDepth = rng.int(2, 5);
      let order = 0;
      const add = (parentId: number | null, depth: number, ref: string, leaf: boolean): Req => {
        const req: Req = { id: reqs.length + 1, frameworkId, parentId, depth, withdrawn: false, leaf, };
        reqs.push(req);
        insReq.run(req.id, frameworkId, parentId, ref, `Requirement ${ref}`, LEVEL_NAMES[Math.min(depth, 5)]!, 0, order++, epoch, epoch);
        return req;
      };
      const split = (parent: Req | null, leaves: number, depth: number, prefix: string) => {
        if (parent && (depth >= maxDepth || leaves <= rng.int(4, 14))) {
          for (let k = 1; k <= leaves; k++) add(parent.id, depth, `${prefix}.${k}`, true);
          return;
        }
        const parts = Math.min(leaves, rng.int(3, 8));
        const cuts = Array.from({ length: parts }, () => 0.3 + rng.next());
        const total = cuts.reduce((a, b) => a + b, 0);
        let left = leaves;
        for (let k = 0; k < parts; k++) {
          const share = k === parts - 1 ? left : Math.max(1, Math.min(left - (parts - 1 - k), Math.round((leaves * cuts[k]!) / total)));
          left -= share;
          const ref = prefix ? `${prefix}.${k + 1}` : `F${frameworkId}-${k + 1}`;
          if (share === 1 && parent) add(parent.id, depth, ref, true);
          else split(add(parent?.id ?? null, depth, ref, false), share, depth + 1, ref);
        }
      };
      split(null, budget, 0, '');
    }
    // A few withdrawn requirements (0.4% of leaves, and a handful of interior ones with their subtrees).
    const withdraw = db.prepare(`UPDATE requirements SET withdrawn = 1 WHERE id = ?`);
    const leafReqs = reqs.filter((r) => r.leaf);
    const interiorReqs = reqs.filter((r) => !r.leaf);
    for (let k = 0; k < Math.ceil(leafReqs.length * 0.004); k++) rng.pick(leafReqs).withdrawn = true;
    for (let k = 0; k < Math.max(1, Math.round(size.frameworks / 3)); k++) {
      rng.pick(interiorReqs.filter((r) => r.depth >= 2)).withdrawn = true;
    }
    for (const r of reqs) if (r.withdrawn) withdraw.run(r.id);
    const byId = (id: number) => reqs[id - 1]!;
    const isLive = (r: Req): boolean => {
      for (let x: Req | null = r; x; x = x.parentId === null ? null : byId(x.parentId)) if (x.withdrawn) return false;
      return true;
    };
    const liveReqs = reqs.filter(isLive);
    const liveLeaves = liveReqs.filter((r) => r.leaf);
    // A parent all of whose children are withdrawn becomes a leaf; keep the count exact.
    const liveChildren = new Map<number, number>();
    for (const r of liveReqs) if (r.parentId !== null) liveChildren.set(r.parentId, (liveChildren.get(r.parentId) ?? 0) + 1);
    for (const r of liveReqs) {
      if (!r.leaf && !liveChildren.get(r.id)) liveLeaves.push(r);
    }
    for (const r of liveLeaves) out.leavesByFramework.set(r.frameworkId, (out.leavesByFramework.get(r.frameworkId) ?? 0) + 1);
    const liveInterior = liveReqs.filter((r) => !r.leaf && liveChildren.get(r.id));
    const groupLevel = liveInterior.filter((r) => r.depth >= 1);

    // AI systems and the frameworks that apply to them.
    const srng = root.fork(2);
    const insSystem = db.prepare(
      `INSERT INTO ai_systems (id, name, description, purpose, risk_level, role, owner, created_at, updated_at) VALUES (?, ?, '', ?, ?, ?, ?, ?, ?)`,
    );
    const insSystemFramework = db.prepare(`INSERT INTO ai_system_frameworks (ai_system_id, framework_id, created_at, created_by) VALUES (?, ?, ?, ?)`);
    for (let a = 1; a <= size.aiSystems; a++) {
      const created = now - srng.int(60, 700) * DAY;
      insSystem.run(a, `bench-system-${iso(a, 4)}`, 'synthetic', srng.pick(['HIGH', 'LIMITED', 'MINIMAL', 'HIGH']), srng.pick(['PROVIDER', 'DEPLOYER']), 'team', created, created);
      out.aiSystemIds.push(a);
      const frameworks = srng.shuffle([...out.frameworkIds]).slice(0, srng.int(2, Math.min(5, out.frameworkIds.length)));
      for (const f of frameworks.sort((x, y) => x - y)) insSystemFramework.run(a, f, created, BY);
    }

    // Controls and their status histories; per-system overrides.
    const crng = root.fork(3);
    const insControl = db.prepare(
      `INSERT INTO controls (id, ref_id, title, description, domain, type, implementation_status, owner, created_at, updated_at) VALUES (?, ?, ?, '', ?, ?, ?, ?, ?, ?)`,
    );
    const insChange = db.prepare(
      `INSERT INTO control_status_changes (control_id, ai_system_id, from_status, to_status, comment, changed_at, changed_by) VALUES (?, ?, ?, ?, NULL, ?, ?)`,
    );
    const controlCreated = new Float64Array(size.controls + 1);
    const finalStatus = (): (typeof IMPLEMENTATION)[number] => {
      const x = crng.next();
      return x < 0.72 ? 'IMPLEMENTED' : x < 0.8 ? 'IN_PROGRESS' : x < 0.85 ? 'PLANNED' : x < 0.95 ? 'NOT_IMPLEMENTED' : 'NOT_APPLICABLE';
    };
    const domains = ['access', 'data', 'model', 'monitoring', 'supply-chain', 'privacy', 'incident', 'governance'];
    for (let c = 1; c <= size.controls; c++) {
      const created = now - crng.int(30, 730) * DAY - crng.int(0, DAY);
      controlCreated[c] = created;
      const status = finalStatus();
      const steps = crng.int(0, 3);
      const history: string[] = [];
      for (let k = 0; k < steps; k++) history.push(crng.pick(['PLANNED', 'IN_PROGRESS', 'NOT_IMPLEMENTED', 'IMPLEMENTED']));
      history.push(status);
      const times = [created, ...Array.from({ length: steps }, () => Math.floor(created + crng.next() * (now - DAY - created)))].sort((a, b) => a - b);
      for (let k = 0; k <= steps; k++) insChange.run(c, null, k === 0 ? null : history[k - 1]!, history[k]!, times[k]!, BY);
      const last = times[steps]!;
      insControl.run(c, `BC-${iso(c, 6)}`, `Control ${c}`, crng.pick(domains), crng.pick(['PREVENTIVE', 'DETECTIVE', 'CORRECTIVE']), status, 'owner', created, last);
      out.controlIds.push(c);
    }
    const insOverride = db.prepare(
      `INSERT INTO ai_system_control_statuses (ai_system_id, control_id, status, comment, updated_at, updated_by) VALUES (?, ?, ?, NULL, ?, ?)`,
    );
    // About 0.4 overrides per control in total, spread over the systems (linear in the size).
    const overridesPerSystem = Math.max(2, Math.round((size.controls * 0.4) / size.aiSystems));
    for (const a of out.aiSystemIds) {
      const chosen = new Set<number>();
      while (chosen.size < overridesPerSystem) chosen.add(crng.int(1, size.controls));
      for (const c of [...chosen].sort((x, y) => x - y)) {
        const x = crng.next();
        const status = x < 0.4 ? 'NOT_IMPLEMENTED' : x < 0.7 ? 'IMPLEMENTED' : x < 0.9 ? 'NOT_APPLICABLE' : 'IN_PROGRESS';
        const at = controlCreated[c]! + crng.next() * (now - 2 * DAY - controlCreated[c]!);
        insChange.run(c, a, null, status, Math.floor(at), BY);
        if (crng.chance(0.2)) {
          insChange.run(c, a, status, null, Math.floor(at + (now - DAY - at) / 2), BY);
        } else {
          insOverride.run(a, c, status, Math.floor(at), BY);
        }
      }
    }

    // Mappings with revisions: skewed towards hub controls; mostly on leaves, some on groups.
    const mrng = root.fork(4);
    const controlSampler = new WeightedSampler(skewedWeights(mrng, size.controls, 0.9));
    // Requirements attract mappings unevenly too: many mappings on some, none on others.
    const leafSampler = new WeightedSampler(skewedWeights(mrng, leafReqs.length, 1.1, 30));
    const groupSampler = new WeightedSampler(skewedWeights(mrng, groupLevel.length, 1.1, 30));
    const insMapping = db.prepare(
      `INSERT INTO mappings (id, requirement_id, control_id, relationship, strength, rationale, created_at, created_by, updated_at, retired_at, retired_by)
       VALUES (?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?)`,
    );
    const insRevision = db.prepare(
      `INSERT INTO mapping_revisions (mapping_id, relationship, strength, rationale, valid_from, changed_by) VALUES (?, ?, ?, '', ?, ?)`,
    );
    const relationship = (r: Rng) => {
      const x = r.next();
      return x < 0.3 ? 'EQUAL' : x < 0.5 ? 'SUBSET_OF' : x < 0.7 ? 'SUPERSET_OF' : 'INTERSECTS_WITH';
    };
    const livePairs = new Set<number>();
    const liveMappingsPerControl = new Int32Array(size.controls + 1);
    for (let m = 1; m <= size.mappings; m++) {
      let req: Req;
      let control: number;
      let key: number;
      do {
        const x = mrng.next();
        req = x < 0.88 ? leafReqs[leafSampler.sample(mrng)]! : x < 0.99 ? groupLevel[groupSampler.sample(mrng)]! : mrng.pick(interiorReqs);
        control = controlSampler.sample(mrng) + 1;
        key = req.id * 2 ** 21 + control;
      } while (livePairs.has(key));
      const created = Math.floor(controlCreated[control]! + mrng.next() * (now - 2 * DAY - controlCreated[control]!));
      const revisions = mrng.chance(0.05) ? 3 : mrng.chance(0.3) ? 2 : 1;
      let at = created;
      let rel = relationship(mrng);
      const strength = mrng.chance(0.7) ? mrng.int(1, 10) : null;
      const revs: [string, number][] = [[rel, at]];
      for (let k = 1; k < revisions; k++) {
        at = Math.floor(at + mrng.next() * (now - DAY - at));
        rel = relationship(mrng);
        revs.push([rel, at]);
      }
      const retired = mrng.chance(0.08) ? Math.floor(at + mrng.next() * (now - DAY - at)) : null;
      if (retired === null) {
        livePairs.add(key);
        liveMappingsPerControl[control]!++;
      }
      insMapping.run(m, req.id, control, rel, strength, created, BY, at, retired, retired === null ? null : BY);
      for (const [r, from] of revs) insRevision.run(m, r, strength, from, BY);
    }
    out.hubControlIds = out.controlIds.slice().sort((a, b) => liveMappingsPerControl[b]! - liveMappingsPerControl[a]! || a - b);

    // Crosswalk links between frameworks, some chained, a few cycles, some retired.
    const lrng = root.fork(5);
    const insLink = db.prepare(
      `INSERT INTO requirement_links (source_requirement_id, target_requirement_id, relationship, strength, rationale, provenance, created_at, created_by, updated_at, retired_at, retired_by)
       VALUES (?, ?, ?, ?, '', 'synthetic', ?, ?, ?, ?, ?)`,
    );
    const linkPairs = new Set<number>();
    const linkTargets: Req[] = [];
    let linkCount = 0;
    const addLink = (source: Req, target: Req, rel: string, retire: boolean): boolean => {
      const key = source.id * 2 ** 21 + target.id;
      if (source.id === target.id || linkPairs.has(key)) return false;
      const created = now - lrng.int(2, 500) * DAY;
      const retired = retire ? created + Math.floor(lrng.next() * (now - DAY - created)) : null;
      if (retired === null) linkPairs.add(key);
      insLink.run(source.id, target.id, rel, lrng.int(1, 10), created, BY, created, retired, retired === null ? null : BY);
      linkTargets.push(target);
      linkCount++;
      return true;
    };
    const cycles = Math.max(2, Math.round(size.links / 400));
    for (let k = 0; k < cycles; k++) {
      const length = lrng.int(2, 3);
      const members = Array.from({ length }, () => lrng.pick(liveLeaves));
      for (let i = 0; i < length; i++) addLink(members[i]!, members[(i + 1) % length]!, lrng.pick(['EQUAL', 'SUBSET_OF']), false);
    }
    while (linkCount < size.links) {
      const source = lrng.chance(0.12) && linkTargets.length ? lrng.pick(linkTargets) : lrng.pick(liveReqs);
      const target = lrng.pick(liveReqs);
      if (target.frameworkId === source.frameworkId) continue;
      addLink(source, target, lrng.pick(RELATIONSHIPS), lrng.chance(0.04));
    }

    // Evidence: per-control profiles so every control state occurs; reviews; some per AI system.
    const erng = root.fork(6);
    type Profile = 'healthy' | 'expired' | 'pending' | 'system' | 'none';
    const profiles: Profile[] = [];
    for (let c = 1; c <= size.controls; c++) {
      const x = erng.next();
      profiles[c] = x < 0.7 ? 'healthy' : x < 0.78 ? 'expired' : x < 0.85 ? 'pending' : x < 0.92 ? 'system' : 'none';
    }
    const evidenceWeights = skewedWeights(erng, size.controls, 0.5, 50);
    for (let c = 1; c <= size.controls; c++) if (profiles[c] === 'none') evidenceWeights[c - 1] = 0;
    const evidenceSampler = new WeightedSampler(evidenceWeights);
    const healthy = out.controlIds.filter((c) => profiles[c] === 'healthy');
    const insEvidence = db.prepare(
      `INSERT INTO evidence (id, kind, title, description, url, collected_at, valid_until, status, reviewed_by, reviewed_at, review_comment, ai_system_id, created_by, created_at, updated_at)
       VALUES (?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insEvidenceControl = db.prepare(`INSERT INTO evidence_controls (evidence_id, control_id) VALUES (?, ?)`);
    const insReview = db.prepare(
      `INSERT INTO evidence_reviews (evidence_id, status, comment, reviewed_at, reviewed_by) VALUES (?, ?, ?, ?, ?)`,
    );
    for (let e = 1; e <= size.evidence; e++) {
      const control = evidenceSampler.sample(erng) + 1;
      const profile = profiles[control]!;
      const x = erng.next();
      let status: 'ACCEPTED' | 'REJECTED' | 'PENDING_REVIEW';
      let expired = false;
      if (profile === 'expired') {
        status = x < 0.7 ? 'ACCEPTED' : 'REJECTED';
        expired = true;
      } else if (profile === 'pending') {
        status = x < 0.8 ? 'PENDING_REVIEW' : 'REJECTED';
      } else {
        status = x < 0.6 ? 'ACCEPTED' : x < 0.7 ? 'REJECTED' : 'PENDING_REVIEW';
        expired = erng.chance(0.12);
      }
      let validUntil: number | null = null;
      let created: number;
      if (expired) {
        validUntil = now - erng.int(2, 200) * DAY;
        created = validUntil - erng.int(30, 400) * DAY;
      } else {
        created = now - erng.int(2, 700) * DAY - erng.int(0, DAY);
        if (erng.chance(0.5)) validUntil = now + erng.int(2, 400) * DAY;
      }
      created = Math.max(created, controlCreated[control]!);
      if (validUntil !== null && expired && validUntil <= created) validUntil = created + Math.floor((now - DAY - created) / 2);
      const collected = created - erng.int(0, 5 * DAY);
      const aiSystem = profile === 'system' || erng.chance(0.15) ? erng.int(1, size.aiSystems) : null;
      let reviewedAt: number | null = null;
      const reviews: [string, number][] = [];
      if (status !== 'PENDING_REVIEW') {
        let at = Math.min(created + erng.int(HOUR, 10 * DAY), now - DAY);
        if (status === 'ACCEPTED' && erng.chance(0.15)) {
          reviews.push(['REJECTED', at]);
          at = Math.min(at + erng.int(HOUR, 5 * DAY), now - DAY);
        }
        reviewedAt = at;
        reviews.push([status, reviewedAt]);
      }
      const link = erng.chance(0.7);
      insEvidence.run(
        e,
        link ? 'LINK' : 'ATTESTATION',
        `Evidence ${e}`,
        link ? `https://evidence.example/${e}` : null,
        collected,
        validUntil,
        status,
        reviewedAt === null ? null : BY,
        reviewedAt,
        reviewedAt === null ? null : '',
        aiSystem,
        BY,
        created,
        reviewedAt ?? created,
      );
      insEvidenceControl.run(e, control);
      if (profile === 'healthy' && erng.chance(0.12)) {
        const extra = erng.pick(healthy);
        if (extra !== control) insEvidenceControl.run(e, extra);
      }
      for (const [s, at] of reviews) insReview.run(e, s, '', at, BY);
      if (status === 'PENDING_REVIEW' && aiSystem === null && out.pendingEvidenceIds.length < 5_000 && erng.chance(0.05)) {
        out.pendingEvidenceIds.push(e);
      }
    }

    // Not-applicable marks, global and per AI system, some retired.
    const nrng = root.fork(7);
    const insMark = db.prepare(
      `INSERT INTO not_applicable_marks (requirement_id, ai_system_id, justification, created_at, created_by, retired_at, retired_by) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const mark = (aiSystem: number | null) => {
      const req = nrng.chance(0.9) ? nrng.pick(liveLeaves) : nrng.pick(groupLevel);
      const created = now - nrng.int(2, 400) * DAY;
      const retired = nrng.chance(0.2) ? created + Math.floor(nrng.next() * (now - DAY - created)) : null;
      insMark.run(req.id, aiSystem, 'synthetic: out of scope', created, BY, retired, retired === null ? null : BY);
    };
    for (let k = 0; k < Math.round(size.leaves * 0.01); k++) mark(null);
    const marksPerSystem = Math.max(1, Math.round((size.leaves * 0.15) / size.aiSystems));
    for (const a of out.aiSystemIds) for (let k = 0; k < marksPerSystem; k++) mark(a);

    // Threats linked to requirements.
    const trng = root.fork(8);
    const insThreat = db.prepare(
      `INSERT INTO threats (id, framework_id, parent_id, ref_id, name, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?, '', ?, ?)`,
    );
    const insThreatReq = db.prepare(`INSERT OR IGNORE INTO threat_requirements (threat_id, requirement_id, created_at, created_by) VALUES (?, ?, ?, ?)`);
    for (let t = 1; t <= size.threats; t++) {
      const parent = t > 10 && trng.chance(0.3) ? trng.int(1, 10) : null;
      insThreat.run(t, threatFrameworkId, parent, `T${iso(t, 4)}`, `Threat ${t}`, epoch, epoch);
      for (let k = trng.int(1, 5); k > 0; k--) insThreatReq.run(t, trng.pick(liveReqs).id, epoch, BY);
    }
  })();
  for (const t of triggers) db.exec(t.sql);

  const violations = db.pragma('foreign_key_check') as unknown[];
  if (violations.length) throw new Error(`generator produced ${violations.length} foreign key violations`);
  const rows: Record<string, number> = {};
  for (const table of [
    'frameworks',
    'requirements',
    'controls',
    'control_status_changes',
    'ai_system_control_statuses',
    'mappings',
    'mapping_revisions',
    'requirement_links',
    'evidence',
    'evidence_controls',
    'evidence_reviews',
    'ai_systems',
    'ai_system_frameworks',
    'not_applicable_marks',
    'threats',
    'threat_requirements',
  ]) {
    rows[table] = (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  }
  db.pragma('journal_mode = WAL');
  db.close();
  return { ...out, rows, generationMs: performance.now() - started };
}

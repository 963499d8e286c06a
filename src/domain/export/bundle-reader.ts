/**
 * Reads a parsed JSON value as a native bundle (bundle-schema.ts): the shape, then every
 * reference, the uniqueness of natural keys and the rules the database enforces. Pure.
 */
import { BUNDLE_FORMAT, BUNDLE_VERSION, bundleSchema, type Bundle } from './bundle-schema.js';

export interface BundleProblem {
  location: string;
  reason: string;
}

/** `$.controls[3].statusHistory[0].aiSystem` from a zod issue path. */
function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : `${text}.${String(part)}`), '$');
}

/**
 * Reads a parsed JSON value as a bundle: the shape (types, required fields, no unknown fields),
 * then every reference (each names an item of the bundle), uniqueness of natural keys and the
 * rules the database enforces (one live mapping or link per pair, one live baseline member per
 * requirement, parents that form a tree). Returns the bundle, or the problems (all of them, in
 * document order).
 */
export function readBundle(value: unknown): { bundle: Bundle; problems: [] } | { bundle: null; problems: BundleProblem[] } {
  const header = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  if (header?.format !== BUNDLE_FORMAT) {
    return { bundle: null, problems: [{ location: '$.format', reason: `a Crosswalk bundle has "format": "${BUNDLE_FORMAT}"` }] };
  }
  if (header.version !== BUNDLE_VERSION) {
    return {
      bundle: null,
      problems: [{ location: '$.version', reason: `bundle version ${JSON.stringify(header.version)} is not supported; this instance reads version ${BUNDLE_VERSION}` }],
    };
  }
  const parsed = bundleSchema.safeParse(value);
  if (!parsed.success) {
    return { bundle: null, problems: parsed.error.issues.map((issue) => ({ location: jsonPath(issue.path), reason: issue.message })) };
  }
  const problems = checkReferences(parsed.data);
  return problems.length ? { bundle: null, problems } : { bundle: parsed.data, problems: [] };
}

const pairKey = (...parts: string[]) => JSON.stringify(parts);

/**
 * The one uniqueness check: records `key` as item `index`'s in `keys`, unless an earlier item
 * already holds it; then calls `duplicate` with that item's index (the first holder keeps it).
 */
function claim(keys: Map<string, number>, key: string, index: number, duplicate: (first: number) => void): void {
  const first = keys.get(key);
  if (first === undefined) keys.set(key, index);
  else duplicate(first);
}

function checkReferences(b: Bundle): BundleProblem[] {
  const problems: BundleProblem[] = [];
  const problem = (location: string, reason: string) => problems.push({ location, reason });

  const frameworks = new Map<string, number>();
  b.frameworks.forEach((f, i) =>
    claim(frameworks, f.refId, i, (first) => problem(`$.frameworks[${i}].refId`, `framework "${f.refId}" is already given at $.frameworks[${first}]`)),
  );
  const frameworkKnown = (refId: string, location: string) => {
    if (frameworks.has(refId)) return true;
    problem(location, `framework "${refId}" is not in the bundle`);
    return false;
  };

  // Requirements: unique per framework, parents in the same framework, no cycles.
  const requirements = new Map<string, number>();
  b.requirements.forEach((r, i) => {
    if (!frameworkKnown(r.framework, `$.requirements[${i}].framework`)) return;
    claim(requirements, pairKey(r.framework, r.refId), i, (first) =>
      problem(`$.requirements[${i}].refId`, `requirement "${r.refId}" of "${r.framework}" is already given at $.requirements[${first}]`),
    );
  });
  b.requirements.forEach((r, i) => {
    if (r.parent !== null && !requirements.has(pairKey(r.framework, r.parent))) {
      problem(`$.requirements[${i}].parent`, `parent "${r.parent}" is not a requirement of "${r.framework}" in the bundle`);
    }
    // A history: past parents in the bundle, versions in order, each ending where the next begins.
    r.history?.forEach((v, k) => {
      const at = `$.requirements[${i}].history[${k}]`;
      if (v.parent !== null && !requirements.has(pairKey(r.framework, v.parent))) {
        problem(`${at}.parent`, `parent "${v.parent}" is not a requirement of "${r.framework}" in the bundle`);
      }
      if (v.validTo !== null && v.validTo < v.validFrom) problem(`${at}.validTo`, 'a version cannot end before it begins');
      const next = r.history![k + 1];
      if (next && v.validTo !== next.validFrom) problem(`${at}.validTo`, 'a version ends where the next one begins');
    });
  });
  findCycles(b.requirements, (r) => pairKey(r.framework, r.refId), (r) => (r.parent === null ? null : pairKey(r.framework, r.parent))).forEach((i) =>
    problem(`$.requirements[${i}].parent`, 'the parents form a cycle'),
  );
  const requirementKnown = (framework: string, refId: string, location: string) => {
    if (requirements.has(pairKey(framework, refId))) return true;
    problem(location, frameworks.has(framework) ? `requirement "${refId}" of "${framework}" is not in the bundle` : `framework "${framework}" is not in the bundle`);
    return false;
  };

  // Threats.
  const threats = new Map<string, number>();
  b.threats.forEach((t, i) => {
    if (!frameworkKnown(t.framework, `$.threats[${i}].framework`)) return;
    claim(threats, pairKey(t.framework, t.refId), i, (first) =>
      problem(`$.threats[${i}].refId`, `threat "${t.refId}" of "${t.framework}" is already given at $.threats[${first}]`),
    );
  });
  b.threats.forEach((t, i) => {
    if (t.parent !== null && !threats.has(pairKey(t.framework, t.parent))) {
      problem(`$.threats[${i}].parent`, `parent threat "${t.parent}" is not a threat of "${t.framework}" in the bundle`);
    }
    const live = new Map<string, number>();
    t.addressedBy.forEach((a, j) => {
      const location = `$.threats[${i}].addressedBy[${j}]`;
      if (!requirementKnown(a.framework, a.requirement, location) || a.retiredAt !== undefined) return;
      claim(live, pairKey(a.framework, a.requirement), j, () => problem(location, `requirement "${a.requirement}" of "${a.framework}" is listed twice`));
    });
  });
  findCycles(b.threats, (t) => pairKey(t.framework, t.refId), (t) => (t.parent === null ? null : pairKey(t.framework, t.parent))).forEach((i) =>
    problem(`$.threats[${i}].parent`, 'the parents form a cycle'),
  );

  // AI systems.
  const systems = new Map<string, number>();
  b.aiSystems.forEach((s, i) => {
    claim(systems, s.name, i, (first) => problem(`$.aiSystems[${i}].name`, `AI system "${s.name}" is already given at $.aiSystems[${first}]`));
    const live = new Map<string, number>();
    s.frameworks.forEach((f, j) => {
      const location = `$.aiSystems[${i}].frameworks[${j}].framework`;
      if (!frameworkKnown(f.framework, location) || f.retiredAt !== undefined) return;
      claim(live, f.framework, j, () => problem(location, `framework "${f.framework}" is listed twice`));
    });
  });
  const systemKnown = (name: string | null, location: string) => {
    if (name === null || systems.has(name)) return true;
    problem(location, `AI system "${name}" is not in the bundle`);
    return false;
  };

  // Controls.
  const controls = new Map<string, number>();
  b.controls.forEach((c, i) => {
    claim(controls, c.refId, i, (first) => problem(`$.controls[${i}].refId`, `control "${c.refId}" is already given at $.controls[${first}]`));
    c.statusHistory.forEach((s, j) => systemKnown(s.aiSystem, `$.controls[${i}].statusHistory[${j}].aiSystem`));
    const seen = new Map<string, number>();
    c.systemStatuses.forEach((s, j) => {
      const location = `$.controls[${i}].systemStatuses[${j}].aiSystem`;
      if (systemKnown(s.aiSystem, location)) claim(seen, s.aiSystem, j, () => problem(location, `AI system "${s.aiSystem}" is listed twice`));
    });
  });
  const controlKnown = (refId: string, location: string) => {
    if (controls.has(refId)) return true;
    problem(location, `control "${refId}" is not in the bundle`);
    return false;
  };

  // Mappings: one live mapping per (requirement, control).
  const liveMappings = new Map<string, number>();
  b.mappings.forEach((m, i) => {
    const okRequirement = requirementKnown(m.framework, m.requirement, `$.mappings[${i}].requirement`);
    const okControl = controlKnown(m.control, `$.mappings[${i}].control`);
    if (!okRequirement || !okControl || m.retiredAt !== null) return;
    claim(liveMappings, pairKey(m.framework, m.requirement, m.control), i, (first) =>
      problem(`$.mappings[${i}]`, `a second live mapping of the same requirement and control (the first is $.mappings[${first}])`),
    );
  });

  // Links: one live link per (source, target).
  const liveLinks = new Map<string, number>();
  b.links.forEach((l, i) => {
    const okSource = requirementKnown(l.source.framework, l.source.requirement, `$.links[${i}].source`);
    const okTarget = requirementKnown(l.target.framework, l.target.requirement, `$.links[${i}].target`);
    if (!okSource || !okTarget || l.retiredAt !== null) return;
    claim(liveLinks, pairKey(l.source.framework, l.source.requirement, l.target.framework, l.target.requirement), i, (first) =>
      problem(`$.links[${i}]`, `a second live link between the same requirements (the first is $.links[${first}])`),
    );
  });

  b.notApplicable.forEach((n, i) => {
    requirementKnown(n.framework, n.requirement, `$.notApplicable[${i}].requirement`);
    systemKnown(n.aiSystem, `$.notApplicable[${i}].aiSystem`);
  });

  const idempotencyKeys = new Map<string, number>();
  b.evidence.forEach((e, i) => {
    systemKnown(e.aiSystem, `$.evidence[${i}].aiSystem`);
    const seen = new Map<string, number>();
    e.controls.forEach((c, j) => {
      const location = `$.evidence[${i}].controls[${j}]`;
      if (controlKnown(c, location)) claim(seen, c, j, () => problem(location, `control "${c}" is listed twice`));
    });
    if (e.idempotencyKey !== null) {
      claim(idempotencyKeys, e.idempotencyKey, i, (first) => problem(`$.evidence[${i}].idempotencyKey`, `already used by $.evidence[${first}]`));
    }
  });

  const baselines = new Map<string, number>();
  b.baselines.forEach((bl, i) => {
    claim(baselines, bl.refId, i, (first) => problem(`$.baselines[${i}].refId`, `baseline "${bl.refId}" is already given at $.baselines[${first}]`));
    if (!frameworkKnown(bl.framework, `$.baselines[${i}].framework`)) return;
    const liveMembers = new Map<string, number>();
    bl.members.forEach((m, j) => {
      const location = `$.baselines[${i}].members[${j}]`;
      if (!requirementKnown(bl.framework, m.requirement, `${location}.requirement`) || m.removedAt !== null) return;
      claim(liveMembers, m.requirement, j, () => problem(location, `requirement "${m.requirement}" is a live member twice`));
    });
    const liveScopes = new Map<string, number>();
    bl.applications.forEach((a, j) => {
      const location = `$.baselines[${i}].applications[${j}]`;
      if (!systemKnown(a.aiSystem, `${location}.aiSystem`) || a.retiredAt !== null) return;
      claim(liveScopes, a.aiSystem ?? '', j, () =>
        problem(location, `the baseline applies twice to ${a.aiSystem === null ? 'the organisation' : `AI system "${a.aiSystem}"`}`),
      );
    });
  });

  b.coverageSnapshots.forEach((s, i) => {
    frameworkKnown(s.framework, `$.coverageSnapshots[${i}].framework`);
    systemKnown(s.aiSystem, `$.coverageSnapshots[${i}].aiSystem`);
  });
  return problems;
}

/** Indexes of items on a parent cycle (each cycle reported at its first item in document order). */
function findCycles<T>(items: readonly T[], keyOf: (item: T) => string, parentOf: (item: T) => string | null): number[] {
  const index = new Map(items.map((item, i) => [keyOf(item), i]));
  const state = new Uint8Array(items.length); // 0 unvisited, 1 on the current walk, 2 done
  const cycles: number[] = [];
  for (let start = 0; start < items.length; start++) {
    const walk: number[] = [];
    let i: number | undefined = start;
    while (i !== undefined && state[i] === 0) {
      state[i] = 1;
      walk.push(i);
      const parent = parentOf(items[i]!);
      i = parent === null ? undefined : index.get(parent);
    }
    if (i !== undefined && state[i] === 1) cycles.push(Math.min(...walk.slice(walk.indexOf(i))));
    for (const w of walk) state[w] = 2;
  }
  return cycles.sort((a, b) => a - b);
}

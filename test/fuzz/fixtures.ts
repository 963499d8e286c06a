/**
 * The fuzz suite's database: the NIST AI RMF and the starter catalog, plus a little of every
 * other kind of object (a threat catalog, AI systems, status overrides, applicability marks,
 * evidence and reviews, mapping revisions, crosswalk links, tokens, and so audit entries), and
 * the `World` of real ids, cursors and strings the generator aims its arguments at.
 */
import { createHash } from 'node:crypto';
import { ROLES, type Role } from '../../src/domain/actor.js';
import { NODE_TYPES, type NodeType } from '../../src/domain/global-id.js';
import { openDirectDb, type DatabaseLocation } from '../support/direct-db.js';
import type { GraphQLClient, TestServer } from '../support/server.js';
import type { World } from './generator.js';

export const FUZZ_SEED_CATALOGS = 'nist-ai-rmf-1.0,crosswalk-starter';

const ERRORS = 'userErrors { field code message }';

export interface Fixture {
  clients: Record<Role, GraphQLClient>;
  /** Each role client's own token id. */
  tokenIds: Record<Role, string>;
  /** Every bearer secret the suite knows (none may ever appear in an answer). */
  secrets: string[];
  world: World;
}

async function mutate(server: TestServer, field: string, inputType: string, input: Record<string, unknown>, result: string): Promise<any> {
  const d = await server.data(`mutation($input: ${inputType}!) { ${field}(input: $input) { ${result} ${ERRORS} } }`, { input });
  const payload = d[field];
  if (payload.userErrors.length) throw new Error(`fixture ${field} failed: ${JSON.stringify(payload.userErrors)}`);
  return payload;
}

export async function createFixture(server: TestServer): Promise<Fixture> {
  const secrets = [server.token];
  const frameworks = (await server.data(`{ frameworks(first: 100) { edges { node { id refId } } } }`)).frameworks.edges.map((e: any) => e.node);
  const nist = frameworks.find((f: any) => f.refId === 'nist-ai-rmf-1.0');
  const starter = frameworks.find((f: any) => f.refId !== 'nist-ai-rmf-1.0');
  const nistReqs = (await server.data(`query($f: ID!) { requirements(first: 10, filter: { frameworkId: $f }) { edges { node { id } } } }`, { f: nist.id })).requirements.edges.map((e: any) => e.node.id);
  const starterReqs = (await server.data(`query($f: ID!) { requirements(first: 10, filter: { frameworkId: $f }) { edges { node { id } } } }`, { f: starter.id })).requirements.edges.map((e: any) => e.node.id);
  const controls = (await server.data(`{ controls(first: 10) { edges { node { id } } } }`)).controls.edges.map((e: any) => e.node.id);

  // A threat catalog with a nested threat, linked to a requirement.
  const catalog = (await mutate(server, 'frameworkCreate', 'FrameworkCreateInput', { refId: 'fuzz-threats', name: 'Fuzz threats', kind: 'THREAT_CATALOG' }, 'framework { id }')).framework.id;
  const t1 = (await mutate(server, 'threatCreate', 'ThreatCreateInput', { frameworkId: catalog, refId: 'FT-1', name: 'Prompt injection' }, 'threat { id }')).threat.id;
  await mutate(server, 'threatCreate', 'ThreatCreateInput', { frameworkId: catalog, parentId: t1, refId: 'FT-1.1', name: 'Indirect prompt injection' }, 'threat { id }');
  await mutate(server, 'threatCreate', 'ThreatCreateInput', { frameworkId: catalog, refId: 'FT-2', name: 'Model theft' }, 'threat { id }');
  await mutate(server, 'threatRequirementLink', 'ThreatRequirementLinkInput', { threatId: t1, requirementId: nistReqs[1] }, 'threat { id }');

  // AI systems with frameworks, a status override and applicability marks.
  const systems: string[] = [];
  for (const [name, riskLevel, role] of [['Support chatbot', 'LIMITED', 'DEPLOYER'], ['Credit scorer', 'HIGH', 'PROVIDER'], ['Spam filter', 'MINIMAL', 'DEPLOYER']]) {
    const input = { name, riskLevel, role, purpose: `fuzz ${name}`, frameworkIds: [nist.id] };
    systems.push((await mutate(server, 'aiSystemCreate', 'AISystemCreateInput', input, 'aiSystem { id }')).aiSystem.id);
  }
  await mutate(server, 'aiSystemControlStatusSet', 'AISystemControlStatusSetInput', { aiSystemId: systems[0], controlId: controls[0], status: 'IMPLEMENTED', comment: 'done' }, 'controlStatus { status }');
  await mutate(server, 'applicabilitySet', 'ApplicabilitySetInput', { requirementId: nistReqs[2], applicable: false, justification: 'not us' }, 'requirement { id }');
  await mutate(server, 'applicabilitySet', 'ApplicabilitySetInput', { requirementId: nistReqs[3], aiSystemId: systems[1], applicable: false, justification: 'not this one' }, 'requirement { id }');
  await mutate(server, 'controlStatusSet', 'ControlStatusSetInput', { controlId: controls[1], status: 'IN_PROGRESS', comment: 'started' }, 'control { id }');

  // Evidence, some reviewed, some about an AI system.
  const evidence: string[] = [];
  const items = [
    { kind: 'LINK', title: 'Access review', url: 'https://example.com/review', controlIds: [controls[0], controls[1]] },
    { kind: 'ATTESTATION', title: 'Signed statement', description: 'It operates.', controlIds: [controls[2]] },
    { kind: 'LINK', title: 'Pen test', url: 'https://example.com/pentest', controlIds: [controls[0]], aiSystemId: systems[0], validUntil: '2099-01-01T00:00:00Z' },
    { kind: 'ATTESTATION', title: 'Old statement', controlIds: [controls[3]], collectedAt: '2020-01-01T00:00:00Z', validUntil: '2021-01-01T00:00:00Z' },
  ];
  for (const input of items) evidence.push((await mutate(server, 'evidenceCreate', 'EvidenceCreateInput', input, 'evidence { id }')).evidence.id);
  await mutate(server, 'evidenceReview', 'EvidenceReviewInput', { evidenceId: evidence[0], decision: 'ACCEPTED', comment: 'ok' }, 'evidence { id }');
  await mutate(server, 'evidenceReview', 'EvidenceReviewInput', { evidenceId: evidence[1], decision: 'REJECTED' }, 'evidence { id }');
  await mutate(server, 'evidenceReview', 'EvidenceReviewInput', { evidenceId: evidence[1], decision: 'ACCEPTED', comment: 'second look' }, 'evidence { id }');

  // A mapping with revisions and a retired one; a crosswalk link.
  const mapping = (await mutate(server, 'mappingCreate', 'MappingCreateInput', { requirementId: nistReqs[4], controlId: controls[4], relationship: 'SUBSET_OF', strength: 6, rationale: 'fuzz' }, 'mapping { id }')).mapping.id;
  await mutate(server, 'mappingUpdate', 'MappingUpdateInput', { id: mapping, strength: 8 }, 'mapping { id }');
  const retired = (await mutate(server, 'mappingCreate', 'MappingCreateInput', { requirementId: nistReqs[5], controlId: controls[5], relationship: 'INTERSECTS_WITH' }, 'mapping { id }')).mapping.id;
  await mutate(server, 'mappingRetire', 'MappingRetireInput', { id: retired }, 'mapping { id }');
  await mutate(server, 'requirementLinkCreate', 'RequirementLinkCreateInput', { sourceRequirementId: starterReqs[0], targetRequirementId: nistReqs[6], relationship: 'INTERSECTS_WITH', provenance: 'fuzz' }, 'requirementLink { id }');

  // Tokens: the role clients, a scoped one and a revoked one.
  const clients: Partial<Record<Role, GraphQLClient>> = { ADMIN: server };
  for (const role of ROLES) if (role !== 'ADMIN') clients[role] = await server.as(role);
  const all = clients as Record<Role, GraphQLClient>;
  for (const role of ROLES) secrets.push(all[role].token);
  const scoped = await mutate(server, 'tokenCreate', 'TokenCreateInput', { name: 'fuzz-scoped', role: 'CONTRIBUTOR', controlIds: [controls[0]], aiSystemIds: [systems[0]], expiresIn: '30d' }, 'secret token { id }');
  const revoked = await mutate(server, 'tokenCreate', 'TokenCreateInput', { name: 'fuzz-revoked', role: 'EDITOR' }, 'secret token { id }');
  await mutate(server, 'tokenRevoke', 'TokenRevokeInput', { id: revoked.token.id }, 'token { id }');
  secrets.push(scoped.secret, revoked.secret);

  const tokenIds = {} as Record<Role, string>;
  for (const role of ROLES) {
    if (role === 'MONITOR') {
      // MONITOR reads nothing, not even viewer: its token's id from the ADMIN's list.
      const listed = await server.data('{ tokens(first: 100) { edges { node { id name } } } }');
      tokenIds[role] = listed.tokens.edges.find((e: any) => e.node.name === 'test-monitor').node.id;
    } else {
      tokenIds[role] = (await all[role].data('{ viewer { token { id } } }')).viewer.token.id;
    }
  }

  const world = await collectWorld(server, new Set(Object.values(tokenIds)));
  return { clients: all, tokenIds, secrets, world };
}

/** Every id, cursor and key the database holds (pages of up to 100), read as ADMIN. */
export async function collectWorld(server: TestServer, protectedIds: ReadonlySet<string>): Promise<World> {
  const ids: Partial<Record<NodeType, Set<string>>> = {};
  const cursors = new Set<string>();
  const strings: Record<string, Set<string>> = {};
  const addString = (name: string, value: unknown) => {
    if (typeof value === 'string' && value) (strings[name] ??= new Set()).add(value);
  };

  // Walks an answer: objects with __typename and id are nodes; cursors are kept.
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (!value || typeof value !== 'object') return;
    const object = value as Record<string, unknown>;
    const type = object.__typename as NodeType | undefined;
    if (type && NODE_TYPES.includes(type) && typeof object.id === 'string') (ids[type] ??= new Set()).add(object.id);
    for (const [key, item] of Object.entries(object)) {
      if ((key === 'cursor' || key === 'endCursor' || key === 'startCursor') && typeof item === 'string') cursors.add(item);
      walk(item);
    }
  };

  const pages = async (field: string, args: string, selection: string) => {
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const d: any = await server.data(`query($after: String) { ${field}(first: 100, after: $after${args}) { edges { cursor node { __typename id ${selection} } } pageInfo { hasNextPage endCursor } } }`, { after });
      walk(d);
      if (!d[field].pageInfo.hasNextPage) break;
      after = d[field].pageInfo.endCursor;
    }
  };

  const connection = (field: string, args = '') => `${field}(first: 5${args}) { edges { cursor node { __typename id } } }`;
  await pages('frameworks', '', 'refId name');
  await pages('requirements', ', filter: { includeWithdrawn: true }', `refId framework { refId } ${connection('notApplicable', ', includeRetired: true')} ${connection('mappings', ', includeRetired: true')}`);
  await pages('controls', '', `refId domain ${connection('statusHistory')}`);
  await pages('evidence', '', 'reviews { __typename id }');
  await pages('aiSystems', '', `name ${connection('controlStatusHistory')}`);
  await pages('threats', '', 'refId framework { refId }');
  await pages('requirementLinks', ', filter: { includeRetired: true }', '');
  await pages('tokens', ', includeRevoked: true', 'name');
  await pages('auditLog', '', 'action actorId');

  const d = await server.data(`{
    frameworks(first: 100) { edges { node { refId name } } }
    requirements(first: 100) { edges { node { refId framework { refId } } } }
    controls(first: 100) { edges { node { refId title domain } } }
    aiSystems(first: 100) { edges { node { name } } }
    threats(first: 100) { edges { node { refId } } }
    tokens(first: 100, includeRevoked: true) { edges { node { name } } }
    auditLog(first: 100) { edges { node { action actorId } } }
  }`);
  for (const e of d.frameworks.edges) {
    addString('refId', e.node.refId);
    addString('frameworkRefId', e.node.refId);
    addString('name', e.node.name);
  }
  for (const e of d.requirements.edges) addString('refId', e.node.refId);
  for (const e of d.controls.edges) {
    addString('refId', e.node.refId);
    addString('domain', e.node.domain);
    addString('domains', e.node.domain);
    addString('search', e.node.title.split(' ')[0]);
  }
  for (const e of d.aiSystems.edges) addString('name', e.node.name);
  for (const e of d.threats.edges) addString('refId', e.node.refId);
  for (const e of d.tokens.edges) addString('name', e.node.name);
  for (const e of d.auditLog.edges) {
    addString('actions', e.node.action);
    addString('actorId', e.node.actorId);
  }
  for (const word of ['govern', 'AI', 'risk', 'MAP', 'access']) addString('search', word);

  return {
    ids: Object.fromEntries(Object.entries(ids).map(([type, set]) => [type, [...set].sort()])),
    cursors: [...cursors].sort(),
    strings: Object.fromEntries(Object.entries(strings).map(([name, set]) => [name, [...set].sort()])),
    protectedIds,
  };
}

/**
 * A hash per table of everything the database holds, except the audit trail (denied attempts
 * append to it) and a token's last-used time (every request may touch it).
 */
export async function databaseFingerprint(server: DatabaseLocation): Promise<Record<string, string>> {
  const db = await openDirectDb(server);
  try {
    const tables = (
      await db.all<{ name: string }>(
        db.dialect === 'sqlite'
          ? `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%drizzle%' AND name <> 'audit_log' ORDER BY name`
          : `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'audit_log' ORDER BY table_name`,
      )
    ).map((r) => r.name);
    const result: Record<string, string> = {};
    for (const table of tables) {
      const columns = (
        await db.all<{ name: string }>(
          db.dialect === 'sqlite'
            ? `SELECT name FROM pragma_table_info(?)`
            : `SELECT column_name AS name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ? ORDER BY ordinal_position`,
          [table],
        )
      )
        .map((r) => r.name)
        .filter((c) => c !== 'last_used_at');
      const rows = (await db.all<Record<string, unknown>>(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${table}"`)).map((row) => columns.map((c) => row[c]));
      const lines = rows.map((row) => JSON.stringify(row, (_k, v) => (typeof v === 'bigint' ? v.toString() : Buffer.isBuffer(v) ? v.toString('hex') : v))).sort();
      result[table] = `${rows.length}:${createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}`;
    }
    return result;
  } finally {
    await db.close();
  }
}

/** Audit entries appended after `afterSeq`, counted by outcome, and the last sequence number. */
export async function auditSince(
  server: DatabaseLocation,
  afterSeq: number,
): Promise<{ last: number; outcomes: Record<string, number>; actions: Record<string, number> }> {
  const db = await openDirectDb(server);
  try {
    const rows = await db.all<{ seq: number; outcome: string; action: string }>(`SELECT seq, outcome, action FROM audit_log WHERE seq > ? ORDER BY seq`, [afterSeq]);
    const outcomes: Record<string, number> = {};
    const actions: Record<string, number> = {};
    for (const row of rows) {
      outcomes[row.outcome] = (outcomes[row.outcome] ?? 0) + 1;
      actions[`${row.action}:${row.outcome}`] = (actions[`${row.action}:${row.outcome}`] ?? 0) + 1;
    }
    const last = rows.length ? Number(rows[rows.length - 1]!.seq) : Number((await db.all<{ n: number }>(`SELECT coalesce(max(seq), 0) AS n FROM audit_log`))[0]!.n);
    return { last, outcomes, actions };
  } finally {
    await db.close();
  }
}

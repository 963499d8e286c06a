/**
 * Helpers for the coverage API tests: a test server on a manual clock, and a small builder that
 * creates compliance graphs through the real mutations (failing the test on any userError).
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { startTestServer, type GraphQLClient, type TestServer } from '../support/server.js';
import { compiledApp } from '../support/compiled-app.js';

export const ERRORS = 'userErrors { field message code }';
export const T0 = Date.parse('2026-03-01T00:00:00.000Z');
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** A test server whose services read a clock the test moves by hand. */
export interface ClockedServer extends TestServer {
  /** The clock's current instant (epoch ms). */
  now(): number;
  /** Moves the clock forward. */
  tick(ms?: number): number;
  iso(at?: number): string;
}

export async function startClockedServer(start = T0): Promise<ClockedServer> {
  let now = start;
  const server = await startTestServer({ clock: () => new Date(now) });
  return Object.assign(server, {
    now: () => now,
    tick: (ms = 1000) => (now += ms),
    iso: (at = now) => new Date(at).toISOString(),
  });
}

type Relationship = 'EQUAL' | 'SUBSET_OF' | 'SUPERSET_OF' | 'INTERSECTS_WITH';
type Status = 'NOT_IMPLEMENTED' | 'PLANNED' | 'IN_PROGRESS' | 'IMPLEMENTED' | 'NOT_APPLICABLE';

let unique = 0;
/** A name unique within the test run. */
export const uniq = (prefix: string): string => `${prefix}-${++unique}`;

/** Creates graph objects through the API; every method returns global ids. */
export class Builder {
  constructor(readonly client: GraphQLClient) {}

  private async mutate(field: string, inputType: string, input: Record<string, unknown>, select: string): Promise<any> {
    const d = await this.client.data(`mutation($input: ${inputType}!) { ${field}(input: $input) { ${select} ${ERRORS} } }`, { input });
    expect(d[field].userErrors, `${field} ${JSON.stringify(input)}`).toEqual([]);
    return d[field];
  }

  async framework(refId = uniq('fw'), kind = 'STANDARD'): Promise<string> {
    return (await this.mutate('frameworkCreate', 'FrameworkCreateInput', { refId, name: refId, kind }, 'framework { id }')).framework.id;
  }

  async requirement(frameworkId: string, refId = uniq('req'), parentId?: string): Promise<string> {
    return (
      await this.mutate('requirementCreate', 'RequirementCreateInput', { frameworkId, refId, title: refId, parentId }, 'requirement { id }')
    ).requirement.id;
  }

  async withdraw(id: string): Promise<void> {
    await this.mutate('requirementUpdate', 'RequirementUpdateInput', { id, withdrawn: true }, 'requirement { id }');
  }

  async control(status: Status = 'IMPLEMENTED', options: { refId?: string; domain?: string } = {}): Promise<string> {
    const input = { refId: options.refId ?? uniq('CTL'), title: 'control', type: 'PREVENTIVE', implementationStatus: status, domain: options.domain };
    return (await this.mutate('controlCreate', 'ControlCreateInput', input, 'control { id }')).control.id;
  }

  async setStatus(controlId: string, status: Status): Promise<void> {
    await this.mutate('controlStatusSet', 'ControlStatusSetInput', { controlId, status }, 'control { id }');
  }

  async map(requirementId: string, controlId: string, relationship: Relationship = 'EQUAL'): Promise<string> {
    return (await this.mutate('mappingCreate', 'MappingCreateInput', { requirementId, controlId, relationship }, 'mapping { id }')).mapping.id;
  }

  async remap(id: string, relationship: Relationship): Promise<void> {
    await this.mutate('mappingUpdate', 'MappingUpdateInput', { id, relationship }, 'mapping { id }');
  }

  async unmap(id: string): Promise<void> {
    await this.mutate('mappingRetire', 'MappingRetireInput', { id }, 'mapping { id }');
  }

  async link(sourceRequirementId: string, targetRequirementId: string, relationship: Relationship = 'EQUAL'): Promise<string> {
    return (
      await this.mutate('requirementLinkCreate', 'RequirementLinkCreateInput', { sourceRequirementId, targetRequirementId, relationship }, 'requirementLink { id }')
    ).requirementLink.id;
  }

  async unlink(id: string): Promise<void> {
    await this.mutate('requirementLinkRetire', 'RequirementLinkRetireInput', { id }, 'requirementLink { id }');
  }

  /** Evidence for controls; accepted unless `review` says otherwise (null: left pending). */
  async evidence(
    controlIds: string[],
    options: { validUntil?: number; collectedAt?: number; aiSystemId?: string; review?: 'ACCEPTED' | 'REJECTED' | null } = {},
  ): Promise<string> {
    const input = {
      kind: 'ATTESTATION',
      title: uniq('evidence'),
      controlIds,
      validUntil: options.validUntil === undefined ? undefined : new Date(options.validUntil).toISOString(),
      collectedAt: options.collectedAt === undefined ? undefined : new Date(options.collectedAt).toISOString(),
      aiSystemId: options.aiSystemId,
    };
    const id = (await this.mutate('evidenceCreate', 'EvidenceCreateInput', input, 'evidence { id }')).evidence.id as string;
    const review = options.review === undefined ? 'ACCEPTED' : options.review;
    if (review) await this.review(id, review);
    return id;
  }

  async review(evidenceId: string, decision: 'ACCEPTED' | 'REJECTED'): Promise<void> {
    await this.mutate('evidenceReview', 'EvidenceReviewInput', { evidenceId, decision }, 'evidence { id }');
  }

  /** An IMPLEMENTED control with accepted evidence that never expires. */
  async effectiveControl(options: { refId?: string; domain?: string } = {}): Promise<string> {
    const id = await this.control('IMPLEMENTED', options);
    await this.evidence([id]);
    return id;
  }

  async aiSystem(frameworkIds: string[] = [], name = uniq('system')): Promise<string> {
    return (
      await this.mutate('aiSystemCreate', 'AISystemCreateInput', { name, riskLevel: 'HIGH', role: 'PROVIDER', frameworkIds }, 'aiSystem { id }')
    ).aiSystem.id;
  }

  async systemFrameworks(aiSystemId: string, frameworkIds: string[]): Promise<void> {
    await this.mutate('aiSystemFrameworkSet', 'AISystemFrameworkSetInput', { aiSystemId, frameworkIds }, 'aiSystem { id }');
  }

  async override(aiSystemId: string, controlId: string, status: Status | null): Promise<void> {
    await this.mutate('aiSystemControlStatusSet', 'AISystemControlStatusSetInput', { aiSystemId, controlId, status }, 'aiSystem { id }');
  }

  async applicable(requirementId: string, applicable: boolean, aiSystemId?: string): Promise<void> {
    await this.mutate(
      'applicabilitySet',
      'ApplicabilitySetInput',
      { requirementId, aiSystemId, applicable, justification: applicable ? undefined : 'not relevant here' },
      'requirement { id }',
    );
  }

  async threat(catalogId: string, refId = uniq('T')): Promise<string> {
    return (await this.mutate('threatCreate', 'ThreatCreateInput', { frameworkId: catalogId, refId, name: refId }, 'threat { id }')).threat.id;
  }

  async threatLink(threatId: string, requirementId: string, linked = true): Promise<void> {
    await this.mutate('threatRequirementLink', 'ThreatRequirementLinkInput', { threatId, requirementId, linked }, 'threat { id }');
  }
}

export interface Args {
  scope?: { aiSystemId?: string | null };
  asOf?: string;
  viaCrosswalks?: boolean;
  maxCrosswalkDepth?: number;
}

const ARGS_DEF = '$scope: CoverageScope, $asOf: DateTime, $via: Boolean = true, $depth: Int = 3';
const ARGS = 'scope: $scope, asOf: $asOf, viaCrosswalks: $via, maxCrosswalkDepth: $depth';
const vars = (args: Args) => ({ scope: args.scope, asOf: args.asOf, via: args.viaCrosswalks, depth: args.maxCrosswalkDepth });

export const SUMMARY = 'total covered partial uncovered notApplicable coverageRatio';
export const CONTRIBUTION = 'control { id } state kind inferred path { id } mappedRequirement { id } mapping { id }';
export const REQUIREMENT_COVERAGE = `requirement { id } status leaf inferred via { ${CONTRIBUTION} }
  reasons { code controls { control { id } state kind inferred path { id } } }
  contributions { ${CONTRIBUTION} } summary { ${SUMMARY} }`;

/** Read helpers bound to one client. */
export class Reader {
  constructor(readonly client: GraphQLClient) {}

  async coverage(args: Args = {}): Promise<any> {
    const d = await this.client.data(
      `query(${ARGS_DEF}) { coverage(${ARGS}) { asOf aiSystem { id } viaCrosswalks maxCrosswalkDepth
        frameworks { framework { id } status ${SUMMARY} summary { ${SUMMARY} } } totals { ${SUMMARY} } } }`,
      vars(args),
    );
    return d.coverage;
  }

  /** The summary of one framework from `coverage`, or undefined when it is not listed. */
  async summary(frameworkId: string, args: Args = {}): Promise<any> {
    const report = await this.coverage(args);
    const f = report?.frameworks.find((x: any) => x.framework.id === frameworkId);
    return f && { status: f.status, total: f.total, covered: f.covered, partial: f.partial, uncovered: f.uncovered, notApplicable: f.notApplicable, coverageRatio: f.coverageRatio };
  }

  async requirement(id: string, args: Args = {}): Promise<any> {
    const d = await this.client.data(
      `query($id: ID!, ${ARGS_DEF}) { requirement(id: $id) { coverage(${ARGS}) { ${REQUIREMENT_COVERAGE} } } }`,
      { id, ...vars(args) },
    );
    return d.requirement.coverage;
  }

  async status(id: string, args: Args = {}): Promise<string | null> {
    const d = await this.client.data(`query($id: ID!, ${ARGS_DEF}) { requirement(id: $id) { coverage(${ARGS}) { status } } }`, { id, ...vars(args) });
    return d.requirement.coverage?.status ?? null;
  }

  async framework(id: string, args: Args = {}): Promise<any> {
    const d = await this.client.data(
      `query($id: ID!, ${ARGS_DEF}) { framework(id: $id) { coverage(${ARGS}) { framework { id } status ${SUMMARY} } } }`,
      { id, ...vars(args) },
    );
    return d.framework.coverage;
  }

  /** Every gap (all pages) matching the filter. */
  async gaps(filter: Record<string, unknown> = {}, args: Omit<Args, 'scope'> = {}, pageSize = 100): Promise<any[]> {
    const out: any[] = [];
    let after: string | null = null;
    for (;;) {
      const d: any = await this.client.data(
        `query($filter: GapFilter, $asOf: DateTime, $via: Boolean = true, $depth: Int = 3, $first: Int, $after: String) {
          gaps(filter: $filter, asOf: $asOf, viaCrosswalks: $via, maxCrosswalkDepth: $depth, first: $first, after: $after) {
            totalCount edges { cursor node { ${REQUIREMENT_COVERAGE} } } pageInfo { hasNextPage endCursor } } }`,
        { filter, asOf: args.asOf, via: args.viaCrosswalks, depth: args.maxCrosswalkDepth, first: pageSize, after },
      );
      out.push(...d.gaps.edges.map((e: any) => e.node));
      if (!d.gaps.pageInfo.hasNextPage) return out;
      after = d.gaps.pageInfo.endCursor;
    }
  }

  async threats(args: Args = {}): Promise<any[]> {
    const d = await this.client.data(
      `query(${ARGS_DEF}) { threatExposure(${ARGS}, first: 100) { totalCount edges { node {
        threat { id } exposure requirements { id } coveredRequirements { id } partialRequirements { id } } } } }`,
      vars(args),
    );
    return d.threatExposure.edges.map((e: any) => e.node);
  }

  async impact(controlId: string, args: Args = {}): Promise<any> {
    const d = await this.client.data(
      `query($c: ID!, ${ARGS_DEF}) { controlImpact(controlId: $c, ${ARGS}) { control { id } asOf stateBefore stateAfter
        requirements { requirement { id } leaf before after } threats { threat { id } before after }
        frameworks { framework { id } before { ${SUMMARY} } after { ${SUMMARY} } changed } } }`,
      { c: controlId, ...vars(args) },
    );
    return d.controlImpact;
  }
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the compiled operator CLI (`npm run cli -- …`, test/support/compiled-app.ts) on a data
 * directory, or on a test server's database (its SQLite file or its PostgreSQL database).
 */
export async function runCli(target: string | Pick<TestServer, 'dataDir' | 'databaseUrl'>, args: string[]): Promise<CliResult> {
  const { NODE_OPTIONS: _options, CROSSWALK_ADMIN_TOKEN: _token, CROSSWALK_DATABASE_URL: _url, ...env } = process.env;
  const dataDir = typeof target === 'string' ? target : target.dataDir;
  const databaseUrl = typeof target === 'string' ? null : target.databaseUrl;
  const { cli } = await compiledApp();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cli, ...args],
      { cwd: fileURLToPath(new URL('../..', import.meta.url)), env: { ...env, CROSSWALK_DATA_DIR: dataDir, ...(databaseUrl ? { CROSSWALK_DATABASE_URL: databaseUrl } : {}) }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

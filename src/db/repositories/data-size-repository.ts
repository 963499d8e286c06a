/**
 * How much data there is, for the query cost of fields whose work grows with it (exports):
 * live requirements per framework, live mappings and crosswalk links, evidence links and
 * reviews, and the rows a bundle holds. Counted with a few aggregate statements; callers keep the
 * answer until {@link DataSizeRepository.version} changes.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../store.js';
import { rows } from '../dialect.js';
import { CoverageRepository } from './coverage-repository.js';

export interface DataSize {
  /** Live (not withdrawn) requirements by framework row id. */
  requirementsByFramework: ReadonlyMap<number, number>;
  requirements: number;
  mappings: number;
  links: number;
  controls: number;
  evidence: number;
  evidenceLinks: number;
  evidenceReviews: number;
  /** Every row a bundle carries (history included). */
  bundleRows: number;
}

/** Tables a bundle reads, whole. */
const BUNDLE_TABLES = [
  'frameworks', 'requirements', 'threats', 'threat_requirements', 'ai_systems', 'ai_system_frameworks', 'controls',
  'control_status_changes', 'ai_system_control_statuses', 'mappings', 'mapping_revisions', 'requirement_links',
  'not_applicable_marks', 'evidence', 'evidence_controls', 'evidence_reviews', 'baselines', 'baseline_requirements',
  'baseline_applications', 'coverage_snapshots',
] as const;

/** The counts besides the requirements (quoted names: PostgreSQL folds unquoted ones to lower case). */
const COUNTS = sql.raw(`SELECT
  (SELECT count(*) FROM mappings WHERE retired_at IS NULL) AS "mappings",
  (SELECT count(*) FROM requirement_links WHERE retired_at IS NULL) AS "links",
  (SELECT count(*) FROM controls WHERE retired_at IS NULL) AS "controls",
  (SELECT count(*) FROM evidence) AS "evidence",
  (SELECT count(*) FROM evidence_controls) AS "evidenceLinks",
  (SELECT count(*) FROM evidence_reviews) AS "evidenceReviews",
  (${BUNDLE_TABLES.map((t) => `(SELECT count(*) FROM ${t})`).join(' + ')}) AS "bundleRows"`);

export class DataSizeRepository {
  private readonly graph: CoverageRepository;

  constructor(private readonly db: Db) {
    this.graph = new CoverageRepository(db);
  }

  /**
   * Differs after a change to the coverage graph's tables (the change log the coverage cache
   * reads: one small statement), not after bookkeeping such as a token's lastUsedAt; on an
   * untracked database, after any commit.
   */
  async version(): Promise<string> {
    const v = await this.graph.graphVersion();
    return v.tracked ? `r${v.revision}:s${v.schema}` : `d${v.data}`;
  }

  async read(): Promise<DataSize> {
    const byFramework = await rows<{ f: number; n: number }>(
      this.db,
      sql`SELECT framework_id AS f, count(*) AS n FROM requirements WHERE withdrawn = FALSE GROUP BY framework_id`,
    );
    const [row] = await rows<Record<string, number | string>>(this.db, COUNTS);
    // Numbers whatever the driver's int8 parsing (node-postgres gives count(*) as text by default).
    const counts = Object.fromEntries(Object.entries(row!).map(([k, v]) => [k, Number(v)]));
    const requirementsByFramework = new Map(byFramework.map((r) => [Number(r.f), Number(r.n)]));
    return {
      requirementsByFramework,
      requirements: [...requirementsByFramework.values()].reduce((n, c) => n + c, 0),
      mappings: counts.mappings!,
      links: counts.links!,
      controls: counts.controls!,
      evidence: counts.evidence!,
      evidenceLinks: counts.evidenceLinks!,
      evidenceReviews: counts.evidenceReviews!,
      bundleRows: counts.bundleRows!,
    };
  }
}

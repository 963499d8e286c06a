/** All SQL about API tokens. */
import { and, asc, desc, eq, gt, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../store.js';
import type { apiTokens } from '../schema/index.js';
import { first, prepared, returned, sqlOf, tablesOf, type Tables } from '../dialect.js';
import { preparedPerConnection } from './sql-helpers.js';
import { KeysetRepository } from './keyset-repository.js';
import { graphVersionColumns, graphVersionIn, type GraphVersion } from './coverage/graph-version.js';


export type ApiTokenRow = typeof apiTokens.$inferSelect;
export type ApiTokenInsert = typeof apiTokens.$inferInsert;

export interface TokenFilter {
  includeRevoked?: boolean | null;
}

/**
 * The tokens with any of some hashes and the coverage graph's version (coverage/graph-version.ts)
 * in one statement: what GraphQL requests read first (services/token-reads.ts batches the requests
 * that arrive together). On PostgreSQL that is one round trip for all of them. Prepared once per
 * connection; it reads the rows and the version every time. One row per token found, or one row
 * without a token when none is.
 */
const findByHashesWithGraphVersionStatement = preparedPerConnection((db: Db) => {
  const { apiTokens } = tablesOf(db);
  return prepared<Record<string, unknown> & { token: ApiTokenRow | null }>(
    db
      .select({ ...graphVersionColumns(db), token: apiTokens })
      .from(sql`(SELECT 1) AS one`)
      .leftJoin(apiTokens, sqlOf(db).inList(apiTokens.tokenHash, sql.placeholder('tokenHashes'))),
    'token_find_by_hashes_with_graph_version',
  );
});

/**
 * What decides whether a token may still act (role, revocation, expiry), by primary key: read
 * again by every mutation inside its transaction and by each query (services/token-liveness.ts).
 */
const standingStatement = preparedPerConnection((db: Db) => {
  const { apiTokens } = tablesOf(db);
  return prepared<Pick<ApiTokenRow, 'role' | 'revokedAt' | 'expiresAt'>>(
    db
      .select({ role: apiTokens.role, revokedAt: apiTokens.revokedAt, expiresAt: apiTokens.expiresAt })
      .from(apiTokens)
      .where(eq(apiTokens.id, sql.placeholder('id'))),
    'token_standing',
  );
});

/** Tokens are listed by id (creation order). */
export class TokenRepository extends KeysetRepository<typeof apiTokens, TokenFilter> {
  constructor(db: Db) {
    super(db, ({ apiTokens }) => ({ table: apiTokens, key: apiTokens.id, order: [apiTokens.id], where: (filter) => tokenWhere(apiTokens, filter) }));
  }

  /** The token with this hash, if any (authentication reads through {@link findByHashesWithGraphVersion}). */
  async findByHash(tokenHash: string): Promise<ApiTokenRow | undefined> {
    const { apiTokens } = this.t;
    return first(this.db.select().from(apiTokens).where(eq(apiTokens.tokenHash, tokenHash)));
  }

  /**
   * The tokens with these hashes (unknown ones are absent) and the coverage graph's version as
   * CoverageRepository.graphVersion() reads it, in one statement (one snapshot, one round trip).
   */
  async findByHashesWithGraphVersion(tokenHashes: readonly string[]): Promise<{ tokens: Map<string, ApiTokenRow>; graphVersion: GraphVersion }> {
    const rows = await findByHashesWithGraphVersionStatement(this.db).execute({ tokenHashes: sqlOf(this.db).listParam(tokenHashes) });
    const tokens = new Map<string, ApiTokenRow>();
    for (const row of rows) if (row.token) tokens.set(row.token.tokenHash, row.token);
    return { tokens, graphVersion: graphVersionIn(this.db, rows[0]!) };
  }

  /** A live token (neither revoked nor expired at `now`) with exactly this name, if any. */
  async findLiveByName(name: string, now: Date): Promise<ApiTokenRow | undefined> {
    const { apiTokens } = this.t;
    return first(
      this.db
        .select()
        .from(apiTokens)
        .where(and(eq(apiTokens.name, name), isNull(apiTokens.revokedAt), or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)))),
    );
  }

  async findById(id: number): Promise<ApiTokenRow | undefined> {
    const { apiTokens } = this.t;
    return first(this.db.select().from(apiTokens).where(eq(apiTokens.id, id)));
  }

  async standing(id: number): Promise<Pick<ApiTokenRow, 'role' | 'revokedAt' | 'expiresAt'> | undefined> {
    return first(standingStatement(this.db).execute({ id }));
  }

  async insert(values: ApiTokenInsert): Promise<ApiTokenRow> {
    const { apiTokens } = this.t;
    return returned(this.db.insert(apiTokens).values(values).returning());
  }

  async revoke(id: number, at: Date, by: string): Promise<ApiTokenRow> {
    const { apiTokens } = this.t;
    return returned(this.db.update(apiTokens).set({ revokedAt: at, revokedBy: by }).where(eq(apiTokens.id, id)).returning());
  }

  async touch(id: number, at: Date): Promise<void> {
    const { apiTokens } = this.t;
    // Never moves back: instances write their notes independently, an older one may come last.
    await this.db.update(apiTokens).set({ lastUsedAt: at }).where(and(eq(apiTokens.id, id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, at))));
  }

  /** The first token ever created (revoked or not), if any. */
  async oldest(): Promise<ApiTokenRow | undefined> {
    const { apiTokens } = this.t;
    return first(this.db.select().from(apiTokens).orderBy(asc(apiTokens.id)).limit(1));
  }

  /** The newest token taken from the environment, if any. */
  async latestFromEnvironment(): Promise<ApiTokenRow | undefined> {
    const { apiTokens } = this.t;
    return first(
      this.db
        .select()
        .from(apiTokens)
        .where(and(eq(apiTokens.fromEnvironment, true), isNull(apiTokens.revokedAt)))
        .orderBy(desc(apiTokens.id))
        .limit(1),
    );
  }
}

function tokenWhere(apiTokens: Tables['apiTokens'], filter: TokenFilter): SQL | undefined {
  return filter.includeRevoked ? undefined : isNull(apiTokens.revokedAt);
}

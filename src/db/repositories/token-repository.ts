/** All SQL about API tokens. */
import { and, desc, eq, gt, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../store.js';
import { apiTokens } from '../schema/index.js';
import { preparedPerConnection } from './sql-helpers.js';
import { KeysetRepository } from './keyset-repository.js';


export type ApiTokenRow = typeof apiTokens.$inferSelect;
export type ApiTokenInsert = typeof apiTokens.$inferInsert;

export interface TokenFilter {
  includeRevoked?: boolean | null;
}

/**
 * `findByHash` runs on every authenticated request: its statement is prepared once per
 * connection (building the query and preparing it each time was most of the cost of
 * authentication). It still reads the row every time, so a revocation or expiry is seen at once,
 * whoever made it (this process, the CLI, another process).
 */
const findByHashStatement = preparedPerConnection((db: Db) =>
  db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.tokenHash, sql.placeholder('tokenHash')))
    .prepare(),
);

/**
 * What decides whether a token may still act (role, revocation, expiry), by primary key: read
 * again by every mutation inside its transaction and by each query (services/token-liveness.ts).
 */
const standingStatement = preparedPerConnection((db: Db) =>
  db
    .select({ role: apiTokens.role, revokedAt: apiTokens.revokedAt, expiresAt: apiTokens.expiresAt })
    .from(apiTokens)
    .where(eq(apiTokens.id, sql.placeholder('id')))
    .prepare(),
);

/** Tokens are listed by id (creation order). */
export class TokenRepository extends KeysetRepository<typeof apiTokens, TokenFilter> {
  constructor(db: Db) {
    super(db, { table: apiTokens, key: apiTokens.id, order: [apiTokens.id], where: tokenWhere });
  }

  async findByHash(tokenHash: string): Promise<ApiTokenRow | undefined> {
    return findByHashStatement(this.db).get({ tokenHash });
  }

  /** A live token (neither revoked nor expired at `now`) with exactly this name, if any. */
  async findLiveByName(name: string, now: Date): Promise<ApiTokenRow | undefined> {
    return this.db
      .select()
      .from(apiTokens)
      .where(and(eq(apiTokens.name, name), isNull(apiTokens.revokedAt), or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now))))
      .get();
  }

  async findById(id: number): Promise<ApiTokenRow | undefined> {
    return this.db.select().from(apiTokens).where(eq(apiTokens.id, id)).get();
  }

  async standing(id: number): Promise<Pick<ApiTokenRow, 'role' | 'revokedAt' | 'expiresAt'> | undefined> {
    return standingStatement(this.db).get({ id });
  }

  async insert(values: ApiTokenInsert): Promise<ApiTokenRow> {
    return this.db.insert(apiTokens).values(values).returning().get();
  }

  async revoke(id: number, at: Date, by: string): Promise<ApiTokenRow> {
    return this.db.update(apiTokens).set({ revokedAt: at, revokedBy: by }).where(eq(apiTokens.id, id)).returning().get();
  }

  async touch(id: number, at: Date): Promise<void> {
    this.db.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, id)).run();
  }

  /** The newest token taken from the environment, if any. */
  async latestFromEnvironment(): Promise<ApiTokenRow | undefined> {
    return this.db
      .select()
      .from(apiTokens)
      .where(and(eq(apiTokens.fromEnvironment, true), isNull(apiTokens.revokedAt)))
      .orderBy(desc(apiTokens.id))
      .get();
  }
}

function tokenWhere(filter: TokenFilter): SQL | undefined {
  return filter.includeRevoked ? undefined : isNull(apiTokens.revokedAt);
}

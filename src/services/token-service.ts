/**
 * API tokens: creation (the secret is returned once, only its hash is stored), revocation,
 * listing, authentication of bearer tokens, and the bootstrap ADMIN token.
 */
import { systemClock } from '../clock.js';
import { ConfigError } from '../config.js';
import type { Store } from '../db/store.js';
import type { ApiTokenRow, TokenFilter } from '../db/repositories/token-repository.js';
import type { Repositories } from '../db/repositories/index.js';
import { actorLabel, tokenActor, SYSTEM_SEED_ACTOR, type Actor, type Role } from '../domain/actor.js';
import type { Permission } from '../domain/authorization.js';
import { fail, notFound, ok, userError, type Result, type UserError } from '../domain/errors.js';
import { displayPrefix, generateToken, hashToken, parseExpiry, tokenInactive } from '../domain/tokens.js';
import type { CoveragePin } from './coverage-service.js';
import type { MutationRunner } from './mutation-runner.js';
import { forOperation } from './operation-scope.js';
import { ReadService } from './read-service.js';
import { tokenRefusal } from './token-liveness.js';
import { checkText, collect } from './validation.js';
import { TokenReads } from './token-reads.js';
import { TokenUsage } from './token-usage.js';

export interface TokenCreateFields {
  name: string;
  role: Role;
  expiresAt?: Date | null;
  /** A lifetime like 90d, 12h or 30m counted from now; not together with `expiresAt`. */
  expiresIn?: string | null;
  /** Restrict evidence attachment to these AI systems / controls (row ids). */
  aiSystemIds?: number[] | null;
  controlIds?: number[] | null;
}

export interface CreatedToken {
  token: ApiTokenRow;
  /** The bearer secret; shown once, never stored. */
  secret: string;
}

/** A token value given in CROSSWALK_ADMIN_TOKEN must be at least this long. */
export const MIN_ENV_TOKEN_LENGTH = 32;

/** lastUsedAt is written at most this often per token. */
const TOUCH_INTERVAL_MS = 60_000;

/** Listing and finding tokens is for ADMINs; any caller may read its own token (`ownToken`). */
export class TokenService extends ReadService<ApiTokenRow, TokenFilter> {
  /** lastUsedAt, written in the background so that authentication never waits for the lock. */
  readonly usage: TokenUsage;
  /** Every request's token read (and graph version), batched across the requests in flight. */
  private readonly reads: TokenReads;

  constructor(
    store: Store,
    private readonly runner: MutationRunner,
    private readonly clock: () => Date = systemClock,
  ) {
    super(store, (repos) => repos.tokens, 'ADMIN');
    this.usage = new TokenUsage(store);
    this.reads = new TokenReads((hashes) => this.reader.tokens.findByHashesWithGraphVersion(hashes));
  }

  /** The token the actor authenticated with (null for an actor without one, such as the CLI). */
  async ownToken(actor: Actor): Promise<ApiTokenRow | null> {
    if (actor.tokenId === undefined) return null;
    return (await this.reader.tokens.findByIds([actor.tokenId]))[0] ?? null;
  }

  create(actor: Actor, input: TokenCreateFields): Promise<Result<CreatedToken>> {
    return this.runner.run(actor, 'ADMIN', async ({ repos, now, audit }) => {
      const errors = collect(checkText(input.name, ['input', 'name'], 100));
      // Names are unique among live tokens, so a listing or the audit trail names one token. Checked
      // inside the write transaction (SQLite has one writer), so two creations cannot both pass.
      if (errors.length === 0 && (await repos.tokens.findLiveByName(input.name, now))) {
        errors.push(userError('DUPLICATE', `a live token named "${input.name}" exists: choose another name, or revoke that token first`, ['input', 'name']));
      }
      let expiresAt = input.expiresAt ?? null;
      if (input.expiresIn != null) {
        expiresAt = input.expiresAt ? null : parseExpiry(input.expiresIn, now);
        if (!expiresAt) {
          const message = input.expiresAt ? 'give expiresAt or expiresIn, not both' : 'use a lifetime like 90d, 12h or 30m';
          errors.push(userError('INVALID', message, ['input', 'expiresIn']));
        }
      } else if (expiresAt && expiresAt <= now) {
        errors.push(userError('INVALID', 'must be in the future', ['input', 'expiresAt']));
      }
      for (const [i, id] of (input.aiSystemIds ?? []).entries()) {
        if (!(await repos.aiSystems.findById(id))) errors.push(notFound('AI system', ['input', 'aiSystemIds', String(i)]));
      }
      for (const [i, id] of (input.controlIds ?? []).entries()) {
        if (!(await repos.controls.findById(id))) errors.push(notFound('control', ['input', 'controlIds', String(i)]));
      }
      if (errors.length) return fail(errors);
      const secret = generateToken();
      const token = await repos.tokens.insert({
        name: input.name,
        role: input.role,
        tokenHash: hashToken(secret),
        prefix: displayPrefix(secret),
        scopeAiSystemIds: input.aiSystemIds?.length ? [...new Set(input.aiSystemIds)] : null,
        scopeControlIds: input.controlIds?.length ? [...new Set(input.controlIds)] : null,
        expiresAt,
        createdAt: now,
        createdBy: actorLabel(actor),
      });
      audit.target('ApiToken', token.id);
      audit.after(withoutHash(token));
      return ok({ token, secret });
    });
  }

  revoke(actor: Actor, id: number): Promise<Result<ApiTokenRow>> {
    return this.runner.run(actor, 'ADMIN', async ({ repos, now, audit }) => {
      const current = await repos.tokens.findById(id);
      if (!current) return fail(notFound('token', ['input', 'id']));
      if (current.revokedAt) return fail(userError('CONFLICT', 'the token is already revoked', ['input', 'id']));
      audit.target('ApiToken', id);
      audit.before(withoutHash(current));
      const row = await repos.tokens.revoke(id, now, actorLabel(actor));
      audit.after(withoutHash(row));
      return ok(row);
    });
  }

  /**
   * Why `actor`'s token may no longer do what needs `permission` (revoked or expired since the
   * request was authenticated), or null: the re-check of a query's root fields (token-liveness.ts).
   */
  refusal(actor: Actor, permission: Permission): Promise<UserError | null> {
    return tokenRefusal(this.reader.tokens, actor, permission, this.clock());
  }

  /** The actor of a bearer secret, or null when it is unknown, revoked or expired. */
  async authenticate(secret: string): Promise<Actor | null> {
    return (await this.authenticateWithCoveragePin(secret)).actor;
  }

  /**
   * {@link authenticate} for a GraphQL request, with the coverage graph's version read in the same
   * statement (on PostgreSQL one round trip for both, shared by the requests arriving together:
   * token-reads.ts). The returned pin holds it, so a query's coverage reads made with that pin do
   * not read it again (CoveragePin). It is read after the request arrived, so it includes every
   * write acknowledged before.
   */
  async authenticateWithCoveragePin(secret: string): Promise<{ actor: Actor | null; coveragePin: CoveragePin }> {
    const { token, graphVersion } = await this.reads.read(hashToken(secret));
    return { actor: this.actorOf(token), coveragePin: { version: graphVersion } };
  }

  /** The actor of a token row just read by its hash (null: none, revoked or expired); notes its use. */
  private actorOf(token: ApiTokenRow | undefined): Actor | null {
    const now = this.clock();
    if (!token || tokenInactive(token, now)) return null;
    if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= TOUCH_INTERVAL_MS) {
      this.usage.note(token.id, now);
    }
    const scoped = token.scopeAiSystemIds || token.scopeControlIds;
    return tokenActor({
      id: token.id,
      name: token.name,
      role: token.role,
      ...(scoped ? { scope: { aiSystemIds: token.scopeAiSystemIds, controlIds: token.scopeControlIds } } : {}),
    });
  }

  /**
   * At start: a CROSSWALK_ADMIN_TOKEN value becomes an ADMIN token (stored hashed). A new value
   * revokes the previous environment token in the same transaction, so rotating the variable
   * retires the old secret; a value that was revoked is refused. Without the variable, a
   * database with no token at all gets a new ADMIN token, whose secret is returned to be printed
   * once. Audited as `tokenBootstrap` by the seed actor.
   */
  async bootstrap(environmentToken: string | undefined): Promise<{ printedSecret: string | null }> {
    if (environmentToken !== undefined) {
      if (environmentToken.length < MIN_ENV_TOKEN_LENGTH || /\s/.test(environmentToken)) {
        throw new ConfigError(
          `CROSSWALK_ADMIN_TOKEN must be at least ${MIN_ENV_TOKEN_LENGTH} characters without spaces; set a longer value (e.g. openssl rand -hex 32) or unset it to get a printed token`,
        );
      }
      const hash = hashToken(environmentToken);
      const existing = await this.reader.tokens.findByHash(hash);
      if (existing?.revokedAt) {
        throw new ConfigError(`CROSSWALK_ADMIN_TOKEN was revoked (token ${existing.id}); set a new value (e.g. openssl rand -hex 32)`);
      }
      // Checked again under the write lock: instances starting together with the same token create it once.
      if (!existing) {
        await this.insertSystemToken('CROSSWALK_ADMIN_TOKEN', hash, displayPrefix(environmentToken), true, async (repos) => (await repos.tokens.findByHash(hash)) ?? null);
      }
      return { printedSecret: null };
    }
    if ((await this.reader.tokens.count({ includeRevoked: true })) > 0) return { printedSecret: null };
    const secret = generateToken();
    // Instances starting together on an empty database: the first creates (and prints) the token.
    const created = await this.insertSystemToken('bootstrap-admin', hashToken(secret), displayPrefix(secret), false, async (repos) => (await repos.tokens.oldest()) ?? null);
    return { printedSecret: created ? secret : null };
  }

  /** Creates the token unless `alreadyDone` (read under the write lock) finds a token that makes it unneeded; returns whether it did. */
  private async insertSystemToken(
    name: string,
    tokenHash: string,
    prefix: string,
    fromEnvironment: boolean,
    alreadyDone: (repos: Repositories) => Promise<ApiTokenRow | null>,
  ): Promise<boolean> {
    let created = false;
    const result = await this.runner.run(forOperation(SYSTEM_SEED_ACTOR, 'tokenBootstrap'), 'ADMIN', async ({ repos, now, audit }) => {
      created = true;
      const by = actorLabel(SYSTEM_SEED_ACTOR);
      // Rotation: the environment token being replaced stops working at once.
      const replaced: Omit<ApiTokenRow, 'tokenHash'>[] = [];
      let previous = fromEnvironment ? await repos.tokens.latestFromEnvironment() : undefined;
      while (previous) {
        audit.target('ApiToken', previous.id);
        replaced.push(withoutHash(await repos.tokens.revoke(previous.id, now, by)));
        previous = await repos.tokens.latestFromEnvironment();
      }
      if (replaced.length) audit.before({ revoked: replaced });
      const token = await repos.tokens.insert({
        name,
        role: 'ADMIN',
        tokenHash,
        prefix,
        fromEnvironment,
        createdAt: now,
        createdBy: by,
      });
      audit.target('ApiToken', token.id);
      audit.after(withoutHash(token));
      return ok(token);
    }, { alreadyDone });
    if (!result.ok) throw new Error(`could not create the ${name} token: ${JSON.stringify(result.errors)}`);
    return created;
  }
}

/** A token row as it may appear in the audit trail or the API: never its hash. */
export function withoutHash(row: ApiTokenRow): Omit<ApiTokenRow, 'tokenHash'> {
  const { tokenHash: _hash, ...rest } = row;
  return rest;
}

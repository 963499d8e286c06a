/**
 * The read side an entity service shares with the others: every read checks the actor's
 * permission first (READ, or ADMIN for tokens and the audit trail; a denied read throws
 * ForbiddenError), then runs on the read connection. GraphQL's root fields, nested fields,
 * loaders and `node(id)` all read through these methods.
 */
import type { Store } from '../db/store.js';
import { createRepositories, type Repositories } from '../db/repositories/index.js';
import type { Actor } from '../domain/actor.js';
import type { Permission } from '../domain/authorization.js';
import type { Page, PageRequest } from '../domain/paging.js';
import { assertAllowed } from './read-guard.js';

/** The keyset list of one entity (db/repositories/keyset-repository.ts). */
export interface Listing<Row, Filter> {
  list(filter: Filter, page: PageRequest): Promise<Page<Row>>;
  count(filter: Filter): Promise<number>;
  findByIds(ids: readonly number[]): Promise<Row[]>;
}

/** Reads on the read connection behind the actor's permission check. */
export abstract class GuardedReads {
  /** Repositories on the read connection (committed data only); `read(actor)` checks first. */
  protected readonly reader: Repositories;

  protected constructor(
    store: Store,
    private readonly permission: Permission = 'READ',
  ) {
    this.reader = createRepositories(store.read);
  }

  /** The read connection's repositories, once the actor may read. */
  protected read(actor: Actor): Repositories {
    assertAllowed(actor, this.permission);
    return this.reader;
  }
}

/** GuardedReads plus the entity's keyset list, its count and its lookup by ids. */
export abstract class ReadService<Row, Filter> extends GuardedReads {
  protected constructor(
    store: Store,
    private readonly listing: (repos: Repositories) => Listing<Row, Filter>,
    permission: Permission = 'READ',
  ) {
    super(store, permission);
  }

  /** One page of the filtered list. */
  async list(actor: Actor, filter: Filter, page: PageRequest): Promise<Page<Row>> {
    return this.listing(this.read(actor)).list(filter, page);
  }

  /** Length of the filtered list. */
  async count(actor: Actor, filter: Filter): Promise<number> {
    return this.listing(this.read(actor)).count(filter);
  }

  /** The rows with these ids, retired ones included (loaders and `node(id)` resolve them). */
  async findByIds(actor: Actor, ids: readonly number[]): Promise<Row[]> {
    return this.listing(this.read(actor)).findByIds(ids);
  }
}

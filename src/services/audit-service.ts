/** Reading and verifying the audit trail (ADMIN only). */
import type { Store } from '../db/store.js';
import { createRepositories, type Repositories } from '../db/repositories/index.js';
import type { AuditFilter, AuditRow } from '../db/repositories/audit-repository.js';
import type { Actor } from '../domain/actor.js';
import type { Page, PageRequest } from '../domain/paging.js';
import { verifyAuditTrail, type AuditVerification } from './audit-trail.js';
import { assertAllowed } from './read-guard.js';

export class AuditService {
  private readonly reader: Repositories;

  constructor(store: Store) {
    this.reader = createRepositories(store.read);
  }

  async list(actor: Actor, filter: AuditFilter, page: PageRequest): Promise<Page<AuditRow>> {
    assertAllowed(actor, 'ADMIN');
    return this.reader.audit.list(filter, page);
  }

  async count(actor: Actor, filter: AuditFilter): Promise<number> {
    assertAllowed(actor, 'ADMIN');
    return this.reader.audit.count(filter);
  }

  /** Re-hashes the whole trail; with `head`, also finds that earlier head hash in it. */
  async verify(actor: Actor, options: { head?: string } = {}): Promise<AuditVerification> {
    assertAllowed(actor, 'ADMIN');
    return verifyAuditTrail(this.reader.audit, options);
  }

  /** Every entry in order, read in batches (for the CLI export). */
  entries(actor: Actor): AsyncGenerator<AuditRow> {
    assertAllowed(actor, 'ADMIN');
    return this.reader.audit.all();
  }
}

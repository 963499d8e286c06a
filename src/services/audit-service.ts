/** Reading and verifying the audit trail (ADMIN only). */
import type { Store } from '../db/store.js';
import type { AuditFilter, AuditRow } from '../db/repositories/audit-repository.js';
import type { Actor } from '../domain/actor.js';
import { verifyAuditTrail, type AuditVerification } from './audit-trail.js';
import { ReadService } from './read-service.js';

/** Entries are listed and found (`findByIds`) by their sequence number. */
export class AuditService extends ReadService<AuditRow, AuditFilter> {
  constructor(store: Store) {
    super(store, (repos) => repos.audit, 'ADMIN');
  }

  /** Re-hashes the whole trail; with `head`, also finds that earlier head hash in it. */
  async verify(actor: Actor, options: { head?: string } = {}): Promise<AuditVerification> {
    return verifyAuditTrail(this.read(actor).audit, options);
  }

  /** Every entry in order, read in batches (for the CLI export). */
  entries(actor: Actor): AsyncGenerator<AuditRow> {
    return this.read(actor).audit.all();
  }
}

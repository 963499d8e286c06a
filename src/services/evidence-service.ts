/** evidence: validation and rules. */
import type { Store } from '../db/store.js';
import { createRepositories, type Repositories } from '../db/repositories/index.js';
import type { MutationRunner } from './mutation-runner.js';

export class EvidenceService {
  private readonly reader: Repositories;

  constructor(
    store: Store,
    private readonly runner: MutationRunner,
  ) {
    this.reader = createRepositories(store.read);
  }
}

/** All SQL about applicability. */
import type { Db } from '../store.js';

export class ApplicabilityRepository {
  constructor(private readonly db: Db) {}
}

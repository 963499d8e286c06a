/** All SQL about evidence. */
import type { Db } from '../store.js';

export class EvidenceRepository {
  constructor(private readonly db: Db) {}
}

/** All SQL about requirements. */
import type { Db } from '../store.js';

export class RequirementRepository {
  constructor(private readonly db: Db) {}
}

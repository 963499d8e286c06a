/** All SQL about requirementLinks. */
import type { Db } from '../store.js';

export class RequirementLinkRepository {
  constructor(private readonly db: Db) {}
}

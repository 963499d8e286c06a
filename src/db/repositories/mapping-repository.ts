/** All SQL about mappings. */
import type { Db } from '../store.js';

export class MappingRepository {
  constructor(private readonly db: Db) {}
}

/** All SQL about controls. */
import type { Db } from '../store.js';

export class ControlRepository {
  constructor(private readonly db: Db) {}
}

/** All SQL about threats. */
import type { Db } from '../store.js';

export class ThreatRepository {
  constructor(private readonly db: Db) {}
}

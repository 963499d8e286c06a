/** All SQL about aiSystems. */
import type { Db } from '../store.js';

export class AiSystemRepository {
  constructor(private readonly db: Db) {}
}

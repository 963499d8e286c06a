/**
 * Every repository bound to one database handle: the read connection, or a transaction.
 * Services get `Repositories` and never see SQL.
 */
import type { Db } from '../store.js';
import { FrameworkRepository } from './framework-repository.js';

export interface Repositories {
  frameworks: FrameworkRepository;
}

export function createRepositories(db: Db): Repositories {
  return {
    frameworks: new FrameworkRepository(db),
  };
}

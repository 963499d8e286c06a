/**
 * Loads the built-in catalogs into an empty database at first start.
 * (Placeholder until the catalog loader lands: it does nothing yet.)
 */
import type { Store } from '../db/store.js';

export async function seedIfEmpty(_store: Store, _catalogs: string, _log: (message: string) => void): Promise<void> {}

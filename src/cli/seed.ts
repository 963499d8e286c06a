/** `npm run seed [-- --catalog <id> ...]`: loads built-in catalogs; idempotent. */
import { Command } from 'commander';
import { loadConfig } from '../config.js';
import { openStore } from '../db/open-store.js';
import { createServices } from '../services/index.js';
import { SEED_CATALOGS, SHOWN_WITHOUT_VERBOSE, seedCatalogs, selectCatalogs } from '../services/seeding.js';

export function seedCommand(): Command {
  return new Command('seed')
    .description(`load built-in catalogs into the database (default: all). Catalogs: ${SEED_CATALOGS.map((c) => c.id).join(', ')}`)
    .option('-c, --catalog <id...>', 'catalog id(s) to load')
    .option('--list', 'list the built-in catalogs and exit')
    .option('-v, --verbose', `print every warning and rejection (default: the first ${SHOWN_WITHOUT_VERBOSE} of each catalog)`)
    .action(async (options: { catalog?: string[]; list?: boolean; verbose?: boolean }) => {
      if (options.list) {
        for (const c of SEED_CATALOGS) console.log(`${c.id.padEnd(22)} ${c.title}`);
        return;
      }
      const catalogs = selectCatalogs(options.catalog?.join(',') ?? 'all', '--catalog');
      const config = loadConfig();
      const store = await openStore(config);
      try {
        await seedCatalogs(createServices(store), catalogs, (m) => console.log(m), { verbose: options.verbose ?? false });
      } finally {
        await store.close();
      }
    });
}

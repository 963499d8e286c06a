import { defineConfig } from 'drizzle-kit';

/**
 * The PostgreSQL twin of drizzle.config.ts: `npm run db:generate:postgres` writes a new migration
 * into migrations/postgres/ from src/db/schema-pg.
 */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema-pg/index.ts',
  out: './migrations/postgres',
});

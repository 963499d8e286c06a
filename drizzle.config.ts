import { defineConfig } from 'drizzle-kit';

/** `npm run db:generate` writes a new migration into migrations/ from src/db/schema. */
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/schema/index.ts',
  out: './migrations',
});

/**
 * The coverage change log on PostgreSQL, from the same declaration as SQLite's triggers
 * ({@link CHANGE_TRIGGERS}, inputs.ts). Per table: one trigger function and three row triggers
 * named as in SQLite (`coverage_changes_<table>_insert|update|delete`): an insert logs the new
 * key, a delete the old one, an update of a watched column whose value changed logs the old key
 * and, when the key itself changed, the new one. The statements are idempotent (CREATE OR
 * REPLACE): src/db/migrate-postgres.ts runs them after every migration, so the database always
 * holds exactly the declared set (test/db/postgres-schema.test.ts reads them back).
 */
import { CHANGE_TRIGGERS, type ChangeTrigger } from './inputs.js';

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const literal = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/** The name of the trigger of `table` for `op` (as in SQLite). */
export const changeTriggerName = (table: string, op: 'insert' | 'update' | 'delete'): string => `coverage_changes_${table}_${op}`;

/** The statements creating (or replacing) the change-log function and triggers of one table. */
export function changeTriggerPgSql({ table, key, watched }: ChangeTrigger): string[] {
  const fn = quote(`coverage_changes_${table}`);
  const t = quote(table);
  const k = quote(key);
  const log = (row: 'NEW' | 'OLD') => `INSERT INTO coverage_changes (table_name, row_key) VALUES (${literal(table)}, ${row}.${k});`;
  const changed = watched.map((c) => `NEW.${quote(c)} IS DISTINCT FROM OLD.${quote(c)}`).join(' OR ');
  return [
    `CREATE OR REPLACE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    ${log('OLD')}
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.${k} IS DISTINCT FROM OLD.${k}) THEN
    ${log('NEW')}
  END IF;
  RETURN NULL;
END $$`,
    `CREATE OR REPLACE TRIGGER ${quote(changeTriggerName(table, 'insert'))} AFTER INSERT ON ${t} FOR EACH ROW EXECUTE FUNCTION ${fn}()`,
    `CREATE OR REPLACE TRIGGER ${quote(changeTriggerName(table, 'delete'))} AFTER DELETE ON ${t} FOR EACH ROW EXECUTE FUNCTION ${fn}()`,
    `CREATE OR REPLACE TRIGGER ${quote(changeTriggerName(table, 'update'))} AFTER UPDATE OF ${watched.map(quote).join(', ')} ON ${t}\n` +
      `  FOR EACH ROW WHEN (${changed}) EXECUTE FUNCTION ${fn}()`,
  ];
}

/** Every change-log trigger name the declaration asks for. */
export const CHANGE_TRIGGER_NAMES: readonly string[] = CHANGE_TRIGGERS.flatMap((t) => (['insert', 'update', 'delete'] as const).map((op) => changeTriggerName(t.table, op)));

/** The statements creating every declared change-log trigger (idempotent). */
export const changeTriggersPgSql = (): string[] => CHANGE_TRIGGERS.flatMap(changeTriggerPgSql);

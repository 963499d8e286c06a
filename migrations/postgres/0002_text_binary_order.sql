-- Every text column compares and sorts by code point ("C" collation), as SQLite's text does: list
-- orders, keyset cursors, unique constraints and ILIKE (only ASCII letters fold) then give the same
-- answers on both backends, whatever locale the database was created with.
-- A column a change-log trigger watches cannot change its collation while the trigger exists: those
-- triggers are dropped here and re-created from their declaration right after the migrations
-- (runPostgresMigrations).
DO $$
DECLARE
  trg record;
  col record;
BEGIN
  FOR trg IN
    SELECT t.tgname, c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
    WHERE NOT t.tgisinternal AND t.tgname ~ '^coverage_changes_.+_(insert|update|delete)$' AND c.relnamespace = current_schema()::regnamespace
  LOOP
    EXECUTE format('DROP TRIGGER %I ON %I', trg.tgname, trg.relname);
  END LOOP;
  FOR col IN
    SELECT c.table_name, c.column_name FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
    WHERE c.table_schema = current_schema() AND c.data_type = 'text'
    ORDER BY c.table_name, c.ordinal_position
  LOOP
    EXECUTE format('ALTER TABLE %I ALTER COLUMN %I TYPE text COLLATE "C"', col.table_name, col.column_name);
  END LOOP;
END $$;

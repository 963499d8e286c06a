-- Coverage answers carry the framework rows they were evaluated with (so a coverage summary
-- names its frameworks without another query), so every column of a framework is now part of
-- what the coverage cache reads: an update of any of them names the framework in the change log.
-- Hand-written (drizzle-kit generate --custom). A migration that adds a column to `frameworks`
-- must add it here too (test/api/coverage-changes.test.ts updates every column and checks).
DROP TRIGGER coverage_changes_frameworks_update;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_frameworks_update AFTER UPDATE ON frameworks
  WHEN NEW.id IS NOT OLD.id OR NEW.ref_id IS NOT OLD.ref_id OR NEW.name IS NOT OLD.name
    OR NEW.version IS NOT OLD.version OR NEW.kind IS NOT OLD.kind
    OR NEW.description IS NOT OLD.description OR NEW.source_note IS NOT OLD.source_note
    OR NEW.license_note IS NOT OLD.license_note OR NEW.created_at IS NOT OLD.created_at
    OR NEW.updated_at IS NOT OLD.updated_at
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'frameworks', OLD.id;
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'frameworks', NEW.id WHERE NEW.id IS NOT OLD.id;
END;

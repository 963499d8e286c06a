-- Migration 0013 added the framework's recorded source (uuid, title, SHA-256, MD5). Coverage
-- answers carry the framework rows they were evaluated with, so an update of these columns too
-- names the framework in the change log (see 0009). Hand-written (drizzle-kit generate --custom).
DROP TRIGGER coverage_changes_frameworks_update;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_frameworks_update AFTER UPDATE ON frameworks
  WHEN NEW.id IS NOT OLD.id OR NEW.ref_id IS NOT OLD.ref_id OR NEW.name IS NOT OLD.name
    OR NEW.version IS NOT OLD.version OR NEW.kind IS NOT OLD.kind
    OR NEW.description IS NOT OLD.description OR NEW.source_note IS NOT OLD.source_note
    OR NEW.license_note IS NOT OLD.license_note OR NEW.created_at IS NOT OLD.created_at
    OR NEW.updated_at IS NOT OLD.updated_at OR NEW.retired_at IS NOT OLD.retired_at
    OR NEW.source_uuid IS NOT OLD.source_uuid OR NEW.source_title IS NOT OLD.source_title
    OR NEW.source_sha256 IS NOT OLD.source_sha256 OR NEW.source_md5 IS NOT OLD.source_md5
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'frameworks', OLD.id;
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'frameworks', NEW.id WHERE NEW.id IS NOT OLD.id;
END;

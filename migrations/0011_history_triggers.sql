-- Rule 10, history is never lost (hand-written, drizzle-kit generate --custom).
-- 1. Every existing requirement gets its first structure version, valid from its creation.
-- 2. Triggers on `requirements` write every later version (see src/db/schema/frameworks.ts,
--    requirementVersions): every path that writes a requirement (API, importer, bundle restore,
--    raw SQL) keeps the history the same way.
-- 3. The coverage change log covers the new engine inputs: requirement_versions (keyed by
--    requirement_id), the creation and retirement of frameworks, threats, AI-system framework
--    assignments and threat links; the triggers of the tables 0010 rebuilt are created again.
INSERT INTO requirement_versions (requirement_id, framework_id, parent_id, withdrawn, valid_from, valid_to)
  SELECT id, framework_id, parent_id, withdrawn, created_at, retired_at FROM requirements ORDER BY id;
--> statement-breakpoint
CREATE TRIGGER requirement_versions_on_insert AFTER INSERT ON requirements
BEGIN
  INSERT INTO requirement_versions (requirement_id, framework_id, parent_id, withdrawn, valid_from, valid_to)
    VALUES (NEW.id, NEW.framework_id, NEW.parent_id, NEW.withdrawn, NEW.created_at, NEW.retired_at);
END;
--> statement-breakpoint
CREATE TRIGGER requirement_versions_on_change AFTER UPDATE OF framework_id, parent_id, withdrawn ON requirements
  WHEN NEW.framework_id IS NOT OLD.framework_id OR NEW.parent_id IS NOT OLD.parent_id OR NEW.withdrawn IS NOT OLD.withdrawn
BEGIN
  -- A change dated after the open version began closes it ...
  UPDATE requirement_versions SET valid_to = NEW.updated_at
    WHERE requirement_id = NEW.id AND valid_to IS NULL AND valid_from < NEW.updated_at AND NEW.retired_at IS NULL;
  -- ... otherwise it corrects the open version ...
  UPDATE requirement_versions SET framework_id = NEW.framework_id, parent_id = NEW.parent_id, withdrawn = NEW.withdrawn
    WHERE requirement_id = NEW.id AND valid_to IS NULL;
  -- ... and a closed one is followed by the next.
  INSERT INTO requirement_versions (requirement_id, framework_id, parent_id, withdrawn, valid_from, valid_to)
    SELECT NEW.id, NEW.framework_id, NEW.parent_id, NEW.withdrawn, NEW.updated_at, NULL
    WHERE NEW.retired_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM requirement_versions WHERE requirement_id = NEW.id AND valid_to IS NULL);
END;
--> statement-breakpoint
CREATE TRIGGER requirement_versions_on_retire AFTER UPDATE OF retired_at ON requirements
  WHEN NEW.retired_at IS NOT NULL AND OLD.retired_at IS NULL
BEGIN
  UPDATE requirement_versions SET valid_to = NEW.retired_at WHERE requirement_id = NEW.id AND valid_to IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_requirement_versions_insert AFTER INSERT ON requirement_versions
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'requirement_versions', NEW.requirement_id;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_requirement_versions_delete AFTER DELETE ON requirement_versions
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'requirement_versions', OLD.requirement_id;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_requirement_versions_update AFTER UPDATE ON requirement_versions
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'requirement_versions', OLD.requirement_id;
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'requirement_versions', NEW.requirement_id WHERE NEW.requirement_id IS NOT OLD.requirement_id;
END;
--> statement-breakpoint
DROP TRIGGER coverage_changes_frameworks_update;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_frameworks_update AFTER UPDATE ON frameworks
  WHEN NEW.id IS NOT OLD.id OR NEW.ref_id IS NOT OLD.ref_id OR NEW.name IS NOT OLD.name
    OR NEW.version IS NOT OLD.version OR NEW.kind IS NOT OLD.kind
    OR NEW.description IS NOT OLD.description OR NEW.source_note IS NOT OLD.source_note
    OR NEW.license_note IS NOT OLD.license_note OR NEW.created_at IS NOT OLD.created_at
    OR NEW.updated_at IS NOT OLD.updated_at OR NEW.retired_at IS NOT OLD.retired_at
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'frameworks', OLD.id;
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'frameworks', NEW.id WHERE NEW.id IS NOT OLD.id;
END;
--> statement-breakpoint
DROP TRIGGER coverage_changes_threats_update;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_threats_update AFTER UPDATE OF id, framework_id, created_at, retired_at ON threats
  WHEN NEW.id IS NOT OLD.id OR NEW.framework_id IS NOT OLD.framework_id OR NEW.created_at IS NOT OLD.created_at OR NEW.retired_at IS NOT OLD.retired_at
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'threats', OLD.id;
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'threats', NEW.id WHERE NEW.id IS NOT OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_ai_system_frameworks_insert AFTER INSERT ON ai_system_frameworks
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'ai_system_frameworks', NEW.ai_system_id;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_ai_system_frameworks_delete AFTER DELETE ON ai_system_frameworks
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'ai_system_frameworks', OLD.ai_system_id;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_ai_system_frameworks_update AFTER UPDATE OF ai_system_id, framework_id, created_at, retired_at ON ai_system_frameworks
  WHEN NEW.ai_system_id IS NOT OLD.ai_system_id OR NEW.framework_id IS NOT OLD.framework_id OR NEW.created_at IS NOT OLD.created_at OR NEW.retired_at IS NOT OLD.retired_at
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'ai_system_frameworks', OLD.ai_system_id;
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'ai_system_frameworks', NEW.ai_system_id WHERE NEW.ai_system_id IS NOT OLD.ai_system_id;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_threat_requirements_insert AFTER INSERT ON threat_requirements
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'threat_requirements', NEW.threat_id;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_threat_requirements_delete AFTER DELETE ON threat_requirements
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'threat_requirements', OLD.threat_id;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_threat_requirements_update AFTER UPDATE OF threat_id, requirement_id, created_at, retired_at ON threat_requirements
  WHEN NEW.threat_id IS NOT OLD.threat_id OR NEW.requirement_id IS NOT OLD.requirement_id OR NEW.created_at IS NOT OLD.created_at OR NEW.retired_at IS NOT OLD.retired_at
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'threat_requirements', OLD.threat_id;
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'threat_requirements', NEW.threat_id WHERE NEW.threat_id IS NOT OLD.threat_id;
END;

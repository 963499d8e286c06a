-- The hand-written triggers of the SQLite migrations, for PostgreSQL (drizzle-kit generate --custom).
-- The coverage change-log triggers are not here: they are created from their declaration
-- (src/db/repositories/coverage/inputs.ts) after the migrations run (src/db/postgres/migrate.ts).
--
-- 1. The audit trail is append-only (SQLite 0002): UPDATE, DELETE and TRUNCATE fail.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
-- 2. The structure history of requirements (SQLite 0011; src/db/schema/frameworks.ts,
--    requirementVersions): an insert opens the first version; a retirement closes the open
--    version; a change of framework, parent or withdrawn dated after the open version began
--    closes it and opens the next, an undated one corrects the open version. SQLite fires its
--    retire trigger before its change trigger (the newest trigger first): one function here runs
--    the two steps in that order.
CREATE FUNCTION requirement_versions_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO requirement_versions (requirement_id, framework_id, parent_id, withdrawn, valid_from, valid_to)
    VALUES (NEW.id, NEW.framework_id, NEW.parent_id, NEW.withdrawn, NEW.created_at, NEW.retired_at);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER requirement_versions_on_insert AFTER INSERT ON requirements
  FOR EACH ROW EXECUTE FUNCTION requirement_versions_on_insert();
--> statement-breakpoint
CREATE FUNCTION requirement_versions_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.retired_at IS NOT NULL AND OLD.retired_at IS NULL THEN
    UPDATE requirement_versions SET valid_to = NEW.retired_at WHERE requirement_id = NEW.id AND valid_to IS NULL;
  END IF;
  IF NEW.framework_id IS DISTINCT FROM OLD.framework_id OR NEW.parent_id IS DISTINCT FROM OLD.parent_id
      OR NEW.withdrawn IS DISTINCT FROM OLD.withdrawn THEN
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
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER requirement_versions_on_update AFTER UPDATE OF framework_id, parent_id, withdrawn, retired_at ON requirements
  FOR EACH ROW WHEN (NEW.framework_id IS DISTINCT FROM OLD.framework_id OR NEW.parent_id IS DISTINCT FROM OLD.parent_id
    OR NEW.withdrawn IS DISTINCT FROM OLD.withdrawn OR (NEW.retired_at IS NOT NULL AND OLD.retired_at IS NULL))
  EXECUTE FUNCTION requirement_versions_on_update();
--> statement-breakpoint
-- 3. The coverage change log keeps its newest 50,000 entries or more (SQLite 0007), pruned when
--    a multiple of 1,000 is logged (numbers a rolled-back transaction took are skipped: pruning
--    then waits for the next multiple).
CREATE FUNCTION coverage_changes_prune() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM coverage_changes WHERE seq <= NEW.seq - 50000;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_prune AFTER INSERT ON coverage_changes
  FOR EACH ROW WHEN (NEW.seq % 1000 = 0) EXECUTE FUNCTION coverage_changes_prune();

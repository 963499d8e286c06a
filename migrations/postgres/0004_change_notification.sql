-- Change notification (docs/operations.md, "Several instances"): every transaction that adds to the
-- coverage change log also sends NOTIFY crosswalk_changes, delivered at its COMMIT to every
-- instance listening on the database, which then patches its coverage cache early. A statement
-- trigger: PostgreSQL folds identical notifications of one transaction into one. Readers still
-- compare max(seq) of coverage_changes, so a lost notification only costs the early patch.
CREATE OR REPLACE FUNCTION crosswalk_changes_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('crosswalk_changes', '');
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER crosswalk_changes_notify AFTER INSERT ON coverage_changes FOR EACH STATEMENT EXECUTE FUNCTION crosswalk_changes_notify();

-- Change log of the coverage graph (see src/db/schema/coverage-changes.ts): every insert, delete
-- and update of a column the coverage engine reads, in every table it reads, names the row's key.
-- A change to any other column (titles, descriptions, evidence review columns, token use, audit
-- rows, …) writes nothing, so it does not make the coverage cache reload.
-- Hand-written (drizzle-kit generate --custom). A migration that rebuilds one of these tables
-- drops its triggers and must create them again (test/api/coverage-changes.test.ts checks).
CREATE TRIGGER coverage_changes_frameworks_insert AFTER INSERT ON frameworks
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'frameworks', NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_frameworks_delete AFTER DELETE ON frameworks
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'frameworks', OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_frameworks_update AFTER UPDATE OF id, kind ON frameworks
  WHEN NEW.id IS NOT OLD.id OR NEW.kind IS NOT OLD.kind
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'frameworks', OLD.id;
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'frameworks', NEW.id WHERE NEW.id IS NOT OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_requirements_insert AFTER INSERT ON requirements
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'requirements', NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_requirements_delete AFTER DELETE ON requirements
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'requirements', OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_requirements_update AFTER UPDATE OF id, framework_id, parent_id, withdrawn ON requirements
  WHEN NEW.id IS NOT OLD.id OR NEW.framework_id IS NOT OLD.framework_id OR NEW.parent_id IS NOT OLD.parent_id OR NEW.withdrawn IS NOT OLD.withdrawn
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'requirements', OLD.id;
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'requirements', NEW.id WHERE NEW.id IS NOT OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_control_status_changes_insert AFTER INSERT ON control_status_changes
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'control_status_changes', NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_control_status_changes_delete AFTER DELETE ON control_status_changes
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'control_status_changes', OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_control_status_changes_update AFTER UPDATE OF id, control_id, ai_system_id, to_status, changed_at ON control_status_changes
  WHEN NEW.id IS NOT OLD.id OR NEW.control_id IS NOT OLD.control_id OR NEW.ai_system_id IS NOT OLD.ai_system_id OR NEW.to_status IS NOT OLD.to_status OR NEW.changed_at IS NOT OLD.changed_at
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'control_status_changes', OLD.id;
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'control_status_changes', NEW.id WHERE NEW.id IS NOT OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_mappings_insert AFTER INSERT ON mappings
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'mappings', NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_mappings_delete AFTER DELETE ON mappings
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'mappings', OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_mappings_update AFTER UPDATE OF id, requirement_id, control_id, created_at, retired_at ON mappings
  WHEN NEW.id IS NOT OLD.id OR NEW.requirement_id IS NOT OLD.requirement_id OR NEW.control_id IS NOT OLD.control_id OR NEW.created_at IS NOT OLD.created_at OR NEW.retired_at IS NOT OLD.retired_at
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'mappings', OLD.id;
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'mappings', NEW.id WHERE NEW.id IS NOT OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_mapping_revisions_insert AFTER INSERT ON mapping_revisions
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'mapping_revisions', NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_mapping_revisions_delete AFTER DELETE ON mapping_revisions
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'mapping_revisions', OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_mapping_revisions_update AFTER UPDATE OF id, mapping_id, relationship, valid_from ON mapping_revisions
  WHEN NEW.id IS NOT OLD.id OR NEW.mapping_id IS NOT OLD.mapping_id OR NEW.relationship IS NOT OLD.relationship OR NEW.valid_from IS NOT OLD.valid_from
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'mapping_revisions', OLD.id;
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'mapping_revisions', NEW.id WHERE NEW.id IS NOT OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_requirement_links_insert AFTER INSERT ON requirement_links
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'requirement_links', NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_requirement_links_delete AFTER DELETE ON requirement_links
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'requirement_links', OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_requirement_links_update AFTER UPDATE OF id, source_requirement_id, target_requirement_id, relationship, created_at, retired_at ON requirement_links
  WHEN NEW.id IS NOT OLD.id OR NEW.source_requirement_id IS NOT OLD.source_requirement_id OR NEW.target_requirement_id IS NOT OLD.target_requirement_id OR NEW.relationship IS NOT OLD.relationship OR NEW.created_at IS NOT OLD.created_at OR NEW.retired_at IS NOT OLD.retired_at
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'requirement_links', OLD.id;
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'requirement_links', NEW.id WHERE NEW.id IS NOT OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_evidence_insert AFTER INSERT ON evidence
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'evidence', NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_evidence_delete AFTER DELETE ON evidence
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'evidence', OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_evidence_update AFTER UPDATE OF id, created_at, collected_at, valid_until, ai_system_id ON evidence
  WHEN NEW.id IS NOT OLD.id OR NEW.created_at IS NOT OLD.created_at OR NEW.collected_at IS NOT OLD.collected_at OR NEW.valid_until IS NOT OLD.valid_until OR NEW.ai_system_id IS NOT OLD.ai_system_id
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'evidence', OLD.id;
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'evidence', NEW.id WHERE NEW.id IS NOT OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_evidence_controls_insert AFTER INSERT ON evidence_controls
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'evidence_controls', NEW.evidence_id;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_evidence_controls_delete AFTER DELETE ON evidence_controls
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'evidence_controls', OLD.evidence_id;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_evidence_controls_update AFTER UPDATE OF evidence_id, control_id ON evidence_controls
  WHEN NEW.evidence_id IS NOT OLD.evidence_id OR NEW.control_id IS NOT OLD.control_id
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'evidence_controls', OLD.evidence_id;
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'evidence_controls', NEW.evidence_id WHERE NEW.evidence_id IS NOT OLD.evidence_id;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_evidence_reviews_insert AFTER INSERT ON evidence_reviews
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'evidence_reviews', NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_evidence_reviews_delete AFTER DELETE ON evidence_reviews
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'evidence_reviews', OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_evidence_reviews_update AFTER UPDATE OF id, evidence_id, status, reviewed_at ON evidence_reviews
  WHEN NEW.id IS NOT OLD.id OR NEW.evidence_id IS NOT OLD.evidence_id OR NEW.status IS NOT OLD.status OR NEW.reviewed_at IS NOT OLD.reviewed_at
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'evidence_reviews', OLD.id;
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'evidence_reviews', NEW.id WHERE NEW.id IS NOT OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_not_applicable_marks_insert AFTER INSERT ON not_applicable_marks
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'not_applicable_marks', NEW.requirement_id;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_not_applicable_marks_delete AFTER DELETE ON not_applicable_marks
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'not_applicable_marks', OLD.requirement_id;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_not_applicable_marks_update AFTER UPDATE OF requirement_id, ai_system_id, created_at, retired_at ON not_applicable_marks
  WHEN NEW.requirement_id IS NOT OLD.requirement_id OR NEW.ai_system_id IS NOT OLD.ai_system_id OR NEW.created_at IS NOT OLD.created_at OR NEW.retired_at IS NOT OLD.retired_at
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'not_applicable_marks', OLD.requirement_id;
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'not_applicable_marks', NEW.requirement_id WHERE NEW.requirement_id IS NOT OLD.requirement_id;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_ai_systems_insert AFTER INSERT ON ai_systems
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'ai_systems', NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_ai_systems_delete AFTER DELETE ON ai_systems
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'ai_systems', OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_ai_systems_update AFTER UPDATE OF id ON ai_systems
  WHEN NEW.id IS NOT OLD.id
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'ai_systems', OLD.id;
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'ai_systems', NEW.id WHERE NEW.id IS NOT OLD.id;
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
CREATE TRIGGER coverage_changes_ai_system_frameworks_update AFTER UPDATE OF ai_system_id, framework_id ON ai_system_frameworks
  WHEN NEW.ai_system_id IS NOT OLD.ai_system_id OR NEW.framework_id IS NOT OLD.framework_id
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'ai_system_frameworks', OLD.ai_system_id;
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'ai_system_frameworks', NEW.ai_system_id WHERE NEW.ai_system_id IS NOT OLD.ai_system_id;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_threats_insert AFTER INSERT ON threats
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'threats', NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_threats_delete AFTER DELETE ON threats
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'threats', OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_threats_update AFTER UPDATE OF id, framework_id ON threats
  WHEN NEW.id IS NOT OLD.id OR NEW.framework_id IS NOT OLD.framework_id
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'threats', OLD.id;
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'threats', NEW.id WHERE NEW.id IS NOT OLD.id;
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
CREATE TRIGGER coverage_changes_threat_requirements_update AFTER UPDATE OF threat_id, requirement_id ON threat_requirements
  WHEN NEW.threat_id IS NOT OLD.threat_id OR NEW.requirement_id IS NOT OLD.requirement_id
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'threat_requirements', OLD.threat_id;
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'threat_requirements', NEW.threat_id WHERE NEW.threat_id IS NOT OLD.threat_id;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_baselines_insert AFTER INSERT ON baselines
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'baselines', NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_baselines_delete AFTER DELETE ON baselines
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'baselines', OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_baselines_update AFTER UPDATE ON baselines
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'baselines', OLD.id;
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'baselines', NEW.id WHERE NEW.id IS NOT OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_baseline_requirements_insert AFTER INSERT ON baseline_requirements
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'baseline_requirements', NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_baseline_requirements_delete AFTER DELETE ON baseline_requirements
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'baseline_requirements', OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_baseline_requirements_update AFTER UPDATE ON baseline_requirements
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'baseline_requirements', OLD.id;
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'baseline_requirements', NEW.id WHERE NEW.id IS NOT OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_baseline_applications_insert AFTER INSERT ON baseline_applications
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'baseline_applications', NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_baseline_applications_delete AFTER DELETE ON baseline_applications
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'baseline_applications', OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_changes_baseline_applications_update AFTER UPDATE ON baseline_applications
BEGIN
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'baseline_applications', OLD.id;
  INSERT INTO coverage_changes (table_name, row_key) SELECT 'baseline_applications', NEW.id WHERE NEW.id IS NOT OLD.id;
END;
--> statement-breakpoint
-- Keep the newest 50,000 entries or more (pruned every 1,000 entries).
CREATE TRIGGER coverage_changes_prune AFTER INSERT ON coverage_changes WHEN NEW.seq % 1000 = 0
BEGIN
  DELETE FROM coverage_changes WHERE seq <= NEW.seq - 50000;
END;

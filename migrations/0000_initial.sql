CREATE TABLE `frameworks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ref_id` text NOT NULL,
	`name` text NOT NULL,
	`version` text DEFAULT '' NOT NULL,
	`kind` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`source_note` text DEFAULT '' NOT NULL,
	`license_note` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `frameworks_ref_id_unique` ON `frameworks` (`ref_id`);--> statement-breakpoint
CREATE TABLE `requirements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`framework_id` integer NOT NULL,
	`parent_id` integer,
	`ref_id` text NOT NULL,
	`source_id` text,
	`title` text DEFAULT '' NOT NULL,
	`statement` text DEFAULT '' NOT NULL,
	`kind` text,
	`withdrawn` integer DEFAULT false NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`framework_id`) REFERENCES `frameworks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`parent_id`) REFERENCES `requirements`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `requirements_framework_ref_uq` ON `requirements` (`framework_id`,`ref_id`);--> statement-breakpoint
CREATE INDEX `requirements_framework_order_idx` ON `requirements` (`framework_id`,`sort_order`,`id`);--> statement-breakpoint
CREATE INDEX `requirements_parent_idx` ON `requirements` (`parent_id`,`sort_order`,`id`);--> statement-breakpoint
CREATE TABLE `ai_system_control_statuses` (
	`ai_system_id` integer NOT NULL,
	`control_id` integer NOT NULL,
	`status` text NOT NULL,
	`comment` text,
	`updated_at` integer NOT NULL,
	`updated_by` text NOT NULL,
	PRIMARY KEY(`ai_system_id`, `control_id`),
	FOREIGN KEY (`ai_system_id`) REFERENCES `ai_systems`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`control_id`) REFERENCES `controls`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `ai_system_control_statuses_control_idx` ON `ai_system_control_statuses` (`control_id`);--> statement-breakpoint
CREATE TABLE `control_status_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`control_id` integer NOT NULL,
	`ai_system_id` integer,
	`from_status` text,
	`to_status` text,
	`comment` text,
	`changed_at` integer NOT NULL,
	`changed_by` text NOT NULL,
	FOREIGN KEY (`control_id`) REFERENCES `controls`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`ai_system_id`) REFERENCES `ai_systems`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `control_status_changes_control_idx` ON `control_status_changes` (`control_id`,`ai_system_id`,`changed_at`);--> statement-breakpoint
CREATE TABLE `controls` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ref_id` text NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`domain` text DEFAULT '' NOT NULL,
	`type` text NOT NULL,
	`implementation_status` text NOT NULL,
	`owner` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `controls_ref_id_unique` ON `controls` (`ref_id`);--> statement-breakpoint
CREATE TABLE `mapping_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`mapping_id` integer NOT NULL,
	`relationship` text NOT NULL,
	`strength` integer,
	`rationale` text DEFAULT '' NOT NULL,
	`valid_from` integer NOT NULL,
	`changed_by` text NOT NULL,
	FOREIGN KEY (`mapping_id`) REFERENCES `mappings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `mapping_revisions_mapping_idx` ON `mapping_revisions` (`mapping_id`,`valid_from`);--> statement-breakpoint
CREATE TABLE `mappings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`requirement_id` integer NOT NULL,
	`control_id` integer NOT NULL,
	`relationship` text NOT NULL,
	`strength` integer,
	`rationale` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` integer NOT NULL,
	`retired_at` integer,
	`retired_by` text,
	FOREIGN KEY (`requirement_id`) REFERENCES `requirements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`control_id`) REFERENCES `controls`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mappings_live_pair_uq` ON `mappings` (`requirement_id`,`control_id`) WHERE retired_at IS NULL;--> statement-breakpoint
CREATE INDEX `mappings_requirement_idx` ON `mappings` (`requirement_id`);--> statement-breakpoint
CREATE INDEX `mappings_control_idx` ON `mappings` (`control_id`);--> statement-breakpoint
CREATE TABLE `requirement_links` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source_requirement_id` integer NOT NULL,
	`target_requirement_id` integer NOT NULL,
	`relationship` text NOT NULL,
	`strength` integer,
	`rationale` text DEFAULT '' NOT NULL,
	`provenance` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` integer NOT NULL,
	`retired_at` integer,
	`retired_by` text,
	FOREIGN KEY (`source_requirement_id`) REFERENCES `requirements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`target_requirement_id`) REFERENCES `requirements`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `requirement_links_live_pair_uq` ON `requirement_links` (`source_requirement_id`,`target_requirement_id`) WHERE retired_at IS NULL;--> statement-breakpoint
CREATE INDEX `requirement_links_source_idx` ON `requirement_links` (`source_requirement_id`);--> statement-breakpoint
CREATE INDEX `requirement_links_target_idx` ON `requirement_links` (`target_requirement_id`);--> statement-breakpoint
CREATE TABLE `evidence` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`url` text,
	`sha256` text,
	`size_bytes` integer,
	`media_type` text,
	`filename` text,
	`collected_at` integer NOT NULL,
	`valid_until` integer,
	`status` text NOT NULL,
	`reviewed_by` text,
	`reviewed_at` integer,
	`review_comment` text,
	`ai_system_id` integer,
	`idempotency_key` text,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`ai_system_id`) REFERENCES `ai_systems`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `evidence_idempotency_key_unique` ON `evidence` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `evidence_status_idx` ON `evidence` (`status`);--> statement-breakpoint
CREATE INDEX `evidence_valid_until_idx` ON `evidence` (`valid_until`);--> statement-breakpoint
CREATE INDEX `evidence_ai_system_idx` ON `evidence` (`ai_system_id`);--> statement-breakpoint
CREATE INDEX `evidence_sha256_idx` ON `evidence` (`sha256`);--> statement-breakpoint
CREATE TABLE `evidence_controls` (
	`evidence_id` integer NOT NULL,
	`control_id` integer NOT NULL,
	PRIMARY KEY(`evidence_id`, `control_id`),
	FOREIGN KEY (`evidence_id`) REFERENCES `evidence`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`control_id`) REFERENCES `controls`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `evidence_controls_control_idx` ON `evidence_controls` (`control_id`,`evidence_id`);--> statement-breakpoint
CREATE TABLE `evidence_reviews` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`evidence_id` integer NOT NULL,
	`status` text NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`reviewed_at` integer NOT NULL,
	`reviewed_by` text NOT NULL,
	FOREIGN KEY (`evidence_id`) REFERENCES `evidence`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `evidence_reviews_evidence_idx` ON `evidence_reviews` (`evidence_id`,`reviewed_at`);--> statement-breakpoint
CREATE TABLE `ai_system_frameworks` (
	`ai_system_id` integer NOT NULL,
	`framework_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text NOT NULL,
	PRIMARY KEY(`ai_system_id`, `framework_id`),
	FOREIGN KEY (`ai_system_id`) REFERENCES `ai_systems`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`framework_id`) REFERENCES `frameworks`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `ai_system_frameworks_framework_idx` ON `ai_system_frameworks` (`framework_id`);--> statement-breakpoint
CREATE TABLE `ai_systems` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`purpose` text DEFAULT '' NOT NULL,
	`risk_level` text NOT NULL,
	`role` text NOT NULL,
	`owner` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ai_systems_name_unique` ON `ai_systems` (`name`);--> statement-breakpoint
CREATE TABLE `not_applicable_marks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`requirement_id` integer NOT NULL,
	`ai_system_id` integer,
	`justification` text NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text NOT NULL,
	`retired_at` integer,
	`retired_by` text,
	FOREIGN KEY (`requirement_id`) REFERENCES `requirements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`ai_system_id`) REFERENCES `ai_systems`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `not_applicable_marks_requirement_idx` ON `not_applicable_marks` (`requirement_id`,`ai_system_id`);--> statement-breakpoint
CREATE TABLE `threat_requirements` (
	`threat_id` integer NOT NULL,
	`requirement_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text NOT NULL,
	PRIMARY KEY(`threat_id`, `requirement_id`),
	FOREIGN KEY (`threat_id`) REFERENCES `threats`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`requirement_id`) REFERENCES `requirements`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `threat_requirements_requirement_idx` ON `threat_requirements` (`requirement_id`);--> statement-breakpoint
CREATE TABLE `threats` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`framework_id` integer NOT NULL,
	`parent_id` integer,
	`ref_id` text NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`framework_id`) REFERENCES `frameworks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`parent_id`) REFERENCES `threats`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `threats_framework_ref_uq` ON `threats` (`framework_id`,`ref_id`);--> statement-breakpoint
CREATE INDEX `threats_parent_idx` ON `threats` (`parent_id`);
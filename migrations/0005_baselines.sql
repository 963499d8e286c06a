CREATE TABLE `baseline_applications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`baseline_id` integer NOT NULL,
	`ai_system_id` integer,
	`created_at` integer NOT NULL,
	`created_by` text NOT NULL,
	`retired_at` integer,
	`retired_by` text,
	FOREIGN KEY (`baseline_id`) REFERENCES `baselines`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`ai_system_id`) REFERENCES `ai_systems`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `baseline_applications_live_scope_uq` ON `baseline_applications` (`baseline_id`,`ai_system_id`) WHERE retired_at IS NULL;--> statement-breakpoint
CREATE INDEX `baseline_applications_ai_system_idx` ON `baseline_applications` (`ai_system_id`);--> statement-breakpoint
CREATE TABLE `baseline_requirements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`baseline_id` integer NOT NULL,
	`requirement_id` integer NOT NULL,
	`added_at` integer NOT NULL,
	`added_by` text NOT NULL,
	`removed_at` integer,
	`removed_by` text,
	FOREIGN KEY (`baseline_id`) REFERENCES `baselines`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`requirement_id`) REFERENCES `requirements`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `baseline_requirements_live_pair_uq` ON `baseline_requirements` (`baseline_id`,`requirement_id`) WHERE removed_at IS NULL;--> statement-breakpoint
CREATE INDEX `baseline_requirements_requirement_idx` ON `baseline_requirements` (`requirement_id`);--> statement-breakpoint
CREATE TABLE `baselines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ref_id` text NOT NULL,
	`framework_id` integer NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`source_note` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`framework_id`) REFERENCES `frameworks`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `baselines_ref_id_unique` ON `baselines` (`ref_id`);--> statement-breakpoint
CREATE INDEX `baselines_framework_idx` ON `baselines` (`framework_id`);
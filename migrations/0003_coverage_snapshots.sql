CREATE TABLE `coverage_snapshots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`framework_id` integer NOT NULL,
	`ai_system_id` integer,
	`at` integer NOT NULL,
	`via_crosswalks` integer NOT NULL,
	`total` integer NOT NULL,
	`covered` integer NOT NULL,
	`partial` integer NOT NULL,
	`uncovered` integer NOT NULL,
	`not_applicable` integer NOT NULL,
	`created_by` text NOT NULL,
	FOREIGN KEY (`framework_id`) REFERENCES `frameworks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`ai_system_id`) REFERENCES `ai_systems`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `coverage_snapshots_series_idx` ON `coverage_snapshots` (`framework_id`,`ai_system_id`,`via_crosswalks`,`at`);
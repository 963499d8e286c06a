CREATE TABLE `blob_integrity_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`sha256` text NOT NULL,
	`status` text NOT NULL,
	`source` text NOT NULL,
	`detail` text DEFAULT '' NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text NOT NULL,
	FOREIGN KEY (`sha256`) REFERENCES `blobs`(`sha256`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `blob_integrity_events_sha_idx` ON `blob_integrity_events` (`sha256`,`at`);--> statement-breakpoint
CREATE TABLE `blobs` (
	`sha256` text PRIMARY KEY NOT NULL,
	`size_bytes` integer NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text NOT NULL,
	`last_uploaded_at` integer NOT NULL,
	`check_status` text NOT NULL,
	`check_source` text NOT NULL,
	`checked_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `blobs_last_uploaded_idx` ON `blobs` (`last_uploaded_at`);--> statement-breakpoint
CREATE INDEX `blobs_check_status_idx` ON `blobs` (`check_status`);
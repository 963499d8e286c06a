ALTER TABLE `frameworks` ADD `source_uuid` text;--> statement-breakpoint
ALTER TABLE `frameworks` ADD `source_title` text;--> statement-breakpoint
ALTER TABLE `frameworks` ADD `source_sha256` text;--> statement-breakpoint
ALTER TABLE `frameworks` ADD `source_md5` text;--> statement-breakpoint
ALTER TABLE `baselines` ADD `profile_ref_id` text;--> statement-breakpoint
CREATE INDEX `baselines_profile_idx` ON `baselines` (`profile_ref_id`);
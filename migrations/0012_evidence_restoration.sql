ALTER TABLE `evidence` ADD `restored_by` text;--> statement-breakpoint
ALTER TABLE `evidence` ADD `restored_from` text;--> statement-breakpoint
ALTER TABLE `evidence` ADD `restored_at` integer;--> statement-breakpoint
ALTER TABLE `evidence_reviews` ADD `restored_by` text;--> statement-breakpoint
ALTER TABLE `evidence_reviews` ADD `restored_from` text;--> statement-breakpoint
ALTER TABLE `evidence_reviews` ADD `restored_at` integer;
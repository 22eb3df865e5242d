ALTER TABLE `appointments` ADD `knock_token_hash` text;--> statement-breakpoint
ALTER TABLE `appointments` ADD `knock_name` text;--> statement-breakpoint
ALTER TABLE `appointments` ADD `knock_at` integer;--> statement-breakpoint
ALTER TABLE `appointments` ADD `knock_refused_at` integer;--> statement-breakpoint
CREATE INDEX `appointments_knock_token_idx` ON `appointments` (`knock_token_hash`);
ALTER TABLE `appointments` ADD `turned_away_token_hash` text;--> statement-breakpoint
ALTER TABLE `appointments` ADD `turned_away_at` integer;--> statement-breakpoint
CREATE INDEX `appointments_turned_away_token_idx` ON `appointments` (`turned_away_token_hash`);
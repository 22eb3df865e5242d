CREATE TABLE `rate_limits` (
	`key` text PRIMARY KEY NOT NULL,
	`count` integer NOT NULL,
	`reset_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `rate_limits_reset_idx` ON `rate_limits` (`reset_at`);--> statement-breakpoint
ALTER TABLE `appointments` ADD `client_token_hash` text;--> statement-breakpoint
ALTER TABLE `appointments` ADD `counsellor_message` text;--> statement-breakpoint
ALTER TABLE `appointments` ADD `device_check_at` integer;--> statement-breakpoint
ALTER TABLE `appointments` ADD `device_check_result` text;--> statement-breakpoint
ALTER TABLE `appointments` ADD `updated_at` integer;
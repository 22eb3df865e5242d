ALTER TABLE `appointments` ADD `client_message` text;--> statement-breakpoint
ALTER TABLE `appointments` ADD `client_message_at` integer;
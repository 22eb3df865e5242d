ALTER TABLE `appointments` ADD `identity_confirmed_at` integer;--> statement-breakpoint
ALTER TABLE `appointments` ADD `undisturbed_at` integer;--> statement-breakpoint
ALTER TABLE `appointments` ADD `others_present` text;--> statement-breakpoint
ALTER TABLE `appointments` ADD `contact_phone` text;
ALTER TABLE `appointments` ADD `mail_to` text;--> statement-breakpoint
ALTER TABLE `appointments` ADD `mail_lang` text;--> statement-breakpoint
ALTER TABLE `appointments` ADD `remind_day_before` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `appointments` ADD `remind_hour_before` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `appointments_mail_idx` ON `appointments` (`starts_at`) WHERE "appointments"."mail_to" is not null;
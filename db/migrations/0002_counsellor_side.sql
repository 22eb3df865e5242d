ALTER TABLE `appointments` ADD `code_sealed` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `counsellors` ADD `must_change_password` integer DEFAULT false NOT NULL;
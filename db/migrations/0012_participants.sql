CREATE TABLE `participants` (
	`id` text PRIMARY KEY NOT NULL,
	`appointment_id` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`role_text` text,
	`code_hash` text NOT NULL,
	`code_sealed` text NOT NULL,
	`checked_in_at` integer,
	`given_name` text,
	`token_hash` text,
	`last_seen_at` integer,
	`admitted_at` integer,
	`sent_back_at` integer,
	`left_at` integer,
	`updated_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`appointment_id`) REFERENCES `appointments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `participants_code_hash_unique` ON `participants` (`code_hash`);--> statement-breakpoint
CREATE INDEX `participants_appointment_idx` ON `participants` (`appointment_id`);--> statement-breakpoint
CREATE INDEX `participants_token_idx` ON `participants` (`token_hash`);
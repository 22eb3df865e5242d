CREATE TABLE `appointments` (
	`id` text PRIMARY KEY NOT NULL,
	`counsellor_id` text NOT NULL,
	`client_name` text NOT NULL,
	`starts_at` integer NOT NULL,
	`duration_minutes` integer NOT NULL,
	`note` text,
	`code_hash` text NOT NULL,
	`cancelled_at` integer,
	`checked_in_at` integer,
	`given_name` text,
	`last_seen_at` integer,
	`admitted_at` integer,
	`ended_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`counsellor_id`) REFERENCES `counsellors`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `appointments_code_hash_unique` ON `appointments` (`code_hash`);--> statement-breakpoint
CREATE INDEX `appointments_counsellor_starts_idx` ON `appointments` (`counsellor_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `appointments_starts_idx` ON `appointments` (`starts_at`);--> statement-breakpoint
CREATE TABLE `counsellors` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text DEFAULT 'counsellor' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `counsellors_email_unique` ON `counsellors` (`email`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`counsellor_id` text NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`counsellor_id`) REFERENCES `counsellors`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_counsellor_idx` ON `sessions` (`counsellor_id`);--> statement-breakpoint
CREATE INDEX `sessions_expires_idx` ON `sessions` (`expires_at`);
CREATE TABLE `purge_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ran_at` integer NOT NULL,
	`counts` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `purge_runs_ran_at_idx` ON `purge_runs` (`ran_at`);
CREATE TABLE `poll_changes` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`appointment_id` text NOT NULL,
	`at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE TRIGGER `appointments_poll_insert` AFTER INSERT ON `appointments` BEGIN
	INSERT INTO `poll_changes` (`appointment_id`) VALUES (new.`id`);
	DELETE FROM `poll_changes` WHERE `seq` <= (SELECT max(`seq`) FROM `poll_changes`) - 1000;
END;
--> statement-breakpoint
CREATE TRIGGER `appointments_poll_update` AFTER UPDATE OF `starts_at`, `cancelled_at`, `ended_at`, `admitted_at`, `counsellor_message`, `client_message`, `client_token_hash` ON `appointments` BEGIN
	INSERT INTO `poll_changes` (`appointment_id`) VALUES (new.`id`);
	DELETE FROM `poll_changes` WHERE `seq` <= (SELECT max(`seq`) FROM `poll_changes`) - 1000;
END;
--> statement-breakpoint
CREATE TRIGGER `appointments_poll_delete` AFTER DELETE ON `appointments` BEGIN
	INSERT INTO `poll_changes` (`appointment_id`) VALUES (old.`id`);
	DELETE FROM `poll_changes` WHERE `seq` <= (SELECT max(`seq`) FROM `poll_changes`) - 1000;
END;

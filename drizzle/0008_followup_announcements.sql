CREATE TABLE `followup_announcements` (
	`key` text PRIMARY KEY NOT NULL,
	`followup_id` text NOT NULL,
	`type` text NOT NULL,
	`at` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	FOREIGN KEY (`followup_id`) REFERENCES `followups`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `followup_announcements_due_idx` ON `followup_announcements` (`next_attempt_at`);
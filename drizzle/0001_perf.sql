CREATE TABLE `followup_checks` (
	`request_id` text PRIMARY KEY NOT NULL,
	`was_counted` integer NOT NULL,
	`armed_at` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	FOREIGN KEY (`request_id`) REFERENCES `survey_requests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `followup_checks_due_idx` ON `followup_checks` (`next_attempt_at`);
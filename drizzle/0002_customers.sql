CREATE TABLE `customer_events` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`type` text NOT NULL,
	`at` integer NOT NULL,
	`reason` text,
	`source` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customer_events_key_idx` ON `customer_events` (`customer_id`,`type`,`at`);--> statement-breakpoint
CREATE INDEX `customer_events_at_idx` ON `customer_events` (`type`,`at`);--> statement-breakpoint
CREATE INDEX `customer_events_created_idx` ON `customer_events` (`created_at`);--> statement-breakpoint
CREATE TABLE `customer_refresh_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`seen_until` integer NOT NULL,
	`pass_after` text,
	`pass_started_at` integer
);
--> statement-breakpoint
CREATE TABLE `customer_summaries` (
	`customer_id` text PRIMARY KEY NOT NULL,
	`health` text NOT NULL,
	`reasons` text DEFAULT '[]' NOT NULL,
	`scores` text DEFAULT '[]' NOT NULL,
	`first_contact_at` integer,
	`last_contact_at` integer,
	`contacts_30` integer DEFAULT 0 NOT NULL,
	`open_tasks` integer DEFAULT 0 NOT NULL,
	`active_due_at` integer,
	`churned_at` integer,
	`sort_recent` integer DEFAULT 0 NOT NULL,
	`sort_score` real DEFAULT 1000 NOT NULL,
	`sort_due` integer DEFAULT 0 NOT NULL,
	`recheck_at` integer,
	`refreshed_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `customer_summaries_recent_idx` ON `customer_summaries` (`health`,`sort_recent`,`customer_id`);--> statement-breakpoint
CREATE INDEX `customer_summaries_score_idx` ON `customer_summaries` (`health`,`sort_score`,`customer_id`);--> statement-breakpoint
CREATE INDEX `customer_summaries_contacts_idx` ON `customer_summaries` (`health`,`contacts_30`,`customer_id`);--> statement-breakpoint
CREATE INDEX `customer_summaries_due_idx` ON `customer_summaries` (`health`,`sort_due`,`customer_id`);--> statement-breakpoint
CREATE INDEX `customer_summaries_recheck_idx` ON `customer_summaries` (`recheck_at`);--> statement-breakpoint
CREATE TABLE `customer_teams` (
	`customer_id` text NOT NULL,
	`team_id` text NOT NULL,
	PRIMARY KEY(`customer_id`, `team_id`),
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `customer_teams_team_idx` ON `customer_teams` (`team_id`,`customer_id`);--> statement-breakpoint
CREATE INDEX `followups_customer_idx` ON `followups` (`customer_id`,`opened_at`);--> statement-breakpoint
CREATE INDEX `followups_updated_idx` ON `followups` (`updated_at`);--> statement-breakpoint
CREATE INDEX `interactions_created_idx` ON `interactions` (`created_at`);--> statement-breakpoint
CREATE INDEX `responses_interaction_idx` ON `responses` (`interaction_id`);--> statement-breakpoint
CREATE INDEX `responses_customer_idx` ON `responses` (`customer_id`,`survey`,`created_at`,`flagged`,`score`);
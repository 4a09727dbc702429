CREATE TABLE `alert_checks` (
	`request_id` text PRIMARY KEY NOT NULL,
	`armed_at` integer NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `alert_checks_due_idx` ON `alert_checks` (`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `alert_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`rule_id` text NOT NULL,
	`response_id` text,
	`message` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`claimed_until` integer,
	`response_status` integer,
	`error` text,
	`created_at` integer NOT NULL,
	`last_attempt_at` integer,
	`delivered_at` integer,
	FOREIGN KEY (`rule_id`) REFERENCES `alert_rules`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `alert_deliveries_due_idx` ON `alert_deliveries` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `alert_deliveries_rule_idx` ON `alert_deliveries` (`rule_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `alert_deliveries_response_idx` ON `alert_deliveries` (`response_id`);--> statement-breakpoint
CREATE TABLE `alert_rules` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`condition` text NOT NULL,
	`team_id` text,
	`destination` text NOT NULL,
	`target` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `customer_erasures` (
	`customer_id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`requested_at` integer NOT NULL,
	`claimed_until` integer
);
--> statement-breakpoint
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
CREATE TABLE `data_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`retention` text DEFAULT 'off' NOT NULL,
	`retention_months` integer DEFAULT 24 NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text
);
--> statement-breakpoint
CREATE TABLE `hashed_suppressions` (
	`hash` text PRIMARY KEY NOT NULL,
	`reason` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `score_digests` (
	`user_id` text NOT NULL,
	`period` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`claimed_until` integer,
	`done_at` integer,
	`last_error` text,
	PRIMARY KEY(`user_id`, `period`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `connections` ADD `attention_since` integer;--> statement-breakpoint
ALTER TABLE `connections` ADD `attention_email_at` integer;--> statement-breakpoint
ALTER TABLE `response_phrases` ADD `topic` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `locale` text;--> statement-breakpoint
ALTER TABLE `users` ADD `digest` text;--> statement-breakpoint
ALTER TABLE `users` ADD `digest_weekday` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `digest_hour` integer DEFAULT 8 NOT NULL;--> statement-breakpoint
CREATE INDEX `connection_deliveries_interaction_idx` ON `connection_deliveries` (`interaction_id`);--> statement-breakpoint
CREATE INDEX `followups_interaction_idx` ON `followups` (`interaction_id`);--> statement-breakpoint
CREATE INDEX `followups_response_idx` ON `followups` (`response_id`);--> statement-breakpoint
CREATE INDEX `followups_customer_idx` ON `followups` (`customer_id`,`opened_at`);--> statement-breakpoint
CREATE INDEX `followups_updated_idx` ON `followups` (`updated_at`);--> statement-breakpoint
CREATE INDEX `interactions_created_idx` ON `interactions` (`created_at`);--> statement-breakpoint
CREATE INDEX `responses_words_idx` ON `responses` (`created_at`) WHERE comment is not null or sentiment is not null;--> statement-breakpoint
CREATE INDEX `responses_interaction_idx` ON `responses` (`interaction_id`);--> statement-breakpoint
CREATE INDEX `responses_details_idx` ON `responses` (`created_at`,`survey`,`score`,`resolved`,`reasons`,`flagged`,`agent_id`,`team_id`,`channel`) WHERE resolved IS NOT NULL OR reasons <> '[]';--> statement-breakpoint
CREATE INDEX `responses_sentiment_idx` ON `responses` (`created_at`,`sentiment`,`flagged`,`survey`,`score`,`agent_id`,`team_id`,`channel`,`interaction_id`) WHERE sentiment IS NOT NULL;--> statement-breakpoint
CREATE INDEX `responses_customer_idx` ON `responses` (`customer_id`,`survey`,`created_at`,`flagged`,`score`);
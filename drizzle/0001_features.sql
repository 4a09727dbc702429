CREATE TABLE `connection_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`connection_id` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`event` text NOT NULL,
	`outcome` text NOT NULL,
	`reason` text,
	`ticket_id` text,
	`interaction_id` text,
	`received_at` integer NOT NULL,
	FOREIGN KEY (`connection_id`) REFERENCES `connections`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`interaction_id`) REFERENCES `interactions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `connection_deliveries_key_idx` ON `connection_deliveries` (`connection_id`,`dedupe_key`);--> statement-breakpoint
CREATE INDEX `connection_deliveries_recent_idx` ON `connection_deliveries` (`connection_id`,`received_at`);--> statement-breakpoint
CREATE TABLE `connections` (
	`id` text PRIMARY KEY NOT NULL,
	`provider` text NOT NULL,
	`name` text NOT NULL,
	`secret` text NOT NULL,
	`api_url` text,
	`api_user` text,
	`api_token` text,
	`team_id` text,
	`ticket_url` text,
	`attention` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
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
CREATE INDEX `followup_checks_due_idx` ON `followup_checks` (`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `import_chunks` (
	`job_id` text NOT NULL,
	`seq` integer NOT NULL,
	`records` text NOT NULL,
	PRIMARY KEY(`job_id`, `seq`),
	FOREIGN KEY (`job_id`) REFERENCES `import_jobs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `import_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`file_name` text NOT NULL,
	`format` text NOT NULL,
	`columns` text NOT NULL,
	`preset` text NOT NULL,
	`mapping` text NOT NULL,
	`total_rows` integer NOT NULL,
	`chunk_count` integer NOT NULL,
	`next_chunk` integer DEFAULT 0 NOT NULL,
	`done_rows` integer DEFAULT 0 NOT NULL,
	`report` text NOT NULL,
	`error` text,
	`claimed_until` integer,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `import_jobs_status_idx` ON `import_jobs` (`status`,`updated_at`);--> statement-breakpoint
CREATE TABLE `interaction_tickets` (
	`interaction_id` text PRIMARY KEY NOT NULL,
	`connection_id` text NOT NULL,
	`ticket_id` text NOT NULL,
	FOREIGN KEY (`interaction_id`) REFERENCES `interactions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`connection_id`) REFERENCES `connections`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `interaction_tickets_ticket_idx` ON `interaction_tickets` (`connection_id`,`ticket_id`);--> statement-breakpoint
CREATE TABLE `response_phrases` (
	`response_id` text NOT NULL,
	`key` text NOT NULL,
	`text` text NOT NULL,
	PRIMARY KEY(`response_id`, `key`),
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `response_phrases_key_idx` ON `response_phrases` (`key`,`response_id`);--> statement-breakpoint
CREATE TABLE `survey_logos` (
	`hash` text PRIMARY KEY NOT NULL,
	`mime` text NOT NULL,
	`data` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `survey_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`company_name` text,
	`accent_color` text,
	`footer_address` text,
	`privacy_url` text,
	`logo_hash` text,
	`reminder_count` integer DEFAULT 1 NOT NULL,
	`reminder_after_days` integer DEFAULT 3 NOT NULL,
	`ask_resolved` text DEFAULT '["csat","ces"]' NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text
);
--> statement-breakpoint
CREATE TABLE `survey_texts` (
	`survey` text NOT NULL,
	`locale` text NOT NULL,
	`subject` text,
	`intro` text,
	`question` text,
	`low_label` text,
	`high_label` text,
	`thanks` text,
	`reasons_low` text,
	`reasons_high` text,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`survey`, `locale`)
);
--> statement-breakpoint
CREATE TABLE `themes` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`keys` text DEFAULT '[]' NOT NULL,
	`keywords` text DEFAULT '[]' NOT NULL,
	`pinned` integer DEFAULT false NOT NULL,
	`hidden` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `writebacks` (
	`id` text PRIMARY KEY NOT NULL,
	`connection_id` text NOT NULL,
	`ticket_id` text NOT NULL,
	`payload` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`claimed_until` integer,
	`response_status` integer,
	`error` text,
	`created_at` integer NOT NULL,
	`last_attempt_at` integer,
	`done_at` integer,
	FOREIGN KEY (`connection_id`) REFERENCES `connections`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `writebacks_due_idx` ON `writebacks` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `writebacks_connection_idx` ON `writebacks` (`connection_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `followup_settings` ADD `open_on_negative` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `followup_settings` ADD `open_on_not_resolved` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `response_events` ADD `reasons` text;--> statement-breakpoint
ALTER TABLE `response_events` ADD `resolved` integer;--> statement-breakpoint
ALTER TABLE `responses` ADD `reasons` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `responses` ADD `resolved` integer;--> statement-breakpoint
ALTER TABLE `responses` ADD `sentiment` text;--> statement-breakpoint
ALTER TABLE `responses` ADD `sentiment_score` real;--> statement-breakpoint
ALTER TABLE `responses` ADD `severity` text;--> statement-breakpoint
ALTER TABLE `responses` ADD `language` text;--> statement-breakpoint
ALTER TABLE `responses` ADD `analysed_at` integer;--> statement-breakpoint
CREATE INDEX `responses_unanalysed_idx` ON `responses` (`updated_at`) WHERE (comment is not null or sentiment is not null) and analysed_at is not updated_at;--> statement-breakpoint
ALTER TABLE `survey_requests` ADD `delivery` text DEFAULT 'email' NOT NULL;--> statement-breakpoint
ALTER TABLE `survey_requests` ADD `short_code` text;--> statement-breakpoint
ALTER TABLE `survey_requests` ADD `reminders_sent` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `survey_requests` ADD `reminder_claimed_until` integer;--> statement-breakpoint
ALTER TABLE `survey_requests` ADD `reminded_at` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `survey_requests_short_code_unique` ON `survey_requests` (`short_code`);--> statement-breakpoint
CREATE INDEX `survey_requests_reminder_idx` ON `survey_requests` (`status`,`reminders_sent`,`sent_at`);
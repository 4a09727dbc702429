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
ALTER TABLE `followup_settings` ADD `open_on_not_resolved` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `response_events` ADD `reasons` text;--> statement-breakpoint
ALTER TABLE `response_events` ADD `resolved` integer;--> statement-breakpoint
ALTER TABLE `responses` ADD `reasons` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `responses` ADD `resolved` integer;--> statement-breakpoint
ALTER TABLE `survey_requests` ADD `delivery` text DEFAULT 'email' NOT NULL;--> statement-breakpoint
ALTER TABLE `survey_requests` ADD `short_code` text;--> statement-breakpoint
ALTER TABLE `survey_requests` ADD `reminders_sent` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `survey_requests` ADD `reminder_claimed_until` integer;--> statement-breakpoint
ALTER TABLE `survey_requests` ADD `reminded_at` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `survey_requests_short_code_unique` ON `survey_requests` (`short_code`);--> statement-breakpoint
CREATE INDEX `survey_requests_reminder_idx` ON `survey_requests` (`status`,`reminders_sent`,`sent_at`);
CREATE TABLE `response_phrases` (
	`response_id` text NOT NULL,
	`key` text NOT NULL,
	`text` text NOT NULL,
	PRIMARY KEY(`response_id`, `key`),
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `response_phrases_key_idx` ON `response_phrases` (`key`,`response_id`);--> statement-breakpoint
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
ALTER TABLE `followup_settings` ADD `open_on_negative` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `responses` ADD `sentiment` text;--> statement-breakpoint
ALTER TABLE `responses` ADD `sentiment_score` real;--> statement-breakpoint
ALTER TABLE `responses` ADD `severity` text;--> statement-breakpoint
ALTER TABLE `responses` ADD `language` text;--> statement-breakpoint
ALTER TABLE `responses` ADD `analysed_at` integer;--> statement-breakpoint
CREATE INDEX `responses_unanalysed_idx` ON `responses` (`updated_at`) WHERE (comment is not null or sentiment is not null) and analysed_at is not updated_at;
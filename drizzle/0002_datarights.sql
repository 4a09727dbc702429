CREATE TABLE `customer_erasures` (
	`customer_id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`requested_at` integer NOT NULL,
	`claimed_until` integer
);
--> statement-breakpoint
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
CREATE INDEX `connection_deliveries_interaction_idx` ON `connection_deliveries` (`interaction_id`);--> statement-breakpoint
CREATE INDEX `followups_interaction_idx` ON `followups` (`interaction_id`);--> statement-breakpoint
CREATE INDEX `followups_response_idx` ON `followups` (`response_id`);--> statement-breakpoint
CREATE INDEX `responses_words_idx` ON `responses` (`created_at`) WHERE comment is not null or sentiment is not null;--> statement-breakpoint
CREATE INDEX `responses_interaction_idx` ON `responses` (`interaction_id`);
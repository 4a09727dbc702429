CREATE TABLE `bulk_import_indexes` (
	`name` text PRIMARY KEY NOT NULL,
	`ddl` text NOT NULL,
	`held_until` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
DROP INDEX `responses_sentiment_idx`;--> statement-breakpoint
DROP INDEX `responses_words_idx`;--> statement-breakpoint
CREATE INDEX `responses_words_idx` ON `responses` (`created_at`,`sentiment`,`flagged`,`survey`,`score`,`agent_id`,`team_id`,`channel`,`interaction_id`) WHERE comment IS NOT NULL OR sentiment IS NOT NULL;--> statement-breakpoint
ALTER TABLE `rollup_state` ADD `version` integer DEFAULT 0 NOT NULL;
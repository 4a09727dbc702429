DROP INDEX `responses_sentiment_idx`;--> statement-breakpoint
DROP INDEX `responses_words_idx`;--> statement-breakpoint
CREATE INDEX `responses_words_idx` ON `responses` (`created_at`,`sentiment`,`flagged`,`survey`,`score`,`agent_id`,`team_id`,`channel`,`interaction_id`) WHERE comment IS NOT NULL OR sentiment IS NOT NULL;
ALTER TABLE `connections` ADD `attention_since` integer;--> statement-breakpoint
ALTER TABLE `connections` ADD `attention_email_at` integer;--> statement-breakpoint
ALTER TABLE `response_phrases` ADD `topic` integer DEFAULT true NOT NULL;
CREATE TABLE `phrase_rollups` (
	`cube` integer NOT NULL,
	`grain` integer NOT NULL,
	`period` integer NOT NULL,
	`team_id` text NOT NULL,
	`channel` text NOT NULL,
	`key` text NOT NULL,
	`text` text NOT NULL,
	`topic` integer NOT NULL,
	`n_csat` integer DEFAULT 0 NOT NULL,
	`n_nps` integer DEFAULT 0 NOT NULL,
	`n_ces` integer DEFAULT 0 NOT NULL,
	`low_csat` integer DEFAULT 0 NOT NULL,
	`low_nps` integer DEFAULT 0 NOT NULL,
	`low_ces` integer DEFAULT 0 NOT NULL,
	`negative_csat` integer DEFAULT 0 NOT NULL,
	`negative_nps` integer DEFAULT 0 NOT NULL,
	`negative_ces` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`cube`, `grain`, `period`, `team_id`, `channel`, `key`, `text`, `topic`)
);
--> statement-breakpoint
ALTER TABLE `response_phrases` ADD `at` integer;--> statement-breakpoint
ALTER TABLE `response_phrases` ADD `team_id` text;--> statement-breakpoint
ALTER TABLE `response_phrases` ADD `channel` text;--> statement-breakpoint
ALTER TABLE `response_phrases` ADD `survey` text;--> statement-breakpoint
ALTER TABLE `response_phrases` ADD `low` integer;--> statement-breakpoint
ALTER TABLE `response_phrases` ADD `negative` integer;--> statement-breakpoint
ALTER TABLE `response_phrases` ADD `counted` integer;--> statement-breakpoint
ALTER TABLE `response_rollups` ADD `comments_csat` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `response_rollups` ADD `comments_nps` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `response_rollups` ADD `comments_ces` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `response_rollups` ADD `negative_csat` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `response_rollups` ADD `negative_nps` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `response_rollups` ADD `negative_ces` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `response_events_clicks_idx` ON `response_events` (`request_id`,`created_at`,`score`) WHERE kind = 'click';
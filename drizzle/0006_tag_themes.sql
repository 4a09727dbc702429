CREATE TABLE `phrase_tag_rollups` (
	`cube` integer NOT NULL,
	`grain` integer NOT NULL,
	`period` integer NOT NULL,
	`tag` text NOT NULL,
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
	`n_all` integer DEFAULT 0 NOT NULL,
	`low_all` integer DEFAULT 0 NOT NULL,
	`negative_all` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`cube`, `grain`, `period`, `tag`, `channel`, `key`, `text`, `topic`)
);
--> statement-breakpoint
ALTER TABLE `phrase_rollups` ADD `n_all` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `phrase_rollups` ADD `low_all` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `phrase_rollups` ADD `negative_all` integer DEFAULT 0 NOT NULL;
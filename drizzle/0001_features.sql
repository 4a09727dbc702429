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
CREATE TABLE `interaction_tickets` (
	`interaction_id` text PRIMARY KEY NOT NULL,
	`connection_id` text NOT NULL,
	`ticket_id` text NOT NULL,
	FOREIGN KEY (`interaction_id`) REFERENCES `interactions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`connection_id`) REFERENCES `connections`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `interaction_tickets_ticket_idx` ON `interaction_tickets` (`connection_id`,`ticket_id`);--> statement-breakpoint
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
CREATE INDEX `writebacks_connection_idx` ON `writebacks` (`connection_id`,`created_at`);
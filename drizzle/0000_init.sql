CREATE TABLE `agents` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text,
	`team_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agents_email_unique` ON `agents` (`email`);--> statement-breakpoint
CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`prefix` text NOT NULL,
	`hash` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_hash_unique` ON `api_keys` (`hash`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text,
	`action` text NOT NULL,
	`target` text,
	`detail` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `customers` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text,
	`locale` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customers_email_unique` ON `customers` (`email`);--> statement-breakpoint
CREATE TABLE `followup_digests` (
	`user_id` text NOT NULL,
	`day` text NOT NULL,
	`claimed_until` integer,
	`sent_at` integer,
	PRIMARY KEY(`user_id`, `day`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `followup_events` (
	`id` text PRIMARY KEY NOT NULL,
	`followup_id` text NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text,
	`actor` text NOT NULL,
	`kind` text NOT NULL,
	`body` text,
	`data` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`followup_id`) REFERENCES `followups`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `followup_events_followup_idx` ON `followup_events` (`followup_id`,`at`);--> statement-breakpoint
CREATE TABLE `followup_links` (
	`response_id` text PRIMARY KEY NOT NULL,
	`followup_id` text NOT NULL,
	`linked_at` integer NOT NULL,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`followup_id`) REFERENCES `followups`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `followup_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`open_on_low_score` integer NOT NULL,
	`open_on_keywords` integer NOT NULL,
	`keywords` text NOT NULL,
	`assignment` text NOT NULL,
	`sla_hours` integer NOT NULL,
	`manager_after_hours` integer NOT NULL,
	`digest_hour` integer NOT NULL,
	`recovery_enabled` integer NOT NULL,
	`recovery_delay_days` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text
);
--> statement-breakpoint
CREATE TABLE `followup_template_texts` (
	`template_id` text NOT NULL,
	`locale` text NOT NULL,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	PRIMARY KEY(`template_id`, `locale`),
	FOREIGN KEY (`template_id`) REFERENCES `followup_templates`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `followup_templates` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `followup_templates_name_unique` ON `followup_templates` (`name`);--> statement-breakpoint
CREATE TABLE `followups` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`interaction_id` text NOT NULL,
	`response_id` text NOT NULL,
	`survey` text NOT NULL,
	`agent_id` text NOT NULL,
	`team_id` text,
	`assignee_agent_id` text,
	`assignee_user_id` text,
	`status` text NOT NULL,
	`low_score` integer NOT NULL,
	`keywords` text DEFAULT '[]' NOT NULL,
	`opened_at` integer NOT NULL,
	`due_at` integer NOT NULL,
	`first_action_at` integer,
	`closed_at` integer,
	`closed_by` text,
	`outcome` text,
	`escalation_level` integer DEFAULT 0 NOT NULL,
	`next_escalation_at` integer,
	`recovery_score` integer,
	`recovery_comment` text,
	`recovery_flagged` integer DEFAULT false NOT NULL,
	`recovery_source` text,
	`recovery_at` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`interaction_id`) REFERENCES `interactions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignee_agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignee_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `followups_one_active_idx` ON `followups` (`customer_id`) WHERE status in ('open', 'in_progress');--> statement-breakpoint
CREATE INDEX `followups_status_due_idx` ON `followups` (`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `followups_agent_assignee_idx` ON `followups` (`assignee_agent_id`,`status`);--> statement-breakpoint
CREATE INDEX `followups_user_assignee_idx` ON `followups` (`assignee_user_id`,`status`);--> statement-breakpoint
CREATE INDEX `followups_team_idx` ON `followups` (`team_id`,`opened_at`);--> statement-breakpoint
CREATE INDEX `followups_opened_idx` ON `followups` (`opened_at`);--> statement-breakpoint
CREATE INDEX `followups_closed_idx` ON `followups` (`closed_at`);--> statement-breakpoint
CREATE INDEX `followups_escalation_idx` ON `followups` (`next_escalation_at`);--> statement-breakpoint
CREATE TABLE `interactions` (
	`id` text PRIMARY KEY NOT NULL,
	`external_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`team_id` text,
	`channel` text NOT NULL,
	`survey` text NOT NULL,
	`tags` text DEFAULT '[]' NOT NULL,
	`closed_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `interactions_external_id_unique` ON `interactions` (`external_id`);--> statement-breakpoint
CREATE INDEX `interactions_customer_idx` ON `interactions` (`customer_id`,`closed_at`);--> statement-breakpoint
CREATE INDEX `interactions_agent_idx` ON `interactions` (`agent_id`,`id`,`team_id`,`channel`);--> statement-breakpoint
CREATE TABLE `invitations` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`role` text NOT NULL,
	`team_ids` text DEFAULT '[]' NOT NULL,
	`all_teams` integer DEFAULT false NOT NULL,
	`token_hash` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`accepted_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_token_hash_unique` ON `invitations` (`token_hash`);--> statement-breakpoint
CREATE INDEX `invitations_email_idx` ON `invitations` (`email`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`idempotency_key` text NOT NULL,
	`to` text NOT NULL,
	`from` text NOT NULL,
	`reply_to` text,
	`subject` text NOT NULL,
	`html` text NOT NULL,
	`text` text NOT NULL,
	`headers` text DEFAULT '{}' NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_idempotency_key_unique` ON `outbox` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `outbox_created_idx` ON `outbox` (`created_at`);--> statement-breakpoint
CREATE TABLE `rate_limits` (
	`key` text PRIMARY KEY NOT NULL,
	`count` integer NOT NULL,
	`window_start` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `response_events` (
	`id` text PRIMARY KEY NOT NULL,
	`request_id` text NOT NULL,
	`kind` text NOT NULL,
	`score` integer,
	`comment` text,
	`flagged` integer DEFAULT false NOT NULL,
	`user_agent` text,
	`ip_hash` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `survey_requests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `response_events_request_idx` ON `response_events` (`request_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `response_rollups` (
	`cube` integer NOT NULL,
	`grain` integer NOT NULL,
	`channel` text NOT NULL,
	`tag` text NOT NULL,
	`period` integer NOT NULL,
	`team_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`csat_1` integer DEFAULT 0 NOT NULL,
	`csat_2` integer DEFAULT 0 NOT NULL,
	`csat_3` integer DEFAULT 0 NOT NULL,
	`csat_4` integer DEFAULT 0 NOT NULL,
	`csat_5` integer DEFAULT 0 NOT NULL,
	`nps_0` integer DEFAULT 0 NOT NULL,
	`nps_1` integer DEFAULT 0 NOT NULL,
	`nps_2` integer DEFAULT 0 NOT NULL,
	`nps_3` integer DEFAULT 0 NOT NULL,
	`nps_4` integer DEFAULT 0 NOT NULL,
	`nps_5` integer DEFAULT 0 NOT NULL,
	`nps_6` integer DEFAULT 0 NOT NULL,
	`nps_7` integer DEFAULT 0 NOT NULL,
	`nps_8` integer DEFAULT 0 NOT NULL,
	`nps_9` integer DEFAULT 0 NOT NULL,
	`nps_10` integer DEFAULT 0 NOT NULL,
	`ces_1` integer DEFAULT 0 NOT NULL,
	`ces_2` integer DEFAULT 0 NOT NULL,
	`ces_3` integer DEFAULT 0 NOT NULL,
	`ces_4` integer DEFAULT 0 NOT NULL,
	`ces_5` integer DEFAULT 0 NOT NULL,
	`ces_6` integer DEFAULT 0 NOT NULL,
	`ces_7` integer DEFAULT 0 NOT NULL,
	`sent_csat` integer DEFAULT 0 NOT NULL,
	`sent_nps` integer DEFAULT 0 NOT NULL,
	`sent_ces` integer DEFAULT 0 NOT NULL,
	`direct_csat` integer DEFAULT 0 NOT NULL,
	`direct_nps` integer DEFAULT 0 NOT NULL,
	`direct_ces` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`cube`, `grain`, `channel`, `tag`, `period`, `team_id`, `agent_id`)
);
--> statement-breakpoint
CREATE TABLE `responses` (
	`id` text PRIMARY KEY NOT NULL,
	`request_id` text NOT NULL,
	`interaction_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`team_id` text,
	`channel` text NOT NULL,
	`survey` text NOT NULL,
	`score` integer NOT NULL,
	`comment` text,
	`flagged` integer DEFAULT false NOT NULL,
	`source` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `survey_requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`interaction_id`) REFERENCES `interactions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `responses_request_id_unique` ON `responses` (`request_id`);--> statement-breakpoint
CREATE INDEX `responses_dash_time_idx` ON `responses` (`created_at`,`id`,`flagged`,`survey`,`score`,`source`,`agent_id`,`team_id`,`channel`);--> statement-breakpoint
CREATE INDEX `responses_dash_agent_idx` ON `responses` (`agent_id`,`created_at`,`id`,`flagged`,`survey`,`score`,`source`,`team_id`,`channel`);--> statement-breakpoint
CREATE TABLE `rollup_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`time_zone` text NOT NULL,
	`built_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`csrf_token` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `suppressions` (
	`email` text PRIMARY KEY NOT NULL,
	`reason` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `survey_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`interaction_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`survey` text NOT NULL,
	`purpose` text DEFAULT 'survey' NOT NULL,
	`followup_id` text,
	`status` text NOT NULL,
	`reason` text,
	`send_after` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`claimed_until` integer,
	`sent_at` integer,
	`message_id` text,
	`delivery_status` text,
	`delivery_updated_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`interaction_id`) REFERENCES `interactions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `survey_requests_interaction_idx` ON `survey_requests` (`interaction_id`,`purpose`);--> statement-breakpoint
CREATE INDEX `survey_requests_followup_idx` ON `survey_requests` (`followup_id`);--> statement-breakpoint
CREATE INDEX `survey_requests_due_idx` ON `survey_requests` (`status`,`send_after`);--> statement-breakpoint
CREATE INDEX `survey_requests_customer_idx` ON `survey_requests` (`customer_id`,`send_after`);--> statement-breakpoint
CREATE INDEX `survey_requests_message_idx` ON `survey_requests` (`message_id`);--> statement-breakpoint
CREATE INDEX `survey_requests_dash_idx` ON `survey_requests` (`interaction_id`,`purpose`,`status`,`sent_at`,`survey`,`message_id`);--> statement-breakpoint
CREATE TABLE `team_schedules` (
	`team_id` text PRIMARY KEY NOT NULL,
	`time_zone` text NOT NULL,
	`days` text NOT NULL,
	`start_minute` integer NOT NULL,
	`end_minute` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `teams` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `teams_name_unique` ON `teams` (`name`);--> statement-breakpoint
CREATE TABLE `user_teams` (
	`user_id` text NOT NULL,
	`team_id` text NOT NULL,
	PRIMARY KEY(`user_id`, `team_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text,
	`role` text NOT NULL,
	`password_hash` text,
	`all_teams` integer DEFAULT false NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`last_sign_in_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`webhook_id` text NOT NULL,
	`event` text NOT NULL,
	`payload` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`claimed_until` integer,
	`response_status` integer,
	`error` text,
	`created_at` integer NOT NULL,
	`last_attempt_at` integer,
	`delivered_at` integer,
	FOREIGN KEY (`webhook_id`) REFERENCES `webhooks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `webhook_deliveries_due_idx` ON `webhook_deliveries` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `webhook_deliveries_webhook_idx` ON `webhook_deliveries` (`webhook_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `webhook_events` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `webhooks` (
	`id` text PRIMARY KEY NOT NULL,
	`url` text NOT NULL,
	`events` text NOT NULL,
	`format` text NOT NULL,
	`secret` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL
);

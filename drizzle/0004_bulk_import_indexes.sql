CREATE TABLE `bulk_import_indexes` (
	`name` text PRIMARY KEY NOT NULL,
	`ddl` text NOT NULL,
	`held_until` integer NOT NULL,
	`created_at` integer NOT NULL
);

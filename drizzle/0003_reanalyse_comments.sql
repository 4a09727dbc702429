-- Themes are now named by topics (nouns), not verbs: every stored comment is analysed again by
-- runDueWork's insight step, in its usual bounded batches, so existing databases get the new themes.
UPDATE `responses` SET `analysed_at` = NULL WHERE `comment` IS NOT NULL;

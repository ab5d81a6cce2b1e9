-- Attempt facts are derived and rebuilt from the attempts: emptied here so that
-- the column can be required; the aggregates version changes with it, so they
-- are rebuilt rather than read.
TRUNCATE "agg_attempt_facts";--> statement-breakpoint
ALTER TABLE "agg_attempt_facts" ADD COLUMN "attempt_id" bigint NOT NULL;
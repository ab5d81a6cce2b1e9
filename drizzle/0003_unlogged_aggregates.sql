-- The aggregate tables hold only what can be derived again from the raw rows,
-- so they skip the write-ahead log: a rebuild then writes about half as much.
-- After a server crash PostgreSQL empties them, agg_state included, so the
-- figures answer from the raw rows until the next rebuild, as on a database
-- never built.
ALTER TABLE "agg_state" SET UNLOGGED;--> statement-breakpoint
ALTER TABLE "agg_lead_facts" SET UNLOGGED;--> statement-breakpoint
ALTER TABLE "agg_attempt_facts" SET UNLOGGED;--> statement-breakpoint
ALTER TABLE "agg_recovery_channels" SET UNLOGGED;--> statement-breakpoint
ALTER TABLE "agg_recovery_templates" SET UNLOGGED;--> statement-breakpoint
ALTER TABLE "agg_lead_cells" SET UNLOGGED;--> statement-breakpoint
ALTER TABLE "agg_undated_cells" SET UNLOGGED;--> statement-breakpoint
ALTER TABLE "agg_lead_measure_cells" SET UNLOGGED;--> statement-breakpoint
ALTER TABLE "agg_person_cells" SET UNLOGGED;--> statement-breakpoint
ALTER TABLE "agg_recovery_channel_cells" SET UNLOGGED;--> statement-breakpoint
ALTER TABLE "agg_recovery_template_cells" SET UNLOGGED;--> statement-breakpoint
ALTER TABLE "agg_value_cells" SET UNLOGGED;--> statement-breakpoint
ALTER TABLE "agg_attempt_cells" SET UNLOGGED;--> statement-breakpoint
ALTER TABLE "agg_slot_cells" SET UNLOGGED;

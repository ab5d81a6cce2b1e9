DROP INDEX "agg_lead_facts_speed";--> statement-breakpoint
CREATE INDEX "agg_lead_measure_cells_measure" ON "agg_lead_measure_cells" USING btree ("measure","day","source_id","value","leads");--> statement-breakpoint
CREATE INDEX "agg_lead_facts_speed" ON "agg_lead_facts" USING btree ("speed_bucket","day","source_id","speed_minutes");
CREATE TYPE "public"."call_outcome" AS ENUM('answered', 'voicemail', 'no_answer', 'busy', 'rejected', 'invalid_number', 'failed');--> statement-breakpoint
CREATE TYPE "public"."channel" AS ENUM('call', 'whatsapp', 'sms', 'email');--> statement-breakpoint
CREATE TYPE "public"."direction" AS ENUM('outbound', 'inbound');--> statement-breakpoint
CREATE TYPE "public"."import_status" AS ENUM('running', 'succeeded', 'failed', 'undone');--> statement-breakpoint
CREATE TYPE "public"."message_status" AS ENUM('queued', 'sent', 'delivered', 'read', 'failed');--> statement-breakpoint
CREATE TYPE "public"."purpose" AS ENUM('sales', 'relationship');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('admin', 'sales_manager', 'marketer', 'executive');--> statement-breakpoint
CREATE TYPE "public"."value_unit" AS ENUM('total', 'per_month');--> statement-breakpoint
CREATE TABLE "agg_attempt_cells" (
	"day" date NOT NULL,
	"source_id" bigint NOT NULL,
	"campaign_id" bigint NOT NULL,
	"agent_id" bigint NOT NULL,
	"channel" "channel" NOT NULL,
	"attempts" integer NOT NULL,
	"calls" integer NOT NULL,
	"answered" integer NOT NULL,
	"connected" integer NOT NULL,
	"outside_hours" integer NOT NULL,
	"beyond_max" integer NOT NULL,
	"without_consent" integer NOT NULL,
	"with_window" integer NOT NULL,
	"in_slot" integer NOT NULL,
	CONSTRAINT "agg_attempt_cells_day_source_id_campaign_id_agent_id_channel_pk" PRIMARY KEY("day","source_id","campaign_id","agent_id","channel")
);
--> statement-breakpoint
CREATE TABLE "agg_attempt_facts" (
	"lead_id" bigint NOT NULL,
	"day" date NOT NULL,
	"source_id" bigint NOT NULL,
	"campaign_id" bigint NOT NULL,
	"agent_id" bigint NOT NULL,
	"channel" "channel" NOT NULL,
	"lead_weekday" smallint NOT NULL,
	"lead_hour" smallint NOT NULL,
	"report_weekday" smallint NOT NULL,
	"report_hour" smallint NOT NULL,
	"is_call" boolean NOT NULL,
	"answered" boolean NOT NULL,
	"connected" boolean NOT NULL,
	"outside_hours" boolean NOT NULL,
	"beyond_max" boolean NOT NULL,
	"without_consent" boolean NOT NULL,
	"has_window" boolean NOT NULL,
	"in_slot" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agg_lead_cells" (
	"day" date NOT NULL,
	"source_id" bigint NOT NULL,
	"campaign_id" bigint NOT NULL,
	"agent_id" bigint NOT NULL,
	"leads" integer NOT NULL,
	"contacted_within" integer NOT NULL,
	"contacted_converted" integer NOT NULL,
	"converted" integer NOT NULL,
	"worked" integer NOT NULL,
	"worked_contacted" integer NOT NULL,
	"same_day" integer NOT NULL,
	"by_lead_disposition" integer NOT NULL,
	"attempted" integer NOT NULL,
	"within_target" integer NOT NULL,
	"invalid_contact" integer NOT NULL,
	"duplicates" integer NOT NULL,
	"without_person" integer NOT NULL,
	"fully_worked" integer NOT NULL,
	"fully_worked_contacted" integer NOT NULL,
	"late_first_attempt" integer NOT NULL,
	"too_few_calls" integer NOT NULL,
	"too_few_slots" integer NOT NULL,
	"no_recovery_message" integer NOT NULL,
	"valued" integer NOT NULL,
	"ltv_minor" bigint NOT NULL,
	"values_not_converted" integer NOT NULL,
	"lost_converted" integer NOT NULL,
	"lost_do_not_contact" integer NOT NULL,
	"lost_lead_data" integer NOT NULL,
	"lost_unknown_effort" integer NOT NULL,
	"lost_follow_up" integer NOT NULL,
	"lost_unreachable" integer NOT NULL,
	"lost_not_converted" integer NOT NULL,
	"call_failed" integer NOT NULL,
	"messaged" integer NOT NULL,
	"recovered" integer NOT NULL,
	"recovered_other" integer NOT NULL,
	"delivered_step" integer NOT NULL,
	"read_step" integer NOT NULL,
	"responded" integer NOT NULL,
	"responded_converted" integer NOT NULL,
	"messaged_outside_holdout" integer NOT NULL,
	"recovered_outside_holdout" integer NOT NULL,
	"holdout_not_messaged" integer NOT NULL,
	"holdout_contacted" integer NOT NULL,
	"holdout_messaged" integer NOT NULL,
	"messaged_up_to_5" integer NOT NULL,
	"recovered_up_to_5" integer NOT NULL,
	"messaged_5_to_60" integer NOT NULL,
	"recovered_5_to_60" integer NOT NULL,
	"messaged_60_to_1440" integer NOT NULL,
	"recovered_60_to_1440" integer NOT NULL,
	"messaged_over_1440" integer NOT NULL,
	"recovered_over_1440" integer NOT NULL,
	CONSTRAINT "agg_lead_cells_day_source_id_campaign_id_agent_id_pk" PRIMARY KEY("day","source_id","campaign_id","agent_id")
);
--> statement-breakpoint
CREATE TABLE "agg_lead_facts" (
	"lead_id" bigint PRIMARY KEY NOT NULL,
	"source_id" bigint NOT NULL,
	"campaign_id" bigint,
	"person_id" bigint,
	"agent_id" bigint,
	"created_at" timestamp with time zone,
	"day" date,
	"is_duplicate" boolean NOT NULL,
	"has_log" boolean NOT NULL,
	"first_contact_at" timestamp with time zone,
	"contacted" boolean NOT NULL,
	"contacted_within" boolean NOT NULL,
	"by_lead_disposition" boolean NOT NULL,
	"same_day" boolean NOT NULL,
	"worked" boolean NOT NULL,
	"converted" boolean NOT NULL,
	"invalid_contact" boolean NOT NULL,
	"calls_to_contact" integer,
	"contact_call" integer,
	"speed_minutes" double precision,
	"speed_bucket" smallint,
	"within_target" boolean NOT NULL,
	"calls_in_window" integer NOT NULL,
	"slots_in_window" integer NOT NULL,
	"late_first_attempt" boolean NOT NULL,
	"too_few_calls" boolean NOT NULL,
	"too_few_slots" boolean NOT NULL,
	"no_recovery_message" boolean NOT NULL,
	"fully_worked" boolean NOT NULL,
	"rule_code" text NOT NULL,
	"call_failed" boolean NOT NULL,
	"failed_at" timestamp with time zone,
	"messaged" boolean NOT NULL,
	"first_delay_seconds" double precision,
	"last_channel" "channel",
	"delivered" boolean NOT NULL,
	"read" boolean NOT NULL,
	"recovered" boolean NOT NULL,
	"credit_channel" "channel",
	"responded" boolean NOT NULL,
	"holdout" boolean NOT NULL,
	"recovered_other" boolean NOT NULL,
	"holdout_contacted" boolean NOT NULL,
	"ltv_minor" bigint,
	"value_status" text NOT NULL,
	"value_currency" text
);
--> statement-breakpoint
CREATE TABLE "agg_lead_measure_cells" (
	"day" date NOT NULL,
	"source_id" bigint NOT NULL,
	"measure" text NOT NULL,
	"value" integer NOT NULL,
	"leads" integer NOT NULL,
	CONSTRAINT "agg_lead_measure_cells_day_source_id_measure_value_pk" PRIMARY KEY("day","source_id","measure","value")
);
--> statement-breakpoint
CREATE TABLE "agg_person_cells" (
	"day" date NOT NULL,
	"source_id" bigint NOT NULL,
	"previous_day" date NOT NULL,
	"leads" integer NOT NULL,
	CONSTRAINT "agg_person_cells_day_source_id_previous_day_pk" PRIMARY KEY("day","source_id","previous_day")
);
--> statement-breakpoint
CREATE TABLE "agg_recovery_channel_cells" (
	"day" date NOT NULL,
	"source_id" bigint NOT NULL,
	"channel" "channel" NOT NULL,
	"bucket" text NOT NULL,
	"messaged" integer NOT NULL,
	"recovered" integer NOT NULL,
	CONSTRAINT "agg_recovery_channel_cells_day_source_id_channel_bucket_pk" PRIMARY KEY("day","source_id","channel","bucket")
);
--> statement-breakpoint
CREATE TABLE "agg_recovery_channels" (
	"lead_id" bigint NOT NULL,
	"channel" "channel" NOT NULL,
	"delay_seconds" double precision NOT NULL,
	"recovered" boolean NOT NULL,
	CONSTRAINT "agg_recovery_channels_lead_id_channel_pk" PRIMARY KEY("lead_id","channel")
);
--> statement-breakpoint
CREATE TABLE "agg_recovery_template_cells" (
	"day" date NOT NULL,
	"source_id" bigint NOT NULL,
	"template_id" bigint NOT NULL,
	"messaged" integer NOT NULL,
	"recovered" integer NOT NULL,
	CONSTRAINT "agg_recovery_template_cells_day_source_id_template_id_pk" PRIMARY KEY("day","source_id","template_id")
);
--> statement-breakpoint
CREATE TABLE "agg_recovery_templates" (
	"lead_id" bigint NOT NULL,
	"template_id" bigint NOT NULL,
	"recovered" boolean NOT NULL,
	CONSTRAINT "agg_recovery_templates_lead_id_template_id_pk" PRIMARY KEY("lead_id","template_id")
);
--> statement-breakpoint
CREATE TABLE "agg_slot_cells" (
	"day" date NOT NULL,
	"source_id" bigint NOT NULL,
	"channel" "channel" NOT NULL,
	"zone" text NOT NULL,
	"weekday" smallint NOT NULL,
	"hour" smallint NOT NULL,
	"attempts" integer NOT NULL,
	"calls" integer NOT NULL,
	"answered" integer NOT NULL,
	CONSTRAINT "agg_slot_cells_zone_day_source_id_channel_weekday_hour_pk" PRIMARY KEY("zone","day","source_id","channel","weekday","hour")
);
--> statement-breakpoint
CREATE TABLE "agg_state" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"settings_key" text NOT NULL,
	"dispositions_key" text NOT NULL,
	"built_at" timestamp with time zone NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agg_undated_cells" (
	"source_id" bigint NOT NULL,
	"campaign_id" bigint NOT NULL,
	"agent_id" bigint NOT NULL,
	"leads" integer NOT NULL,
	"contacted" integer NOT NULL,
	"invalid_contact" integer NOT NULL,
	"converted" integer NOT NULL,
	CONSTRAINT "agg_undated_cells_source_id_campaign_id_agent_id_pk" PRIMARY KEY("source_id","campaign_id","agent_id")
);
--> statement-breakpoint
CREATE TABLE "agg_value_cells" (
	"day" date NOT NULL,
	"source_id" bigint NOT NULL,
	"channel" text NOT NULL,
	"value_status" text NOT NULL,
	"currency" text NOT NULL,
	"call_failed" integer NOT NULL,
	"call_failed_value_minor" bigint NOT NULL,
	"recovered" integer NOT NULL,
	"recovered_value_minor" bigint NOT NULL,
	"recovered_revenue_minor" bigint NOT NULL,
	"at_risk" integer NOT NULL,
	"at_risk_value_minor" bigint NOT NULL,
	CONSTRAINT "agg_value_cells_day_source_id_channel_value_status_currency_pk" PRIMARY KEY("day","source_id","channel","value_status","currency")
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"hash" text NOT NULL,
	"role" "role" NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"origin" text NOT NULL,
	"external_id" text NOT NULL,
	"lead_id" bigint NOT NULL,
	"channel" "channel" NOT NULL,
	"direction" "direction" NOT NULL,
	"automated" boolean DEFAULT false NOT NULL,
	"purpose" "purpose" DEFAULT 'sales' NOT NULL,
	"agent_id" bigint,
	"started_at" timestamp with time zone NOT NULL,
	"outcome" "call_outcome",
	"duration_seconds" integer,
	"message_status" "message_status",
	"queued_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"read_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	"template_id" bigint,
	"reply_to_external_id" text,
	"disposition_code" text,
	"import_id" bigint,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "disposition_codes" (
	"origin" text NOT NULL,
	"code" text NOT NULL,
	"disposition_id" bigint NOT NULL,
	CONSTRAINT "disposition_codes_origin_code_pk" PRIMARY KEY("origin","code")
);
--> statement-breakpoint
CREATE TABLE "dispositions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"contact" boolean DEFAULT false NOT NULL,
	"invalid_contact" boolean DEFAULT false NOT NULL,
	"do_not_contact" boolean DEFAULT false NOT NULL,
	"not_interested" boolean DEFAULT false NOT NULL,
	"converted" boolean DEFAULT false NOT NULL,
	"callback" boolean DEFAULT false NOT NULL,
	"test_record" boolean DEFAULT false NOT NULL,
	CONSTRAINT "dispositions_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "imports" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"preset" text NOT NULL,
	"file_name" text NOT NULL,
	"file_sha256" text NOT NULL,
	"user_id" bigint,
	"status" "import_status" DEFAULT 'running' NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"rows_read" integer DEFAULT 0 NOT NULL,
	"inserted" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"skipped" integer DEFAULT 0 NOT NULL,
	"problems" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "leads" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"origin" text NOT NULL,
	"external_id" text NOT NULL,
	"source_id" bigint NOT NULL,
	"campaign_id" bigint,
	"created_at" timestamp with time zone,
	"time_zone" text NOT NULL,
	"phone_e164" text,
	"phone_raw" text,
	"email" text,
	"consent_call" boolean,
	"consent_whatsapp" boolean,
	"consent_sms" boolean,
	"consent_email" boolean,
	"consent_at" timestamp with time zone,
	"preferred_slot_start" timestamp with time zone,
	"preferred_slot_end" timestamp with time zone,
	"value_minor" bigint,
	"value_currency" char(3),
	"value_unit" "value_unit",
	"converted" boolean DEFAULT false NOT NULL,
	"converted_at" timestamp with time zone,
	"conversion_value_minor" bigint,
	"conversion_currency" char(3),
	"disposition_code" text,
	"is_test" boolean DEFAULT false NOT NULL,
	"holdout" boolean DEFAULT false NOT NULL,
	"person_id" bigint,
	"is_duplicate" boolean DEFAULT false NOT NULL,
	"import_id" bigint,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "persons" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	CONSTRAINT "persons_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "agents" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"external_id" text NOT NULL,
	"name" text NOT NULL,
	"team_id" bigint
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"source_id" bigint,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "source_aliases" (
	"alias" text PRIMARY KEY NOT NULL,
	"source_id" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sources" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"cost_per_lead_minor" bigint,
	"cost_currency" char(3),
	CONSTRAINT "sources_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "teams" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "teams_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "templates" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"body" text,
	"names_company_and_person" boolean DEFAULT false NOT NULL,
	"states_reason" boolean DEFAULT false NOT NULL,
	"professional_tone" boolean DEFAULT false NOT NULL,
	"one_next_step" boolean DEFAULT false NOT NULL,
	CONSTRAINT "templates_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"organisation_name" text DEFAULT 'Reachboard' NOT NULL,
	"organisation_timezone" text DEFAULT 'Europe/Madrid' NOT NULL,
	"report_timezone" text DEFAULT 'Europe/Madrid' NOT NULL,
	"default_country" char(2) DEFAULT 'ES' NOT NULL,
	"duplicate_window_days" integer DEFAULT 30 NOT NULL,
	"contact_window_days" integer DEFAULT 7 NOT NULL,
	"speed_target_minutes" integer DEFAULT 5 NOT NULL,
	"min_cell_attempts" integer DEFAULT 20 NOT NULL,
	"policy_calls" integer DEFAULT 4 NOT NULL,
	"policy_slots" integer DEFAULT 3 NOT NULL,
	"policy_window_hours" integer DEFAULT 24 NOT NULL,
	"slots" jsonb DEFAULT '[{"name":"morning","startHour":8,"endHour":12},{"name":"midday","startHour":12,"endHour":15},{"name":"afternoon","startHour":15,"endHour":18},{"name":"evening","startHour":18,"endHour":21}]'::jsonb NOT NULL,
	"calling_hours_start" smallint DEFAULT 8 NOT NULL,
	"calling_hours_end" smallint DEFAULT 21 NOT NULL,
	"max_calls_per_day" integer DEFAULT 6 NOT NULL,
	"recovery_window_days" integer DEFAULT 7 NOT NULL,
	"expected_lifetime_months" integer DEFAULT 24 NOT NULL,
	"report_currency" char(3) DEFAULT 'EUR' NOT NULL,
	"currency_rates" jsonb DEFAULT '{"EUR":1}'::jsonb NOT NULL,
	"contact_rate_target_percent" integer DEFAULT 40 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	CONSTRAINT "settings_single_row" CHECK ("settings"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" bigint,
	"action" text NOT NULL,
	"details" jsonb
);
--> statement-breakpoint
CREATE TABLE "sign_in_failures" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"account_key" text NOT NULL,
	"address" text
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" "role" NOT NULL,
	"password_hash" text NOT NULL,
	"must_change_password" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"session_version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attempts" ADD CONSTRAINT "attempts_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attempts" ADD CONSTRAINT "attempts_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attempts" ADD CONSTRAINT "attempts_template_id_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attempts" ADD CONSTRAINT "attempts_import_id_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."imports"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disposition_codes" ADD CONSTRAINT "disposition_codes_disposition_id_dispositions_id_fk" FOREIGN KEY ("disposition_id") REFERENCES "public"."dispositions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_import_id_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."imports"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agents" ADD CONSTRAINT "agents_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "source_aliases" ADD CONSTRAINT "source_aliases_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agg_attempt_facts_lead" ON "agg_attempt_facts" USING btree ("lead_id");--> statement-breakpoint
CREATE INDEX "agg_lead_facts_day" ON "agg_lead_facts" USING btree ("day","source_id");--> statement-breakpoint
CREATE INDEX "agg_lead_facts_speed" ON "agg_lead_facts" USING btree ("speed_bucket","day");--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_hash" ON "api_keys" USING btree ("hash");--> statement-breakpoint
CREATE UNIQUE INDEX "attempts_origin_external_id" ON "attempts" USING btree ("origin","external_id");--> statement-breakpoint
CREATE INDEX "attempts_lead_started" ON "attempts" USING btree ("lead_id","started_at");--> statement-breakpoint
CREATE INDEX "attempts_started" ON "attempts" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "attempts_agent" ON "attempts" USING btree ("agent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "leads_origin_external_id" ON "leads" USING btree ("origin","external_id");--> statement-breakpoint
CREATE INDEX "leads_created_at" ON "leads" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "leads_source" ON "leads" USING btree ("source_id");--> statement-breakpoint
CREATE INDEX "leads_person" ON "leads" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "leads_phone" ON "leads" USING btree ("phone_e164");--> statement-breakpoint
CREATE UNIQUE INDEX "agents_external_id" ON "agents" USING btree ("external_id");--> statement-breakpoint
CREATE INDEX "agents_team" ON "agents" USING btree ("team_id");--> statement-breakpoint
CREATE UNIQUE INDEX "campaigns_source_name" ON "campaigns" USING btree ("source_id","name");--> statement-breakpoint
CREATE INDEX "audit_log_at" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "sign_in_failures_account" ON "sign_in_failures" USING btree ("account_key","at");--> statement-breakpoint
CREATE INDEX "sign_in_failures_address" ON "sign_in_failures" USING btree ("address","at");
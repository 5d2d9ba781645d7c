CREATE TABLE "findings_report_quotes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partnership_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"answer_id" uuid NOT NULL,
	"field" text NOT NULL,
	"theme_key" text NOT NULL,
	"agency_name" text NOT NULL,
	"question_text" text NOT NULL,
	"quote" text NOT NULL,
	"chosen_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "findings_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partnership_id" uuid NOT NULL,
	"cycle_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"method" text DEFAULT '' NOT NULL,
	"participation" text DEFAULT '' NOT NULL,
	"theme_findings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"improvements" text DEFAULT '' NOT NULL,
	"recommendations" text DEFAULT '' NOT NULL,
	"compared_cycle_id" uuid,
	"figures" jsonb,
	"updated_by" uuid,
	"finalised_at" timestamp with time zone,
	"finalised_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "findings_report_quotes" ADD CONSTRAINT "findings_report_quotes_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings_report_quotes" ADD CONSTRAINT "findings_report_quotes_report_id_findings_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."findings_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings_report_quotes" ADD CONSTRAINT "findings_report_quotes_answer_id_answers_id_fk" FOREIGN KEY ("answer_id") REFERENCES "public"."answers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings_report_quotes" ADD CONSTRAINT "findings_report_quotes_chosen_by_users_id_fk" FOREIGN KEY ("chosen_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings_reports" ADD CONSTRAINT "findings_reports_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings_reports" ADD CONSTRAINT "findings_reports_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings_reports" ADD CONSTRAINT "findings_reports_compared_cycle_id_cycles_id_fk" FOREIGN KEY ("compared_cycle_id") REFERENCES "public"."cycles"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings_reports" ADD CONSTRAINT "findings_reports_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings_reports" ADD CONSTRAINT "findings_reports_finalised_by_users_id_fk" FOREIGN KEY ("finalised_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "findings_report_quotes_answer_field" ON "findings_report_quotes" USING btree ("report_id","answer_id","field");--> statement-breakpoint
CREATE UNIQUE INDEX "findings_reports_cycle_partnership" ON "findings_reports" USING btree ("cycle_id","partnership_id");
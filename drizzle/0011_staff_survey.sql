CREATE TABLE "survey_answers" (
	"response_id" uuid NOT NULL,
	"partnership_id" uuid NOT NULL,
	"statement_id" uuid NOT NULL,
	"answer" text NOT NULL,
	CONSTRAINT "survey_answers_response_id_statement_id_pk" PRIMARY KEY("response_id","statement_id"),
	CONSTRAINT "survey_answers_answer_valid" CHECK ("survey_answers"."answer" in ('strongly_disagree','disagree','neither','agree','strongly_agree','dont_know'))
);
--> statement-breakpoint
CREATE TABLE "survey_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partnership_id" uuid NOT NULL,
	"cycle_id" uuid NOT NULL,
	"return_id" uuid NOT NULL,
	"token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partnership_id" uuid NOT NULL,
	"cycle_id" uuid NOT NULL,
	"return_id" uuid NOT NULL,
	"submitted_on" date NOT NULL,
	"comment" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_statements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partnership_id" uuid NOT NULL,
	"cycle_id" uuid NOT NULL,
	"theme_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"text" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "surveys" (
	"cycle_id" uuid PRIMARY KEY NOT NULL,
	"partnership_id" uuid NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"closes_on" date,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "survey_answers" ADD CONSTRAINT "survey_answers_response_id_survey_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."survey_responses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_answers" ADD CONSTRAINT "survey_answers_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_answers" ADD CONSTRAINT "survey_answers_statement_id_survey_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."survey_statements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_links" ADD CONSTRAINT "survey_links_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_links" ADD CONSTRAINT "survey_links_cycle_id_surveys_cycle_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."surveys"("cycle_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_links" ADD CONSTRAINT "survey_links_return_id_returns_id_fk" FOREIGN KEY ("return_id") REFERENCES "public"."returns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_cycle_id_surveys_cycle_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."surveys"("cycle_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_return_id_returns_id_fk" FOREIGN KEY ("return_id") REFERENCES "public"."returns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_statements" ADD CONSTRAINT "survey_statements_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_statements" ADD CONSTRAINT "survey_statements_cycle_id_surveys_cycle_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."surveys"("cycle_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_statements" ADD CONSTRAINT "survey_statements_theme_id_template_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."template_themes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "survey_answers_statement" ON "survey_answers" USING btree ("statement_id");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_links_return" ON "survey_links" USING btree ("return_id");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_links_token" ON "survey_links" USING btree ("token");--> statement-breakpoint
CREATE INDEX "survey_responses_return" ON "survey_responses" USING btree ("return_id");--> statement-breakpoint
CREATE INDEX "survey_responses_cycle" ON "survey_responses" USING btree ("cycle_id");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_statements_cycle_theme_position" ON "survey_statements" USING btree ("cycle_id","theme_id","position");
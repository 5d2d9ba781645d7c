CREATE TABLE "challenge_event_returns" (
	"partnership_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"return_id" uuid NOT NULL,
	CONSTRAINT "challenge_event_returns_event_id_return_id_pk" PRIMARY KEY("event_id","return_id")
);
--> statement-breakpoint
CREATE TABLE "challenge_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partnership_id" uuid NOT NULL,
	"cycle_id" uuid NOT NULL,
	"title" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"location" text NOT NULL,
	"chair" text NOT NULL,
	"attendees" text DEFAULT '' NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"notes_updated_at" timestamp with time zone,
	"notes_updated_by" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "return_outcomes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partnership_id" uuid NOT NULL,
	"return_id" uuid NOT NULL,
	"decision" text NOT NULL,
	"reasons" text DEFAULT '' NOT NULL,
	"theme_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"decided_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "return_outcomes_decision_valid" CHECK ("return_outcomes"."decision" in ('accepted','returned'))
);
--> statement-breakpoint
DROP INDEX "actions_return_theme_rating";--> statement-breakpoint
ALTER TABLE "actions" ADD COLUMN "challenge_event_id" uuid;--> statement-breakpoint
ALTER TABLE "returns" ADD COLUMN "reopened_theme_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
ALTER TABLE "challenge_event_returns" ADD CONSTRAINT "challenge_event_returns_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_event_returns" ADD CONSTRAINT "challenge_event_returns_event_id_challenge_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."challenge_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_event_returns" ADD CONSTRAINT "challenge_event_returns_return_id_returns_id_fk" FOREIGN KEY ("return_id") REFERENCES "public"."returns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_events" ADD CONSTRAINT "challenge_events_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_events" ADD CONSTRAINT "challenge_events_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_events" ADD CONSTRAINT "challenge_events_notes_updated_by_users_id_fk" FOREIGN KEY ("notes_updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_events" ADD CONSTRAINT "challenge_events_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_outcomes" ADD CONSTRAINT "return_outcomes_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_outcomes" ADD CONSTRAINT "return_outcomes_return_id_returns_id_fk" FOREIGN KEY ("return_id") REFERENCES "public"."returns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_outcomes" ADD CONSTRAINT "return_outcomes_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "challenge_event_returns_return" ON "challenge_event_returns" USING btree ("return_id");--> statement-breakpoint
CREATE INDEX "challenge_events_cycle" ON "challenge_events" USING btree ("partnership_id","cycle_id","starts_at");--> statement-breakpoint
CREATE INDEX "return_outcomes_return" ON "return_outcomes" USING btree ("return_id","created_at");--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_challenge_event_id_challenge_events_id_fk" FOREIGN KEY ("challenge_event_id") REFERENCES "public"."challenge_events"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "actions_return_theme_rating" ON "actions" USING btree ("return_id","theme_id") WHERE "actions"."question_id" is null and "actions"."challenge_event_id" is null;
CREATE TABLE "action_reminders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partnership_id" uuid NOT NULL,
	"action_id" uuid NOT NULL,
	"step" text NOT NULL,
	"sent_to" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "enquiries" ALTER COLUMN "agency_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "enquiries" ADD COLUMN "public_name" text;--> statement-breakpoint
ALTER TABLE "enquiries" ADD COLUMN "public_email" text;--> statement-breakpoint
ALTER TABLE "enquiries" ADD COLUMN "public_organisation" text;--> statement-breakpoint
ALTER TABLE "partnerships" ADD COLUMN "public_pages" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "partnerships" ADD COLUMN "action_reminders" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "partnerships" ADD COLUMN "overdue_reminder_days" integer DEFAULT 7 NOT NULL;--> statement-breakpoint
ALTER TABLE "action_reminders" ADD CONSTRAINT "action_reminders_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_reminders" ADD CONSTRAINT "action_reminders_action_id_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "action_reminders_action_step" ON "action_reminders" USING btree ("action_id","step");--> statement-breakpoint
ALTER TABLE "enquiries" ADD CONSTRAINT "enquiries_from_agency_or_public" CHECK ("enquiries"."agency_id" is not null or "enquiries"."public_email" is not null);
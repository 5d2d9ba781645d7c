CREATE TABLE "return_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partnership_id" uuid NOT NULL,
	"return_id" uuid NOT NULL,
	"notice" text NOT NULL,
	"sent_to" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cycles" ADD COLUMN "reminder_days_before" integer[] DEFAULT '{14,3}'::integer[] NOT NULL;--> statement-breakpoint
ALTER TABLE "cycles" ADD COLUMN "reminder_days_after" integer[] DEFAULT '{1}'::integer[] NOT NULL;--> statement-breakpoint
ALTER TABLE "outgoing_mail" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "return_notices" ADD CONSTRAINT "return_notices_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_notices" ADD CONSTRAINT "return_notices_return_id_returns_id_fk" FOREIGN KEY ("return_id") REFERENCES "public"."returns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "return_notices_return_notice" ON "return_notices" USING btree ("return_id","notice");--> statement-breakpoint
-- Audits already open before automatic invitations existed have invited their agencies already.
INSERT INTO "return_notices" ("partnership_id", "return_id", "notice", "sent_to")
SELECT r."partnership_id", r."id", 'invitation', '(sent before automatic invitations)'
FROM "returns" r JOIN "cycles" c ON c."id" = r."cycle_id" WHERE c."opens_at" <= now();

CREATE TABLE "agency_share_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partnership_id" uuid NOT NULL,
	"asked_partnership_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"locality_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"lead_contact_email" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"decline_reason" text,
	"requested_by" uuid,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "ods_code" text;--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "urn" text;--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "company_number" text;--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "charity_number" text;--> statement-breakpoint
ALTER TABLE "agency_share_requests" ADD CONSTRAINT "agency_share_requests_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_share_requests" ADD CONSTRAINT "agency_share_requests_asked_partnership_id_partnerships_id_fk" FOREIGN KEY ("asked_partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_share_requests" ADD CONSTRAINT "agency_share_requests_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_share_requests" ADD CONSTRAINT "agency_share_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_share_requests" ADD CONSTRAINT "agency_share_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agency_share_requests_partnership" ON "agency_share_requests" USING btree ("partnership_id","status");--> statement-breakpoint
CREATE INDEX "agency_share_requests_asked" ON "agency_share_requests" USING btree ("asked_partnership_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "agency_share_requests_pending" ON "agency_share_requests" USING btree ("partnership_id","agency_id") WHERE status = 'pending';
CREATE TABLE "cycle_partnerships" (
	"cycle_id" uuid NOT NULL,
	"partnership_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cycle_partnerships_cycle_id_partnership_id_pk" PRIMARY KEY("cycle_id","partnership_id")
);
--> statement-breakpoint
ALTER TABLE "cycle_partnerships" ADD CONSTRAINT "cycle_partnerships_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cycle_partnerships" ADD CONSTRAINT "cycle_partnerships_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cycle_partnerships_partnership" ON "cycle_partnerships" USING btree ("partnership_id");
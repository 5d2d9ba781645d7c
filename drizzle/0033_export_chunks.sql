CREATE TABLE "cycle_export_chunks" (
	"export_id" uuid NOT NULL,
	"partnership_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"data" "bytea" NOT NULL,
	CONSTRAINT "cycle_export_chunks_export_id_seq_pk" PRIMARY KEY("export_id","seq")
);
--> statement-breakpoint
ALTER TABLE "cycle_export_chunks" ADD CONSTRAINT "cycle_export_chunks_export_id_cycle_exports_id_fk" FOREIGN KEY ("export_id") REFERENCES "public"."cycle_exports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cycle_export_chunks" ADD CONSTRAINT "cycle_export_chunks_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Files made before: each becomes its export's one piece, then the column goes.
INSERT INTO "cycle_export_chunks" ("export_id", "partnership_id", "seq", "data")
  SELECT "id", "partnership_id", 0, "data" FROM "cycle_exports" WHERE "data" IS NOT NULL;
--> statement-breakpoint
ALTER TABLE "cycle_exports" DROP COLUMN "data";
--> statement-breakpoint
-- The same wall as every audit record's (0029): the acting partnership and its joint-audit partners.
ALTER TABLE "cycle_export_chunks" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "cycle_export_chunks_partnership" ON "cycle_export_chunks" FOR ALL TO PUBLIC
  USING ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]))
  WITH CHECK ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]));

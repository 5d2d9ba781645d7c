CREATE TABLE "return_grades" (
	"return_id" uuid PRIMARY KEY NOT NULL,
	"partnership_id" uuid NOT NULL,
	"shape" text NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"self_codes" text NOT NULL,
	"response_codes" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "return_grades" ADD CONSTRAINT "return_grades_return_id_returns_id_fk" FOREIGN KEY ("return_id") REFERENCES "public"."returns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_grades" ADD CONSTRAINT "return_grades_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "return_grades_partnership" ON "return_grades" USING btree ("partnership_id");--> statement-breakpoint
ALTER TABLE "return_grades" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "return_grades_partnership" ON "return_grades" FOR ALL TO PUBLIC
  USING ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]))
  WITH CHECK ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]));
--> statement-breakpoint
-- A return's kept grades go as soon as any of its answers or theme ratings is written or deleted,
-- whoever writes them and however (a save, a carried-forward answer, the anonymisation of an
-- audit): the results work them out again from the answers the next time. Once per statement, for
-- every return it touched; as the tables' owner, so no policy hides a row from it.
CREATE FUNCTION "app_forget_return_grades"() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp AS $$
BEGIN
  DELETE FROM return_grades g USING (SELECT DISTINCT return_id FROM changed) c WHERE g.return_id = c.return_id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION "app_forget_return_grades"() FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER "answers_forget_grades_insert" AFTER INSERT ON "answers"
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "app_forget_return_grades"();
--> statement-breakpoint
CREATE TRIGGER "answers_forget_grades_update" AFTER UPDATE ON "answers"
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "app_forget_return_grades"();
--> statement-breakpoint
CREATE TRIGGER "answers_forget_grades_delete" AFTER DELETE ON "answers"
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "app_forget_return_grades"();
--> statement-breakpoint
CREATE TRIGGER "theme_ratings_forget_grades_insert" AFTER INSERT ON "theme_ratings"
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "app_forget_return_grades"();
--> statement-breakpoint
CREATE TRIGGER "theme_ratings_forget_grades_update" AFTER UPDATE ON "theme_ratings"
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "app_forget_return_grades"();
--> statement-breakpoint
CREATE TRIGGER "theme_ratings_forget_grades_delete" AFTER DELETE ON "theme_ratings"
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "app_forget_return_grades"();

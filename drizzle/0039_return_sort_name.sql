ALTER TABLE "returns" ADD COLUMN "agency_sort_name" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX "returns_cycle_sort" ON "returns" USING btree ("cycle_id","agency_sort_name","id");--> statement-breakpoint
-- Every return's agency name, for the order of a cycle's lists; then kept by the database: set as a
-- return is made (or moved to another agency), and again on every return of an agency renamed.
-- As the tables' owner, so no policy hides the agency or its returns from it.
UPDATE "returns" r SET "agency_sort_name" = lower(a."name") FROM "agencies" a WHERE a."id" = r."agency_id";
--> statement-breakpoint
CREATE FUNCTION "app_return_sort_name"() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp AS $$
BEGIN
  NEW."agency_sort_name" := coalesce((SELECT lower(a."name") FROM "agencies" a WHERE a."id" = NEW."agency_id"), '');
  RETURN NEW;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION "app_return_sort_name"() FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER "returns_sort_name" BEFORE INSERT OR UPDATE OF "agency_id", "agency_sort_name" ON "returns"
  FOR EACH ROW EXECUTE FUNCTION "app_return_sort_name"();
--> statement-breakpoint
CREATE FUNCTION "app_agency_renamed"() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE "returns" SET "agency_sort_name" = lower(NEW."name") WHERE "agency_id" = NEW."id";
  RETURN NULL;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION "app_agency_renamed"() FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER "agencies_renamed" AFTER UPDATE OF "name" ON "agencies"
  FOR EACH ROW WHEN (OLD."name" IS DISTINCT FROM NEW."name") EXECUTE FUNCTION "app_agency_renamed"();

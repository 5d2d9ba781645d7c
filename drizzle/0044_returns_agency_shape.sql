ALTER TABLE "returns" ADD COLUMN "agency_sector" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "returns" ADD COLUMN "locality_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
-- The agency's sector and localities on each of its returns (the localities it has in the return's
-- partnership, in order), which decide the themes that apply to the return; then kept by the
-- database: set as a return is made (or moved to another agency), and again on every return of an
-- agency whose sector or localities change (however they change: an edit, an import, a locality
-- deleted). As the tables' owner, so no policy hides the agency, its localities or its returns.
CREATE FUNCTION "app_agency_locality_ids"("agency" uuid, "partnership" uuid) RETURNS uuid[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT coalesce(array_agg(al."locality_id" ORDER BY al."locality_id"), '{}'::uuid[])
    FROM "agency_localities" al WHERE al."agency_id" = "agency" AND al."partnership_id" = "partnership"
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION "app_agency_locality_ids"(uuid, uuid) FROM PUBLIC;
--> statement-breakpoint
UPDATE "returns" r SET "agency_sector" = a."sector",
  "locality_ids" = "app_agency_locality_ids"(r."agency_id", r."partnership_id")
  FROM "agencies" a WHERE a."id" = r."agency_id";
--> statement-breakpoint
CREATE FUNCTION "app_return_agency_shape"() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp AS $$
BEGIN
  NEW."agency_sector" := coalesce((SELECT a."sector" FROM "agencies" a WHERE a."id" = NEW."agency_id"), '');
  NEW."locality_ids" := "app_agency_locality_ids"(NEW."agency_id", NEW."partnership_id");
  RETURN NEW;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION "app_return_agency_shape"() FROM PUBLIC;
--> statement-breakpoint
-- Written by anyone else (a direct update of the columns) they are worked out again.
CREATE TRIGGER "returns_agency_shape" BEFORE INSERT OR UPDATE OF "agency_id", "partnership_id", "agency_sector", "locality_ids" ON "returns"
  FOR EACH ROW EXECUTE FUNCTION "app_return_agency_shape"();
--> statement-breakpoint
CREATE FUNCTION "app_agency_sector_changed"() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE "returns" SET "agency_sector" = NEW."sector" WHERE "agency_id" = NEW."id";
  RETURN NULL;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION "app_agency_sector_changed"() FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER "agencies_sector_changed" AFTER UPDATE OF "sector" ON "agencies"
  FOR EACH ROW WHEN (OLD."sector" IS DISTINCT FROM NEW."sector") EXECUTE FUNCTION "app_agency_sector_changed"();
--> statement-breakpoint
-- Once per statement, for every agency and partnership whose localities it changed.
CREATE FUNCTION "app_agency_localities_changed"() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE "returns" r SET "locality_ids" = "app_agency_locality_ids"(r."agency_id", r."partnership_id")
      FROM (SELECT DISTINCT "agency_id", "partnership_id" FROM added) c
      WHERE r."agency_id" = c."agency_id" AND r."partnership_id" = c."partnership_id";
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE "returns" r SET "locality_ids" = "app_agency_locality_ids"(r."agency_id", r."partnership_id")
      FROM (SELECT DISTINCT "agency_id", "partnership_id" FROM removed) c
      WHERE r."agency_id" = c."agency_id" AND r."partnership_id" = c."partnership_id";
  ELSE
    UPDATE "returns" r SET "locality_ids" = "app_agency_locality_ids"(r."agency_id", r."partnership_id")
      FROM (SELECT "agency_id", "partnership_id" FROM added UNION SELECT "agency_id", "partnership_id" FROM removed) c
      WHERE r."agency_id" = c."agency_id" AND r."partnership_id" = c."partnership_id";
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION "app_agency_localities_changed"() FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER "agency_localities_insert" AFTER INSERT ON "agency_localities"
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION "app_agency_localities_changed"();
--> statement-breakpoint
CREATE TRIGGER "agency_localities_delete" AFTER DELETE ON "agency_localities"
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION "app_agency_localities_changed"();
--> statement-breakpoint
CREATE TRIGGER "agency_localities_update" AFTER UPDATE ON "agency_localities"
  REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION "app_agency_localities_changed"();

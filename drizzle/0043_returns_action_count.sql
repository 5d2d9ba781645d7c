ALTER TABLE "returns" ADD COLUMN "action_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Each return's number of actions, then kept by the database as actions are added, deleted or moved
-- to another return, whoever writes them and however (a save, an import, the deletion of a return
-- or an audit): added or deleted, once per statement for every return it touched; moved, row by
-- row. As the tables' owner, so no policy hides a return from it.
UPDATE "returns" r SET "action_count" = c.n
  FROM (SELECT "return_id", count(*)::int AS n FROM "actions" GROUP BY "return_id") c WHERE c."return_id" = r."id";
--> statement-breakpoint
CREATE FUNCTION "app_count_return_actions"() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE "returns" r SET "action_count" = r."action_count" + c.n
      FROM (SELECT "return_id", count(*)::int AS n FROM added GROUP BY "return_id") c WHERE r."id" = c."return_id";
  ELSE
    UPDATE "returns" r SET "action_count" = r."action_count" - c.n
      FROM (SELECT "return_id", count(*)::int AS n FROM removed GROUP BY "return_id") c WHERE r."id" = c."return_id";
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION "app_count_return_actions"() FROM PUBLIC;
--> statement-breakpoint
-- An action moved to another return (rare): row by row, and only when its return changed, so the
-- saves that change an action's text or status pay nothing for the count.
CREATE FUNCTION "app_move_return_action"() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE "returns" SET "action_count" = "action_count" - 1 WHERE "id" = OLD."return_id";
  UPDATE "returns" SET "action_count" = "action_count" + 1 WHERE "id" = NEW."return_id";
  RETURN NULL;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION "app_move_return_action"() FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER "actions_count_insert" AFTER INSERT ON "actions"
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION "app_count_return_actions"();
--> statement-breakpoint
CREATE TRIGGER "actions_count_delete" AFTER DELETE ON "actions"
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION "app_count_return_actions"();
--> statement-breakpoint
CREATE TRIGGER "actions_count_move" AFTER UPDATE OF "return_id" ON "actions"
  FOR EACH ROW WHEN (OLD."return_id" IS DISTINCT FROM NEW."return_id") EXECUTE FUNCTION "app_move_return_action"();

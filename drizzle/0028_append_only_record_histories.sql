-- The change histories of records edited outside a return (record_history: findings report drafts,
-- guidance and FAQ pages, the partnership's details) and of draft templates (template_draft_history)
-- are append-only for the app, as return_history is (0025). Rows are only added, except:
--  * the anonymisation of personal data, in a transaction that says so first
--    (select set_config('app.anonymising', 'on', true));
--  * what a foreign key does to them (removed with their template version or partnership, or the
--    person's link cleared): pg_trigger_depth() > 1.
-- A plain UPDATE, DELETE or TRUNCATE is refused with SQLSTATE 42501.
CREATE FUNCTION "record_histories_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(current_setting('app.anonymising', true), '') = 'on' THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  IF pg_trigger_depth() > 1 THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = '42501';
END $$;
--> statement-breakpoint
CREATE TRIGGER "record_history_append_only" BEFORE UPDATE OR DELETE ON "record_history"
  FOR EACH ROW EXECUTE FUNCTION "record_histories_append_only"();
--> statement-breakpoint
CREATE TRIGGER "template_draft_history_append_only" BEFORE UPDATE OR DELETE ON "template_draft_history"
  FOR EACH ROW EXECUTE FUNCTION "record_histories_append_only"();
--> statement-breakpoint
CREATE TRIGGER "record_history_no_truncate" BEFORE TRUNCATE ON "record_history"
  FOR EACH STATEMENT EXECUTE FUNCTION "append_only_no_truncate"();
--> statement-breakpoint
CREATE TRIGGER "template_draft_history_no_truncate" BEFORE TRUNCATE ON "template_draft_history"
  FOR EACH STATEMENT EXECUTE FUNCTION "append_only_no_truncate"();

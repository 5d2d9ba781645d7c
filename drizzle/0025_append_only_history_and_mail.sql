-- The change history (return_history) and the record of sent mail (outgoing_mail) are append-only
-- for the app. Rows are only added, except:
--  * the anonymisation of personal data, which rewrites names and addresses inside a transaction
--    that says so first: select set_config('app.anonymising', 'on', true) (see personal-data.ts);
--  * rows removed with their return or partnership (a foreign key cascade, pg_trigger_depth() > 1);
--  * delivery marking a mail's status, attempts, last error and sent time (never who it went to,
--    its subject or its text).
-- A plain UPDATE, DELETE or TRUNCATE is refused with SQLSTATE 42501.
CREATE FUNCTION "return_history_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(current_setting('app.anonymising', true), '') = 'on' THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  IF TG_OP = 'DELETE' AND pg_trigger_depth() > 1 THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'return_history is append-only: % refused', TG_OP USING ERRCODE = '42501';
END $$;
--> statement-breakpoint
CREATE FUNCTION "outgoing_mail_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(current_setting('app.anonymising', true), '') = 'on' THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  IF TG_OP = 'DELETE' AND pg_trigger_depth() > 1 THEN
    RETURN OLD;
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.id = OLD.id
      AND NEW.partnership_id IS NOT DISTINCT FROM OLD.partnership_id
      AND NEW."to" = OLD."to" AND NEW.subject = OLD.subject AND NEW.body_text = OLD.body_text
      AND NEW.transport = OLD.transport AND NEW.created_at = OLD.created_at THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'outgoing_mail is append-only: % refused', TG_OP USING ERRCODE = '42501';
END $$;
--> statement-breakpoint
CREATE FUNCTION "append_only_no_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: TRUNCATE refused', TG_TABLE_NAME USING ERRCODE = '42501';
END $$;
--> statement-breakpoint
CREATE TRIGGER "return_history_append_only" BEFORE UPDATE OR DELETE ON "return_history"
  FOR EACH ROW EXECUTE FUNCTION "return_history_append_only"();
--> statement-breakpoint
CREATE TRIGGER "outgoing_mail_append_only" BEFORE UPDATE OR DELETE ON "outgoing_mail"
  FOR EACH ROW EXECUTE FUNCTION "outgoing_mail_append_only"();
--> statement-breakpoint
CREATE TRIGGER "return_history_no_truncate" BEFORE TRUNCATE ON "return_history"
  FOR EACH STATEMENT EXECUTE FUNCTION "append_only_no_truncate"();
--> statement-breakpoint
CREATE TRIGGER "outgoing_mail_no_truncate" BEFORE TRUNCATE ON "outgoing_mail"
  FOR EACH STATEMENT EXECUTE FUNCTION "append_only_no_truncate"();

-- Row-level security: a second wall, in the database, between partnerships.
--
-- The app's role `s11_app` (no login, not the tables' owner, so the policies apply to it) may read
-- and change the app's tables. Code that acts for one partnership runs, inside a transaction, as
-- that role with the transaction-local setting `app.partnership_id` (see src/db/partnership-scope.ts):
--   select set_config('role', 's11_app', true), set_config('app.partnership_id', '<uuid>', true)
-- and then sees and changes only the rows of that partnership, plus what the features that cross
-- partnerships need, said in the policies below:
--  * joint audits: the partnerships of a joint cycle (its lead and its partners) see each other's
--    audit records (cycles, returns and what hangs off them, templates, localities, agencies' links);
--  * an agency in several partnerships: each of them reads the others' links to that agency;
--  * template shares: a partnership reads the template versions shared with it (or with all);
--  * agency share requests: the asked partnership reads and answers them.
-- With the setting unset or empty every row is visible: the system's own context (jobs, the
-- platform admin, the anonymous survey and public forms, migrations, the command line).
-- The tables' owner (who runs the migrations) is not bound by the policies.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 's11_app') THEN
    CREATE ROLE "s11_app" NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  -- Another database on the same server created it meanwhile (roles belong to the server).
  NULL;
END $$;
--> statement-breakpoint
-- The owner (the user migrations run as) may take the role: SET ROLE needs membership.
DO $$
BEGIN
  IF NOT pg_has_role(current_user, 's11_app', 'MEMBER') THEN
    EXECUTE format('GRANT "s11_app" TO %I', current_user);
  END IF;
END $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA "public" TO "s11_app";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "public" TO "s11_app";
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "public" TO "s11_app";
--> statement-breakpoint
-- Tables and sequences later migrations create (as the same owner) are granted the same way.
ALTER DEFAULT PRIVILEGES IN SCHEMA "public" GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO "s11_app";
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA "public" GRANT USAGE, SELECT ON SEQUENCES TO "s11_app";
--> statement-breakpoint
-- The partnership the transaction acts for, or null (the system's context).
CREATE FUNCTION "app_current_partnership"() RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT nullif(current_setting('app.partnership_id', true), '')::uuid
$$;
--> statement-breakpoint
-- The helpers below read other tables as their owner (SECURITY DEFINER), so that a policy does not
-- run into the policies of the tables it looks at.
-- The acting partnership and those it takes part in a joint cycle with (lead or partner).
CREATE FUNCTION "app_audit_partnerships"() RETURNS uuid[] LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp AS $$
  SELECT array(
    SELECT "app_current_partnership"()
    UNION SELECT c.partnership_id FROM cycle_partnerships cp JOIN cycles c ON c.id = cp.cycle_id
      WHERE cp.partnership_id = "app_current_partnership"()
    UNION SELECT cp.partnership_id FROM cycles c JOIN cycle_partnerships cp ON cp.cycle_id = c.id
      WHERE c.partnership_id = "app_current_partnership"()
    UNION SELECT other.partnership_id FROM cycle_partnerships mine
      JOIN cycle_partnerships other ON other.cycle_id = mine.cycle_id
      WHERE mine.partnership_id = "app_current_partnership"()
  )
$$;
--> statement-breakpoint
-- The agencies the acting partnership has as members.
CREATE FUNCTION "app_member_agencies"() RETURNS uuid[] LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp AS $$
  SELECT array(SELECT agency_id FROM agency_memberships WHERE partnership_id = "app_current_partnership"())
$$;
--> statement-breakpoint
-- The template versions shared with the acting partnership (by name or with all).
CREATE FUNCTION "app_shared_template_versions"() RETURNS uuid[] LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp AS $$
  SELECT array(
    SELECT template_version_id FROM template_shares
    WHERE "app_current_partnership"() IS NOT NULL
      AND (all_partnerships OR "app_current_partnership"() = ANY (recipient_partnership_ids))
  )
$$;
--> statement-breakpoint
CREATE FUNCTION "app_shared_templates"() RETURNS uuid[] LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp AS $$
  SELECT array(SELECT template_id FROM template_versions WHERE id = ANY ("app_shared_template_versions"()))
$$;
--> statement-breakpoint
CREATE FUNCTION "app_shared_template_themes"() RETURNS uuid[] LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp AS $$
  SELECT array(SELECT id FROM template_themes WHERE template_version_id = ANY ("app_shared_template_versions"()))
$$;
--> statement-breakpoint
ALTER TABLE "action_reminders" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "action_reminders_partnership" ON "action_reminders" FOR ALL TO PUBLIC
  USING ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]))
  WITH CHECK ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]));
--> statement-breakpoint
ALTER TABLE "action_updates" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "action_updates_partnership" ON "action_updates" FOR ALL TO PUBLIC
  USING ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]))
  WITH CHECK ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]));
--> statement-breakpoint
ALTER TABLE "actions" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "actions_partnership" ON "actions" FOR ALL TO PUBLIC
  USING ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]))
  WITH CHECK ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]));
--> statement-breakpoint
ALTER TABLE "agency_imports" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "agency_imports_partnership" ON "agency_imports" FOR ALL TO PUBLIC
  USING ("app_current_partnership"() IS NULL OR "partnership_id" = "app_current_partnership"())
  WITH CHECK ("app_current_partnership"() IS NULL OR "partnership_id" = "app_current_partnership"());
--> statement-breakpoint
ALTER TABLE "agency_localities" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "agency_localities_partnership" ON "agency_localities" FOR ALL TO PUBLIC
  USING ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]))
  WITH CHECK ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]));
--> statement-breakpoint
ALTER TABLE "agency_memberships" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "agency_memberships_partnership" ON "agency_memberships" FOR ALL TO PUBLIC
  USING ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]))
  WITH CHECK ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]));
--> statement-breakpoint
CREATE POLICY "agency_memberships_shared_read" ON "agency_memberships" FOR SELECT TO PUBLIC USING ("agency_id" = ANY ((SELECT "app_member_agencies"())::uuid[]));
--> statement-breakpoint
ALTER TABLE "agency_share_requests" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "agency_share_requests_partnership" ON "agency_share_requests" FOR ALL TO PUBLIC
  USING ("app_current_partnership"() IS NULL OR "partnership_id" = "app_current_partnership"() OR "asked_partnership_id" = "app_current_partnership"())
  WITH CHECK ("app_current_partnership"() IS NULL OR "partnership_id" = "app_current_partnership"() OR "asked_partnership_id" = "app_current_partnership"());
--> statement-breakpoint
ALTER TABLE "answers" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "answers_partnership" ON "answers" FOR ALL TO PUBLIC
  USING ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]))
  WITH CHECK ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]));
--> statement-breakpoint
ALTER TABLE "api_tokens" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "api_tokens_partnership" ON "api_tokens" FOR ALL TO PUBLIC
  USING ("app_current_partnership"() IS NULL OR "partnership_id" = "app_current_partnership"())
  WITH CHECK ("app_current_partnership"() IS NULL OR "partnership_id" = "app_current_partnership"());
--> statement-breakpoint
ALTER TABLE "challenge_event_returns" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "challenge_event_returns_partnership" ON "challenge_event_returns" FOR ALL TO PUBLIC
  USING ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]))
  WITH CHECK ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]));
--> statement-breakpoint
ALTER TABLE "challenge_events" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "challenge_events_partnership" ON "challenge_events" FOR ALL TO PUBLIC
  USING ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]))
  WITH CHECK ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]));
--> statement-breakpoint
ALTER TABLE "challenge_messages" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "challenge_messages_partnership" ON "challenge_messages" FOR ALL TO PUBLIC
  USING ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]))
  WITH CHECK ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]));
--> statement-breakpoint
ALTER TABLE "challenges" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "challenges_partnership" ON "challenges" FOR ALL TO PUBLIC
  USING ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]))
  WITH CHECK ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]));
--> statement-breakpoint
ALTER TABLE "cycle_exports" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "cycle_exports_partnership" ON "cycle_exports" FOR ALL TO PUBLIC
  USING ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]))
  WITH CHECK ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]));
--> statement-breakpoint
ALTER TABLE "cycle_localities" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "cycle_localities_partnership" ON "cycle_localities" FOR ALL TO PUBLIC
  USING ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]))
  WITH CHECK ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]));
--> statement-breakpoint
ALTER TABLE "cycle_partnerships" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "cycle_partnerships_partnership" ON "cycle_partnerships" FOR ALL TO PUBLIC
  USING ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]))
  WITH CHECK ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]));
--> statement-breakpoint
ALTER TABLE "cycles" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "cycles_partnership" ON "cycles" FOR ALL TO PUBLIC
  USING ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]))
  WITH CHECK ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]));
--> statement-breakpoint
ALTER TABLE "enquiries" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "enquiries_partnership" ON "enquiries" FOR ALL TO PUBLIC
  USING ("app_current_partnership"() IS NULL OR "partnership_id" = "app_current_partnership"())
  WITH CHECK ("app_current_partnership"() IS NULL OR "partnership_id" = "app_current_partnership"());
--> statement-breakpoint
ALTER TABLE "enquiry_messages" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "enquiry_messages_partnership" ON "enquiry_messages" FOR ALL TO PUBLIC
  USING ("app_current_partnership"() IS NULL OR "partnership_id" = "app_current_partnership"())
  WITH CHECK ("app_current_partnership"() IS NULL OR "partnership_id" = "app_current_partnership"());
--> statement-breakpoint
ALTER TABLE "evidence_files" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "evidence_files_partnership" ON "evidence_files" FOR ALL TO PUBLIC
  USING ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]))
  WITH CHECK ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]));
--> statement-breakpoint
ALTER TABLE "evidence_requests" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "evidence_requests_partnership" ON "evidence_requests" FOR ALL TO PUBLIC
  USING ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]))
  WITH CHECK ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]));
--> statement-breakpoint
ALTER TABLE "findings_report_quotes" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "findings_report_quotes_partnership" ON "findings_report_quotes" FOR ALL TO PUBLIC
  USING ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]))
  WITH CHECK ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]));
--> statement-breakpoint
ALTER TABLE "findings_reports" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "findings_reports_partnership" ON "findings_reports" FOR ALL TO PUBLIC
  USING ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]))
  WITH CHECK ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]));
--> statement-breakpoint
ALTER TABLE "identity_providers" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "identity_providers_partnership" ON "identity_providers" FOR ALL TO PUBLIC
  USING ("app_current_partnership"() IS NULL OR "partnership_id" = "app_current_partnership"())
  WITH CHECK ("app_current_partnership"() IS NULL OR "partnership_id" = "app_current_partnership"());
--> statement-breakpoint
CREATE POLICY "identity_providers_shared_read" ON "identity_providers" FOR SELECT TO PUBLIC USING ("partnership_id" IS NULL);
--> statement-breakpoint
ALTER TABLE "invitations" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "invitations_partnership" ON "invitations" FOR ALL TO PUBLIC
  USING ("app_current_partnership"() IS NULL OR "partnership_id" = "app_current_partnership"())
  WITH CHECK ("app_current_partnership"() IS NULL OR "partnership_id" = "app_current_partnership"());
--> statement-breakpoint
ALTER TABLE "join_requests" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "join_requests_partnership" ON "join_requests" FOR ALL TO PUBLIC
  USING ("app_current_partnership"() IS NULL OR "partnership_id" = "app_current_partnership"())
  WITH CHECK ("app_current_partnership"() IS NULL OR "partnership_id" = "app_current_partnership"());
--> statement-breakpoint
ALTER TABLE "localities" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "localities_partnership" ON "localities" FOR ALL TO PUBLIC
  USING ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]))
  WITH CHECK ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]));
--> statement-breakpoint
ALTER TABLE "outgoing_mail" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "outgoing_mail_partnership" ON "outgoing_mail" FOR ALL TO PUBLIC
  USING ("app_current_partnership"() IS NULL OR "partnership_id" = "app_current_partnership"())
  WITH CHECK ("app_current_partnership"() IS NULL OR "partnership_id" = "app_current_partnership"());
--> statement-breakpoint
ALTER TABLE "partnership_logos" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "partnership_logos_partnership" ON "partnership_logos" FOR ALL TO PUBLIC
  USING ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]))
  WITH CHECK ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]));
--> statement-breakpoint
ALTER TABLE "partnership_pages" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "partnership_pages_partnership" ON "partnership_pages" FOR ALL TO PUBLIC
  USING ("app_current_partnership"() IS NULL OR "partnership_id" = "app_current_partnership"())
  WITH CHECK ("app_current_partnership"() IS NULL OR "partnership_id" = "app_current_partnership"());
--> statement-breakpoint
ALTER TABLE "partnership_roles" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "partnership_roles_partnership" ON "partnership_roles" FOR ALL TO PUBLIC
  USING ("app_current_partnership"() IS NULL OR "partnership_id" = "app_current_partnership"())
  WITH CHECK ("app_current_partnership"() IS NULL OR "partnership_id" = "app_current_partnership"());
--> statement-breakpoint
ALTER TABLE "personal_data_erasures" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "personal_data_erasures_partnership" ON "personal_data_erasures" FOR ALL TO PUBLIC
  USING ("app_current_partnership"() IS NULL OR "partnership_id" = "app_current_partnership"())
  WITH CHECK ("app_current_partnership"() IS NULL OR "partnership_id" = "app_current_partnership"());
--> statement-breakpoint
ALTER TABLE "record_history" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "record_history_partnership" ON "record_history" FOR ALL TO PUBLIC
  USING ("app_current_partnership"() IS NULL OR "partnership_id" = "app_current_partnership"())
  WITH CHECK ("app_current_partnership"() IS NULL OR "partnership_id" = "app_current_partnership"());
--> statement-breakpoint
ALTER TABLE "return_history" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "return_history_partnership" ON "return_history" FOR ALL TO PUBLIC
  USING ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]))
  WITH CHECK ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]));
--> statement-breakpoint
ALTER TABLE "return_notices" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "return_notices_partnership" ON "return_notices" FOR ALL TO PUBLIC
  USING ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]))
  WITH CHECK ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]));
--> statement-breakpoint
ALTER TABLE "return_outcomes" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "return_outcomes_partnership" ON "return_outcomes" FOR ALL TO PUBLIC
  USING ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]))
  WITH CHECK ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]));
--> statement-breakpoint
ALTER TABLE "returns" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "returns_partnership" ON "returns" FOR ALL TO PUBLIC
  USING ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]))
  WITH CHECK ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]));
--> statement-breakpoint
ALTER TABLE "survey_answers" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "survey_answers_partnership" ON "survey_answers" FOR ALL TO PUBLIC
  USING ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]))
  WITH CHECK ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]));
--> statement-breakpoint
ALTER TABLE "survey_links" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "survey_links_partnership" ON "survey_links" FOR ALL TO PUBLIC
  USING ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]))
  WITH CHECK ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]));
--> statement-breakpoint
ALTER TABLE "survey_responses" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "survey_responses_partnership" ON "survey_responses" FOR ALL TO PUBLIC
  USING ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]))
  WITH CHECK ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]));
--> statement-breakpoint
ALTER TABLE "survey_statements" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "survey_statements_partnership" ON "survey_statements" FOR ALL TO PUBLIC
  USING ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]))
  WITH CHECK ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]));
--> statement-breakpoint
ALTER TABLE "surveys" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "surveys_partnership" ON "surveys" FOR ALL TO PUBLIC
  USING ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]))
  WITH CHECK ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]));
--> statement-breakpoint
ALTER TABLE "template_draft_history" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "template_draft_history_partnership" ON "template_draft_history" FOR ALL TO PUBLIC
  USING ("app_current_partnership"() IS NULL OR "partnership_id" = "app_current_partnership"())
  WITH CHECK ("app_current_partnership"() IS NULL OR "partnership_id" = "app_current_partnership"());
--> statement-breakpoint
ALTER TABLE "template_questions" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "template_questions_partnership" ON "template_questions" FOR ALL TO PUBLIC
  USING ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]))
  WITH CHECK ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]));
--> statement-breakpoint
CREATE POLICY "template_questions_shared_read" ON "template_questions" FOR SELECT TO PUBLIC USING ("theme_id" = ANY ((SELECT "app_shared_template_themes"())::uuid[]));
--> statement-breakpoint
ALTER TABLE "template_shares" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "template_shares_partnership" ON "template_shares" FOR ALL TO PUBLIC
  USING ("app_current_partnership"() IS NULL OR "partnership_id" = "app_current_partnership"())
  WITH CHECK ("app_current_partnership"() IS NULL OR "partnership_id" = "app_current_partnership"());
--> statement-breakpoint
CREATE POLICY "template_shares_shared_read" ON "template_shares" FOR SELECT TO PUBLIC USING ("all_partnerships" OR "app_current_partnership"() = ANY ("recipient_partnership_ids"));
--> statement-breakpoint
ALTER TABLE "template_themes" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "template_themes_partnership" ON "template_themes" FOR ALL TO PUBLIC
  USING ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]))
  WITH CHECK ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]));
--> statement-breakpoint
CREATE POLICY "template_themes_shared_read" ON "template_themes" FOR SELECT TO PUBLIC USING ("template_version_id" = ANY ((SELECT "app_shared_template_versions"())::uuid[]));
--> statement-breakpoint
ALTER TABLE "template_versions" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "template_versions_partnership" ON "template_versions" FOR ALL TO PUBLIC
  USING ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]))
  WITH CHECK ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]));
--> statement-breakpoint
CREATE POLICY "template_versions_shared_read" ON "template_versions" FOR SELECT TO PUBLIC USING ("id" = ANY ((SELECT "app_shared_template_versions"())::uuid[]));
--> statement-breakpoint
ALTER TABLE "templates" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "templates_partnership" ON "templates" FOR ALL TO PUBLIC
  USING ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]))
  WITH CHECK ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]));
--> statement-breakpoint
CREATE POLICY "templates_shared_read" ON "templates" FOR SELECT TO PUBLIC USING ("id" = ANY ((SELECT "app_shared_templates"())::uuid[]));
--> statement-breakpoint
ALTER TABLE "theme_assignments" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "theme_assignments_partnership" ON "theme_assignments" FOR ALL TO PUBLIC
  USING ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]))
  WITH CHECK ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]));
--> statement-breakpoint
ALTER TABLE "theme_moderations" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "theme_moderations_partnership" ON "theme_moderations" FOR ALL TO PUBLIC
  USING ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]))
  WITH CHECK ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]));
--> statement-breakpoint
ALTER TABLE "theme_ratings" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "theme_ratings_partnership" ON "theme_ratings" FOR ALL TO PUBLIC
  USING ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]))
  WITH CHECK ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]));

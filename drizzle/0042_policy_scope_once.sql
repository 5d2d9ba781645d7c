-- The row-level policies ask for the acting partnership once a statement, not once a row.
--
-- `app_current_partnership()` (0029) is inlined as `nullif(current_setting(...), '')::uuid`, and the
-- policies called it for every row they let through: reading a setting and making a uuid of it each
-- time. Asked as a sub-select it is worked out once a statement (an InitPlan), as the partnerships
-- the policies compare with already were. The policies are otherwise as before (0029, 0031, 0033,
-- 0035-0038): the same tests, the same rows. Measured on the national data: counting a partnership's
-- 281,286 answers through the policy 401-505 -> 331-420 ms, its 101,689 actions 149-165 -> 126-134 ms;
-- the results page of 1,000 agencies p50 120-121 -> 111 ms.
-- Each table's own policy, `<table>_partnership`, in one of two forms: the partnerships it audits
-- with (0029's `app_audit_partnerships()`), or its own alone.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY[
    'action_reminders', 'action_updates', 'actions', 'agency_localities', 'agency_memberships',
    'answers', 'challenge_event_returns', 'challenge_events', 'challenge_messages', 'challenges',
    'cycle_export_chunks', 'cycle_exports', 'cycle_localities', 'cycle_partnerships', 'cycles',
    'evidence_files', 'evidence_requests', 'findings_report_quotes', 'findings_reports',
    'localities', 'partnership_logos', 'question_documents', 'return_grades', 'return_history',
    'return_notices', 'return_outcomes', 'returns', 'survey_answers', 'survey_links',
    'survey_responses', 'survey_statements', 'surveys', 'template_questions', 'template_themes',
    'template_versions', 'templates', 'theme_assignments', 'theme_moderations', 'theme_ratings'
  ] LOOP
    EXECUTE format('ALTER POLICY %I ON %I USING (%s) WITH CHECK (%3$s)', t || '_partnership', t,
      '(SELECT app_current_partnership()) IS NULL OR partnership_id = ANY ((SELECT app_audit_partnerships())::uuid[])');
  END LOOP;
  FOREACH t IN ARRAY ARRAY[
    'agency_imports', 'api_tokens', 'enquiries', 'enquiry_messages', 'identity_providers',
    'invitations', 'join_requests', 'outgoing_mail', 'partnership_pages', 'partnership_roles',
    'personal_data_erasures', 'record_history', 'template_draft_history', 'template_shares'
  ] LOOP
    EXECUTE format('ALTER POLICY %I ON %I USING (%s) WITH CHECK (%3$s)', t || '_partnership', t,
      '(SELECT app_current_partnership()) IS NULL OR partnership_id = (SELECT app_current_partnership())');
  END LOOP;
END $$;
--> statement-breakpoint
ALTER POLICY "agency_share_requests_partnership" ON "agency_share_requests"
  USING ((SELECT app_current_partnership()) IS NULL OR partnership_id = (SELECT app_current_partnership())
    OR asked_partnership_id = (SELECT app_current_partnership()))
  WITH CHECK ((SELECT app_current_partnership()) IS NULL OR partnership_id = (SELECT app_current_partnership())
    OR asked_partnership_id = (SELECT app_current_partnership()));
--> statement-breakpoint
ALTER POLICY "agency_memberships_shared_read" ON "agency_memberships"
  USING (partnership_id <> (SELECT app_current_partnership())
    AND agency_id = ANY ((SELECT app_member_agencies())::uuid[]));
--> statement-breakpoint
ALTER POLICY "template_shares_shared_read" ON "template_shares"
  USING (all_partnerships OR (SELECT app_current_partnership()) = ANY (recipient_partnership_ids));
--> statement-breakpoint
ALTER POLICY "cycle_partnerships_added_by_lead" ON "cycle_partnerships"
  WITH CHECK ((SELECT app_current_partnership()) IS NULL OR app_cycle_lead(cycle_id) = (SELECT app_current_partnership()));
--> statement-breakpoint
ALTER POLICY "cycle_partnerships_moved_by_lead" ON "cycle_partnerships"
  WITH CHECK ((SELECT app_current_partnership()) IS NULL OR app_cycle_lead(cycle_id) = (SELECT app_current_partnership()));

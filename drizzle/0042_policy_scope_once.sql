-- The row-level policies ask for the acting partnership once a statement, not once a row.
--
-- `app_current_partnership()` (0029) is inlined as `nullif(current_setting(...), '')::uuid`, and the
-- policies called it for every row they let through: reading a setting and making a uuid of it each
-- time. Asked as a sub-select it is worked out once a statement (an InitPlan), as the partnerships
-- the policies compare with already were. The policies are otherwise as before (0029, 0031, 0033,
-- 0035-0038): the same tests, the same rows. Measured on the national data: counting a partnership's
-- 281,286 answers through the policy 401-505 -> 331-420 ms, its 101,689 actions 149-165 -> 126-134 ms;
-- the results page of 1,000 agencies p50 120-121 -> 111 ms.
ALTER POLICY "action_reminders_partnership" ON "action_reminders"
  USING (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])))
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])));
--> statement-breakpoint
ALTER POLICY "action_updates_partnership" ON "action_updates"
  USING (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])))
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])));
--> statement-breakpoint
ALTER POLICY "actions_partnership" ON "actions"
  USING (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])))
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])));
--> statement-breakpoint
ALTER POLICY "agency_imports_partnership" ON "agency_imports"
  USING (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = (SELECT app_current_partnership())))
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = (SELECT app_current_partnership())));
--> statement-breakpoint
ALTER POLICY "agency_localities_partnership" ON "agency_localities"
  USING (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])))
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])));
--> statement-breakpoint
ALTER POLICY "agency_memberships_partnership" ON "agency_memberships"
  USING (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])))
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])));
--> statement-breakpoint
ALTER POLICY "agency_memberships_shared_read" ON "agency_memberships"
  USING ((partnership_id <> (SELECT app_current_partnership())) AND (agency_id = ANY (( SELECT app_member_agencies() AS app_member_agencies)::uuid[])));
--> statement-breakpoint
ALTER POLICY "agency_share_requests_partnership" ON "agency_share_requests"
  USING (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = (SELECT app_current_partnership())) OR (asked_partnership_id = (SELECT app_current_partnership())))
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = (SELECT app_current_partnership())) OR (asked_partnership_id = (SELECT app_current_partnership())));
--> statement-breakpoint
ALTER POLICY "answers_partnership" ON "answers"
  USING (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])))
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])));
--> statement-breakpoint
ALTER POLICY "api_tokens_partnership" ON "api_tokens"
  USING (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = (SELECT app_current_partnership())))
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = (SELECT app_current_partnership())));
--> statement-breakpoint
ALTER POLICY "challenge_event_returns_partnership" ON "challenge_event_returns"
  USING (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])))
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])));
--> statement-breakpoint
ALTER POLICY "challenge_events_partnership" ON "challenge_events"
  USING (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])))
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])));
--> statement-breakpoint
ALTER POLICY "challenge_messages_partnership" ON "challenge_messages"
  USING (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])))
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])));
--> statement-breakpoint
ALTER POLICY "challenges_partnership" ON "challenges"
  USING (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])))
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])));
--> statement-breakpoint
ALTER POLICY "cycle_export_chunks_partnership" ON "cycle_export_chunks"
  USING (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])))
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])));
--> statement-breakpoint
ALTER POLICY "cycle_exports_partnership" ON "cycle_exports"
  USING (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])))
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])));
--> statement-breakpoint
ALTER POLICY "cycle_localities_partnership" ON "cycle_localities"
  USING (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])))
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])));
--> statement-breakpoint
ALTER POLICY "cycle_partnerships_added_by_lead" ON "cycle_partnerships"
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (app_cycle_lead(cycle_id) = (SELECT app_current_partnership())));
--> statement-breakpoint
ALTER POLICY "cycle_partnerships_moved_by_lead" ON "cycle_partnerships"
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (app_cycle_lead(cycle_id) = (SELECT app_current_partnership())));
--> statement-breakpoint
ALTER POLICY "cycle_partnerships_partnership" ON "cycle_partnerships"
  USING (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])))
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])));
--> statement-breakpoint
ALTER POLICY "cycles_partnership" ON "cycles"
  USING (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])))
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])));
--> statement-breakpoint
ALTER POLICY "enquiries_partnership" ON "enquiries"
  USING (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = (SELECT app_current_partnership())))
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = (SELECT app_current_partnership())));
--> statement-breakpoint
ALTER POLICY "enquiry_messages_partnership" ON "enquiry_messages"
  USING (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = (SELECT app_current_partnership())))
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = (SELECT app_current_partnership())));
--> statement-breakpoint
ALTER POLICY "evidence_files_partnership" ON "evidence_files"
  USING (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])))
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])));
--> statement-breakpoint
ALTER POLICY "evidence_requests_partnership" ON "evidence_requests"
  USING (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])))
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])));
--> statement-breakpoint
ALTER POLICY "findings_report_quotes_partnership" ON "findings_report_quotes"
  USING (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])))
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])));
--> statement-breakpoint
ALTER POLICY "findings_reports_partnership" ON "findings_reports"
  USING (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])))
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])));
--> statement-breakpoint
ALTER POLICY "identity_providers_partnership" ON "identity_providers"
  USING (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = (SELECT app_current_partnership())))
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = (SELECT app_current_partnership())));
--> statement-breakpoint
ALTER POLICY "invitations_partnership" ON "invitations"
  USING (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = (SELECT app_current_partnership())))
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = (SELECT app_current_partnership())));
--> statement-breakpoint
ALTER POLICY "join_requests_partnership" ON "join_requests"
  USING (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = (SELECT app_current_partnership())))
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = (SELECT app_current_partnership())));
--> statement-breakpoint
ALTER POLICY "localities_partnership" ON "localities"
  USING (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])))
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])));
--> statement-breakpoint
ALTER POLICY "outgoing_mail_partnership" ON "outgoing_mail"
  USING (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = (SELECT app_current_partnership())))
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = (SELECT app_current_partnership())));
--> statement-breakpoint
ALTER POLICY "partnership_logos_partnership" ON "partnership_logos"
  USING (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])))
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])));
--> statement-breakpoint
ALTER POLICY "partnership_pages_partnership" ON "partnership_pages"
  USING (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = (SELECT app_current_partnership())))
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = (SELECT app_current_partnership())));
--> statement-breakpoint
ALTER POLICY "partnership_roles_partnership" ON "partnership_roles"
  USING (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = (SELECT app_current_partnership())))
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = (SELECT app_current_partnership())));
--> statement-breakpoint
ALTER POLICY "personal_data_erasures_partnership" ON "personal_data_erasures"
  USING (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = (SELECT app_current_partnership())))
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = (SELECT app_current_partnership())));
--> statement-breakpoint
ALTER POLICY "question_documents_partnership" ON "question_documents"
  USING (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])))
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])));
--> statement-breakpoint
ALTER POLICY "record_history_partnership" ON "record_history"
  USING (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = (SELECT app_current_partnership())))
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = (SELECT app_current_partnership())));
--> statement-breakpoint
ALTER POLICY "return_grades_partnership" ON "return_grades"
  USING (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])))
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])));
--> statement-breakpoint
ALTER POLICY "return_history_partnership" ON "return_history"
  USING (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])))
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])));
--> statement-breakpoint
ALTER POLICY "return_notices_partnership" ON "return_notices"
  USING (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])))
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])));
--> statement-breakpoint
ALTER POLICY "return_outcomes_partnership" ON "return_outcomes"
  USING (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])))
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])));
--> statement-breakpoint
ALTER POLICY "returns_partnership" ON "returns"
  USING (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])))
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])));
--> statement-breakpoint
ALTER POLICY "survey_answers_partnership" ON "survey_answers"
  USING (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])))
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])));
--> statement-breakpoint
ALTER POLICY "survey_links_partnership" ON "survey_links"
  USING (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])))
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])));
--> statement-breakpoint
ALTER POLICY "survey_responses_partnership" ON "survey_responses"
  USING (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])))
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])));
--> statement-breakpoint
ALTER POLICY "survey_statements_partnership" ON "survey_statements"
  USING (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])))
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])));
--> statement-breakpoint
ALTER POLICY "surveys_partnership" ON "surveys"
  USING (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])))
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])));
--> statement-breakpoint
ALTER POLICY "template_draft_history_partnership" ON "template_draft_history"
  USING (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = (SELECT app_current_partnership())))
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = (SELECT app_current_partnership())));
--> statement-breakpoint
ALTER POLICY "template_questions_partnership" ON "template_questions"
  USING (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])))
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])));
--> statement-breakpoint
ALTER POLICY "template_shares_partnership" ON "template_shares"
  USING (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = (SELECT app_current_partnership())))
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = (SELECT app_current_partnership())));
--> statement-breakpoint
ALTER POLICY "template_shares_shared_read" ON "template_shares"
  USING (all_partnerships OR ((SELECT app_current_partnership()) = ANY (recipient_partnership_ids)));
--> statement-breakpoint
ALTER POLICY "template_themes_partnership" ON "template_themes"
  USING (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])))
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])));
--> statement-breakpoint
ALTER POLICY "template_versions_partnership" ON "template_versions"
  USING (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])))
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])));
--> statement-breakpoint
ALTER POLICY "templates_partnership" ON "templates"
  USING (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])))
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])));
--> statement-breakpoint
ALTER POLICY "theme_assignments_partnership" ON "theme_assignments"
  USING (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])))
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])));
--> statement-breakpoint
ALTER POLICY "theme_moderations_partnership" ON "theme_moderations"
  USING (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])))
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])));
--> statement-breakpoint
ALTER POLICY "theme_ratings_partnership" ON "theme_ratings"
  USING (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])))
  WITH CHECK (((SELECT app_current_partnership()) IS NULL) OR (partnership_id = ANY (( SELECT app_audit_partnerships() AS app_audit_partnerships)::uuid[])));

-- A partnership may not make itself (or anyone) a partner of an audit another partnership leads by
-- writing cycle_partnerships itself: the policy of 0029 checked only that the row named a partnership
-- it acts for or audits with, so a partnership acting for itself could add its own row to any audit
-- and then see that audit's returns. A partner is added to an audit only by the partnership leading
-- it, through app_add_joint_partner (0035), which checks the partner is one of its joint choices; in
-- the system's context (jobs, the command line, the platform admin) nothing changes.
CREATE FUNCTION "app_cycle_lead"(p_cycle uuid) RETURNS uuid LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp AS $$
  SELECT partnership_id FROM cycles WHERE id = p_cycle
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION "app_cycle_lead"(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION "app_cycle_lead"(uuid) TO "s11_app";
--> statement-breakpoint
CREATE POLICY "cycle_partnerships_added_by_lead" ON "cycle_partnerships" AS RESTRICTIVE FOR INSERT TO PUBLIC
  WITH CHECK ("app_current_partnership"() IS NULL OR "app_cycle_lead"("cycle_id") = "app_current_partnership"());
--> statement-breakpoint
CREATE POLICY "cycle_partnerships_moved_by_lead" ON "cycle_partnerships" AS RESTRICTIVE FOR UPDATE TO PUBLIC
  USING (true)
  WITH CHECK ("app_current_partnership"() IS NULL OR "app_cycle_lead"("cycle_id") = "app_current_partnership"());

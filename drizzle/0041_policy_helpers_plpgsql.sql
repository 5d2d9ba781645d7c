-- The row-level policies' helpers (0029, 0036) in PL/pgSQL, reading the same rows as before.
--
-- A policy calls its helper once a statement for each table the statement reads (an InitPlan). As
-- SQL functions that cannot be inlined (SECURITY DEFINER), each of those calls planned the helper's
-- query again: about 0.25 ms a call on the national data, several a statement, on every statement a
-- partnership's work sends. PL/pgSQL keeps a helper's plan for the connection's life, so a call costs
-- its index reads alone (about 0.02 ms). Measured on the national data, the old and new helpers
-- alternately: the database's time for a task list 2.3-3.4 -> 1.8-2.0 ms, for a page of the read
-- API 24-28 -> 18-20 ms, for the monitoring page of 1,000 agencies 13.6-14.1 -> 11.9-12.4 ms.
-- What each helper returns is unchanged (the plans read the setting when they run, not when kept).
CREATE OR REPLACE FUNCTION "app_audit_partnerships"() RETURNS uuid[] LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = public, pg_temp AS $$
BEGIN
  RETURN array(
    SELECT "app_current_partnership"()
    UNION SELECT c.partnership_id FROM cycle_partnerships cp JOIN cycles c ON c.id = cp.cycle_id
      WHERE cp.partnership_id = "app_current_partnership"()
    UNION SELECT cp.partnership_id FROM cycles c JOIN cycle_partnerships cp ON cp.cycle_id = c.id
      WHERE c.partnership_id = "app_current_partnership"()
    UNION SELECT other.partnership_id FROM cycle_partnerships mine
      JOIN cycle_partnerships other ON other.cycle_id = mine.cycle_id
      WHERE mine.partnership_id = "app_current_partnership"()
  );
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "app_member_agencies"() RETURNS uuid[] LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = public, pg_temp AS $$
BEGIN
  RETURN array(SELECT agency_id FROM agency_memberships WHERE partnership_id = "app_current_partnership"());
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "app_shared_template_versions"() RETURNS uuid[] LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = public, pg_temp AS $$
BEGIN
  RETURN array(
    SELECT template_version_id FROM template_shares
    WHERE "app_current_partnership"() IS NOT NULL
      AND (all_partnerships OR "app_current_partnership"() = ANY (recipient_partnership_ids))
  );
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "app_shared_templates"() RETURNS uuid[] LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = public, pg_temp AS $$
BEGIN
  RETURN array(SELECT template_id FROM template_versions WHERE id = ANY ("app_shared_template_versions"()));
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "app_shared_template_themes"() RETURNS uuid[] LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = public, pg_temp AS $$
BEGIN
  RETURN array(SELECT id FROM template_themes WHERE template_version_id = ANY ("app_shared_template_versions"()));
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "app_cycle_lead"(p_cycle uuid) RETURNS uuid LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = public, pg_temp AS $$
BEGIN
  RETURN (SELECT partnership_id FROM cycles WHERE id = p_cycle);
END
$$;

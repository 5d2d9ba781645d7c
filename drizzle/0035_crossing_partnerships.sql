-- What the partnership admin pages that cross partnerships by design need of other partnerships,
-- now that they run behind the wall of 0029 as the app's role with their partnership set (see
-- src/db/acting-partnership.ts). Each is a function that reads or writes exactly that as the
-- tables' owner (SECURITY DEFINER, with its own search_path), or a policy that opens exactly that;
-- the app's role may run them, nobody else.
--
-- People and agency people: whether someone being removed or anonymised holds any role besides
-- the one taken away (a role in another partnership or agency, or platform admin). Only the answer
-- crosses: never which roles, nor where.
CREATE FUNCTION "app_holds_other_roles"(p_user uuid, p_except_partnership uuid, p_except_agency uuid)
RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp AS $$
  SELECT exists (SELECT 1 FROM partnership_roles
                  WHERE user_id = p_user AND partnership_id IS DISTINCT FROM p_except_partnership)
      OR exists (SELECT 1 FROM agency_users
                  WHERE user_id = p_user AND agency_id IS DISTINCT FROM p_except_agency)
      OR exists (SELECT 1 FROM users WHERE id = p_user AND is_platform_admin)
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION "app_holds_other_roles"(uuid, uuid, uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION "app_holds_other_roles"(uuid, uuid, uuid) TO "s11_app";
--> statement-breakpoint
-- Agency people: an agency's invitations, whichever partnership (or its own lead) made them, are
-- read and withdrawn by every partnership the agency is a member of, as its people are (an agency
-- is one record with one set of people; agency_users has no partnership). New invitations are
-- still made only in the acting partnership's name (invitations_partnership's check).
CREATE POLICY "invitations_member_agency_read" ON "invitations" FOR SELECT TO PUBLIC
  USING ("agency_id" = ANY ((SELECT "app_member_agencies"())::uuid[]));
--> statement-breakpoint
CREATE POLICY "invitations_member_agency_withdraw" ON "invitations" FOR DELETE TO PUBLIC
  USING ("agency_id" = ANY ((SELECT "app_member_agencies"())::uuid[]));
--> statement-breakpoint
-- Agency people: someone removed from an agency loses their theme assignments on its returns in
-- every partnership it works with (they answered for the agency), each recorded in that return's
-- history as `theme_unassigned` (`p_field_prefix` followed by the theme's title, their name as the
-- old value, `p_note`). Only for an agency of the acting partnership (any, in the system's context).
-- Returns how many assignments were removed.
CREATE FUNCTION "app_unassign_from_agency"(
  p_agency uuid, p_user uuid, p_by uuid, p_at timestamptz, p_field_prefix text, p_note text
) RETURNS integer LANGUAGE sql VOLATILE SECURITY DEFINER
SET search_path = public, pg_temp AS $$
  WITH removed AS (
    DELETE FROM theme_assignments ta USING returns r
    WHERE ("app_current_partnership"() IS NULL OR p_agency = ANY ("app_member_agencies"()))
      AND r.id = ta.return_id AND r.partnership_id = ta.partnership_id
      AND r.agency_id = p_agency AND ta.user_id = p_user
    RETURNING ta.partnership_id, ta.return_id, ta.theme_id, ta.user_id
  ), recorded AS (
    INSERT INTO return_history (partnership_id, return_id, user_id, event, field, old_value, note, created_at)
    SELECT removed.partnership_id, removed.return_id, p_by, 'theme_unassigned', p_field_prefix || t.title,
      u.name, p_note, p_at
    FROM removed JOIN template_themes t ON t.id = removed.theme_id JOIN users u ON u.id = removed.user_id
    ORDER BY t.position
    RETURNING 1
  )
  SELECT count(*)::int FROM recorded
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION "app_unassign_from_agency"(uuid, uuid, uuid, timestamptz, text, text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION "app_unassign_from_agency"(uuid, uuid, uuid, timestamptz, text, text) TO "s11_app";
--> statement-breakpoint
-- New audits: the partnerships one may run an audit jointly with, those it shares an active agency
-- with (both memberships active). Asked of the acting partnership (of any, in the system's
-- context); empty for another.
CREATE FUNCTION "app_joint_choices"(p_partnership uuid) RETURNS uuid[] LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp AS $$
  SELECT array(
    SELECT DISTINCT theirs.partnership_id FROM agency_memberships mine
      JOIN agency_memberships theirs ON theirs.agency_id = mine.agency_id
    WHERE ("app_current_partnership"() IS NULL OR p_partnership = "app_current_partnership"())
      AND mine.partnership_id = p_partnership AND theirs.partnership_id <> p_partnership
      AND mine.archived_at IS NULL AND theirs.archived_at IS NULL
  )
$$;
--> statement-breakpoint
-- New audits: the active localities of the joint partners chosen (all of them take part), of the
-- acting partnership's joint choices only.
CREATE FUNCTION "app_joint_partner_localities"(p_partners uuid[])
RETURNS TABLE (partner_id uuid, locality_id uuid) LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp AS $$
  SELECT l.partnership_id, l.id FROM localities l
  WHERE l.partnership_id = ANY (p_partners) AND l.retired_at IS NULL
    AND ("app_current_partnership"() IS NULL
         OR l.partnership_id = ANY ((SELECT "app_joint_choices"("app_current_partnership"()))::uuid[]))
$$;
--> statement-breakpoint
-- New audits: the agencies an audit invites from one partnership, the one setting it up or a joint
-- partner: its active agencies serving any of the localities, in the sectors chosen (any, when
-- null). Of the acting partnership and its joint choices only.
CREATE FUNCTION "app_agencies_to_invite"(p_partnership uuid, p_localities uuid[], p_sectors text[])
RETURNS SETOF uuid LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp AS $$
  SELECT DISTINCT a.id FROM agencies a
    JOIN agency_memberships am ON am.agency_id = a.id AND am.partnership_id = p_partnership
      AND am.archived_at IS NULL
    JOIN agency_localities al ON al.agency_id = a.id AND al.partnership_id = am.partnership_id
  WHERE al.locality_id = ANY (p_localities)
    AND (p_sectors IS NULL OR a.sector = ANY (p_sectors))
    AND ("app_current_partnership"() IS NULL OR p_partnership = "app_current_partnership"()
         OR p_partnership = ANY ("app_joint_choices"("app_current_partnership"())))
$$;
--> statement-breakpoint
-- New audits: a joint partner of an audit the acting partnership leads, one of its joint choices
-- (the partner's row would otherwise fail the policy's check: the audit does not link them yet).
-- False when the audit is not the acting partnership's, or the partner is no joint choice.
CREATE FUNCTION "app_add_joint_partner"(p_cycle uuid, p_partner uuid, p_at timestamptz)
RETURNS boolean LANGUAGE sql VOLATILE SECURITY DEFINER
SET search_path = public, pg_temp AS $$
  WITH added AS (
    INSERT INTO cycle_partnerships (cycle_id, partnership_id, created_at)
    SELECT c.id, p_partner, p_at FROM cycles c
    WHERE c.id = p_cycle
      AND ("app_current_partnership"() IS NULL OR c.partnership_id = "app_current_partnership"())
      AND p_partner = ANY ("app_joint_choices"(c.partnership_id))
    RETURNING 1
  )
  SELECT exists (SELECT 1 FROM added)
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION "app_joint_choices"(uuid), "app_joint_partner_localities"(uuid[]),
  "app_agencies_to_invite"(uuid, uuid[], text[]), "app_add_joint_partner"(uuid, uuid, timestamptz) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION "app_joint_choices"(uuid), "app_joint_partner_localities"(uuid[]),
  "app_agencies_to_invite"(uuid, uuid[], text[]), "app_add_joint_partner"(uuid, uuid, timestamptz) TO "s11_app";
--> statement-breakpoint
-- Sharing an agency: the partnerships each of the given agencies is an active member of, so that a
-- partnership can find another's agency and ask that one to share it (agencies and partnerships
-- are not behind the wall; which partnership has which agency is). Nothing else of the membership.
CREATE FUNCTION "app_active_memberships"(p_agencies uuid[])
RETURNS TABLE (agency_id uuid, partnership_id uuid) LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp AS $$
  SELECT m.agency_id, m.partnership_id FROM agency_memberships m
  WHERE m.agency_id = ANY (p_agencies) AND m.archived_at IS NULL
$$;
--> statement-breakpoint
-- Sharing an agency: the names of the asking partnership's localities a request names, for both
-- partnerships of the request to read (null for anyone else).
CREATE FUNCTION "app_share_request_localities"(p_request uuid) RETURNS text[] LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp AS $$
  SELECT array_agg(l.name ORDER BY l.name) FROM agency_share_requests r
    JOIN localities l ON l.partnership_id = r.partnership_id AND l.id = ANY (r.locality_ids)
  WHERE r.id = p_request
    AND ("app_current_partnership"() IS NULL
         OR "app_current_partnership"() IN (r.partnership_id, r.asked_partnership_id))
$$;
--> statement-breakpoint
-- Sharing an agency: the addresses of the admins of the partnership asked (p_asked) or of the one
-- that asked, to tell them of a request or its answer. Only for a partnership of the request.
CREATE FUNCTION "app_share_request_admins"(p_request uuid, p_asked boolean)
RETURNS SETOF text LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp AS $$
  SELECT u.email FROM agency_share_requests r
    JOIN partnership_roles pr ON pr.role = 'partnership_admin'
      AND pr.partnership_id = CASE WHEN p_asked THEN r.asked_partnership_id ELSE r.partnership_id END
    JOIN users u ON u.id = pr.user_id
  WHERE r.id = p_request
    AND ("app_current_partnership"() IS NULL
         OR "app_current_partnership"() IN (r.partnership_id, r.asked_partnership_id))
  ORDER BY u.email
$$;
--> statement-breakpoint
-- Sharing an agency: a request accepted by the partnership asked makes the asker a member of the
-- agency, with its lead contact, serving those of the localities it chose that are still in use
-- (rows in the asker's name, which the policies' checks would refuse). Only for a request the acting
-- partnership was asked and has accepted; false otherwise.
CREATE FUNCTION "app_join_shared_agency"(p_request uuid, p_at timestamptz)
RETURNS boolean LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = public, pg_temp AS $$
DECLARE
  req agency_share_requests%ROWTYPE;
BEGIN
  SELECT * INTO req FROM agency_share_requests
  WHERE id = p_request AND status = 'accepted'
    AND ("app_current_partnership"() IS NULL OR asked_partnership_id = "app_current_partnership"());
  IF NOT FOUND THEN
    RETURN false;
  END IF;
  INSERT INTO agency_memberships (partnership_id, agency_id, lead_contact_email, created_at)
  VALUES (req.partnership_id, req.agency_id, req.lead_contact_email, p_at)
  ON CONFLICT DO NOTHING;
  INSERT INTO agency_localities (partnership_id, agency_id, locality_id)
  SELECT req.partnership_id, req.agency_id, l.id FROM localities l
  WHERE l.partnership_id = req.partnership_id AND l.retired_at IS NULL AND l.id = ANY (req.locality_ids)
  ON CONFLICT DO NOTHING;
  RETURN true;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION "app_active_memberships"(uuid[]), "app_share_request_localities"(uuid),
  "app_share_request_admins"(uuid, boolean), "app_join_shared_agency"(uuid, timestamptz) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION "app_active_memberships"(uuid[]), "app_share_request_localities"(uuid),
  "app_share_request_admins"(uuid, boolean), "app_join_shared_agency"(uuid, timestamptz) TO "s11_app";
--> statement-breakpoint
-- Sharing a template: the addresses of the admins of the partnerships the acting partnership has
-- named as recipients of its share of a template version (of those among `p_partnerships`), to tell
-- them it is shared with them.
CREATE FUNCTION "app_template_share_admins"(p_version uuid, p_partnerships uuid[])
RETURNS TABLE (partnership_id uuid, email text) LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp AS $$
  SELECT pr.partnership_id, u.email FROM template_shares s
    JOIN partnership_roles pr ON pr.role = 'partnership_admin'
      AND pr.partnership_id = ANY (s.recipient_partnership_ids) AND pr.partnership_id = ANY (p_partnerships)
    JOIN users u ON u.id = pr.user_id
  WHERE s.template_version_id = p_version
    AND ("app_current_partnership"() IS NULL OR s.partnership_id = "app_current_partnership"())
  ORDER BY pr.partnership_id, u.email
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION "app_template_share_admins"(uuid, uuid[]) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION "app_template_share_admins"(uuid, uuid[]) TO "s11_app";

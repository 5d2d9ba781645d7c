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

-- A partnership's own agency memberships were checked against the list of every agency it has as
-- a member (agency_memberships_shared_read, 0029) before its own partnership's policy: PostgreSQL
-- put that policy first, and `agency_id = ANY (array)` compares with each element in turn, so
-- reading N memberships cost N × N comparisons. At 10,000 agencies a scan of the partnership's
-- memberships took 168 ms (the results page's first query, 520 ms in all). The shared read is for
-- the memberships other partnerships hold of those agencies, so rows of the acting partnership's own
-- are now let through (by the other policy) before the list is looked at. Nothing seen changes.
DROP POLICY "agency_memberships_shared_read" ON "agency_memberships";
--> statement-breakpoint
CREATE POLICY "agency_memberships_shared_read" ON "agency_memberships" FOR SELECT TO PUBLIC
  USING ("partnership_id" <> "app_current_partnership"() AND "agency_id" = ANY ((SELECT "app_member_agencies"())::uuid[]));

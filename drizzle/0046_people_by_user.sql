CREATE INDEX "agency_users_user" ON "agency_users" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "partnership_roles_user" ON "partnership_roles" USING btree ("user_id");
CREATE TABLE "theme_assignments" (
	"partnership_id" uuid NOT NULL,
	"return_id" uuid NOT NULL,
	"theme_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"assigned_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "theme_assignments_return_id_theme_id_user_id_pk" PRIMARY KEY("return_id","theme_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "theme_assignments" ADD CONSTRAINT "theme_assignments_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "theme_assignments" ADD CONSTRAINT "theme_assignments_return_id_returns_id_fk" FOREIGN KEY ("return_id") REFERENCES "public"."returns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "theme_assignments" ADD CONSTRAINT "theme_assignments_theme_id_template_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."template_themes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "theme_assignments" ADD CONSTRAINT "theme_assignments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "theme_assignments" ADD CONSTRAINT "theme_assignments_assigned_by_users_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "theme_assignments_user" ON "theme_assignments" USING btree ("user_id");
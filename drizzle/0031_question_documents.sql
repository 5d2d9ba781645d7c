CREATE TABLE "question_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partnership_id" uuid NOT NULL,
	"return_id" uuid NOT NULL,
	"question_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"data" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"carried_forward_from_id" uuid,
	"offered" boolean DEFAULT false NOT NULL,
	"removed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "question_documents" ADD CONSTRAINT "question_documents_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question_documents" ADD CONSTRAINT "question_documents_return_id_returns_id_fk" FOREIGN KEY ("return_id") REFERENCES "public"."returns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question_documents" ADD CONSTRAINT "question_documents_question_id_template_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."template_questions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question_documents" ADD CONSTRAINT "question_documents_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "question_documents_return" ON "question_documents" USING btree ("return_id","question_id");--> statement-breakpoint
-- The same wall as every audit record's (0029): the acting partnership and its joint-audit partners.
ALTER TABLE "question_documents" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "question_documents_partnership" ON "question_documents" FOR ALL TO PUBLIC
  USING ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]))
  WITH CHECK ("app_current_partnership"() IS NULL OR "partnership_id" = ANY ((SELECT "app_audit_partnerships"())::uuid[]));

ALTER TABLE "template_questions" ADD COLUMN "required" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "template_questions" ADD COLUMN "weight" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "template_questions" ADD COLUMN "options" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "template_questions" ADD COLUMN "show_when" jsonb;--> statement-breakpoint
ALTER TABLE "template_themes" ADD COLUMN "sectors" text[] DEFAULT '{}'::text[] NOT NULL;
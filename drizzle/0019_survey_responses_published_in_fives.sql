ALTER TABLE "survey_responses" ADD COLUMN "published" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Responses already sent were already shown: they stay published.
UPDATE "survey_responses" SET "published" = true;

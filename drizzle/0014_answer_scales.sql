ALTER TABLE "answers" DROP CONSTRAINT "answers_response_valid";--> statement-breakpoint
ALTER TABLE "answers" ADD COLUMN "choices" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "answers" ADD COLUMN "value" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "answers" ADD CONSTRAINT "answers_response_valid" CHECK ("answers"."response" is null or "answers"."response" in ('fully_met','partly_met','not_met','yes','no','na') or "answers"."response" ~ '^[a-z0-9]+(-[a-z0-9]+)*$');
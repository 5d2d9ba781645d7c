ALTER TABLE "return_history" ADD COLUMN "note" text;--> statement-breakpoint
ALTER TABLE "returns" ADD COLUMN "extended_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "returns" ADD COLUMN "extension_reason" text;
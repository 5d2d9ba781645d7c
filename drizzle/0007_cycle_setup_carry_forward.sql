ALTER TABLE "actions" ADD COLUMN "carried_forward_from_action_id" uuid;--> statement-breakpoint
ALTER TABLE "answers" ADD COLUMN "carried_forward_from_return_id" uuid;--> statement-breakpoint
ALTER TABLE "answers" ADD COLUMN "carried_forward_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "answers" ADD COLUMN "confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cycles" ADD COLUMN "kind" text;--> statement-breakpoint
ALTER TABLE "cycles" ADD COLUMN "focus_question_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
ALTER TABLE "cycles" ADD COLUMN "carry_forward" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "returns" ADD COLUMN "carried_forward_from_return_id" uuid;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_carried_forward_from_action_id_actions_id_fk" FOREIGN KEY ("carried_forward_from_action_id") REFERENCES "public"."actions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answers" ADD CONSTRAINT "answers_carried_forward_from_return_id_returns_id_fk" FOREIGN KEY ("carried_forward_from_return_id") REFERENCES "public"."returns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "returns" ADD CONSTRAINT "returns_carried_forward_from_return_id_returns_id_fk" FOREIGN KEY ("carried_forward_from_return_id") REFERENCES "public"."returns"("id") ON DELETE set null ON UPDATE no action;
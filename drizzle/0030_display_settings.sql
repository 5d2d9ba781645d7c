-- Display settings (issue 14): the person's choice of high contrast colours and larger text, as
-- {"contrast": "standard" | "high", "textSize": "standard" | "large"}; null until they choose one.
ALTER TABLE "users" ADD COLUMN "display_settings" jsonb;
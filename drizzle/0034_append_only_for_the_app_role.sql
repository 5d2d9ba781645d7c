-- The change histories and the record of sent mail are append-only for the app's role: it may add
-- rows and read them, never change or delete them (the triggers of 0025 and 0028 stay, for the
-- owner). What still changes them:
--  * the delivery of a mail records its outcome: status, attempts, error and sent_at only (the
--    columns granted back below; the trigger of 0025 still refuses any other change);
--  * the anonymisation of personal data (the retention scrub, anonymising a person) runs as the
--    tables' owner in a transaction that declares itself (`anonymisingTransaction` in
--    src/features/privacy/anonymising.ts: the only code that does);
--  * rows removed or unlinked with their audit, partnership or person: foreign key actions run as
--    the tables' owner.
-- These are exactly the tables whose triggers (0025, 0028) make them append-only. The documents on
-- questions (0031) are not among them: they are the agency's working papers, which it removes, puts
-- back and deletes, and the retention job deletes; they keep the app's privileges and sit behind the
-- same partnership policy as every audit record (0031).
REVOKE UPDATE, DELETE, TRUNCATE ON "return_history", "record_history", "template_draft_history", "outgoing_mail" FROM "s11_app";
--> statement-breakpoint
GRANT UPDATE ("status", "attempts", "error", "sent_at") ON "outgoing_mail" TO "s11_app";

-- Chronicle schema, version 6 (SQLite): the audit chain is keyed (HMAC-SHA256, the key kept outside the database) and
-- seals every chronology entry. A released script is never edited: a change is a new numbered script in both dialects.

-- A link that seals a chronology entry names it and a hash of its content, so that an entry rewritten, removed or
-- added behind the application's back no longer matches the chain. One seal per entry.
ALTER TABLE audit_entries ADD COLUMN entry_id TEXT;
ALTER TABLE audit_entries ADD COLUMN entry_hash TEXT;
CREATE UNIQUE INDEX ux_audit_entries_entry ON audit_entries (entry_id) WHERE entry_id IS NOT NULL;

-- The head is signed with the key. Links up to keyed_from were written before the chain was keyed (plain SHA-256);
-- every later link is keyed.
ALTER TABLE audit_head ADD COLUMN keyed_from INTEGER NOT NULL DEFAULT 0;
ALTER TABLE audit_head ADD COLUMN signature TEXT NOT NULL DEFAULT '';
UPDATE audit_head SET keyed_from = sequence;

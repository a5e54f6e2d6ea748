-- A record is merged into at most one other at a time: of two merges of the same record, however they race, the
-- database keeps one (docs/identity.md, "Merging").
CREATE UNIQUE INDEX ux_person_merges_active ON person_merges (merged_person_id) WHERE unmerged_at IS NULL;

-- Chronicle schema, version 3 (SQLite): the team around the child, sharing with acknowledgement, meetings,
-- tracked actions and the email outbox. Instants are milliseconds since 1970-01-01 UTC.

CREATE TABLE team_changes (
    id TEXT PRIMARY KEY,
    partnership_id TEXT NOT NULL,
    child_person_id TEXT NOT NULL,
    professional_id TEXT,
    agency_id TEXT NOT NULL,
    change TEXT NOT NULL,
    role TEXT,
    reason TEXT NOT NULL,
    by_professional_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    entry_id TEXT,
    FOREIGN KEY (child_person_id) REFERENCES people (id),
    FOREIGN KEY (professional_id) REFERENCES professionals (id),
    FOREIGN KEY (agency_id) REFERENCES agencies (id),
    FOREIGN KEY (by_professional_id) REFERENCES professionals (id),
    FOREIGN KEY (entry_id) REFERENCES entries (id)
);
CREATE TABLE actions (
    id TEXT PRIMARY KEY,
    partnership_id TEXT NOT NULL,
    source_entry_id TEXT NOT NULL,
    source_kind TEXT NOT NULL,
    item_index INTEGER NOT NULL,
    child_person_id TEXT,
    description TEXT NOT NULL,
    owner_professional_id TEXT,
    due TEXT,
    status TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    done_at INTEGER,
    done_by_professional_id TEXT,
    done_entry_id TEXT,
    note TEXT,
    handed_on_to TEXT,
    escalated_at INTEGER,
    escalated_to_professional_id TEXT,
    FOREIGN KEY (source_entry_id) REFERENCES entries (id),
    FOREIGN KEY (done_entry_id) REFERENCES entries (id),
    FOREIGN KEY (child_person_id) REFERENCES people (id),
    FOREIGN KEY (owner_professional_id) REFERENCES professionals (id),
    FOREIGN KEY (done_by_professional_id) REFERENCES professionals (id),
    FOREIGN KEY (escalated_to_professional_id) REFERENCES professionals (id)
);
CREATE TABLE action_changes (
    id TEXT PRIMARY KEY,
    action_id TEXT NOT NULL,
    type TEXT NOT NULL,
    at INTEGER NOT NULL,
    by_professional_id TEXT,
    from_professional_id TEXT,
    to_professional_id TEXT,
    reason TEXT,
    FOREIGN KEY (action_id) REFERENCES actions (id)
);
CREATE TABLE notifications (
    id TEXT PRIMARY KEY,
    partnership_id TEXT NOT NULL,
    recipient_professional_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    child_person_id TEXT,
    entry_id TEXT,
    share_entry_id TEXT,
    action_id TEXT,
    about_notification_id TEXT,
    title TEXT NOT NULL,
    sharing_level TEXT,
    lawful_basis TEXT,
    needs_acknowledgement INTEGER NOT NULL,
    due_at INTEGER,
    created_at INTEGER NOT NULL,
    read_at INTEGER,
    acknowledged_at INTEGER,
    acknowledgement_entry_id TEXT,
    escalated_at INTEGER,
    escalated_to_professional_id TEXT,
    FOREIGN KEY (recipient_professional_id) REFERENCES professionals (id),
    FOREIGN KEY (child_person_id) REFERENCES people (id),
    FOREIGN KEY (entry_id) REFERENCES entries (id),
    FOREIGN KEY (share_entry_id) REFERENCES entries (id),
    FOREIGN KEY (acknowledgement_entry_id) REFERENCES entries (id),
    FOREIGN KEY (action_id) REFERENCES actions (id),
    FOREIGN KEY (about_notification_id) REFERENCES notifications (id),
    FOREIGN KEY (escalated_to_professional_id) REFERENCES professionals (id)
);
CREATE TABLE outbox_messages (
    id TEXT PRIMARY KEY,
    partnership_id TEXT NOT NULL,
    notification_id TEXT,
    message_id TEXT NOT NULL,
    to_address TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL,
    claim_token TEXT,
    lease_until INTEGER,
    sent_at INTEGER,
    failed_at INTEGER,
    last_error TEXT,
    FOREIGN KEY (notification_id) REFERENCES notifications (id)
);
CREATE TABLE meetings (
    id TEXT PRIMARY KEY,
    partnership_id TEXT NOT NULL,
    child_person_id TEXT NOT NULL,
    type TEXT NOT NULL,
    scheduled_for INTEGER NOT NULL,
    chair_professional_id TEXT,
    organiser_professional_id TEXT NOT NULL,
    status TEXT NOT NULL,
    scheduled_entry_id TEXT,
    held_entry_id TEXT,
    held_at INTEGER,
    created_at INTEGER NOT NULL,
    FOREIGN KEY (child_person_id) REFERENCES people (id),
    FOREIGN KEY (chair_professional_id) REFERENCES professionals (id),
    FOREIGN KEY (organiser_professional_id) REFERENCES professionals (id),
    FOREIGN KEY (scheduled_entry_id) REFERENCES entries (id),
    FOREIGN KEY (held_entry_id) REFERENCES entries (id)
);
CREATE TABLE meeting_invitees (
    id TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL,
    professional_id TEXT,
    agency_id TEXT,
    name TEXT,
    proposed_because TEXT,
    proposed INTEGER NOT NULL,
    expected INTEGER NOT NULL,
    invited INTEGER NOT NULL,
    invited_at INTEGER,
    not_invited_reason TEXT,
    reply TEXT,
    replied_at INTEGER,
    apology_reason TEXT,
    report_received_at INTEGER,
    attended INTEGER,
    FOREIGN KEY (meeting_id) REFERENCES meetings (id),
    FOREIGN KEY (professional_id) REFERENCES professionals (id),
    FOREIGN KEY (agency_id) REFERENCES agencies (id)
);

CREATE INDEX ix_team_changes_child ON team_changes (child_person_id);
-- An entry's actions are tracked once each.
CREATE UNIQUE INDEX ux_actions_source_item ON actions (source_entry_id, item_index);
CREATE INDEX ix_actions_owner ON actions (owner_professional_id, status);
CREATE INDEX ix_actions_partnership_status ON actions (partnership_id, status);
CREATE INDEX ix_action_changes_action ON action_changes (action_id);
CREATE INDEX ix_notifications_recipient ON notifications (recipient_professional_id, created_at);
CREATE INDEX ix_notifications_entry ON notifications (entry_id);
-- An entry is shared with each person once, however often its share is retried.
CREATE UNIQUE INDEX ux_notifications_entry_recipient ON notifications (entry_id, recipient_professional_id) WHERE kind = 'EntryShared';
CREATE INDEX ix_notifications_awaiting ON notifications (partnership_id, due_at) WHERE needs_acknowledgement = 1 AND acknowledged_at IS NULL;
CREATE UNIQUE INDEX ux_outbox_messages_message_id ON outbox_messages (message_id);
CREATE INDEX ix_outbox_messages_pending ON outbox_messages (created_at) WHERE sent_at IS NULL AND failed_at IS NULL;
CREATE INDEX ix_outbox_messages_claim ON outbox_messages (claim_token) WHERE claim_token IS NOT NULL;
CREATE INDEX ix_meetings_child ON meetings (child_person_id);
CREATE INDEX ix_meeting_invitees_meeting ON meeting_invitees (meeting_id);

-- Team changes and action history are kept for ever; a team change only gains the id of its decision entry.
CREATE TRIGGER team_changes_no_update BEFORE UPDATE OF partnership_id, child_person_id, professional_id, agency_id, change, role, reason, by_professional_id, at ON team_changes
BEGIN SELECT RAISE(ABORT, 'team_changes are append-only'); END;
CREATE TRIGGER team_changes_no_delete BEFORE DELETE ON team_changes BEGIN SELECT RAISE(ABORT, 'team_changes are append-only'); END;
CREATE TRIGGER action_changes_no_update BEFORE UPDATE ON action_changes BEGIN SELECT RAISE(ABORT, 'action_changes are append-only'); END;
CREATE TRIGGER action_changes_no_delete BEFORE DELETE ON action_changes BEGIN SELECT RAISE(ABORT, 'action_changes are append-only'); END;

-- Chronicle schema, version 3 (PostgreSQL): the team around the child, sharing with acknowledgement, meetings,
-- tracked actions and the email outbox. Instants are timestamptz in UTC.

CREATE TABLE team_changes (
    id uuid PRIMARY KEY,
    partnership_id uuid NOT NULL,
    child_person_id uuid NOT NULL,
    professional_id uuid,
    agency_id uuid NOT NULL,
    change text NOT NULL,
    role text,
    reason text NOT NULL,
    by_professional_id uuid NOT NULL,
    at timestamptz NOT NULL,
    entry_id uuid,
    FOREIGN KEY (child_person_id) REFERENCES people (id),
    FOREIGN KEY (professional_id) REFERENCES professionals (id),
    FOREIGN KEY (agency_id) REFERENCES agencies (id),
    FOREIGN KEY (by_professional_id) REFERENCES professionals (id),
    FOREIGN KEY (entry_id) REFERENCES entries (id)
);
CREATE TABLE actions (
    id uuid PRIMARY KEY,
    partnership_id uuid NOT NULL,
    source_entry_id uuid NOT NULL,
    source_kind text NOT NULL,
    item_index integer NOT NULL,
    child_person_id uuid,
    description text NOT NULL,
    owner_professional_id uuid,
    due date,
    status text NOT NULL,
    created_at timestamptz NOT NULL,
    done_at timestamptz,
    done_by_professional_id uuid,
    done_entry_id uuid,
    note text,
    handed_on_to text,
    escalated_at timestamptz,
    escalated_to_professional_id uuid,
    FOREIGN KEY (source_entry_id) REFERENCES entries (id),
    FOREIGN KEY (done_entry_id) REFERENCES entries (id),
    FOREIGN KEY (child_person_id) REFERENCES people (id),
    FOREIGN KEY (owner_professional_id) REFERENCES professionals (id),
    FOREIGN KEY (done_by_professional_id) REFERENCES professionals (id),
    FOREIGN KEY (escalated_to_professional_id) REFERENCES professionals (id)
);
CREATE TABLE action_changes (
    id uuid PRIMARY KEY,
    action_id uuid NOT NULL,
    type text NOT NULL,
    at timestamptz NOT NULL,
    by_professional_id uuid,
    from_professional_id uuid,
    to_professional_id uuid,
    reason text,
    FOREIGN KEY (action_id) REFERENCES actions (id)
);
CREATE TABLE notifications (
    id uuid PRIMARY KEY,
    partnership_id uuid NOT NULL,
    recipient_professional_id uuid NOT NULL,
    kind text NOT NULL,
    child_person_id uuid,
    entry_id uuid,
    share_entry_id uuid,
    action_id uuid,
    about_notification_id uuid,
    title text NOT NULL,
    sharing_level text,
    lawful_basis text,
    needs_acknowledgement boolean NOT NULL,
    due_at timestamptz,
    created_at timestamptz NOT NULL,
    read_at timestamptz,
    acknowledged_at timestamptz,
    acknowledgement_entry_id uuid,
    escalated_at timestamptz,
    escalated_to_professional_id uuid,
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
    id uuid PRIMARY KEY,
    partnership_id uuid NOT NULL,
    notification_id uuid,
    message_id text NOT NULL,
    to_address text NOT NULL,
    subject text NOT NULL,
    body text NOT NULL,
    created_at timestamptz NOT NULL,
    attempts integer NOT NULL,
    claim_token text,
    lease_until timestamptz,
    sent_at timestamptz,
    failed_at timestamptz,
    last_error text,
    FOREIGN KEY (notification_id) REFERENCES notifications (id)
);
CREATE TABLE meetings (
    id uuid PRIMARY KEY,
    partnership_id uuid NOT NULL,
    child_person_id uuid NOT NULL,
    type text NOT NULL,
    scheduled_for timestamptz NOT NULL,
    chair_professional_id uuid,
    organiser_professional_id uuid NOT NULL,
    status text NOT NULL,
    scheduled_entry_id uuid,
    held_entry_id uuid,
    held_at timestamptz,
    created_at timestamptz NOT NULL,
    FOREIGN KEY (child_person_id) REFERENCES people (id),
    FOREIGN KEY (chair_professional_id) REFERENCES professionals (id),
    FOREIGN KEY (organiser_professional_id) REFERENCES professionals (id),
    FOREIGN KEY (scheduled_entry_id) REFERENCES entries (id),
    FOREIGN KEY (held_entry_id) REFERENCES entries (id)
);
CREATE TABLE meeting_invitees (
    id uuid PRIMARY KEY,
    meeting_id uuid NOT NULL,
    professional_id uuid,
    agency_id uuid,
    name text,
    proposed_because text,
    proposed boolean NOT NULL,
    expected boolean NOT NULL,
    invited boolean NOT NULL,
    invited_at timestamptz,
    not_invited_reason text,
    reply text,
    replied_at timestamptz,
    apology_reason text,
    report_received_at timestamptz,
    attended boolean,
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
CREATE INDEX ix_notifications_awaiting ON notifications (partnership_id, due_at) WHERE needs_acknowledgement AND acknowledged_at IS NULL;
CREATE UNIQUE INDEX ux_outbox_messages_message_id ON outbox_messages (message_id);
CREATE INDEX ix_outbox_messages_pending ON outbox_messages (created_at) WHERE sent_at IS NULL AND failed_at IS NULL;
CREATE INDEX ix_outbox_messages_claim ON outbox_messages (claim_token) WHERE claim_token IS NOT NULL;
CREATE INDEX ix_meetings_child ON meetings (child_person_id);
CREATE INDEX ix_meeting_invitees_meeting ON meeting_invitees (meeting_id);

-- Team changes and action history are kept for ever; a team change only gains the id of its decision entry.
CREATE TRIGGER team_changes_append_only BEFORE UPDATE OF partnership_id, child_person_id, professional_id, agency_id, change, role, reason, by_professional_id, at OR DELETE ON team_changes
FOR EACH ROW EXECUTE FUNCTION chronicle_append_only();
CREATE TRIGGER action_changes_append_only BEFORE UPDATE OR DELETE ON action_changes FOR EACH ROW EXECUTE FUNCTION chronicle_append_only();

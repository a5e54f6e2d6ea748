using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Security;
using Chronicle.Core.TeamAroundChild;
using Chronicle.Core.Time;
using Chronicle.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Sharing;

/// <summary>
/// Someone an entry is shared with, for which children (those of the entry's children whose team they are in,
/// the first linked from their inbox), and whether they must acknowledge it.
/// </summary>
internal sealed record Recipient(Guid ProfessionalId, IReadOnlyList<Guid> ChildIds, bool NeedsAcknowledgement)
{
    public Recipient(Guid professionalId, Guid? childId, bool needsAcknowledgement)
        : this(professionalId, childId is { } c ? [c] : [], needsAcknowledgement) { }

    public Guid? ChildId => ChildIds.Count > 0 ? ChildIds[0] : null;
}

/// <summary>Who may see an entry, and the share itself: an information-shared entry and a notification per recipient.</summary>
internal static class Sharer
{
    /// <summary>
    /// The records of sharing (a share, an acknowledgement, a decision about sharing) are never shared in turn:
    /// this is where sharing stops, since each share is itself an entry.
    /// </summary>
    public static bool IsAboutSharing(EntryDetails details) =>
        details is InformationShared or InformationAcknowledged or DecisionRecorded { Topic: DecisionTopic.InformationSharing };

    /// <summary>
    /// Everyone in the team around each child the entry is about (<see cref="Family.ChildrenAboutAsync"/>: never a
    /// sibling the entry does not name) who may see it at its sharing level, the recorder excepted, once each and
    /// for the children whose team they are in; for a meeting (arranged, moved or cancelled, held), every invitee too. Significant and critical entries
    /// need acknowledging, and so do a meeting's record (by its invitees) and a change of address or household (by
    /// the lead professional).
    /// </summary>
    public static async Task<List<Recipient>> RecipientsAsync(ChronicleDb db, ChronologyEntry entry, EntryDetails details, DateOnly day, CancellationToken ct)
    {
        var children = await Family.ChildrenAboutAsync(db, [.. entry.Subjects.Select(s => s.PersonId)], ct);
        var found = new Dictionary<Guid, Recipient>();
        var members = new List<TeamMember>();
        // Every child's team read together, a query for each kind of fact, not the queries of one team for each child.
        var teams = await ChildTeam.LoadManyAsync(db, children, day, ct);
        foreach (var childId in children)
        {
            if (!teams.TryGetValue(childId, out var team)) continue;
            foreach (var member in team.Members.Where(m => m.ProfessionalId is not null))
            {
                members.Add(member);
                if (!MaySee(entry, member, team)) continue;
                var leadMustKnow = member.ProfessionalId == team.LeadProfessionalId && details is AddressChange or HouseholdChange;
                Add(found, new Recipient(member.ProfessionalId!.Value, childId, entry.Significance >= Significance.Significant || leadMustKnow));
            }
        }

        var invited = await InvitedAsync(db, details, ct);
        var firstChild = children.Count > 0 ? children[0] : (Guid?)null;
        var invitees = invited.Professionals.Concat(members.Where(m => invited.Agencies.Contains(m.AgencyId)).Select(m => m.ProfessionalId!.Value)).Distinct().ToList();
        // An invitee who may no longer open the child (invited before their access changed) is sent nothing about them.
        var reachable = firstChild is { } meetingChild ? await MayBeSentAsync(db, meetingChild, invitees, entry.RecordedAt, ct) : new HashSet<Guid>();
        foreach (var professionalId in invitees.Where(reachable.Contains))
            Add(found, new Recipient(professionalId, firstChild, details is MeetingHeld || entry.Significance >= Significance.Significant));

        found.Remove(entry.RecordedByProfessionalId);
        return [.. found.Values];
    }

    /// <summary>
    /// How someone with these accounts may open the child, if they may be sent anything about them: in the team, as a
    /// team member's manager, or as the front door while a contact is open. Break glass is never a reason. Sharing by
    /// hand and a meeting's invitations and record all ask this one rule.
    /// </summary>
    public static ShareGroup? GroupOf(IEnumerable<Viewer> viewers, ChildAccessFacts facts) =>
        ChildAccessReader.Widest(viewers, facts).Basis switch
        {
            AccessBasis.Team => ShareGroup.Team,
            AccessBasis.ManagerOfTeamMember => ShareGroup.ManagerOfTeam,
            AccessBasis.FrontDoor => ShareGroup.FrontDoor,
            _ => null,
        };

    /// <summary>Of these professionals, those who may be sent something about the child now (<see cref="GroupOf"/>).</summary>
    public static async Task<IReadOnlySet<Guid>> MayBeSentAsync(ChronicleDb db, Guid childId, IReadOnlyCollection<Guid> professionalIds, DateTimeOffset now, CancellationToken ct)
    {
        if (professionalIds.Count == 0 || await ChildAccessReader.FactsAsync(db, childId, now, ct) is not { } facts) return new HashSet<Guid>();
        return (await ChildAccessReader.ViewersAsync(db, professionalIds, ct)).Where(v => GroupOf(v.Value, facts) is not null).Select(v => v.Key).ToHashSet();
    }

    /// <summary>Whether a team member may see the entry at its sharing level: the access policy's rule, so sharing never reaches further than reading.</summary>
    public static bool MaySee(ChronologyEntry entry, TeamMember member, TeamView team)
    {
        var viewer = new Viewer(Guid.Empty, entry.PartnershipId, new HashSet<Role>(), member.ProfessionalId, member.AgencyId, member.AgencyKind);
        var facts = new ChildAccessFacts(team.ChildId, team.Members.Select(m => m.ProfessionalId).OfType<Guid>().ToHashSet(), new HashSet<Guid>(),
            team.LeadProfessionalId, team.LeadSocialWorkerId, OpenContactAtFrontDoor: false, BreakGlassActive: false);
        return AccessPolicy.ToEntry(viewer, AccessBasis.Team, entry, facts);
    }

    /// <summary>
    /// Records the share as an information-shared entry about the same people, at the same sharing level, then
    /// notifies each recipient not already told of this entry. Running it again for the same key writes nothing new.
    /// </summary>
    public static async Task<Outcome<ChronologyEntry?>> ShareAsync(
        ChronicleDb db, ChronologyService chronology, TimeProvider clock, WorkingDayCalendar calendar, ChronologyEntry entry,
        IReadOnlyList<Recipient> recipients, Guid sharedBy, string? lawfulBasis, string? purpose, CancellationToken ct)
    {
        var already = await db.Notifications.AsNoTracking()
            .Where(n => n.EntryId == entry.Id && n.Kind == NotificationKind.EntryShared).Select(n => n.RecipientProfessionalId).ToListAsync(ct);
        var fresh = recipients.Where(r => !already.Contains(r.ProfessionalId)).ToList();
        if (fresh.Count == 0) return Outcome<ChronologyEntry?>.Ok(null);

        var policy = await TeamPolicy.LoadAsync(db, entry.PartnershipId, ct);
        var basis = string.IsNullOrWhiteSpace(lawfulBasis) ? policy.Get(TeamPolicy.Sharing, TeamPolicy.LawfulBasis) : lawfulBasis.Trim();
        var now = clock.GetUtcNow();
        var kind = EntryKinds.Find(entry.Kind)!;
        var what = What(entry);
        var share = new InformationShared
        {
            AboutEntryId = entry.Id,
            RecipientProfessionalIds = [.. fresh.Select(r => r.ProfessionalId)],
            Summary = string.IsNullOrWhiteSpace(purpose) ? what : $"{what}: {purpose.Trim()}",
            LawfulBasis = basis,
        };
        var written = await chronology.RecordAsync(entry.PartnershipId,
            Recording.Input(share, sharedBy, entry.Subjects.Select(s => s.PersonId), now, null, Significance.Routine, entry.SharingLevel), ct);
        if (!written.Succeeded) return Outcome<ChronologyEntry?>.Refused(written.Errors);
        var shareEntry = written.Value!;

        var due = calendar.DueAfterWorkingDays(now, policy.GetInt(TeamPolicy.Sharing, TeamPolicy.AcknowledgeWithin));
        var ids = fresh.Select(r => r.ProfessionalId).Append(entry.RecordedByProfessionalId).ToList();
        var professionals = await db.Professionals.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var agency = await db.Agencies.AsNoTracking().Where(a => a.Id == entry.RecordedByAgencyId).Select(a => a.Name).FirstOrDefaultAsync(ct);
        var childIds = fresh.SelectMany(r => r.ChildIds).Distinct().ToList();
        var children = await db.People.AsNoTracking().Where(p => childIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName, ct);
        var recorder = professionals.GetValueOrDefault(entry.RecordedByProfessionalId)?.Name ?? "someone";
        foreach (var r in fresh)
        {
            var names = r.ChildIds.Where(children.ContainsKey).Select(c => children[c]).ToList();
            var about = names.Count == 0 ? "" : $" about {FindingWords.List(names)}";
            Notifier.Send(db, new Notification
            {
                Id = Guid.CreateVersion7(now), PartnershipId = entry.PartnershipId, RecipientProfessionalId = r.ProfessionalId, Kind = NotificationKind.EntryShared,
                ChildPersonId = r.ChildId, EntryId = entry.Id, ShareEntryId = shareEntry.Id,
                Title = $"{(entry.SupersedesEntryId is null ? "" : "Correction: ")}{kind.Label}{about}, recorded by {recorder} ({agency})",
                SharingLevel = entry.SharingLevel, LawfulBasis = basis, NeedsAcknowledgement = r.NeedsAcknowledgement, DueAt = r.NeedsAcknowledgement ? due : null,
                CreatedAt = now,
            }, professionals.GetValueOrDefault(r.ProfessionalId)?.Email, now);
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return Outcome<ChronologyEntry?>.Ok(shareEntry);
    }

    /// <summary>What a share of this entry says it shares, before its purpose: "Home visit recorded on 5 December 2026".</summary>
    private static string What(ChronologyEntry entry) =>
        $"{(entry.SupersedesEntryId is null ? "" : "Correction: ")}{EntryKinds.Find(entry.Kind)!.Label} recorded on {WorkingDayCalendar.UkDate(entry.RecordedAt):d MMMM yyyy}";

    /// <summary>The purpose a share of this entry gave (<see cref="ShareAsync"/>), or null when it gave none (the share made by itself).</summary>
    public static string? PurposeOf(InformationShared share, ChronologyEntry entry) =>
        share.AboutEntryId == entry.Id && share.Summary.StartsWith(What(entry) + ": ", StringComparison.Ordinal) ? share.Summary[(What(entry).Length + 2)..] : null;

    /// <summary>
    /// An information-shared entry names who was told: each named professional who has no item for it yet (a share
    /// written by <see cref="ShareAsync"/> has notified its own) and who may see the entry, about a child it is about
    /// that they may see (<see cref="ChildAccessReader"/>, at the entry's sharing level), gets one to acknowledge, so
    /// that what was passed to them is in their inbox and their acknowledgement is on the record. What the front door
    /// is told is a contact, as a MASH takes it: for a child with no contact open, one is recorded first
    /// (<see cref="OpenContactsAsync"/>), so the front door may open the child's record, and must decide on it, as for
    /// any contact. Anyone else named who may not see it is told nothing by Chronicle: naming a person in an entry
    /// never gives them the child's record.
    /// </summary>
    public static async Task NotifyNamedAsync(ChronicleDb db, ChronologyService chronology, TimeProvider clock, WorkingDayCalendar calendar, ChronologyEntry entry, InformationShared told, CancellationToken ct)
    {
        var named = told.RecipientProfessionalIds.Where(p => p != entry.RecordedByProfessionalId).Distinct().ToList();
        if (named.Count == 0) return;
        // A share's items are about the entry it shares; this entry's own, about itself.
        var already = await db.Notifications.AsNoTracking().Where(n => (n.EntryId == entry.Id || n.EntryId == told.AboutEntryId) && n.ShareEntryId == entry.Id)
            .Select(n => n.RecipientProfessionalId).ToListAsync(ct);
        var fresh = named.Where(p => !already.Contains(p)).ToList();
        if (fresh.Count == 0) return;

        var now = clock.GetUtcNow();
        var aboutChildren = await Family.ChildrenAboutAsync(db, [.. entry.Subjects.Select(s => s.PersonId)], ct);
        await OpenContactsAsync(db, chronology, entry, told, fresh, aboutChildren, now, ct);
        var about = new Dictionary<Guid, Guid>();
        foreach (var childId in aboutChildren)
        {
            if (fresh.All(about.ContainsKey)) break;
            if (await ChildAccessReader.FactsAsync(db, childId, now, ct) is not { } facts) continue;
            foreach (var (professionalId, (viewer, basis)) in await ChildAccessReader.WhoMaySeeAsync(db, facts, [.. fresh.Where(p => !about.ContainsKey(p))], ct))
                if (AccessPolicy.ToEntry(viewer, basis, entry, facts)) about[professionalId] = childId;
        }
        if (about.Count == 0) return;

        var policy = await TeamPolicy.LoadAsync(db, entry.PartnershipId, ct);
        var due = calendar.DueAfterWorkingDays(now, policy.GetInt(TeamPolicy.Sharing, TeamPolicy.AcknowledgeWithin));
        var ids = about.Keys.Append(entry.RecordedByProfessionalId).ToList();
        var professionals = await db.Professionals.AsNoTracking().Where(p => ids.Contains(p.Id) && p.PartnershipId == entry.PartnershipId).ToDictionaryAsync(p => p.Id, ct);
        var agency = await db.Agencies.AsNoTracking().Where(a => a.Id == entry.RecordedByAgencyId).Select(a => a.Name).FirstOrDefaultAsync(ct);
        var childIds = about.Values.Distinct().ToList();
        var children = await db.People.AsNoTracking().Where(p => childIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName, ct);
        var recorder = professionals.GetValueOrDefault(entry.RecordedByProfessionalId)?.Name ?? "someone";
        foreach (var recipient in fresh.Where(p => about.ContainsKey(p) && professionals.ContainsKey(p)))
            Notifier.Send(db, new Notification
            {
                Id = Guid.CreateVersion7(now), PartnershipId = entry.PartnershipId, RecipientProfessionalId = recipient, Kind = NotificationKind.EntryShared,
                ChildPersonId = about[recipient], EntryId = entry.Id, ShareEntryId = entry.Id,
                Title = $"{EntryKinds.InformationShared.Label} about {children.GetValueOrDefault(about[recipient], "a child")}, by {recorder} ({agency})",
                SharingLevel = entry.SharingLevel, LawfulBasis = told.LawfulBasis, NeedsAcknowledgement = true, DueAt = due, CreatedAt = now,
            }, professionals[recipient].Email, now);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// The front door receives what it is told about a child as a contact: where a front door worker named in an
    /// information-shared entry could not otherwise open a child it is about, and no contact about that child is open,
    /// a contact is recorded (by whoever shared, from their agency, the summary as its concerns, at the entry's
    /// sharing level, at the moment the share was recorded: when the front door was told, not when what it tells of
    /// happened), which opens the child to the front door until it decides on it. Recorded once, whatever retries,
    /// and not again for a correction; only about the children the entry names.
    /// </summary>
    internal static async Task OpenContactsAsync(ChronicleDb db, ChronologyService chronology, ChronologyEntry entry, InformationShared told,
        IReadOnlyList<Guid> named, IReadOnlyList<Guid> children, DateTimeOffset now, CancellationToken ct)
    {
        var frontDoor = (await ChildAccessReader.ViewersAsync(db, named, ct)).Values
            .Select(viewers => viewers.Where(v => v.Has(Role.FrontDoor)).ToList()).Where(v => v.Count > 0).ToList();
        // A correction of a share is the same telling: its contact was recorded when first told.
        if (frontDoor.Count == 0 || children.Count == 0 || entry.SupersedesEntryId is not null) return;
        var open = await db.OpenContacts.AsNoTracking().Where(o => children.Contains(o.PersonId)).Select(o => o.PersonId).ToListAsync(ct);
        var waiting = new List<Guid>();
        foreach (var childId in children.Where(c => !open.Contains(c)))
        {
            // Only a child the entry names: an entry about adults alone is about their children too, but the front door
            // is told about a child by naming them (a referrer need not be in the child's team), never by widening.
            if (!entry.IsAbout(childId)) continue;
            if (await ChildAccessReader.FactsAsync(db, childId, now, ct) is not { } facts) continue;
            if (frontDoor.Any(viewers => TellingOpensContact(viewers, facts, entry))) waiting.Add(childId);
        }
        if (waiting.Count == 0) return;
        var contact = new ContactReceived { Type = ContactType.Contact, ReferrerAgencyId = entry.RecordedByAgencyId, Concerns = told.Summary };
        var written = await chronology.RecordAsync(entry.PartnershipId, Recording.Input(contact, entry.RecordedByProfessionalId, waiting, entry.RecordedAt,
            $"front-door-contact-{entry.Id}", entry.Significance, entry.SharingLevel), ct);
        if (!written.Succeeded)
            throw new InvalidOperationException($"The contact for entry {entry.Id} could not be recorded: {string.Join("; ", written.Errors.Select(e => $"{e.Field}: {e.Message}"))}");
    }

    /// <summary>
    /// Whether telling someone with these accounts about an entry opens a contact about the child at the front door: they
    /// are the front door, may not open the child now, no contact about the child is open, the entry names the child,
    /// and with the contact they would see the entry at its sharing level.
    /// </summary>
    internal static bool TellingOpensContact(IReadOnlyList<Viewer> viewers, ChildAccessFacts facts, ChronologyEntry entry)
    {
        if (facts.OpenContactAtFrontDoor || !entry.IsAbout(facts.ChildId) || ChildAccessReader.Widest(viewers, facts).Basis != AccessBasis.None) return false;
        var withContact = facts with { OpenContactAtFrontDoor = true };
        return ChildAccessReader.Widest(viewers, withContact) is ({ } viewer, AccessBasis.FrontDoor) && AccessPolicy.ToEntry(viewer, AccessBasis.FrontDoor, entry, withContact);
    }

    private static void Add(Dictionary<Guid, Recipient> found, Recipient r) =>
        found[r.ProfessionalId] = found.TryGetValue(r.ProfessionalId, out var had)
            ? had with { ChildIds = [.. had.ChildIds.Union(r.ChildIds)], NeedsAcknowledgement = had.NeedsAcknowledgement || r.NeedsAcknowledgement }
            : r;

    private static async Task<(HashSet<Guid> Professionals, HashSet<Guid> Agencies)> InvitedAsync(ChronicleDb db, EntryDetails details, CancellationToken ct)
    {
        var professionals = new HashSet<Guid>();
        var agencies = new HashSet<Guid>();
        void Invite(Guid? professional, Guid? agency)
        {
            if (professional is { } p) professionals.Add(p);
            else if (agency is { } a) agencies.Add(a);
        }
        switch (details)
        {
            case MeetingScheduled scheduled:
                foreach (var i in scheduled.Invited) Invite(i.ProfessionalId, i.AgencyId);
                break;
            case MeetingChanged changed:
                foreach (var i in changed.Invited) Invite(i.ProfessionalId, i.AgencyId);
                break;
            case MeetingHeld held:
                foreach (var a in held.Attendance.Where(a => a.Invited)) Invite(a.ProfessionalId, a.AgencyId);
                if (held.ScheduledEntryId is { } scheduledId
                    && await db.Entries.AsNoTracking().FirstOrDefaultAsync(e => e.Id == scheduledId, ct) is { } entry
                    && DetailsReader.ReadStored(entry.Kind, entry.Details) is MeetingScheduled original)
                    foreach (var i in original.Invited) Invite(i.ProfessionalId, i.AgencyId);
                if (held.ChairProfessionalId is { } chair) professionals.Add(chair);
                break;
        }
        return (professionals, agencies);
    }
}

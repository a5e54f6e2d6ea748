using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.TeamAroundChild;
using Chronicle.Core.Time;
using Chronicle.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Sharing;

/// <summary>Of these entries, the people they name whom the reader may not see (the web app's access rule; <see cref="Withholding.Nobody"/> where all may be seen).</summary>
public delegate Task<IReadOnlySet<Guid>> HiddenIn(IReadOnlyCollection<ChronologyEntry> entries);

public enum InboxFilter { All, Unread, NeedsAcknowledgement, Overdue }

/// <summary>A notification as its recipient sees it, with the entry it is about where they may read it.</summary>
public sealed record InboxItem(
    Notification Notification,
    string? ChildName,
    string? EntryKindLabel,
    string? EntrySummary,
    string? RecordedBy,
    string? RecordedByAgency,
    DateTimeOffset? EntryWhen,
    bool IsOverdue,
    DatePrecision EntryPrecision = DatePrecision.Unknown)
{
    /// <summary>What was recorded, its kind said once.</summary>
    public string? WhatWasRecorded => EntrySummary is null ? null : Chronology.EntrySummary.Titled(EntryKindLabel ?? "", EntrySummary);
}

/// <summary>A professional's inbox: counts for the headline, and the items the filter asks for, newest first.</summary>
public sealed record Inbox(Guid ProfessionalId, int Unread, int AwaitingAcknowledgement, int Overdue, IReadOnlyList<InboxItem> Items);

/// <summary>Who an entry was shared with and how each stands.</summary>
public sealed record ShareStatus(Guid ProfessionalId, string Name, string Agency, DateTimeOffset SharedAt, string? LawfulBasis, bool NeedsAcknowledgement, DateTimeOffset? DueAt, DateTimeOffset? AcknowledgedAt, bool IsOverdue);

/// <summary>Sharing an entry with named professionals beyond its automatic share, with the purpose and lawful basis.</summary>
public sealed record ShareInput(Guid? EntryId, Guid? ByProfessionalId, IReadOnlyList<Guid>? RecipientProfessionalIds, string? Purpose, string? LawfulBasis = null);

/// <summary>A decision not to share an entry (further), with its reason: information-sharing golden rule 7.</summary>
public sealed record NotSharingInput(
    Guid? EntryId, Guid? ByProfessionalId, string? Reason, IReadOnlyList<Guid>? WithheldFromProfessionalIds = null,
    IReadOnlyList<Guid>? WithheldFromAgencyIds = null, string? IdempotencyKey = null);

/// <summary>
/// The inbox of shared information and what it asks of each professional: reading, acknowledging (which writes
/// an information-acknowledged entry), sharing further, recording a decision not to share, and escalating what
/// was not acknowledged in time to the recipient's manager.
/// </summary>
public sealed class SharingService(ChronicleDb db, ChronologyService chronology, TimeProvider clock, WorkingDayCalendar calendar)
{
    public SharingService(ChronicleDb db, ChronologyService chronology, TimeProvider clock) : this(db, chronology, clock, WorkingDayCalendar.EnglandAndWales) { }

    /// <param name="hiddenIn">The people the shared entries name whom the reader may not see: named in the summaries only as someone they do not have access to.</param>
    public async Task<Inbox> InboxAsync(Guid partnershipId, Guid professionalId, HiddenIn hiddenIn, InboxFilter filter = InboxFilter.All, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var all = await db.Notifications.AsNoTracking().Where(n => n.PartnershipId == partnershipId && n.RecipientProfessionalId == professionalId).ToListAsync(ct);
        var chosen = all.Where(n => filter switch
        {
            InboxFilter.Unread => n.ReadAt is null,
            InboxFilter.NeedsAcknowledgement => n.AwaitsAcknowledgement,
            InboxFilter.Overdue => n.IsOverdue(now),
            _ => true,
        }).OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).ToList();
        return new Inbox(professionalId, all.Count(n => n.ReadAt is null), all.Count(n => n.AwaitsAcknowledgement), all.Count(n => n.IsOverdue(now)),
            await ItemsAsync(partnershipId, chosen, now, hiddenIn, ct));
    }

    /// <summary>These notifications as the inbox shows them, in the order given: only their entries are read.</summary>
    public async Task<IReadOnlyList<InboxItem>> ItemsAsync(Guid partnershipId, IReadOnlyList<Notification> chosen, DateTimeOffset now, HiddenIn hiddenIn, CancellationToken ct = default)
    {
        if (chosen.Count == 0) return [];
        var entryIds = chosen.Where(n => n.Kind == NotificationKind.EntryShared).Select(n => n.EntryId).OfType<Guid>().Distinct().ToList();
        var entries = await db.Entries.AsNoTracking().Include(e => e.Subjects).Where(e => entryIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var read = entries.Values.ToDictionary(e => e.Id, e => DetailsReader.ReadStored(e.Kind, e.Details));
        // The names the items show: each item's child, and what its entry names.
        var (people, professionals) = ChronologyReader.NamedIn(entries.Values.Select(e => (e, read[e.Id])));
        people.UnionWith(chosen.Select(n => n.ChildPersonId).OfType<Guid>());
        var names = (await ChronologyReader.NamesAsync(db, partnershipId, people, professionals, ct)).Withholding(await hiddenIn(entries.Values));
        var items = chosen.Select(n =>
        {
            // Only a shared entry's own recipient sees its content; an escalation names the item without it.
            var entry = n.Kind == NotificationKind.EntryShared && n.EntryId is { } id ? entries.GetValueOrDefault(id) : null;
            var details = entry is null ? null : read[entry.Id];
            return new InboxItem(n, n.ChildPersonId is { } child ? names.Person(child) : null,
                entry is null ? null : EntryKinds.Find(entry.Kind)?.Label, details is null ? null : EntrySummary.Of(details, names),
                entry is null ? null : names.Professional(entry.RecordedByProfessionalId), entry is null ? null : names.Agency(entry.RecordedByAgencyId),
                entry?.OccurredAt, n.IsOverdue(now), entry?.OccurredPrecision ?? DatePrecision.Unknown);
        }).ToList();
        return items;
    }

    public async Task<Outcome<Notification>> MarkReadAsync(Guid partnershipId, Guid notificationId, Guid professionalId, CancellationToken ct = default)
    {
        var n = await db.Notifications.FirstOrDefaultAsync(x => x.Id == notificationId && x.PartnershipId == partnershipId, ct);
        if (n is null) return Outcome<Notification>.Refused("notificationId", "There is no such notification");
        if (n.RecipientProfessionalId != professionalId) return Outcome<Notification>.Refused("professionalId", "This notification was sent to someone else");
        n.ReadAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return Outcome<Notification>.Ok(n);
    }

    /// <summary>
    /// The recipient confirms they have received and read what was shared. For a shared entry this writes an
    /// information-acknowledged entry about the same people (what SG-08 looks for); acknowledging twice is harmless.
    /// </summary>
    /// <summary>
    /// Who an acknowledgement is about: the child the notification was sent for (the recipient works with that
    /// child, not necessarily with the others the shared entry names), or, for an entry about no child, its subjects.
    /// </summary>
    private static IEnumerable<Guid> AcknowledgementSubjects(Notification n, ChronologyEntry entry) =>
        n.ChildPersonId is { } child ? [child] : entry.Subjects.Select(s => s.PersonId);

    /// <summary>
    /// Every id the acknowledgement of this notification will name, if it is the professional's own and writes one:
    /// the entry that shared the information, and whom it is about. Nothing else may be named on the system's behalf
    /// (the recipient may not see the shared entry's child). Empty for someone else's notification or one that writes nothing.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> NamedByAcknowledgementAsync(Guid partnershipId, Guid notificationId, Guid professionalId, CancellationToken ct = default)
    {
        var n = await db.Notifications.AsNoTracking().FirstOrDefaultAsync(x => x.Id == notificationId && x.PartnershipId == partnershipId, ct);
        if (n is null || n.RecipientProfessionalId != professionalId || n.Kind != NotificationKind.EntryShared || n.ShareEntryId is not { } shareId || n.EntryId is not { } entryId) return [];
        var entry = await db.Entries.AsNoTracking().Include(e => e.Subjects).FirstOrDefaultAsync(e => e.Id == entryId, ct);
        return entry is null ? [] : [shareId, .. AcknowledgementSubjects(n, entry)];
    }

    public Task<Outcome<Notification>> AcknowledgeAsync(Guid partnershipId, Guid notificationId, Guid professionalId, CancellationToken ct = default) =>
        Writes.InTransactionAsync(db, chronology, () => AcknowledgeInTransactionAsync(partnershipId, notificationId, professionalId, ct), ct);

    private async Task<Outcome<Notification>> AcknowledgeInTransactionAsync(Guid partnershipId, Guid notificationId, Guid professionalId, CancellationToken ct)
    {
        var n = await db.Notifications.AsNoTracking().FirstOrDefaultAsync(x => x.Id == notificationId && x.PartnershipId == partnershipId, ct);
        if (n is null) return Outcome<Notification>.Refused("notificationId", "There is no such notification");
        if (n.RecipientProfessionalId != professionalId)
            return Outcome<Notification>.Refused("professionalId", "Only the person it was shared with can acknowledge it");
        if (n.AcknowledgedAt is not null) return Outcome<Notification>.Ok(n);

        var now = clock.GetUtcNow();
        Guid? acknowledgement = null;
        if (n.Kind == NotificationKind.EntryShared && n.ShareEntryId is { } shareId && n.EntryId is { } entryId)
        {
            var entry = await db.Entries.AsNoTracking().Include(e => e.Subjects).FirstAsync(e => e.Id == entryId, ct);
            var written = await chronology.RecordAsync(partnershipId, Recording.Input(
                new InformationAcknowledged { SharedEntryId = shareId, ProfessionalId = professionalId },
                professionalId, AcknowledgementSubjects(n, entry), now, null, Significance.Routine, entry.SharingLevel), ct);
            if (!written.Succeeded) return Outcome<Notification>.Refused(written.Errors);
            acknowledgement = written.Value!.Id;
        }
        var tracked = await db.Notifications.FirstAsync(x => x.Id == notificationId, ct);
        // Acknowledged once: if another acknowledgement committed while this one waited, this one is the conflict.
        db.Entry(tracked).Property(x => x.AcknowledgedAt).OriginalValue = n.AcknowledgedAt;
        tracked.AcknowledgedAt = now;
        tracked.AcknowledgementEntryId = acknowledgement;
        tracked.ReadAt ??= now;
        await db.SaveChangesAsync(ct);
        return Outcome<Notification>.Ok(tracked);
    }

    /// <summary>Shares an entry with named professionals (beyond the team's automatic share), recording purpose and lawful basis.</summary>
    public async Task<Outcome<ChronologyEntry>> ShareAsync(Guid partnershipId, ShareInput input, CancellationToken ct = default)
    {
        var p = new Problems();
        var entry = await EntryAsync(partnershipId, input.EntryId, p, ct);
        await RequireProfessionalAsync(partnershipId, input.ByProfessionalId, "byProfessionalId", "Select who is sharing the information", p, ct);
        var recipients = input.RecipientProfessionalIds ?? [];
        if (recipients.Count == 0) p.Add("recipientProfessionalIds", "Select who to share the information with");
        var known = await db.Professionals.AsNoTracking().Where(x => x.PartnershipId == partnershipId && recipients.Contains(x.Id)).Select(x => x.Id).ToListAsync(ct);
        for (var i = 0; i < recipients.Count; i++)
            if (!known.Contains(recipients[i])) p.Add($"recipientProfessionalIds[{i}]", "No such professional in this partnership");
        p.Required("purpose", input.Purpose, "Enter why the information is being shared");
        p.MaxLength("purpose", input.Purpose, 2000, "The purpose");
        p.MaxLength("lawfulBasis", input.LawfulBasis, 500, "The lawful basis");
        if (entry is not null && input.ByProfessionalId is { } by && !await MaySeeAsync(entry, by, ct))
            p.Add("byProfessionalId", "Only someone who may see the entry can share it");
        if (p.Any) return Outcome<ChronologyEntry>.Refused(p.Errors);

        var needsAcknowledgement = entry!.Significance >= Significance.Significant;
        var children = await Family.ChildrenAboutAsync(db, [.. entry.Subjects.Select(s => s.PersonId)], ct);
        var shared = await Sharer.ShareAsync(db, chronology, clock, calendar, entry,
            [.. recipients.Distinct().Where(r => r != input.ByProfessionalId).Select(r => new Recipient(r, children, needsAcknowledgement))],
            input.ByProfessionalId!.Value, input.LawfulBasis, input.Purpose, ct);
        if (!shared.Succeeded) return Outcome<ChronologyEntry>.Refused(shared.Errors);
        return shared.Value is { } share ? Outcome<ChronologyEntry>.Ok(share)
            : Outcome<ChronologyEntry>.Refused("recipientProfessionalIds", "Everyone selected has already been sent this entry");
    }

    /// <summary>Records a decision not to share an entry, or not with some people, and why, as a decision entry beside it.</summary>
    public async Task<Outcome<ChronologyEntry>> RecordDecisionNotToShareAsync(Guid partnershipId, NotSharingInput input, CancellationToken ct = default)
    {
        var p = new Problems();
        var entry = await EntryAsync(partnershipId, input.EntryId, p, ct);
        await RequireProfessionalAsync(partnershipId, input.ByProfessionalId, "byProfessionalId", "Select who decided not to share", p, ct);
        p.Required("reason", input.Reason, "Enter why the information is not being shared");
        p.MaxLength("reason", input.Reason, 2000, "The reason");
        if (entry is not null && input.ByProfessionalId is { } by && !await MaySeeAsync(entry, by, ct))
            p.Add("byProfessionalId", "Only someone who may see the entry can decide about sharing it");
        if (p.Any) return Outcome<ChronologyEntry>.Refused(p.Errors);

        var names = await ChronologyReader.NamesAsync(db, partnershipId, [], input.WithheldFromProfessionalIds ?? [], ct);
        var withheld = (input.WithheldFromProfessionalIds ?? []).Select(x => names.Professional(x)).Concat((input.WithheldFromAgencyIds ?? []).Select(x => names.Agency(x))).ToList();
        var label = EntryKinds.Find(entry!.Kind)!.Label.ToLowerInvariant();
        var decision = new DecisionRecorded
        {
            Topic = DecisionTopic.InformationSharing,
            Decision = withheld.Count > 0 ? $"Not to share the {label} with {string.Join(", ", withheld)}" : $"Not to share the {label} beyond {Labels.Of(entry.SharingLevel).ToLowerInvariant()}",
            Rationale = input.Reason!.Trim(),
            AboutEntryId = entry.Id,
        };
        return await chronology.RecordAsync(partnershipId, Recording.Input(decision, input.ByProfessionalId!.Value, entry.Subjects.Select(s => s.PersonId),
            clock.GetUtcNow(), input.IdempotencyKey, Significance.Routine, entry.SharingLevel), ct);
    }

    /// <summary>Who an entry was shared with, and whether each has acknowledged it.</summary>
    public async Task<IReadOnlyList<ShareStatus>> SharesOfEntryAsync(Guid partnershipId, Guid entryId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var shares = await db.Notifications.AsNoTracking()
            .Where(n => n.PartnershipId == partnershipId && n.EntryId == entryId && n.Kind == NotificationKind.EntryShared).ToListAsync(ct);
        var recipients = shares.Select(n => n.RecipientProfessionalId).Distinct().ToList();
        var names = await ChronologyReader.NamesAsync(db, partnershipId, [], recipients, ct);
        var agencies = await db.Professionals.AsNoTracking().Where(x => x.PartnershipId == partnershipId && recipients.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.AgencyId, ct);
        return [.. shares.OrderBy(n => n.CreatedAt).ThenBy(n => names.Professional(n.RecipientProfessionalId), StringComparer.Ordinal).Select(n => new ShareStatus(
            n.RecipientProfessionalId, names.Professional(n.RecipientProfessionalId), names.Agency(agencies.GetValueOrDefault(n.RecipientProfessionalId)),
            n.CreatedAt, n.LawfulBasis, n.NeedsAcknowledgement, n.DueAt, n.AcknowledgedAt, n.IsOverdue(now)))];
    }

    /// <summary>
    /// Every notification still unacknowledged after its due time (the policy's working days) goes to the
    /// recipient's manager, once. Returns how many were escalated; one without a manager on record is marked
    /// escalated to no one, so it shows as such rather than being retried for ever.
    /// </summary>
    public async Task<int> EscalateOverdueAsync(Guid partnershipId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var overdue = (await db.Notifications
                .Where(n => n.PartnershipId == partnershipId && n.NeedsAcknowledgement && n.AcknowledgedAt == null && n.EscalatedAt == null)
                .ToListAsync(ct))
            .Where(n => n.DueAt < now).ToList();
        if (overdue.Count == 0) return 0;
        var recipientIds = overdue.Select(n => n.RecipientProfessionalId).Distinct().ToList();
        var recipients = await db.Professionals.AsNoTracking().Where(x => recipientIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, ct);
        var managerIds = recipients.Values.Select(r => r.ManagerId).OfType<Guid>().Distinct().ToList();
        var managers = await db.Professionals.AsNoTracking().Where(x => managerIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, ct);
        foreach (var n in overdue)
        {
            var recipient = recipients[n.RecipientProfessionalId];
            var manager = recipient.ManagerId is { } m ? managers.GetValueOrDefault(m) : null;
            n.EscalatedAt = now;
            n.EscalatedToProfessionalId = manager?.Id;
            if (manager is null) continue;
            Notifier.Send(db, new Notification
            {
                Id = Guid.CreateVersion7(now), PartnershipId = partnershipId, RecipientProfessionalId = manager.Id, Kind = NotificationKind.AcknowledgementOverdue,
                ChildPersonId = n.ChildPersonId, EntryId = n.EntryId, AboutNotificationId = n.Id,
                Title = $"{recipient.Name} has not acknowledged information shared on {WorkingDayCalendar.UkDate(n.CreatedAt):d MMMM yyyy}, due by {WorkingDayCalendar.UkDate(n.DueAt!.Value):d MMMM yyyy}",
                CreatedAt = now,
            }, manager.Email, now);
        }
        await db.SaveChangesAsync(ct);
        return overdue.Count;
    }

    private async Task<ChronologyEntry?> EntryAsync(Guid partnershipId, Guid? entryId, Problems p, CancellationToken ct)
    {
        if (entryId is null)
        {
            p.Add("entryId", "Select the entry");
            return null;
        }
        var entry = await db.Entries.AsNoTracking().Include(e => e.Subjects).FirstOrDefaultAsync(e => e.Id == entryId && e.PartnershipId == partnershipId, ct);
        if (entry is null) p.Add("entryId", "There is no such entry");
        return entry;
    }

    private async Task RequireProfessionalAsync(Guid partnershipId, Guid? id, string field, string message, Problems p, CancellationToken ct)
    {
        if (id is null) p.Add(field, message);
        else if (!await db.Professionals.AnyAsync(x => x.Id == id && x.PartnershipId == partnershipId, ct)) p.Add(field, "No such professional in this partnership");
    }

    /// <summary>The recorder, anyone it was shared with, and the team members its sharing level admits.</summary>
    private async Task<bool> MaySeeAsync(ChronologyEntry entry, Guid professionalId, CancellationToken ct)
    {
        if (entry.RecordedByProfessionalId == professionalId) return true;
        if (await db.Notifications.AnyAsync(n => n.EntryId == entry.Id && n.Kind == NotificationKind.EntryShared && n.RecipientProfessionalId == professionalId, ct)) return true;
        var day = WorkingDayCalendar.UkDate(clock.GetUtcNow());
        foreach (var child in await Family.ChildrenConcernedAsync(db, [.. entry.Subjects.Select(s => s.PersonId)], ct))
        {
            var team = await ChildTeam.LoadAsync(db, child, day, ct);
            if (team?.Members.FirstOrDefault(m => m.ProfessionalId == professionalId) is { } member && Sharer.MaySee(entry, member, team)) return true;
        }
        return false;
    }
}

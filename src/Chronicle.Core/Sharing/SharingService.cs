using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Security;
using Chronicle.Core.TeamAroundChild;
using Chronicle.Core.Time;
using Chronicle.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Sharing;

/// <summary>Of these entries, the people they name whom the reader may not see (the web app's access rule; <see cref="Withholding.Nobody"/> where all may be seen).</summary>
public delegate Task<IReadOnlySet<Guid>> HiddenIn(IReadOnlyCollection<ChronologyEntry> entries);

/// <summary>The names of the people around a child whom the reader may not see (the web app's access rule), to withhold from a text written about the child.</summary>
public delegate Task<WithheldNames> WithheldAround(Guid childId);

public enum InboxFilter { All, Unread, NeedsAcknowledgement, Overdue }

/// <summary>
/// How an escalation was handled, as its recipient may read it: when, by whom (the recipient, or another manager the
/// same matter was escalated to), and what they did, with the names of people the reader may not see withheld.
/// </summary>
public sealed record EscalationHandled(DateTimeOffset At, Guid ByProfessionalId, string By, bool ByMe, string Note);

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
    DatePrecision EntryPrecision = DatePrecision.Unknown,
    string? Why = null,
    EscalationHandled? Handled = null)
{
    /// <summary>What was recorded, its kind said once.</summary>
    public string? WhatWasRecorded => EntrySummary is null ? null : Chronology.EntrySummary.Titled(EntryKindLabel ?? "", EntrySummary);
}

/// <summary>A professional's inbox: counts for the headline (and of every item), the filter shown, and the items it asks for, newest first.</summary>
public sealed record Inbox(Guid ProfessionalId, int Unread, int AwaitingAcknowledgement, int Overdue, IReadOnlyList<InboxItem> Items, int Total = 0, InboxFilter Filter = InboxFilter.All);

/// <summary>Who an entry was shared with and how each stands.</summary>
public sealed record ShareStatus(Guid ProfessionalId, string Name, string Agency, DateTimeOffset SharedAt, string? LawfulBasis, bool NeedsAcknowledgement, DateTimeOffset? DueAt, DateTimeOffset? AcknowledgedAt, bool IsOverdue);

/// <summary>
/// Sharing an entry about a child with chosen professionals beyond its automatic share, with the purpose and lawful
/// basis (the partnership's unless another is given), and whether each must acknowledge it (a significant or critical
/// entry always must; otherwise the sharer chooses, and for information when not said).
/// </summary>
public sealed record ShareInput(
    Guid? EntryId, Guid? ByProfessionalId, IReadOnlyList<Guid>? RecipientProfessionalIds, string? Purpose, string? LawfulBasis = null,
    Guid? ChildId = null, bool? NeedsAcknowledgement = null);

/// <summary>How someone an entry may be sent to may open the child: in the team, as a team member's manager, or as the front door.</summary>
public enum ShareGroup { Team, ManagerOfTeam, FrontDoor }

/// <summary>
/// Someone an entry about a child may be sent to: they may open the child, or they are the front door and what they
/// are sent opens a contact about the child (<see cref="ShareChoice.OpensContact"/>), as any information told to it does.
/// </summary>
public sealed record ShareChoice(Guid ProfessionalId, string Name, string Agency, ShareGroup Group, bool OpensContact);

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
    /// <param name="withheldAround">For an escalation another manager handled, the names in their note the reader may not see; without it their note is not shown.</param>
    public Task<Inbox> InboxAsync(Guid partnershipId, Guid professionalId, HiddenIn hiddenIn, InboxFilter filter = InboxFilter.All, WithheldAround? withheldAround = null, CancellationToken ct = default) =>
        InboxAsync(partnershipId, professionalId, hiddenIn, (InboxFilter?)filter, withheldAround, ct);

    /// <summary>
    /// The inbox as it opens when no filter is chosen: what waits for the professional's acknowledgement, when
    /// anything does (the rest is a click away, counted), else everything.
    /// </summary>
    public Task<Inbox> InboxAcknowledgementFirstAsync(Guid partnershipId, Guid professionalId, HiddenIn hiddenIn, WithheldAround? withheldAround = null, CancellationToken ct = default) =>
        InboxAsync(partnershipId, professionalId, hiddenIn, null, withheldAround, ct);

    private async Task<Inbox> InboxAsync(Guid partnershipId, Guid professionalId, HiddenIn hiddenIn, InboxFilter? chosenFilter, WithheldAround? withheldAround, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var all = await db.Notifications.AsNoTracking().Where(n => n.PartnershipId == partnershipId && n.RecipientProfessionalId == professionalId).ToListAsync(ct);
        var filter = chosenFilter ?? (all.Any(n => n.AwaitsAcknowledgement) ? InboxFilter.NeedsAcknowledgement : InboxFilter.All);
        var chosen = all.Where(n => filter switch
        {
            InboxFilter.Unread => n.ReadAt is null,
            InboxFilter.NeedsAcknowledgement => n.AwaitsAcknowledgement,
            InboxFilter.Overdue => n.IsOverdue(now),
            _ => true,
        }).OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).ToList();
        return new Inbox(professionalId, all.Count(n => n.ReadAt is null), all.Count(n => n.AwaitsAcknowledgement), all.Count(n => n.IsOverdue(now)),
            await ItemsAsync(partnershipId, chosen, now, hiddenIn, withheldAround, ct), all.Count, filter);
    }

    /// <summary>One item of the professional's inbox as it shows it (one just acknowledged, for its confirmation); none if it is not theirs.</summary>
    public async Task<InboxItem?> ItemAsync(Guid partnershipId, Guid professionalId, Guid notificationId, HiddenIn hiddenIn, WithheldAround? withheldAround = null, CancellationToken ct = default)
    {
        var n = await db.Notifications.AsNoTracking().FirstOrDefaultAsync(x => x.Id == notificationId && x.PartnershipId == partnershipId && x.RecipientProfessionalId == professionalId, ct);
        return n is null ? null : (await ItemsAsync(partnershipId, [n], clock.GetUtcNow(), hiddenIn, withheldAround, ct))[0];
    }

    /// <summary>These notifications as the inbox shows them, in the order given: only their entries are read.</summary>
    public async Task<IReadOnlyList<InboxItem>> ItemsAsync(Guid partnershipId, IReadOnlyList<Notification> chosen, DateTimeOffset now, HiddenIn hiddenIn, WithheldAround? withheldAround = null, CancellationToken ct = default)
    {
        if (chosen.Count == 0) return [];
        var entryIds = chosen.Where(n => n.Kind == NotificationKind.EntryShared).Select(n => n.EntryId).OfType<Guid>().Distinct().ToList();
        var entries = await db.Entries.AsNoTracking().Include(e => e.Subjects).Where(e => entryIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        await WithdrawCorrectedAsync(chosen, entries, now, ct);
        var read = entries.Values.ToDictionary(e => e.Id, e => DetailsReader.ReadStored(e.Kind, e.Details));
        // The shares that sent them, for why: who shared it and the purpose they gave.
        var shareIds = chosen.Where(n => n.Kind == NotificationKind.EntryShared && n.ShareEntryId != n.EntryId).Select(n => n.ShareEntryId).OfType<Guid>().Distinct().ToList();
        var shares = await db.Entries.AsNoTracking().Where(e => shareIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        // The names the items show: each item's child, and what its entry names.
        var (people, professionals) = ChronologyReader.NamedIn(entries.Values.Select(e => (e, read[e.Id])));
        people.UnionWith(chosen.Select(n => n.ChildPersonId).OfType<Guid>());
        professionals.UnionWith(shares.Values.Select(e => e.RecordedByProfessionalId));
        var handled = await HandledAsync(partnershipId, chosen, withheldAround, ct);
        var names = (await ChronologyReader.NamesAsync(db, partnershipId, people, professionals, ct)).Withholding(await hiddenIn(entries.Values));
        var items = chosen.Select(n =>
        {
            // Only a shared entry's own recipient sees its content; an escalation names the item without it.
            var entry = n.Kind == NotificationKind.EntryShared && n.EntryId is { } id ? entries.GetValueOrDefault(id) : null;
            var details = entry is null ? null : read[entry.Id];
            return new InboxItem(n, n.ChildPersonId is { } child ? names.Person(child) : null,
                entry is null ? null : EntryKinds.Find(entry.Kind)?.Label, details is null ? null : EntrySummary.Of(details, names),
                entry is null ? null : names.Professional(entry.RecordedByProfessionalId), entry is null ? null : names.Agency(entry.RecordedByAgencyId),
                entry?.OccurredAt, n.IsOverdue(now), entry?.OccurredPrecision ?? DatePrecision.Unknown,
                entry is null ? null : Why(n, entry, details!, n.ShareEntryId is { } s ? shares.GetValueOrDefault(s) : null, names), handled.GetValueOrDefault(n.Id));
        }).ToList();
        return items;
    }

    /// <summary>
    /// An entry since corrected is read as the reader may read it now (<see cref="AccessPolicy"/>: at its own sharing
    /// level and each of its corrections'): an item whose recipient may not is shown without the entry, as an
    /// escalation is, and so is one about a child they may no longer open.
    /// </summary>
    private async Task WithdrawCorrectedAsync(IReadOnlyList<Notification> chosen, Dictionary<Guid, ChronologyEntry> entries, DateTimeOffset now, CancellationToken ct)
    {
        var later = await Corrections.LaterVersionsAsync(db, [.. entries.Keys], ct);
        if (later.Count == 0) return;
        var asked = chosen.Where(n => n.Kind == NotificationKind.EntryShared && n.EntryId is { } e && later.ContainsKey(e)).ToList();
        var children = asked.Select(n => n.ChildPersonId).OfType<Guid>().Distinct().ToList();
        var facts = await ChildAccessReader.FactsAsync(db, null, children, now, ct);
        var viewers = await ChildAccessReader.ViewersAsync(db, [.. asked.Select(n => n.RecipientProfessionalId).Distinct()], ct);
        foreach (var n in asked)
        {
            var entry = entries[n.EntryId!.Value];
            var readable = n.ChildPersonId is { } child && facts.TryGetValue(child, out var f) && viewers.TryGetValue(n.RecipientProfessionalId, out var v)
                && ChildAccessReader.Widest(v, f) is ({ } viewer, var basis) && AccessPolicy.ToEntry(viewer, basis, entry, later[entry.Id], f);
            if (!readable) entries.Remove(entry.Id);
        }
    }

    /// <summary>
    /// Why an entry was sent to its recipient, in words: the purpose its sharer gave; for what is shared by itself,
    /// that the recipient was invited to the meeting or is in the team around the child; for a written record of
    /// sharing, that it names them.
    /// </summary>
    private static string Why(Notification n, ChronologyEntry entry, EntryDetails details, ChronologyEntry? share, Names names)
    {
        var child = n.ChildPersonId is { } c && names.Person(c) is var name && name != Names.WithheldPerson ? name : "the child";
        if (n.ShareEntryId == entry.Id)
            return $"{names.Professional(entry.RecordedByProfessionalId)} recorded telling you about it.";
        if (share is not null && DetailsReader.ReadStored(share.Kind, share.Details) is InformationShared told && Sharer.PurposeOf(told, entry) is { } purpose)
            return $"{names.Professional(share.RecordedByProfessionalId)} sent it to you: {purpose}";
        return details is MeetingScheduled or MeetingChanged or MeetingHeld
            ? "You were invited to the meeting."
            : $"Everything recorded about {child} at this sharing level goes to the team around {(child == "the child" ? "them" : child)}, which you are in.";
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
    /// Marks the escalations whose cause has since been dealt with, so they leave the managers' unhandled lists
    /// (<see cref="EscalationCauses"/>); returns how many.
    /// </summary>
    public async Task<int> SettleEscalationsAsync(Guid partnershipId, CancellationToken ct = default)
    {
        var settled = await EscalationCauses.SettleAsync(db, partnershipId, clock.GetUtcNow(), ct);
        if (settled > 0) await db.SaveChangesAsync(ct);
        return settled;
    }

    /// <summary>The longest note of what a manager did about an escalation.</summary>
    public const int MaxHandledNoteLength = 1000;

    /// <summary>
    /// The recipient of an escalation records that they handled it, with a note of what they did (they spoke to the
    /// person, reassigned the work). The matter is handled once: every escalation of it, to whichever manager, is marked
    /// handled by them, at the same time; a second attempt is refused, saying by whom and when, and a race is a
    /// <see cref="WriteConflictException"/>. Anything but the professional's own escalation is refused as no such notification.
    /// </summary>
    public Task<Outcome<Notification>> HandleEscalationAsync(Guid partnershipId, Guid notificationId, Guid professionalId, string? note, CancellationToken ct = default) =>
        Writes.InTransactionAsync(db, chronology, () => HandleEscalationInTransactionAsync(partnershipId, notificationId, professionalId, note, ct), ct);

    private async Task<Outcome<Notification>> HandleEscalationInTransactionAsync(Guid partnershipId, Guid notificationId, Guid professionalId, string? note, CancellationToken ct)
    {
        var n = await db.Notifications.FirstOrDefaultAsync(x => x.Id == notificationId && x.PartnershipId == partnershipId, ct);
        if (n is null || n.RecipientProfessionalId != professionalId || !n.IsEscalation)
            return Outcome<Notification>.Refused("notificationId", "There is no such notification");
        if (n.HandledAt is { } at)
        {
            var by = n.HandledByProfessionalId is { } who ? (await ChronologyReader.NamesAsync(db, partnershipId, [], [who], ct)).Professional(who) : "someone";
            return Outcome<Notification>.Refused("notificationId",
                $"This escalation was handled already, by {(n.HandledByProfessionalId == professionalId ? "you" : by)} on {WorkingDayCalendar.UkDate(at):d MMMM yyyy}");
        }
        var p = new Problems();
        p.Required("note", note, "Enter what you did about the escalation");
        p.MaxLength("note", note, MaxHandledNoteLength, "What you did");
        if (p.Any) return Outcome<Notification>.Refused(p.Errors);

        var now = clock.GetUtcNow();
        // Every escalation of the matter is marked, each with its handled time as read as the concurrency token: of two
        // managers handling it at once, the second saves nothing.
        foreach (var same in await SameMatterAsync(partnershipId, [n], true, ct))
        {
            if (same.HandledAt is not null) return Outcome<Notification>.Refused("notificationId", "This escalation was handled already by another manager it was escalated to");
            same.HandledAt = now;
            same.HandledByProfessionalId = professionalId;
        }
        n.HandledAt = now;
        n.HandledByProfessionalId = professionalId;
        n.HandledNote = note!.Trim();
        n.ReadAt ??= now;
        await db.SaveChangesAsync(ct);
        return Outcome<Notification>.Ok(n);
    }

    /// <summary>
    /// The other escalations of the same matter as these, to any manager: of the same kind, about the same action (an
    /// overdue action), the same unacknowledged item, or the same absence; tracked for the handling to mark them.
    /// </summary>
    private async Task<List<Notification>> SameMatterAsync(Guid partnershipId, IReadOnlyCollection<Notification> escalations, bool tracked, CancellationToken ct)
    {
        var ids = escalations.Select(e => e.Id).ToHashSet();
        var actions = escalations.Where(e => e.Kind == NotificationKind.ActionOverdue).Select(e => e.ActionId).OfType<Guid>().Distinct().ToList();
        var about = escalations.Where(e => e.Kind == NotificationKind.AcknowledgementOverdue).Select(e => e.AboutNotificationId).OfType<Guid>().Distinct().ToList();
        var absences = escalations.Where(e => e.Kind == NotificationKind.ActionsNeedReassigning).Select(e => e.EntryId).OfType<Guid>().Distinct().ToList();
        if (actions.Count + about.Count + absences.Count == 0) return [];
        var source = tracked ? db.Notifications : db.Notifications.AsNoTracking();
        var found = await source.Where(x => x.PartnershipId == partnershipId && (
                (x.Kind == NotificationKind.ActionOverdue && x.ActionId != null && actions.Contains(x.ActionId.Value))
                || (x.Kind == NotificationKind.AcknowledgementOverdue && x.AboutNotificationId != null && about.Contains(x.AboutNotificationId.Value))
                || (x.Kind == NotificationKind.ActionsNeedReassigning && x.EntryId != null && absences.Contains(x.EntryId.Value))))
            .ToListAsync(ct);
        return [.. found.Where(x => !ids.Contains(x.Id))];
    }

    private static object MatterOf(Notification n) => n.Kind switch
    {
        NotificationKind.ActionOverdue => (n.Kind, n.ActionId),
        NotificationKind.AcknowledgementOverdue => (n.Kind, n.AboutNotificationId),
        _ => (n.Kind, n.EntryId),
    };

    /// <summary>
    /// How each handled escalation among these was handled, as its recipient may read it: the note of another manager
    /// with the names withheld of the people around the matter's children whom the recipient may not see (not shown at
    /// all without <paramref name="withheldAround"/>); their own as they wrote it.
    /// </summary>
    private async Task<Dictionary<Guid, EscalationHandled>> HandledAsync(Guid partnershipId, IReadOnlyList<Notification> chosen, WithheldAround? withheldAround, CancellationToken ct)
    {
        var done = chosen.Where(n => n.IsEscalation && n.HandledAt is not null && n.HandledByProfessionalId is not null).ToList();
        var found = new Dictionary<Guid, EscalationHandled>();
        if (done.Count == 0) return found;
        var byOthers = done.Where(n => n.HandledByProfessionalId != n.RecipientProfessionalId).ToList();
        var same = byOthers.Count == 0 ? [] : await SameMatterAsync(partnershipId, byOthers, false, ct);
        var handlers = done.Select(n => n.HandledByProfessionalId!.Value).Distinct().ToList();
        var names = await ChronologyReader.NamesAsync(db, partnershipId, [], handlers, ct);
        foreach (var n in done)
        {
            var by = n.HandledByProfessionalId!.Value;
            var note = n.HandledNote ?? "";
            if (by != n.RecipientProfessionalId)
            {
                var key = MatterOf(n);
                var ofMatter = same.Where(x => MatterOf(x).Equals(key)).ToList();
                note = ofMatter.FirstOrDefault(x => x.RecipientProfessionalId == by && x.HandledNote is not null)?.HandledNote ?? "";
                if (withheldAround is null) note = "";
                else
                    foreach (var child in await MatterChildrenAsync(n, ofMatter, ct))
                        note = (await withheldAround(child)).In(note);
            }
            found[n.Id] = new EscalationHandled(n.HandledAt!.Value, by, names.Professional(by), by == n.RecipientProfessionalId, note);
        }
        return found;
    }

    /// <summary>The children a matter is about: those its escalations name, every child of its action, and the child of the unacknowledged item.</summary>
    private async Task<List<Guid>> MatterChildrenAsync(Notification n, IReadOnlyList<Notification> ofMatter, CancellationToken ct)
    {
        var children = ofMatter.Append(n).Select(x => x.ChildPersonId).OfType<Guid>().ToHashSet();
        if (n.ActionId is { } action) children.UnionWith(await db.ActionChildren.AsNoTracking().Where(c => c.ActionId == action).Select(c => c.ChildPersonId).ToListAsync(ct));
        if (n.AboutNotificationId is { } about && await db.Notifications.AsNoTracking().Where(x => x.Id == about).Select(x => x.ChildPersonId).FirstOrDefaultAsync(ct) is { } child)
            children.Add(child);
        return [.. children.Order()];
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
        // A manager told it was overdue has nothing left to chase.
        await SettleEscalationsAsync(partnershipId, ct);
        return Outcome<Notification>.Ok(tracked);
    }

    /// <summary>
    /// Shares an entry about a child with chosen professionals (beyond the team's automatic share), recording purpose
    /// and lawful basis: an information-shared entry about the same people and an inbox item each. The entry must be
    /// about the child and the sharer one who may see it; each recipient must be of the partnership and may open the
    /// child (<see cref="ChoicesAsync"/>), or be the front door, for whom a contact about the child is recorded, as
    /// for anything it is told. Someone already sent the entry is not sent it again.
    /// </summary>
    public Task<Outcome<ChronologyEntry>> ShareAsync(Guid partnershipId, ShareInput input, CancellationToken ct = default) =>
        Writes.InTransactionAsync(db, chronology, () => ShareInTransactionAsync(partnershipId, input, ct), ct);

    private async Task<Outcome<ChronologyEntry>> ShareInTransactionAsync(Guid partnershipId, ShareInput input, CancellationToken ct)
    {
        var p = new Problems();
        var entry = await EntryAsync(partnershipId, input.EntryId, p, ct);
        await RequireProfessionalAsync(partnershipId, input.ByProfessionalId, "byProfessionalId", "Select who is sharing the information", p, ct);
        var recipients = input.RecipientProfessionalIds ?? [];
        if (recipients.Count == 0) p.Add("recipientProfessionalIds", "Select who to share the information with");
        var known = await db.Professionals.AsNoTracking().Where(x => x.PartnershipId == partnershipId && recipients.Contains(x.Id))
            .ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        for (var i = 0; i < recipients.Count; i++)
            if (!known.ContainsKey(recipients[i])) p.Add($"recipientProfessionalIds[{i}]", "No such professional in this partnership");
        p.Required("purpose", input.Purpose, "Enter why the information is being shared");
        p.MaxLength("purpose", input.Purpose, 2000, "The purpose");
        p.MaxLength("lawfulBasis", input.LawfulBasis, 500, "The lawful basis");
        // A significant entry is always to be acknowledged; for any other, the sharer says: left out is not "no".
        if (entry is not null && entry.Significance < Significance.Significant && input.NeedsAcknowledgement is null)
            p.Add("needsAcknowledgement", "Select whether each person must acknowledge the entry");
        if (entry is not null && input.ByProfessionalId is { } by && !await MaySeeAsync(entry, by, ct))
            p.Add("byProfessionalId", "Only someone who may see the entry can share it");

        var now = clock.GetUtcNow();
        Dictionary<Guid, ShareChoice> eligible = [];
        if (input.ChildId is not { } childId) p.Add("childId", "Select the child the entry is shared about");
        else if (entry is not null)
        {
            var child = await db.People.AsNoTracking().Where(x => x.Id == childId && x.PartnershipId == partnershipId).Select(x => x.DisplayName).FirstOrDefaultAsync(ct);
            if (child is null || !(await Family.ChildrenAboutAsync(db, [.. entry.Subjects.Select(s => s.PersonId)], ct)).Contains(childId))
                p.Add("entryId", "The entry is not about this child: share it from the record of a child it is about");
            else if (await ChildAccessReader.FactsAsync(db, childId, now, ct) is { } facts)
            {
                eligible = await EligibleAsync(partnershipId, entry, facts, [.. known.Keys], ct);
                for (var i = 0; i < recipients.Count; i++)
                    if (known.TryGetValue(recipients[i], out var name) && !eligible.ContainsKey(recipients[i]))
                        p.Add($"recipientProfessionalIds[{i}]", $"{name} may not open {child}'s record: choose someone in the team around {child}, a manager of one of them, or the front door");
            }
        }
        if (p.Any) return Outcome<ChronologyEntry>.Refused(p.Errors);

        var needsAcknowledgement = entry!.Significance >= Significance.Significant || input.NeedsAcknowledgement == true;
        var chosen = recipients.Distinct().Where(r => r != input.ByProfessionalId).ToList();
        var shared = await Sharer.ShareAsync(db, chronology, clock, calendar, entry,
            [.. chosen.Select(r => new Recipient(r, input.ChildId, needsAcknowledgement))],
            input.ByProfessionalId!.Value, input.LawfulBasis, input.Purpose, ct);
        if (!shared.Succeeded) return Outcome<ChronologyEntry>.Refused(shared.Errors);
        if (shared.Value is not { } share)
            return Outcome<ChronologyEntry>.Refused("recipientProfessionalIds", "Everyone selected has already been sent this entry");
        // What the front door is told is a contact about the child, so that it may open the record and decide on it:
        // for those this share sent it to (someone sent it before is not told again, and opens nothing).
        var told = (InformationShared)DetailsReader.ReadStored(share.Kind, share.Details);
        var frontDoor = told.RecipientProfessionalIds.Where(r => eligible.GetValueOrDefault(r)?.OpensContact == true).ToList();
        if (frontDoor.Count > 0) await Sharer.OpenContactsAsync(db, chronology, share, told, frontDoor, [input.ChildId!.Value], now, ct);
        return Outcome<ChronologyEntry>.Ok(share);
    }

    /// <summary>
    /// Whom an entry about this child may be sent to by hand, the sharer, its recorder and those already sent it left out: the team
    /// around the child first, then the sharer's own agency, the managers of the team's members, and the front door of
    /// the child's area (for whom sending it opens a contact about the child when none is open and the front door may
    /// see the entry at its sharing level), never another area's; each group by name.
    /// </summary>
    public async Task<IReadOnlyList<ShareChoice>> ChoicesAsync(Guid partnershipId, Guid childId, Guid entryId, Guid? sharer, CancellationToken ct = default)
    {
        var entry = await db.Entries.AsNoTracking().Include(e => e.Subjects).FirstOrDefaultAsync(e => e.Id == entryId && e.PartnershipId == partnershipId, ct);
        if (entry is null || await ChildAccessReader.FactsAsync(db, childId, clock.GetUtcNow(), ct) is not { } facts) return [];
        var frontDoor = await FrontDoorAsync(partnershipId, ct);
        var candidates = facts.TeamProfessionalIds.Concat(facts.ManagersOfTeam).Concat(frontDoor).Distinct().ToList();
        var sent = await db.Notifications.AsNoTracking().Where(n => n.EntryId == entryId && n.Kind == NotificationKind.EntryShared)
            .Select(n => n.RecipientProfessionalId).ToListAsync(ct);
        var eligible = await EligibleAsync(partnershipId, entry, facts, [.. candidates.Where(c => c != sharer && c != entry.RecordedByProfessionalId && !sent.Contains(c))], ct);
        // Where each works: the sharer's agency is offered after the team, the front door last (sending to it opens a
        // contact) and only of the areas the team and the sharer work in (one whose agency's area is not recorded is
        // kept: not knowing is not "elsewhere").
        var local = facts.TeamProfessionalIds.Concat(sharer is { } by ? [by] : []).Concat(eligible.Keys).Distinct().ToList();
        var agencyOf = await db.Professionals.AsNoTracking().Where(x => x.PartnershipId == partnershipId && local.Contains(x.Id))
            .Join(db.Agencies.AsNoTracking(), x => x.AgencyId, a => a.Id, (x, a) => new { x.Id, a.Area, AgencyId = a.Id }).ToDictionaryAsync(x => x.Id, ct);
        var areas = facts.TeamProfessionalIds.Concat(sharer is { } s ? [s] : []).Select(id => agencyOf.GetValueOrDefault(id)?.Area).OfType<string>()
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var mine = sharer is { } me && agencyOf.TryGetValue(me, out var own) ? own.AgencyId : (Guid?)null;
        int Order(ShareChoice c) => c.Group == ShareGroup.Team ? 0 : c.Group == ShareGroup.FrontDoor ? 3 : agencyOf.GetValueOrDefault(c.ProfessionalId)?.AgencyId == mine ? 1 : 2;
        return [.. eligible.Values
            .Where(c => c.Group != ShareGroup.FrontDoor || areas.Count == 0 || agencyOf.GetValueOrDefault(c.ProfessionalId)?.Area is not { } area || areas.Contains(area))
            .OrderBy(Order).ThenBy(c => c.Name, StringComparer.CurrentCulture).ThenBy(c => c.ProfessionalId)];
    }

    /// <summary>Jobs whose work is not with children (administrators, the business unit, reviewers, scrutineers, information governance): never sent an entry by hand.</summary>
    private static readonly ProfessionalRole[] NotPractice =
        [ProfessionalRole.Administrator, ProfessionalRole.BusinessUnitOfficer, ProfessionalRole.Reviewer, ProfessionalRole.Scrutineer, ProfessionalRole.InformationGovernanceOfficer];

    /// <summary>The professionals of the partnership whose work is the front door: by an account that is not disabled, or, with no account, by their job.</summary>
    private async Task<List<Guid>> FrontDoorAsync(Guid partnershipId, CancellationToken ct)
    {
        var accounts = await db.UserAccounts.AsNoTracking().Where(a => a.PartnershipId == partnershipId && a.ProfessionalId != null && a.DisabledAt == null)
            .Select(a => new { a.ProfessionalId, a.Roles }).ToListAsync(ct);
        var byAccount = accounts.Where(a => a.Roles.Split(',').Contains(nameof(Role.FrontDoor))).Select(a => a.ProfessionalId!.Value);
        var byJob = await db.Professionals.AsNoTracking().Where(x => x.PartnershipId == partnershipId && x.Role == ProfessionalRole.FrontDoorWorker).Select(x => x.Id).ToListAsync(ct);
        return [.. byAccount.Concat(byJob).Distinct()];
    }

    /// <summary>
    /// Of these professionals, those an entry about the child may be sent to, with how they may open the child: by the
    /// access policy now, or, for the front door, with the contact sending it would record (the rule
    /// <see cref="Sharer.OpenContactsAsync"/> records it by: no contact open, a child the entry names, an entry the
    /// front door may see at its sharing level). Break glass is never a reason.
    /// </summary>
    private async Task<Dictionary<Guid, ShareChoice>> EligibleAsync(Guid partnershipId, ChronologyEntry entry, ChildAccessFacts facts, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var found = new Dictionary<Guid, ShareChoice>();
        if (ids.Count == 0) return found;
        var people = await db.Professionals.AsNoTracking().Where(x => x.PartnershipId == partnershipId && ids.Contains(x.Id) && !NotPractice.Contains(x.Role))
            .Join(db.Agencies.AsNoTracking(), x => x.AgencyId, a => a.Id, (x, a) => new { x.Id, x.Name, Agency = a.Name }).ToDictionaryAsync(x => x.Id, ct);
        foreach (var (id, viewers) in await ChildAccessReader.ViewersAsync(db, [.. people.Keys], ct))
        {
            var person = people[id];
            if (Sharer.GroupOf(viewers, facts) is { } group)
                found[id] = new ShareChoice(id, person.Name, person.Agency, group, false);
            else if (Sharer.TellingOpensContact(viewers, facts, entry))
                found[id] = new ShareChoice(id, person.Name, person.Agency, ShareGroup.FrontDoor, true);
        }
        return found;
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
        // The manager is told of the child (named, linked) only if they may open the child; otherwise only that there is one.
        var blind = await ChildAccessReader.MayNotSeeAsync(db, [.. overdue.Select(n => n.ChildPersonId).OfType<Guid>()], [.. managers.Keys], now, ct);
        foreach (var n in overdue)
        {
            var recipient = recipients[n.RecipientProfessionalId];
            var manager = recipient.ManagerId is { } m ? managers.GetValueOrDefault(m) : null;
            n.EscalatedAt = now;
            n.EscalatedToProfessionalId = manager?.Id;
            if (manager is null) continue;
            var unseen = n.ChildPersonId is { } child && blind.TryGetValue(child, out var who) && who.Contains(manager.Id);
            Notifier.Send(db, new Notification
            {
                Id = Guid.CreateVersion7(now), PartnershipId = partnershipId, RecipientProfessionalId = manager.Id, Kind = NotificationKind.AcknowledgementOverdue,
                ChildPersonId = unseen ? null : n.ChildPersonId, EntryId = unseen ? null : n.EntryId, AboutNotificationId = n.Id,
                Title = $"{recipient.Name} has not acknowledged information shared on {WorkingDayCalendar.UkDate(n.CreatedAt):d MMMM yyyy}{(unseen ? " about a child you cannot see" : "")}, due by {WorkingDayCalendar.UkDate(n.DueAt!.Value):d MMMM yyyy}",
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

using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Security;
using Chronicle.Core.Sharing;
using Chronicle.Core.TeamAroundChild;
using Chronicle.Core.Time;
using Chronicle.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Actions;

/// <summary>A child an action is about, by name.</summary>
public sealed record ActionChildName(Guid Id, string Name);

/// <summary>
/// An action as a list shows it: what, for which children, from which entry, whose, and whether it is overdue. The
/// children are every child it is about: a page shows the reader only those they may see (the web app's ChildAccess).
/// </summary>
public sealed record ActionView(TrackedAction Action, IReadOnlyList<ActionChildName> Children, string SourceLabel, DateTimeOffset? SourceWhen, string? OwnerName, bool IsOverdue,
    Chronicle.Core.Time.DatePrecision SourcePrecision, EntryReach SourceReach)
{
    /// <summary>What a reader who may not read an action's entry is told in place of what it asks.</summary>
    public static string WithheldText(string sourceLabel) => $"An action from a {sourceLabel.ToLowerInvariant()} you may not read";
}

/// <summary>An action to record with a meeting or supervision: what, who owns it, and by when.</summary>
public sealed record ActionInput(string? Description, Guid? OwnerProfessionalId, DateOnly? Due);

public sealed record CompleteActionInput(Guid? ByProfessionalId, string? Note, Guid? EvidenceEntryId = null);

public sealed record HandOnInput(Guid? ByProfessionalId, string? To, string? Reason);

public sealed record ReassignInput(Guid? ByProfessionalId, Guid? ToProfessionalId, string? Reason);

/// <summary>Reassigning everything one professional owns (for one child, or all), for example while they are absent.</summary>
public sealed record ReassignAllInput(Guid? FromProfessionalId, Guid? ToProfessionalId, Guid? ByProfessionalId, string? Reason, Guid? ChildId = null);

/// <summary>A recorded absence of someone a manager manages, with the open actions they own.</summary>
public sealed record Absence(Guid ProfessionalId, string Name, DateOnly From, DateOnly? To, Guid? CoveredByProfessionalId, Guid EntryId, IReadOnlyList<ActionView> OpenActions);

/// <summary>
/// The actions professionals owe each other: "my actions", a child's actions, completing, handing on and
/// reassigning them (every step kept with who, when and why), and escalating the overdue to the owner's manager.
/// </summary>
public sealed class ActionService(ChronicleDb db, ChronologyService chronology, TimeProvider clock, WorkingDayCalendar calendar)
{
    public ActionService(ChronicleDb db, ChronologyService chronology, TimeProvider clock) : this(db, chronology, clock, WorkingDayCalendar.EnglandAndWales) { }

    /// <summary>The open actions a professional owns, soonest due first (those with no due date last).</summary>
    public async Task<IReadOnlyList<ActionView>> MyActionsAsync(Guid partnershipId, Guid professionalId, CancellationToken ct = default) =>
        await ViewsAsync(partnershipId, await db.Actions.AsNoTracking().Include(a => a.Children)
            .Where(a => a.PartnershipId == partnershipId && a.OwnerProfessionalId == professionalId && a.Status == ActionStatus.Open).ToListAsync(ct), ct);

    /// <summary>
    /// Every action about the child: from an entry about the child (alone or with other children), or about the adults
    /// it names when it names no child and the child is theirs (<see cref="TrackedAction.Children"/>).
    /// </summary>
    public async Task<IReadOnlyList<ActionView>> ForChildAsync(Guid partnershipId, Guid childId, bool openOnly = false, CancellationToken ct = default)
    {
        var actions = await db.Actions.AsNoTracking().Include(a => a.Children)
            .Where(a => a.PartnershipId == partnershipId && a.Children.Any(c => c.ChildPersonId == childId))
            .Where(a => !openOnly || a.Status == ActionStatus.Open)
            .ToListAsync(ct);
        return await ViewsAsync(partnershipId, actions, ct);
    }

    public async Task<IReadOnlyList<ActionChange>> HistoryAsync(Guid partnershipId, Guid actionId, CancellationToken ct = default) =>
        (await db.ActionChanges.AsNoTracking().Where(c => c.ActionId == actionId && db.Actions.Any(a => a.Id == actionId && a.PartnershipId == partnershipId)).ToListAsync(ct))
            .OrderBy(c => c.At).ThenBy(c => c.Type).ToList();

    public async Task<Outcome<TrackedAction>> CompleteAsync(Guid partnershipId, Guid actionId, CompleteActionInput input, CancellationToken ct = default)
    {
        var p = new Problems();
        var (action, by) = await OpenActionAsync(partnershipId, actionId, input.ByProfessionalId, "Select who is marking the action done", p, ct);
        if (input.EvidenceEntryId is { } evidence && !await db.Entries.AnyAsync(e => e.Id == evidence && e.PartnershipId == partnershipId, ct))
            p.Add("evidenceEntryId", "There is no such entry");
        if (input.EvidenceEntryId is null) p.Required("note", input.Note, "Enter what was done, or choose the entry that shows it");
        p.MaxLength("note", input.Note, 2000, "What was done");
        if (action is not null && by is not null && action.OwnerProfessionalId is not null && !await MayActForOwnerAsync(by, action, ct))
            p.Add("byProfessionalId", "Only the owner of the action or their manager can mark it done");
        if (p.Any) return Outcome<TrackedAction>.Refused(p.Errors);

        var now = clock.GetUtcNow();
        action!.Status = ActionStatus.Done;
        action.DoneAt = now;
        action.DoneByProfessionalId = by!.Id;
        action.DoneEntryId = input.EvidenceEntryId;
        action.Note = input.Note?.Trim();
        db.ActionChanges.Add(new ActionChange { Id = Guid.CreateVersion7(now), ActionId = action.Id, Type = ActionChangeType.Done, At = now, ByProfessionalId = by.Id, Reason = action.Note });
        await db.SaveChangesAsync(ct);
        await SettleEscalationsAsync(partnershipId, ct);
        await RecordIfAllSettledAsync(partnershipId, action, by.Id, ct);
        return Outcome<TrackedAction>.Ok(action);
    }

    /// <summary>Passes an action to another service that now holds it (at closure, for example), saying to whom and why.</summary>
    public async Task<Outcome<TrackedAction>> HandOnAsync(Guid partnershipId, Guid actionId, HandOnInput input, CancellationToken ct = default)
    {
        var p = new Problems();
        var (action, by) = await OpenActionAsync(partnershipId, actionId, input.ByProfessionalId, "Select who is handing the action on", p, ct);
        p.Required("to", input.To, "Select who the action is handed on to");
        p.MaxLength("to", input.To, 200, "Who it is handed on to");
        p.Required("reason", input.Reason, "Enter why the action is handed on");
        p.MaxLength("reason", input.Reason, 2000, "The reason");
        if (action is not null && by is not null && action.OwnerProfessionalId is not null && !await MayActForOwnerAsync(by, action, ct))
            p.Add("byProfessionalId", "Only the owner of the action or their manager can hand it on");
        if (p.Any) return Outcome<TrackedAction>.Refused(p.Errors);

        var now = clock.GetUtcNow();
        action!.Status = ActionStatus.HandedOn;
        action.HandedOnTo = input.To!.Trim();
        action.Note = input.Reason!.Trim();
        db.ActionChanges.Add(new ActionChange { Id = Guid.CreateVersion7(now), ActionId = action.Id, Type = ActionChangeType.HandedOn, At = now, ByProfessionalId = by!.Id, Reason = $"Handed on to {action.HandedOnTo}: {action.Note}" });
        await db.SaveChangesAsync(ct);
        await SettleEscalationsAsync(partnershipId, ct);
        await RecordIfAllSettledAsync(partnershipId, action, by.Id, ct);
        return Outcome<TrackedAction>.Ok(action);
    }

    /// <summary>A manager gives an action a new owner, with the reason; the new owner is told.</summary>
    public async Task<Outcome<TrackedAction>> ReassignAsync(Guid partnershipId, Guid actionId, ReassignInput input, CancellationToken ct = default)
    {
        var p = new Problems();
        var (action, by) = await OpenActionAsync(partnershipId, actionId, input.ByProfessionalId, "Select who is reassigning the action", p, ct);
        var to = await NewOwnerAsync(partnershipId, input.ToProfessionalId, p, ct);
        p.Required("reason", input.Reason, "Enter why the action is being reassigned");
        p.MaxLength("reason", input.Reason, 2000, "The reason");
        if (action is not null && to is not null && action.OwnerProfessionalId == to.Id) p.Add("toProfessionalId", $"{to.Name} already owns this action");
        if (action is not null && by is not null && !await IsManagerForAsync(by, action.OwnerProfessionalId, ct))
            p.Add("byProfessionalId", "Only a manager can reassign an action, and only the owner's own manager: you do not manage its owner");
        if (!p.Any && await ChildrenHiddenFromAsync(partnershipId, to!, by, [action!], ct) is { Count: > 0 } hiddenChildren)
            p.Add("toProfessionalId", CannotOpen(to!.Name, hiddenChildren, hiddenChildren.Count));
        else if (!p.Any && await UnreadableByAsync(to!, [action!], ct) is [var unread])
            p.Add("toProfessionalId", $"{to!.Name} may not read the {Label(unread)} this action comes from, at its sharing level: choose someone who may");
        if (p.Any) return Outcome<TrackedAction>.Refused(p.Errors);

        var previous = action!.OwnerProfessionalId is { } owner ? await ProfessionalAsync(partnershipId, owner, ct) : null;
        await ReassignAsync(action!, to!, by!.Id, input.Reason!.Trim(), ct);
        await db.SaveChangesAsync(ct);
        await SettleEscalationsAsync(partnershipId, ct);
        await RecordReassignmentAsync(partnershipId, [action!], previous, to!, by!, input.Reason!.Trim(), ct);
        return Outcome<TrackedAction>.Ok(action!);
    }

    /// <summary>A manager reassigns every open action one professional owns (for one child, or all of them); returns how many.</summary>
    public async Task<Outcome<int>> ReassignAllAsync(Guid partnershipId, ReassignAllInput input, CancellationToken ct = default)
    {
        var p = new Problems();
        Professional? from = null, by = null;
        if (input.FromProfessionalId is not { } fromId) p.Add("fromProfessionalId", "Select whose actions to reassign");
        else if ((from = await ProfessionalAsync(partnershipId, fromId, ct)) is null) p.Add("fromProfessionalId", "No such professional in this partnership");
        var to = await NewOwnerAsync(partnershipId, input.ToProfessionalId, p, ct);
        if (input.ByProfessionalId is not { } byId) p.Add("byProfessionalId", "Select who is reassigning the actions");
        else if ((by = await ProfessionalAsync(partnershipId, byId, ct)) is null) p.Add("byProfessionalId", "No such professional in this partnership");
        p.Required("reason", input.Reason, "Enter why the actions are being reassigned");
        if (from is not null && to is not null && from.Id == to.Id) p.Add("toProfessionalId", "Choose someone else to take the actions on");
        if (from is not null && by is not null && !await IsManagerForAsync(by, from.Id, ct))
            p.Add("byProfessionalId", "Only a manager can reassign actions, and only the owner's own manager: you do not manage this professional");
        if (p.Any) return Outcome<int>.Refused(p.Errors);

        var actions = await db.Actions.Include(a => a.Children)
            .Where(a => a.PartnershipId == partnershipId && a.OwnerProfessionalId == from!.Id && a.Status == ActionStatus.Open)
            .Where(a => input.ChildId == null || a.Children.Any(c => c.ChildPersonId == input.ChildId))
            .ToListAsync(ct);
        if (await ChildrenHiddenFromAsync(partnershipId, to!, by, actions, ct) is { Count: > 0 } hidden)
            return Outcome<int>.Refused([new("toProfessionalId", $"{CannotOpen(to!.Name, hidden, hidden.Count)}, or reassign those actions to someone else")]);
        if (await UnreadableByAsync(to!, actions, ct) is { Count: > 0 } unreadable)
            return Outcome<int>.Refused([new("toProfessionalId", unreadable.Count == 1
                ? $"{to!.Name} may not read the {Label(unreadable[0])} one of these actions comes from, at its sharing level: reassign that action to someone who may"
                : $"{to!.Name} may not read the entries {unreadable.Count} of these actions come from, at their sharing level: reassign those actions to someone who may")]);
        foreach (var action in actions) await ReassignAsync(action, to!, by!.Id, input.Reason!.Trim(), ct);
        await db.SaveChangesAsync(ct);
        await SettleEscalationsAsync(partnershipId, ct);
        await RecordReassignmentAsync(partnershipId, actions, from, to!, by!, input.Reason!.Trim(), ct);
        return Outcome<int>.Ok(actions.Count);
    }

    /// <summary>An escalation about an action just settled, or about an absence whose actions are now reassigned, is no longer waiting for its manager (<see cref="EscalationCauses"/>).</summary>
    private async Task SettleEscalationsAsync(Guid partnershipId, CancellationToken ct)
    {
        if (await EscalationCauses.SettleAsync(db, partnershipId, clock.GetUtcNow(), ct) > 0) await db.SaveChangesAsync(ct);
    }

    /// <summary>Current and coming absences of the people a manager manages, with the open actions each owns.</summary>
    public async Task<IReadOnlyList<Absence>> AbsencesAsync(Guid partnershipId, Guid managerId, CancellationToken ct = default)
    {
        var managed = await db.Professionals.AsNoTracking().Where(x => x.PartnershipId == partnershipId && x.ManagerId == managerId).ToDictionaryAsync(x => x.Id, ct);
        var recorded = await db.Entries.AsNoTracking().Include(e => e.Subjects)
            .Where(e => e.PartnershipId == partnershipId && e.Kind == EntryKinds.StaffAbsence.Code).ToListAsync(ct);
        var corrected = await db.Entries.AsNoTracking().Where(e => e.PartnershipId == partnershipId && e.SupersedesEntryId != null).Select(e => e.SupersedesEntryId!.Value).ToListAsync(ct);
        var today = Today;
        var result = new List<Absence>();
        foreach (var entry in recorded.Where(e => !corrected.Contains(e.Id)).OrderBy(e => e.RecordedAt))
        {
            var absence = (StaffAbsence)DetailsReader.ReadStored(entry.Kind, entry.Details);
            if (!managed.TryGetValue(absence.ProfessionalId, out var who) || absence.To < today) continue;
            if (result.Any(a => a.ProfessionalId == who.Id && a.From == absence.From)) continue;
            var open = await MyActionsAsync(partnershipId, who.Id, ct);
            result.Add(new Absence(who.Id, who.Name, absence.From, absence.To, absence.CoveredByProfessionalId, entry.Id, open));
        }
        return result;
    }

    /// <summary>
    /// Every open action past its due date by more than the policy's working days goes to its owner's manager
    /// (or, with no owner, the child's lead professional), once. Returns how many were escalated.
    /// </summary>
    public async Task<int> EscalateOverdueAsync(Guid partnershipId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var today = Today;
        var policy = await TeamPolicy.LoadAsync(db, partnershipId, ct);
        var grace = policy.GetInt(TeamPolicy.Actions, TeamPolicy.EscalateOverdueActionsAfter);
        var candidates = await db.Actions.Include(a => a.Children).Where(a => a.PartnershipId == partnershipId && a.Status == ActionStatus.Open && a.Due != null && a.EscalatedAt == null).ToListAsync(ct);
        var overdue = candidates.Where(a => (grace == 0 ? a.Due!.Value : calendar.AddWorkingDays(a.Due!.Value, grace)) < today).ToList();
        if (overdue.Count == 0) return 0;
        var names = await ChronologyReader.NamesAsync(db, partnershipId, overdue.SelectMany(a => a.ChildIds), [], ct);
        var narrow = await NarrowSourcesAsync(overdue, ct);
        foreach (var action in overdue)
        {
            var owner = action.OwnerProfessionalId is { } o ? await ProfessionalAsync(partnershipId, o, ct) : null;
            Guid? toId = owner?.ManagerId;
            // With no owner, the lead professional of the first of its children who has one.
            foreach (var child in owner is null ? action.ChildIds : [])
                if ((toId = (await ChildTeam.LoadAsync(db, child, today, ct))?.LeadProfessionalId) is not null) break;
            var to = toId is { } id ? await ProfessionalAsync(partnershipId, id, ct) : null;
            action.EscalatedAt = now;
            action.EscalatedToProfessionalId = to?.Id;
            db.ActionChanges.Add(new ActionChange
            {
                Id = Guid.CreateVersion7(now), ActionId = action.Id, Type = ActionChangeType.Escalated, At = now, FromProfessionalId = owner?.Id, ToProfessionalId = to?.Id,
                Reason = to is null ? "Overdue; no manager or lead professional on record to escalate to" : "Overdue",
            });
            if (to is null) continue;
            // The title is kept as written: it names only the children its recipient may open, and counts the rest.
            var blind = await ChildAccessReader.MayNotSeeAsync(db, action.ChildIds, [to.Id], now, ct);
            var seen = action.ChildIds.Where(c => !(blind.TryGetValue(c, out var who) && who.Contains(to.Id))).ToList();
            var unseen = action.ChildIds.Count - seen.Count;
            var children = string.Join(", ", [.. seen.Select(c => names.Person(c)), .. unseen == 0 ? Array.Empty<string>() : [$"{unseen} {(unseen == 1 ? "child" : "children")} you cannot see"]]);
            // What it asks is named only to a recipient who may read the entry it comes from, through a child they may see.
            var readable = !narrow.TryGetValue(action.SourceEntryId, out var reach)
                || (await ChildAccessReader.MayNotSeeAsync(db, seen, [to.Id], now, ct, reach)).Any(b => !b.Value.Contains(to.Id));
            var what = readable ? action.Description : ActionView.WithheldText(EntryKinds.Find(action.SourceKind)?.Label ?? "entry");
            Notifier.Send(db, new Notification
            {
                Id = Guid.CreateVersion7(now), PartnershipId = partnershipId, RecipientProfessionalId = to.Id, Kind = NotificationKind.ActionOverdue,
                ChildPersonId = seen.Cast<Guid?>().FirstOrDefault(), EntryId = action.SourceEntryId, ActionId = action.Id,
                Title = $"Overdue since {action.Due:d MMMM yyyy}: {what}{(children.Length > 0 ? $" ({children})" : "")}, owned by {(owner?.Name ?? "no one")}",
                CreatedAt = now,
            }, to.Email, now);
        }
        await db.SaveChangesAsync(ct);
        return overdue.Count;
    }

    /// <summary>
    /// Once every action an entry asked for is done or handed on, a decision about the entry says so: the chronology,
    /// and so the safeguards (SG-22), can then see the entry's actions are settled. Plan items are settled by reviews.
    /// </summary>
    private async Task RecordIfAllSettledAsync(Guid partnershipId, TrackedAction action, Guid by, CancellationToken ct)
    {
        if (action.SourceKind == EntryKinds.PlanStarted.Code) return;
        var all = await db.Actions.AsNoTracking().Where(a => a.SourceEntryId == action.SourceEntryId).OrderBy(a => a.ItemIndex).ToListAsync(ct);
        if (all.Any(a => a.IsOpen)) return;
        var source = await db.Entries.AsNoTracking().Include(e => e.Subjects).FirstAsync(e => e.Id == action.SourceEntryId, ct);
        var decision = new DecisionRecorded
        {
            Topic = DecisionTopic.Other,
            Decision = $"Every action from the {(EntryKinds.Find(source.Kind)?.Label ?? source.Kind).ToLowerInvariant()} of {WorkingDayCalendar.UkDate(source.When):d MMMM yyyy} is settled",
            Rationale = string.Join("; ", all.Select(a => $"\"{a.Description}\": {Labels.Of(a.Status).ToLowerInvariant()}{(a.HandedOnTo is null ? "" : $" to {a.HandedOnTo}")}{(a.Note is null ? "" : $" ({a.Note})")}")),
            AboutEntryId = source.Id,
        };
        var written = await chronology.RecordAsync(partnershipId, Recording.Input(decision, by, source.Subjects.Select(s => s.PersonId), clock.GetUtcNow(),
            null, Significance.Routine, source.SharingLevel), ct);
        if (!written.Succeeded) throw new InvalidOperationException($"The settled actions of entry {source.Id} could not be recorded: {written.Errors[0].Message}");
    }

    /// <summary>
    /// A reassignment is a manager's decision about each child whose actions moved, so the chronology shows who took
    /// the work on and why, and SG-20 sees that a manager acted on the absence.
    /// </summary>
    private async Task RecordReassignmentAsync(Guid partnershipId, IReadOnlyList<TrackedAction> actions, Professional? from, Professional to, Professional by, string reason, CancellationToken ct)
    {
        foreach (var group in actions.SelectMany(a => a.ChildIds.Select(c => (Child: c, Action: a))).GroupBy(x => x.Child, x => x.Action))
        {
            var count = group.Count();
            var decision = new DecisionRecorded
            {
                Topic = DecisionTopic.Other,
                Decision = $"{count} action{(count == 1 ? "" : "s")}{(from is null ? "" : $" of {from.Name}")} reassigned to {to.Name}: {string.Join("; ", group.Select(a => a.Description))}",
                Rationale = reason,
                AboutPersonId = group.Key,
            };
            var written = await chronology.RecordAsync(partnershipId, Recording.Input(decision, by.Id, [group.Key], clock.GetUtcNow(), null, Significance.Routine, SharingLevel.AgencyOnly), ct);
            if (!written.Succeeded) throw new InvalidOperationException($"The reassignment could not be recorded: {written.Errors[0].Message}");
        }
    }

    private async Task ReassignAsync(TrackedAction action, Professional to, Guid by, string reason, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        db.ActionChanges.Add(new ActionChange
        {
            Id = Guid.CreateVersion7(now), ActionId = action.Id, Type = ActionChangeType.Reassigned, At = now, ByProfessionalId = by,
            FromProfessionalId = action.OwnerProfessionalId, ToProfessionalId = to.Id, Reason = reason,
        });
        action.OwnerProfessionalId = to.Id;
        // A new owner gets a fresh chance: an escalation of the old owner's lateness does not stop the new one's.
        action.EscalatedAt = null;
        action.EscalatedToProfessionalId = null;
        if (to.Id != by) Notifier.Send(db, await ActionTracker.AssignedAsync(db, action, to.Id, NotificationKind.ActionReassigned, now, ct), to.Email, now);
    }

    private async Task<(TrackedAction? Action, Professional? By)> OpenActionAsync(Guid partnershipId, Guid actionId, Guid? byId, string byMessage, Problems p, CancellationToken ct)
    {
        var action = await db.Actions.Include(a => a.Children).FirstOrDefaultAsync(a => a.Id == actionId && a.PartnershipId == partnershipId, ct);
        if (action is null) p.Add("actionId", "There is no such action");
        else if (!action.IsOpen) throw new WriteConflictException($"This action is already {Labels.Of(action.Status).ToLowerInvariant()}: nothing you sent was saved");
        Professional? by = null;
        if (byId is null) p.Add("byProfessionalId", byMessage);
        else if ((by = await ProfessionalAsync(partnershipId, byId.Value, ct)) is null) p.Add("byProfessionalId", "No such professional in this partnership");
        return (action, by);
    }

    private async Task<Professional?> NewOwnerAsync(Guid partnershipId, Guid? id, Problems p, CancellationToken ct)
    {
        if (id is null)
        {
            p.Add("toProfessionalId", "Select who will own the action");
            return null;
        }
        var to = await ProfessionalAsync(partnershipId, id.Value, ct);
        if (to is null) p.Add("toProfessionalId", "No such professional in this partnership");
        return to;
    }

    private async Task<bool> MayActForOwnerAsync(Professional by, TrackedAction action, CancellationToken ct) =>
        action.OwnerProfessionalId == by.Id || await IsManagerForAsync(by, action.OwnerProfessionalId, ct);

    /// <summary>
    /// A manager's powers reach only the people they manage (docs/security.md): the owner's own manager; an action
    /// with no owner, a team manager or conference chair.
    /// </summary>
    private async Task<bool> IsManagerForAsync(Professional by, Guid? ownerId, CancellationToken ct) =>
        ownerId is { } owner
            ? await db.Professionals.AnyAsync(x => x.Id == owner && x.ManagerId == by.Id, ct)
            : AlertService.ManagerRoles.Contains(by.Role);

    /// <summary>
    /// The children of these actions whose record the new owner may not open, as the manager reassigning may be told of
    /// them: by name where the manager may open them too, otherwise only counted ("Mia's and another child's record").
    /// </summary>
    private async Task<IReadOnlyList<string>> ChildrenHiddenFromAsync(Guid partnershipId, Professional to, Professional? by, IReadOnlyList<TrackedAction> actions, CancellationToken ct)
    {
        var children = actions.SelectMany(a => a.ChildIds).Distinct().ToList();
        var now = clock.GetUtcNow();
        var blind = await ChildAccessReader.MayNotSeeAsync(db, children, by is null ? [to.Id] : [to.Id, by.Id], now, ct);
        var hidden = children.Where(c => blind.TryGetValue(c, out var who) && who.Contains(to.Id)).ToList();
        if (hidden.Count == 0) return [];
        var named = hidden.Where(c => by is not null && !blind[c].Contains(by.Id)).ToList();
        var names = await ChronologyReader.NamesAsync(db, partnershipId, named, [], ct);
        var unseen = hidden.Count - named.Count;
        var others = unseen == 0 ? null : named.Count == 0 ? (unseen == 1 ? "a child" : $"{unseen} children") : (unseen == 1 ? "another child" : $"{unseen} other children");
        return [.. named.Select(c => names.Person(c)), .. others is null ? Array.Empty<string>() : [others]];
    }

    /// <summary>
    /// Why someone may not be given work on children: "Dr Shah cannot open Mia Carter's record: add them to the team
    /// around the child first", the records named as the reader may be told of them (none: "a child this entry is about").
    /// </summary>
    internal static string CannotOpen(string owner, IReadOnlyList<string> records, int children) =>
        $"{owner} cannot open {(records.Count == 0 ? "the record of a child this entry is about" : $"{Possessive(records)} record")}: add them to the team around {(children == 1 ? "the child" : "each child")} first";

    /// <summary>"Mia Carter's", "Mia Carter's and Alfie Carter's", "Mia Carter's, Alfie Carter's and Kai Doyle's".</summary>
    internal static string Possessive(IReadOnlyList<string> names)
    {
        var each = names.Select(n => $"{n}'s").ToList();
        return each.Count == 1 ? each[0] : $"{string.Join(", ", each[..^1])} and {each[^1]}";
    }

    /// <summary>
    /// Those of these actions whose entry, shared more narrowly than the team (a health-restricted medical), the new owner
    /// may not read through every child it is about: they could open the record, but not read what they are asked to do.
    /// </summary>
    private async Task<IReadOnlyList<TrackedAction>> UnreadableByAsync(Professional to, IReadOnlyList<TrackedAction> actions, CancellationToken ct)
    {
        var narrow = await NarrowSourcesAsync(actions, ct);
        var unreadable = new List<TrackedAction>();
        foreach (var group in actions.Where(a => narrow.ContainsKey(a.SourceEntryId)).GroupBy(a => narrow[a.SourceEntryId]))
        {
            var blind = await ChildAccessReader.MayNotSeeAsync(db, [.. group.SelectMany(a => a.ChildIds).Distinct()], [to.Id], clock.GetUtcNow(), ct, group.Key);
            unreadable.AddRange(group.Where(a => a.ChildIds.Any(c => blind.TryGetValue(c, out var b) && b.Contains(to.Id))));
        }
        return unreadable;
    }

    /// <summary>The entries these actions come from that are shared more narrowly than the team, with who may read them.</summary>
    private async Task<Dictionary<Guid, EntryReach>> NarrowSourcesAsync(IEnumerable<TrackedAction> actions, CancellationToken ct)
    {
        var sources = actions.Select(a => a.SourceEntryId).Distinct().ToList();
        return await db.Entries.AsNoTracking().Where(e => sources.Contains(e.Id) && e.SharingLevel != SharingLevel.Team)
            .ToDictionaryAsync(e => e.Id, e => new EntryReach(e.SharingLevel, e.RecordedByAgencyId), ct);
    }

    private static string Label(TrackedAction action) => (EntryKinds.Find(action.SourceKind)?.Label ?? "entry").ToLowerInvariant();

    private Task<Professional?> ProfessionalAsync(Guid partnershipId, Guid id, CancellationToken ct) =>
        db.Professionals.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.PartnershipId == partnershipId, ct);

    /// <summary>One action as a list shows it (after it is done or handed on, for the answer to whoever did it).</summary>
    public async Task<ActionView> ViewAsync(Guid partnershipId, TrackedAction action, CancellationToken ct = default) =>
        (await ViewsAsync(partnershipId, [action], ct))[0];

    private async Task<IReadOnlyList<ActionView>> ViewsAsync(Guid partnershipId, List<TrackedAction> actions, CancellationToken ct)
    {
        var sources = actions.Select(a => a.SourceEntryId).Distinct().ToList();
        var when = await db.Entries.AsNoTracking().Where(e => sources.Contains(e.Id))
            .ToDictionaryAsync(e => e.Id, e => (At: e.OccurredAt, e.OccurredPrecision, Reach: new EntryReach(e.SharingLevel, e.RecordedByAgencyId)), ct);
        var names = await ChronologyReader.NamesAsync(db, partnershipId, actions.SelectMany(a => a.ChildIds), actions.Select(a => a.OwnerProfessionalId).OfType<Guid>(), ct);
        var today = Today;
        return [.. actions
            .OrderBy(a => a.Status != ActionStatus.Open).ThenBy(a => a.Due ?? DateOnly.MaxValue).ThenBy(a => a.CreatedAt).ThenBy(a => a.ItemIndex)
            .Select(a => new ActionView(a, [.. a.ChildIds.Select(c => new ActionChildName(c, names.Person(c)))], EntryKinds.Find(a.SourceKind)?.Label ?? a.SourceKind,
                when.TryGetValue(a.SourceEntryId, out var w) ? w.At : null, a.OwnerProfessionalId is { } o ? names.Professional(o) : null, a.IsOverdueOn(today),
                when.TryGetValue(a.SourceEntryId, out var p) ? p.OccurredPrecision : Chronicle.Core.Time.DatePrecision.Unknown,
                // An action whose entry cannot be read is treated as the narrowest: no one is shown what it asks.
                when.TryGetValue(a.SourceEntryId, out var r) ? r.Reach : new EntryReach(SharingLevel.RestrictedPoliceIntelligence, Guid.Empty)))];
    }

    private DateOnly Today => WorkingDayCalendar.UkDate(clock.GetUtcNow());
}

using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Security;
using Chronicle.Core.Sharing;
using Chronicle.Core.TeamAroundChild;
using Chronicle.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Actions;

/// <summary>
/// Turns the actions recorded in entries into tracked actions, and keeps them in step with the chronology: a
/// correction carries its entry's actions over, a plan review that finds an item achieved marks it done, a plan's
/// end withdraws what is left of it, and a recorded absence tells the manager what the absent worker owns.
/// </summary>
public sealed class ActionTracker(TimeProvider clock) : IChronologyObserver
{
    /// <summary>The actions an entry asks for, in order: a plan's items are its actions once it is no longer a draft.</summary>
    public static IReadOnlyList<ActionItem> ActionsOf(EntryDetails details) => details switch
    {
        ChildProtectionMedical m => m.Actions,
        StrategyDiscussion s => s.Actions,
        MeetingHeld m => m.Actions,
        Supervision s => s.Actions,
        PlanStarted { Draft: false } p => [.. p.Items.Select(i => new ActionItem { Description = i.Action, OwnerProfessionalId = i.OwnerProfessionalId, Due = i.Due })],
        _ => [],
    };

    /// <summary>
    /// Every item an entry names an owner for: its actions, and a plan's items while it is still a draft too (they become
    /// its actions when it starts), so a draft and the plan it becomes are held to the same owners.
    /// </summary>
    public static IReadOnlyList<ActionItem> OwnedItemsOf(EntryDetails details) => details switch
    {
        PlanStarted p => [.. p.Items.Select(i => new ActionItem { Description = i.Action, OwnerProfessionalId = i.OwnerProfessionalId, Due = i.Due })],
        _ => ActionsOf(details),
    };

    public async Task OnRecordedAsync(ChronicleDb db, ChronologyEntry entry, EntryDetails details, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var items = ActionsOf(details);
        var changed = false;
        // Saved before new actions are made, so the items a correction carries over are not made twice.
        if (entry.SupersedesEntryId is { } superseded && await CarryOverAsync(db, entry, superseded, items, now, ct)) await db.SaveChangesAsync(ct);
        if (items.Count > 0) changed |= await CreateAsync(db, entry, items, now, ct);
        changed |= details switch
        {
            PlanReviewed review => await MarkAchievedAsync(db, entry, review, now, ct),
            PlanEnded ended => await WithdrawAsync(db, ended.PlanEntryId, $"The plan ended: {ended.Reason}", entry.RecordedByProfessionalId, now, ct),
            StaffAbsence absence => await TellManagerOfAbsenceAsync(db, entry, absence, now, ct),
            _ => false,
        };
        if (changed) await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    private static async Task<bool> CreateAsync(ChronicleDb db, ChronologyEntry entry, IReadOnlyList<ActionItem> items, DateTimeOffset now, CancellationToken ct)
    {
        var have = await db.Actions.Where(a => a.SourceEntryId == entry.Id).Select(a => a.ItemIndex).ToListAsync(ct);
        var children = await ChildrenOfAsync(db, entry, ct);
        var owners = items.Select(i => i.OwnerProfessionalId).OfType<Guid>().Distinct().ToList();
        var emails = await db.Professionals.AsNoTracking().Where(p => owners.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Email, ct);
        var created = false;
        for (var i = 0; i < items.Count; i++)
        {
            if (have.Contains(i)) continue;
            var action = new TrackedAction
            {
                Id = Guid.CreateVersion7(now), PartnershipId = entry.PartnershipId, SourceEntryId = entry.Id, SourceKind = entry.Kind, ItemIndex = i,
                Children = [.. children.Select((c, n) => new ActionChild { ChildPersonId = c, Position = n })],
                Description = items[i].Description.Trim(), OwnerProfessionalId = items[i].OwnerProfessionalId, Due = items[i].Due, Status = ActionStatus.Open, CreatedAt = now,
            };
            db.Actions.Add(action);
            db.ActionChanges.Add(new ActionChange { Id = Guid.CreateVersion7(now), ActionId = action.Id, Type = ActionChangeType.Created, At = now, ByProfessionalId = entry.RecordedByProfessionalId, ToProfessionalId = action.OwnerProfessionalId });
            if (action.OwnerProfessionalId is { } owner && owner != entry.RecordedByProfessionalId)
                Notifier.Send(db, await AssignedAsync(db, action, owner, NotificationKind.ActionAssigned, now, ct), emails.GetValueOrDefault(owner), now);
            created = true;
        }
        return created;
    }

    /// <summary>
    /// A correction replaces its entry: the original's actions become the correction's, item by item; any it no longer
    /// has are withdrawn. An open action given a new owner (a plan's review, minutes corrected) is theirs from now: they
    /// are given an item to acknowledge, as someone told of a share is, so that what they were handed is on the record.
    /// (Whoever it is may see the child: the correction was refused otherwise.)
    /// </summary>
    private static async Task<bool> CarryOverAsync(ChronicleDb db, ChronologyEntry entry, Guid superseded, IReadOnlyList<ActionItem> items, DateTimeOffset now, CancellationToken ct)
    {
        var old = await db.Actions.Include(a => a.Children).Where(a => a.SourceEntryId == superseded).ToListAsync(ct);
        // A correction may change whom the entry is about (the wrong sibling named): its open actions follow it.
        var children = old.Count == 0 ? [] : await ChildrenOfAsync(db, entry, ct);
        var handedOn = new List<TrackedAction>();
        foreach (var action in old)
        {
            if (action.ItemIndex < items.Count)
            {
                var item = items[action.ItemIndex];
                var from = action.OwnerProfessionalId;
                action.SourceEntryId = entry.Id;
                if (action.IsOpen)
                {
                    action.Description = item.Description.Trim();
                    action.OwnerProfessionalId = item.OwnerProfessionalId;
                    action.Due = item.Due;
                    FollowChildren(action, children);
                }
                db.ActionChanges.Add(new ActionChange
                {
                    Id = Guid.CreateVersion7(now), ActionId = action.Id, Type = ActionChangeType.Corrected, At = now, ByProfessionalId = entry.RecordedByProfessionalId,
                    FromProfessionalId = from, ToProfessionalId = action.OwnerProfessionalId, Reason = entry.CorrectionReason,
                });
                if (action.IsOpen && action.OwnerProfessionalId is { } to && to != from && to != entry.RecordedByProfessionalId) handedOn.Add(action);
            }
            else if (action.IsOpen)
            {
                Withdraw(db, action, "A correction of its entry no longer asks for it", entry.RecordedByProfessionalId, now);
            }
        }
        if (handedOn.Count > 0) await TellNewOwnersAsync(db, entry, handedOn, now, ct);
        return old.Count > 0;
    }

    /// <summary>The action's children made these, in this order: those kept stay (their position updated), the rest change.</summary>
    private static void FollowChildren(TrackedAction action, IReadOnlyList<Guid> children)
    {
        action.Children.RemoveAll(c => !children.Contains(c.ChildPersonId));
        for (var n = 0; n < children.Count; n++)
        {
            if (action.Children.Find(c => c.ChildPersonId == children[n]) is { } kept) kept.Position = n;
            else action.Children.Add(new ActionChild { ActionId = action.Id, ChildPersonId = children[n], Position = n });
        }
    }

    private static async Task TellNewOwnersAsync(ChronicleDb db, ChronologyEntry entry, IReadOnlyList<TrackedAction> actions, DateTimeOffset now, CancellationToken ct)
    {
        var policy = await TeamPolicy.LoadAsync(db, entry.PartnershipId, ct);
        var due = WorkingDayCalendar.EnglandAndWales.DueAfterWorkingDays(now, policy.GetInt(TeamPolicy.Sharing, TeamPolicy.AcknowledgeWithin));
        var owners = actions.Select(a => a.OwnerProfessionalId!.Value).Distinct().ToList();
        var emails = await db.Professionals.AsNoTracking().Where(p => owners.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Email, ct);
        foreach (var action in actions)
        {
            var owner = action.OwnerProfessionalId!.Value;
            var item = await AssignedAsync(db, action, owner, NotificationKind.ActionReassigned, now, ct);
            item.NeedsAcknowledgement = true;
            item.DueAt = due;
            Notifier.Send(db, item, emails.GetValueOrDefault(owner), now);
        }
    }

    private static async Task<bool> MarkAchievedAsync(ChronicleDb db, ChronologyEntry entry, PlanReviewed review, DateTimeOffset now, CancellationToken ct)
    {
        var achieved = review.Progress.Where(p => p.Achieved).ToDictionary(p => p.ItemIndex, p => p.Progress);
        if (achieved.Count == 0) return false;
        var open = await db.Actions.Where(a => a.SourceEntryId == review.PlanEntryId && a.Status == ActionStatus.Open).ToListAsync(ct);
        foreach (var action in open.Where(a => achieved.ContainsKey(a.ItemIndex)))
        {
            action.Status = ActionStatus.Done;
            action.DoneAt = now;
            action.DoneByProfessionalId = entry.RecordedByProfessionalId;
            action.DoneEntryId = entry.Id;
            action.Note = achieved[action.ItemIndex];
            db.ActionChanges.Add(new ActionChange { Id = Guid.CreateVersion7(now), ActionId = action.Id, Type = ActionChangeType.Done, At = now, ByProfessionalId = entry.RecordedByProfessionalId, Reason = "Achieved, as the plan review recorded" });
        }
        return true;
    }

    internal static async Task<bool> WithdrawAsync(ChronicleDb db, Guid sourceEntryId, string reason, Guid? by, DateTimeOffset now, CancellationToken ct)
    {
        var open = await db.Actions.Where(a => a.SourceEntryId == sourceEntryId && a.Status == ActionStatus.Open).ToListAsync(ct);
        foreach (var action in open) Withdraw(db, action, reason, by, now);
        return open.Count > 0;
    }

    private static void Withdraw(ChronicleDb db, TrackedAction action, string reason, Guid? by, DateTimeOffset now)
    {
        action.Status = ActionStatus.Withdrawn;
        action.Note = reason;
        db.ActionChanges.Add(new ActionChange { Id = Guid.CreateVersion7(now), ActionId = action.Id, Type = ActionChangeType.Withdrawn, At = now, ByProfessionalId = by, Reason = reason });
    }

    private static async Task<bool> TellManagerOfAbsenceAsync(ChronicleDb db, ChronologyEntry entry, StaffAbsence absence, DateTimeOffset now, CancellationToken ct)
    {
        var open = await db.Actions.CountAsync(a => a.OwnerProfessionalId == absence.ProfessionalId && a.Status == ActionStatus.Open, ct);
        var absent = await db.Professionals.AsNoTracking().FirstOrDefaultAsync(p => p.Id == absence.ProfessionalId, ct);
        if (open == 0 || absent?.ManagerId is not { } managerId) return false;
        var manager = await db.Professionals.AsNoTracking().FirstAsync(p => p.Id == managerId, ct);
        var cover = absence.CoveredByProfessionalId is { } c ? await db.Professionals.Where(p => p.Id == c).Select(p => p.Name).FirstOrDefaultAsync(ct) : null;
        Notifier.Send(db, new Notification
        {
            Id = Guid.CreateVersion7(now), PartnershipId = entry.PartnershipId, RecipientProfessionalId = manager.Id, Kind = NotificationKind.ActionsNeedReassigning,
            ChildPersonId = (await ChildrenOfAsync(db, entry, ct)).Cast<Guid?>().FirstOrDefault(), EntryId = entry.Id,
            Title = $"{absent.Name} is absent from {absence.From:d MMMM yyyy}{(absence.To is { } to ? $" to {to:d MMMM yyyy}" : "")} and owns {open} open action{(open == 1 ? "" : "s")} that may need reassigning{(cover is null ? "" : $"; {cover} is covering")}",
            CreatedAt = now,
        }, manager.Email, now);
        return true;
    }

    /// <summary>
    /// An item telling the owner of an action it is theirs, naming the children it is about whom the owner may open now,
    /// and counting the others ("and 1 child you cannot see"): an action is given only to someone who may open every
    /// child of it, but a story told as it happened, or a team changed since, can give one about a child they may not.
    /// The item links to the first child they may open.
    /// </summary>
    internal static async Task<Notification> AssignedAsync(ChronicleDb db, TrackedAction action, Guid to, NotificationKind kind, DateTimeOffset now, CancellationToken ct)
    {
        var children = action.ChildIds;
        var hidden = (await ChildAccessReader.MayNotSeeAsync(db, children, [to], now, ct)).Where(c => c.Value.Contains(to)).Select(c => c.Key).ToHashSet();
        var seen = children.Where(c => !hidden.Contains(c)).ToList();
        var names = new List<string>(await NamesAsync(db, seen, ct));
        if (hidden.Count > 0) names.Add($"{hidden.Count} {(hidden.Count == 1 ? "child" : "children")} you cannot see");
        var about = names.Count == 0 ? "" : names.Count == 1 ? $" ({names[0]})" : $" ({string.Join(", ", names[..^1])} and {names[^1]})";
        return new Notification
        {
            Id = Guid.CreateVersion7(now), PartnershipId = action.PartnershipId, RecipientProfessionalId = to, Kind = kind, ChildPersonId = seen.Cast<Guid?>().FirstOrDefault(),
            EntryId = action.SourceEntryId, ActionId = action.Id,
            Title = $"{(kind == NotificationKind.ActionReassigned ? "Action reassigned to you" : "Action for you")}{about}: {action.Description}{(action.Due is { } due ? $", due {due:d MMMM yyyy}" : "")}",
            CreatedAt = now,
        };
    }

    /// <summary>The children an entry's actions are about (<see cref="ChildrenOfAsync(ChronicleDb, IReadOnlyList{Guid}, CancellationToken)"/>).</summary>
    internal static Task<List<Guid>> ChildrenOfAsync(ChronicleDb db, ChronologyEntry entry, CancellationToken ct) =>
        ChildrenOfAsync(db, [.. entry.Subjects.Select(s => s.PersonId)], ct);

    /// <summary>
    /// The children the actions of an entry about these people are about: every child it names, or, when it names
    /// only adults, their children (<see cref="Family.ChildrenAboutAsync"/>); never a sibling it does not name. In order
    /// of name, then id.
    /// </summary>
    public static async Task<List<Guid>> ChildrenOfAsync(ChronicleDb db, IReadOnlyList<Guid> subjects, CancellationToken ct)
    {
        var children = await Family.ChildrenAboutAsync(db, subjects, ct);
        if (children.Count < 2) return children;
        // By name, then id, whichever way the entry names them: the order every list of an action's children shows.
        var named = await db.People.AsNoTracking().Where(p => children.Contains(p.Id)).Select(p => new { p.Id, p.DisplayName }).ToListAsync(ct);
        return [.. named.OrderBy(p => p.DisplayName, StringComparer.Ordinal).ThenBy(p => p.Id).Select(p => p.Id)];
    }

    /// <summary>The display names of these children, in their order.</summary>
    internal static async Task<IReadOnlyList<string>> NamesAsync(ChronicleDb db, IReadOnlyList<Guid> children, CancellationToken ct)
    {
        if (children.Count == 0) return [];
        var names = await db.People.AsNoTracking().Where(p => children.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName, ct);
        return [.. children.Select(c => names.GetValueOrDefault(c)).OfType<string>()];
    }

    /// <summary>
    /// Schema 0020: every action already held is given every child its entry is about, besides the one child it was
    /// filed under (copied by the script), so an old database's family actions reach each child they concern.
    /// </summary>
    internal static async Task BackfillChildrenAsync(ChronicleDb db, CancellationToken ct)
    {
        var actions = await db.Actions.AsNoTracking().Select(a => new { a.Id, a.SourceEntryId }).ToListAsync(ct);
        var had = (await db.ActionChildren.AsNoTracking().ToListAsync(ct)).ToLookup(c => c.ActionId, c => c.ChildPersonId);
        var subjectsOf = new Dictionary<Guid, List<Guid>>();
        foreach (var source in actions.Select(a => a.SourceEntryId).Distinct())
        {
            var subjects = await db.EntrySubjects.AsNoTracking().Where(s => s.EntryId == source).Select(s => s.PersonId).ToListAsync(ct);
            subjectsOf[source] = await ChildrenOfAsync(db, subjects, ct);
        }
        foreach (var action in actions)
        {
            var children = subjectsOf[action.SourceEntryId].Concat(had[action.Id]).Distinct().ToList();
            if (children.SequenceEqual(had[action.Id])) continue;
            await db.ActionChildren.Where(c => c.ActionId == action.Id).ExecuteDeleteAsync(ct);
            db.ActionChildren.AddRange(children.Select((c, n) => new ActionChild { ActionId = action.Id, ChildPersonId = c, Position = n }));
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }
}

using Chronicle.Core.Actions;
using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Persistence;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Security;
using Chronicle.Core.TeamAroundChild;
using Chronicle.Core.Time;
using Chronicle.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Plans;

public sealed record PlanItemInput(string? Concern, string? Action, Guid? OwnerProfessionalId, DateOnly? Due, string? SuccessMeasure);

public sealed record SafetyParticipantInput(string? Role, Guid? ProfessionalId = null, Guid? PersonId = null, string? IfConcernsEscalate = null, string? IfChildCannotBeSeen = null);

/// <summary>A plan to start, or a draft to save. A draft may leave items without an owner, due date or measure.</summary>
public sealed record PlanInput
{
    public Guid? ChildId { get; init; }
    public PlanType? Type { get; init; }
    public AbuseCategory? Category { get; init; }
    public IReadOnlyList<PlanItemInput> Items { get; init; } = [];
    public IReadOnlyList<SafetyParticipantInput> Participants { get; init; } = [];
    public bool Draft { get; init; }
    public Guid? RecordedByProfessionalId { get; init; }
    /// <summary>When the plan started (a CP plan starts on the day of its conference); now when not given.</summary>
    public DateTimeOffset? StartedAt { get; init; }
    /// <summary>The draft this plan completes: the draft entry is superseded by the plan.</summary>
    public Guid? ReplacesDraftEntryId { get; init; }
    public string? IdempotencyKey { get; init; }
}

/// <summary>Progress on one item; a new owner or due date where the review changes them (null: unchanged).</summary>
public sealed record ItemProgressInput(int ItemIndex, string? Progress, bool Achieved = false, Guid? OwnerProfessionalId = null, DateOnly? Due = null);

/// <summary>
/// A review of every item of a plan, as a core group or CIN review records it; items the review adds, each as specific
/// as a plan's item must be.
/// </summary>
public sealed record PlanReviewInput(Guid? PlanEntryId, Guid? RecordedByProfessionalId, IReadOnlyList<ItemProgressInput>? Progress, string? Summary = null, string? IdempotencyKey = null,
    IReadOnlyList<PlanItemInput>? AddedItems = null);

public sealed record PlanEndInput(Guid? PlanEntryId, Guid? RecordedByProfessionalId, string? Reason, DateTimeOffset? EndedAt = null);

public enum PlanStatus { Draft, Active, Ended }

/// <summary>A plan as the child's page shows it: the plan, how it stands, and its reviews.</summary>
public sealed record PlanView(ChronologyEntry Entry, PlanStarted Plan, PlanStatus Status, IReadOnlyList<(ChronologyEntry Entry, PlanReviewed Review)> Reviews, ChronologyEntry? EndedBy);

/// <summary>
/// Child in need, child protection and safety plans, written as plan-started, plan-reviewed and plan-ended
/// entries. A plan is refused unless every item says who owns it, by when and how success will be measured, and
/// every participant in a safety plan says what they will do if concerns escalate and if the child cannot be
/// seen; a draft may be saved without them. A review must give every item's progress.
/// </summary>
public sealed class PlanService(ChronicleDb db, ChronologyService chronology, TimeProvider clock)
{
    /// <summary>
    /// Starts a plan (or saves or completes a draft). A child's statutory plan takes the child's one statutory slot in
    /// the same transaction as its entry: of two plans started at once, the second is refused as a conflict.
    /// </summary>
    public Task<Outcome<ChronologyEntry>> StartAsync(Guid partnershipId, PlanInput input, CancellationToken ct = default) =>
        Writes.InTransactionAsync(db, chronology, () => StartInTransactionAsync(partnershipId, input, ct), ct);

    private async Task<Outcome<ChronologyEntry>> StartInTransactionAsync(Guid partnershipId, PlanInput input, CancellationToken ct)
    {
        var p = Check(input);
        if (input.ChildId is { } childId && !await db.People.AnyAsync(x => x.Id == childId && x.PartnershipId == partnershipId && x.Kind != Record.PersonKind.Adult, ct))
            p.Add("childId", "No such child in this partnership");
        var owners = input.Items.Select(i => i.OwnerProfessionalId).OfType<Guid>().Distinct().ToList();
        var known = await db.Professionals.AsNoTracking().Where(x => x.PartnershipId == partnershipId && owners.Contains(x.Id)).Select(x => x.Id).ToListAsync(ct);
        for (var i = 0; i < input.Items.Count; i++)
            if (input.Items[i].OwnerProfessionalId is { } owner && !known.Contains(owner))
                p.Add($"items[{i}].ownerProfessionalId", $"The owner of item {i + 1} is not a professional in this partnership");
        ChronologyEntry? draft = null;
        if (input.ReplacesDraftEntryId is { } draftId)
        {
            var current = await CurrentPlansAsync(partnershipId, input.ChildId, ct);
            draft = current.FirstOrDefault(v => v.Entry.Id == draftId && v.Status == PlanStatus.Draft)?.Entry;
            if (draft is null) p.Add("replacesDraftEntryId", "There is no such draft plan for this child");
        }
        if (!input.Draft && input.ChildId is { } child && input.Type is { } type && !p.Any)
        {
            var active = (await CurrentPlansAsync(partnershipId, child, ct)).Where(v => v.Status == PlanStatus.Active).Select(v => v.Plan.Type).ToList();
            // Children in need census rules 4001, 4004 and 8935: one CIN or one CP plan at a time, never both. The child's
            // record holds a plan already (perhaps started a moment ago by someone else): a conflict, not a wrong field.
            var running = active.Where(t => t is PlanType.ChildInNeed or PlanType.ChildProtection).Select(t => (PlanType?)t).FirstOrDefault();
            if (running is { } r && type is PlanType.ChildInNeed or PlanType.ChildProtection) throw new WriteConflictException(ActivePlan.Conflict(r, type));
        }
        if (p.Any) return Outcome<ChronologyEntry>.Refused(p.Errors);

        var details = new PlanStarted
        {
            Type = input.Type!.Value,
            Category = input.Category,
            Draft = input.Draft,
            Items = [.. input.Items.Select(i => new PlanItem
            {
                Concern = i.Concern!.Trim(), Action = i.Action!.Trim(), OwnerProfessionalId = i.OwnerProfessionalId, Due = i.Due,
                SuccessMeasure = string.IsNullOrWhiteSpace(i.SuccessMeasure) ? null : i.SuccessMeasure.Trim(),
            })],
            Participants = [.. input.Participants.Select(x => new SafetyParticipant
            {
                Role = x.Role!.Trim(), ProfessionalId = x.ProfessionalId, PersonId = x.PersonId,
                IfConcernsEscalate = string.IsNullOrWhiteSpace(x.IfConcernsEscalate) ? null : x.IfConcernsEscalate.Trim(),
                IfChildCannotBeSeen = string.IsNullOrWhiteSpace(x.IfChildCannotBeSeen) ? null : x.IfChildCannotBeSeen.Trim(),
            })],
        };
        // A draft is work in progress: it stays within the recording agency and the lead professional.
        var entry = Recording.Input(details, input.RecordedByProfessionalId!.Value, [input.ChildId!.Value], input.StartedAt ?? clock.GetUtcNow(), input.IdempotencyKey,
            input.Draft ? Significance.Routine : Significance.Significant, input.Draft ? SharingLevel.AgencyOnly : SharingLevel.Team);
        var written = draft is null
            ? await chronology.RecordAsync(partnershipId, entry, ct)
            : await chronology.CorrectAsync(partnershipId, draft.Id, new CorrectionInput { Entry = entry, Reason = input.Draft ? "The draft plan was revised" : "The draft plan was completed" }, ct);
        // The entry took the child's statutory slot as it was written (ChronologyService), as any plan-started entry does.
        return written;
    }

    /// <summary>The rules a plan's input must meet, without the database: for a page to show every error at once.</summary>
    public static Problems Check(PlanInput input)
    {
        var p = new Problems();
        p.Required("childId", input.ChildId, "Select the child the plan is for");
        p.Required("type", input.Type, "Select the type of plan");
        p.Required("recordedByProfessionalId", input.RecordedByProfessionalId, "Select who is recording the plan");
        if (input.Type == PlanType.ChildProtection && input.Category is null && !input.Draft)
            p.Add("category", "Select the category of abuse: neglect, physical abuse, emotional abuse or sexual abuse");
        if (input.Type is { } type && type != PlanType.ChildProtection && input.Category is not null)
            p.Add("category", "Only a child protection plan has a category of abuse");
        if (!input.Draft && input.Type is PlanType.ChildInNeed or PlanType.ChildProtection && input.Items.Count == 0)
            p.Add("items", "Add at least one item to the plan: the concern, the action, who owns it, by when, and how success will be measured");
        for (var i = 0; i < input.Items.Count; i++)
        {
            var item = input.Items[i];
            var n = i + 1;
            var f = p.For($"items[{i}]");
            f.Required("concern", item.Concern, $"Enter the concern item {n} addresses");
            f.Required("action", item.Action, $"Enter the action for item {n}");
            if (input.Draft) continue;
            f.Required("ownerProfessionalId", item.OwnerProfessionalId, $"Select who owns item {n}");
            f.Required("due", item.Due, $"Enter when item {n} is due");
            f.Required("successMeasure", item.SuccessMeasure, $"Enter how success will be measured for item {n}");
        }
        if (!input.Draft && input.Type == PlanType.Safety && input.Participants.Count == 0)
            p.Add("participants", "Add everyone with a part in the safety plan, and what each will do");
        for (var i = 0; i < input.Participants.Count; i++)
        {
            var x = input.Participants[i];
            var f = p.For($"participants[{i}]");
            f.Required("role", x.Role, $"Enter the role of participant {i + 1}, such as \"school support worker\"");
            if (input.Draft) continue;
            var who = string.IsNullOrWhiteSpace(x.Role) ? $"participant {i + 1}" : $"the {x.Role.Trim()}";
            f.Required("ifConcernsEscalate", x.IfConcernsEscalate, $"Enter what {who} will do if concerns escalate");
            f.Required("ifChildCannotBeSeen", x.IfChildCannotBeSeen, $"Enter what {who} will do if the child cannot be seen");
        }
        return p;
    }

    /// <summary>
    /// Records a review of a plan: every item's progress must be given. Where the review gives an item a new owner or
    /// due date, or adds items, the plan is corrected to say so (the original stays, superseded) in the same transaction,
    /// and the review is of the plan as corrected.
    /// </summary>
    public Task<Outcome<ChronologyEntry>> ReviewAsync(Guid partnershipId, PlanReviewInput input, CancellationToken ct = default) =>
        Writes.InTransactionAsync(db, chronology, () => ReviewInTransactionAsync(partnershipId, input, ct), ct);

    private async Task<Outcome<ChronologyEntry>> ReviewInTransactionAsync(Guid partnershipId, PlanReviewInput input, CancellationToken ct)
    {
        var p = new Problems();
        p.Required("recordedByProfessionalId", input.RecordedByProfessionalId, "Select who is recording the review");
        var plan = await ActivePlanAsync(partnershipId, input.PlanEntryId, p, ct);
        var progress = input.Progress ?? [];
        var added = input.AddedItems ?? [];
        if (plan is not null) CheckProgress(plan.Plan, progress, p);
        var first = plan?.Plan.Items.Count ?? 0;
        for (var i = 0; i < added.Count; i++)
        {
            var item = added[i];
            var n = first + i + 1;
            var f = p.For($"addedItems[{i}]");
            f.Required("concern", item.Concern, $"Enter the concern item {n} addresses");
            f.Required("action", item.Action, $"Enter the action for item {n}");
            f.Required("ownerProfessionalId", item.OwnerProfessionalId, $"Select who owns item {n}");
            f.Required("due", item.Due, $"Enter when item {n} is due");
            f.Required("successMeasure", item.SuccessMeasure, $"Enter how success will be measured for item {n}");
        }
        var owners = progress.Select(x => x.OwnerProfessionalId).Concat(added.Select(x => x.OwnerProfessionalId)).OfType<Guid>().Distinct().ToList();
        var known = await db.Professionals.AsNoTracking().Where(x => x.PartnershipId == partnershipId && owners.Contains(x.Id)).Select(x => x.Id).ToListAsync(ct);
        foreach (var x in progress)
            if (x.OwnerProfessionalId is { } owner && !known.Contains(owner))
                p.Add($"progress[{x.ItemIndex}].ownerProfessionalId", $"The owner of item {x.ItemIndex + 1} is not a professional in this partnership");
        for (var i = 0; i < added.Count; i++)
            if (added[i].OwnerProfessionalId is { } owner && !known.Contains(owner))
                p.Add($"addedItems[{i}].ownerProfessionalId", $"The owner of item {first + i + 1} is not a professional in this partnership");
        if (!p.Any) await CheckOwnersMaySeeAsync(plan!, progress, added, p, ct);
        if (p.Any) return Outcome<ChronologyEntry>.Refused(p.Errors);

        var by = input.RecordedByProfessionalId!.Value;
        var planEntry = plan!.Entry;
        var subjects = planEntry.Subjects.Select(s => s.PersonId).ToList();
        // What changes an item (its owner, its due date) or adds one is the plan's: the plan is corrected, so that what it asks of whom stays one record.
        var changed = progress.Where(x => x.ItemIndex >= 0 && x.ItemIndex < plan.Plan.Items.Count
            && ((x.OwnerProfessionalId is { } o && o != plan.Plan.Items[x.ItemIndex].OwnerProfessionalId) || (x.Due is { } d && d != plan.Plan.Items[x.ItemIndex].Due))).ToDictionary(x => x.ItemIndex);
        if (changed.Count > 0 || added.Count > 0)
        {
            var corrected = plan.Plan with
            {
                Items = [.. plan.Plan.Items.Select((item, i) => changed.TryGetValue(i, out var c) ? item with { OwnerProfessionalId = c.OwnerProfessionalId ?? item.OwnerProfessionalId, Due = c.Due ?? item.Due } : item),
                    .. added.Select(i => new PlanItem { Concern = i.Concern!.Trim(), Action = i.Action!.Trim(), OwnerProfessionalId = i.OwnerProfessionalId, Due = i.Due, SuccessMeasure = i.SuccessMeasure!.Trim() })],
            };
            var correction = Recording.Input(corrected, by, subjects, planEntry.OccurredAt ?? planEntry.RecordedAt,
                input.IdempotencyKey is { } key ? $"{key}-plan" : null, planEntry.Significance, planEntry.SharingLevel);
            var written = await chronology.CorrectAsync(partnershipId, planEntry.Id, new CorrectionInput
            {
                Entry = correction,
                Reason = added.Count > 0 ? "Items added at the plan's review" : "Owners or due dates changed at the plan's review",
            }, ct);
            if (!written.Succeeded) return written;
            planEntry = written.Value!;
        }
        var review = new PlanReviewed
        {
            PlanEntryId = planEntry.Id,
            Progress = [.. progress.OrderBy(x => x.ItemIndex).Select(x => new ItemProgress
            {
                ItemIndex = x.ItemIndex, Progress = x.Progress!.Trim(), Achieved = x.Achieved,
                OwnerProfessionalId = changed.ContainsKey(x.ItemIndex) ? x.OwnerProfessionalId : null, Due = changed.ContainsKey(x.ItemIndex) ? x.Due : null,
            })],
            Summary = string.IsNullOrWhiteSpace(input.Summary) ? null : input.Summary.Trim(),
        };
        return await chronology.RecordAsync(partnershipId, Recording.Input(review, by, subjects, clock.GetUtcNow(), input.IdempotencyKey), ct);
    }

    /// <summary>
    /// An item's new owner is given work on every child of the plan: they must be someone who may open each child's record (in the
    /// team around the child, or a manager of someone in it), whoever names them and however (the page's list, an id
    /// in the API's body). Each one who may not is refused, naming the item.
    /// </summary>
    private async Task CheckOwnersMaySeeAsync(PlanView plan, IReadOnlyList<ItemProgressInput> progress, IReadOnlyList<PlanItemInput> added, Problems p, CancellationToken ct)
    {
        var first = plan.Plan.Items.Count;
        var named = progress.Where(x => x.ItemIndex >= 0 && x.ItemIndex < first && x.OwnerProfessionalId is { } o && o != plan.Plan.Items[x.ItemIndex].OwnerProfessionalId)
            .Select(x => (Field: $"progress[{x.ItemIndex}].ownerProfessionalId", Item: x.ItemIndex + 1, Owner: x.OwnerProfessionalId!.Value))
            .Concat(added.Select((x, i) => (Field: $"addedItems[{i}].ownerProfessionalId", Item: first + i + 1, Owner: x.OwnerProfessionalId)).Where(x => x.Owner is not null).Select(x => (x.Field, x.Item, Owner: x.Owner!.Value)))
            .ToList();
        if (named.Count == 0) return;
        var children = await ActionTracker.ChildrenOfAsync(db, [.. plan.Entry.Subjects.Select(s => s.PersonId)], ct);
        var owners = named.Select(x => x.Owner).Distinct().ToList();
        var blind = await ChildAccessReader.MayNotSeeAsync(db, children, owners, clock.GetUtcNow(), ct);
        if (!blind.Values.Any(b => b.Count > 0)) return;
        var people = await db.People.AsNoTracking().Where(x => children.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.DisplayName, ct);
        var professionals = await db.Professionals.AsNoTracking().Where(x => owners.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        foreach (var x in named)
        {
            var hidden = children.Where(c => blind.TryGetValue(c, out var b) && b.Contains(x.Owner)).Select(c => people.GetValueOrDefault(c, "the child")).ToList();
            if (hidden.Count > 0)
                p.Add(x.Field, $"Item {x.Item}: {ActionService.CannotOpen(professionals.GetValueOrDefault(x.Owner, "its owner"), hidden, hidden.Count)}");
        }
    }

    /// <summary>Every item of the plan needs its progress, once; an item the plan does not have is an error.</summary>
    public static void CheckProgress(PlanStarted plan, IReadOnlyList<ItemProgressInput> progress, Problems p)
    {
        for (var i = 0; i < plan.Items.Count; i++)
        {
            var given = progress.Where(x => x.ItemIndex == i).ToList();
            if (given.Count == 0 || string.IsNullOrWhiteSpace(given[0].Progress))
                p.Add($"progress[{i}]", $"Enter the progress of item {i + 1} ({plan.Items[i].Action})");
            else if (given.Count > 1) p.Add($"progress[{i}]", $"Give the progress of item {i + 1} once");
        }
        foreach (var extra in progress.Where(x => x.ItemIndex < 0 || x.ItemIndex >= plan.Items.Count))
            p.Add("progress", $"The plan has no item {extra.ItemIndex + 1}");
    }

    public async Task<Outcome<ChronologyEntry>> EndAsync(Guid partnershipId, PlanEndInput input, CancellationToken ct = default)
    {
        var p = new Problems();
        p.Required("recordedByProfessionalId", input.RecordedByProfessionalId, "Select who is ending the plan");
        p.Required("reason", input.Reason, "Enter why the plan is ending");
        var plan = await ActivePlanAsync(partnershipId, input.PlanEntryId, p, ct);
        if (p.Any) return Outcome<ChronologyEntry>.Refused(p.Errors);
        return await chronology.RecordAsync(partnershipId, Recording.Input(new PlanEnded { PlanEntryId = plan!.Entry.Id, Reason = input.Reason!.Trim() },
            input.RecordedByProfessionalId!.Value, plan.Entry.Subjects.Select(s => s.PersonId), input.EndedAt ?? clock.GetUtcNow(), null, Significance.Significant), ct);
    }

    /// <summary>The child's plans (drafts, active and ended), as the current chronology holds them, newest first.</summary>
    public async Task<IReadOnlyList<PlanView>> ForChildAsync(Guid partnershipId, Guid childId, CancellationToken ct = default) =>
        [.. (await CurrentPlansAsync(partnershipId, childId, ct)).OrderByDescending(v => v.Entry.When)];

    /// <summary>The plan the child is on of any of these types (any type when none given), or null.</summary>
    public async Task<PlanView?> ActivePlanForChildAsync(Guid partnershipId, Guid childId, IReadOnlyCollection<PlanType> types, CancellationToken ct = default) =>
        (await CurrentPlansAsync(partnershipId, childId, ct)).Where(v => v.Status == PlanStatus.Active && (types.Count == 0 || types.Contains(v.Plan.Type)))
            .OrderByDescending(v => v.Entry.When).FirstOrDefault();

    private async Task<PlanView?> ActivePlanAsync(Guid partnershipId, Guid? planEntryId, Problems p, CancellationToken ct)
    {
        if (planEntryId is null)
        {
            p.Add("planEntryId", "Select the plan");
            return null;
        }
        var subjects = await db.EntrySubjects.AsNoTracking().Where(s => s.EntryId == planEntryId).Select(s => s.PersonId).ToListAsync(ct);
        var child = await db.People.AsNoTracking().Where(x => subjects.Contains(x.Id) && x.Kind != Record.PersonKind.Adult).Select(x => (Guid?)x.Id).FirstOrDefaultAsync(ct);
        var plan = (await CurrentPlansAsync(partnershipId, child, ct)).FirstOrDefault(v => v.Entry.Id == planEntryId);
        if (plan is null) p.Add("planEntryId", "There is no such plan, or it has been replaced by a correction");
        else if (plan.Status == PlanStatus.Draft) p.Add("planEntryId", "This plan is a draft: complete it first");
        else if (plan.Status == PlanStatus.Ended) p.Add("planEntryId", "This plan has ended");
        return plan is { Status: PlanStatus.Active } ? plan : null;
    }

    private async Task<IReadOnlyList<PlanView>> CurrentPlansAsync(Guid partnershipId, Guid? childId, CancellationToken ct)
    {
        if (childId is null) return [];
        var ids = db.EntrySubjects.Where(s => s.PersonId == childId).Select(s => s.EntryId);
        var kinds = new[] { EntryKinds.PlanStarted.Code, EntryKinds.PlanReviewed.Code, EntryKinds.PlanEnded.Code };
        var entries = await db.Entries.AsNoTracking().Include(e => e.Subjects)
            .Where(e => e.PartnershipId == partnershipId && ids.Contains(e.Id) && kinds.Contains(e.Kind)).ToListAsync(ct);
        var current = CaseFileLoader.Current(entries);
        // A plan-ended may name the plan as first started, before a correction of it: it ends the plan as corrected.
        var correctedBy = new Dictionary<Guid, Guid>();
        foreach (var e in entries) if (e.SupersedesEntryId is { } of) correctedBy.TryAdd(of, e.Id);
        Guid Latest(Guid id)
        {
            for (var steps = 0; steps < entries.Count && correctedBy.TryGetValue(id, out var next); steps++) id = next;
            return id;
        }
        var ended = current.Where(e => e.Details is PlanEnded).GroupBy(e => Latest(e.As<PlanEnded>()!.PlanEntryId)).ToDictionary(g => g.Key, g => g.First().Entry);
        return [.. current.Where(e => e.Details is PlanStarted).Select(e =>
        {
            var plan = e.As<PlanStarted>()!;
            // A review of the plan before a correction of it is a review of the plan still.
            var reviews = current.Where(r => r.As<PlanReviewed>() is { } review && Latest(review.PlanEntryId) == e.Id).Select(r => (r.Entry, r.As<PlanReviewed>()!)).ToList();
            var end = ended.GetValueOrDefault(e.Id);
            return new PlanView(e.Entry, plan, plan.Draft ? PlanStatus.Draft : end is null ? PlanStatus.Active : PlanStatus.Ended, reviews, end);
        })];
    }
}

using Chronicle.Core.Persistence;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Time;
using Chronicle.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Learning;

/// <summary>
/// The learning cycle's record: from serious incident and rapid review to the review, its numbered findings,
/// lessons and recommendations, the partnership's response actions and their evidence of impact, and the sharing of
/// its learning. Each write is checked whole and refused with errors naming the fields.
/// </summary>
public sealed class LearningService(ChronicleDb db, TimeProvider clock)
{
    public Task<Outcome<SeriousIncident>> RecordIncidentAsync(Guid partnershipId, IncidentInput input, CancellationToken ct = default) =>
        RecordIncidentAsync(partnershipId, input, [], ct);

    /// <param name="found">What the form already found wrong (a date it could not read), refused with the rest.</param>
    public async Task<Outcome<SeriousIncident>> RecordIncidentAsync(Guid partnershipId, IncidentInput input, IReadOnlyList<FieldError> found, CancellationToken ct = default)
    {
        var p = new Problems(found);
        p.Required("title", input.Title, "Enter the name the review uses for the child or family");
        p.Text("title", input.Title, "The name the review will use for the child or family");
        p.Required("summary", input.Summary, "Enter a summary of the incident");
        p.Text("summary", input.Summary, "What happened");
        p.Required("awareOn", input.AwareOn, "Enter the date the local authority became aware");
        if (input.AwareOn > Today) p.Add("awareOn", "The date the local authority became aware must be today or in the past");
        var children = input.ChildPersonIds ?? [];
        var known = await db.People.Where(x => x.PartnershipId == partnershipId && children.Contains(x.Id)).Select(x => x.Id).ToListAsync(ct);
        for (var i = 0; i < children.Count; i++)
            if (!known.Contains(children[i])) p.Add($"childPersonIds[{i}]", "No such child in this partnership");
        if (p.Any) return Outcome<SeriousIncident>.Refused(p.Errors);
        return await SaveAsync(new SeriousIncident
        {
            Id = NewId(), PartnershipId = partnershipId, Title = input.Title!.Trim(), Summary = input.Summary!.Trim(),
            ChildPersonIds = string.Join(',', children), AwareOn = input.AwareOn!.Value, CreatedAt = Now,
        }, ct);
    }

    public async Task<Outcome<SeriousIncident>> RecordNotificationAsync(Guid partnershipId, Guid incidentId, DateOnly? notifiedOn, CancellationToken ct = default)
    {
        var incident = await db.SeriousIncidents.FirstOrDefaultAsync(i => i.Id == incidentId && i.PartnershipId == partnershipId, ct);
        if (incident is null) return Outcome<SeriousIncident>.Refused("incidentId", "There is no such serious incident");
        var p = new Problems();
        p.Required("notifiedOn", notifiedOn, "Enter the date the national panel was notified");
        if (notifiedOn < incident.AwareOn) p.Add("notifiedOn", "The notification cannot be before the local authority became aware");
        if (p.Any) return Outcome<SeriousIncident>.Refused(p.Errors);
        incident.NotifiedOn = notifiedOn;
        await db.SaveChangesAsync(ct);
        return Outcome<SeriousIncident>.Ok(incident);
    }

    public Task<Outcome<SeriousIncident>> RecordRapidReviewAsync(Guid partnershipId, Guid incidentId, RapidReviewInput input, CancellationToken ct = default) =>
        RecordRapidReviewAsync(partnershipId, incidentId, input, [], ct);

    /// <param name="found">What the form already found wrong (a date it could not read), refused with the rest.</param>
    public async Task<Outcome<SeriousIncident>> RecordRapidReviewAsync(Guid partnershipId, Guid incidentId, RapidReviewInput input, IReadOnlyList<FieldError> found, CancellationToken ct = default)
    {
        var incident = await db.SeriousIncidents.FirstOrDefaultAsync(i => i.Id == incidentId && i.PartnershipId == partnershipId, ct);
        if (incident is null) return Outcome<SeriousIncident>.Refused("incidentId", "There is no such serious incident");
        var p = new Problems(found);
        p.Required("completedOn", input.CompletedOn, "Enter the date the rapid review was completed");
        p.Required("decision", input.Decision, "Select the decision on a review");
        p.Required("rationale", input.Rationale, "Enter the rationale for the decision");
        p.Text("rationale", input.Rationale, "The rationale for the decision");
        if (incident.NotifiedOn is null) p.Add("completedOn", "Record the notification to the national panel first: a rapid review follows it");
        else if (input.CompletedOn < incident.NotifiedOn) p.Add("completedOn", "The rapid review cannot be completed before the notification");
        if (p.Any) return Outcome<SeriousIncident>.Refused(p.Errors);
        incident.RapidReviewCompletedOn = input.CompletedOn;
        incident.Decision = input.Decision;
        incident.DecisionRationale = input.Rationale!.Trim();
        incident.DecidedOn = input.DecidedOn ?? input.CompletedOn;
        await db.SaveChangesAsync(ct);
        return Outcome<SeriousIncident>.Ok(incident);
    }

    public Task<Outcome<Review>> CreateReviewAsync(Guid partnershipId, ReviewInput input, CancellationToken ct = default) =>
        CreateReviewAsync(partnershipId, input, [], ct);

    /// <param name="found">What the form already found wrong (a date it could not read), refused with the rest.</param>
    public async Task<Outcome<Review>> CreateReviewAsync(Guid partnershipId, ReviewInput input, IReadOnlyList<FieldError> found, CancellationToken ct = default)
    {
        var p = new Problems(found);
        p.Required("title", input.Title, "Enter the review's title");
        p.Text("title", input.Title, "The title");
        p.Required("type", input.Type, "Select the type of review");
        p.Text("leadReviewer", input.LeadReviewer, "The lead reviewer");
        for (var i = 0; i < input.AgenciesScrutinised.Count; i++)
            p.Text($"agenciesScrutinised[{i}]", input.AgenciesScrutinised[i], "Each agency scrutinised");
        p.Text("method", input.Method, "The method");
        p.Text("summary", input.Summary, "What happened");
        p.Text("focus", input.Focus, "The review's focus");
        p.Text("sourceDocument", input.SourceDocument, "The source document's name");
        if (input.IncidentId is { } incident && !await db.SeriousIncidents.AnyAsync(i => i.Id == incident && i.PartnershipId == partnershipId, ct))
            p.Add("incidentId", "There is no such serious incident");
        if (input.PeriodFrom is { } from && input.PeriodTo is { } to && to < from) p.Add("periodTo", "The end of the period under review must be on or after its start");
        if (p.Any) return Outcome<Review>.Refused(p.Errors);
        return await SaveAsync(new Review
        {
            Id = NewId(), PartnershipId = partnershipId, IncidentId = input.IncidentId, Title = input.Title!.Trim(), Type = input.Type!.Value,
            Status = input.Status, LeadReviewer = Clean(input.LeadReviewer),
            AgenciesScrutinised = string.Join('\n', input.AgenciesScrutinised.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim())),
            PeriodFrom = input.PeriodFrom, PeriodTo = input.PeriodTo, Method = Clean(input.Method), Summary = Clean(input.Summary), Focus = Clean(input.Focus),
            DecidedOn = input.DecidedOn, PublishedOn = input.PublishedOn, SourceDocument = Clean(input.SourceDocument), CreatedAt = Now,
        }, ct);
    }

    public Task<Outcome<ReviewSlippage>> RecordSlippageAsync(Guid partnershipId, Guid reviewId, string? reason, DateOnly? newExpectedOn, CancellationToken ct = default) =>
        RecordSlippageAsync(partnershipId, reviewId, reason, newExpectedOn, [], ct);

    /// <param name="found">What the form already found wrong (a date it could not read), refused with the rest.</param>
    public async Task<Outcome<ReviewSlippage>> RecordSlippageAsync(Guid partnershipId, Guid reviewId, string? reason, DateOnly? newExpectedOn, IReadOnlyList<FieldError> found, CancellationToken ct = default)
    {
        var p = new Problems(found);
        await RequireReviewAsync(p, partnershipId, reviewId, ct);
        p.Required("reason", reason, "Enter why the review's timescale has slipped");
        p.Text("reason", reason, "Why the timescale has slipped");
        if (p.Any) return Outcome<ReviewSlippage>.Refused(p.Errors);
        return await SaveAsync(new ReviewSlippage { Id = NewId(), ReviewId = reviewId, RecordedOn = Today, NewExpectedOn = newExpectedOn, Reason = reason!.Trim() }, ct);
    }

    public async Task<Outcome<Review>> PublishAsync(Guid partnershipId, Guid reviewId, DateOnly? publishedOn, CancellationToken ct = default)
    {
        var review = await db.Reviews.FirstOrDefaultAsync(r => r.Id == reviewId && r.PartnershipId == partnershipId, ct);
        if (review is null) return Outcome<Review>.Refused("reviewId", "There is no such review");
        if (publishedOn is null) return Outcome<Review>.Refused("publishedOn", "Enter the date the review was published");
        review.PublishedOn = publishedOn;
        review.ReportCompletedOn ??= publishedOn;
        review.Status = ReviewStatus.Published;
        await db.SaveChangesAsync(ct);
        return Outcome<Review>.Ok(review);
    }

    /// <summary>A person has checked an imported draft: it becomes the partnership's review.</summary>
    public async Task<Outcome<Review>> ConfirmDraftAsync(Guid partnershipId, Guid reviewId, CancellationToken ct = default)
    {
        var review = await db.Reviews.FirstOrDefaultAsync(r => r.Id == reviewId && r.PartnershipId == partnershipId, ct);
        if (review is null) return Outcome<Review>.Refused("reviewId", "There is no such review");
        if (review.Status != ReviewStatus.Draft) return Outcome<Review>.Refused("reviewId", "Only a draft review needs confirming");
        review.Status = review.PublishedOn is null ? ReviewStatus.InProgress : ReviewStatus.Published;
        await db.SaveChangesAsync(ct);
        return Outcome<Review>.Ok(review);
    }

    /// <summary>Corrects an item of a draft while a person checks it; once confirmed, a review's items are its record and stay as they are.</summary>
    public async Task<Outcome<ReviewItem>> EditDraftItemAsync(Guid partnershipId, Guid itemId, string? number, string? text, IReadOnlyList<string>? themes, CancellationToken ct = default)
    {
        var item = await DraftItemAsync(partnershipId, itemId, ct);
        var p = new Problems();
        if (item is null) p.Add("itemId", "There is no such item in a draft review");
        p.MaxLength("number", number, 20, "The number");
        p.Text("number", number, "The number");
        p.Required("text", text, "Enter the text");
        p.Text("text", text, "The text");
        var codes = (themes ?? []).Select(t => t.Trim()).Where(t => t.Length > 0).Distinct().ToList();
        foreach (var code in codes)
            if (Themes.Find(code) is null) p.Add("themes", code.Length <= 100 ? $"'{code}' is not a theme of the taxonomy" : "A theme chosen is not one of the taxonomy");
        if (p.Any) return Outcome<ReviewItem>.Refused(p.Errors);
        item!.Number = Clean(number);
        item.Text = text!.Trim();
        item.Themes = string.Join(',', codes);
        await db.SaveChangesAsync(ct);
        return Outcome<ReviewItem>.Ok(item);
    }

    /// <summary>Removes an item a person found the import got wrong, while the review is still a draft (with its safeguard links and the actions that answer it).</summary>
    public async Task<Outcome<Guid>> RemoveDraftItemAsync(Guid partnershipId, Guid itemId, CancellationToken ct = default)
    {
        var item = await DraftItemAsync(partnershipId, itemId, ct);
        if (item is null) return Outcome<Guid>.Refused("itemId", "There is no such item in a draft review");
        db.LessonSafeguards.RemoveRange(await db.LessonSafeguards.Where(l => l.LessonItemId == itemId).ToListAsync(ct));
        foreach (var child in await db.ReviewItems.Where(i => i.ParentItemId == itemId).ToListAsync(ct)) child.ParentItemId = null;
        foreach (var action in await db.ResponseActions.Where(a => a.ItemId == itemId).ToListAsync(ct)) action.ItemId = null;
        db.ReviewItems.Remove(item);
        await db.SaveChangesAsync(ct);
        return Outcome<Guid>.Ok(itemId);
    }

    /// <summary>Corrects an action the import read, while the review is still a draft.</summary>
    public Task<Outcome<ResponseAction>> EditDraftActionAsync(Guid partnershipId, Guid actionId, ActionInput input, CancellationToken ct = default) =>
        EditDraftActionAsync(partnershipId, actionId, input, [], ct);

    /// <param name="found">What the form already found wrong (a date it could not read), refused with the rest.</param>
    public async Task<Outcome<ResponseAction>> EditDraftActionAsync(Guid partnershipId, Guid actionId, ActionInput input, IReadOnlyList<FieldError> found, CancellationToken ct = default)
    {
        var action = await db.ResponseActions
            .Where(a => a.Id == actionId && db.Reviews.Any(r => r.Id == a.ReviewId && r.PartnershipId == partnershipId && r.Status == ReviewStatus.Draft))
            .FirstOrDefaultAsync(ct);
        var p = new Problems(found);
        if (action is null) p.Add("actionId", "There is no such action in a draft review");
        p.Required("description", input.Description, "Enter what the action is");
        p.Text("description", input.Description, "What the action is");
        p.Text("owner", input.Owner, "The owner");
        p.Text("expectedImpact", input.ExpectedImpact, "The expected impact");
        p.Text("howWeWillKnow", input.HowWeWillKnow, "How we will know");
        if (p.Any) return Outcome<ResponseAction>.Refused(p.Errors);
        action!.Description = input.Description!.Trim();
        action.Owner = Clean(input.Owner);
        action.Deadline = input.Deadline;
        action.ExpectedImpact = Clean(input.ExpectedImpact);
        action.HowWeWillKnow = Clean(input.HowWeWillKnow);
        await db.SaveChangesAsync(ct);
        return Outcome<ResponseAction>.Ok(action);
    }

    /// <summary>Removes an action the import read wrongly, while the review is still a draft.</summary>
    public async Task<Outcome<Guid>> RemoveDraftActionAsync(Guid partnershipId, Guid actionId, CancellationToken ct = default)
    {
        var action = await db.ResponseActions
            .Where(a => a.Id == actionId && db.Reviews.Any(r => r.Id == a.ReviewId && r.PartnershipId == partnershipId && r.Status == ReviewStatus.Draft))
            .FirstOrDefaultAsync(ct);
        if (action is null) return Outcome<Guid>.Refused("actionId", "There is no such action in a draft review");
        db.ResponseActions.Remove(action);
        await db.SaveChangesAsync(ct);
        return Outcome<Guid>.Ok(actionId);
    }

    /// <summary>Throws a draft away: nothing of it is kept.</summary>
    public async Task<Outcome<Guid>> DiscardDraftAsync(Guid partnershipId, Guid reviewId, CancellationToken ct = default)
    {
        var review = await db.Reviews.FirstOrDefaultAsync(r => r.Id == reviewId && r.PartnershipId == partnershipId, ct);
        if (review is null || review.Status != ReviewStatus.Draft) return Outcome<Guid>.Refused("reviewId", "There is no such draft review");
        var items = await db.ReviewItems.Where(i => i.ReviewId == reviewId).ToListAsync(ct);
        var itemIds = items.Select(i => i.Id).ToList();
        db.LessonSafeguards.RemoveRange(await db.LessonSafeguards.Where(l => itemIds.Contains(l.LessonItemId)).ToListAsync(ct));
        db.ResponseActions.RemoveRange(await db.ResponseActions.Where(a => a.ReviewId == reviewId).ToListAsync(ct));
        db.ReviewItems.RemoveRange(items);
        db.Reviews.Remove(review);
        await db.SaveChangesAsync(ct);
        return Outcome<Guid>.Ok(reviewId);
    }

    public async Task<Outcome<ReviewItem>> AddItemAsync(Guid partnershipId, Guid reviewId, ItemInput input, CancellationToken ct = default)
    {
        var p = new Problems();
        await RequireReviewAsync(p, partnershipId, reviewId, ct);
        p.Required("type", input.Type, "Select whether this is a finding, a lesson, a recommendation or good practice");
        p.MaxLength("number", input.Number, 20, "The number");
        p.Text("number", input.Number, "The number");
        p.Required("text", input.Text, "Enter the text");
        p.Text("text", input.Text, "The text");
        if (input.ParentItemId is { } parent && !await db.ReviewItems.AnyAsync(i => i.Id == parent && i.ReviewId == reviewId, ct))
            p.Add("parentItemId", "The item it sits under is not part of this review");
        if (!string.IsNullOrWhiteSpace(input.Number) && input.Type is { } type
            && await db.ReviewItems.AnyAsync(i => i.ReviewId == reviewId && i.Type == type && i.Number == input.Number.Trim(), ct))
            p.Add("number", $"This review already has a {type.ToString().ToLowerInvariant()} numbered {input.Number.Trim()}");
        var themes = (input.Themes ?? []).Select(t => t.Trim()).Where(t => t.Length > 0).Distinct().ToList();
        if (p.Any) return Outcome<ReviewItem>.Refused(p.Errors);
        var position = await db.ReviewItems.CountAsync(i => i.ReviewId == reviewId && i.Type == input.Type, ct);
        return await SaveAsync(new ReviewItem
        {
            Id = NewId(), ReviewId = reviewId, Type = input.Type!.Value, Number = Clean(input.Number), Text = input.Text!.Trim(),
            ParentItemId = input.ParentItemId, Themes = string.Join(',', themes), Position = position,
        }, ct);
    }

    /// <summary>
    /// Links a lesson to the safeguards of the catalogue that carry it into daily practice; a recommendation too, since
    /// some reviews (a chair's response, such as Emily's) state their learning only as recommendations.
    /// </summary>
    public async Task<Outcome<IReadOnlyList<string>>> LinkSafeguardsAsync(Guid partnershipId, Guid lessonItemId, IReadOnlyList<string> safeguardIds, CancellationToken ct = default)
    {
        var lesson = await db.ReviewItems.Join(db.Reviews, i => i.ReviewId, r => r.Id, (i, r) => new { Item = i, r.PartnershipId })
            .FirstOrDefaultAsync(x => x.Item.Id == lessonItemId && x.PartnershipId == partnershipId, ct);
        var p = new Problems();
        if (lesson is null) p.Add("lessonItemId", "There is no such lesson");
        else if (lesson.Item.Type is not (ReviewItemType.Lesson or ReviewItemType.Recommendation)) p.Add("lessonItemId", "Only a lesson or a recommendation is linked to safeguards");
        for (var i = 0; i < safeguardIds.Count; i++)
            if (SafeguardCatalogue.Find(safeguardIds[i]) is null) p.Add($"safeguardIds[{i}]", $"'{safeguardIds[i]}' is not a safeguard of the catalogue");
        if (p.Any) return Outcome<IReadOnlyList<string>>.Refused(p.Errors);
        var existing = await db.LessonSafeguards.Where(l => l.LessonItemId == lessonItemId).Select(l => l.SafeguardId).ToListAsync(ct);
        foreach (var id in safeguardIds.Distinct().Except(existing)) db.LessonSafeguards.Add(new LessonSafeguard { LessonItemId = lessonItemId, SafeguardId = id });
        await db.SaveChangesAsync(ct);
        return Outcome<IReadOnlyList<string>>.Ok([.. existing.Union(safeguardIds).Order(StringComparer.Ordinal)]);
    }

    public Task<Outcome<ResponseAction>> AddActionAsync(Guid partnershipId, Guid reviewId, ActionInput input, CancellationToken ct = default) =>
        AddActionAsync(partnershipId, reviewId, input, [], ct);

    /// <param name="found">What the form already found wrong (a date it could not read), refused with the rest.</param>
    public async Task<Outcome<ResponseAction>> AddActionAsync(Guid partnershipId, Guid reviewId, ActionInput input, IReadOnlyList<FieldError> found, CancellationToken ct = default)
    {
        var p = new Problems(found);
        await RequireReviewAsync(p, partnershipId, reviewId, ct);
        p.Required("description", input.Description, "Enter what the action is");
        p.Text("description", input.Description, "What the action is");
        p.Text("owner", input.Owner, "The owner");
        p.Text("expectedImpact", input.ExpectedImpact, "The expected impact");
        p.Text("howWeWillKnow", input.HowWeWillKnow, "How we will know");
        if (input.ItemId is { } item && !await db.ReviewItems.AnyAsync(i => i.Id == item && i.ReviewId == reviewId, ct))
            p.Add("itemId", "The recommendation it answers is not part of this review");
        if (p.Any) return Outcome<ResponseAction>.Refused(p.Errors);
        return await SaveAsync(new ResponseAction
        {
            Id = NewId(), ReviewId = reviewId, ItemId = input.ItemId, Description = input.Description!.Trim(), Owner = Clean(input.Owner),
            Deadline = input.Deadline, ExpectedImpact = Clean(input.ExpectedImpact), HowWeWillKnow = Clean(input.HowWeWillKnow),
            Status = ActionStatus.NotStarted, CreatedAt = Now,
        }, ct);
    }

    /// <summary>Moves an action on. "Impact evidenced" needs evidence on record: completion alone is not impact.</summary>
    public async Task<Outcome<ResponseAction>> SetActionStatusAsync(Guid partnershipId, Guid actionId, ActionStatus? status, DateOnly? doneOn = null, CancellationToken ct = default)
    {
        var action = await ActionAsync(partnershipId, actionId, ct);
        if (action is null) return Outcome<ResponseAction>.Refused("actionId", "There is no such action");
        if (status is null) return Outcome<ResponseAction>.Refused("status", "Select the action's status");
        if (status == ActionStatus.ImpactEvidenced && !await db.EvidenceItems.AnyAsync(e => e.ActionId == actionId, ct))
            return Outcome<ResponseAction>.Refused("status", "Add evidence of impact first, such as an audit result, a staff survey or a figure from Chronicle");
        action.Status = status.Value;
        action.DoneOn = status is ActionStatus.Done or ActionStatus.ImpactEvidenced ? action.DoneOn ?? doneOn ?? Today : null;
        await db.SaveChangesAsync(ct);
        return Outcome<ResponseAction>.Ok(action);
    }

    public Task<Outcome<EvidenceItem>> AddEvidenceAsync(Guid partnershipId, Guid actionId, EvidenceInput input, CancellationToken ct = default) =>
        AddEvidenceAsync(partnershipId, actionId, input, [], ct);

    /// <param name="found">What the form already found wrong (a date it could not read), refused with the rest.</param>
    public async Task<Outcome<EvidenceItem>> AddEvidenceAsync(Guid partnershipId, Guid actionId, EvidenceInput input, IReadOnlyList<FieldError> found, CancellationToken ct = default)
    {
        var p = new Problems(found);
        if (await ActionAsync(partnershipId, actionId, ct) is null) p.Add("actionId", "There is no such action");
        p.Required("kind", input.Kind, "Select the kind of evidence");
        p.Required("summary", input.Summary, "Enter what the evidence shows");
        p.Text("summary", input.Summary, "What the evidence shows");
        p.Required("recordedOn", input.RecordedOn, "Enter the date of the evidence");
        if (p.Any) return Outcome<EvidenceItem>.Refused(p.Errors);
        return await SaveAsync(new EvidenceItem
        {
            Id = NewId(), ActionId = actionId, Kind = input.Kind!.Value, Summary = input.Summary!.Trim(), RecordedOn = input.RecordedOn!.Value,
            RecordedByProfessionalId = input.RecordedByProfessionalId,
        }, ct);
    }

    public Task<Outcome<Dissemination>> RecordDisseminationAsync(Guid partnershipId, Guid reviewId, DisseminationInput input, CancellationToken ct = default) =>
        RecordDisseminationAsync(partnershipId, reviewId, input, [], ct);

    /// <param name="found">What the form already found wrong (a date it could not read), refused with the rest.</param>
    public async Task<Outcome<Dissemination>> RecordDisseminationAsync(Guid partnershipId, Guid reviewId, DisseminationInput input, IReadOnlyList<FieldError> found, CancellationToken ct = default)
    {
        var p = new Problems(found);
        await RequireReviewAsync(p, partnershipId, reviewId, ct);
        p.Required("channel", input.Channel, "Select how the learning was shared");
        p.Required("heldOn", input.HeldOn, "Enter the date it was shared");
        if (input.Reach is < 0) p.Add("reach", "Reach cannot be negative");
        p.Text("audience", input.Audience, "The audience");
        p.Text("notes", input.Notes, "The notes");
        if (p.Any) return Outcome<Dissemination>.Refused(p.Errors);
        return await SaveAsync(new Dissemination
        {
            Id = NewId(), ReviewId = reviewId, Channel = input.Channel!.Value, HeldOn = input.HeldOn!.Value, Reach = input.Reach,
            Audience = Clean(input.Audience), Notes = Clean(input.Notes),
        }, ct);
    }

    public async Task<Outcome<BriefingFeedback>> GiveFeedbackAsync(Guid partnershipId, Guid reviewId, FeedbackInput input, CancellationToken ct = default)
    {
        var p = new Problems();
        // A draft is not yet a review anyone is briefed on: its text is the imported document, still to be checked.
        if (!await db.Reviews.AnyAsync(r => r.Id == reviewId && r.PartnershipId == partnershipId && r.Status != ReviewStatus.Draft, ct)) p.Add("reviewId", "There is no such review");
        p.Required("usefulness", input.Usefulness, "Select how useful the briefing was");
        if (input.Usefulness is < 1 or > 5) p.Add("usefulness", "Usefulness must be from 1 to 5");
        p.MaxLength("practiceChange", input.PracticeChange, 4000, "What you will do differently");
        p.Text("practiceChange", input.PracticeChange, "What you will do differently");
        p.Text("comment", input.Comment, "Your suggestions and ideas");
        // A briefing is for the practitioners of the partnership: feedback is theirs to give, each answer kept, the
        // latest of each person the one that counts (Current).
        if (input.ProfessionalId is not { } by || !await db.Professionals.AnyAsync(x => x.Id == by && x.PartnershipId == partnershipId, ct))
            p.Add("professionalId", "Feedback on a briefing is given by a practitioner of the partnership");
        if (p.Any) return Outcome<BriefingFeedback>.Refused(p.Errors);
        return await SaveAsync(new BriefingFeedback
        {
            Id = NewId(), ReviewId = reviewId, ProfessionalId = input.ProfessionalId, Usefulness = input.Usefulness!.Value,
            PracticeChange = Clean(input.PracticeChange), Comment = Clean(input.Comment), GivenAt = Now,
        }, ct);
    }

    private DateTimeOffset Now => clock.GetUtcNow();
    private DateOnly Today => WorkingDayCalendar.UkDate(Now);
    private Guid NewId() => Guid.CreateVersion7(Now);
    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private async Task<ResponseAction?> ActionAsync(Guid partnershipId, Guid actionId, CancellationToken ct) =>
        await db.ResponseActions.Where(a => a.Id == actionId && db.Reviews.Any(r => r.Id == a.ReviewId && r.PartnershipId == partnershipId)).FirstOrDefaultAsync(ct);

    private async Task<ReviewItem?> DraftItemAsync(Guid partnershipId, Guid itemId, CancellationToken ct) =>
        await db.ReviewItems.Where(i => i.Id == itemId && db.Reviews.Any(r => r.Id == i.ReviewId && r.PartnershipId == partnershipId && r.Status == ReviewStatus.Draft))
            .FirstOrDefaultAsync(ct);

    private async Task RequireReviewAsync(Problems p, Guid partnershipId, Guid reviewId, CancellationToken ct)
    {
        if (!await db.Reviews.AnyAsync(r => r.Id == reviewId && r.PartnershipId == partnershipId, ct)) p.Add("reviewId", "There is no such review");
    }

    private async Task<Outcome<T>> SaveAsync<T>(T entity, CancellationToken ct) where T : class
    {
        db.Add(entity);
        await db.SaveChangesAsync(ct);
        return Outcome<T>.Ok(entity);
    }
}

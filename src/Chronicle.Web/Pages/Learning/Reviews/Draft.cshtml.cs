using Chronicle.Core.Learning;
using Chronicle.Core.Learning.Import;
using Chronicle.Core.Persistence;
using Chronicle.Web.Learning;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace Chronicle.Web.Pages.Learning.Reviews;

/// <summary>
/// Checking an imported draft before it becomes a review: every item as read, with the words behind each suggested
/// theme, editable and removable; and the recurrence panel: earlier findings it mirrors, from the partnership's own
/// reviews and Chronicle's library. Confirming creates the review.
/// </summary>
[Permission(Permissions.WriteLearning)]
public sealed class DraftModel(ChronicleDb db, CurrentPartnership partnership, LearningService learning, TimeProvider clock) : LearningPage(db, partnership, clock)
{
    [FromRoute] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Edit { get; set; }
    [BindProperty] public Guid? ItemId { get; set; }
    [BindProperty] public string? Number { get; set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public List<string> Themes { get; set; } = [];
    [BindProperty(SupportsGet = true)] public Guid? EditAction { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public string? Owner { get; set; }
    [BindProperty] public string? Deadline { get; set; }
    [BindProperty] public string? ExpectedImpact { get; set; }
    [BindProperty] public string? HowWeWillKnow { get; set; }

    public ReviewRecord Record { get; private set; } = null!;
    public IReadOnlyList<ThemeSuggestion> DocumentThemes { get; private set; } = [];
    public IReadOnlyDictionary<Guid, IReadOnlyList<EarlierFinding>> Recurrence { get; private set; } = new Dictionary<Guid, IReadOnlyList<EarlierFinding>>();

    protected override IReadOnlyList<string> FieldOrder => ["number", "text", "themes", "description", "owner", "deadline", "expectedImpact", "howWeWillKnow"];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await StartAsync(ct) || await ReviewAsync(Id, ct) is not { } record) return NotFound();
        if (record.Review.Status != ReviewStatus.Draft) return RedirectToPage("/Learning/Reviews/Review", new { id = Id });
        await LoadAsync(record, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostEditAsync(CancellationToken ct)
    {
        if (!await StartAsync(ct)) return NotFound();
        var outcome = await learning.EditDraftItemAsync(PartnershipId, ItemId ?? Guid.Empty, Number, Text, Themes, ct);
        if (!outcome.Succeeded)
        {
            if (outcome.Errors.Any(e => e.Field == "itemId") || await ReviewAsync(Id, ct) is not { } record) return NotFound();
            Refuse(outcome.Errors);
            Edit = ItemId;
            await LoadAsync(record, ct);
            return Page();
        }
        return RedirectToPage("/Learning/Reviews/Draft", new { id = Id, done = Saved.DraftItem });
    }

    public async Task<IActionResult> OnPostRemoveAsync(CancellationToken ct)
    {
        if (!await StartAsync(ct)) return NotFound();
        var outcome = await learning.RemoveDraftItemAsync(PartnershipId, ItemId ?? Guid.Empty, ct);
        return outcome.Succeeded ? RedirectToPage("/Learning/Reviews/Draft", new { id = Id, done = Saved.DraftItemRemoved }) : NotFound();
    }

    public async Task<IActionResult> OnPostEditActionAsync(CancellationToken ct)
    {
        if (!await StartAsync(ct)) return NotFound();
        var errors = new List<Core.Validation.FieldError>();
        var deadline = ReadDate(Deadline, "deadline", errors, "The deadline");
        var outcome = await learning.EditDraftActionAsync(PartnershipId, ItemId ?? Guid.Empty, new ActionInput(Description, null, Owner, deadline, ExpectedImpact, HowWeWillKnow), errors, ct);
        if (!outcome.Succeeded)
        {
            if (outcome.Errors.Any(e => e.Field == "actionId") || await ReviewAsync(Id, ct) is not { } record) return NotFound();
            Refuse(Forms.FieldErrors.Merge(errors, outcome.Errors));
            EditAction = ItemId;
            await LoadAsync(record, ct);
            return Page();
        }
        return RedirectToPage("/Learning/Reviews/Draft", new { id = Id, done = Saved.DraftAction });
    }

    public async Task<IActionResult> OnPostRemoveActionAsync(CancellationToken ct)
    {
        if (!await StartAsync(ct)) return NotFound();
        var outcome = await learning.RemoveDraftActionAsync(PartnershipId, ItemId ?? Guid.Empty, ct);
        return outcome.Succeeded ? RedirectToPage("/Learning/Reviews/Draft", new { id = Id, done = Saved.DraftActionRemoved }) : NotFound();
    }

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken ct)
    {
        if (!await StartAsync(ct)) return NotFound();
        var outcome = await learning.ConfirmDraftAsync(PartnershipId, Id, ct);
        return outcome.Succeeded ? RedirectToPage("/Learning/Reviews/Review", new { id = Id, done = Saved.Confirmed }) : NotFound();
    }

    public async Task<IActionResult> OnPostDiscardAsync(CancellationToken ct)
    {
        if (!await StartAsync(ct)) return NotFound();
        var outcome = await learning.DiscardDraftAsync(PartnershipId, Id, ct);
        return outcome.Succeeded ? RedirectToPage("/Learning/Index", new { done = Saved.Discarded }) : NotFound();
    }

    /// <summary>The words of an item that suggest each of its themes.</summary>
    public static IReadOnlyList<ThemeSuggestion> ThemesOf(ReviewItem item) =>
        [.. ThemeSuggester.Suggest([item.Text]).Where(s => item.ThemeCodes.Contains(s.Code))
            .Concat(item.ThemeCodes.Where(c => !ThemeSuggester.Suggest([item.Text]).Any(s => s.Code == c))
                .Select(c => new ThemeSuggestion(c, LearningLabels.Theme(c), 0, [])))];

    private async Task LoadAsync(ReviewRecord record, CancellationToken ct)
    {
        Record = record;
        DocumentThemes = ThemeSuggester.Suggest(record.Items.Select(i => i.Text).Append(record.Review.Summary ?? "").Append(record.Review.Focus ?? ""));
        Recurrence = await LearningRecurrence.ForDraftAsync(Db, PartnershipId, record, ct);
    }
}

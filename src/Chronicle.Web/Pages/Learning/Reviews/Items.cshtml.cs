using Chronicle.Core.Learning;
using Chronicle.Core.Learning.Import;
using Chronicle.Core.Persistence;
using Chronicle.Core.Validation;
using Chronicle.Web.Learning;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace Chronicle.Web.Pages.Learning.Reviews;

/// <summary>
/// Writing a finding, lesson, recommendation or good practice into a review, numbered as the review numbers it.
/// While it is drafted, "Check" shows the themes its words suggest and the earlier findings it mirrors; a lesson is
/// linked to the safeguards its themes suggest.
/// </summary>
[Permission(Permissions.WriteLearning)]
public sealed class ItemsModel(ChronicleDb db, CurrentPartnership partnership, LearningService learning, TimeProvider clock) : LearningPage(db, partnership, clock)
{
    [FromRoute] public Guid Id { get; set; }
    [BindProperty] public string? Type { get; set; }
    [BindProperty] public string? Number { get; set; }
    [BindProperty] public string? Text { get; set; }
    public ReviewRecord Record { get; private set; } = null!;
    public IReadOnlyList<ThemeSuggestion> Suggested { get; private set; } = [];
    public IReadOnlyList<EarlierFinding>? Earlier { get; private set; }

    protected override IReadOnlyList<string> FieldOrder => ["type", "number", "text"];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCheckAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (string.IsNullOrWhiteSpace(Text) || TextLimits.Problem(Text, TextKind.FreeText, "The text") is not null)
        {
            Refuse([new FieldError("text", TextLimits.Problem(Text, TextKind.FreeText, "The text") ?? "Enter the text")]);
            return Page();
        }
        Suggested = ThemeSuggester.Suggest([Text]);
        Earlier = Recurrence.Find(Text, await LearningRecurrence.CandidatesAsync(Db, PartnershipId, Id, ct), max: 5);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var type = LearningLabels.ParseEnum<ReviewItemType>(Type);
        // Themes are suggested only from a text the item may keep: the service refuses any other, by its words.
        var themes = TextLimits.Problem(Text, TextKind.FreeText, "The text") is null ? ThemeSuggester.Suggest([Text ?? ""]).Select(t => t.Code).ToList() : [];
        var outcome = await learning.AddItemAsync(PartnershipId, Id, new ItemInput(type, Text, Number, null, themes), ct);
        if (!outcome.Succeeded)
        {
            Refuse(outcome.Errors);
            return Page();
        }
        if (type == ReviewItemType.Lesson && ThemeSafeguards.Suggest(themes) is { Count: > 0 } safeguards)
            await learning.LinkSafeguardsAsync(PartnershipId, outcome.Value!.Id, safeguards, ct);
        return RedirectToPage("/Learning/Reviews/Review", new { id = Id, done = Saved.ItemAdded(type!.Value) });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (!await StartAsync(ct) || await ReviewAsync(Id, ct) is not { } record || record.Review.Status == ReviewStatus.Draft) return false;
        Record = record;
        return true;
    }
}

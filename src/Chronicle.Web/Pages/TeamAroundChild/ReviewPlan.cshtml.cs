using Chronicle.Core.Persistence;
using Chronicle.Core.Plans;
using Chronicle.Core.Validation;
using Chronicle.Web.Security;
using Chronicle.Web.TeamAroundChild;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Pages.TeamAroundChild;

/// <summary>
/// Reviewing the child's one running plan (child in need or child protection: the child's statutory plan slot): each
/// of its items as a row with its text, whether it is achieved, its progress, and its owner and due date (a change of
/// either corrects the plan); and items to add, one row at a time. With no plan running, the page says so and links
/// to starting one.
/// </summary>
[Permission(Permissions.WorkOnCase), OnlyActsOnCase]
public sealed class ReviewPlanModel(CasePages pages, PlanService plans, ChildAccess access, ChronicleDb db) : CasePageModel
{
    public const string Achieved = "achieved";
    public const string NotYet = "not-yet";

    public sealed class ItemRow
    {
        public string? Status { get; set; }
        public string? Progress { get; set; }
        public Guid? OwnerProfessionalId { get; set; }
        public string? Due { get; set; }
    }

    public sealed class NewItemRow
    {
        public string? Concern { get; set; }
        public string? Action { get; set; }
        public Guid? OwnerProfessionalId { get; set; }
        public string? Due { get; set; }
        public string? SuccessMeasure { get; set; }
        public bool IsBlank => string.IsNullOrWhiteSpace(Concern) && string.IsNullOrWhiteSpace(Action) && OwnerProfessionalId is null && string.IsNullOrWhiteSpace(Due) && string.IsNullOrWhiteSpace(SuccessMeasure);
    }

    [BindProperty] public List<ItemRow> Items { get; set; } = [];
    [BindProperty] public List<NewItemRow> Added { get; set; } = [];
    [BindProperty] public string? Summary { get; set; }
    [BindProperty] public string? IdempotencyKey { get; set; }

    /// <summary>The plan under review, as the user may see it; null when the child has no plan running.</summary>
    public PlanResponse? Plan { get; private set; }
    public List<SelectListItem> Professionals { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Plan is not null)
        {
            Items = [.. Plan.Items.Select(i => new ItemRow { OwnerProfessionalId = i.OwnerProfessionalId, Due = i.Due is { } due ? due.ToString("d/M/yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB")) : null })];
            await LoadProfessionalsAsync(ct);
        }
        IdempotencyKey = Guid.NewGuid().ToString();
        await pages.AuditReadAsync(Id, ct: ct);
        return Page();
    }

    /// <summary>Another row for an item to add: nothing is saved, everything typed is kept.</summary>
    public async Task<IActionResult> OnPostAddItemAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Plan is null) return Page();
        Added = [.. Added.Where(r => !r.IsBlank), new NewItemRow()];
        await LoadProfessionalsAsync(ct);
        await pages.AuditReadAsync(Id, ct: ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Plan is null) return Page();
        await LoadProfessionalsAsync(ct);
        var p = new Problems();
        var progress = new List<ItemProgressInput>();
        for (var i = 0; i < Plan.Items.Count; i++)
        {
            var row = Items.ElementAtOrDefault(i) ?? new ItemRow();
            var item = Plan.Items[i];
            if (row.Status is not (Achieved or NotYet)) p.Add($"items[{i}].status", $"Select whether item {i + 1} ({item.Action}) is achieved");
            var due = Forms.DateText.Read(row.Due, $"items[{i}].due", $"The due date of item {i + 1}", p);
            progress.Add(new ItemProgressInput(i, row.Progress, row.Status == Achieved, row.OwnerProfessionalId, due));
        }
        var rows = Added.Select((row, index) => (row, index)).Where(x => !x.row.IsBlank).ToList();
        var added = rows.Select(x => new PlanItemInput(x.row.Concern, x.row.Action, x.row.OwnerProfessionalId,
            Forms.DateText.Read(x.row.Due, $"added[{x.index}].due", $"The due date of item {Plan.Items.Count + x.index + 1}", p), x.row.SuccessMeasure)).ToList();

        var key = rows.Select(x => x.index).ToList();
        if (p.Any)
        {
            // What could not be read is named with what the review is missing, and nothing is sent.
            var missing = new Problems();
            PlanService.CheckProgress(new Core.Chronology.Details.PlanStarted { Type = Plan.Type, Items = [.. Plan.Items.Select(i => new Core.Chronology.Details.PlanItem { Concern = i.Concern, Action = i.Action })] }, progress, missing);
            return await RefuseAsync(Forms.FieldErrors.Merge(p.Errors, missing.Errors.Select(e => e with { Field = Field(e.Field, key) })), ct);
        }
        var outcome = await plans.ReviewAsync(Case.PartnershipId, new PlanReviewInput(Plan.EntryId, Case.Me, progress, Summary,
            string.IsNullOrWhiteSpace(IdempotencyKey) ? null : IdempotencyKey, added), ct);
        // The service's fields named as the page's: progress[0] is items[0].progress; its added items are the page's rows that were not blank.
        if (!outcome.Succeeded) return await RefuseAsync(outcome.Errors.Select(e => e with { Field = Field(e.Field, key) }), ct);
        await pages.AuditWriteAsync(Id, "reviewed the plan", ct);
        return await FinishAsync("recorded", RedirectToPage("/TeamAroundChild/Plans", new { id = Id, done = "reviewed" }), ct);
    }

    /// <summary>The form again with its errors in the order of the fields; it shows the plan, so it is a read.</summary>
    private async Task<IActionResult> RefuseAsync(IEnumerable<FieldError> errors, CancellationToken ct)
    {
        ShowErrors(errors.OrderBy(e => Order(e.Field)));
        await pages.AuditReadAsync(Id, ct: ct);
        return Page();
    }

    private static string Field(string field, List<int> addedRows)
    {
        if (field.StartsWith("progress[", StringComparison.Ordinal))
        {
            var end = field.IndexOf(']', StringComparison.Ordinal);
            var rest = field[(end + 1)..];
            return $"items[{field[9..end]}]{(rest.Length == 0 ? ".progress" : rest)}";
        }
        for (var i = 0; i < addedRows.Count; i++)
            if (field.StartsWith($"addedItems[{i}]", StringComparison.Ordinal)) return $"added[{addedRows[i]}]" + field[$"addedItems[{i}]".Length..];
        return field == "planEntryId" ? "plan" : field;
    }

    /// <summary>Where a field comes on the page, so that the error summary lists errors in the order of the fields.</summary>
    private static (int, int, int) Order(string field)
    {
        string[] within = ["status", "progress", "ownerProfessionalId", "due", "concern", "action", "successMeasure"];
        var list = field.StartsWith("items[", StringComparison.Ordinal) ? 1 : field.StartsWith("added[", StringComparison.Ordinal) ? 2 : field == "summary" ? 3 : 0;
        if (list is 1 or 2)
        {
            var end = field.IndexOf(']', StringComparison.Ordinal);
            var row = int.TryParse(field[(field.IndexOf('[', StringComparison.Ordinal) + 1)..end], out var r) ? r : 0;
            var name = field[(end + 1)..].TrimStart('.');
            return (list, row, Array.IndexOf(within, name) is var at and >= 0 ? at : within.Length);
        }
        return (list, 0, 0);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var open = Case;
        var slot = await db.Set<ActivePlan>().AsNoTracking().Where(a => a.ChildPersonId == Id && a.Slot == ActivePlan.Statutory).Select(a => (Guid?)a.PlanEntryId).FirstOrDefaultAsync(ct);
        if (slot is null) return;
        // The plan as the user may see it (a plan withheld from them is as if there were none).
        Plan = (await PlanResponse.ForChildAsync(plans, db, access, open.PartnershipId, Id, ct)).FirstOrDefault(v => v.EntryId == slot && v.Status == PlanStatus.Active);
    }

    private async Task LoadProfessionalsAsync(CancellationToken ct) =>
        Professionals = await pages.ProfessionalsAsync(Case.PartnershipId, Case.ChildId, "Choose who owns it",
            [.. Items.Select(i => i.OwnerProfessionalId), .. Added.Select(i => i.OwnerProfessionalId)], Everyone, ct);

    public List<SelectListItem> Choices(Guid? selected) => Forms.ProfessionalChoices.Selecting(Professionals, selected);

    public List<SelectListItem> StatusChoices(string? chosen) =>
        [new("Achieved", Achieved, chosen == Achieved), new("Not yet achieved", NotYet, chosen == NotYet)];
}

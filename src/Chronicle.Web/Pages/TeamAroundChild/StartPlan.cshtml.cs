using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Plans;
using Chronicle.Core.Validation;
using Chronicle.Web.Security;
using Chronicle.Web.TeamAroundChild;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Chronicle.Web.Pages.TeamAroundChild;

/// <summary>
/// Starting a plan: first its type, then only what that type holds. A child in need plan is its items; a child
/// protection plan its category of abuse and its items; a safety plan everyone with a part in it and what each will do
/// if concerns escalate and if the child cannot be seen. Items and participants are added a row at a time, nothing
/// typed lost. Every item needs its concern, action, owner, due date and measure of success, and every participant
/// both contingencies; a draft may leave them out.
/// </summary>
[Permission(Permissions.WorkOnCase), OnlyActsOnCase]
public sealed class StartPlanModel(CasePages pages, PlanService plans) : CasePageModel
{
    public sealed class ItemRow
    {
        public string? Concern { get; set; }
        public string? Action { get; set; }
        public Guid? OwnerProfessionalId { get; set; }
        public string? Due { get; set; }
        public string? SuccessMeasure { get; set; }
        public bool IsBlank => string.IsNullOrWhiteSpace(Concern) && string.IsNullOrWhiteSpace(Action) && OwnerProfessionalId is null && string.IsNullOrWhiteSpace(Due) && string.IsNullOrWhiteSpace(SuccessMeasure);
    }

    public sealed class ParticipantRow
    {
        public string? Role { get; set; }
        public Guid? ProfessionalId { get; set; }
        public string? IfConcernsEscalate { get; set; }
        public string? IfChildCannotBeSeen { get; set; }
        public bool IsBlank => string.IsNullOrWhiteSpace(Role) && ProfessionalId is null && string.IsNullOrWhiteSpace(IfConcernsEscalate) && string.IsNullOrWhiteSpace(IfChildCannotBeSeen);
    }

    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [BindProperty] public string? Category { get; set; }
    [BindProperty] public List<ItemRow> Items { get; set; } = [];
    [BindProperty] public List<ParticipantRow> Participants { get; set; } = [];
    [BindProperty] public bool Draft { get; set; }

    /// <summary>The type of plan chosen; null until one is, when the page asks only that.</summary>
    public PlanType? Chosen => TeamApi.TryParse<PlanType>(Type, out var t) ? t : null;

    public bool HasItems => Chosen is PlanType.ChildInNeed or PlanType.ChildProtection;
    public bool HasParticipants => Chosen is PlanType.Safety;

    public List<SelectListItem> Professionals { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        await pages.AuditReadAsync(Id, ct: ct);
        return Page();
    }

    /// <summary>Another row for an item: nothing is saved, everything typed is kept.</summary>
    public async Task<IActionResult> OnPostAddItemAsync(CancellationToken ct)
    {
        Items = [.. Items.Where(r => !r.IsBlank), new ItemRow()];
        await LoadAsync(ct);
        await pages.AuditReadAsync(Id, ct: ct);
        return Page();
    }

    /// <summary>Another row for a safety plan's participant: nothing is saved, everything typed is kept.</summary>
    public async Task<IActionResult> OnPostAddParticipantAsync(CancellationToken ct)
    {
        Participants = [.. Participants.Where(r => !r.IsBlank), new ParticipantRow()];
        await LoadAsync(ct);
        await pages.AuditReadAsync(Id, ct: ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var p = new Problems();
        var type = Chosen;
        if (type is null)
        {
            p.Add("type", "Select the type of plan");
            return await RefuseAsync(p.Errors, ct);
        }
        // Only what the type holds is sent: rows of another type's form are never part of the plan.
        var itemRows = HasItems ? Items.Select((row, index) => (row, index)).Where(x => !x.row.IsBlank).ToList() : [];
        var items = itemRows.Select(x => new PlanItemInput(x.row.Concern, x.row.Action, x.row.OwnerProfessionalId,
            Forms.DateText.Read(x.row.Due, $"items[{x.index}].due", $"The due date of item {x.index + 1}", p), x.row.SuccessMeasure)).ToList();
        var participantRows = HasParticipants ? Participants.Select((row, index) => (row, index)).Where(x => !x.row.IsBlank).ToList() : [];
        var participants = participantRows.Select(x => new SafetyParticipantInput(x.row.Role, x.row.ProfessionalId, null, x.row.IfConcernsEscalate, x.row.IfChildCannotBeSeen)).ToList();
        AbuseCategory? category = type == PlanType.ChildProtection && TeamApi.TryParse<AbuseCategory>(Category, out var c) ? c : null;
        var input = new PlanInput
        {
            ChildId = Id, Type = type, Category = category, Items = items, Participants = participants, Draft = Draft, RecordedByProfessionalId = Case.Me,
        };
        // The service numbers the rows it was given; the page's rows may have blanks between them.
        string Named(string field) => Renumber(Renumber(field, "items", [.. itemRows.Select(x => x.index)]), "participants", [.. participantRows.Select(x => x.index)]);
        if (p.Any)
            return await RefuseAsync(Forms.FieldErrors.Merge(p.Errors, PlanService.Check(input).Errors.Select(e => e with { Field = Named(e.Field) })), ct);
        var outcome = await plans.StartAsync(Case.PartnershipId, input, ct);
        if (!outcome.Succeeded) return await RefuseAsync(outcome.Errors.Select(e => e with { Field = Named(e.Field) }), ct);
        await pages.AuditWriteAsync(Id, Draft ? "saved a draft plan" : "started a plan", ct);
        return RedirectToPage("/TeamAroundChild/Plans", new { id = Id, done = Draft ? "draft" : "started" });
    }

    /// <summary>The form again with its errors in the order of its fields and every row as typed.</summary>
    private async Task<IActionResult> RefuseAsync(IEnumerable<FieldError> errors, CancellationToken ct)
    {
        ShowErrors(errors.OrderBy(e => Order(e.Field)));
        await LoadAsync(ct);
        await pages.AuditReadAsync(Id, ct: ct);
        return Page();
    }

    private static string Renumber(string field, string list, List<int> rows)
    {
        for (var i = 0; i < rows.Count; i++)
            if (field.StartsWith($"{list}[{i}]", StringComparison.Ordinal)) return $"{list}[{rows[i]}]" + field[$"{list}[{i}]".Length..];
        return field;
    }

    /// <summary>Where a field comes on the page, so that the error summary lists errors in the order of the fields.</summary>
    private static (int, int, int) Order(string field)
    {
        string[] within = ["concern", "action", "ownerProfessionalId", "due", "successMeasure", "role", "professionalId", "ifConcernsEscalate", "ifChildCannotBeSeen"];
        var list = field switch
        {
            "type" => 0,
            "category" => 1,
            _ when field.StartsWith("items", StringComparison.Ordinal) => 2,
            _ when field.StartsWith("participants", StringComparison.Ordinal) => 3,
            _ => 4,
        };
        var open = field.IndexOf('[', StringComparison.Ordinal);
        var end = field.IndexOf(']', StringComparison.Ordinal);
        if (list is not (2 or 3) || open < 0 || end < open) return (list, -1, 0);
        var row = int.TryParse(field[(open + 1)..end], out var r) ? r : 0;
        var name = field[(end + 1)..].TrimStart('.');
        return (list, row, Array.IndexOf(within, name) is var at and >= 0 ? at : within.Length);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        if (HasItems && Items.Count == 0) Items.Add(new ItemRow());
        if (HasParticipants && Participants.Count == 0) Participants.Add(new ParticipantRow());
        Professionals = await pages.ProfessionalsAsync(Case.PartnershipId, Case.ChildId, "Choose who owns it",
            [.. Items.Select(i => i.OwnerProfessionalId), .. Participants.Select(i => i.ProfessionalId)], Everyone, ct);
    }

    public List<SelectListItem> Choices(Guid? selected, string prompt) =>
        [new(prompt, ""), .. Forms.ProfessionalChoices.Selecting(Professionals.Skip(1), selected)];

    public static List<SelectListItem> Options<T>(string? chosen) where T : struct, Enum =>
        [.. Enum.GetValues<T>().Select(v => { var code = System.Text.Json.JsonSerializer.Serialize(v, Core.ChronicleJson.Options).Trim('"'); return new SelectListItem(Core.Chronology.Labels.Of(v), code, code == chosen); })];
}

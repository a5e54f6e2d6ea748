using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Plans;
using Chronicle.Core.Validation;
using Chronicle.Web.Security;
using Chronicle.Web.TeamAroundChild;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Chronicle.Web.Pages.TeamAroundChild;

/// <summary>
/// Starting a child in need, child protection (with its category) or safety plan. Every item needs its concern,
/// action, owner, due date and measure of success, and every safety plan participant what they will do if concerns
/// escalate and if the child cannot be seen; a draft may leave them out. Blank rows are ignored.
/// </summary>
[Permission(Permissions.WorkOnCase)]
public sealed class StartPlanModel(CasePages pages, PlanService plans) : CasePageModel
{
    public const int ItemRows = 4;
    public const int ParticipantRows = 3;

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

    [BindProperty] public string? Type { get; set; }
    [BindProperty] public string? Category { get; set; }
    [BindProperty] public List<ItemRow> Items { get; set; } = [];
    [BindProperty] public List<ParticipantRow> Participants { get; set; } = [];
    [BindProperty] public bool Draft { get; set; }

    public List<SelectListItem> Professionals { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        await pages.AuditReadAsync(Id, ct: ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var p = new Problems();
        var itemRows = Items.Select((row, index) => (row, index)).Where(x => !x.row.IsBlank).ToList();
        var items = itemRows.Select(x => new PlanItemInput(x.row.Concern, x.row.Action, x.row.OwnerProfessionalId,
            Forms.DateText.Read(x.row.Due, $"items[{x.index}].due", $"The due date of item {x.index + 1}", p), x.row.SuccessMeasure)).ToList();
        var participantRows = Participants.Select((row, index) => (row, index)).Where(x => !x.row.IsBlank).ToList();
        var participants = participantRows.Select(x => new SafetyParticipantInput(x.row.Role, x.row.ProfessionalId, null, x.row.IfConcernsEscalate, x.row.IfChildCannotBeSeen)).ToList();
        PlanType? type = TeamApi.TryParse<PlanType>(Type, out var t) ? t : null;
        AbuseCategory? category = TeamApi.TryParse<AbuseCategory>(Category, out var c) ? c : null;
        if (p.Any)
        {
            ShowErrors(p.Errors);
            return Page();
        }
        var outcome = await plans.StartAsync(Case.PartnershipId, new PlanInput
        {
            ChildId = Id, Type = type, Category = category, Items = items, Participants = participants, Draft = Draft, RecordedByProfessionalId = Case.Me,
        }, ct);
        if (!outcome.Succeeded)
        {
            // The service numbers the rows it was given; the page's rows may have blanks between them.
            ShowErrors(outcome.Errors.Select(e => e with { Field = Renumber(Renumber(e.Field, "items", itemRows.Select(x => x.index).ToList()), "participants", participantRows.Select(x => x.index).ToList()) }));
            return Page();
        }
        await pages.AuditWriteAsync(Id, Draft ? "saved a draft plan" : "started a plan", ct);
        return RedirectToPage("/TeamAroundChild/Plans", new { id = Id, done = Draft ? "draft" : "started" });
    }

    private static string Renumber(string field, string list, List<int> rows)
    {
        for (var i = 0; i < rows.Count; i++)
            if (field.StartsWith($"{list}[{i}]", StringComparison.Ordinal)) return $"{list}[{rows[i]}]" + field[$"{list}[{i}]".Length..];
        return field;
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var open = Case;
        Professionals = await pages.ProfessionalsAsync(open.PartnershipId, open.ChildId, "Choose who owns it", Items.Select(i => i.OwnerProfessionalId), Everyone, ct);
        while (Items.Count < ItemRows) Items.Add(new ItemRow());
        while (Participants.Count < ParticipantRows) Participants.Add(new ParticipantRow());
        return true;
    }

    public List<SelectListItem> Choices(Guid? selected, string prompt) =>
        [new(prompt, ""), .. Professionals.Skip(1).Select(o => new SelectListItem(o.Text, o.Value, o.Value == selected?.ToString()))];

    public static List<SelectListItem> Options<T>(string? chosen) where T : struct, Enum =>
        [.. Enum.GetValues<T>().Select(v => { var code = System.Text.Json.JsonSerializer.Serialize(v, Core.ChronicleJson.Options).Trim('"'); return new SelectListItem(Core.Chronology.Labels.Of(v), code, code == chosen); })];
}

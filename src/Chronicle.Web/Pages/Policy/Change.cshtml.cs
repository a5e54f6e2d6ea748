using Chronicle.Core.Audit;
using Chronicle.Core.Persistence;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Validation;
using Chronicle.Web.Alerts;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Chronicle.Web.Pages.Policy;

/// <summary>Changing one setting: a whole number or one of its choices, with a reason; PolicyService records who and when.</summary>
[Permission(Permissions.SetPolicy)]
public sealed class ChangeModel(ChronicleDb db, CurrentPartnership partnership, CurrentUser currentUser, RecordAudit audit, PolicyService policy) : PageModel
{
    public const int MaxReasonLength = 2000;

    [FromRoute] public string Key { get; set; } = "";
    [BindProperty] public string? Value { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public SafeguardPolicy Safeguard { get; private set; } = null!;
    public SettingResponse Setting { get; private set; } = null!;
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Value = Setting.Value;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var me = await currentUser.RequireAsync(ct);
        var outcome = Reason?.Length > MaxReasonLength
            ? Outcome<PolicyChange>.Refused("reason", $"The reason must be {MaxReasonLength} characters or fewer")
            : me.Professional is null
                ? Outcome<PolicyChange>.Refused("value", "Only a professional of the partnership can change its policy")
                : await policy.ChangeAsync(partnership.Id, Key, Value, me.Professional.Id, Reason, ct);
        if (!outcome.Succeeded)
        {
            Errors = [.. outcome.Errors.Select(e => e.Field is "value" or "reason" ? e : e with { Field = "value" })];
            ViewData["HasErrors"] = true;
            return Page();
        }
        await audit.AppendAsync(AuditAction.Write, null, $"policy {Key} changed", ct: ct);
        return RedirectToPage("/Safeguards/Safeguard", null, new { safeguardId = Safeguard.Safeguard.Id, done = "changed" }, "settings");
    }

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await partnership.FindAsync(ct) is not { } found) return false;
        var catalogue = await SafeguardPolicy.LoadAsync(db, policy, found.Id, ct);
        foreach (var s in catalogue)
            if (s.Settings.FirstOrDefault(x => x.Key == Key) is { } setting)
            {
                Safeguard = s;
                Setting = setting;
                return true;
            }
        return false;
    }
}

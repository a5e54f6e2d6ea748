using Chronicle.Core.Security;
using Chronicle.Web.Children;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace Chronicle.Web.Pages.Children;

/// <summary>Every alert about a child, in full: open ones first with their actions, then acknowledged, then resolved and closed.</summary>
[Permission(Permissions.ReadChild)]
public sealed class AlertsModel(RecordAudit audit) : ChildPageModel
{
    /// <summary>What was just done to an alert, for the confirmation: "acknowledged", "resolved" or "closed".</summary>
    [BindProperty(SupportsGet = true)] public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await audit.ReadAsync([Id], Case.Child.Basis == AccessBasis.Team ? "alerts" : $"alerts as {Case.Child.Basis}", ct);
        return Page();
    }
}

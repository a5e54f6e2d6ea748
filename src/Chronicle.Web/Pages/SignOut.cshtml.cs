using Chronicle.Core.Audit;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Chronicle.Web.Pages;

/// <summary>Signing out: a POST from the header's button (or this page's), audited.</summary>
[Permission(Permissions.SignedIn)]
[OpenWithOneTimePassword]
public sealed class SignOutModel(RecordAudit audit) : PageModel
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await audit.AppendAsync(AuditAction.SignOut, ct: ct);
        await Session.SignOutAsync(HttpContext);
        return RedirectToPage("/SignIn", new { done = "signed-out" });
    }
}

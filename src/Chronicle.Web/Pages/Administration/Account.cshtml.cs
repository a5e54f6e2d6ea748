using Chronicle.Core.Record;
using Chronicle.Core.Security;
using Chronicle.Core.Validation;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Chronicle.Web.Pages.Administration;

/// <summary>
/// One account, for its administrator: who it is, its roles and state, and what may be done to it: change its roles,
/// set a one-time password, disable or enable it. Never one's own (another administrator does that). Every change is
/// <see cref="AccountAdministration"/>'s: checked, audited and ending the account's sessions.
/// </summary>
[Permission(Permissions.Administer)]
public sealed class AccountModel(AccountAdministration administration, CurrentPartnership partnership, CurrentUser currentUser) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public string? Done { get; set; }
    [BindProperty] public List<string> Roles { get; set; } = [];
    [BindProperty] public string? Password { get; set; }

    public UserAccount Account { get; private set; } = null!;
    public Professional? Professional { get; private set; }
    public Agency? Agency { get; private set; }
    public bool IsOwn { get; private set; }
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field || e.Field.StartsWith(field + "[", StringComparison.Ordinal))?.Message;

    /// <summary>Whether an administrator may set this account's password (not an administrator's or information governance's).</summary>
    public bool MaySetPassword => !Account.RoleSet.Any(AccountAdministration.IsPrivileged);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await ShowAsync(ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostRolesAsync(CancellationToken ct) =>
        ActAsync(p => administration.SetRolesAsync(p, Id, [.. Roles], ct), "roles", ct);

    public Task<IActionResult> OnPostPasswordAsync(CancellationToken ct) =>
        ActAsync(p => administration.SetPasswordAsync(p, Id, Password, ct), "password", ct);

    public Task<IActionResult> OnPostDisableAsync(CancellationToken ct) =>
        ActAsync(p => administration.DisableAsync(p, Id, ct), "disabled", ct);

    public Task<IActionResult> OnPostEnableAsync(CancellationToken ct) =>
        ActAsync(p => administration.EnableAsync(p, Id, ct), "enabled", ct);

    private async Task<IActionResult> ActAsync(Func<Guid, Task<Outcome<AccountResponse>?>> change, string done, CancellationToken ct)
    {
        if (await partnership.FindAsync(ct) is not { } found) return NotFound();
        var outcome = await change(found.Id);
        if (outcome is null) return NotFound();
        if (outcome.Succeeded) return RedirectToPage("/Administration/Account", new { id = Id, done });
        Password = null;
        Errors = outcome.Errors;
        ViewData["HasErrors"] = true;
        return await ShowAsync(ct, keepRoles: true) ? Page() : NotFound();
    }

    private async Task<bool> ShowAsync(CancellationToken ct, bool keepRoles = false)
    {
        if (await partnership.FindAsync(ct) is not { } within || await administration.FindAsync(within.Id, Id, ct) is not { } found) return false;
        (Account, Professional, Agency) = found;
        IsOwn = Account.Id == (await currentUser.RequireAsync(ct)).Account.Id;
        if (!keepRoles) Roles = [.. Account.RoleSet.Select(AccountAdministration.Named)];
        return true;
    }
}

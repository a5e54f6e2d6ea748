using Chronicle.Core.Audit;
using Chronicle.Core.Persistence;
using Chronicle.Core.Security;
using Chronicle.Core.Validation;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Pages.Account;

/// <summary>
/// Choosing one's own password: always open to the signed-in holder, and the only page open while the password is a
/// one-time password an administrator set. The current password is asked again; every session of the account ends,
/// and the holder signs in again with the new one.
/// </summary>
[Permission(Permissions.SignedIn)]
[OpenWithOneTimePassword]
[EnableRateLimiting(SecuritySetup.SignInRateLimit)]
public sealed class PasswordModel(ChronicleDb db, CurrentUser currentUser, IPasswordHasher<UserAccount> hasher, RecordAudit audit, TimeProvider clock) : PageModel
{
    [BindProperty] public string? CurrentPassword { get; set; }
    [BindProperty] public string? NewPassword { get; set; }
    [BindProperty] public string? ConfirmPassword { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public bool MustChange { get; private set; }
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;

    public async Task OnGetAsync(CancellationToken ct) => MustChange = (await currentUser.RequireAsync(ct)).Account.MustChangePassword;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var me = await currentUser.RequireAsync(ct);
        MustChange = me.Account.MustChangePassword;
        var p = new Problems();
        if (string.IsNullOrEmpty(CurrentPassword)) p.Add("currentPassword", "Enter your current password");
        else if (CurrentPassword.Length > 200 || hasher.VerifyHashedPassword(me.Account, me.Account.PasswordHash, CurrentPassword) == PasswordVerificationResult.Failed)
            p.Add("currentPassword", "Enter your current password correctly");
        if (string.IsNullOrEmpty(NewPassword) || NewPassword.Length < AccountAdministration.MinPasswordLength)
            p.Add("newPassword", $"Enter a new password of at least {AccountAdministration.MinPasswordLength} characters");
        else if (NewPassword.Length > 200) p.Add("newPassword", "Enter a new password of 200 characters or fewer");
        else if (NewPassword == CurrentPassword) p.Add("newPassword", "Enter a new password that is not the one you have now");
        if (!p.Errors.Any(e => e.Field == "newPassword") && ConfirmPassword != NewPassword) p.Add("confirmPassword", "Enter the same new password again");
        if (p.Any)
        {
            // A wrong current password is a failed proof of who is at the keyboard, audited as a failed sign-in is: the account, never what was typed.
            if (p.Errors.Any(e => e.Field == "currentPassword"))
                await audit.AppendAsync(AuditAction.SignInFailed, detail: $"account {me.Account.Id}: current password not given correctly on changing it", account: me.Account, ct: ct);
            Errors = p.Errors;
            ViewData["HasErrors"] = true;
            CurrentPassword = NewPassword = ConfirmPassword = null;
            return Page();
        }

        var now = clock.GetUtcNow();
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            await db.UserAccounts.Where(a => a.Id == me.Account.Id).ExecuteUpdateAsync(s => s
                .SetProperty(a => a.PasswordHash, hasher.HashPassword(me.Account, NewPassword!)).SetProperty(a => a.PasswordChangedByHolderAt, now), ct);
            var ended = await SessionStore.EndAllAsync(db, me.Account.Id, now, ct);
            await audit.AppendAsync(AuditAction.Write, null, $"account {me.Account.Id}: password changed by its holder; {ended} sessions ended", ct: ct);
            await tx.CommitAsync(ct);
        }
        // Every session ended, this one too: the holder signs in again with the new password, and goes on from there.
        await Session.SignOutAsync(HttpContext);
        return RedirectToPage("/SignIn", new { returnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null, done = "password-changed" });
    }
}

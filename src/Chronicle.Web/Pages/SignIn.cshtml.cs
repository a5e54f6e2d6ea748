using Chronicle.Core.Validation;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Chronicle.Web.Pages;

/// <summary>Signing in with a Chronicle account. Repeated attempts are slowed per user name and per address (never locked), and audited.</summary>
[Permission(Permissions.Anonymous)]
[EnableRateLimiting(SecuritySetup.SignInRateLimit)]
public sealed class SignInModel(PasswordSignIn signIn) : PageModel
{
    [BindProperty] public string? UserName { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    /// <summary>
    /// "password-changed" after the holder chose a new password: every session ended, they sign in again with it;
    /// "signed-out" after signing out, so that someone at a shared desk sees it done.
    /// </summary>
    [BindProperty(SupportsGet = true)] public string? Done { get; set; }

    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(UserName)) errors.Add(new("userName", "Enter your user name"));
        if (string.IsNullOrEmpty(Password)) errors.Add(new("password", "Enter your password"));
        if (UserName?.Length > 200 || Password?.Length > 200) errors.Add(new("userName", "Enter a correct user name and password"));
        if (errors.Count == 0)
        {
            var (result, account) = await signIn.CheckAsync(UserName!, Password!, HttpContext.Connection.RemoteIpAddress?.ToString(), ct);
            if (result == SignInOutcome.SignedIn)
            {
                await Session.SignInAsync(HttpContext, account!);
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : Url.Page("/Index")!);
            }
            // The same words whether or not the user name exists.
            errors.Add(new("userName", "Enter a correct user name and password"));
        }
        Errors = errors;
        ViewData["HasErrors"] = true;
        Password = null;
        return Page();
    }

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;
}

using System.Security.Claims;
using System.Text;
using Chronicle.Core.Audit;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Security;

/// <summary>Local accounts: creating them, with user names made from a professional's name and roles from their job.</summary>
public sealed class Accounts(ChronicleDb db, TimeProvider clock, IPasswordHasher<UserAccount> hasher)
{
    /// <summary>The roles an account gets from the professional's job.</summary>
    public static IReadOnlyList<Role> RolesFor(ProfessionalRole role) => role switch
    {
        ProfessionalRole.TeamManager => [Role.TeamManager, Role.Practitioner],
        ProfessionalRole.ConferenceChair => [Role.ConferenceChair, Role.Practitioner],
        ProfessionalRole.FrontDoorWorker => [Role.FrontDoor],
        ProfessionalRole.BusinessUnitOfficer => [Role.BusinessUnit],
        ProfessionalRole.Reviewer or ProfessionalRole.Scrutineer => [Role.Reviewer],
        ProfessionalRole.InformationGovernanceOfficer => [Role.InformationGovernance],
        ProfessionalRole.Administrator => [Role.Administrator],
        _ => [Role.Practitioner],
    };

    /// <summary>"Social worker (Emily's family)" becomes "social-worker-emilys-family".</summary>
    public static string Slug(string name)
    {
        var slug = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (c is '\'' or '’' || System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark) continue;
            if (char.IsAsciiLetterOrDigit(c)) slug.Append(c);
            else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
        }
        var text = slug.ToString().Trim('-');
        if (text.Length > 60) text = text[..60].TrimEnd('-');
        return text.Length == 0 ? "user" : text;
    }

    public static string Normalise(string userName) => userName.Trim().ToLowerInvariant();

    /// <summary>A user name made from the name, made unique with -2, -3... if it is taken.</summary>
    public async Task<string> FreeUserNameAsync(string name, CancellationToken ct = default)
    {
        var slug = Slug(name);
        var taken = (await db.UserAccounts.Where(a => a.UserName == slug || a.UserName.StartsWith(slug + "-")).Select(a => a.UserName).ToListAsync(ct)).ToHashSet();
        if (!taken.Contains(slug)) return slug;
        for (var n = 2; ; n++)
            if (!taken.Contains($"{slug}-{n}")) return $"{slug}-{n}";
    }

    public Task<UserAccount> CreateAsync(Guid partnershipId, Professional professional, string password, IEnumerable<Role>? roles = null, CancellationToken ct = default) =>
        CreateWithHashAsync(partnershipId, professional, Hash(password), roles, ct);

    /// <summary>Creates an account whose password hash is already made (the demo accounts share one).</summary>
    public async Task<UserAccount> CreateWithHashAsync(Guid partnershipId, Professional professional, string passwordHash, IEnumerable<Role>? roles = null, CancellationToken ct = default)
    {
        var account = new UserAccount
        {
            Id = Guid.NewGuid(),
            PartnershipId = partnershipId,
            ProfessionalId = professional.Id,
            UserName = await FreeUserNameAsync(professional.Name, ct),
            DisplayName = professional.Name,
            PasswordHash = passwordHash,
            Roles = string.Join(',', roles ?? RolesFor(professional.Role)),
            CreatedAt = clock.GetUtcNow(),
        };
        db.UserAccounts.Add(account);
        await db.SaveChangesAsync(ct);
        db.Entry(account).State = EntityState.Detached;
        return account;
    }

    public string Hash(string password) => hasher.HashPassword(null!, password);
}

public enum SignInOutcome { SignedIn, Refused, LockedOut }

/// <summary>
/// Signs in with a user name and password: the hash is checked with ASP.NET Core Identity's PasswordHasher, five
/// failures in a row lock the account for 15 minutes (kept on the account), and every attempt is audited without the
/// password or the name typed.
/// </summary>
public sealed class PasswordSignIn(ChronicleDb db, TimeProvider clock, IPasswordHasher<UserAccount> hasher, RecordAudit audit)
{
    public const int MaxFailedSignIns = 5;
    public static readonly TimeSpan LockoutPeriod = TimeSpan.FromMinutes(15);

    // Checked against when the user name is unknown, so that the answer takes as long as for a known one.
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<UserAccount>().HashPassword(null!, Guid.NewGuid().ToString()));

    public async Task<(SignInOutcome Result, UserAccount? Account)> CheckAsync(string userName, string password, CancellationToken ct = default)
    {
        var name = Accounts.Normalise(userName);
        var account = await db.UserAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.UserName == name, ct);
        var now = clock.GetUtcNow();
        if (account is null)
        {
            hasher.VerifyHashedPassword(null!, DummyHash.Value, password);
            await audit.AppendAsync(AuditAction.SignInFailed, detail: "unknown user name", ct: ct);
            return (SignInOutcome.Refused, null);
        }
        if (account.LockedUntil is { } until && until > now)
        {
            await audit.AppendAsync(AuditAction.SignInFailed, detail: "account locked", account: account, ct: ct);
            return (SignInOutcome.LockedOut, account);
        }
        var verified = hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        if (verified == PasswordVerificationResult.Failed)
        {
            // Counted in the database, so that attempts in parallel cannot each see fewer failures than there were.
            await db.UserAccounts.Where(a => a.Id == account.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.FailedSignIns, a => a.FailedSignIns + 1), ct);
            var failures = await db.UserAccounts.Where(a => a.Id == account.Id).Select(a => a.FailedSignIns).SingleAsync(ct);
            if (failures >= MaxFailedSignIns)
            {
                var lockedUntil = now + LockoutPeriod;
                await db.UserAccounts.Where(a => a.Id == account.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.FailedSignIns, 0).SetProperty(a => a.LockedUntil, lockedUntil), ct);
                await audit.AppendAsync(AuditAction.SignInFailed, detail: $"wrong password; locked for {LockoutPeriod.TotalMinutes:0} minutes", account: account, ct: ct);
                return (SignInOutcome.LockedOut, account);
            }
            await audit.AppendAsync(AuditAction.SignInFailed, detail: "wrong password", account: account, ct: ct);
            return (SignInOutcome.Refused, account);
        }
        var rehash = verified == PasswordVerificationResult.SuccessRehashNeeded ? hasher.HashPassword(account, password) : account.PasswordHash;
        await db.UserAccounts.Where(a => a.Id == account.Id).ExecuteUpdateAsync(s => s
            .SetProperty(a => a.FailedSignIns, 0).SetProperty(a => a.LockedUntil, (DateTimeOffset?)null)
            .SetProperty(a => a.LastSignInAt, now).SetProperty(a => a.PasswordHash, rehash), ct);
        await audit.AppendAsync(AuditAction.SignIn, account: account, ct: ct);
        return (SignInOutcome.SignedIn, account);
    }
}

/// <summary>The session: a cookie holding the account id, whoever checked the person's identity (a password here, an external provider later).</summary>
public static class Session
{
    public const string CookieName = "chronicle-session";

    public static Task SignInAsync(HttpContext http, UserAccount account)
    {
        var identity = new ClaimsIdentity(
            [new Claim(CurrentUser.AccountIdClaim, account.Id.ToString()), new Claim(ClaimTypes.Name, account.DisplayName)],
            CookieAuthenticationDefaults.AuthenticationScheme);
        return http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity),
            new AuthenticationProperties { IsPersistent = false, AllowRefresh = true });
    }

    public static Task SignOutAsync(HttpContext http) => http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
}

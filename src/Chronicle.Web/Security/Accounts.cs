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
    public static string Normalise(string userName) => userName.Trim().ToLowerInvariant();

    /// <summary>A user name made from the name, made unique with -2, -3... if it is taken.</summary>
    public async Task<string> FreeUserNameAsync(string name, CancellationToken ct = default)
    {
        var slug = AccountNames.Slug(name);
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
            Roles = string.Join(',', roles ?? AccountNames.RolesFor(professional.Role)),
            CreatedAt = clock.GetUtcNow(),
        };
        db.UserAccounts.Add(account);
        await db.SaveChangesAsync(ct);
        db.Entry(account).State = EntityState.Detached;
        return account;
    }

    public string Hash(string password) => hasher.HashPassword(null!, password);
}

public enum SignInOutcome { SignedIn, Refused }

/// <summary>How sign-in slows down repeated attempts (docs/security.md): never a lockout, only a delay.</summary>
public sealed record SignInSettings(int FreeAttemptsPerName, int FreeAttemptsPerAddress, TimeSpan FirstDelay, TimeSpan MaxDelay, TimeSpan Window)
{
    public static SignInSettings From(IConfiguration configuration) => new(
        configuration.GetValue("Chronicle:SignIn:FreeAttemptsPerName", 3),
        configuration.GetValue("Chronicle:SignIn:FreeAttemptsPerAddress", 10),
        configuration.GetValue("Chronicle:SignIn:FirstDelay", TimeSpan.FromSeconds(1)),
        configuration.GetValue("Chronicle:SignIn:MaxDelay", TimeSpan.FromSeconds(30)),
        configuration.GetValue("Chronicle:SignIn:Window", TimeSpan.FromMinutes(15)));

    /// <summary>
    /// The wait before an attempt, given the attempts already made against a key in the window: none for the first
    /// <paramref name="free"/>, then the first delay, doubling each time, never more than the maximum.
    /// </summary>
    public TimeSpan DelayAfter(int attempts, int free)
    {
        if (attempts < free) return TimeSpan.Zero;
        var doublings = Math.Min(attempts - free, 30);
        var delay = FirstDelay * Math.Pow(2, doublings);
        return delay < MaxDelay ? delay : MaxDelay;
    }
}

/// <summary>
/// Signs in with a user name and password, checked with ASP.NET Core Identity's PasswordHasher. Nothing locks an
/// account: every attempt is counted against the user name typed and the client address (both kept only hashed), and
/// an attempt made after several recent ones waits first, a delay that doubles up to a maximum, whether the password
/// then proves right or wrong. A known and an unknown user name take the same path: the same counting, the same wait,
/// a password hash checked (a dummy one for an unknown name), one audit entry, and the same answer. Every attempt is
/// audited without the password or the name typed.
/// </summary>
public sealed class PasswordSignIn(ChronicleDb db, TimeProvider clock, IPasswordHasher<UserAccount> hasher, RecordAudit audit, SignInSettings settings)
{
    // Checked against when the user name is unknown, so that the answer takes as long as for a known one.
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<UserAccount>().HashPassword(null!, Guid.NewGuid().ToString()));

    public async Task<(SignInOutcome Result, UserAccount? Account)> CheckAsync(string userName, string password, string? address, CancellationToken ct = default)
    {
        var name = Accounts.Normalise(userName);
        var nameKey = SessionStore.Hash("name:" + name);
        var addressKey = SessionStore.Hash("address:" + (address ?? "unknown"));
        // Counted before the check, so that attempts sent in parallel each see the ones before them.
        var byName = await CountAttemptAsync(nameKey, ct);
        var byAddress = await CountAttemptAsync(addressKey, ct);
        var delay = Max(settings.DelayAfter(byName - 1, settings.FreeAttemptsPerName), settings.DelayAfter(byAddress - 1, settings.FreeAttemptsPerAddress));
        if (delay > TimeSpan.Zero) await Task.Delay(delay, clock, ct);

        var account = await db.UserAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.UserName == name, ct);
        var verified = hasher.VerifyHashedPassword(account!, account?.PasswordHash ?? DummyHash.Value, password);
        // A disabled account is answered as a wrong password is: the same words, after the same work.
        if (account is null || verified == PasswordVerificationResult.Failed || account.DisabledAt is not null)
        {
            await audit.AppendAsync(AuditAction.SignInFailed, detail: account is null ? "unknown user name" : account.DisabledAt is not null ? "account disabled" : "wrong password", account: account, ct: ct);
            return (SignInOutcome.Refused, null);
        }
        // The right password clears the name's count; the address's count loses this attempt only, so that signing
        // in to one's own account does not reset what an address has tried against others.
        await db.Set<SignInThrottle>().Where(t => t.ThrottleKey == nameKey).ExecuteDeleteAsync(ct);
        await db.Set<SignInThrottle>().Where(t => t.ThrottleKey == addressKey && t.Attempts > 0).ExecuteUpdateAsync(s => s.SetProperty(t => t.Attempts, t => t.Attempts - 1), ct);
        var rehash = verified == PasswordVerificationResult.SuccessRehashNeeded ? hasher.HashPassword(account, password) : account.PasswordHash;
        var now = clock.GetUtcNow();
        await db.UserAccounts.Where(a => a.Id == account.Id).ExecuteUpdateAsync(s => s
            .SetProperty(a => a.LastSignInAt, now).SetProperty(a => a.PasswordHash, rehash), ct);
        await audit.AppendAsync(AuditAction.SignIn, account: account, ct: ct);
        return (SignInOutcome.SignedIn, account);
    }

    /// <summary>Adds this attempt to the key's count (restarted when the last attempt is older than the window); answers the count.</summary>
    private async Task<int> CountAttemptAsync(string key, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var since = now - settings.Window;
        var throttles = db.Set<SignInThrottle>();
        for (var tries = 0; ; tries++)
        {
            var updated = await throttles.Where(t => t.ThrottleKey == key).ExecuteUpdateAsync(s => s
                .SetProperty(t => t.Attempts, t => t.LastAttemptAt < since ? 1 : t.Attempts + 1)
                .SetProperty(t => t.LastAttemptAt, now), ct);
            if (updated > 0) return await throttles.Where(t => t.ThrottleKey == key).Select(t => t.Attempts).FirstOrDefaultAsync(ct);
            var first = new SignInThrottle { ThrottleKey = key, Attempts = 1, LastAttemptAt = now };
            throttles.Add(first);
            try
            {
                await db.SaveChangesAsync(ct);
                return 1;
            }
            catch (DbUpdateException) when (tries == 0)
            {
                // Another attempt made the row first: count on it.
            }
            finally
            {
                db.Entry(first).State = EntityState.Detached;
            }
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}

/// <summary>
/// The session, whoever checked the person's identity (a password here, an external provider later): kept on the
/// server by <see cref="SessionStore"/>, the cookie holding only its token. Signing out ends it there.
/// </summary>
public static class Session
{
    public const string CookieName = "chronicle-session";

    public static Task SignInAsync(HttpContext http, UserAccount account)
    {
        var identity = new ClaimsIdentity(
            [new Claim(CurrentUser.AccountIdClaim, account.Id.ToString())],
            CookieAuthenticationDefaults.AuthenticationScheme);
        return http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity),
            new AuthenticationProperties { IsPersistent = false, AllowRefresh = true });
    }

    public static Task SignOutAsync(HttpContext http) => http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
}

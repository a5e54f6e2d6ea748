using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Chronicle.Core.Persistence;
using Chronicle.Core.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Security;

/// <summary>How long a session lasts: idle (renewed by use) and absolute (from sign-in, whatever the use).</summary>
public sealed record SessionSettings(TimeSpan IdleTimeout, TimeSpan AbsoluteLifetime)
{
    public static SessionSettings From(IConfiguration configuration) => new(
        configuration.GetValue("Chronicle:Session:IdleTimeout", TimeSpan.FromMinutes(30)),
        configuration.GetValue("Chronicle:Session:AbsoluteLifetime", TimeSpan.FromHours(8)));
}

/// <summary>
/// Keeps sessions in the database (<see cref="UserSession"/>) for the cookie handler: the cookie carries only a random
/// 256-bit token (protected by ASP.NET Core's data protection as well), and the table only its SHA-256 hash. Signing out
/// ends the session, so a copy of the old cookie no longer works; a session also ends when idle for
/// <see cref="SessionSettings.IdleTimeout"/> and, however busy, <see cref="SessionSettings.AbsoluteLifetime"/> after sign-in.
/// </summary>
public sealed class SessionStore(SessionSettings settings, TimeProvider clock) : ITicketStore
{
    public const string SignedOut = "signed-out";
    public const string Expired = "expired";
    public const string Replaced = "replaced";
    public const string AccountChanged = "account-changed";

    public async Task<string> StoreAsync(AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var accountId = Guid.Parse(ticket.Principal.FindFirstValue(CurrentUser.AccountIdClaim)!);
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = clock.GetUtcNow();
        var db = httpContext.RequestServices.GetRequiredService<ChronicleDb>();
        db.Add(new UserSession
        {
            Id = Guid.CreateVersion7(now), TokenHash = Hash(token), AccountId = accountId,
            StartedAt = now, RenewedAt = now, ExpiresAt = now + settings.AbsoluteLifetime,
        });
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var db = httpContext.RequestServices.GetRequiredService<ChronicleDb>();
        var hash = Hash(key);
        var session = await db.Set<UserSession>().AsNoTracking().FirstOrDefaultAsync(s => s.TokenHash == hash, cancellationToken);
        if (session is null || session.EndedAt is not null) return null;
        // The cookie handler refuses a ticket past ExpiresUtc (and then ends the session); idle and absolute ends both count.
        var expires = Min(session.RenewedAt + settings.IdleTimeout, session.ExpiresAt);
        var identity = new ClaimsIdentity([new Claim(CurrentUser.AccountIdClaim, session.AccountId.ToString())], CookieAuthenticationDefaults.AuthenticationScheme);
        return new AuthenticationTicket(new ClaimsPrincipal(identity),
            new AuthenticationProperties { IssuedUtc = session.RenewedAt, ExpiresUtc = expires, IsPersistent = false, AllowRefresh = true },
            CookieAuthenticationDefaults.AuthenticationScheme);
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var db = httpContext.RequestServices.GetRequiredService<ChronicleDb>();
        var hash = Hash(key);
        var now = clock.GetUtcNow();
        await db.Set<UserSession>().Where(s => s.TokenHash == hash && s.EndedAt == null && s.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RenewedAt, now), cancellationToken);
    }

    public Task RemoveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var db = httpContext.RequestServices.GetRequiredService<ChronicleDb>();
        var hash = Hash(key);
        var now = clock.GetUtcNow();
        // Called on sign-out, on a new sign-in over an open session, and by the cookie handler for a session past its end.
        var reason = httpContext.Request.Path.StartsWithSegments("/sign-out") ? SignedOut
            : httpContext.Request.Path.StartsWithSegments(SecuritySetup.SignInPath) ? Replaced : Expired;
        return db.Set<UserSession>().Where(s => s.TokenHash == hash && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now).SetProperty(x => x.EndReason, reason), cancellationToken);
    }

    /// <summary>
    /// Ends every open session of an account, at once: what disabling an account, changing its password or its roles
    /// must call, so that nobody keeps a session the account no longer allows.
    /// </summary>
    public static Task<int> EndAllAsync(ChronicleDb db, Guid accountId, DateTimeOffset now, CancellationToken ct = default) =>
        db.Set<UserSession>().Where(s => s.AccountId == accountId && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now).SetProperty(x => x.EndReason, AccountChanged), ct);

    /// <summary>
    /// Deletes the sessions that ended (signed out, ended with their account) or expired (idle or at their absolute end)
    /// more than <paramref name="keep"/> before <paramref name="now"/>, and the sign-in counts whose last attempt is
    /// older than the counting window (a later attempt would start its count afresh anyway). Answers how many of each.
    /// </summary>
    public static async Task<(int Sessions, int SignInCounts)> PurgeAsync(ChronicleDb db, DateTimeOffset now, SessionSettings settings, TimeSpan signInWindow, TimeSpan keep, CancellationToken ct = default)
    {
        var before = now - keep;
        var idleBefore = before - settings.IdleTimeout;
        var sessions = await db.Set<UserSession>()
            .Where(s => (s.EndedAt != null && s.EndedAt < before) || s.ExpiresAt < before || s.RenewedAt < idleBefore)
            .ExecuteDeleteAsync(ct);
        var countedBefore = now - signInWindow;
        var counts = await db.Set<SignInThrottle>().Where(t => t.LastAttemptAt < countedBefore).ExecuteDeleteAsync(ct);
        return (sessions, counts);
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    // The cookie handler always calls the overloads above, with the request.
    public Task<string> StoreAsync(AuthenticationTicket ticket) => throw new NotSupportedException("A session is stored within a request.");
    public Task RenewAsync(string key, AuthenticationTicket ticket) => throw new NotSupportedException("A session is renewed within a request.");
    public Task<AuthenticationTicket?> RetrieveAsync(string key) => throw new NotSupportedException("A session is read within a request.");
    public Task RemoveAsync(string key) => throw new NotSupportedException("A session is ended within a request.");
}

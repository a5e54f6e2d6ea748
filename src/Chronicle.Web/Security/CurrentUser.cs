using System.Security.Claims;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Security;

/// <summary>The signed-in person: their account, the professional and agency behind it, and the <see cref="Viewer"/> the access rules take.</summary>
public sealed record SignedInUser(UserAccount Account, Professional? Professional, Agency? Agency, bool ManagesFrontDoor = false)
{
    public Viewer Viewer { get; } = new(Account.Id, Account.PartnershipId, Account.RoleSet, Professional?.Id, Agency?.Id, Agency?.Kind) { ManagesFrontDoor = ManagesFrontDoor };

    /// <summary>Practitioners, managers, chairs and the front door: the roles whose relationships open children's records.</summary>
    public bool WorksWithChildren => AccessPolicy.CanBreakGlass(Viewer);
}

/// <summary>
/// Reads the signed-in user's account once per request, from the account id in the session cookie. Roles and the
/// professional come from the database, not the cookie, so a change to an account counts at the next request.
/// </summary>
public sealed class CurrentUser(IHttpContextAccessor http, ChronicleDb db)
{
    public const string AccountIdClaim = ClaimTypes.NameIdentifier;

    private SignedInUser? _user;
    private bool _loaded;

    public Task<SignedInUser?> GetAsync(CancellationToken ct = default) => LoadAsync(http.HttpContext?.User, ct);

    /// <summary>Reads the account behind a session cookie's principal (the cookie handler asks, before the request's user is set).</summary>
    public async Task<SignedInUser?> LoadAsync(ClaimsPrincipal? principal, CancellationToken ct = default)
    {
        if (_loaded) return _user;
        _loaded = true;
        if (principal?.Identity?.IsAuthenticated != true || !Guid.TryParse(principal.FindFirstValue(AccountIdClaim), out var accountId)) return null;
        var account = await db.UserAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == accountId, ct);
        // A disabled account has no session (disabling ended them all); should one survive, it is nobody.
        if (account is null || account.DisabledAt is not null) return null;
        var professional = account.ProfessionalId is { } pid ? await db.Professionals.AsNoTracking().FirstOrDefaultAsync(p => p.Id == pid, ct) : null;
        var agency = professional is null ? null : await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Id == professional.AgencyId, ct);
        // Only a team manager's account asks whether they manage the front door (whose contacts they then see).
        var managesFrontDoor = professional is not null && account.RoleSet.Contains(Role.TeamManager)
                               && (await ChildAccessReader.FrontDoorManagersAsync(db, [professional.Id], ct)).Count > 0;
        return _user = new SignedInUser(account, professional, agency, managesFrontDoor);
    }

    /// <summary>The signed-in user; for code that runs only after authorisation has let the request in.</summary>
    public async Task<SignedInUser> RequireAsync(CancellationToken ct = default) =>
        await GetAsync(ct) ?? throw new InvalidOperationException("This request has no signed-in user.");
}

using Chronicle.Core.Audit;
using Chronicle.Core.Persistence;
using Chronicle.Core.Security;
using Chronicle.Core.Validation;
using Chronicle.Web.Api;
using Chronicle.Web.Partnerships;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Security;

/// <summary>An account as its administrator sees it after a change: who, which roles, whether disabled, and how many sessions the change ended.</summary>
public sealed record AccountResponse(Guid Id, string UserName, string DisplayName, string[] Roles, bool Disabled, int SessionsEnded);

/// <summary>A new password an administrator sets for someone who has lost theirs.</summary>
public sealed record PasswordInput(string? Password);

/// <summary>The roles an account is to have, all of them.</summary>
public sealed record RolesInput(string[]? Roles);

/// <summary>
/// Managing accounts (docs/security.md, "Sign-in and accounts"): disabling one, setting a new password, changing its
/// roles. Each is an administrator's act (<see cref="Permissions.Administer"/>) on an account of their partnership,
/// never on their own (another administrator grants their roles); each is audited and ends every session the
/// account had (<see cref="SessionStore.EndAllAsync"/>), so nobody keeps a session the account no longer allows.
/// </summary>
public static class AccountsApi
{
    public const int MinPasswordLength = 12;

    public static void MapAccountsApi(this RouteGroupBuilder api)
    {
        var accounts = api.MapGroup("/accounts").WithTags("Accounts");
        accounts.MapPost("/{id:guid}/disable", Disable).WithIdempotency().Require(Permissions.Administer);
        // Not idempotent by key: the key's record would keep a hash of the body, which holds the password.
        accounts.MapPost("/{id:guid}/password", ResetPassword).Require(Permissions.Administer);
        accounts.MapPut("/{id:guid}/roles", SetRoles).WithIdempotency().Require(Permissions.Administer);
    }

    private static Task<Results<Ok<AccountResponse>, NotFound, ValidationProblem>> Disable(
        Guid id, ChronicleDb db, CurrentPartnership partnership, CurrentUser currentUser, RecordAudit audit, TimeProvider clock, CancellationToken ct) =>
        ChangeAsync(id, db, partnership, currentUser, audit, clock, "id", "You cannot disable your own account: another administrator can", account =>
        {
            account.DisabledAt ??= clock.GetUtcNow();
            return ("account disabled", null);
        }, ct);

    private static Task<Results<Ok<AccountResponse>, NotFound, ValidationProblem>> ResetPassword(
        Guid id, PasswordInput input, Accounts accounts, ChronicleDb db, CurrentPartnership partnership, CurrentUser currentUser, RecordAudit audit, TimeProvider clock, CancellationToken ct) =>
        ChangeAsync(id, db, partnership, currentUser, audit, clock, "id", "You cannot set your own password here: another administrator can", account =>
        {
            // An administrator who could set another administrator's (or information governance's) password could act as
            // them: those accounts' passwords are set by their holders.
            if (account.RoleSet.Any(r => r is Role.Administrator or Role.InformationGovernance))
                return (null, new FieldError("id", "An administrator's or information governance account's password is set by its holder, not by another administrator"));
            if (string.IsNullOrWhiteSpace(input.Password) || input.Password.Length < MinPasswordLength)
                return (null, new FieldError("password", $"Enter a new password of at least {MinPasswordLength} characters"));
            account.PasswordHash = accounts.Hash(input.Password);
            account.PasswordSetByAdministratorAt = clock.GetUtcNow();
            return ("password set by an administrator", null);
        }, ct);

    private static Task<Results<Ok<AccountResponse>, NotFound, ValidationProblem>> SetRoles(
        Guid id, RolesInput input, ChronicleDb db, CurrentPartnership partnership, CurrentUser currentUser, RecordAudit audit, TimeProvider clock, CancellationToken ct) =>
        ChangeAsync(id, db, partnership, currentUser, audit, clock, "roles", "You cannot change your own roles: another administrator can", account =>
        {
            var given = input.Roles ?? [];
            if (given.Length == 0) return (null, new FieldError("roles", "Select at least one role"));
            var roles = new List<Role>();
            for (var i = 0; i < given.Length; i++)
            {
                // Exactly a role's name: no lists, numbers or combinations of flags.
                var match = Enum.GetValues<Role>().Where(r => string.Equals(Name(r), given[i]?.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
                if (match.Count != 1)
                    return (null, new FieldError($"roles[{i}]", $"Select a role from: {string.Join(", ", Enum.GetValues<Role>().Select(Name))}"));
                roles.Add(match[0]);
            }
            // The administrator who set this account's password could sign in as it: granting it a privileged role
            // would let them act, or read the audit, in its holder's name.
            if (account.PasswordSetByAdministratorAt is not null && roles.Any(r => (r is Role.Administrator or Role.InformationGovernance) && !account.RoleSet.Contains(r)))
                return (null, new FieldError("roles", "An administrator set this account's password and could sign in as its holder: it cannot be given the administrator or information governance role"));
            var before = account.RoleSet.Order().Select(Name).ToList();
            account.Roles = string.Join(',', roles.Distinct().Order());
            return ($"roles changed from {string.Join(", ", before)} to {string.Join(", ", roles.Distinct().Order().Select(Name))}", null);
        }, ct);

    /// <summary>
    /// One change to an account of the administrator's partnership, never their own (<paramref name="notOwn"/> says
    /// why): made, audited, and every session of the account ended, in the write's
    /// transaction. An account of another partnership, or none, is answered 404.
    /// </summary>
    private static async Task<Results<Ok<AccountResponse>, NotFound, ValidationProblem>> ChangeAsync(
        Guid id, ChronicleDb db, CurrentPartnership partnership, CurrentUser currentUser, RecordAudit audit, TimeProvider clock, string field, string notOwn,
        Func<UserAccount, (string? Done, FieldError? Refused)> change, CancellationToken ct)
    {
        var account = await db.UserAccounts.FirstOrDefaultAsync(a => a.Id == id && a.PartnershipId == partnership.Id, ct);
        if (account is null) return TypedResults.NotFound();
        var me = await currentUser.RequireAsync(ct);
        if (account.Id == me.Account.Id) return ApiResults.Refused(field, notOwn);
        var (done, refused) = change(account);
        if (refused is not null) return ApiResults.Refused([refused]);
        await db.SaveChangesAsync(ct);
        var ended = await SessionStore.EndAllAsync(db, account.Id, clock.GetUtcNow(), ct);
        await audit.AppendAsync(AuditAction.Write, null, $"account {account.Id}: {done}; {ended} sessions ended", ct: ct);
        return TypedResults.Ok(new AccountResponse(account.Id, account.UserName, account.DisplayName, [.. account.RoleSet.Order().Select(Name)], account.DisabledAt is not null, ended));
    }

    /// <summary>A role as the API names it: "team-manager".</summary>
    public static string Name(Role role) => string.Concat(role.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? $"-{char.ToLowerInvariant(c)}" : char.ToLowerInvariant(c).ToString()));
}

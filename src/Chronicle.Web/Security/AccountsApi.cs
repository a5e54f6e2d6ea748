using Chronicle.Core.Validation;
using Chronicle.Web.Api;
using Chronicle.Web.Partnerships;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chronicle.Web.Security;

/// <summary>A new password an administrator sets for someone who has lost theirs.</summary>
public sealed record PasswordInput(string? Password);

/// <summary>The roles an account is to have, all of them.</summary>
public sealed record RolesInput(string[]? Roles);

/// <summary>
/// Managing accounts through the API (docs/security.md, "Sign-in and accounts"): adding one for a professional,
/// disabling and enabling one, setting a one-time password, changing its roles. Each is an administrator's act
/// (<see cref="Permissions.Administer"/>) on an account of their partnership, never on their own; the rules, the audit
/// and the sessions ended are <see cref="AccountAdministration"/>'s, the same as the accounts pages'.
/// </summary>
public static class AccountsApi
{
    public static void MapAccountsApi(this RouteGroupBuilder api)
    {
        var accounts = api.MapGroup("/accounts").WithTags("Accounts");
        // Not idempotent by key: the key's record would keep a hash of the body, which holds the password.
        accounts.MapPost("/", Create).Require(Permissions.Administer);
        accounts.MapPost("/{id:guid}/disable", Disable).WithIdempotency().Require(Permissions.Administer);
        accounts.MapPost("/{id:guid}/enable", Enable).WithIdempotency().Require(Permissions.Administer);
        accounts.MapPost("/{id:guid}/password", ResetPassword).Require(Permissions.Administer);
        accounts.MapPut("/{id:guid}/roles", SetRoles).WithIdempotency().Require(Permissions.Administer);
    }

    private static async Task<Results<Created<AccountResponse>, ValidationProblem>> Create(
        NewAccountInput input, AccountAdministration accounts, CurrentPartnership partnership, CancellationToken ct)
    {
        var outcome = await accounts.CreateAsync(partnership.Id, input, ct);
        return outcome.Succeeded ? TypedResults.Created($"/api/accounts/{outcome.Value!.Id}", outcome.Value) : ApiResults.Refused(outcome.Errors);
    }

    private static async Task<Results<Ok<AccountResponse>, NotFound, ValidationProblem>> Disable(
        Guid id, AccountAdministration accounts, CurrentPartnership partnership, CancellationToken ct) =>
        Answer(await accounts.DisableAsync(partnership.Id, id, ct));

    private static async Task<Results<Ok<AccountResponse>, NotFound, ValidationProblem>> Enable(
        Guid id, AccountAdministration accounts, CurrentPartnership partnership, CancellationToken ct) =>
        Answer(await accounts.EnableAsync(partnership.Id, id, ct));

    private static async Task<Results<Ok<AccountResponse>, NotFound, ValidationProblem>> ResetPassword(
        Guid id, PasswordInput input, AccountAdministration accounts, CurrentPartnership partnership, CancellationToken ct) =>
        Answer(await accounts.SetPasswordAsync(partnership.Id, id, input.Password, ct));

    private static async Task<Results<Ok<AccountResponse>, NotFound, ValidationProblem>> SetRoles(
        Guid id, RolesInput input, AccountAdministration accounts, CurrentPartnership partnership, CancellationToken ct) =>
        Answer(await accounts.SetRolesAsync(partnership.Id, id, input.Roles, ct));

    /// <summary>An account of another partnership, or none, is answered 404.</summary>
    private static Results<Ok<AccountResponse>, NotFound, ValidationProblem> Answer(Outcome<AccountResponse>? outcome) => outcome switch
    {
        null => TypedResults.NotFound(),
        { Succeeded: true } => TypedResults.Ok(outcome.Value!),
        _ => ApiResults.Refused(outcome.Errors),
    };
}

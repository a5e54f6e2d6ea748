using Chronicle.Core.Audit;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Security;
using Chronicle.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Security;

/// <summary>An account as its administrator sees it after a change: who, which roles, whether disabled, and how many sessions the change ended.</summary>
public sealed record AccountResponse(Guid Id, string UserName, string DisplayName, string[] Roles, bool Disabled, int SessionsEnded);

/// <summary>A new account for a professional: who they are (name, agency, job), the account's roles and the one-time password its holder must change.</summary>
public sealed record NewAccountInput(string? Name, Guid? AgencyId, string? Job, string[]? Roles, string? Password);

/// <summary>What the accounts list is narrowed to: words in the name or user name, an agency, a role, disabled or not.</summary>
public sealed record AccountFilter(string? Text, Guid? AgencyId, Role? Role, bool? Disabled);

/// <summary>An account as the administrator's list shows it.</summary>
public sealed record AccountLine(Guid Id, string UserName, string Name, string Agency, IReadOnlyList<Role> Roles, bool Disabled, bool MustChangePassword, DateTimeOffset? LastSignInAt);

/// <summary>
/// Managing accounts (docs/security.md, "Sign-in and accounts"), for the accounts pages and the API alike: finding
/// one, adding one for a professional, disabling and enabling it, setting a one-time password, changing its roles.
/// Each change is an administrator's act on an account of their partnership, never on their own (another
/// administrator does that); each is audited by account id only (never a name or a password) and ends every session
/// the account had (<see cref="SessionStore.EndAllAsync"/>), so nobody keeps a session the account no longer allows.
/// An administrator knows any password they set, so an account whose password an administrator set is never given
/// the administrator or information governance role, and those accounts' passwords are set by their holders.
/// </summary>
public sealed class AccountAdministration(ChronicleDb db, Accounts accounts, CurrentUser currentUser, RecordAudit audit, TimeProvider clock)
{
    public const int MinPasswordLength = 12;
    public const int PageSize = 25;

    /// <summary>The roles an administrator's password may not reach: they act, or read the audit, in their holder's name.</summary>
    public static bool IsPrivileged(Role role) => role is Role.Administrator or Role.InformationGovernance;

    /// <summary>A page of the partnership's accounts matching the filter, by agency then name; and how many match.</summary>
    public async Task<(IReadOnlyList<AccountLine> Lines, int Total)> ListAsync(Guid partnershipId, AccountFilter filter, int page, CancellationToken ct = default)
    {
        var agencies = Forms.AgencyChoices.Labels(await db.Agencies.AsNoTracking().Where(a => a.PartnershipId == partnershipId).ToListAsync(ct));
        var professionals = await db.Professionals.AsNoTracking().Where(p => p.PartnershipId == partnershipId)
            .Select(p => new { p.Id, p.AgencyId }).ToDictionaryAsync(p => p.Id, p => p.AgencyId, ct);
        var query = db.UserAccounts.AsNoTracking().Where(a => a.PartnershipId == partnershipId);
        if (filter.Disabled is { } disabled) query = disabled ? query.Where(a => a.DisabledAt != null) : query.Where(a => a.DisabledAt == null);
        if (filter.Role is { } role)
        {
            // Roles are stored as names joined by commas: match the whole name.
            var name = role.ToString();
            query = query.Where(a => a.Roles == name || a.Roles.StartsWith(name + ",") || a.Roles.EndsWith("," + name) || a.Roles.Contains("," + name + ","));
        }
        if (filter.AgencyId is { } agency)
        {
            // The agency as the filter offers it: one recorded twice under one name and area is one choice, and finds both.
            var label = agencies.GetValueOrDefault(agency);
            var of = professionals.Where(p => p.Value == agency || (label is not null && agencies.GetValueOrDefault(p.Value) == label)).Select(p => p.Key).ToList();
            query = query.Where(a => a.ProfessionalId != null && of.Contains(a.ProfessionalId.Value));
        }
        var found = await query.ToListAsync(ct);
        if (filter.Text?.Trim() is { Length: > 0 } text)
            found = [.. found.Where(a => a.DisplayName.Contains(text, StringComparison.CurrentCultureIgnoreCase) || a.UserName.Contains(text, StringComparison.OrdinalIgnoreCase))];
        string AgencyOf(UserAccount a) => a.ProfessionalId is { } p && professionals.TryGetValue(p, out var ag) ? agencies.GetValueOrDefault(ag, "") : "";
        var lines = found.Select(a => new AccountLine(a.Id, a.UserName, a.DisplayName, AgencyOf(a), [.. a.RoleSet.Order()], a.DisabledAt is not null, a.MustChangePassword, a.LastSignInAt))
            .OrderBy(a => a.Agency, StringComparer.CurrentCulture).ThenBy(a => a.Name, StringComparer.CurrentCulture).ThenBy(a => a.UserName, StringComparer.Ordinal).ToList();
        return ([.. lines.Skip((Math.Max(page, 1) - 1) * PageSize).Take(PageSize)], lines.Count);
    }

    /// <summary>One account of the partnership, with its professional and agency; null if there is none.</summary>
    public async Task<(UserAccount Account, Professional? Professional, Agency? Agency)?> FindAsync(Guid partnershipId, Guid id, CancellationToken ct = default)
    {
        var account = await db.UserAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && a.PartnershipId == partnershipId, ct);
        if (account is null) return null;
        var professional = account.ProfessionalId is { } p ? await db.Professionals.AsNoTracking().FirstOrDefaultAsync(x => x.Id == p, ct) : null;
        var agency = professional is null ? null : await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Id == professional.AgencyId, ct);
        return (account, professional, agency);
    }

    /// <summary>
    /// Adds a professional (name, agency, job) and their account, with the roles given (or their job's) and a one-time
    /// password the administrator tells them: the account can do nothing but change it until they have.
    /// </summary>
    public async Task<Outcome<AccountResponse>> CreateAsync(Guid partnershipId, NewAccountInput input, CancellationToken ct = default)
    {
        var p = new Problems();
        p.Required("name", input.Name, "Enter the professional's name");
        if (TextLimits.Problem(input.Name, TextKind.Name, "The name") is { } nameProblem) p.Add("name", nameProblem);
        if (input.AgencyId is not { } agencyId) p.Add("agencyId", "Select the professional's agency");
        else if (!await db.Agencies.AnyAsync(a => a.Id == agencyId && a.PartnershipId == partnershipId, ct)) p.Add("agencyId", "Select an agency of this partnership");
        var job = Enum.GetValues<ProfessionalRole>().Cast<ProfessionalRole?>()
            .FirstOrDefault(j => string.Equals(Named(j!.Value), input.Job?.Trim(), StringComparison.OrdinalIgnoreCase) || string.Equals(j.Value.ToString(), input.Job?.Trim(), StringComparison.Ordinal));
        if (string.IsNullOrWhiteSpace(input.Job)) p.Add("job", "Select the professional's job");
        else if (job is null) p.Add("job", "Select a job from the list");
        List<Role>? roles = input.Roles is { Length: > 0 } given ? ParseRoles(given, p) : job is { } j ? [.. AccountNames.RolesFor(j)] : null;
        if (roles is not null && roles.Any(IsPrivileged))
            p.Add("roles", "An account whose one-time password an administrator sets cannot have the administrator or information governance role: choose another role");
        CheckPassword(input.Password, p);
        if (p.Any) return Outcome<AccountResponse>.Refused(p.Errors);

        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            var now = clock.GetUtcNow();
            var professional = new Professional
            {
                Id = Guid.NewGuid(), PartnershipId = partnershipId, AgencyId = input.AgencyId!.Value, Name = input.Name!.Trim(), Role = job!.Value, CreatedAt = now,
            };
            db.Professionals.Add(professional);
            await db.SaveChangesAsync(ct);
            db.Entry(professional).State = EntityState.Detached;
            var account = await accounts.CreateAsync(partnershipId, professional, input.Password!, roles, ct);
            await db.UserAccounts.Where(a => a.Id == account.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.PasswordSetByAdministratorAt, now), ct);
            await audit.AppendAsync(AuditAction.Write, null, $"account {account.Id} added for professional {professional.Id} with roles {string.Join(", ", account.RoleSet.Order().Select(Named))}; one-time password set by an administrator", ct: ct);
            if (own is not null) await own.CommitAsync(ct);
            return Outcome<AccountResponse>.Ok(new AccountResponse(account.Id, account.UserName, account.DisplayName, [.. account.RoleSet.Order().Select(Named)], false, 0));
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }

    /// <summary>Disables an account: it signs in no more and its sessions end. Null if no such account of the partnership.</summary>
    public Task<Outcome<AccountResponse>?> DisableAsync(Guid partnershipId, Guid id, CancellationToken ct = default) =>
        ChangeAsync(partnershipId, id, "id", "You cannot disable your own account: another administrator can", account =>
        {
            if (account.DisabledAt is not null) return ("account disabled (already disabled)", null);
            account.DisabledAt = clock.GetUtcNow();
            return ("account disabled", null);
        }, ct);

    /// <summary>Enables a disabled account again: its holder may sign in with the password it had.</summary>
    public Task<Outcome<AccountResponse>?> EnableAsync(Guid partnershipId, Guid id, CancellationToken ct = default) =>
        ChangeAsync(partnershipId, id, "id", "You cannot enable your own account: another administrator can", account =>
        {
            if (account.DisabledAt is null) return ("account enabled (already enabled)", null);
            account.DisabledAt = null;
            return ("account enabled", null);
        }, ct);

    /// <summary>Sets a one-time password for someone who has lost theirs: they must choose their own at their next sign-in.</summary>
    public Task<Outcome<AccountResponse>?> SetPasswordAsync(Guid partnershipId, Guid id, string? password, CancellationToken ct = default) =>
        ChangeAsync(partnershipId, id, "id", "You cannot set your own password here: another administrator can", account =>
        {
            // An administrator who could set another administrator's (or information governance's) password could act as
            // them: those accounts' passwords are set by their holders.
            if (account.RoleSet.Any(IsPrivileged))
                return (null, new FieldError("id", "An administrator's or information governance account's password is set by its holder, not by another administrator"));
            var p = new Problems();
            CheckPassword(password, p);
            if (p.Any) return (null, p.Errors[0]);
            account.PasswordHash = accounts.Hash(password!);
            account.PasswordSetByAdministratorAt = clock.GetUtcNow();
            return ("password set by an administrator", null);
        }, ct);

    /// <summary>Changes an account's roles, all of them, to the roles given (names as the API gives them, "team-manager").</summary>
    public Task<Outcome<AccountResponse>?> SetRolesAsync(Guid partnershipId, Guid id, string[]? given, CancellationToken ct = default) =>
        ChangeAsync(partnershipId, id, "roles", "You cannot change your own roles: another administrator can", account =>
        {
            var p = new Problems();
            if (given is not { Length: > 0 }) return (null, new FieldError("roles", "Select at least one role"));
            var roles = ParseRoles(given, p);
            if (p.Any) return (null, p.Errors[0]);
            // The administrator who set this account's password could sign in as it: granting it a privileged role
            // would let them act, or read the audit, in its holder's name.
            if (account.PasswordSetByAdministratorAt is not null && roles.Any(r => IsPrivileged(r) && !account.RoleSet.Contains(r)))
                return (null, new FieldError("roles", "An administrator set this account's password and could sign in as its holder: it cannot be given the administrator or information governance role"));
            var before = account.RoleSet.Order().Select(Named).ToList();
            account.Roles = string.Join(',', roles.Distinct().Order());
            return ($"roles changed from {string.Join(", ", before)} to {string.Join(", ", roles.Distinct().Order().Select(Named))}", null);
        }, ct);

    /// <summary>A role or a job as the API names it: "team-manager".</summary>
    public static string Named<T>(T value) where T : struct, Enum =>
        string.Concat(value.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? $"-{char.ToLowerInvariant(c)}" : char.ToLowerInvariant(c).ToString()));

    /// <summary>Roles by name ("team-manager", or "TeamManager"): exactly a role's name, no lists, numbers or combinations of flags.</summary>
    public static List<Role> ParseRoles(IReadOnlyList<string?> given, Problems p)
    {
        var roles = new List<Role>();
        for (var i = 0; i < given.Count; i++)
        {
            var text = given[i]?.Trim();
            var match = Enum.GetValues<Role>().Where(r => string.Equals(Named(r), text, StringComparison.OrdinalIgnoreCase) || string.Equals(r.ToString(), text, StringComparison.Ordinal)).ToList();
            if (match.Count != 1)
            {
                p.Add($"roles[{i}]", $"Select a role from: {string.Join(", ", Enum.GetValues<Role>().Select(Named))}");
                continue;
            }
            roles.Add(match[0]);
        }
        return roles;
    }

    private static void CheckPassword(string? password, Problems p)
    {
        if (string.IsNullOrWhiteSpace(password) || password.Length < MinPasswordLength)
            p.Add("password", $"Enter a one-time password of at least {MinPasswordLength} characters");
        else if (password.Length > 200) p.Add("password", "Enter a one-time password of 200 characters or fewer");
    }

    /// <summary>
    /// One change to an account of the administrator's partnership, never their own (<paramref name="notOwn"/> says
    /// why): made, audited, and every session of the account ended, together. Null for an account of another
    /// partnership, or none.
    /// </summary>
    private async Task<Outcome<AccountResponse>?> ChangeAsync(Guid partnershipId, Guid id, string field, string notOwn,
        Func<UserAccount, (string? Done, FieldError? Refused)> change, CancellationToken ct)
    {
        var account = await db.UserAccounts.FirstOrDefaultAsync(a => a.Id == id && a.PartnershipId == partnershipId, ct);
        if (account is null) return null;
        var me = await currentUser.RequireAsync(ct);
        if (account.Id == me.Account.Id) return Outcome<AccountResponse>.Refused(field, notOwn);
        var (done, refused) = change(account);
        if (refused is not null)
        {
            db.Entry(account).State = EntityState.Detached;
            return Outcome<AccountResponse>.Refused([refused]);
        }
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            // The account was checked as read before this transaction: its roles and who set its password are
            // concurrency tokens, so a change checked against a copy another administrator changed since is not saved.
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException e)
            {
                throw new WriteConflictException("Another administrator changed this account while you were working on it: nothing you sent was saved. Look at the account again", e);
            }
            var ended = await SessionStore.EndAllAsync(db, account.Id, clock.GetUtcNow(), ct);
            await audit.AppendAsync(AuditAction.Write, null, $"account {account.Id}: {done}; {ended} sessions ended", ct: ct);
            if (own is not null) await own.CommitAsync(ct);
            return Outcome<AccountResponse>.Ok(new AccountResponse(account.Id, account.UserName, account.DisplayName, [.. account.RoleSet.Order().Select(Named)], account.DisabledAt is not null, ended));
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
            db.Entry(account).State = EntityState.Detached;
        }
    }
}

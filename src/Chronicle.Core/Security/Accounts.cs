namespace Chronicle.Core.Security;

/// <summary>What a signed-in person may do, beside what their relationship to a child allows them to see.</summary>
public enum Role
{
    Practitioner,
    TeamManager,
    ConferenceChair,
    /// <summary>Front door / MASH: sees new contacts and referrals.</summary>
    FrontDoor,
    /// <summary>The partnership's business unit: the learning cycle, not children's records.</summary>
    BusinessUnit,
    /// <summary>A reviewer or independent scrutineer: reviews, actions and figures, not children's records.</summary>
    Reviewer,
    /// <summary>Information governance: who has viewed a record; the audit chain.</summary>
    InformationGovernance,
    Administrator,
}

/// <summary>A local account for the embedded default. An external identity provider would stand in its place (docs/security.md).</summary>
public sealed class UserAccount
{
    public Guid Id { get; set; }
    public Guid PartnershipId { get; set; }
    /// <summary>The professional this account belongs to: their agency and relationships decide what they see.</summary>
    public Guid? ProfessionalId { get; set; }
    public required string UserName { get; set; }
    public required string DisplayName { get; set; }
    public required string PasswordHash { get; set; }
    /// <summary>Roles, comma-separated.</summary>
    /// <remarks>A concurrency token, as <see cref="PasswordSetByAdministratorAt"/> is: whether a role may be given depends on who set the password, and the reverse.</remarks>
    [System.ComponentModel.DataAnnotations.ConcurrencyCheck]
    public required string Roles { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastSignInAt { get; set; }
    /// <summary>When an administrator disabled the account: it signs in no more, and its sessions were ended then.</summary>
    public DateTimeOffset? DisabledAt { get; set; }
    /// <summary>
    /// When an administrator last set the account's password (rather than its holder): that administrator could sign in
    /// as the account, so it is not given the administrator or information governance role.
    /// </summary>
    /// <remarks>A concurrency token: a change of roles checked against it is refused if it changed before the save.</remarks>
    [System.ComponentModel.DataAnnotations.ConcurrencyCheck]
    public DateTimeOffset? PasswordSetByAdministratorAt { get; set; }
    /// <summary>When the account's holder last chose its password themselves (schema 0017).</summary>
    public DateTimeOffset? PasswordChangedByHolderAt { get; set; }

    /// <summary>
    /// An administrator set the password (a one-time password, told to the holder) and the holder has not chosen their
    /// own since: until they do, the account does nothing but change it.
    /// </summary>
    public bool MustChangePassword => PasswordSetByAdministratorAt is { } set && (PasswordChangedByHolderAt is not { } changed || changed < set);

    public IReadOnlySet<Role> RoleSet => Roles.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<Role>).ToHashSet();
}

/// <summary>
/// Break-glass access to a child outside one's relationships: a stated reason, for a limited time, flagged to the
/// child's lead professional and to information governance.
/// </summary>
public sealed class BreakGlassGrant
{
    public Guid Id { get; set; }
    public Guid PartnershipId { get; set; }
    public Guid UserId { get; set; }
    public Guid ChildPersonId { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset GrantedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }

    public bool IsActiveAt(DateTimeOffset at) => GrantedAt <= at && at < ExpiresAt;
}

/// <summary>What information governance found when it reviewed a break-glass grant.</summary>
public enum BreakGlassReviewOutcome
{
    /// <summary>The reason and what was read fit an emergency: nothing more to do.</summary>
    Justified,
    /// <summary>The access needs following up with the person or their agency (the note says what).</summary>
    FollowUp,
}

/// <summary>Information governance's review of one break-glass grant: once, by whom, when, with what outcome. Never changed.</summary>
public sealed class BreakGlassReview
{
    public Guid Id { get; set; }
    public Guid GrantId { get; set; }
    public Guid ReviewedByUserId { get; set; }
    public DateTimeOffset ReviewedAt { get; set; }
    public BreakGlassReviewOutcome Outcome { get; set; }
    public string? Note { get; set; }
}

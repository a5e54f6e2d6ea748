using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chronicle.Core.Security;

/// <summary>
/// A signed-in session, kept on the server. The browser's cookie carries only a random token; this holds the token's
/// SHA-256 hash, so that reading the table does not give anyone a session. A session ends when its user signs out, when
/// it has been idle too long, at its absolute end (<see cref="ExpiresAt"/>), or when the account's sessions are ended.
/// </summary>
public sealed class UserSession
{
    public Guid Id { get; set; }
    public required string TokenHash { get; set; }
    public Guid AccountId { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    /// <summary>When the session was last renewed by use: the idle timeout counts from here.</summary>
    public DateTimeOffset RenewedAt { get; set; }
    /// <summary>The absolute end: no use of the session carries it past this.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    /// <summary>Why it ended early: signed-out, idle, account-changed.</summary>
    public string? EndReason { get; set; }
}

/// <summary>
/// Recent sign-in attempts against one key: a user name or a client address, each kept only as a SHA-256 hash. The
/// count slows further attempts down (docs/security.md); it never refuses them.
/// </summary>
public sealed class SignInThrottle
{
    public required string ThrottleKey { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset LastAttemptAt { get; set; }
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> b) => b.ToTable("user_sessions");
}

internal sealed class SignInThrottleConfiguration : IEntityTypeConfiguration<SignInThrottle>
{
    public void Configure(EntityTypeBuilder<SignInThrottle> b)
    {
        b.ToTable("sign_in_throttles");
        b.HasKey(x => x.ThrottleKey);
    }
}

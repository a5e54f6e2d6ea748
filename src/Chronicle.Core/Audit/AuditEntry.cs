namespace Chronicle.Core.Audit;

public enum AuditAction
{
    /// <summary>A child's record (or part of it) was shown.</summary>
    Read,
    /// <summary>Something was written.</summary>
    Write,
    /// <summary>Access was refused.</summary>
    Denied,
    /// <summary>Break-glass access was granted, with its reason.</summary>
    BreakGlass,
    SignIn,
    SignInFailed,
    SignOut,
    /// <summary>A chronology entry was sealed into the chain: the link names it and a hash of its content.</summary>
    Sealed,
}

/// <summary>
/// One link of the audit chain: who did what to whose record, when and from where, or the seal of a chronology entry.
/// Each link's hash is an HMAC (keyed outside the database) of its own fields and the previous link's hash, so editing,
/// removing or re-hashing a link is detected. The table is append-only: the database refuses updates and deletes.
/// </summary>
public sealed class AuditEntry
{
    public long Sequence { get; set; }
    public DateTimeOffset At { get; set; }
    public Guid? PartnershipId { get; set; }
    public Guid? UserId { get; set; }
    public Guid? ProfessionalId { get; set; }
    public AuditAction Action { get; set; }
    /// <summary>The child whose record was touched, if any.</summary>
    public Guid? SubjectPersonId { get; set; }
    /// <summary>What was touched: a page or endpoint and its resource ids, never personal data.</summary>
    public required string Target { get; set; }
    public string? Detail { get; set; }
    public string? RemoteAddress { get; set; }
    /// <summary>The chronology entry this link seals, if it is a seal.</summary>
    public Guid? EntryId { get; set; }
    /// <summary>The sealed entry's content hash (<see cref="EntrySeal.DigestOf"/>).</summary>
    public string? EntryHash { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }
}

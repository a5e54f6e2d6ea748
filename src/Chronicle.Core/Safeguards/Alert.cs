namespace Chronicle.Core.Safeguards;

public enum Severity
{
    /// <summary>Consider and record a decision.</summary>
    Prompt,
    /// <summary>Act by the due time.</summary>
    Action,
    /// <summary>Act today.</summary>
    Urgent,
}

public enum AlertStatus { Open, Acknowledged, Resolved, Closed }

/// <summary>
/// A safeguard's alert about one child, for one cause. It is raised once per cause, ever: (safeguard, child, cause)
/// is unique, so a cause that was resolved or closed never fires again.
/// </summary>
public sealed class Alert
{
    public Guid Id { get; set; }
    public Guid PartnershipId { get; set; }
    public required string SafeguardId { get; set; }
    public int SafeguardVersion { get; set; }
    public Guid SubjectPersonId { get; set; }
    /// <summary>What, in the record, this alert is about: stable across evaluations, so the same cause is recognised.</summary>
    public required string CauseKey { get; set; }
    public Severity Severity { get; set; }
    public required string Summary { get; set; }
    public required string AskFor { get; set; }
    public Guid? OwnerProfessionalId { get; set; }
    public DateTimeOffset RaisedAt { get; set; }
    public DateTimeOffset DueAt { get; set; }
    /// <remarks>A concurrency token: of two people settling one alert at once, the second is refused, not saved over the first.</remarks>
    [System.ComponentModel.DataAnnotations.ConcurrencyCheck]
    public AlertStatus Status { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public DateTimeOffset? EscalatedAt { get; set; }
    /// <summary>The owner's manager, told when the alert passed its due time still open.</summary>
    public Guid? EscalatedToProfessionalId { get; set; }
    /// <summary>The entries that caused the alert, as a comma-separated list of ids.</summary>
    public string EvidenceEntryIds { get; set; } = "";

    public bool IsOpen => Status is AlertStatus.Open or AlertStatus.Acknowledged;

    public IReadOnlyList<Guid> Evidence =>
        EvidenceEntryIds.Length == 0 ? [] : [.. EvidenceEntryIds.Split(',').Select(Guid.Parse)];
}

/// <summary>
/// What happened to an alert. <see cref="Updated"/>: while it stayed open, what it cites changed with the record (a
/// later concern about the same cause, an entry corrected), and its summary and evidence were brought up to date.
/// </summary>
public enum AlertEventType { Raised, Acknowledged, Resolved, Closed, Escalated, Updated }

/// <summary>One step in an alert's life, kept for ever.</summary>
public sealed class AlertEvent
{
    public Guid Id { get; set; }
    public Guid AlertId { get; set; }
    public AlertEventType Type { get; set; }
    public DateTimeOffset At { get; set; }
    public Guid? ByProfessionalId { get; set; }
    /// <summary>For an escalation, who it went to.</summary>
    public Guid? ToProfessionalId { get; set; }
    public string? Reason { get; set; }
}

using Chronicle.Core.Time;

namespace Chronicle.Core.Chronology;

/// <summary>Where a fact comes from and how sure it is.</summary>
public enum Source
{
    /// <summary>The recorder saw or heard it themselves.</summary>
    SeenByRecorder,
    /// <summary>Someone named told the recorder (see <see cref="ChronologyEntry.SourceName"/>).</summary>
    ReportedBy,
    /// <summary>The evidence does not settle it either way.</summary>
    Inconclusive,
    /// <summary>Where the information came from is not known.</summary>
    Unknown,
}

public enum Significance
{
    Routine,
    Significant,
    Critical,
}

/// <summary>Who may see an entry: issue "who may see what" narrows each level further by role and relationship.</summary>
public enum SharingLevel
{
    /// <summary>Everyone in the team around the child.</summary>
    Team,
    /// <summary>The recording agency and the lead professional only.</summary>
    AgencyOnly,
    /// <summary>Police intelligence: police and the lead social worker only.</summary>
    RestrictedPoliceIntelligence,
    /// <summary>Sexual health and similar: the recording health service and the lead professional only.</summary>
    RestrictedHealth,
}

/// <summary>
/// One fact in a child's chronology, as one agency recorded it. Entries are never changed or deleted: a mistake is
/// corrected by a new entry that supersedes the old one and says why.
/// </summary>
public sealed class ChronologyEntry
{
    public Guid Id { get; set; }
    public Guid PartnershipId { get; set; }
    /// <summary>The entry kind's code, for example "test-result" (see <see cref="EntryKinds"/>).</summary>
    public required string Kind { get; set; }
    /// <summary>The kind's structured details as JSON.</summary>
    public required string Details { get; set; }
    /// <summary>The recorder's own words, if any.</summary>
    public string? Narrative { get; set; }
    public DateTimeOffset? OccurredAt { get; set; }
    public DatePrecision OccurredPrecision { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public Guid RecordedByProfessionalId { get; set; }
    public Guid RecordedByAgencyId { get; set; }
    public Source Source { get; set; }
    /// <summary>Who reported it, when <see cref="Source"/> is <see cref="Chronology.Source.ReportedBy"/>.</summary>
    public string? SourceName { get; set; }
    public Significance Significance { get; set; }
    public SharingLevel SharingLevel { get; set; }
    /// <summary>The entry this one corrects, if it is a correction.</summary>
    public Guid? SupersedesEntryId { get; set; }
    public string? CorrectionReason { get; set; }
    /// <summary>The client's key for this write, so a retried request records it once.</summary>
    public string? IdempotencyKey { get; set; }
    public List<EntrySubject> Subjects { get; set; } = [];

    /// <summary>When it happened, or failing that when it was recorded: the moment the chronology sorts by.</summary>
    public DateTimeOffset When => OccurredAt ?? RecordedAt;

    public FuzzyDate OccurredOn => OccurredAt is { } at
        ? new FuzzyDate(WorkingDayCalendar.UkDate(at), OccurredPrecision == DatePrecision.Exact ? DatePrecision.Day : OccurredPrecision)
        : FuzzyDate.Unknown;

    public bool IsAbout(Guid personId)
    {
        foreach (var subject in Subjects)
            if (subject.PersonId == personId) return true;
        return false;
    }
}

/// <summary>A person an entry is about.</summary>
public sealed class EntrySubject
{
    public Guid EntryId { get; set; }
    public Guid PersonId { get; set; }
}

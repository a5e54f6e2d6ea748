using System.Text.Json;
using Chronicle.Core.Time;

namespace Chronicle.Core.Chronology;

/// <summary>What a professional records: the API's request body for a new entry or a correction.</summary>
public sealed record EntryInput
{
    public string? Kind { get; init; }
    public JsonElement Details { get; init; }
    public string? Narrative { get; init; }
    public DateTimeOffset? OccurredAt { get; init; }
    public DatePrecision? OccurredPrecision { get; init; }
    public Guid? RecordedByProfessionalId { get; init; }
    public IReadOnlyList<Guid> Subjects { get; init; } = [];
    public Source? Source { get; init; }
    public string? SourceName { get; init; }
    public Significance Significance { get; init; } = Significance.Routine;
    public SharingLevel SharingLevel { get; init; } = SharingLevel.Team;
    public string? IdempotencyKey { get; init; }

    /// <summary>
    /// Written by the service that owns its kind (a case closed by the closure service, having asked about what is still
    /// open), never sent by a caller: not read from a request body.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool ByItsService { get; init; }
}

/// <summary>A correction: the corrected entry in full, and why the original was wrong.</summary>
public sealed record CorrectionInput
{
    public required EntryInput Entry { get; init; }
    public string? Reason { get; init; }
}

using System.Text.Json;
using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;

namespace Chronicle.Core.TeamAroundChild;

/// <summary>Builds the chronology input for entries that the team's services write on a professional's behalf.</summary>
internal static class Recording
{
    public static EntryInput Input(
        EntryDetails details, Guid recordedBy, IEnumerable<Guid> subjects, DateTimeOffset occurredAt, string? idempotencyKey,
        Significance significance = Significance.Routine, SharingLevel sharing = SharingLevel.Team, string? narrative = null) => new()
        {
            Kind = EntryKinds.Of(details).Code,
            Details = JsonSerializer.SerializeToElement(details, details.GetType(), ChronicleJson.Options),
            Narrative = narrative,
            OccurredAt = occurredAt,
            RecordedByProfessionalId = recordedBy,
            Subjects = [.. subjects.Distinct()],
            Source = Source.SeenByRecorder,
            Significance = significance,
            SharingLevel = sharing,
            IdempotencyKey = idempotencyKey,
            ByItsService = true,
        };
}

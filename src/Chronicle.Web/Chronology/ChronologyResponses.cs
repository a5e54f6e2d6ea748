using System.Text.Json;
using Chronicle.Core.Chronology;
using Chronicle.Core.Time;
using Chronicle.Web.Children;

namespace Chronicle.Web.Chronology;

/// <summary>An entry as written: the API's answer to a new entry or a correction.</summary>
public sealed record EntryResponse(
    Guid Id, string Kind, JsonElement Details, string? Narrative, DateTimeOffset? OccurredAt, DatePrecision OccurredPrecision,
    DateTimeOffset RecordedAt, Guid RecordedByProfessionalId, Guid RecordedByAgencyId, IReadOnlyList<Guid> Subjects,
    Source Source, string? SourceName, Significance Significance, SharingLevel SharingLevel, Guid? SupersedesEntryId, string? CorrectionReason)
{
    public static EntryResponse Of(ChronologyEntry e) => new(
        e.Id, e.Kind, Parse(e.Details), e.Narrative, e.OccurredAt, e.OccurredPrecision, e.RecordedAt, e.RecordedByProfessionalId, e.RecordedByAgencyId,
        [.. e.Subjects.Select(s => s.PersonId)], e.Source, e.SourceName, e.Significance, e.SharingLevel, e.SupersedesEntryId, e.CorrectionReason);

    internal static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}

/// <summary>An entry as a reader of the chronology sees it: what it says in words, who recorded it, and whether it was corrected.</summary>
public sealed record ChronologyItemResponse(
    Guid Id, string Kind, string KindLabel, string Summary, JsonElement Details, string? Narrative,
    DateTimeOffset? OccurredAt, DatePrecision OccurredPrecision, string Occurred, DateTimeOffset RecordedAt,
    Guid RecordedByProfessionalId, string RecordedBy, Guid RecordedByAgencyId, string Agency, IReadOnlyList<Guid> Subjects, IReadOnlyList<string> About,
    Source Source, string? SourceName, string Certainty, Significance Significance, SharingLevel SharingLevel,
    Guid? SupersedesEntryId, string? CorrectionReason, Guid? SupersededBy, string? SupersededReason)
{
    public static ChronologyItemResponse Of(ChronologyItem item)
    {
        var e = item.Entry;
        return new(e.Id, e.Kind, item.KindLabel, item.Summary, EntryResponse.Parse(item.DetailsJson), e.Narrative,
            e.OccurredAt, e.OccurredPrecision, Display.Occurred(e), e.RecordedAt,
            e.RecordedByProfessionalId, item.RecordedBy, e.RecordedByAgencyId, item.Agency, item.SubjectIds, item.About,
            e.Source, e.SourceName, Display.Certainty(e), e.Significance, e.SharingLevel,
            e.SupersedesEntryId, e.CorrectionReason, item.SupersededBy, item.SupersededReason);
    }
}

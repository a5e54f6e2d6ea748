using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;

namespace Chronicle.Core.Safeguards.Catalogue;

/// <summary>
/// SG-03: an assessment or decision records an injury as explained or accidental while the latest medical opinion on
/// it is undetermined or non-accidental. "We don't know how" must not become "it wasn't the parents".
/// </summary>
public sealed class AssessmentContradictsMedical : ISafeguard
{
    public static readonly SettingDefinition RespondWithin =
        new("respond-within", "Manager review within (the catalogue sets no timescale; this is Chronicle's default)", "5", "working days");

    public string Id => "SG-03";
    public int Version => 1;
    public string Title => "Assessment contradicts the medical opinion";
    public Severity Severity => Severity.Action;

    public IReadOnlyList<Lesson> Lessons { get; } =
    [
        new("000", "Baby R", "What we know about the family and what happened",
            "The S47 Assessment recorded that the bruise at 6 days had a reasonable explanation and was from the birth – this was not accurate. The medical had concluded that it could not determine whether the injury was from the birth, or another cause."),
    ];

    public IReadOnlyList<SettingDefinition> Settings { get; } = [RespondWithin];

    /// <summary>What it finds is worked out from what is known, never compared with the moment: time alone changes nothing.</summary>
    public DateTimeOffset? NextChange(CaseFile file, SafeguardContext context) => null;

    public IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context)
    {
        var contradictions = Contradictions(file, context.Now);
        return contradictions.Count == 0 ? [] : Findings(context, contradictions);
    }

    /// <summary>A statement that an injury was explained or accidental, the medical opinion it contradicts, and the injury.</summary>
    private sealed record Contradiction(CaseEntry Statement, InjuryExplanation Explanation, (CaseEntry Entry, ChildProtectionMedical Details) Medical, CaseEntry Injury);

    private IEnumerable<Finding> Findings(SafeguardContext context, List<Contradiction> contradictions)
    {
        var respondWithin = context.Policy.GetInt(Id, RespondWithin);
        foreach (var (statement, explanation, medical, injury) in contradictions)
        {
            var knowable = statement.RecordedAt > medical.Entry.RecordedAt ? statement.RecordedAt : medical.Entry.RecordedAt;
            var due = context.Calendar.DueAfterWorkingDays(knowable, respondWithin);
            var what = statement.Details is AssessmentCompleted ? "An assessment" : "A decision";
            var opinion = medical.Details.Opinion == MedicalOpinion.Undetermined ? "could not determine its cause" : "found it non-accidental";
            yield return new Finding(
                $"{(statement.Details is AssessmentCompleted ? "assessment" : "decision")}:{statement.CauseId()}:injury:{injury.CauseId()}",
                $"{what} records an injury as {(explanation == InjuryExplanation.Accidental ? "accidental" : "explained")}, but the child protection medical {opinion}.",
                $"A manager reviews it and records a correction of the assessment, or a decision (conflicting facts) on why it differs, {FindingWords.By(due)}.",
                due,
                [statement.Id, medical.Entry.Id, injury.Id],
                statement.Entry.RecordedByProfessionalId);
        }
    }

    /// <summary>
    /// For each injury known by then, the latest statement about it if that says explained or accidental while the
    /// latest medical opinion says undetermined or non-accidental, and no manager has reviewed it.
    /// </summary>
    private static List<Contradiction> Contradictions(CaseFile file, DateTimeOffset known)
    {
        var contradictions = new List<Contradiction>();
        var injuries = file.KnownAboutChild<InjuryObserved>(known).Select(x => x.Entry).ToList();
        if (injuries.Count == 0) return contradictions;

        var statements = Statements(file, known)
            .Select(s => (s.Entry, s.Explanation, Injury: injuries.FirstOrDefault(i => i.IsReferencedBy(s.InjuryId))))
            .Where(s => s.Injury is not null)
            .GroupBy(s => s.Injury!.Id);
        foreach (var onInjury in statements)
        {
            var latest = onInjury.OrderBy(s => s.Entry.When).ThenBy(s => s.Entry.RecordedAt).Last();
            if (latest.Explanation is not (InjuryExplanation.Explained or InjuryExplanation.Accidental)) continue;
            var injury = latest.Injury!;
            var medical = LatestOpinion(file, known, injury);
            if (medical is not { Details.Opinion: MedicalOpinion.Undetermined or MedicalOpinion.NonAccidental }) continue;
            if (Reviewed(file, known, latest.Entry, injury)) continue;
            contradictions.Add(new(latest.Entry, latest.Explanation, medical.Value, injury));
        }
        return contradictions;
    }

    /// <summary>What assessments and decisions say about injuries. A manager's conflicting-facts decision is the review itself, not a new statement.</summary>
    private static IEnumerable<(CaseEntry Entry, Guid InjuryId, InjuryExplanation Explanation)> Statements(CaseFile file, DateTimeOffset known)
    {
        foreach (var (entry, assessment) in file.Known<AssessmentCompleted>(known))
            foreach (var finding in assessment.InjuryFindings)
                yield return (entry, finding.InjuryEntryId, finding.Explanation);
        foreach (var (entry, decision) in file.Known<DecisionRecorded>(known))
            if (decision is { AboutEntryId: { } injuryId, InjuryExplanation: { } explanation } && decision.Topic != DecisionTopic.ConflictingFacts)
                yield return (entry, injuryId, explanation);
    }

    /// <summary>The latest child protection medical opinion (not pending) on the injury: one naming it, or naming no injury and held since it.</summary>
    private static (CaseEntry Entry, ChildProtectionMedical Details)? LatestOpinion(CaseFile file, DateTimeOffset known, CaseEntry injury) =>
        file.Known<ChildProtectionMedical>(known)
            .Where(m => m.Details.Opinion != MedicalOpinion.Pending
                        && (injury.IsReferencedByAny(m.Details.InjuryEntryIds)
                            || (m.Details.InjuryEntryIds.Count == 0 && m.Entry.Day() >= injury.Day() && injury.Entry.Subjects.Exists(s => m.Entry.Entry.IsAbout(s.PersonId)))))
            .OrderBy(m => m.Entry.When).ThenBy(m => m.Entry.RecordedAt)
            .Select(m => ((CaseEntry, ChildProtectionMedical)?)m)
            .LastOrDefault();

    /// <summary>A manager (a team manager, or the author's own manager) recorded a conflicting-facts decision about the statement or the injury since.</summary>
    private static bool Reviewed(CaseFile file, DateTimeOffset known, CaseEntry statement, CaseEntry injury)
    {
        var author = file.Professionals.GetValueOrDefault(statement.Entry.RecordedByProfessionalId);
        return file.Known<DecisionRecorded>(known).Any(d =>
            d.Details.Topic == DecisionTopic.ConflictingFacts
            && (statement.IsReferencedBy(d.Details.AboutEntryId) || injury.IsReferencedBy(d.Details.AboutEntryId))
            && d.Entry.RecordedAt >= statement.RecordedAt
            && (file.Professionals.GetValueOrDefault(d.Entry.Entry.RecordedByProfessionalId)?.Role == ProfessionalRole.TeamManager
                || d.Entry.Entry.RecordedByProfessionalId == author?.ManagerId));
    }
}

using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;

namespace Chronicle.Core.Safeguards.Catalogue;

/// <summary>
/// SG-07: risk is judged about the child (an assessment of the child's safety and needs is completed, social care,
/// early help or health; or children's social care decides to take a contact no further) while the chronology already
/// holds risk indicators about the child's parents or household (domestic abuse, violence, substance misuse,
/// mental health, an injury to another child in the household, prior child protection history, a parent's history of
/// harm to any child, proceedings or children removed, their care experience or adverse childhood experiences) that
/// the judgement does not analyse. Where an assessment or decision records what it analysed, only that counts; an
/// older assessment, which did not say, is read by what it references.
/// </summary>
public sealed class KnownRiskNotAnalysed : ISafeguard
{
    public static readonly SettingDefinition LookBack =
        new("look-back", "Risk indicators recorded within this long before the assessment", "5", "years");
    public static readonly SettingDefinition RespondWithin =
        new("respond-within", "The assessment addresses each indicator within (the catalogue sets no timescale; this is Chronicle's default)", "5", "working days");

    /// <summary>
    /// Assessments of the child's safety and needs, health assessments that judge risk among them (antenatal, new birth,
    /// health needs). Specialist assessments (parenting, psychological) answer narrower questions.
    /// </summary>
    public static readonly IReadOnlySet<AssessmentType> Covered =
        new HashSet<AssessmentType>
        {
            AssessmentType.ChildAndFamily, AssessmentType.Section47, AssessmentType.PreBirth, AssessmentType.EarlyHelp,
            AssessmentType.HealthNeeds, AssessmentType.Antenatal, AssessmentType.NewBirth,
        };

    public string Id => "SG-07";
    public int Version => 1;
    public string Title => "Known risk not analysed";
    public Severity Severity => Severity.Action;

    public IReadOnlyList<Lesson> Lessons { get; } =
    [
        new("000", "Baby R", "What we know about the family and what happened",
            "The assessment didn't show analysis possible risk from Father due to previously recorded concerns about his anger issues, and a known incident of domestic abuse between Mother and Father."),
        new("000", "Baby R", "What we have learnt",
            "The level of analysis in S47 assessments should be clearly documented to ensure that assessments are not descriptive."),
    ];

    public IReadOnlyList<SettingDefinition> Settings { get; } = [LookBack, RespondWithin];

    public IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context)
    {
        var assessments = file.Remember("SG-07-indicators-not-referenced", 0, static (file, _) => IndicatorsNotReferenced(file));
        return assessments.Length == 0 ? [] : Findings(assessments, context);
    }

    /// <summary>A finding for each assessment known by now that leaves out indicators within the look-back not since answered.</summary>
    private IEnumerable<Finding> Findings(CoveredAssessment[] assessments, SafeguardContext context)
    {
        var years = context.Policy.GetInt(Id, LookBack);
        var respondWithin = context.Policy.GetInt(Id, RespondWithin);
        var now = context.Now;
        foreach (var (assessment, indicators) in assessments)
        {
            if (assessment.RecordedAt > now) continue;
            var from = assessment.When.AddYears(-years);
            var isDecision = assessment.Details is ContactDecision;
            var missing = 0;
            foreach (var indicator in indicators)
                if (IsMissing(indicator, from, now)) missing++;
            if (missing == 0) continue;

            var evidence = new List<Guid>(missing + 1) { assessment.Id };
            foreach (var indicator in indicators)
                if (IsMissing(indicator, from, now)) evidence.Add(indicator.Entry.Id);
            var due = context.Calendar.DueAfterWorkingDays(assessment.RecordedAt, respondWithin);
            yield return new Finding(
                $"{(isDecision ? "decision" : "assessment")}:{assessment.CauseId()}",
                isDecision
                    ? $"A decision to take a contact no further does not analyse {missing} risk indicator{(missing == 1 ? "" : "s")} already on record about the child's family."
                    : $"A completed assessment does not analyse {missing} risk indicator{(missing == 1 ? "" : "s")} already on record about the child's family.",
                isDecision
                    ? $"Reconsider the decision with each indicator analysed, or record a decision on each saying why it is not relevant, {FindingWords.By(due)}."
                    : $"Correct the assessment to analyse each indicator, or record a decision on each saying why it is not relevant, {FindingWords.By(due)}.",
                due,
                evidence,
                assessment.Entry.RecordedByProfessionalId);
        }
    }

    /// <summary>
    /// A risk indicator on record when an assessment was completed that the assessment does not reference, and when a
    /// decision about it was first recorded since the assessment (<see cref="DateTimeOffset.MaxValue"/> while none has been).
    /// </summary>
    private readonly record struct NotReferenced(CaseEntry Entry, DateTimeOffset AnsweredAt);

    /// <summary>An assessment of the child's safety and needs, and the indicators on record that it does not reference, oldest first.</summary>
    private sealed record CoveredAssessment(CaseEntry Entry, NotReferenced[] Indicators);

    /// <summary>Still missing by now: within the look-back (a parent's history has none), and no decision about it known yet.</summary>
    private static bool IsMissing(in NotReferenced indicator, DateTimeOffset from, DateTimeOffset now) =>
        (indicator.Entry.When >= from || indicator.Entry.Details is ParentHistory) && indicator.AnsweredAt > now;

    /// <summary>
    /// Each covered assessment of the child, in chronology order, with the risk indicators already recorded when it was
    /// completed (however long before) that it does not reference: worked out once for the file. Assessments that
    /// leave none out are left out.
    /// </summary>
    private static CoveredAssessment[] IndicatorsNotReferenced(CaseFile file)
    {
        var assessments = file.OfAboutChild<AssessmentCompleted>();
        var decisions = file.OfAboutChild<ContactDecision>();
        if (assessments.Count == 0 && decisions.Count == 0) return [];
        var candidates = Candidates(file).ToList();
        var found = new List<CoveredAssessment>();
        var judgements = new List<(CaseEntry Entry, IReadOnlyList<Guid> Analysed)>();
        foreach (var assessment in assessments)
        {
            var details = (AssessmentCompleted)assessment.Details;
            if (Covered.Contains(details.Type)) judgements.Add((assessment, details.RisksAnalysed ?? details.RisksAddressed));
        }
        // A decision to go no further is where risk is judged at the front door; one that did not record what it weighed analysed nothing on record.
        foreach (var decision in decisions)
            if (((ContactDecision)decision.Details) is { StepsDown: true } d) judgements.Add((decision, d.RisksAnalysed ?? []));
        judgements.Sort(static (a, b) => a.Entry.When.CompareTo(b.Entry.When));
        foreach (var (judgement, analysed) in judgements)
        {
            var before = candidates.Where(i => i.When <= judgement.When && i.RecordedAt <= judgement.RecordedAt).ToList();
            if (before.Count == 0) continue;
            var notReferenced = Indicators(file, before, judgement)
                .Where(i => !i.IsReferencedByAny(analysed))
                .Select(i => new NotReferenced(i, AnsweredAt(file, i, judgement)))
                .ToArray();
            if (notReferenced.Length > 0) found.Add(new(judgement, notReferenced));
        }
        return [.. found];
    }

    /// <summary>When a decision about the indicator (or the entry it corrects) was first recorded since the assessment.</summary>
    private static DateTimeOffset AnsweredAt(CaseFile file, CaseEntry indicator, CaseEntry assessment)
    {
        var answered = DateTimeOffset.MaxValue;
        Consider(file.DecisionsAbout(indicator.Id));
        if (indicator.Entry.SupersedesEntryId is { } corrected) Consider(file.DecisionsAbout(corrected));
        return answered;

        void Consider(IReadOnlyList<CaseEntry> decisions)
        {
            foreach (var decision in decisions)
                if (decision.RecordedAt >= assessment.RecordedAt && decision.RecordedAt < answered) answered = decision.RecordedAt;
        }
    }

    /// <summary>Entries of the kinds that can be risk indicators, oldest first, before asking whom they are about.</summary>
    private static IEnumerable<CaseEntry> Candidates(CaseFile file) =>
        file.Of<PoliceIncident>().Where(e => e.As<PoliceIncident>()!.Type is IncidentType.DomesticAbuse or IncidentType.Violence)
            .Concat(file.Of<AdultConcern>().Where(e => e.As<AdultConcern>()!.Type is AdultConcernType.SubstanceMisuse or AdultConcernType.Alcohol or AdultConcernType.MentalHealth))
            .Concat(file.Of<ParentHistory>())
            .Concat(file.Of<InjuryObserved>())
            .Concat(file.Of<HospitalAttendance>().Where(e => e.As<HospitalAttendance>() is { } h && (h.Injury || h.PossiblyNonAccidental)))
            .Concat(file.Of<PlanStarted>().Where(e => e.As<PlanStarted>() is { Type: PlanType.ChildProtection, Draft: false }))
            .OrderBy(e => e.When).ThenBy(e => e.RecordedAt);

    /// <summary>Of the candidates, the risk indicators about the child, the parents or the household at the time of the assessment.</summary>
    private static IEnumerable<CaseEntry> Indicators(CaseFile file, IReadOnlyList<CaseEntry> candidates, CaseEntry assessment)
    {
        var family = file.ChildParentsAndHousehold(assessment.Day());
        var otherChildren = family.Where(id => id != file.Child.Id && file.People.TryGetValue(id, out var p) && p.IsChild).ToHashSet();
        foreach (var entry in candidates)
        {
            var indicator = entry.Details switch
            {
                AdultConcern a => family.Contains(a.AdultPersonId),
                ParentHistory h => family.Contains(h.AdultPersonId),
                InjuryObserved or HospitalAttendance => entry.Entry.Subjects.Exists(s => otherChildren.Contains(s.PersonId)),
                PlanStarted => entry.Entry.Subjects.Exists(s => family.Contains(s.PersonId)) && PriorPlan(file, entry, assessment),
                _ => entry.Entry.Subjects.Exists(s => family.Contains(s.PersonId)),
            };
            if (indicator) yield return entry;
        }
    }

    /// <summary>A child protection plan before this episode: anyone else's, or the child's own that had ended by the assessment.</summary>
    private static bool PriorPlan(CaseFile file, CaseEntry plan, CaseEntry assessment) =>
        !plan.Entry.IsAbout(file.Child.Id)
        || file.Of<PlanEnded>().Any(e => plan.IsReferencedBy(e.As<PlanEnded>()!.PlanEntryId) && e.When <= assessment.When);
}

using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;

namespace Chronicle.Core.Safeguards.Catalogue;

/// <summary>
/// SG-07: risk is judged about the child (an assessment of the child's safety and needs is completed, social care,
/// early help or health; children's social care decides to take a contact no further; a strategy discussion, a meeting
/// that judges risk or a plan's start or review records what it weighed, or ends the work) while the chronology already
/// holds risk indicators about the child's parents or household (domestic abuse, violence, substance misuse,
/// mental health, an injury to another child in the household, prior child protection history, a parent's history of
/// harm to any child, proceedings or children removed, their care experience or adverse childhood experiences) that
/// the judgement does not analyse. Where an assessment or decision records what it analysed, only that counts; an
/// older assessment, which did not say, is read by what it references, unless what it considered names no risk. A
/// judgement that takes the case no further and records neither is asked to record what it weighed (a reminder): what it
/// analysed is unknown, never read as nothing; once that is late, the missing record is an alert. An assessment open
/// past the setting is reminded of the indicators nothing has analysed.
/// </summary>
public sealed class KnownRiskNotAnalysed : ISafeguard
{
    public static readonly SettingDefinition LookBack =
        new("look-back", "Risk indicators recorded within this long before the assessment", "5", "years");
    public static readonly SettingDefinition RespondWithin =
        new("respond-within", "The assessment addresses each indicator within (the catalogue sets no timescale; this is Chronicle's default)", "5", "working days");
    public static readonly SettingDefinition OpenAssessmentAfter =
        new("open-assessment-after", "An assessment still open this long after it started is reminded of the indicators on record that nothing has analysed", "10", "working days");

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

    public IReadOnlyList<SettingDefinition> Settings { get; } = [LookBack, RespondWithin, OpenAssessmentAfter];

    /// <summary>
    /// When each judgement that did not record what it weighed is late in saying so: it then joins the run of
    /// judgements that passed the indicator by. What is open too long is only ever a reminder.
    /// </summary>
    public DateTimeOffset? NextChange(CaseFile file, SafeguardContext context)
    {
        var risks = JudgementsOfIndicators(file);
        var next = new NextMoment(context.Now);
        var respondWithin = context.Policy.GetInt(Id, RespondWithin);
        foreach (var risk in risks)
            foreach (var (judgement, analysed) in risk.Judgements)
                if (analysed is null) next.At(context.Calendar.DueAfterWorkingDays(judgement.RecordedAt, respondWithin));
        return next.Earliest;
    }

    public IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context)
    {
        var risks = JudgementsOfIndicators(file);
        var found = risks.Length == 0 ? [] : Findings(risks, context);
        return file.OfAboutChild<AssessmentStarted>().Count == 0 ? found : found.Concat(OpenTooLong(file, context));
    }

    /// <summary>
    /// A reminder to the lead of each assessment of the child open longer than the setting, for each risk indicator on
    /// record that no judgement since it was recorded has analysed and no decision has answered: the assessment is
    /// where it will be weighed, and is still within its time, so this is never an alert. A completed assessment that
    /// leaves it out is.
    /// </summary>
    private IEnumerable<Finding> OpenTooLong(CaseFile file, SafeguardContext context)
    {
        var now = context.Now;
        var open = file.OpenAssessments(now);
        if (open.Count == 0) yield break;
        var after = context.Policy.GetInt(Id, OpenAssessmentAfter);
        var years = context.Policy.GetInt(Id, LookBack);
        foreach (var (started, assessment) in open)
        {
            if (!Covered.Contains(assessment.Type) || started.RecordedAt > now) continue;
            var due = context.Calendar.DueAfterWorkingDays(started.When, after);
            if (now <= due) continue;
            var known = Candidates(file).Where(i => i.RecordedAt <= now && i.When <= now).ToList();
            foreach (var indicator in Indicators(file, known, started))
            {
                if (indicator.Details is not ParentHistory && indicator.When < now.AddYears(-years)) continue;
                if (AnalysedSince(file, indicator, now) || Answers(file, indicator).Any(a => a >= indicator.RecordedAt && a <= now)) continue;
                yield return new Finding(
                    $"open-assessment:{started.CauseId()}:risk:{indicator.CauseId()}",
                    $"The assessment open since {TimelinessFacts.Describe(started.Day())} has not yet recorded analysing a risk indicator on record about the child's family ({KindOf(indicator)}), and no judgement since it was recorded has.",
                    "Analyse it in the assessment (risks analysed), or record a decision on it saying why it is not relevant.",
                    due,
                    [indicator.Id, started.Id],
                    assessment.LeadProfessionalId ?? started.Entry.RecordedByProfessionalId,
                    Reminder: true);
            }
        }
    }

    /// <summary>A judgement of risk about the child known by now, after the indicator was recorded, that analysed it.</summary>
    private static bool AnalysedSince(CaseFile file, CaseEntry indicator, DateTimeOffset now)
    {
        foreach (var judgement in Judgements(file))
            if (judgement.RecordedAt <= now && judgement.When >= indicator.When && Analysed(judgement.Details)?.Covers(indicator) == true) return true;
        return false;
    }

    /// <summary>
    /// One finding per risk indicator that the latest judgement known by now left unanalysed, counting the run of
    /// judgements since it was last analysed or answered by a decision. The cause is the indicator, so the child has
    /// one alert per unanalysed risk however many decisions pass it by: the finding names the latest and lists the
    /// earlier ones of the run as evidence.
    /// </summary>
    private IEnumerable<Finding> Findings(JudgedIndicator[] risks, SafeguardContext context)
    {
        var years = context.Policy.GetInt(Id, LookBack);
        var respondWithin = context.Policy.GetInt(Id, RespondWithin);
        var now = context.Now;
        foreach (var (indicator, judgements, answers) in risks)
        {
            var run = new List<CaseEntry>();
            CaseEntry? unrecorded = null;
            var analysedBefore = false;
            foreach (var (judgement, analysed) in judgements)
            {
                if (judgement.RecordedAt > now) continue;
                if (indicator.Details is not ParentHistory && indicator.When < judgement.When.AddYears(-years)) continue;
                if (run.Count > 0 && AnsweredBetween(answers, run[0].RecordedAt, judgement.RecordedAt)) run.Clear();
                if (unrecorded is not null && AnsweredBetween(answers, unrecorded.RecordedAt, judgement.RecordedAt)) unrecorded = null;
                // A judgement that did not record what it weighed neither shows the indicator analysed nor shows it
                // passed by: it is asked to say (a reminder). Once that is late and it still has not, the step is
                // missing, and it joins the run of judgements that passed the indicator by.
                if (analysed is null)
                {
                    // Once a judgement has analysed the indicator, a later one that does not say what it weighed leaves
                    // nothing missing from the record.
                    if (analysedBefore) continue;
                    if (now <= context.Calendar.DueAfterWorkingDays(judgement.RecordedAt, respondWithin))
                    {
                        unrecorded = judgement;
                        continue;
                    }
                    unrecorded = null;
                    if (run.Count == 0 && AnsweredBetween(answers, judgement.RecordedAt, now.AddTicks(1))) continue;
                    run.Add(judgement);
                    continue;
                }
                unrecorded = null;
                if (analysed.Value)
                {
                    run.Clear();
                    analysedBefore = true;
                }
                else run.Add(judgement);
            }
            if (run.Count == 0 || AnsweredBetween(answers, run[0].RecordedAt, now.AddTicks(1)))
            {
                if (unrecorded is not null && !AnsweredBetween(answers, unrecorded.RecordedAt, now.AddTicks(1)))
                    yield return NotRecorded(indicator, unrecorded, context, respondWithin);
                continue;
            }

            var latest = run[^1];
            var latestUnrecorded = judgements.Find(j => j.Judgement == latest).Analysed is null;
            var evidence = new List<Guid>(run.Count + 1) { indicator.Id, latest.Id };
            for (var i = run.Count - 2; i >= 0; i--) evidence.Add(run[i].Id);
            // An earlier judgement that never recorded what it weighed is unknown, not one that left the indicator out.
            var earlierRun = run.Take(run.Count - 1).ToList();
            var unrecordedEarlier = earlierRun.Count(j => judgements.Find(x => x.Judgement == j).Analysed is null);
            var notAnalysedEarlier = earlierRun.Count - unrecordedEarlier;
            var also = (notAnalysedEarlier == 0 ? "" : $" {notAnalysedEarlier} earlier judgement{(notAnalysedEarlier == 1 ? "" : "s")} did not analyse it either.")
                + (unrecordedEarlier == 0 ? "" : $" {unrecordedEarlier} earlier judgement{(unrecordedEarlier == 1 ? "" : "s")} did not record which risks {(unrecordedEarlier == 1 ? "it" : "they")} weighed.");
            var due = context.Calendar.DueAfterWorkingDays(run[0].RecordedAt, respondWithin);
            yield return new Finding(
                $"risk:{indicator.CauseId()}",
                (latestUnrecorded
                    ? $"A risk indicator on record about the child's family ({KindOf(indicator)}) was on record when {Describe(latest)}, which still does not record which risks it weighed; it was asked to {FindingWords.By(context.Calendar.DueAfterWorkingDays(latest.RecordedAt, respondWithin))}."
                    : $"A risk indicator on record about the child's family ({KindOf(indicator)}) was not analysed by {Describe(latest)}.") + also,
                latest.Details is AssessmentCompleted
                    ? $"Correct the assessment to analyse the indicator, or record a decision on it saying why it is not relevant, {FindingWords.By(due)}."
                    : $"Reconsider the judgement with the indicator analysed (risks analysed), or record a decision on it saying why it is not relevant, {FindingWords.By(due)}.",
                due,
                evidence,
                latest.Entry.RecordedByProfessionalId);
        }
    }

    /// <summary>
    /// A reminder to the decision maker: the judgement took the case no further with the indicator on record and did not
    /// record what it weighed. Whether it analysed the indicator is not known, so this is never an alert.
    /// </summary>
    private static Finding NotRecorded(CaseEntry indicator, CaseEntry judgement, SafeguardContext context, int respondWithin)
    {
        var due = context.Calendar.DueAfterWorkingDays(judgement.RecordedAt, respondWithin);
        var what = Describe(judgement);
        return new Finding(
            $"risk-not-recorded:{indicator.CauseId()}",
            $"{char.ToUpperInvariant(what[0])}{what[1..]} does not record which risks it analysed, and a risk indicator about the child's family ({KindOf(indicator)}) was on record.",
            $"Record what the judgement analysed (risks analysed), or a decision on the indicator, {FindingWords.By(due)}.",
            due,
            [indicator.Id, judgement.Id],
            judgement.Entry.RecordedByProfessionalId,
            Reminder: true);
    }

    /// <summary>The judgement in words: "the decision on Friday 8 December 2017 to take a contact no further".</summary>
    private static string Describe(CaseEntry judgement) => judgement.Details switch
    {
        ContactDecision => $"the decision on {FindingWords.Day(judgement)} to take a contact no further",
        StrategyDiscussion => $"the strategy discussion on {FindingWords.Day(judgement)}",
        MeetingHeld m => $"the {MeetingWords(m.Type)} on {FindingWords.Day(judgement)}",
        PlanStarted => $"the plan started on {FindingWords.Day(judgement)}",
        PlanReviewed => $"the plan review on {FindingWords.Day(judgement)}",
        _ => $"the assessment completed on {FindingWords.Day(judgement)}",
    };

    private static string MeetingWords(MeetingType type) => type switch
    {
        MeetingType.StrategyMeeting => "strategy meeting",
        MeetingType.InitialChildProtectionConference => "initial child protection conference",
        MeetingType.ReviewChildProtectionConference => "review child protection conference",
        MeetingType.TransferInConference => "transfer-in conference",
        MeetingType.CoreGroup => "core group",
        _ => "child in need review",
    };

    /// <summary>A decision about the indicator recorded at or after <paramref name="from"/> and before <paramref name="to"/>.</summary>
    private static bool AnsweredBetween(DateTimeOffset[] answers, DateTimeOffset from, DateTimeOffset to)
    {
        foreach (var answered in answers)
            if (answered >= from && answered < to) return true;
        return false;
    }

    private static string KindOf(CaseEntry indicator) => indicator.Details switch
    {
        PoliceIncident p => p.Type == IncidentType.DomesticAbuse ? "domestic abuse" : "violence",
        AdultConcern a => a.Type switch
        {
            AdultConcernType.MentalHealth => "a parent's mental health",
            AdultConcernType.SubstanceMisuse or AdultConcernType.Alcohol => "substance misuse",
            AdultConcernType.Offending => "a parent's offending",
            AdultConcernType.LearningDisability => "a parent's learning disability",
            _ => "information about a parent",
        },
        ParentHistory => "a parent's history",
        PlanStarted => "a previous child protection plan",
        _ => "an injury to another child",
    };

    /// <summary>A judgement of risk about the child and whether it analysed the indicator (null: it did not record what it weighed).</summary>
    private readonly record struct Judged(CaseEntry Judgement, bool? Analysed);

    /// <summary>
    /// A risk indicator, the judgements made while it was on record about the child's family (oldest first), and when
    /// decisions about it (or the entry it corrects) were recorded.
    /// </summary>
    private sealed record JudgedIndicator(CaseEntry Indicator, List<Judged> Judgements, DateTimeOffset[] Answers);

    /// <summary>
    /// What a judgement analysed: <c>Known</c> when it records <c>risksAnalysed</c> (only that counts: mention is not
    /// analysis), or, for an older assessment that did not say, what it references; <c>NotRecorded</c> when it takes the
    /// child's case no further (no further action, early help, a contact stepped down) and records neither, so what it
    /// weighed is unknown and stays unknown: it is asked to record it (a reminder), never read as having analysed
    /// nothing; null where the judgement says nothing about risk and hands it on (a front-door decision that does not
    /// step down, an assessment that leads to further work).
    /// </summary>
    private static Analysis? Analysed(EntryDetails details) => details switch
    {
        AssessmentCompleted a when Covered.Contains(a.Type) =>
            a.RisksAnalysed is { } analysed ? Analysis.Of(analysed)
                // It says what it considered and none of it is a risk: what it references it mentioned, not analysed.
                : RiskReading.WeighedNoRisk(a) ? Analysis.Of([])
                : a.RisksAddressed.Count > 0 ? Analysis.Of(a.RisksAddressed)
                : a.Outcome is AssessmentOutcome.NoFurtherAction or AssessmentOutcome.EarlyHelp ? Analysis.NotRecorded : null,
        ContactDecision { StepsDown: true } d => d.RisksAnalysed is { } analysed ? Analysis.Of(analysed) : Analysis.NotRecorded,
        StrategyDiscussion s =>
            s.RisksAnalysed is { } analysed ? Analysis.Of(analysed) : s.Decision == StrategyOutcome.NoFurtherAction ? Analysis.NotRecorded : null,
        MeetingHeld m when JudgingMeetings.Contains(m.Type) =>
            m.RisksAnalysed is { } analysed ? Analysis.Of(analysed)
                : m.Decision is ConferenceDecision.NoFurtherAction or ConferenceDecision.PlanEnds ? Analysis.NotRecorded : null,
        PlanStarted { Draft: false, RisksAnalysed: { } analysed } => Analysis.Of(analysed),
        PlanReviewed { RisksAnalysed: { } analysed } => Analysis.Of(analysed),
        _ => null,
    };

    /// <summary>Meetings that judge risk: strategy meetings, conferences, core groups and child in need reviews.</summary>
    private static readonly IReadOnlySet<MeetingType> JudgingMeetings = new HashSet<MeetingType>
    {
        MeetingType.StrategyMeeting, MeetingType.InitialChildProtectionConference, MeetingType.ReviewChildProtectionConference,
        MeetingType.TransferInConference, MeetingType.CoreGroup, MeetingType.ChildInNeedReview,
    };

    /// <summary>Every entry about the child at a point where risk is judged, in chronology order.</summary>
    private static IEnumerable<CaseEntry> Judgements(CaseFile file) =>
        file.OfAboutChild<AssessmentCompleted>().Concat(file.OfAboutChild<ContactDecision>()).Concat(file.OfAboutChild<StrategyDiscussion>())
            .Concat(file.OfAboutChild<MeetingHeld>()).Concat(file.OfAboutChild<PlanStarted>()).Concat(file.OfAboutChild<PlanReviewed>());

    /// <summary>What a judgement is known to have analysed, or that it did not record it (<see cref="Known"/> is null).</summary>
    private sealed record Analysis(IReadOnlyList<Guid>? Known)
    {
        public bool? Covers(CaseEntry indicator) => Known is { } known ? indicator.IsReferencedByAny(known) : null;

        public static readonly Analysis NotRecorded = new((IReadOnlyList<Guid>?)null);
        public static Analysis Of(IReadOnlyList<Guid> analysed) => new(analysed);
    }

    /// <summary>
    /// Each risk indicator about the child's family with the covered judgements made while it was on record, in
    /// chronology order. Indicators no judgement met are left out.
    /// </summary>
    private static JudgedIndicator[] JudgementsOfIndicators(CaseFile file)
    {
        var judgements = new List<(CaseEntry Entry, Analysis Analysed)>();
        foreach (var entry in Judgements(file))
            if (Analysed(entry.Details) is { } analysed) judgements.Add((entry, analysed));
        if (judgements.Count == 0) return [];
        judgements.Sort(static (a, b) => a.Entry.When.CompareTo(b.Entry.When));
        var candidates = Candidates(file).ToList();
        var found = new Dictionary<Guid, JudgedIndicator>();
        var order = new List<JudgedIndicator>();
        foreach (var (judgement, analysed) in judgements)
        {
            var before = candidates.Where(i => i.When <= judgement.When && i.RecordedAt <= judgement.RecordedAt).ToList();
            if (before.Count == 0) continue;
            foreach (var indicator in Indicators(file, before, judgement))
            {
                if (!found.TryGetValue(indicator.Id, out var judged))
                {
                    judged = new(indicator, [], Answers(file, indicator));
                    found.Add(indicator.Id, judged);
                    order.Add(judged);
                }
                judged.Judgements.Add(new(judgement, analysed.Known is { } known ? indicator.IsReferencedByAny(known) : null));
            }
        }
        return [.. order.Where(j => j.Judgements.Exists(static x => x.Analysed != true))];
    }

    /// <summary>When decisions about the indicator (or the entry it corrects) were recorded.</summary>
    private static DateTimeOffset[] Answers(CaseFile file, CaseEntry indicator)
    {
        var answers = file.DecisionsAbout(indicator.Id).Select(static d => d.RecordedAt);
        if (indicator.Entry.SupersedesEntryId is { } corrected) answers = answers.Concat(file.DecisionsAbout(corrected).Select(static d => d.RecordedAt));
        return [.. answers];
    }

    /// <summary>Entries of the kinds that can be risk indicators, oldest first, before asking whom they are about.</summary>
    private static IEnumerable<CaseEntry> Candidates(CaseFile file) =>
        file.Of<PoliceIncident>().Where(e => e.As<PoliceIncident>()!.Type is IncidentType.DomesticAbuse or IncidentType.Violence)
            .Concat(file.Of<AdultConcern>().Where(e => RiskReading.BearsOnRisk(e.As<AdultConcern>()!)))
            .Concat(file.Of<ParentHistory>())
            .Concat(file.Of<InjuryObserved>())
            .Concat(file.Of<HospitalAttendance>().Where(e => e.As<HospitalAttendance>() is { } h && (h.Injury || h.PossiblyNonAccidental)))
            .Concat(file.Of<PlanStarted>().Where(e => e.As<PlanStarted>() is { Type: PlanType.ChildProtection, Draft: false }))
            .OrderBy(e => e.When).ThenBy(e => e.RecordedAt);

    /// <summary>Of the candidates, the risk indicators about the child, the parents or the household at the time of the judgement.</summary>
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

    /// <summary>
    /// A child protection plan before this episode: one that had ended by the judgement, or anyone else's that started
    /// before the episode (the latest contact about the child before the judgement). Another child's plan made in the
    /// same episode (a twin's or sibling's plan from the same conference) is the same work, not history.
    /// </summary>
    private static bool PriorPlan(CaseFile file, CaseEntry plan, CaseEntry assessment)
    {
        if (file.Of<PlanEnded>().Any(e => plan.IsReferencedBy(e.As<PlanEnded>()!.PlanEntryId) && e.When <= assessment.When)) return true;
        if (plan.Entry.IsAbout(file.Child.Id)) return false;
        CaseEntry? episode = null;
        foreach (var contact in file.OfAboutChild<ContactReceived>())
            if (contact.When <= assessment.When && (episode is null || contact.When > episode.When)) episode = contact;
        return episode is null || plan.When < episode.When;
    }
}

using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;
using Chronicle.Core.Time;

namespace Chronicle.Core.Safeguards.Catalogue;

/// <summary>
/// SG-12: a parent (wherever they live, prison included) or an adult in the household is neither seen nor assessed,
/// with no attempts recorded, when an assessment (social care, early help or health) or plan is completed; or, where
/// the assessment records whom it assessed as a parent, was seen but not assessed in that role; or an assessment has
/// been open past the setting without its agency seeing them or recording attempts; or a strategy discussion that ends
/// the work, a conference or a safety plan judged the child's safety while they had not been assessed as a parent (nor
/// seen, nor attempts recorded) in the episode; or, while a plan is open, they have had no contact with the team for the
/// setting.
/// </summary>
public sealed class SignificantAdultNotAssessed : ISafeguard
{
    public static readonly SettingDefinition NoContactFor =
        new("no-contact-for", "While a plan is open, an adult with no contact with the team for", "6", "weeks");
    public static readonly SettingDefinition OpenAssessmentAfter =
        new("open-assessment-after", "An assessment still open this long after it started, without its agency seeing an adult or recording attempts", "10", "working days");
    public static readonly SettingDefinition RespondWithin =
        new("respond-within", "After an assessment or plan leaves an adult out, see them or record why not within (the catalogue sets no timescale; this is Chronicle's default)", "5", "working days");

    public string Id => "SG-12";
    public int Version => 1;
    public string Title => "Father or significant adult not assessed";
    public Severity Severity => Severity.Action;

    public IReadOnlyList<Lesson> Lessons { get; } =
    [
        new("001", "Family L", "Our focus in this review",
            "The Father was not included until late in the process, and this can impact significantly on the analysis of risk in the family."),
        new("001", "Family L", "What we can do differently in the future",
            "Attempt to involve all parents in assessments from the very beginning, even if they are absent through being in prison, or not currently having contact."),
        new("004", "Child BF", "Finding BF3",
            "In this case professionals were able to build an early relationship with Father but struggled to maintain the engagement as he became increasingly remote. This compromised the accuracy of the assessment of risk."),
        new("000", "Baby R", "The good practice that we identified",
            "The Father was involved in assessments by both Social Workers and Health Visitors."),
    ];

    public IReadOnlyList<SettingDefinition> Settings { get; } = [NoContactFor, OpenAssessmentAfter, RespondWithin];

    /// <summary>
    /// When each adult left out of an assessment, plan or judgement is answered, and when a judgement's reminder falls due;
    /// while a plan is open (no contact with an adult for weeks), the end of each day; and when each open assessment has
    /// been open too long.
    /// </summary>
    public DateTimeOffset? NextChange(CaseFile file, SafeguardContext context)
    {
        var now = context.Now;
        var omissions = AdultsLeftOut(file);
        var next = new NextMoment(now).NextEntryHappens(file).NextDayAroundChildChanges(file);
        foreach (var (_, _, leftOut) in omissions.Assessments)
            foreach (var (_, answeredAt) in leftOut) next.At(answeredAt);
        foreach (var (_, _, leftOut) in omissions.Plans)
            foreach (var (_, answeredAt) in leftOut) next.At(answeredAt);
        // A judgement that left an adult out is a reminder until its due time, then an alert.
        var respondWithin = context.Policy.GetInt(Id, RespondWithin);
        foreach (var (judgement, _, leftOut) in omissions.Judgements)
        {
            if (leftOut.Length == 0) continue;
            next.At(context.Calendar.DueAfterWorkingDays(judgement.RecordedAt, respondWithin));
            foreach (var (_, answeredAt) in leftOut) next.At(answeredAt);
        }
        if (omissions.Plans.Length > 0 && file.IsOnPlan(now, OtherThanSafety)) next.EndOfToday();
        var after = context.Policy.GetInt(Id, OpenAssessmentAfter);
        foreach (var (started, assessment) in file.OpenAssessments(now))
        {
            if (!KnownRiskNotAnalysed.Covered.Contains(assessment.Type)) continue;
            var due = context.Calendar.DueAfterWorkingDays(started.When, after);
            if (due >= now) next.At(due);
            else next.EndOfToday();
        }
        return next.Earliest;
    }

    public IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context)
    {
        var omissions = AdultsLeftOut(file);
        // Every cause follows an assessment, a plan or a judgement about the child.
        var completed = omissions.Assessments.Length == 0 && omissions.Plans.Length == 0 && omissions.Judgements.Length == 0 ? [] : Findings(file, omissions, context);
        return file.OfAboutChild<AssessmentStarted>().Count == 0 ? completed : completed.Concat(OpenTooLong(file, context));
    }

    /// <summary>
    /// Each assessment of the child open longer than the setting, and each parent or household adult its agency has
    /// neither seen since it started nor recorded attempts to see, with no decision on the adult not assessed.
    /// </summary>
    private IEnumerable<Finding> OpenTooLong(CaseFile file, SafeguardContext context)
    {
        var after = context.Policy.GetInt(Id, OpenAssessmentAfter);
        var now = context.Now;
        foreach (var (started, assessment) in file.OpenAssessments(now))
        {
            if (!KnownRiskNotAnalysed.Covered.Contains(assessment.Type) || started.RecordedAt > now) continue;
            var due = context.Calendar.DueAfterWorkingDays(started.When, after);
            if (now <= due) continue;
            var agency = file.AgencyOfProfessional(assessment.LeadProfessionalId)?.Id ?? started.Entry.RecordedByAgencyId;
            foreach (var adult in file.ParentsAndHouseholdAdults(now.Day()).Order())
            {
                if (SeenByAgency(file, adult, agency, started.When, now) || AttemptedAt(file, adult, started.When, now) <= now) continue;
                if (file.Known<DecisionRecorded>(now).Any(d => d.Details is { Topic: DecisionTopic.AdultNotAssessed } x && x.AboutPersonId == adult && d.Entry.When >= started.When)) continue;
                yield return new Finding(
                    $"open-assessment:{started.CauseId()}:person:{adult}",
                    $"An assessment open since {TimelinessFacts.Describe(started.Day())} has not seen {Who(file, adult)}, and no attempts are recorded.",
                    $"See and assess {Them(file, adult)}, or record the attempts made and why not (a decision on the adult not assessed).",
                    due,
                    [started.Id],
                    assessment.LeadProfessionalId ?? started.Entry.RecordedByProfessionalId);
            }
        }
    }

    /// <summary>The assessing agency saw the adult (on a visit, or engaging) between the two moments, as known by the second.</summary>
    private static bool SeenByAgency(CaseFile file, Guid adult, Guid agency, DateTimeOffset from, DateTimeOffset now)
    {
        foreach (var (entry, visit) in file.Known<HomeVisit>(now))
            if (entry.Entry.RecordedByAgencyId == agency && entry.When >= from && visit.PeopleSeen.Contains(adult)) return true;
        foreach (var (entry, engagement) in file.Known<ParentalEngagement>(now))
            if (entry.Entry.RecordedByAgencyId == agency && entry.When >= from && engagement is { Type: EngagementType.Engaged } && engagement.ParentPersonId == adult) return true;
        return false;
    }

    /// <summary>
    /// A finding for each adult an assessment or plan known by now left out, unanswered by now; and for each adult with
    /// no contact for the setting while a plan is open.
    /// </summary>
    private IEnumerable<Finding> Findings(CaseFile file, Omissions omissions, SafeguardContext context)
    {
        var respondWithin = context.Policy.GetInt(Id, RespondWithin);
        var weeks = context.Policy.GetInt(Id, NoContactFor);
        var now = context.Now;
        var record = omissions.Record;

        foreach (var (assessment, started, leftOut) in omissions.Assessments)
        {
            if (assessment.RecordedAt > now) continue;
            // Until the start of the assessment is known, the attempts that count are those before its completion.
            var adults = started is null || started.RecordedAt <= now ? leftOut : LeftOutOfAssessment(file, record, assessment, StartOf(file, assessment, now));
            foreach (var (adult, answeredAt) in adults)
            {
                if (answeredAt <= now) continue;
                var due = context.Calendar.DueAfterWorkingDays(assessment.RecordedAt, respondWithin);
                yield return NotAssessed($"assessment:{assessment.CauseId()}:person:{adult}", "An assessment", file, adult, assessment, due, assessment.Entry.RecordedByProfessionalId);
            }
        }

        foreach (var (plan, episode, leftOut) in omissions.Plans)
        {
            if (plan.RecordedAt > now) continue;
            var adults = episode is null || episode.RecordedAt <= now ? leftOut : LeftOutOfPlan(file, record, plan, EpisodeOf(file, plan, now));
            foreach (var (adult, answeredAt) in adults)
            {
                if (answeredAt <= now) continue;
                var due = context.Calendar.DueAfterWorkingDays(plan.RecordedAt, respondWithin);
                yield return NotAssessed($"plan:{plan.CauseId()}:person:{adult}", "A plan", file, adult, plan, due, plan.Entry.RecordedByProfessionalId);
            }
        }

        foreach (var (judgement, episode, leftOut) in omissions.Judgements)
        {
            if (judgement.RecordedAt > now) continue;
            var adults = episode is null || episode.RecordedAt <= now ? leftOut : LeftOutOfJudgement(file, record, judgement, EpisodeOf(file, judgement, now));
            foreach (var (adult, answeredAt) in adults)
            {
                if (answeredAt <= now) continue;
                // Seeing and assessing them, recording the attempts or a decision is under way until its time: a reminder, then an alert.
                var due = context.Calendar.DueAfterWorkingDays(judgement.RecordedAt, respondWithin);
                yield return new Finding(
                    $"judgement:{judgement.CauseId()}:person:{adult}",
                    $"{JudgementName(judgement)} judged the child's safety without {Who(file, adult)} being assessed as a parent, and no attempts are recorded.",
                    $"See and assess {Them(file, adult)}, or record the attempts made and why not (a decision on the adult not assessed), {FindingWords.By(due)}.",
                    due,
                    [judgement.Id],
                    judgement.Entry.RecordedByProfessionalId,
                    Reminder: now <= due);
            }
        }

        // Only one of the plans kept can be open; whether one is is asked before listing the open plans.
        if (omissions.Plans.Length == 0 || !file.IsOnPlan(now, OtherThanSafety) || EarliestOpenPlan(file, now) is not { } openPlan) yield break;
        List<(Guid Adult, CaseEntry Reference, DateTimeOffset Due)>? overdue = null;
        foreach (var adult in file.ParentsAndHouseholdAdults(now.Day()))
        {
            var reference = LastContact(record, adult, openPlan.When, now) ?? openPlan;
            // Someone who joined the household since has been unseen only since they joined.
            var since = JoinedTheHouseholdOn(file, adult, now) is { } joined && joined > reference.Day() ? joined : reference.Day();
            var due = WorkingDayCalendar.EndOfUkDay(since.AddDays(7 * weeks));
            if (now <= due || DecidedAt(record, adult, reference.RecordedAt) <= now) continue;
            (overdue ??= []).Add((adult, reference, due));
        }
        if (overdue is null) yield break;
        overdue.Sort(static (a, b) => a.Adult.CompareTo(b.Adult));
        var lead = file.LeadProfessional(now.Day());
        foreach (var (adult, reference, due) in overdue)
            yield return new Finding(
                $"no-contact:{adult}:{reference.CauseId()}",
                $"{Capitalised(Who(file, adult))} has had no recorded contact with the team around the child for more than {weeks} weeks while a plan is open.",
                $"See {Them(file, adult)}, or record the attempts made and why contact has not happened (a decision on the adult not assessed).",
                due,
                [reference.Id],
                lead?.Id);
    }

    /// <summary>
    /// The latest day the adult is known by now to have joined the child's household: the start of a membership of a
    /// household the child lives in today, or an entry recording them joining it.
    /// </summary>
    private static DateOnly? JoinedTheHouseholdOn(CaseFile file, Guid adult, DateTimeOffset now)
    {
        var today = now.Day();
        DateOnly? joined = null;
        foreach (var m in file.Households)
        {
            if (m.PersonId != adult || m.From is not { } from || !m.IsCurrentOn(today) || (joined is { } j && from <= j)) continue;
            if (file.Households.Any(c => c.PersonId == file.Child.Id && c.HouseholdId == m.HouseholdId && c.IsCurrentOn(today))) joined = from;
        }
        foreach (var change in file.Known<HouseholdChange>(now))
            if (change.Details.PersonId == adult && change.Details.Change == HouseholdChangeType.Joined && (joined is not { } j || change.Entry.Day() > j))
                joined = change.Entry.Day();
        return joined;
    }

    private static readonly PlanType[] OtherThanSafety = [.. Enum.GetValues<PlanType>().Where(t => t != PlanType.Safety)];

    private static Finding NotAssessed(string cause, string what, CaseFile file, Guid adult, CaseEntry entry, DateTimeOffset due, Guid? owner) => new(
        cause,
        $"{what} was completed without {Who(file, adult)} being seen or assessed as a parent, and no attempts are recorded.",
        $"See and assess {Them(file, adult)}, or record the attempts made and why not (a decision on the adult not assessed), {FindingWords.By(due)}.",
        due,
        [entry.Id],
        owner);

    /// <summary>The adult as the child's father, mother, step-parent, carer or an adult in the household, and by name where one is on record.</summary>
    private static string Who(CaseFile file, Guid adult)
    {
        var kind = file.Relationships.FirstOrDefault(r => r.PersonId == adult && r.RelatedPersonId == file.Child.Id && Relationship.IsParental(r.Kind))?.Kind;
        var role = kind switch
        {
            RelationshipKind.Father => "the child's father",
            RelationshipKind.Mother => "the child's mother",
            RelationshipKind.StepParent => "the child's step-parent",
            RelationshipKind.Carer => "the child's carer",
            _ => "an adult in the child's household",
        };
        return NameOf(file, adult) is { } name ? $"{role} ({name})" : role;
    }

    /// <summary>The adult by name where one is on record; otherwise "them".</summary>
    private static string Them(CaseFile file, Guid adult) => NameOf(file, adult) ?? "them";

    private static string? NameOf(CaseFile file, Guid adult) =>
        file.People.TryGetValue(adult, out var person) && person.DisplayName is var name && name != Person.NameNotKnown ? name : null;

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>
    /// An adult an assessment or plan left out, and when that was first answered: by an attempt to see them, contact
    /// with them, or a decision on the adult not assessed (<see cref="DateTimeOffset.MaxValue"/> while nothing has).
    /// </summary>
    private readonly record struct LeftOut(Guid Adult, DateTimeOffset AnsweredAt);

    /// <summary>
    /// An assessment or plan about the child, the entry its episode opened with (the assessment's start; the latest contact
    /// or referral before the plan), and the adults it left out, in order.
    /// </summary>
    private sealed record Completion(CaseEntry Entry, CaseEntry? Opening, LeftOut[] Adults);

    /// <summary>
    /// What the file holds about the adults around the child: each one's contact with the team, and the decisions on
    /// adults not assessed, each picked out of the file when first asked for.
    /// </summary>
    private sealed class AdultsOnRecord(CaseFile file)
    {
        private Dictionary<Guid, List<CaseEntry>>? _contacts;
        private Dictionary<Guid, List<CaseEntry>>? _decisions;

        /// <summary>The adult's contact with the team, in chronology order.</summary>
        public List<CaseEntry>? ContactsWith(Guid adult) => (_contacts ??= ContactsByPerson(file)).GetValueOrDefault(adult);

        /// <summary>The decisions on the adult not assessed, oldest first.</summary>
        public List<CaseEntry>? DecisionsOn(Guid adult) => (_decisions ??= DecisionsByPerson(file)).GetValueOrDefault(adult);
    }

    /// <summary>
    /// The assessments of the child's safety and needs, the child's plans other than drafts and safety plans, and the
    /// other judgements of the child's safety (see <see cref="IsJudgement"/>), each with the adults it left out; and what
    /// the file holds about those adults.
    /// </summary>
    private sealed record Omissions(Completion[] Assessments, Completion[] Plans, Completion[] Judgements, AdultsOnRecord Record);

    /// <summary>
    /// The assessments and plans about the child with the adults each left out, as they stand once everything in the file
    /// is known. An adult whose omission was answered by the time the assessment or plan was recorded is never left out,
    /// so is not listed.
    /// </summary>
    private static Omissions AdultsLeftOut(CaseFile file)
    {
        var record = new AdultsOnRecord(file);
        var assessments = new List<Completion>();
        foreach (var assessment in file.OfAboutChild<AssessmentCompleted>())
        {
            if (!KnownRiskNotAnalysed.Covered.Contains(((AssessmentCompleted)assessment.Details).Type)) continue;
            var started = StartOf(file, assessment, DateTimeOffset.MaxValue);
            assessments.Add(new(assessment, started, LeftOutOfAssessment(file, record, assessment, started)));
        }
        var plans = new List<Completion>();
        foreach (var plan in file.OfAboutChild<PlanStarted>())
        {
            if (plan.Details is PlanStarted { Draft: true } or PlanStarted { Type: PlanType.Safety }) continue;
            var episode = EpisodeOf(file, plan, DateTimeOffset.MaxValue);
            plans.Add(new(plan, episode, LeftOutOfPlan(file, record, plan, episode)));
        }
        var judgements = new List<Completion>();
        foreach (var entry in file.Entries)
        {
            if (!entry.Entry.IsAbout(file.Child.Id) || !IsJudgement(file, entry)) continue;
            var episode = EpisodeOf(file, entry, DateTimeOffset.MaxValue);
            judgements.Add(new(entry, episode, LeftOutOfJudgement(file, record, entry, episode)));
        }
        return new([.. assessments], [.. plans], [.. judgements], record);
    }

    /// <summary>
    /// A point, other than an assessment or the start of a plan, where the child's safety is judged with the adults
    /// around them: a strategy discussion that ends the work (no further action; one that hands it to an enquiry or an
    /// assessment leaves the adults to it), a child protection conference (initial, review or transfer-in) that starts no
    /// plan of its own that day (the plan is judged as a plan), and a safety plan.
    /// </summary>
    private static bool IsJudgement(CaseFile file, CaseEntry entry) => entry.Details switch
    {
        StrategyDiscussion { Decision: StrategyOutcome.NoFurtherAction } => true,
        MeetingHeld { Type: MeetingType.InitialChildProtectionConference or MeetingType.ReviewChildProtectionConference or MeetingType.TransferInConference }
            => !file.OfAboutChild<PlanStarted>().Any(p => p.Details is PlanStarted { Draft: false } plan && plan.Type != PlanType.Safety && p.Day() == entry.Day()),
        PlanStarted { Type: PlanType.Safety, Draft: false } => true,
        _ => false,
    };

    private static string JudgementName(CaseEntry entry) => entry.Details switch
    {
        StrategyDiscussion => "A strategy discussion",
        MeetingHeld => "A conference",
        _ => "A safety plan",
    };

    /// <summary>Whom a judgement records it assessed as a parent; null where it does not say.</summary>
    private static IReadOnlyList<Guid>? ParentingAssessedBy(CaseEntry entry) => entry.Details switch
    {
        StrategyDiscussion d => d.ParentingAssessed,
        MeetingHeld m => m.ParentingAssessed,
        PlanStarted p => p.ParentingAssessed,
        _ => null,
    };

    /// <summary>
    /// The parents and household adults a judgement left out, with when it was first answered. An adult the judgement
    /// records it assessed as a parent is assessed. Where it does not say ("not recorded"), that is never read as
    /// assessing anyone: an adult is left out unless assessed (or seen) in the episode by something else on record, or
    /// attempts to see them are recorded. Where it records whom it assessed and leaves the adult out, being seen is
    /// presence, not assessment: only an assessment, attempts or a decision answer it.
    /// </summary>
    private static LeftOut[] LeftOutOfJudgement(CaseFile file, AdultsOnRecord record, CaseEntry judgement, CaseEntry? episode)
    {
        var from = episode?.When;
        var assessedByIt = ParentingAssessedBy(judgement);
        var leftOut = new List<LeftOut>();
        foreach (var adult in file.ParentsAndHouseholdAdults(judgement.Day()).Order())
        {
            if (assessedByIt is not null && assessedByIt.Contains(adult)) continue;
            var assessedAt = Earliest(AssessedAt(file, adult, from, judgement.When), AttemptedAt(file, adult, from, judgement.When));
            if (assessedAt <= judgement.RecordedAt) continue;
            var answeredAt = Earliest(
                Earliest(assessedAt, AssessedAt(file, adult, judgement.When, DateTimeOffset.MaxValue)),
                DecidedAt(record, adult, judgement.RecordedAt),
                assessedByIt is null ? Earliest(ContactAt(record, adult, from, judgement.When), SeenAt(record, adult, judgement)) : DateTimeOffset.MaxValue);
            if (answeredAt > judgement.RecordedAt) leftOut.Add(new(adult, answeredAt));
        }
        return [.. leftOut];
    }

    /// <summary>The start of the assessment known by now: the first that the completion names.</summary>
    private static CaseEntry? StartOf(CaseFile file, CaseEntry assessment, DateTimeOffset now) =>
        ((AssessmentCompleted)assessment.Details).StartedEntryId is { } startedId
            ? file.Known<AssessmentStarted>(now).Entries.FirstOrDefault(started => started.IsReferencedBy(startedId))
            : null;

    /// <summary>This episode of the plan: the latest contact or referral about the child before it known by now, if there is one.</summary>
    private static CaseEntry? EpisodeOf(CaseFile file, CaseEntry plan, DateTimeOffset now) =>
        file.KnownAboutChild<ContactReceived>(now).Entries.LastOrDefault(contact => contact.When <= plan.When);

    /// <summary>
    /// The parents and household adults an assessment neither saw nor recorded attempts to see, with when an attempt
    /// between its start and completion, contact since, or a decision since first answered it.
    /// </summary>
    private static LeftOut[] LeftOutOfAssessment(CaseFile file, AdultsOnRecord record, CaseEntry assessment, CaseEntry? started)
    {
        var details = (AssessmentCompleted)assessment.Details;
        var leftOut = new List<LeftOut>();
        foreach (var adult in file.ParentsAndHouseholdAdults(assessment.Day()).Order())
        {
            if (SawOrTried(file, assessment, adult)) continue;
            // Attempts recorded by the time the assessment was recorded mean the adult was never left out.
            var attemptedAt = AttemptedAt(file, adult, started?.When, assessment.When);
            if (attemptedAt <= assessment.RecordedAt) continue;
            // Where the assessment records whom it assessed as a parent, or saw the adult and still did not assess them as
            // one, being seen again later is presence, not assessment.
            var seenAt = details.ParentingAssessed is null && !details.PeopleSeen.Contains(adult) ? SeenAt(record, adult, assessment) : DateTimeOffset.MaxValue;
            var answeredAt = Earliest(attemptedAt, seenAt, DecidedAt(record, adult, assessment.RecordedAt));
            if (answeredAt > assessment.RecordedAt) leftOut.Add(new(adult, answeredAt));
        }
        return [.. leftOut];
    }

    /// <summary>
    /// The parents and household adults not seen, assessed or attempted in the plan's episode, nor in contact with the team
    /// in it, with when contact since or a decision since first answered it.
    /// </summary>
    private static LeftOut[] LeftOutOfPlan(CaseFile file, AdultsOnRecord record, CaseEntry plan, CaseEntry? episode)
    {
        var from = episode?.When;
        var leftOut = new List<LeftOut>();
        foreach (var adult in file.ParentsAndHouseholdAdults(plan.Day()).Order())
        {
            // Seen, assessed or attempted in the episode by the time the plan was recorded: never left out.
            var assessedAt = Earliest(AssessedAt(file, adult, from, plan.When), AttemptedAt(file, adult, from, plan.When));
            if (assessedAt <= plan.RecordedAt) continue;
            var answeredAt = Earliest(
                Earliest(assessedAt, ContactAt(record, adult, from, plan.When)),
                DecidedAt(record, adult, plan.RecordedAt),
                SeenAt(record, adult, plan));
            if (answeredAt > plan.RecordedAt) leftOut.Add(new(adult, answeredAt));
        }
        return [.. leftOut];
    }

    /// <summary>
    /// The assessment assessed the adult, or records attempts to: assessed as a parent where it records whom it assessed
    /// in that role, and seen where it does not (an older assessment did not say), unless it weighed no risk while
    /// information about the adult that bears on their parenting was on record (seen, not assessed as a parent).
    /// </summary>
    private static bool SawOrTried(CaseFile file, CaseEntry entry, Guid adult)
    {
        var assessment = (AssessmentCompleted)entry.Details;
        if ((assessment.ParentingAssessed ?? assessment.PeopleSeen).Contains(adult) && !RiskReading.SeenNotAssessedAsParent(file, entry, adult)) return true;
        foreach (var notSeen in assessment.PeopleNotSeen)
            if (notSeen.PersonId == adult && notSeen.Attempts > 0) return true;
        return false;
    }

    /// <summary>When an assessment of the child between the two moments that saw the adult, or tried to, was first recorded.</summary>
    private static DateTimeOffset AssessedAt(CaseFile file, Guid adult, DateTimeOffset? from, DateTimeOffset to)
    {
        var first = DateTimeOffset.MaxValue;
        foreach (var assessment in file.OfAboutChild<AssessmentCompleted>())
            if (assessment.When <= to && (from is null || assessment.When >= from) && SawOrTried(file, assessment, adult))
                first = Earliest(first, assessment.RecordedAt);
        return first;
    }

    /// <summary>When a missed visit or appointment or a declined assessment by the adult between the two moments was first recorded.</summary>
    private static DateTimeOffset AttemptedAt(CaseFile file, Guid adult, DateTimeOffset? from, DateTimeOffset to)
    {
        var first = DateTimeOffset.MaxValue;
        foreach (var attempt in file.Of<ParentalEngagement>())
        {
            var engagement = (ParentalEngagement)attempt.Details;
            if (engagement.Type != EngagementType.Engaged && engagement.ParentPersonId == adult && attempt.When <= to && (from is null || attempt.When >= from))
                first = Earliest(first, attempt.RecordedAt);
        }
        return first;
    }

    /// <summary>When contact with the adult between the two moments was first recorded.</summary>
    private static DateTimeOffset ContactAt(AdultsOnRecord record, Guid adult, DateTimeOffset? from, DateTimeOffset to)
    {
        var first = DateTimeOffset.MaxValue;
        if (record.ContactsWith(adult) is { } contacts)
            foreach (var contact in contacts)
                if (contact.When <= to && (from is null || contact.When >= from)) first = Earliest(first, contact.RecordedAt);
        return first;
    }

    /// <summary>When contact with the adult after the entry, recorded since it, was first recorded.</summary>
    private static DateTimeOffset SeenAt(AdultsOnRecord record, Guid adult, CaseEntry after)
    {
        var first = DateTimeOffset.MaxValue;
        if (record.ContactsWith(adult) is { } contacts)
            foreach (var contact in contacts)
                if (contact.When > after.When && contact.RecordedAt >= after.RecordedAt) first = Earliest(first, contact.RecordedAt);
        return first;
    }

    /// <summary>When a decision on the adult not assessed was first recorded since the moment.</summary>
    private static DateTimeOffset DecidedAt(AdultsOnRecord record, Guid adult, DateTimeOffset since)
    {
        var first = DateTimeOffset.MaxValue;
        if (record.DecisionsOn(adult) is { } decisions)
            foreach (var decision in decisions)
                if (decision.RecordedAt >= since) first = Earliest(first, decision.RecordedAt);
        return first;
    }

    private static DateTimeOffset Earliest(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;

    private static DateTimeOffset Earliest(DateTimeOffset a, DateTimeOffset b, DateTimeOffset c) => Earliest(Earliest(a, b), c);

    /// <summary>The plan (other than a safety plan) open by now that started first.</summary>
    private static CaseEntry? EarliestOpenPlan(CaseFile file, DateTimeOffset now)
    {
        foreach (var (entry, plan) in file.ActivePlans(now))
            if (plan.Type != PlanType.Safety) return entry;
        return null;
    }

    /// <summary>The adult's latest contact with the team known by now, from the moment on; null if there is none.</summary>
    private static CaseEntry? LastContact(AdultsOnRecord record, Guid adult, DateTimeOffset from, DateTimeOffset now)
    {
        if (record.ContactsWith(adult) is not { } contacts) return null;
        CaseEntry? last = null;
        foreach (var contact in contacts)
            if (contact.RecordedAt <= now && contact.When >= from && contact.When <= now && (last is null || contact.When >= last.When)) last = contact;
        return last;
    }

    /// <summary>The decisions on an adult not assessed, by the adult they are about, oldest first.</summary>
    private static Dictionary<Guid, List<CaseEntry>> DecisionsByPerson(CaseFile file)
    {
        var byPerson = new Dictionary<Guid, List<CaseEntry>>();
        foreach (var decision in file.Of<DecisionRecorded>())
        {
            if (decision.Details is not DecisionRecorded { Topic: DecisionTopic.AdultNotAssessed, AboutPersonId: { } person }) continue;
            if (!byPerson.TryGetValue(person, out var list)) byPerson[person] = list = [];
            list.Add(decision);
        }
        return byPerson;
    }

    /// <summary>
    /// For each person, the entries that are contact between them and the team, in chronology order: seen on a visit or
    /// in an assessment, engaging, attending an appointment, or observed. A meeting about the adult is not contact:
    /// meetings are about parents whether or not they come.
    /// </summary>
    private static Dictionary<Guid, List<CaseEntry>> ContactsByPerson(CaseFile file)
    {
        var byPerson = new Dictionary<Guid, List<CaseEntry>>();
        void Add(Guid person, CaseEntry entry)
        {
            if (!byPerson.TryGetValue(person, out var list)) byPerson[person] = list = [];
            if (list.Count == 0 || list[^1] != entry) list.Add(entry);
        }
        foreach (var e in file.Entries)
        {
            switch (e.Details)
            {
                case HomeVisit v:
                    foreach (var person in v.PeopleSeen) Add(person, e);
                    break;
                case AssessmentCompleted a:
                    foreach (var person in a.PeopleSeen) Add(person, e);
                    break;
                case ParentalEngagement { Type: EngagementType.Engaged } p:
                    Add(p.ParentPersonId, e);
                    break;
                case Appointment { Outcome: AppointmentOutcome.Attended }:
                case Observation:
                    foreach (var subject in e.Entry.Subjects) Add(subject.PersonId, e);
                    break;
            }
        }
        return byPerson;
    }
}

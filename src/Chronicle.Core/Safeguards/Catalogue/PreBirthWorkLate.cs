using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;
using Chronicle.Core.Time;

namespace Chronicle.Core.Safeguards.Catalogue;

/// <summary>
/// SG-25: after a pre-birth referral, the pre-birth assessment complete by the assessment setting and any needed
/// initial conference held by the conference setting (weeks of pregnancy, from the latest expected delivery date or
/// gestation on record); and a pre-birth assessment that identified a risk of neglect (read by what it considered where it does not record the
/// harms it identified) also considering physical harm.
/// </summary>
public sealed class PreBirthWorkLate : ISafeguard
{
    public static readonly SettingDefinition AssessmentBy = new("assessment-by", "Pre-birth assessment complete by", "28", "weeks of pregnancy");
    public static readonly SettingDefinition ConferenceBy = new("icpc-by", "Initial child protection conference held by", "32", "weeks of pregnancy");
    public static readonly SettingDefinition RecordWithin = new("record-within", "Physical harm considered within", "5", "working days");
    public static readonly SettingDefinition LookBack =
        new("look-back", "Domestic abuse or violence in the family indicates physical harm when recorded within this long before the assessment (as SG-07 looks back)", "5", "years");

    /// <summary>The expected delivery date is at 40 weeks: the definition of gestational age, not a policy.</summary>
    private const int TermWeeks = 40;

    public string Id => "SG-25";
    public int Version => 1;
    public string Title => "Pre-birth work late";
    public Severity Severity => Severity.Action;

    public IReadOnlyList<Lesson> Lessons { get; } =
    [
        new("004", "Child BF", "Finding BF4, Lesson BF4.1",
            "Without a prompt and decisive response to a pre-birth referral there will be babies going home from hospital without the required assessment and parenting work being completed."),
        new("004", "Child BF", "Finding BF2, Lesson BF2.1",
            "the possibility that the baby may be at risk of physical harm should also be considered."),
    ];

    public IReadOnlyList<SettingDefinition> Settings { get; } = [AssessmentBy, ConferenceBy, RecordWithin, LookBack];

    /// <summary>The pre-birth timescales are counted from the expected delivery date: looked at again each day while one is on record.</summary>
    public DateTimeOffset? NextChange(CaseFile file, SafeguardContext context)
    {
        var next = new NextMoment(context.Now).NextEntryHappens(file);
        return (ExpectedDelivery(file, context.Now) is null ? next : next.Daily(file)).Earliest;
    }

    public IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context)
    {
        var now = context.Now;
        // Most children have no expected delivery date on record, and so no pre-birth timescale to keep.
        var found = ExpectedDelivery(file, now) is { } edd ? LateForDelivery(file, context, edd) : null;

        var completed = file.KnownAboutChild<AssessmentCompleted>(now);
        foreach (var (entry, assessment) in completed)
        {
            if (assessment.Type != AssessmentType.PreBirth || ConsidersPhysicalHarm(assessment)) continue;
            var neglect = IdentifiedNeglect(assessment);
            if (!neglect && !PhysicalHarmIndicated(file, entry, context.Policy.GetInt(Id, LookBack))) continue;
            if (PhysicalHarmConsideredAfter(completed, entry.When) || file.HasDecisionAbout(entry, now)) continue;
            var due = context.Calendar.DueAfterWorkingDays(entry.Knowable(), context.Policy.GetInt(Id, RecordWithin));
            (found ??= []).Add(new Finding(
                $"physical-harm:{entry.CauseId()}",
                neglect
                    ? $"The pre-birth assessment of {TimelinessFacts.Describe(entry.When.Day())} identified a risk of neglect but did not consider the risk of physical harm."
                    : $"The pre-birth assessment of {TimelinessFacts.Describe(entry.When.Day())} did not consider the risk of physical harm, which the record already indicated.",
                $"Record consideration of the risk of physical harm (in a further assessment, or a decision about this one) by {TimelinessFacts.Describe(due)}.",
                due, [entry.Id], Owner(file, now)));
        }
        if (found is null) return [];
        return found;
    }

    /// <summary>The pre-birth assessment, and any initial conference needed, not done by their weeks of pregnancy after a pre-birth referral.</summary>
    private List<Finding>? LateForDelivery(CaseFile file, SafeguardContext context, DateOnly edd)
    {
        var now = context.Now;
        var child = file.Child;
        var born = BornOn(file, now);
        if (Ended(file, now, born) || PreBirthReferral(file, now, born) is not { } referral) return null;

        DateTimeOffset At(SettingDefinition weeks) =>
            WorkingDayCalendar.EndOfUkDay(edd.AddDays(-7 * (TermWeeks - context.Policy.GetInt(Id, weeks))));

        List<Finding>? found = null;
        var assessmentDue = At(AssessmentBy);
        if (now > assessmentDue && !PreBirthAssessed(file, now))
            (found ??= []).Add(new Finding(
                $"pre-birth-assessment:{referral.CauseId()}",
                $"The pre-birth assessment of {child.DisplayName}, referred on {TimelinessFacts.Describe(referral.When.Day())}, is not complete at " +
                $"{context.Policy.GetInt(Id, AssessmentBy)} weeks of pregnancy (expected delivery {TimelinessFacts.Describe(edd)}).",
                $"Complete the pre-birth assessment and the birth plan; it was due by {TimelinessFacts.Describe(assessmentDue)}.",
                assessmentDue, [referral.Id], Owner(file, now)));

        var conferenceDue = At(ConferenceBy);
        if (now > conferenceDue && !InitialConferenceHeld(file, now) && ConferenceNeeded(file, now, born) is { } reason)
            (found ??= []).Add(new Finding(
                $"pre-birth-conference:{referral.CauseId()}",
                $"An initial child protection conference is needed for {child.DisplayName} ({reason}) and was not held by " +
                $"{context.Policy.GetInt(Id, ConferenceBy)} weeks of pregnancy (expected delivery {TimelinessFacts.Describe(edd)}).",
                $"Hold the pre-birth initial child protection conference; it was due by {TimelinessFacts.Describe(conferenceDue)}.",
                conferenceDue, [referral.Id], Owner(file, now)));
        return found;
    }

    /// <summary>The first contact about the child that is a pre-birth referral, or was made before the child was born (or while they are unborn).</summary>
    private static CaseEntry? PreBirthReferral(CaseFile file, DateTimeOffset now, DateOnly? born)
    {
        foreach (var (entry, contact) in file.KnownAboutChild<ContactReceived>(now))
            if (contact.PreBirth || (born is null ? file.Child.Kind == PersonKind.UnbornChild : entry.When.Day() < born)) return entry;
        return null;
    }

    /// <summary>A pre-birth (or child and family) assessment of the child is complete.</summary>
    private static bool PreBirthAssessed(CaseFile file, DateTimeOffset now)
    {
        foreach (var (_, assessment) in file.KnownAboutChild<AssessmentCompleted>(now))
            if (assessment.Type is AssessmentType.PreBirth or AssessmentType.ChildAndFamily) return true;
        return false;
    }

    private static bool InitialConferenceHeld(CaseFile file, DateTimeOffset now)
    {
        foreach (var (_, meeting) in file.KnownAboutChild<MeetingHeld>(now))
            if (meeting.Type == MeetingType.InitialChildProtectionConference) return true;
        return false;
    }

    /// <summary>
    /// When the assessment was recorded, the record already indicated a risk of physical harm to the unborn child: a referral
    /// about the child naming physical abuse, domestic abuse or violence involving a parent or the household within the
    /// look-back, or a parent's history of harm to a child (a history, which has no look-back).
    /// </summary>
    private static bool PhysicalHarmIndicated(CaseFile file, CaseEntry assessment, int lookBackYears)
    {
        var since = assessment.When.AddYears(-lookBackYears);
        var known = assessment.RecordedAt;
        var family = file.ChildParentsAndHousehold(assessment.Day());
        foreach (var (_, contact) in file.KnownAboutChild<ContactReceived>(known))
            if (contact.ConcernCategories.Contains(AbuseCategory.PhysicalAbuse)) return true;
        foreach (var (entry, incident) in file.Known<PoliceIncident>(known))
            if (incident.Type is IncidentType.DomesticAbuse or IncidentType.Violence && entry.When >= since && entry.Entry.Subjects.Exists(x => family.Contains(x.PersonId))) return true;
        foreach (var (_, history) in file.Known<ParentHistory>(known))
            if (history.OfHarm && family.Contains(history.AdultPersonId)) return true;
        return false;
    }

    /// <summary>A later assessment of the child considered physical harm.</summary>
    /// <summary>The assessment considered the risk of physical harm, or found one.</summary>
    private static bool ConsidersPhysicalHarm(AssessmentCompleted assessment) =>
        assessment.Considers("physical-harm") || assessment.RisksIdentified?.Contains(AbuseCategory.PhysicalAbuse) == true;

    /// <summary>
    /// The assessment identified a risk of neglect: where it records the harms it found a risk of, neglect among them
    /// (considering neglect and ruling it out is not identifying it); an older assessment that did not say is read by
    /// what it considered, as it always was.
    /// </summary>
    private static bool IdentifiedNeglect(AssessmentCompleted assessment) =>
        assessment.RisksIdentified is { } identified ? identified.Contains(AbuseCategory.Neglect) : assessment.Considers("neglect");

    private static bool PhysicalHarmConsideredAfter(KnownEntries<AssessmentCompleted> completed, DateTimeOffset after)
    {
        foreach (var (entry, assessment) in completed)
            if (entry.When > after && ConsidersPhysicalHarm(assessment)) return true;
        return false;
    }

    /// <summary>The expected delivery date from the latest pregnancy entry that gives one (or a gestation at its date), else the unborn child's record.</summary>
    private static DateOnly? ExpectedDelivery(CaseFile file, DateTimeOffset now)
    {
        var pregnancies = file.Known<Pregnancy>(now);
        for (var i = pregnancies.Count - 1; i >= 0; i--)
        {
            var (entry, pregnancy) = pregnancies[i];
            if (!OfChild(file, entry, pregnancy)) continue;
            if (pregnancy.ExpectedDelivery is { } edd) return edd;
            if (pregnancy.GestationWeeks is { } weeks) return entry.When.Day().AddDays(7 * (TermWeeks - weeks));
        }
        return file.Child.ExpectedDateOfDelivery;
    }

    /// <summary>A pregnancy entry is the child's: it names the child as the unborn child, or is about the child.</summary>
    private static bool OfChild(CaseFile file, CaseEntry entry, Pregnancy pregnancy) =>
        pregnancy.UnbornPersonId == file.Child.Id || entry.Entry.IsAbout(file.Child.Id);

    /// <summary>A pregnancy recorded as ended with no birth: there is no pre-birth work left to do.</summary>
    private static bool Ended(CaseFile file, DateTimeOffset now, DateOnly? born)
    {
        if (born is not null) return false;
        var pregnancies = file.Known<Pregnancy>(now);
        for (var i = pregnancies.Count - 1; i >= 0; i--)
        {
            var (entry, pregnancy) = pregnancies[i];
            if (OfChild(file, entry, pregnancy)) return pregnancy.Stage == PregnancyStage.Ended;
        }
        return false;
    }

    private static DateOnly? BornOn(CaseFile file, DateTimeOffset now)
    {
        foreach (var (_, birth) in file.Known<Birth>(now))
            if (birth.ChildPersonId == file.Child.Id) return birth.BornOn;
        return file.Child.Kind == PersonKind.UnbornChild ? null : file.Child.DateOfBirth;
    }

    /// <summary>Why a pre-birth conference is needed, from what was on record before the birth: an assessment concluding so, a conference arranged, or an open section 47 enquiry.</summary>
    private static string? ConferenceNeeded(CaseFile file, DateTimeOffset now, DateOnly? born)
    {
        foreach (var (entry, assessment) in file.KnownAboutChild<AssessmentCompleted>(now))
            if (assessment.Outcome == AssessmentOutcome.InitialChildProtectionConference && BeforeBirth(entry, born))
                return "an assessment concluded that one should be held";
        foreach (var (entry, meeting) in file.KnownAboutChild<MeetingScheduled>(now))
            if (meeting.Type == MeetingType.InitialChildProtectionConference && BeforeBirth(entry, born) && !Cancelled(file, entry, now))
                return "one has been arranged";
        var lastMoment = born is { } day ? WorkingDayCalendar.StartOfUkDay(day) : now;
        return file.HasOpenEnquiry(lastMoment < now ? lastMoment : now) ? "a section 47 enquiry is open" : null;
    }

    /// <summary>Whether the conference arranged was cancelled by now: its arrangement then says nothing of the need for one.</summary>
    private static bool Cancelled(CaseFile file, CaseEntry scheduled, DateTimeOffset now) =>
        file.KnownAboutChild<MeetingChanged>(now).Any(c => c.Details.Change == MeetingChange.Cancelled && scheduled.IsReferencedBy(c.Details.ScheduledEntryId));

    private static bool BeforeBirth(CaseEntry entry, DateOnly? born) => born is null || entry.When.Day() < born;

    /// <summary>The lead social worker, or the lead professional: asked only of a finding.</summary>
    private static Guid? Owner(CaseFile file, DateTimeOffset now) => (file.LeadSocialWorker(now.Day()) ?? file.LeadProfessional(now.Day()))?.Id;
}

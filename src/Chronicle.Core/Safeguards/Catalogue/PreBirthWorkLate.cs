using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;
using Chronicle.Core.Time;

namespace Chronicle.Core.Safeguards.Catalogue;

/// <summary>
/// SG-25: after a pre-birth referral, the pre-birth assessment complete by the assessment setting and any needed
/// initial conference held by the conference setting (weeks of pregnancy, from the latest expected delivery date or
/// gestation on record); and a pre-birth assessment that considered neglect also considering physical harm.
/// </summary>
public sealed class PreBirthWorkLate : ISafeguard
{
    public static readonly SettingDefinition AssessmentBy = new("assessment-by", "Pre-birth assessment complete by", "28", "weeks of pregnancy");
    public static readonly SettingDefinition ConferenceBy = new("icpc-by", "Initial child protection conference held by", "32", "weeks of pregnancy");
    public static readonly SettingDefinition RecordWithin = new("record-within", "Physical harm considered within", "5", "working days");

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

    public IReadOnlyList<SettingDefinition> Settings { get; } = [AssessmentBy, ConferenceBy, RecordWithin];

    public IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context)
    {
        var now = context.Now;
        var child = file.Child;
        var born = BornOn(file, now);

        var referral = file.KnownAboutChild<ContactReceived>(now).Select(c => c.Entry).FirstOrDefault(c =>
            ((ContactReceived)c.Details).PreBirth || (born is null ? child.Kind == PersonKind.UnbornChild : c.When.Day() < born));
        if (referral is not null && ExpectedDelivery(file, now) is { } edd && !Ended(file, now, born))
        {
            DateTimeOffset At(SettingDefinition weeks) =>
                WorkingDayCalendar.EndOfUkDay(edd.AddDays(-7 * (TermWeeks - context.Policy.GetInt(Id, weeks))));

            var assessmentDue = At(AssessmentBy);
            var assessed = file.KnownAboutChild<AssessmentCompleted>(now).Any(a => a.Details.Type is AssessmentType.PreBirth or AssessmentType.ChildAndFamily);
            if (now > assessmentDue && !assessed)
                yield return new Finding(
                    $"pre-birth-assessment:{referral.CauseId()}",
                    $"The pre-birth assessment of {child.DisplayName}, referred on {TimelinessFacts.Describe(referral.When.Day())}, is not complete at " +
                    $"{context.Policy.GetInt(Id, AssessmentBy)} weeks of pregnancy (expected delivery {TimelinessFacts.Describe(edd)}).",
                    $"Complete the pre-birth assessment and the birth plan; it was due by {TimelinessFacts.Describe(assessmentDue)}.",
                    assessmentDue, [referral.Id], Owner(file, now));

            var conferenceDue = At(ConferenceBy);
            var held = file.KnownAboutChild<MeetingHeld>(now).Any(m => m.Details.Type == MeetingType.InitialChildProtectionConference);
            if (now > conferenceDue && !held && ConferenceNeeded(file, now, born) is { } reason)
                yield return new Finding(
                    $"pre-birth-conference:{referral.CauseId()}",
                    $"An initial child protection conference is needed for {child.DisplayName} ({reason}) and was not held by " +
                    $"{context.Policy.GetInt(Id, ConferenceBy)} weeks of pregnancy (expected delivery {TimelinessFacts.Describe(edd)}).",
                    $"Hold the pre-birth initial child protection conference; it was due by {TimelinessFacts.Describe(conferenceDue)}.",
                    conferenceDue, [referral.Id], Owner(file, now));
        }

        var completed = file.KnownAboutChild<AssessmentCompleted>(now).ToList();
        foreach (var (entry, assessment) in completed.Where(a => a.Details.Type == AssessmentType.PreBirth && a.Details.Considers("neglect") && !a.Details.Considers("physical-harm")))
        {
            if (completed.Any(a => a.Entry.When > entry.When && a.Details.Considers("physical-harm")) || file.HasDecisionAbout(entry, now)) continue;
            var due = context.Calendar.DueAfterWorkingDays(entry.Knowable(), context.Policy.GetInt(Id, RecordWithin));
            yield return new Finding(
                $"physical-harm:{entry.CauseId()}",
                $"The pre-birth assessment of {TimelinessFacts.Describe(entry.When.Day())} considered neglect but not the risk of physical harm.",
                $"Record consideration of the risk of physical harm (in a further assessment, or a decision about this one) by {TimelinessFacts.Describe(due)}.",
                due, [entry.Id], Owner(file, now));
        }
    }

    /// <summary>The expected delivery date from the latest pregnancy entry that gives one (or a gestation at its date), else the unborn child's record.</summary>
    private static DateOnly? ExpectedDelivery(CaseFile file, DateTimeOffset now)
    {
        foreach (var (entry, pregnancy) in Pregnancies(file, now).Reverse())
        {
            if (pregnancy.ExpectedDelivery is { } edd) return edd;
            if (pregnancy.GestationWeeks is { } weeks) return entry.When.Day().AddDays(7 * (TermWeeks - weeks));
        }
        return file.Child.ExpectedDateOfDelivery;
    }

    private static IEnumerable<(CaseEntry Entry, Pregnancy Pregnancy)> Pregnancies(CaseFile file, DateTimeOffset now) =>
        file.Known<Pregnancy>(now).Where(p => p.Details.UnbornPersonId == file.Child.Id || p.Entry.Entry.IsAbout(file.Child.Id));

    /// <summary>A pregnancy recorded as ended with no birth: there is no pre-birth work left to do.</summary>
    private static bool Ended(CaseFile file, DateTimeOffset now, DateOnly? born) =>
        born is null && Pregnancies(file, now).LastOrDefault().Pregnancy?.Stage == PregnancyStage.Ended;

    private static DateOnly? BornOn(CaseFile file, DateTimeOffset now) =>
        file.Known<Birth>(now).Where(b => b.Details.ChildPersonId == file.Child.Id).Select(b => (DateOnly?)b.Details.BornOn).FirstOrDefault()
        ?? (file.Child.Kind == PersonKind.UnbornChild ? null : file.Child.DateOfBirth);

    /// <summary>Why a pre-birth conference is needed, from what was on record before the birth: an assessment concluding so, a conference arranged, or an open section 47 enquiry.</summary>
    private static string? ConferenceNeeded(CaseFile file, DateTimeOffset now, DateOnly? born)
    {
        bool BeforeBirth(CaseEntry e) => born is null || e.When.Day() < born;
        if (file.KnownAboutChild<AssessmentCompleted>(now).Any(a => a.Details.Outcome == AssessmentOutcome.InitialChildProtectionConference && BeforeBirth(a.Entry)))
            return "an assessment concluded that one should be held";
        if (file.KnownAboutChild<MeetingScheduled>(now).Any(m => m.Details.Type == MeetingType.InitialChildProtectionConference && BeforeBirth(m.Entry)))
            return "one has been arranged";
        var lastMoment = born is { } day ? WorkingDayCalendar.StartOfUkDay(day) : now;
        return file.HasOpenEnquiry(lastMoment < now ? lastMoment : now) ? "a section 47 enquiry is open" : null;
    }

    /// <summary>The lead social worker, or the lead professional: asked only of a finding.</summary>
    private static Guid? Owner(CaseFile file, DateTimeOffset now) => (file.LeadSocialWorker(now.Day()) ?? file.LeadProfessional(now.Day()))?.Id;
}

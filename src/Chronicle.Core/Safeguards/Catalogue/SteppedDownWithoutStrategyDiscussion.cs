using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;

namespace Chronicle.Core.Safeguards.Catalogue;

/// <summary>
/// SG-31: children's social care takes a contact no further (no further action, advice, early help) while the record
/// holds, recently, an injury to the child, a contact suspecting the child is being exploited, or domestic abuse or
/// violence around a baby or an unborn child, and no strategy discussion is held or decided against with reasons.
/// </summary>
public sealed class SteppedDownWithoutStrategyDiscussion : ISafeguard
{
    public static readonly SettingDefinition LookBack =
        new("look-back", "An injury or incident recorded within this many days before the decision", "30", "days");
    public static readonly SettingDefinition BabyUnder =
        new("baby-under", "Domestic abuse or violence counts for a child younger than", "12", "months");
    public static readonly SettingDefinition RecordWithin =
        new("record-within", "A strategy discussion held, or a decision against one with its reasons, within", "1", "working days");

    public string Id => "SG-31";
    public int Version => 1;
    public string Title => "Stepped down without a strategy discussion";
    public Severity Severity => Severity.Urgent;

    public IReadOnlyList<Lesson> Lessons { get; } =
    [
        new("birmingham-2020-21-01", "Birmingham CSPR 2020-21-01", "Learning",
            "incorrect information within the referral led to professionals stepping down their response to early help and a strategy discussion was not held"),
        new("devon-cn18", "Devon Baby F (CN18)", "Learning",
            "Strategy discussion /S47 enquiry enables detailed background checks to be carried out and information verified, in order to evaluate risk to unborn child"),
    ];

    public IReadOnlyList<SettingDefinition> Settings { get; } = [LookBack, BabyUnder, RecordWithin];

    /// <summary>Raised as soon as the decision is known and cleared only by an answer on record: time alone changes nothing.</summary>
    public DateTimeOffset? NextChange(CaseFile file, SafeguardContext context) => null;

    public IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context)
    {
        var now = context.Now;
        var decisions = file.KnownAboutChild<ContactDecision>(now);
        if (decisions.Count == 0) return [];
        var days = context.Policy.GetInt(Id, LookBack);
        var months = context.Policy.GetInt(Id, BabyUnder);
        var within = context.Policy.GetInt(Id, RecordWithin);
        List<Finding>? found = null;
        foreach (var (decision, details) in decisions)
        {
            if (!details.StepsDown) continue;
            var evidence = Concerns(file, decision, days, months);
            if (evidence.Count == 0 || Answered(file, decision, details, now)) continue;
            var due = context.Calendar.DueAfterWorkingDays(decision.When, within);
            (found ??= []).Add(new Finding(
                $"step-down:{decision.CauseId()}",
                $"A contact was taken no further on {TimelinessFacts.Describe(decision.Day())} without a strategy discussion, while the record held {(evidence.Count == 1 ? "an injury or incident" : $"{evidence.Count} injuries or incidents")} that ask for one.",
                $"Hold a strategy discussion, or record the decision not to with its reasons (a decision on strategy-discussion about the contact), {FindingWords.By(due)}.",
                due,
                [decision.Id, .. evidence],
                file.ManagerOf(decision.Entry.RecordedByProfessionalId)?.Id ?? decision.Entry.RecordedByProfessionalId));
        }
        return found ?? [];
    }

    /// <summary>
    /// The injuries to the child, the contacts suspecting the child is being exploited (harm outside the home, a risk of
    /// significant harm at any age, which a criminal investigation does not assess), and the domestic abuse or violence
    /// around a baby or unborn child, recorded by the decision within the look-back.
    /// </summary>
    private static List<Guid> Concerns(CaseFile file, CaseEntry decision, int days, int months)
    {
        var from = decision.When.AddDays(-days);
        var concerns = new List<Guid>();
        foreach (var (entry, _) in file.KnownAboutChild<InjuryObserved>(decision.RecordedAt))
            if (entry.When >= from && entry.When <= decision.When) concerns.Add(entry.Id);
        foreach (var (entry, attendance) in file.KnownAboutChild<HospitalAttendance>(decision.RecordedAt))
            if (entry.When >= from && entry.When <= decision.When && (attendance.Injury || attendance.PossiblyNonAccidental)) concerns.Add(entry.Id);
        foreach (var (entry, contact) in file.KnownAboutChild<ContactReceived>(decision.RecordedAt))
            if (contact.SuspectedExploitation && entry.When >= from && entry.When <= decision.When) concerns.Add(entry.Id);
        var baby = file.Child.Kind == PersonKind.UnbornChild || file.Child.AgeInMonths(decision.Day()) is { } age && age < months;
        if (!baby) return concerns;
        var family = file.ChildParentsAndHousehold(decision.Day());
        foreach (var (entry, incident) in file.Known<PoliceIncident>(decision.RecordedAt))
            if (incident.Type is IncidentType.DomesticAbuse or IncidentType.Violence && entry.When >= from && entry.When <= decision.When
                && (entry.Entry.IsAbout(file.Child.Id) || incident.ChildrenPresent && entry.Entry.Subjects.Exists(s => family.Contains(s.PersonId))))
                concerns.Add(entry.Id);
        return concerns;
    }

    /// <summary>A strategy discussion about the child since the decision, or a decision on one about the contact or the decision.</summary>
    private static bool Answered(CaseFile file, CaseEntry decision, ContactDecision details, DateTimeOffset now)
    {
        foreach (var (entry, _) in file.KnownAboutChild<StrategyDiscussion>(now))
            if (entry.When >= decision.When) return true;
        foreach (var (entry, recorded) in file.Known<DecisionRecorded>(now))
            if (recorded.Topic == DecisionTopic.StrategyDiscussion && entry.When >= decision.When
                && (decision.IsReferencedBy(recorded.AboutEntryId) || recorded.AboutEntryId is { } about && about == details.ContactEntryId)) return true;
        return false;
    }
}

using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;
using Chronicle.Core.Time;

namespace Chronicle.Core.Safeguards.Catalogue;

/// <summary>
/// SG-12: a parent (wherever they live, prison included) or an adult in the household is neither seen nor assessed,
/// with no attempts recorded, when an assessment or plan is completed; or, while a plan is open, has had no contact
/// with the team for the setting.
/// </summary>
public sealed class SignificantAdultNotAssessed : ISafeguard
{
    public static readonly SettingDefinition NoContactFor =
        new("no-contact-for", "While a plan is open, an adult with no contact with the team for", "6", "weeks");
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

    public IReadOnlyList<SettingDefinition> Settings { get; } = [NoContactFor, RespondWithin];

    public IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context)
    {
        // Every cause follows an assessment or a plan about the child.
        if (file.OfAboutChild<AssessmentCompleted>().Count == 0 && file.OfAboutChild<PlanStarted>().Count == 0) yield break;
        var respondWithin = context.Policy.GetInt(Id, RespondWithin);
        var weeks = context.Policy.GetInt(Id, NoContactFor);
        var decisions = file.Known<DecisionRecorded>(context.Now).Where(d => d.Details.Topic == DecisionTopic.AdultNotAssessed).ToList();
        bool Decided(Guid person, DateTimeOffset since) => decisions.Exists(d => d.Details.AboutPersonId == person && d.Entry.RecordedAt >= since);
        var attempts = file.Known<ParentalEngagement>(context.Now).Where(e => e.Details.Type != EngagementType.Engaged).ToList();
        bool Attempted(Guid adult, DateTimeOffset? from, DateTimeOffset to) =>
            attempts.Exists(e => e.Details.ParentPersonId == adult && e.Entry.When <= to && (from is null || e.Entry.When >= from));
        var contacts = new Dictionary<Guid, List<CaseEntry>>();
        List<CaseEntry> ContactsOf(Guid adult) => contacts.TryGetValue(adult, out var found) ? found : contacts[adult] = [.. Contacts(file, context, adult)];
        bool SeenSince(Guid adult, CaseEntry after) => ContactsOf(adult).Exists(c => c.When > after.When && c.RecordedAt >= after.RecordedAt);

        foreach (var (assessment, details) in file.KnownAboutChild<AssessmentCompleted>(context.Now))
        {
            if (!KnownRiskNotAnalysed.Covered.Contains(details.Type)) continue;
            var started = file.Known<AssessmentStarted>(context.Now).Select(s => s.Entry).FirstOrDefault(s => s.IsReferencedBy(details.StartedEntryId));
            foreach (var adult in file.ParentsAndHouseholdAdults(assessment.Day()).Order())
            {
                if (details.PeopleSeen.Contains(adult) || details.PeopleNotSeen.Any(p => p.PersonId == adult && p.Attempts > 0)) continue;
                if (Attempted(adult, started?.When, assessment.When) || SeenSince(adult, assessment) || Decided(adult, assessment.RecordedAt)) continue;
                var due = context.Calendar.DueAfterWorkingDays(assessment.RecordedAt, respondWithin);
                yield return NotAssessed($"assessment:{assessment.CauseId()}:person:{adult}", "An assessment", file, adult, assessment, due, assessment.Entry.RecordedByProfessionalId);
            }
        }

        foreach (var (plan, details) in file.KnownAboutChild<PlanStarted>(context.Now))
        {
            if (details.Draft || details.Type == PlanType.Safety) continue;
            // This episode: since the latest contact or referral before the plan, if there is one.
            var episode = file.KnownAboutChild<ContactReceived>(context.Now).Where(c => c.Entry.When <= plan.When).Select(c => (DateTimeOffset?)c.Entry.When).LastOrDefault();
            foreach (var adult in file.ParentsAndHouseholdAdults(plan.Day()).Order())
            {
                var seen = file.KnownAboutChild<AssessmentCompleted>(context.Now).Any(a => a.Entry.When <= plan.When && (episode is null || a.Entry.When >= episode)
                    && (a.Details.PeopleSeen.Contains(adult) || a.Details.PeopleNotSeen.Any(p => p.PersonId == adult && p.Attempts > 0)));
                if (seen || Attempted(adult, episode, plan.When) || ContactsOf(adult).Exists(c => c.When <= plan.When && (episode is null || c.When >= episode))) continue;
                if (Decided(adult, plan.RecordedAt) || SeenSince(adult, plan)) continue;
                var due = context.Calendar.DueAfterWorkingDays(plan.RecordedAt, respondWithin);
                yield return NotAssessed($"plan:{plan.CauseId()}:person:{adult}", "A plan", file, adult, plan, due, plan.Entry.RecordedByProfessionalId);
            }
        }

        if (file.ActivePlans(context.Now).Where(p => p.Plan.Type != PlanType.Safety).Select(p => p.Entry).OrderBy(p => p.When).FirstOrDefault() is not { } openPlan) yield break;
        var lead = file.LeadProfessional(context.Now.Day());
        foreach (var adult in file.ParentsAndHouseholdAdults(context.Now.Day()).Order())
        {
            var reference = ContactsOf(adult).Where(c => c.When >= openPlan.When && c.When <= context.Now).OrderBy(c => c.When).LastOrDefault() ?? openPlan;
            var due = WorkingDayCalendar.EndOfUkDay(reference.Day().AddDays(7 * weeks));
            if (context.Now <= due || Decided(adult, reference.RecordedAt)) continue;
            yield return new Finding(
                $"no-contact:{adult}:{reference.CauseId()}",
                $"{Who(file, adult)} has had no recorded contact with the team around the child for more than {weeks} weeks while a plan is open.",
                "See them, or record the attempts made and why contact has not happened (a decision on the adult not assessed).",
                due,
                [reference.Id],
                lead?.Id);
        }
    }

    private static Finding NotAssessed(string cause, string what, CaseFile file, Guid adult, CaseEntry entry, DateTimeOffset due, Guid? owner) => new(
        cause,
        $"{what} was completed without {Who(file, adult).ToLowerInvariant()} being seen or assessed, and no attempts are recorded.",
        $"See and assess them, or record the attempts made and why not (a decision on the adult not assessed), {FindingWords.By(due)}.",
        due,
        [entry.Id],
        owner);

    private static string Who(CaseFile file, Guid adult)
    {
        var kind = file.Relationships.FirstOrDefault(r => r.PersonId == adult && r.RelatedPersonId == file.Child.Id && Relationship.IsParental(r.Kind))?.Kind;
        return kind switch
        {
            RelationshipKind.Father => "The child's father",
            RelationshipKind.Mother => "The child's mother",
            RelationshipKind.StepParent => "The child's step-parent",
            RelationshipKind.Carer => "The child's carer",
            _ => "An adult in the child's household",
        };
    }

    /// <summary>
    /// Contact between the adult and the team: seen on a visit or in an assessment, engaging, attending an appointment, or
    /// observed. A meeting about the adult is not contact: meetings are about parents whether or not they come.
    /// </summary>
    private static IEnumerable<CaseEntry> Contacts(CaseFile file, SafeguardContext context, Guid adult)
    {
        if (!file.Remember("contacts-by-person", 0, static (file, _) => ContactsByPerson(file)).TryGetValue(adult, out var contacts)) yield break;
        foreach (var e in contacts)
            if (e.RecordedAt <= context.Now) yield return e;
    }

    /// <summary>For each person, the entries that are contact with them (as <see cref="Contacts"/> describes), in chronology order, worked out once for the file.</summary>
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

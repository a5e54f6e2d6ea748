using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;

namespace Chronicle.Core.Safeguards.Catalogue;

/// <summary>
/// SG-14: a concern, injury or referral about the child, when another child (an unborn child included) lives in the
/// same household or has the same parent. Each other child needs a recorded consideration.
/// </summary>
public sealed class OtherChildrenInHousehold : ISafeguard
{
    public static readonly SettingDefinition RespondWithin =
        new("respond-within", "Consider each other child within (the catalogue sets no timescale; this is Chronicle's default)", "5", "working days");

    public string Id => "SG-14";
    public int Version => 1;
    public string Title => "Other children in the household";
    public Severity Severity => Severity.Prompt;

    public IReadOnlyList<Lesson> Lessons { get; } =
    [
        new("000", "Baby R", "The good practice that we identified",
            "The Health Visitor notified the Social Worker regarding a black eye seen on the elder child 6 months before Baby R's injury."),
    ];

    public IReadOnlyList<SettingDefinition> Settings { get; } = [RespondWithin];

    public IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context)
    {
        if (!HasOtherChildren(file)) yield break;
        var now = context.Now;
        var respondWithin = context.Policy.GetInt(Id, RespondWithin);
        Guid? lead = null;
        var leadKnown = false;
        // The concerns of one day are one event (an injury seen, then referred): one consideration of each other child.
        var days = file.Remember("concerns-about-child", 0, static (file, _) => Concerns(file)).Where(e => e.RecordedAt <= now).GroupBy(e => e.Day());
        List<CaseEntry>? considerations = null;
        var othersOf = file.Remember("other-children-of-concern", 0, static (_, _) => new Dictionary<CaseEntry, Person[]>());
        IReadOnlyList<CaseEntry>? pregnancies = null;
        Person[] OthersOf(CaseEntry concern)
        {
            if (othersOf.TryGetValue(concern, out var known)) return known;
            pregnancies ??= file.Of<Pregnancy>().Where(p => p.As<Pregnancy>()!.UnbornPersonId is not null).ToList();
            return othersOf[concern] = [.. OtherChildren(file, concern, pregnancies)];
        }
        foreach (var concerns in days)
        {
            var first = concerns.OrderBy(c => c.RecordedAt).First();
            var others = concerns.SelectMany(OthersOf).DistinctBy(p => p.Id).OrderBy(p => p.Id)
                .Where(p => !concerns.Any(c => c.Entry.IsAbout(p.Id)));
            foreach (var other in others)
            {
                if (Considered(considerations ??= Considerations(file, now), [.. concerns], first, other)) continue;
                var due = context.Calendar.DueAfterWorkingDays(first.RecordedAt, respondWithin);
                var unborn = other.Kind == PersonKind.UnbornChild || (other.DateOfBirth is { } dob && dob > concerns.Key);
                if (!leadKnown) (lead, leadKnown) = (file.LeadProfessional(now.Day())?.Id, true);
                yield return new Finding(
                    $"concern:{concerns.Key:yyyy-MM-dd}:child:{other.Id}",
                    $"A concern about the child was recorded, and {(unborn ? "an unborn child" : "another child")} lives in the same household or has the same parent.",
                    $"Record a consideration of the other child (a decision on other children naming them, or an assessment or strategy discussion about them) {FindingWords.By(due)}.",
                    due,
                    [.. concerns.Select(c => c.Id)],
                    lead);
            }
        }
    }

    /// <summary>Anyone around the child who is a child too: without one, no concern has another child to consider.</summary>
    private static bool HasOtherChildren(CaseFile file)
    {
        foreach (var person in file.People.Values)
            if (person.Id != file.Child.Id && person.IsChild) return true;
        return false;
    }

    /// <summary>The concerns about the child, in chronology order: picked out once for the file.</summary>
    private static List<CaseEntry> Concerns(CaseFile file)
    {
        var concerns = new List<CaseEntry>();
        foreach (var e in file.EntriesAboutChild)
            if (IsConcern(e.Details)) concerns.Add(e);
        return concerns;
    }

    /// <summary>What can answer a concern about another child: decisions on other children, assessments, strategy discussions, contact decisions.</summary>
    private static List<CaseEntry> Considerations(CaseFile file, DateTimeOffset now)
    {
        var found = new List<CaseEntry>();
        foreach (var e in file.Of<DecisionRecorded>())
            if (e.RecordedAt <= now && ((DecisionRecorded)e.Details).Topic == DecisionTopic.OtherChildren) found.Add(e);
        foreach (var kind in (IReadOnlyList<CaseEntry>[])[file.Of<AssessmentStarted>(), file.Of<AssessmentCompleted>(), file.Of<StrategyDiscussion>(), file.Of<ContactDecision>()])
            foreach (var e in kind)
                if (e.RecordedAt <= now) found.Add(e);
        return found;
    }

    /// <summary>A contact or referral, an injury, an injury or possible non-accidental injury seen in unscheduled care, or a police incident the child was present at.</summary>
    private static bool IsConcern(EntryDetails details) => details switch
    {
        ContactReceived or InjuryObserved => true,
        HospitalAttendance h => h.Injury || h.PossiblyNonAccidental,
        PoliceIncident p => p.ChildrenPresent,
        _ => false,
    };

    /// <summary>
    /// Children who, as the record stood when the concern was recorded, shared a parent with the child or lived in the
    /// child's household that day, and whom the concern does not already name. A child born after the concern counts
    /// only if a pregnancy naming them was already on record (an unborn child).
    /// </summary>
    private static IEnumerable<Person> OtherChildren(CaseFile file, CaseEntry concern, IReadOnlyList<CaseEntry> pregnancies)
    {
        var day = concern.Day();
        var known = concern.RecordedAt;
        var parents = file.Parents.ToHashSet();
        var siblings = file.Relationships
            .Where(r => parents.Contains(r.PersonId) && Relationship.IsParental(r.Kind) && r.RecordedAt <= known)
            .Select(r => r.RelatedPersonId);
        var memberships = file.Households.Where(m => m.RecordedAt <= known && m.IsCurrentOn(day)).ToList();
        var homes = memberships.Where(m => m.PersonId == file.Child.Id).Select(m => m.HouseholdId).ToHashSet();
        var household = memberships.Where(m => homes.Contains(m.HouseholdId)).Select(m => m.PersonId);
        var unbornThen = pregnancies.Where(p => p.RecordedAt <= known).Select(p => p.As<Pregnancy>()!.UnbornPersonId!.Value).ToHashSet();
        return siblings.Concat(household).Distinct().Order()
            .Where(id => id != file.Child.Id && !concern.Entry.IsAbout(id))
            .Select(id => file.People.GetValueOrDefault(id))
            .OfType<Person>()
            .Where(p => p.IsChild && (p.DateOfBirth is not { } dob || dob <= day || unbornThen.Contains(p.Id)));
    }

    /// <summary>A decision on other children naming this child (or naming a concern and no child), or an assessment, strategy discussion or decision on a contact about the child since.</summary>
    private static bool Considered(IReadOnlyList<CaseEntry> considerations, IReadOnlyList<CaseEntry> concerns, CaseEntry first, Person other) =>
        considerations.Any(e => e.RecordedAt >= first.RecordedAt && (e.Details is DecisionRecorded d
            ? d.AboutPersonId == other.Id || (d.AboutPersonId is null && concerns.Any(c => c.IsReferencedBy(d.AboutEntryId)))
            : e.Entry.IsAbout(other.Id)));
}

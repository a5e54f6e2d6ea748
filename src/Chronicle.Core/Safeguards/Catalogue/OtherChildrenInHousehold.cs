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

    /// <summary>When the concerns are settled, when each concern is recorded, and when each other child is considered (a consideration recorded ahead of its time).</summary>
    public DateTimeOffset? NextChange(CaseFile file, SafeguardContext context)
    {
        var concerns = ConcernsOf(file);
        var next = new NextMoment(context.Now).At(concerns.SettledFrom);
        foreach (var day in concerns.Days)
        {
            foreach (var concern in day.Concerns) next.At(concern.RecordedAt);
            foreach (var other in day.Others) next.At(other.ConsideredFrom);
        }
        return next.Earliest;
    }

    public IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context)
    {
        var concerns = ConcernsOf(file);
        return context.Now >= concerns.SettledFrom ? [] : Findings(file, concerns.Days, context);
    }

    /// <summary>
    /// One finding for each other child whom a concern asks about and no consideration has answered by now: keyed by the
    /// first day still unanswered and due from the first of those concerns recorded, with every unanswered day's
    /// concerns as its evidence (a later concern while the child is still unconsidered asks the same question again).
    /// </summary>
    private IEnumerable<Finding> Findings(CaseFile file, List<ConcernDay> days, SafeguardContext context)
    {
        var now = context.Now;
        var everythingKnown = file.AllKnownAt(now);
        var respondWithin = context.Policy.GetInt(Id, RespondWithin);
        var unanswered = new Dictionary<Guid, Unanswered>();
        var order = new List<Guid>();
        foreach (var day in days)
        {
            var concerns = day.Concerns;
            var first = day.First;
            var others = day.Others;
            if (!everythingKnown && !AllKnown(concerns, now))
            {
                // Some of the day's concerns were recorded after the moment: the day is what was known of it then.
                concerns = [.. concerns.Where(c => c.RecordedAt <= now)];
                if (concerns.Length == 0) continue;
                first = FirstRecorded(concerns);
                others = OthersToConsider(file, concerns, first, Considerations(file));
            }
            foreach (var other in others)
            {
                if (other.ConsideredFrom <= now) continue;
                if (unanswered.TryGetValue(other.Person.Id, out var open))
                {
                    open.Evidence.AddRange(concerns.Select(c => c.Id));
                    if (first.RecordedAt < open.First.RecordedAt) open.First = first;
                    continue;
                }
                unanswered[other.Person.Id] = new Unanswered(other.Person, day.Day, first, [.. concerns.Select(c => c.Id)]);
                order.Add(other.Person.Id);
            }
        }
        if (order.Count == 0) yield break;
        var lead = file.LeadProfessional(now.Day())?.Id;
        foreach (var id in order)
        {
            var (person, since, first, evidence) = unanswered[id];
            var due = context.Calendar.DueAfterWorkingDays(first.RecordedAt, respondWithin);
            var unborn = person.Kind == PersonKind.UnbornChild || (person.DateOfBirth is { } dob && dob > since);
            var named = person.DisplayName == Person.NameNotKnown ? null : person.DisplayName;
            var who = (named, unborn) switch
            {
                (null, true) => "an unborn child",
                (null, false) => "another child",
                (_, true) => $"{named}, an unborn child,",
                _ => $"{named}, another child,",
            };
            yield return new Finding(
                $"concern:{since:yyyy-MM-dd}:child:{person.Id}",
                $"A concern about the child was recorded on {TimelinessFacts.Describe(since)}, and {who} lives in the same household or has the same parent.",
                $"Record a consideration of {named ?? "the other child"} (a decision on other children naming them, or an assessment or strategy discussion about them) {FindingWords.By(due)}.",
                due,
                evidence,
                lead);
        }
    }

    /// <summary>
    /// Another child still unconsidered: the first day a concern asked about them, the first of the unanswered concerns
    /// to be recorded, and every unanswered concern.
    /// </summary>
    private sealed record Unanswered(Person Person, DateOnly Since, CaseEntry First, List<Guid> Evidence)
    {
        public CaseEntry First { get; set; } = First;
    }

    /// <summary>
    /// The concerns of one day (an injury seen, then referred: one event, so one consideration of each other child),
    /// the first of them to be recorded, and the other children to consider with when each was first considered, as
    /// the day stands once all its concerns are known.
    /// </summary>
    private sealed record ConcernDay(DateOnly Day, CaseEntry[] Concerns, CaseEntry First, OtherChild[] Others);

    /// <summary>Another child a day's concerns ask to be considered, and when a consideration of them was first recorded (the latest moment there is, if none was).</summary>
    private readonly record struct OtherChild(Person Person, DateTimeOffset ConsideredFrom);

    /// <summary>
    /// The days with a concern about the child, in chronology order, and the moment from which every concern is known
    /// and every other child they ask about has been considered: from then on there is nothing to find.
    /// </summary>
    private sealed record Concerns(List<ConcernDay> Days, DateTimeOffset SettledFrom)
    {
        public static readonly Concerns None = new([], DateTimeOffset.MinValue);
    }

    /// <summary>The concerns about the child, from every concern and consideration in it.</summary>
    private static Concerns ConcernsOf(CaseFile file)
    {
        if (!HasOtherChildren(file)) return Concerns.None;
        var byDay = new Dictionary<DateOnly, List<CaseEntry>>();
        var order = new List<DateOnly>();
        foreach (var entry in file.EntriesAboutChild)
        {
            if (!IsConcern(entry.Details)) continue;
            var day = entry.Day();
            if (!byDay.TryGetValue(day, out var concerns))
            {
                byDay[day] = concerns = [];
                order.Add(day);
            }
            concerns.Add(entry);
        }
        if (order.Count == 0) return Concerns.None;
        var considerations = Considerations(file);
        var days = new List<ConcernDay>();
        var settled = DateTimeOffset.MinValue;
        foreach (var day in order)
        {
            var concerns = byDay[day].ToArray();
            var first = FirstRecorded(concerns);
            var others = OthersToConsider(file, concerns, first, considerations);
            days.Add(new ConcernDay(day, concerns, first, others));
            foreach (var concern in concerns)
                if (concern.RecordedAt > settled) settled = concern.RecordedAt;
            foreach (var other in others)
                if (other.ConsideredFrom > settled) settled = other.ConsideredFrom;
        }
        return new Concerns(days, settled);
    }

    /// <summary>Anyone around the child who is a child too: without one, no concern has another child to consider.</summary>
    private static bool HasOtherChildren(CaseFile file)
    {
        foreach (var person in file.People.Values)
            if (person.Id != file.Child.Id && person.IsChild) return true;
        return false;
    }

    /// <summary>Every one of the day's concerns was recorded by the moment.</summary>
    private static bool AllKnown(CaseEntry[] concerns, DateTimeOffset now)
    {
        foreach (var concern in concerns)
            if (concern.RecordedAt > now) return false;
        return true;
    }

    /// <summary>The concern recorded first (the earliest in the chronology, when several were recorded at once).</summary>
    private static CaseEntry FirstRecorded(CaseEntry[] concerns)
    {
        var first = concerns[0];
        foreach (var concern in concerns)
            if (concern.RecordedAt < first.RecordedAt) first = concern;
        return first;
    }

    /// <summary>
    /// The other children a day's concerns ask to be considered, by id: each concern's other children that none of the
    /// concerns names, with when a consideration of them was first recorded after the first concern.
    /// </summary>
    private static OtherChild[] OthersToConsider(CaseFile file, CaseEntry[] concerns, CaseEntry first, List<CaseEntry> considerations)
    {
        var others = new List<Person>();
        foreach (var concern in concerns)
            foreach (var other in OtherChildren(file, concern))
                if (!others.Exists(p => p.Id == other.Id) && !Array.Exists(concerns, c => c.Entry.IsAbout(other.Id))) others.Add(other);
        others.Sort((a, b) => a.Id.CompareTo(b.Id));
        var found = new OtherChild[others.Count];
        for (var i = 0; i < found.Length; i++)
            found[i] = new OtherChild(others[i], FirstConsidered(considerations, concerns, first, others[i]));
        return found;
    }

    /// <summary>What can answer a concern about another child: decisions on other children, assessments, strategy discussions, contact decisions.</summary>
    private static List<CaseEntry> Considerations(CaseFile file)
    {
        var found = new List<CaseEntry>();
        foreach (var e in file.Of<DecisionRecorded>())
            if (((DecisionRecorded)e.Details).Topic == DecisionTopic.OtherChildren) found.Add(e);
        foreach (var kind in (IReadOnlyList<CaseEntry>[])[file.Of<AssessmentStarted>(), file.Of<AssessmentCompleted>(), file.Of<StrategyDiscussion>(), file.Of<ContactDecision>()])
            found.AddRange(kind);
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
    /// child's household that day, and whom the concern does not already name, by id. A child born after the concern
    /// counts only if a pregnancy naming them was already on record (an unborn child).
    /// </summary>
    private static List<Person> OtherChildren(CaseFile file, CaseEntry concern)
    {
        var day = concern.Day();
        var known = concern.RecordedAt;
        var ids = new List<Guid>();
        foreach (var r in file.Relationships)
            if (r.RecordedAt <= known && Relationship.IsParental(r.Kind) && file.Parents.Contains(r.PersonId) && !ids.Contains(r.RelatedPersonId))
                ids.Add(r.RelatedPersonId);
        foreach (var home in file.Households)
        {
            if (home.PersonId != file.Child.Id || home.RecordedAt > known || !home.IsCurrentOn(day)) continue;
            foreach (var m in file.Households)
                if (m.HouseholdId == home.HouseholdId && m.RecordedAt <= known && m.IsCurrentOn(day) && !ids.Contains(m.PersonId)) ids.Add(m.PersonId);
        }
        ids.Sort();
        var children = new List<Person>();
        foreach (var id in ids)
            if (id != file.Child.Id && !concern.Entry.IsAbout(id) && file.People.TryGetValue(id, out var p) && p.IsChild
                && (p.DateOfBirth is not { } dob || dob <= day || UnbornWhen(file, id, known)))
                children.Add(p);
        return children;
    }

    /// <summary>A pregnancy naming the child as the unborn child was on record by the moment.</summary>
    private static bool UnbornWhen(CaseFile file, Guid child, DateTimeOffset known)
    {
        foreach (var p in file.Of<Pregnancy>())
            if (p.RecordedAt <= known && ((Pregnancy)p.Details).UnbornPersonId == child) return true;
        return false;
    }

    /// <summary>
    /// When a consideration of the other child was first recorded, from the first concern on: a decision on other
    /// children naming this child (or naming one of the concerns and no child), or an assessment, strategy discussion
    /// or decision on a contact about the child.
    /// </summary>
    private static DateTimeOffset FirstConsidered(List<CaseEntry> considerations, CaseEntry[] concerns, CaseEntry first, Person other)
    {
        var at = DateTimeOffset.MaxValue;
        foreach (var e in considerations)
            if (e.RecordedAt >= first.RecordedAt && e.RecordedAt < at && (e.Details is DecisionRecorded d
                    ? d.AboutPersonId == other.Id || (d.AboutPersonId is null && Array.Exists(concerns, c => c.IsReferencedBy(d.AboutEntryId)))
                    : e.Entry.IsAbout(other.Id)))
                at = e.RecordedAt;
        return at;
    }
}

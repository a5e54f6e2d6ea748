using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Time;

namespace Chronicle.Core.Safeguards.Catalogue;

/// <summary>
/// SG-26: the child, a parent or an adult in the household lived in another local authority area within the look-back,
/// and records from that area were not requested within a working day of Chronicle learning it, or not received
/// within the setting of the request. A move is learned from an address change whose previous local authority is
/// another area, or from an agency's address in another area followed by one in this area. One cause per area and
/// stage (request, receipt); a decision on records from another area answers both. The transfer-in conference for a
/// child on a plan elsewhere is SG-19's clock.
/// </summary>
public sealed class MovedIntoTheArea : ISafeguard
{
    public static readonly SettingDefinition LookBack = new("look-back", "Previous address within", "2", "years");
    public static readonly SettingDefinition RequestWithin = new("request-within", "Records requested within", "1", "working days");
    public static readonly SettingDefinition ReceiveWithin = new("receive-within", "Records received within (of the request)", "5", "working days");

    private sealed record Move(string Area, Guid PersonId, DateOnly MovedOn, DateTimeOffset KnownAt, Guid? EntryId);

    public string Id => "SG-26";
    public int Version => 1;
    public string Title => "Moved into the area";
    public Severity Severity => Severity.Action;

    public IReadOnlyList<Lesson> Lessons { get; } =
    [
        new("002", "Family S22", "Introduction and background to the case",
            "In this case the baby's mother had received ante-natal care in another area."),
        new("002", "Family S22", "Referrals, process and practice",
            "when the referral concerns a teenage parent who is new to the area and where there is a history of involvement with social care as a child."),
        new("004", "Child BF", "Finding BF5, Recommendation 7",
            "Where a vulnerable parent moves into a new area, professionals must ensure there is effective communication with the area they have moved from."),
    ];

    public IReadOnlyList<SettingDefinition> Settings { get; } = [LookBack, RequestWithin, ReceiveWithin];

    /// <summary>The due time of each move between areas not yet answered, and the days who lives with the child changes.</summary>
    public DateTimeOffset? NextChange(CaseFile file, SafeguardContext context)
    {
        var now = context.Now;
        if (!MayHaveMovedAreas(file)) return null;
        var moves = new KnownMoves(file, now, Moves(file, now, now.Day()));
        var next = new NextMoment(now).NextDayAroundChildChanges(file);
        foreach (var (_, first, _, request, _) in moves.Unanswered(context.Policy.GetInt(Id, LookBack)))
            next.At(request is null
                ? context.Calendar.DueAfterWorkingDays(first.KnownAt, context.Policy.GetInt(Id, RequestWithin))
                : context.Calendar.DueAfterWorkingDays(request.When, context.Policy.GetInt(Id, ReceiveWithin)));
        return next.Earliest;
    }

    public IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context)
    {
        var now = context.Now;
        if (!MayHaveMovedAreas(file)) return [];
        var moves = new KnownMoves(file, now, Moves(file, now, now.Day()));
        var unanswered = moves.Unanswered(context.Policy.GetInt(Id, LookBack));
        return unanswered.Count == 0 ? [] : Findings(file, context, unanswered);
    }

    /// <summary>Moves from one area, with what Chronicle has of records from it.</summary>
    private sealed record AreaMoves(string Area, Move First, DateTimeOffset Since, CaseEntry? Request, List<Guid> Evidence);

    /// <summary>
    /// The moves known by a moment, and for each look-back the policy asks for (it is a setting), the areas whose
    /// records are neither received nor decided about.
    /// </summary>
    private sealed class KnownMoves(CaseFile file, DateTimeOffset known, List<Move> moves)
    {
        private readonly Dictionary<int, List<AreaMoves>> _byLookBack = [];

        public List<AreaMoves> Unanswered(int years)
        {
            if (moves.Count == 0) return [];
            if (!_byLookBack.TryGetValue(years, out var unanswered)) _byLookBack[years] = unanswered = Work(years);
            return unanswered;
        }

        private List<AreaMoves> Work(int years)
        {
            var unanswered = new List<AreaMoves>();
            foreach (var area in moves.Where(m => m.MovedOn >= m.KnownAt.Day().AddYears(-years)).GroupBy(m => TimelinessFacts.AreaKey(m.Area)))
            {
                // The move known first; of moves known at once (an address change about the child and a parent), the
                // child's, then the earliest, then by name: the words are the same however the family's ids fall.
                var first = area.OrderBy(m => m.KnownAt).ThenBy(m => m.PersonId == file.Child.Id ? 0 : 1).ThenBy(m => m.MovedOn)
                    .ThenBy(m => file.People.TryGetValue(m.PersonId, out var p) ? p.DisplayName : "", StringComparer.Ordinal).First();
                var since = WorkingDayCalendar.StartOfUkDay(first.MovedOn < first.KnownAt.Day() ? first.MovedOn : first.KnownAt.Day());
                if (file.Known<DecisionRecorded>(known).Any(d => d.Details.Topic == DecisionTopic.RecordsFromAnotherArea && d.Entry.When >= since)) continue;

                var request = file.Known<RecordsRequested>(known).FirstOrDefault(r => r.Entry.When >= since && TimelinessFacts.SameArea(r.Details.FromArea, first.Area));
                var received = file.Known<RecordsReceived>(known).Any(r =>
                    (request.Entry is not null && request.Entry.IsReferencedBy(r.Details.RequestEntryId))
                    || (r.Entry.When >= since && TimelinessFacts.SameArea(r.Details.FromArea, first.Area)));
                if (received) continue;
                unanswered.Add(new(first.Area, first, since, request.Entry,
                    [.. area.Where(m => m.EntryId is not null).Select(m => m.EntryId!.Value).Distinct()]));
            }
            return unanswered;
        }
    }

    private IEnumerable<Finding> Findings(CaseFile file, SafeguardContext context, List<AreaMoves> unanswered)
    {
        var now = context.Now;
        foreach (var (area, first, _, request, evidence) in unanswered)
        {
            var who = file.People.TryGetValue(first.PersonId, out var person) ? person.DisplayName : "Someone in the family";
            if (request is null)
            {
                var due = context.Calendar.DueAfterWorkingDays(first.KnownAt, context.Policy.GetInt(Id, RequestWithin));
                if (now <= due) continue;
                yield return new Finding(
                    $"records-request:{TimelinessFacts.AreaKey(area)}",
                    $"{who} lived in {area} until {TimelinessFacts.Describe(first.MovedOn)}, recorded on {TimelinessFacts.Describe(first.KnownAt.Day())}, " +
                    $"and no records have been requested from {area}.",
                    $"Request records from {area} (children's social care, and health where relevant) and record the request, " +
                    $"or record a decision on records from another area; it was due by {TimelinessFacts.Describe(due)}.",
                    due, evidence, Owner(file, now));
            }
            else
            {
                var due = context.Calendar.DueAfterWorkingDays(request.When, context.Policy.GetInt(Id, ReceiveWithin));
                if (now <= due) continue;
                yield return new Finding(
                    $"records-receipt:{TimelinessFacts.AreaKey(area)}",
                    $"Records requested from {area} on {TimelinessFacts.Describe(request.When.Day())} have not been received.",
                    $"Chase the records from {area} and record them when received; they were due by {TimelinessFacts.Describe(due)}.",
                    due, [.. evidence, request.Id], Owner(file, now));
            }
        }
    }

    /// <summary>
    /// Whether the file could show a move between areas at all: a change of address naming a previous area, or
    /// address facts in more than one area. Most files have neither, and need no home area worked out.
    /// </summary>
    private static bool MayHaveMovedAreas(CaseFile file)
    {
        foreach (var change in file.Of<AddressChange>())
            if (!string.IsNullOrWhiteSpace(((AddressChange)change.Details).PreviousLocalAuthority)) return true;
        string? area = null;
        foreach (var fact in file.Addresses)
        {
            if (string.IsNullOrWhiteSpace(fact.LocalAuthority)) continue;
            var key = TimelinessFacts.AreaKey(fact.LocalAuthority);
            if (area is null) area = key;
            else if (!string.Equals(area, key, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    /// <summary>
    /// Moves into the area the case is worked in on <paramref name="day"/> from another, known by then, by the child or
    /// anyone who is a parent or household adult on that day; how far back a move counts is a setting, applied to these.
    /// </summary>
    private static List<Move> Moves(CaseFile file, DateTimeOffset now, DateOnly day)
    {
        var moves = new List<Move>();
        var home = file.HomeArea(day);
        var people = file.ParentsAndHouseholdAdults(day).Append(file.Child.Id).ToHashSet();

        foreach (var (entry, change) in file.Known<AddressChange>(now))
        {
            var previous = change.PreviousLocalAuthority;
            if (string.IsNullOrWhiteSpace(previous) || TimelinessFacts.SameArea(previous, home) || TimelinessFacts.SameArea(previous, change.LocalAuthority)) continue;
            if (home is null && change.LocalAuthority is null) continue;
            var movedOn = change.MovedOn ?? entry.When.Day();
            foreach (var person in people.Where(entry.Entry.IsAbout))
                moves.Add(new Move(previous, person, movedOn, entry.RecordedAt, entry.Id));
        }

        if (home is null) return moves;
        var addresses = file.Addresses.Where(a => a.RecordedAt <= now && people.Contains(a.PersonId)).ToList();
        foreach (var before in addresses.Where(a => !string.IsNullOrWhiteSpace(a.LocalAuthority) && !TimelinessFacts.SameArea(a.LocalAuthority, home)))
        {
            var after = addresses
                .Where(a => a.PersonId == before.PersonId && a.Id != before.Id && TimelinessFacts.SameArea(a.LocalAuthority, home)
                            && (a.From ?? DateOnly.MaxValue) >= (before.From ?? DateOnly.MinValue))
                .OrderBy(a => a.From ?? DateOnly.MaxValue).FirstOrDefault();
            if (after is null) continue;
            var movedOn = before.To ?? after.From ?? after.RecordedAt.Day();
            var knownAt = before.RecordedAt > after.RecordedAt ? before.RecordedAt : after.RecordedAt;
            if (knownAt < WorkingDayCalendar.StartOfUkDay(movedOn)) knownAt = WorkingDayCalendar.StartOfUkDay(movedOn);
            moves.Add(new Move(before.LocalAuthority!, before.PersonId, movedOn, knownAt, before.EntryId ?? after.EntryId));
        }
        return moves;
    }

    /// <summary>The lead professional, or the front door: asked only of a finding.</summary>
    private static Guid? Owner(CaseFile file, DateTimeOffset now) => (file.LeadProfessional(now.Day()) ?? file.FrontDoorManager())?.Id;
}

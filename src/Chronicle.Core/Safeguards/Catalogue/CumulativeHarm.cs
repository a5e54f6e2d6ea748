using Chronicle.Core.Chronology.Details;

namespace Chronicle.Core.Safeguards.Catalogue;

/// <summary>
/// SG-18: risk indicators of two or more kinds building up over at least the span, with no assessment in that time
/// considering neglect or cumulative harm. Indicators count from the last assessment (or decision) that did, of the
/// child or of a brother or sister, as contacts about a brother's or sister's neglect count among the indicators.
/// </summary>
public sealed class CumulativeHarm : ISafeguard
{
    public static readonly SettingDefinition Span = new("span", "Indicators spanning at least", "12", "months");
    public static readonly SettingDefinition DecideWithin = new("decide-within", "Assessment or decision within", "5", "working days");

    /// <summary>The kinds of risk indicator, as flags: a span's indicators are of one or more kinds.</summary>
    [Flags]
    private enum Indicator { None = 0, DomesticAbuse = 1, ParentalSubstanceMisuse = 2, ParentalMentalHealth = 4, Neglect = 8 }

    public string Id => "SG-18";
    public int Version => 1;
    public string Title => "Cumulative harm";
    public Severity Severity => Severity.Action;

    public IReadOnlyList<Lesson> Lessons { get; } =
    [
        new("003", "Emily", "Additional issues: the long-term impact of neglect and domestic abuse",
            "Concerns about the impact of mother's use of alcohol were of long-standing, first having been raised in 2013"),
        new("003", "Emily", "Additional issues: the long-term impact of neglect and domestic abuse",
            "It was not until 2015 that formal assessment was done and support offered via Early Help services."),
    ];

    public IReadOnlyList<SettingDefinition> Settings { get; } = [Span, DecideWithin];

    /// <summary>Indicators about brothers and sisters count by the sibling group of the day, which changes with the household.</summary>
    public DateTimeOffset? NextChange(CaseFile file, SafeguardContext context) =>
        new NextMoment(context.Now).NextDayAroundChildChanges(file).NextEntryHappens(file).Earliest;

    public IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context)
    {
        var history = HistoryOf(file);
        return history.Indicators.Length == 0 ? [] : Findings(file, history, context);
    }

    /// <summary>The finding, when the indicators known by now since cumulative harm was last considered complete a span.</summary>
    private IEnumerable<Finding> Findings(CaseFile file, History history, SafeguardContext context)
    {
        var months = context.Policy.GetInt(Id, Span);
        var now = context.Now;
        var considered = LastConsidered(file, history.Considered, now);

        // The span runs from the first indicator since cumulative harm was last considered; it is complete once
        // indicators of two kinds have been recorded and one falls on or after the span's end. An indicator dated only
        // to its month or year may have happened on its last day, and a later one on its first: the span is complete
        // only when it certainly is.
        CaseEntry? first = null, completing = null;
        var spanStart = DateOnly.MaxValue;
        var kinds = Indicator.None;
        foreach (var indicator in history.Indicators)
        {
            if (!Counts(file, indicator, considered, now)) continue;
            first ??= indicator.Entry;
            if (indicator.Latest < spanStart) spanStart = indicator.Latest;
            kinds |= indicator.Kind;
            if (KindsIn(kinds) >= 2 && indicator.Earliest >= spanStart.AddMonths(months)) { completing = indicator.Entry; break; }
        }
        if (first is null || completing is null) yield break;

        var evidence = new List<Guid>();
        var seen = Indicator.None;
        var last = first;
        foreach (var indicator in history.Indicators)
        {
            if (!Counts(file, indicator, considered, now)) continue;
            evidence.Add(indicator.Entry.Id);
            seen |= indicator.Kind;
            last = indicator.Entry;
        }
        var due = context.Calendar.DueAfterWorkingDays(completing.Knowable(), context.Policy.GetInt(Id, DecideWithin));
        yield return new Finding(
            $"cumulative-harm:{first.CauseId()}",
            $"Concerns about {TimelinessFacts.InWords(Words(seen))} recorded from {TimelinessFacts.Describe(first.When.Day())} to " +
            $"{TimelinessFacts.Describe(last.When.Day())}, and no assessment in that time has considered neglect or cumulative harm.",
            $"An assessment that considers cumulative harm (recording \"cumulative-harm\" among what it considered), or a recorded decision on cumulative harm, by {TimelinessFacts.Describe(due)}.",
            due,
            evidence,
            (file.LeadProfessional(now.Day()) ?? file.FrontDoorManager())?.Id);
    }

    /// <summary>
    /// A risk indicator on record: its entry, the first and last day it can have happened (one day unless it is dated
    /// only to its month or year) and its kind. A contact about the neglect of someone other than the child counts only
    /// while they are one of the child's brothers or sisters.
    /// </summary>
    private readonly record struct PossibleIndicator(CaseEntry Entry, DateOnly Earliest, DateOnly Latest, Indicator Kind, bool IfAboutSibling);

    /// <summary>
    /// An assessment that considered neglect or cumulative harm, or a decision on cumulative harm; one about someone
    /// other than the child counts only while they are one of the child's brothers or sisters.
    /// </summary>
    private readonly record struct Consideration(CaseEntry Entry, bool IfAboutSibling);

    /// <summary>What the file holds on cumulative harm, in chronology order: when it was considered, and the indicators.</summary>
    private sealed record History(Consideration[] Considered, PossibleIndicator[] Indicators);

    /// <summary>The file's cumulative harm history.</summary>
    private static History HistoryOf(CaseFile file)
    {
        var considered = new List<Consideration>();
        foreach (var entry in file.Of<AssessmentCompleted>())
        {
            var assessment = (AssessmentCompleted)entry.Details;
            if (assessment.Considers("cumulative-harm") || assessment.Considers("neglect")) considered.Add(new(entry, !entry.Entry.IsAbout(file.Child.Id)));
        }
        foreach (var entry in file.Of<DecisionRecorded>())
            if (((DecisionRecorded)entry.Details).Topic == DecisionTopic.CumulativeHarm) considered.Add(new(entry, !entry.Entry.IsAbout(file.Child.Id)));

        var indicators = new List<PossibleIndicator>();
        foreach (var entry in file.Entries)
        {
            var kind = entry.Details switch
            {
                PoliceIncident { Type: IncidentType.DomesticAbuse } => Indicator.DomesticAbuse,
                AdultConcern { Type: AdultConcernType.SubstanceMisuse or AdultConcernType.Alcohol } a when IsParental(file, entry, a) => Indicator.ParentalSubstanceMisuse,
                AdultConcern { Type: AdultConcernType.MentalHealth } a when IsParental(file, entry, a) => Indicator.ParentalMentalHealth,
                ContactReceived c when c.ConcernCategories.Contains(AbuseCategory.Neglect) => Indicator.Neglect,
                PlanStarted { Category: AbuseCategory.Neglect } when entry.Entry.IsAbout(file.Child.Id) => Indicator.Neglect,
                _ => Indicator.None,
            };
            if (kind == Indicator.None) continue;
            var ifAboutSibling = entry.Details is ContactReceived && !entry.Entry.IsAbout(file.Child.Id);
            var on = entry.Entry.OccurredOn;
            indicators.Add(new(entry, on.Earliest ?? entry.Day(), on.Latest ?? entry.Day(), kind, ifAboutSibling));
        }
        return new([.. considered], [.. indicators]);
    }

    /// <summary>When cumulative harm was last considered for the child or the sibling group, of what is known by now; the earliest moment if it never was.</summary>
    private static DateTimeOffset LastConsidered(CaseFile file, Consideration[] considered, DateTimeOffset now)
    {
        var last = DateTimeOffset.MinValue;
        IReadOnlySet<Guid>? siblings = null;
        foreach (var (entry, ifAboutSibling) in considered)
        {
            if (entry.RecordedAt > now || entry.When <= last) continue;
            if (ifAboutSibling && !IsAboutAnyOf(entry, siblings ??= file.SiblingGroup(now.Day()))) continue;
            last = entry.When;
        }
        return last;
    }

    /// <summary>An indicator known by now, after cumulative harm was last considered.</summary>
    private static bool Counts(CaseFile file, in PossibleIndicator indicator, DateTimeOffset considered, DateTimeOffset now)
    {
        if (indicator.Entry.RecordedAt > now || indicator.Entry.When <= considered) return false;
        return !indicator.IfAboutSibling || IsAboutAnyOf(indicator.Entry, file.SiblingGroup(now.Day()));
    }

    /// <summary>The entry is about one of the people.</summary>
    private static bool IsAboutAnyOf(CaseEntry entry, IReadOnlySet<Guid> people)
    {
        foreach (var subject in entry.Entry.Subjects)
            if (people.Contains(subject.PersonId)) return true;
        return false;
    }

    private static bool IsParental(CaseFile file, CaseEntry entry, AdultConcern concern) =>
        file.ParentsAndHouseholdAdults(entry.When.Day()).Contains(concern.AdultPersonId);

    /// <summary>How many kinds of indicator there are among the kinds.</summary>
    private static int KindsIn(Indicator kinds) => System.Numerics.BitOperations.PopCount((uint)kinds);

    /// <summary>The kinds in words, in the order of <see cref="Indicator"/>.</summary>
    private static List<string> Words(Indicator kinds)
    {
        var words = new List<string>();
        if (kinds.HasFlag(Indicator.DomesticAbuse)) words.Add("domestic abuse");
        if (kinds.HasFlag(Indicator.ParentalSubstanceMisuse)) words.Add("parental substance or alcohol misuse");
        if (kinds.HasFlag(Indicator.ParentalMentalHealth)) words.Add("parental mental health");
        if (kinds.HasFlag(Indicator.Neglect)) words.Add("neglect");
        return words;
    }
}

using Chronicle.Core.Chronology.Details;

namespace Chronicle.Core.Safeguards.Catalogue;

/// <summary>
/// SG-18: risk indicators of two or more kinds building up over at least the span, with no assessment in that time
/// considering neglect or cumulative harm. Indicators count from the last assessment (or decision) that did.
/// </summary>
public sealed class CumulativeHarm : ISafeguard
{
    public static readonly SettingDefinition Span = new("span", "Indicators spanning at least", "12", "months");
    public static readonly SettingDefinition DecideWithin = new("decide-within", "Assessment or decision within", "5", "working days");

    private enum Indicator { DomesticAbuse, ParentalSubstanceMisuse, ParentalMentalHealth, Neglect }

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

    public IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context)
    {
        var months = context.Policy.GetInt(Id, Span);
        var now = context.Now;
        var considered = file.KnownAboutChild<AssessmentCompleted>(now)
            .Where(a => a.Details.Considers("cumulative-harm") || a.Details.Considers("neglect")).Select(a => a.Entry.When)
            .Concat(file.KnownAboutChild<DecisionRecorded>(now).Where(d => d.Details.Topic == DecisionTopic.CumulativeHarm).Select(d => d.Entry.When))
            .DefaultIfEmpty(DateTimeOffset.MinValue).Max();

        var indicators = Indicators(file, now).Where(i => i.Entry.When > considered).ToList();
        if (indicators.Count == 0) yield break;
        var first = indicators[0].Entry;
        var spanEnd = first.When.Day().AddMonths(months);
        var kinds = new HashSet<Indicator>();
        CaseEntry? completing = null;
        foreach (var (entry, kind) in indicators)
        {
            kinds.Add(kind);
            if (kinds.Count >= 2 && entry.When.Day() >= spanEnd) { completing = entry; break; }
        }
        if (completing is null) yield break;

        var seen = indicators.Select(i => i.Kind).Distinct().Order().Select(Words);
        var due = context.Calendar.DueAfterWorkingDays(completing.Knowable(), context.Policy.GetInt(Id, DecideWithin));
        var last = indicators[^1].Entry;
        yield return new Finding(
            $"cumulative-harm:{first.CauseId()}",
            $"Concerns about {TimelinessFacts.InWords(seen)} recorded from {TimelinessFacts.Describe(first.When.Day())} to " +
            $"{TimelinessFacts.Describe(last.When.Day())}, and no assessment in that time has considered neglect or cumulative harm.",
            $"An assessment that considers cumulative harm (recording \"cumulative-harm\" among what it considered), or a recorded decision on cumulative harm, by {TimelinessFacts.Describe(due)}.",
            due,
            [.. indicators.Select(i => i.Entry.Id)],
            (file.LeadProfessional(now.Day()) ?? file.FrontDoorManager())?.Id);
    }

    private static IEnumerable<(CaseEntry Entry, Indicator Kind)> Indicators(CaseFile file, DateTimeOffset now)
    {
        var group = file.SiblingGroup(now.Day());
        foreach (var entry in file.Remember("cumulative-harm-kinds", 0, static (file, _) => OfIndicatorKinds(file)))
        {
            if (entry.RecordedAt > now) continue;
            Indicator? kind = entry.Details switch
            {
                PoliceIncident { Type: IncidentType.DomesticAbuse } => Indicator.DomesticAbuse,
                AdultConcern { Type: AdultConcernType.SubstanceMisuse or AdultConcernType.Alcohol } a when IsParental(file, entry, a) => Indicator.ParentalSubstanceMisuse,
                AdultConcern { Type: AdultConcernType.MentalHealth } a when IsParental(file, entry, a) => Indicator.ParentalMentalHealth,
                ContactReceived c when c.ConcernCategories.Contains(AbuseCategory.Neglect) && group.Any(entry.Entry.IsAbout) => Indicator.Neglect,
                PlanStarted { Category: AbuseCategory.Neglect } when entry.Entry.IsAbout(file.Child.Id) => Indicator.Neglect,
                _ => null,
            };
            if (kind is { } k) yield return (entry, k);
        }
    }

    /// <summary>The entries of the kinds that can be indicators, in chronology order, picked out once for the file.</summary>
    private static List<CaseEntry> OfIndicatorKinds(CaseFile file)
    {
        var found = new List<CaseEntry>();
        foreach (var entry in file.Entries)
            if (entry.Details is PoliceIncident or AdultConcern or ContactReceived or PlanStarted) found.Add(entry);
        return found;
    }

    private static bool IsParental(CaseFile file, CaseEntry entry, AdultConcern concern) =>
        file.ParentsAndHouseholdAdults(entry.When.Day()).Contains(concern.AdultPersonId);

    private static string Words(Indicator kind) => kind switch
    {
        Indicator.DomesticAbuse => "domestic abuse",
        Indicator.ParentalSubstanceMisuse => "parental substance or alcohol misuse",
        Indicator.ParentalMentalHealth => "parental mental health",
        _ => "neglect",
    };
}

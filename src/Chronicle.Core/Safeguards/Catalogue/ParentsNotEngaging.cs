using Chronicle.Core.Chronology.Details;

namespace Chronicle.Core.Safeguards.Catalogue;

/// <summary>
/// SG-17: parents repeatedly missing visits and appointments or declining assessment while the case is open. The
/// cause is the occasion that completes the count; escalation considered (a decision on escalation, pre-proceedings,
/// a conference or a legal gateway meeting) answers it and starts the count again.
/// </summary>
public sealed class ParentsNotEngaging : ISafeguard
{
    public static readonly SettingDefinition Count = new("count", "Missed or declined", "3", "occasions");
    public static readonly SettingDefinition Window = new("window", "Within", "8", "weeks");
    public static readonly SettingDefinition ReviewWithin = new("review-within", "Plan review and decision within", "5", "working days");

    public string Id => "SG-17";
    public int Version => 1;
    public string Title => "Parents not engaging";
    public Severity Severity => Severity.Action;

    public IReadOnlyList<Lesson> Lessons { get; } =
    [
        new("004", "Child BF", "Finding BF1, Lesson BF1.1",
            "continued non-engagement with assessments and support should be recognised as significantly increasing the risk to the child."),
        new("004", "Child BF", "Finding BF1",
            "Lack of parental engagement can often lead to a case being closed or drift and delay in planning for a child."),
    ];

    public IReadOnlyList<SettingDefinition> Settings { get; } = [Count, Window, ReviewWithin];

    public IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context)
    {
        var count = context.Policy.GetInt(Id, Count);
        var weeks = context.Policy.GetInt(Id, Window);
        var now = context.Now;
        if (NonEngagements(file) < count) yield break;

        var missed = file.Known<ParentalEngagement>(now)
            .Where(e => e.Details.IsNonEngagement
                        && (e.Entry.Entry.IsAbout(file.Child.Id) || file.ParentsAndHouseholdAdults(e.Entry.When.Day()).Contains(e.Details.ParentPersonId)))
            .Select(e => e.Entry)
            .ToList();
        var escalations = Escalations(file, now);

        var since = DateTimeOffset.MinValue;
        CaseEntry? cause = null;
        var run = new List<CaseEntry>();
        foreach (var occasion in missed)
        {
            var answered = escalations.Where(e => e > since && e <= occasion.When).DefaultIfEmpty(DateTimeOffset.MinValue).Max();
            if (answered > since)
            {
                since = answered;
                if (cause is not null && cause.When <= since) cause = null;
                run.RemoveAll(r => r.When <= since);
            }
            if (!file.IsOpenCase(occasion.When)) continue;
            run.Add(occasion);
            var windowStart = occasion.When.Day().AddDays(-7 * weeks);
            if (cause is null && run.Count(r => r.When.Day() >= windowStart) >= count) cause = occasion;
        }
        if (cause is null || escalations.Any(e => e >= cause.When)) yield break;

        var due = context.Calendar.DueAfterWorkingDays(cause.Knowable(), context.Policy.GetInt(Id, ReviewWithin));
        var inWindow = run.Count(r => r.When <= cause.When && r.When.Day() >= cause.When.Day().AddDays(-7 * weeks));
        var lead = file.LeadProfessional(now.Day());
        yield return new Finding(
            $"non-engagement:{cause.CauseId()}",
            $"Parents of {file.Child.DisplayName} missed visits or appointments or declined assessment {inWindow} times in {weeks} weeks " +
            $"up to {TimelinessFacts.Describe(cause.When.Day())}, while an assessment or plan is open.",
            $"Review the plan, consider escalation (a child protection conference or pre-proceedings) and record a decision on escalation by {TimelinessFacts.Describe(due)}.",
            due,
            [.. run.Select(r => r.Id)],
            lead?.Id);
    }

    /// <summary>When escalation was considered: a decision on escalation, a pre-proceedings step, a conference or a legal gateway meeting.</summary>
    private static List<DateTimeOffset> Escalations(CaseFile file, DateTimeOffset now) =>
    [
        .. file.KnownAboutChild<DecisionRecorded>(now).Where(d => d.Details.Topic == DecisionTopic.Escalation).Select(d => d.Entry.When),
        .. file.KnownAboutChild<PreProceedings>(now).Select(p => p.Entry.When),
        .. file.KnownAboutChild<MeetingHeld>(now)
            .Where(m => m.Details.Type is MeetingType.InitialChildProtectionConference or MeetingType.ReviewChildProtectionConference or MeetingType.LegalGateway)
            .Select(m => m.Entry.When),
    ];

    /// <summary>Missed visits, missed appointments and declined assessments in the whole file: an upper bound on any run.</summary>
    private static int NonEngagements(CaseFile file)
    {
        var count = 0;
        foreach (var e in file.Of<ParentalEngagement>())
            if (((ParentalEngagement)e.Details).IsNonEngagement) count++;
        return count;
    }
}

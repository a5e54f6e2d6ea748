using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Time;

namespace Chronicle.Core.Safeguards.Catalogue;

/// <summary>
/// SG-21: management supervision when a section 47 enquiry or a child in need or child protection plan opens (found
/// once the setting has passed without it), and before a case closes (found as soon as closure is proposed with no
/// supervision since the last significant entry).
/// </summary>
public sealed class NoSupervisionAtOpeningOrClosing : ISafeguard
{
    public static readonly SettingDefinition Within = new("within", "Supervision within (of opening)", "5", "working days");

    public string Id => "SG-21";
    public int Version => 1;
    public string Title => "No supervision at opening or closing";
    public Severity Severity => Severity.Action;

    public IReadOnlyList<Lesson> Lessons { get; } =
    [
        new("000", "Baby R", "What we can do differently in the future",
            "Request supervision for all child protection cases when they open and before closing."),
        new("000", "Baby R", "Our focus in this review",
            "None of the records showed evidence that practitioners involved in this case received effective supervision."),
    ];

    public IReadOnlyList<SettingDefinition> Settings { get; } = [Within];

    public IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context)
    {
        var now = context.Now;
        var supervisions = file.KnownAboutChild<Supervision>(now).Select(s => s.Entry.When).ToList();
        var within = context.Policy.GetInt(Id, Within);

        foreach (var (opening, what) in Openings(file, now))
        {
            var due = context.Calendar.DueAfterWorkingDays(opening.When, within);
            if (now <= due || supervisions.Any(s => s >= WorkingDayCalendar.StartOfUkDay(opening.When.Day()))) continue;
            yield return new Finding(
                $"opening:{opening.CauseId()}",
                $"{what} opened on {TimelinessFacts.Describe(opening.When.Day())} with no management supervision recorded within {within} working days.",
                $"Record management supervision of the case; it was due by {TimelinessFacts.Describe(due)}.",
                due,
                [opening.Id],
                Worker(file, now));
        }

        foreach (var (closing, _) in file.ClosureProposals(now))
        {
            var lastSignificant = file.EntriesAboutChild.LastOrDefault(e =>
                e.RecordedAt <= now && e.When < closing.When
                && e.Entry.Significance >= Significance.Significant && e.Details is not (CaseClosure or Supervision));
            var since = lastSignificant?.When ?? DateTimeOffset.MinValue;
            if (supervisions.Any(s => s >= since)) continue;
            var due = WorkingDayCalendar.EndOfUkDay(closing.When.Day());
            yield return new Finding(
                $"closing:{closing.CauseId()}",
                $"Closure of the case was proposed on {TimelinessFacts.Describe(closing.When.Day())} with no management supervision recorded" +
                (lastSignificant is null ? "." : $" since the significant entry of {TimelinessFacts.Describe(lastSignificant.When.Day())}."),
                "Record management supervision before the case closes; closure waits for it.",
                due,
                [closing.Id, .. lastSignificant is null ? Array.Empty<Guid>() : [lastSignificant.Id]],
                Worker(file, now));
        }
    }

    /// <summary>Section 47 enquiries (a strategy discussion deciding one, or an enquiry started while none was open) and child in need or child protection plans.</summary>
    private static IEnumerable<(CaseEntry Entry, string What)> Openings(CaseFile file, DateTimeOffset now)
    {
        var enquiries = file.KnownAboutChild<StrategyDiscussion>(now).Where(s => s.Details.InitiatesSection47).Select(s => s.Entry)
            .Concat(file.KnownAboutChild<AssessmentStarted>(now).Where(a => a.Details.Type == AssessmentType.Section47).Select(a => a.Entry))
            .OrderBy(e => e.When);
        foreach (var enquiry in enquiries)
            if (!file.HasOpenEnquiry(enquiry.When.AddTicks(-1))) yield return (enquiry, "A section 47 enquiry");
        foreach (var (entry, plan) in file.KnownAboutChild<PlanStarted>(now).Where(p => !p.Details.Draft && p.Details.Type is PlanType.ChildInNeed or PlanType.ChildProtection))
            yield return (entry, plan.Type == PlanType.ChildProtection ? "A child protection plan" : "A child in need plan");
    }

    /// <summary>The allocated worker: asked only of a finding.</summary>
    private static Guid? Worker(CaseFile file, DateTimeOffset now) => (file.LeadSocialWorker(now.Day()) ?? file.LeadProfessional(now.Day()))?.Id;
}

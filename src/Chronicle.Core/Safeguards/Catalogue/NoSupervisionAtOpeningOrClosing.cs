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

    /// <summary>The due time of each opening with no supervision yet.</summary>
    public DateTimeOffset? NextChange(CaseFile file, SafeguardContext context)
    {
        var next = new NextMoment(context.Now);
        var within = context.Policy.GetInt(Id, Within);
        foreach (var lapse in Unsupervised(file, context.Now))
            if (lapse.Opened is not null) next.At(context.Calendar.DueAfterWorkingDays(lapse.Entry.When, within));
        return next.Earliest;
    }

    public IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context)
    {
        var unsupervised = Unsupervised(file, context.Now);
        return unsupervised.Count == 0 ? [] : Findings(file, context, unsupervised);
    }

    /// <summary>An opening or a closure with no supervision since it (for a closure, since the significant entry before it).</summary>
    private sealed record Lapse(CaseEntry Entry, string? Opened, CaseEntry? LastSignificant);

    private IEnumerable<Finding> Findings(CaseFile file, SafeguardContext context, List<Lapse> unsupervised)
    {
        var now = context.Now;
        var within = context.Policy.GetInt(Id, Within);
        foreach (var (entry, opened, lastSignificant) in unsupervised)
        {
            if (opened is not null)
            {
                var due = context.Calendar.DueAfterWorkingDays(entry.When, within);
                if (now <= due) continue;
                yield return new Finding(
                    $"opening:{entry.CauseId()}",
                    $"{opened} opened on {TimelinessFacts.Describe(entry.When.Day())} with no management supervision recorded within {within} working days.",
                    $"Record management supervision of the case; it was due by {TimelinessFacts.Describe(due)}.",
                    due,
                    [entry.Id],
                    Worker(file, now));
                continue;
            }
            yield return new Finding(
                $"closing:{entry.CauseId()}",
                $"Closure of the case was proposed on {TimelinessFacts.Describe(entry.When.Day())} with no management supervision recorded" +
                (lastSignificant is null ? "." : $" since the significant entry of {TimelinessFacts.Describe(lastSignificant.When.Day())}."),
                "Record management supervision before the case closes; closure waits for it.",
                WorkingDayCalendar.EndOfUkDay(entry.When.Day()),
                [entry.Id, .. lastSignificant is null ? Array.Empty<Guid>() : [lastSignificant.Id]],
                Worker(file, now));
        }
    }

    /// <summary>
    /// Openings known by <paramref name="known"/> with no supervision known since the start of their day, then closure
    /// proposals with no supervision since the last significant entry before them. Whether an opening's supervision is
    /// overdue is for the moment asked.
    /// </summary>
    private static List<Lapse> Unsupervised(CaseFile file, DateTimeOffset known)
    {
        var supervisions = file.KnownAboutChild<Supervision>(known);
        List<Lapse>? found = null;
        foreach (var (opening, what) in Openings(file, known))
            if (!SupervisedSince(supervisions, WorkingDayCalendar.StartOfUkDay(opening.When.Day())))
                (found ??= []).Add(new(opening, what, null));

        var proposals = file.KnownAboutChild<CaseClosure>(known).Count == 0 ? [] : file.ClosureProposals(known);
        foreach (var (closing, _) in proposals)
        {
            var lastSignificant = LastSignificantBefore(file, closing, known);
            if (!SupervisedSince(supervisions, lastSignificant?.When ?? DateTimeOffset.MinValue))
                (found ??= []).Add(new(closing, null, lastSignificant));
        }
        return found ?? None;
    }

    private static readonly List<Lapse> None = [];

    private static bool SupervisedSince(KnownEntries<Supervision> supervisions, DateTimeOffset since)
    {
        for (var i = supervisions.Count - 1; i >= 0; i--)
            if (supervisions.Entries[i].When >= since) return true;
        return false;
    }

    /// <summary>The last significant entry about the child, known by then, before the closure (its proposal and supervision aside).</summary>
    private static CaseEntry? LastSignificantBefore(CaseFile file, CaseEntry closing, DateTimeOffset known)
    {
        var entries = file.EntriesAboutChild;
        for (var i = entries.Count - 1; i >= 0; i--)
        {
            var e = entries[i];
            if (e.RecordedAt <= known && e.When < closing.When
                && e.Entry.Significance >= Significance.Significant && e.Details is not (CaseClosure or Supervision)) return e;
        }
        return null;
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

using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Time;

namespace Chronicle.Core.Safeguards.Catalogue;

/// <summary>
/// SG-22: closure proposed while work is outstanding: actions nothing has settled (see
/// <see cref="TimelinessFacts.OutstandingActions"/>), assessments not completed, and results still awaited (a
/// medical opinion pending or its report not received, records requested and not received). A case file holds no
/// alerts, so open alerts are not counted here. One cause per closure, found until every loose end is settled.
/// </summary>
public sealed class ClosingWithLooseEnds : ISafeguard
{
    public string Id => "SG-22";
    public int Version => 1;
    public string Title => "Closing with loose ends";
    public Severity Severity => Severity.Action;

    public IReadOnlyList<Lesson> Lessons { get; } =
    [
        new("000", "Baby R", "Our focus in this review",
            "Those medical notes included actions for the social worker but there isn't evidence that they were completed."),
        new("000", "Baby R", "What we know about the family and what happened",
            "A S47 child protection assessment was completed and the case was closed."),
    ];

    public IReadOnlyList<SettingDefinition> Settings { get; } = [];

    /// <summary>An assessment left open at a closure is open until it is completed, which may be recorded ahead of its time.</summary>
    public DateTimeOffset? NextChange(CaseFile file, SafeguardContext context) =>
        Closures(file, context.Now).Count == 0
            ? null
            : new NextMoment(context.Now).NextEntryHappens(file).Earliest;

    public IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context)
    {
        var closures = Closures(file, context.Now);
        return closures.Count == 0 ? [] : Findings(file, context, closures);
    }

    /// <summary>A closure put forward, with the actions and results still outstanding when it was, as known.</summary>
    private sealed record Closure(CaseEntry Entry, List<(Guid Entry, string What)> Actions, List<(Guid Entry, string What)> Results);

    private static List<Closure> Closures(CaseFile file, DateTimeOffset known)
    {
        if (file.KnownAboutChild<CaseClosure>(known).Count == 0) return [];
        var closures = new List<Closure>();
        foreach (var (closing, _) in file.ClosureProposals(known))
        {
            List<(Guid, string)> actions = [.. file.OutstandingActions(closing.When, known).Select(a => (a.Entry.Id, $"action \"{a.Description}\""))];
            List<(Guid, string)> results = [.. PendingResults(file, closing.When, known)];
            // An assessment started before the closure can be open later only if it was still open once all this was known.
            if (actions.Count > 0 || results.Count > 0 || file.OpenAssessments(known).Any(a => a.Entry.When <= closing.When))
                closures.Add(new(closing, actions, results));
        }
        return closures;
    }

    private static IEnumerable<Finding> Findings(CaseFile file, SafeguardContext context, List<Closure> closures)
    {
        var now = context.Now;
        foreach (var (closing, actions, results) in closures)
        {
            var loose = new List<(Guid Entry, string What)>(actions);
            loose.AddRange(file.OpenAssessments(now).Where(a => a.Entry.When <= closing.When)
                .Select(a => (a.Entry.Id, $"{Unfinished(a.Assessment.Type)} not completed")));
            loose.AddRange(results);
            if (loose.Count == 0) continue;

            var worker = (file.LeadSocialWorker(now.Day()) ?? file.LeadProfessional(now.Day()))?.Id;
            var due = WorkingDayCalendar.EndOfUkDay(closing.When.Day());
            yield return new Finding(
                $"closing:{closing.CauseId()}",
                $"Closure of the case was proposed on {TimelinessFacts.Describe(closing.When.Day())} with {loose.Count} loose " +
                $"{(loose.Count == 1 ? "end" : "ends")}: {TimelinessFacts.InWords(loose.Select(l => l.What))}.",
                "Complete each one, hand it on, or close it with a reason (a decision about the entry), before the case closes.",
                due,
                [closing.Id, .. loose.Select(l => l.Entry).Distinct()],
                worker);
        }
    }

    private static string Unfinished(AssessmentType type)
    {
        var label = Chronology.Labels.Of(type);
        label = label.EndsWith("assessment", StringComparison.Ordinal) || label.EndsWith("enquiry", StringComparison.Ordinal) ? label : label + " assessment";
        return char.ToLowerInvariant(label[0]) + label[1..];
    }

    private static IEnumerable<(Guid Entry, string What)> PendingResults(CaseFile file, DateTimeOffset upTo, DateTimeOffset now)
    {
        var medicals = file.KnownAboutChild<ChildProtectionMedical>(now).ToList();
        var reports = file.Known<MedicalReportReceived>(now).Select(r => r.Details.MedicalEntryId).ToList();
        foreach (var (entry, medical) in medicals.Where(m => m.Entry.When <= upTo))
        {
            if (medical.Opinion == MedicalOpinion.Pending && !medicals.Any(m => m.Entry.When > entry.When && m.Details.Opinion != MedicalOpinion.Pending))
                yield return (entry.Id, "medical opinion pending");
            if (!reports.Exists(r => entry.IsReferencedBy(r))) yield return (entry.Id, "medical report not received");
        }
        var received = file.Known<RecordsReceived>(now).ToList();
        foreach (var (entry, request) in file.Known<RecordsRequested>(now).Where(r => r.Entry.When <= upTo))
        {
            var answered = received.Any(r => entry.IsReferencedBy(r.Details.RequestEntryId)
                                             || (r.Details.RequestEntryId is null && r.Entry.When >= entry.When && TimelinessFacts.SameArea(r.Details.FromArea, request.FromArea)));
            if (!answered) yield return (entry.Id, $"records requested from {request.FromArea} not received");
        }
    }
}

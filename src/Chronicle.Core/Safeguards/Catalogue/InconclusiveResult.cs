using Chronicle.Core.Chronology.Details;

namespace Chronicle.Core.Safeguards.Catalogue;

/// <summary>
/// SG-05: a test that gave no result (inconclusive, sample rejected, not done) asks for a repeat test or a recorded
/// decision. It reads the current chronology, so a correction that turns a "negative" into "inconclusive" raises it.
/// </summary>
public sealed class InconclusiveResult : ISafeguard
{
    public static readonly SettingDefinition DecideWithin =
        new("decide-within", "A repeat test or a recorded decision within", "5", "working days");

    public string Id => "SG-05";
    public int Version => 1;
    public string Title => "Inconclusive result";
    public Severity Severity => Severity.Action;

    public IReadOnlyList<Lesson> Lessons { get; } =
    [
        new("001", "Family L", "Our focus in this review",
            "Initial urine tests were inconclusive due to a dilute sample, but this was recorded as a 'negative' result and this inaccuracy was then repeated by other agencies, including during the MARAC in May 2014."),
        new("001", "Family L", "What we have learnt", "We need to be certain that we record test results accurately."),
    ];

    public IReadOnlyList<SettingDefinition> Settings { get; } = [DecideWithin];

    /// <summary>What it finds is worked out from what is known, never compared with the moment: time alone changes nothing.</summary>
    public DateTimeOffset? NextChange(CaseFile file, SafeguardContext context) => null;

    public IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context)
    {
        var unanswered = Unanswered(file, context.Now);
        return unanswered.Count == 0 ? [] : Findings(context, unanswered);
    }

    /// <summary>The results known by then that give no result, with no repeat of the test and no decision on repeating it.</summary>
    private static List<(CaseEntry Entry, TestResult Details)> Unanswered(CaseFile file, DateTimeOffset known)
    {
        var results = file.KnownAboutChild<TestResult>(known);
        var unanswered = new List<(CaseEntry, TestResult)>();
        foreach (var (result, details) in results)
        {
            if (details.Outcome is not (TestOutcome.Inconclusive or TestOutcome.SampleRejected or TestOutcome.NotDone)) continue;
            var repeated = results.Any(r => r.Entry.Id != result.Id && SameTest(r.Details, details)
                                            && r.Entry.When >= result.When && r.Entry.RecordedAt >= result.RecordedAt);
            var decided = file.Known<DecisionRecorded>(known).Any(d => d.Details.Topic == DecisionTopic.RepeatTest && result.IsReferencedBy(d.Details.AboutEntryId));
            if (!repeated && !decided) unanswered.Add((result, details));
        }
        return unanswered;
    }

    private IEnumerable<Finding> Findings(SafeguardContext context, List<(CaseEntry Entry, TestResult Details)> unanswered)
    {
        var decideWithin = context.Policy.GetInt(Id, DecideWithin);
        foreach (var (result, details) in unanswered)
        {
            var due = context.Calendar.DueAfterWorkingDays(result.When, decideWithin);
            yield return new Finding(
                $"result:{result.CauseId()}",
                $"A test result ({details.Test}) is recorded as {Outcome(details.Outcome)}: there is no result, and it is not a negative.",
                $"Record a repeat of the test, or a decision on repeating it, {FindingWords.By(due)}.",
                due,
                [result.Id],
                details.RequestedByProfessionalId);
        }
    }

    private static string Outcome(TestOutcome outcome) => outcome switch
    {
        TestOutcome.SampleRejected => "sample rejected",
        TestOutcome.NotDone => "not done",
        _ => "inconclusive",
    };

    /// <summary>The same test (names compared ignoring case, spacing and punctuation), and the same substance where both name one.</summary>
    private static bool SameTest(TestResult a, TestResult b) =>
        Loose(a.Test) == Loose(b.Test) && (a.Substance is null || b.Substance is null || Loose(a.Substance) == Loose(b.Substance));

    private static string Loose(string text) => new([.. text.ToUpperInvariant().Where(char.IsLetterOrDigit)]);
}

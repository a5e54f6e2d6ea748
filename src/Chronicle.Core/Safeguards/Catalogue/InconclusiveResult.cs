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

    public IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context)
    {
        var decideWithin = context.Policy.GetInt(Id, DecideWithin);
        var results = file.KnownAboutChild<TestResult>(context.Now).ToList();
        foreach (var (result, details) in results)
        {
            if (details.Outcome is not (TestOutcome.Inconclusive or TestOutcome.SampleRejected or TestOutcome.NotDone)) continue;
            var repeated = results.Exists(r => r.Entry.Id != result.Id && SameTest(r.Details, details)
                                               && r.Entry.When >= result.When && r.Entry.RecordedAt >= result.RecordedAt);
            var decided = file.Known<DecisionRecorded>(context.Now).Any(d => d.Details.Topic == DecisionTopic.RepeatTest && result.IsReferencedBy(d.Details.AboutEntryId));
            if (repeated || decided) continue;

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

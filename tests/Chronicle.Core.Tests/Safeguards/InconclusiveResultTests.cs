using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Safeguards.Catalogue;
using TestResult = Chronicle.Core.Chronology.Details.TestResult;

namespace Chronicle.Core.Tests.Safeguards;

public sealed class InconclusiveResultTests
{
    private readonly InconclusiveResult _safeguard = new();

    private static TestResult Urine(TestOutcome outcome, string substance = "methadone") => new()
    {
        Test = "Urine toxicology",
        Substance = substance,
        Outcome = outcome,
        SampleQuality = outcome == TestOutcome.Inconclusive ? SampleQuality.Dilute : SampleQuality.Adequate,
        OutcomeReason = outcome is TestOutcome.NotDone or TestOutcome.SampleRejected ? "Sample leaked in transit" : null,
    };

    [Fact]
    public void An_inconclusive_result_asks_for_a_repeat_or_a_decision_within_five_working_days()
    {
        var f = new TestFamily();
        var result = f.Record(TestFamily.At(9, 18, 14), f.Doctor, Urine(TestOutcome.Inconclusive) with { RequestedByProfessionalId = f.SocialWorker.Id });

        var finding = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(9, 18, 15)));

        Assert.Equal($"result:{result.Id}", finding.CauseKey);
        Assert.Equal([result.Id], finding.Evidence);
        Assert.Equal(f.SocialWorker.Id, finding.OwnerProfessionalId);
        Assert.Equal(TestFamily.EndOf(9, 25), finding.DueAt);
        Assert.Contains("not a negative", finding.Summary);
    }

    [Theory]
    [InlineData(TestOutcome.Inconclusive, true)]
    [InlineData(TestOutcome.SampleRejected, true)]
    [InlineData(TestOutcome.NotDone, true)]
    [InlineData(TestOutcome.Negative, false)]
    [InlineData(TestOutcome.Positive, false)]
    public void Only_a_result_with_no_answer_fires(TestOutcome outcome, bool fires)
    {
        var f = new TestFamily();
        f.Record(TestFamily.At(9, 18, 14), f.Doctor, Urine(outcome));

        Assert.Equal(fires, f.Evaluate(_safeguard, TestFamily.At(9, 18, 15)).Count == 1);
    }

    [Fact]
    public void A_negative_corrected_to_inconclusive_fires_from_the_correction()
    {
        var f = new TestFamily();
        var recorded = f.Record(TestFamily.At(9, 18, 14), f.Doctor, Urine(TestOutcome.Negative) with { SampleQuality = SampleQuality.NotKnown });
        var corrected = f.Case.Correct(recorded, TestFamily.At(10, 6, 10), f.Doctor, Urine(TestOutcome.Inconclusive), "The sample was dilute: no result");

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(10, 6, 9)));
        var finding = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(10, 6, 11)));
        Assert.Equal($"result:{recorded.Id}", finding.CauseKey);
        Assert.Equal([corrected.Id], finding.Evidence);
        Assert.Equal(TestFamily.EndOf(10, 13), finding.DueAt);
    }

    [Fact]
    public void A_later_result_of_the_same_test_clears_it()
    {
        var f = new TestFamily();
        f.Record(TestFamily.At(9, 18, 14), f.Doctor, Urine(TestOutcome.Inconclusive));
        f.Record(TestFamily.At(9, 22, 14), f.Doctor, Urine(TestOutcome.Positive) with { Test = "urine  TOXICOLOGY" });

        Assert.Single(f.Evaluate(_safeguard, TestFamily.At(9, 22, 13)));
        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(9, 22, 15)));
    }

    [Fact]
    public void A_later_result_of_another_test_or_substance_does_not_clear_it()
    {
        var f = new TestFamily();
        f.Record(TestFamily.At(9, 18, 14), f.Doctor, Urine(TestOutcome.Inconclusive));
        f.Record(TestFamily.At(9, 22, 14), f.Doctor, Urine(TestOutcome.Negative, substance: "cocaine"));
        f.Record(TestFamily.At(9, 22, 15), f.Doctor, Urine(TestOutcome.Negative) with { Test = "Hair strand" });

        Assert.Single(f.Evaluate(_safeguard, TestFamily.At(9, 22, 16)));
    }

    [Fact]
    public void A_repeat_that_is_itself_inconclusive_clears_the_first_and_raises_its_own()
    {
        var f = new TestFamily();
        f.Record(TestFamily.At(9, 18, 14), f.Doctor, Urine(TestOutcome.Inconclusive));
        var repeat = f.Record(TestFamily.At(9, 22, 14), f.Doctor, Urine(TestOutcome.Inconclusive));

        Assert.Equal($"result:{repeat.Id}", Assert.Single(f.Evaluate(_safeguard, TestFamily.At(9, 22, 15))).CauseKey);
    }

    [Fact]
    public void A_decision_about_repeating_that_result_clears_it()
    {
        var f = new TestFamily();
        var result = f.Record(TestFamily.At(9, 18, 14), f.Doctor, Urine(TestOutcome.Inconclusive));
        var other = f.Record(TestFamily.At(9, 18, 15), f.Doctor, Urine(TestOutcome.Inconclusive) with { Test = "Blood" });
        f.Decide(TestFamily.At(9, 21, 10), f.SocialWorker, DecisionTopic.RepeatTest, other.Id);

        Assert.Equal($"result:{result.Id}", Assert.Single(f.Evaluate(_safeguard, TestFamily.At(9, 21, 11))).CauseKey);

        f.Decide(TestFamily.At(9, 21, 12), f.SocialWorker, DecisionTopic.RepeatTest, result.Id);
        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(9, 21, 13)));
    }

    [Fact]
    public void The_cause_key_is_stable_and_the_timescale_is_the_partnerships()
    {
        var f = new TestFamily();
        f.Case.Policy["SG-05.decide-within"] = "2";
        f.Record(TestFamily.At(9, 18, 14), f.Doctor, Urine(TestOutcome.Inconclusive));

        var first = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(9, 18, 15)));
        var later = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(10, 30, 15)));

        Assert.Equal(first.CauseKey, later.CauseKey);
        Assert.Equal(TestFamily.EndOf(9, 22), first.DueAt);
    }
}

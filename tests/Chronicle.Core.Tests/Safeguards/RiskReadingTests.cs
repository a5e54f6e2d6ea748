using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Safeguards;

namespace Chronicle.Core.Tests.Safeguards;

/// <summary>How what an assessment considered is read: a risk, a recognised need, or wording that is neither (unknown).</summary>
public sealed class RiskReadingTests
{
    private static AssessmentCompleted Considering(params string[] topics) => new()
    {
        Type = AssessmentType.HealthNeeds, Conclusion = "Noted", Outcome = AssessmentOutcome.Other, Considered = topics,
    };

    [Theory]
    [InlineData("domestic abuse", true)]
    [InlineData("Father's DV history", true)]
    [InlineData("housing", false)]
    [InlineData("baby's prematurity", false)]
    public void A_topic_is_a_risk_when_it_names_a_harm(string topic, bool risk) => Assert.Equal(risk, RiskReading.IsRiskTopic(topic));

    [Theory]
    [InlineData("housing", true)]
    [InlineData("support network", true)]
    [InlineData("young parents", true)]
    [InlineData("moves between areas", true)]
    [InlineData("baby's prematurity", false)] // neither a recognised need nor a risk
    [InlineData("housing and domestic abuse", false)] // names a risk
    public void A_topic_is_a_need_only_when_recognised_as_one_and_naming_no_risk(string topic, bool need) => Assert.Equal(need, RiskReading.IsNeedTopic(topic));

    [Fact]
    public void Only_recognised_needs_are_read_as_weighing_no_risk()
    {
        Assert.True(RiskReading.WeighedNoRisk(Considering("housing", "support network")));
        // One topic in wording the reading does not recognise makes what was weighed unknown, never a definite "no risk".
        Assert.False(RiskReading.WeighedNoRisk(Considering("housing", "baby's prematurity")));
        Assert.False(RiskReading.WeighedNoRisk(Considering("housing", "parental mental health")));
        Assert.False(RiskReading.WeighedNoRisk(Considering()));
    }

    [Fact]
    public void An_assessment_recording_what_it_analysed_is_read_by_that_and_not_by_its_topics()
    {
        var assessment = Considering("housing") with { RisksAnalysed = [] };

        Assert.False(RiskReading.WeighedNoRisk(assessment));
    }
}

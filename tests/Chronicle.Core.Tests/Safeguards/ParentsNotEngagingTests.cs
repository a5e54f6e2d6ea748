using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Safeguards.Catalogue;

namespace Chronicle.Core.Tests.Safeguards;

public sealed class ParentsNotEngagingTests
{
    private readonly ParentsNotEngaging _safeguard = new();

    private static CaseWithTeam WithOpenAssessment()
    {
        var c = new CaseWithTeam();
        c.Record(new DateTime(2015, 1, 5), c.SocialWorker, new AssessmentStarted { Type = AssessmentType.ChildAndFamily });
        return c;
    }

    private static CaseEntry Missed(CaseWithTeam c, DateTime at, EngagementType type = EngagementType.MissedVisit) =>
        c.Record(at, c.SocialWorker, new ParentalEngagement { ParentPersonId = c.Mother.Id, Type = type }, c.Mother);

    [Fact]
    public void Three_missed_within_eight_weeks_while_an_assessment_is_open_are_found_on_the_third()
    {
        var c = WithOpenAssessment();
        var first = Missed(c, new DateTime(2015, 2, 2, 10, 0, 0));
        var second = Missed(c, new DateTime(2015, 2, 16, 10, 0, 0), EngagementType.MissedAppointment);
        var third = Missed(c, new DateTime(2015, 3, 30, 10, 0, 0), EngagementType.DeclinedAssessment);

        var finding = Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 3, 30, 12, 0, 0)));

        Assert.Equal($"non-engagement:{third.Id}", finding.CauseKey);
        Assert.Equal([first.Id, second.Id, third.Id], finding.Evidence);
        Assert.Equal(CaseWithTeam.EndOf(2015, 4, 8), finding.DueAt); // 5 working days: Good Friday and Easter Monday skipped
        Assert.Equal(c.SocialWorker.Id, finding.OwnerProfessionalId);
    }

    [Fact]
    public void Two_missed_are_not_enough()
    {
        var c = WithOpenAssessment();
        Missed(c, new DateTime(2015, 2, 2, 10, 0, 0));
        Missed(c, new DateTime(2015, 2, 16, 10, 0, 0));

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 2, 17)));
    }

    [Fact]
    public void Eight_weeks_and_a_day_is_outside_the_window()
    {
        var c = WithOpenAssessment();
        Missed(c, new DateTime(2015, 2, 2, 10, 0, 0));
        Missed(c, new DateTime(2015, 2, 16, 10, 0, 0));
        Missed(c, new DateTime(2015, 3, 31, 10, 0, 0));

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 4, 1)));
    }

    [Fact]
    public void Missed_visits_when_no_assessment_or_plan_is_open_do_not_count()
    {
        var c = new CaseWithTeam();
        Missed(c, new DateTime(2015, 2, 2, 10, 0, 0));
        Missed(c, new DateTime(2015, 2, 9, 10, 0, 0));
        Missed(c, new DateTime(2015, 2, 16, 10, 0, 0));

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 2, 17)));
    }

    [Fact]
    public void Engaging_does_not_count()
    {
        var c = WithOpenAssessment();
        Missed(c, new DateTime(2015, 2, 2, 10, 0, 0));
        Missed(c, new DateTime(2015, 2, 9, 10, 0, 0));
        Missed(c, new DateTime(2015, 2, 16, 10, 0, 0), EngagementType.Engaged);

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 2, 17)));
    }

    [Fact]
    public void A_decision_on_escalation_clears_it_and_the_count_starts_again()
    {
        var c = WithOpenAssessment();
        Missed(c, new DateTime(2015, 2, 2, 10, 0, 0));
        Missed(c, new DateTime(2015, 2, 9, 10, 0, 0));
        var third = Missed(c, new DateTime(2015, 2, 16, 10, 0, 0));
        c.Decision(new DateTime(2015, 2, 18, 10, 0, 0), c.TeamManager, DecisionTopic.Escalation);

        Missed(c, new DateTime(2015, 2, 23, 10, 0, 0));
        Missed(c, new DateTime(2015, 3, 2, 10, 0, 0));
        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 3, 3)));

        var sixth = Missed(c, new DateTime(2015, 3, 9, 10, 0, 0));
        var finding = Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 3, 10)));
        Assert.NotEqual($"non-engagement:{third.Id}", finding.CauseKey);
        Assert.Equal($"non-engagement:{sixth.Id}", finding.CauseKey);
    }

    [Fact]
    public void A_decision_reviewing_the_plan_answers_it_and_the_count_starts_again()
    {
        var c = WithOpenAssessment();
        Missed(c, new DateTime(2015, 2, 2, 10, 0, 0));
        Missed(c, new DateTime(2015, 2, 9, 10, 0, 0));
        Missed(c, new DateTime(2015, 2, 16, 10, 0, 0));
        Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 2, 17)));

        c.Decision(new DateTime(2015, 2, 18, 10, 0, 0), c.TeamManager, DecisionTopic.PlanReview);
        Missed(c, new DateTime(2015, 2, 23, 10, 0, 0));

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 2, 24)));
    }

    [Fact]
    public void A_plan_review_before_the_occasions_does_not_answer_them()
    {
        var c = WithOpenAssessment();
        c.Decision(new DateTime(2015, 1, 26, 10, 0, 0), c.TeamManager, DecisionTopic.PlanReview);
        Missed(c, new DateTime(2015, 2, 2, 10, 0, 0));
        Missed(c, new DateTime(2015, 2, 9, 10, 0, 0));
        var third = Missed(c, new DateTime(2015, 2, 16, 10, 0, 0));

        Assert.Equal($"non-engagement:{third.Id}", Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 2, 17))).CauseKey);
    }

    [Fact]
    public void Holding_a_child_protection_conference_or_starting_pre_proceedings_is_escalation()
    {
        var conference = WithOpenAssessment();
        var prePro = WithOpenAssessment();
        foreach (var c in new[] { conference, prePro })
        {
            Missed(c, new DateTime(2015, 2, 2, 10, 0, 0));
            Missed(c, new DateTime(2015, 2, 9, 10, 0, 0));
            Missed(c, new DateTime(2015, 2, 16, 10, 0, 0));
        }
        conference.Meeting(new DateTime(2015, 2, 20, 10, 0, 0), MeetingType.InitialChildProtectionConference, ConferenceDecision.ChildProtectionPlan);
        prePro.Record(new DateTime(2015, 2, 20, 10, 0, 0), prePro.SocialWorker, new PreProceedings { Step = "Letter before proceedings" });

        Assert.Empty(conference.Evaluate(_safeguard, new DateTime(2015, 2, 21)));
        Assert.Empty(prePro.Evaluate(_safeguard, new DateTime(2015, 2, 21)));
    }

    [Fact]
    public void Later_missed_visits_join_the_same_cause()
    {
        var c = WithOpenAssessment();
        Missed(c, new DateTime(2015, 2, 2, 10, 0, 0));
        Missed(c, new DateTime(2015, 2, 9, 10, 0, 0));
        var third = Missed(c, new DateTime(2015, 2, 16, 10, 0, 0));
        Missed(c, new DateTime(2015, 2, 23, 10, 0, 0));

        Assert.Equal($"non-engagement:{third.Id}", Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 2, 24))).CauseKey);
    }
}

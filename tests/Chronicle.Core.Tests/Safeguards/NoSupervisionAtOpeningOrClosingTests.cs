using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Safeguards.Catalogue;

namespace Chronicle.Core.Tests.Safeguards;

public sealed class NoSupervisionAtOpeningOrClosingTests
{
    private readonly NoSupervisionAtOpeningOrClosing _safeguard = new();

    private static CaseEntry Enquiry(CaseWithTeam c, DateTime at) =>
        c.Record(at, c.SocialWorker, new StrategyDiscussion { Decision = StrategyOutcome.Section47Enquiry });

    private static CaseEntry Closure(CaseWithTeam c, DateTime at, ClosureStage stage = ClosureStage.Proposed) =>
        c.Record(at, c.SocialWorker, new CaseClosure { Stage = stage, Reason = "No further concerns" });

    [Fact]
    public void An_enquiry_with_no_supervision_is_found_once_five_working_days_have_passed()
    {
        var c = new CaseWithTeam();
        var enquiry = Enquiry(c, new DateTime(2015, 3, 2, 10, 0, 0));

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 3, 9, 23, 59, 0)));
        var finding = Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 3, 10, 0, 1, 0)));

        Assert.Equal($"opening:{enquiry.Id}", finding.CauseKey);
        Assert.Equal(CaseWithTeam.EndOf(2015, 3, 9), finding.DueAt);
        Assert.Equal(c.SocialWorker.Id, finding.OwnerProfessionalId);
    }

    [Fact]
    public void Supervision_within_the_setting_means_nothing_is_found()
    {
        var c = new CaseWithTeam();
        Enquiry(c, new DateTime(2015, 3, 2, 10, 0, 0));
        c.Supervision(new DateTime(2015, 3, 6, 10, 0, 0));

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 3, 10, 0, 1, 0)));
    }

    [Fact]
    public void Supervision_recorded_late_clears_it()
    {
        var c = new CaseWithTeam();
        Enquiry(c, new DateTime(2015, 3, 2, 10, 0, 0));
        Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 3, 10, 9, 0, 0)));

        c.Supervision(new DateTime(2015, 3, 10, 10, 0, 0));

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 3, 10, 11, 0, 0)));
    }

    [Fact]
    public void Supervision_before_the_opening_does_not_count()
    {
        var c = new CaseWithTeam();
        c.Supervision(new DateTime(2015, 2, 27, 10, 0, 0));
        Enquiry(c, new DateTime(2015, 3, 2, 10, 0, 0));

        Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 3, 10)));
    }

    [Fact]
    public void A_plan_is_an_opening_and_a_second_strategy_discussion_in_an_open_enquiry_is_not()
    {
        var c = new CaseWithTeam();
        var enquiry = Enquiry(c, new DateTime(2015, 3, 2, 10, 0, 0));
        Enquiry(c, new DateTime(2015, 3, 4, 10, 0, 0));
        var plan = c.Plan(new DateTime(2015, 3, 20, 10, 0, 0), PlanType.ChildProtection, CaseWithTeam.SpecificItem(c.SocialWorker));

        var keys = c.Evaluate(_safeguard, new DateTime(2015, 4, 1)).Select(f => f.CauseKey);

        Assert.Equal([$"opening:{enquiry.Id}", $"opening:{plan.Id}"], keys);
    }

    [Fact]
    public void Closure_proposed_with_no_supervision_since_the_last_significant_entry_is_found_at_once()
    {
        var c = new CaseWithTeam();
        c.Supervision(new DateTime(2015, 3, 2, 10, 0, 0));
        var significant = c.Record(new DateTime(2015, 3, 9, 10, 0, 0), c.HealthVisitor, new Observation { Topic = ObservationTopic.HomeConditions, Text = "Home cold" });
        var closure = Closure(c, new DateTime(2015, 3, 16, 10, 0, 0));

        var finding = Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 3, 16, 10, 5, 0)));

        Assert.Equal($"closing:{closure.Id}", finding.CauseKey);
        Assert.Equal(CaseWithTeam.EndOf(2015, 3, 16), finding.DueAt);
        Assert.Equal([closure.Id, significant.Id], finding.Evidence);
    }

    [Fact]
    public void Supervision_since_the_last_significant_entry_means_the_closure_can_go_ahead()
    {
        var c = new CaseWithTeam();
        c.Record(new DateTime(2015, 3, 9, 10, 0, 0), c.HealthVisitor, new Observation { Topic = ObservationTopic.HomeConditions, Text = "Home cold" });
        c.Supervision(new DateTime(2015, 3, 12, 10, 0, 0));
        c.Record(new DateTime(2015, 3, 13, 10, 0, 0), c.HealthVisitor, new HomeVisit { ChildSeen = true }).Entry.Significance = Significance.Routine;
        Closure(c, new DateTime(2015, 3, 16, 10, 0, 0));

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 3, 16, 10, 5, 0)));
    }

    [Fact]
    public void Supervision_after_the_proposal_clears_it_and_the_closure_itself_is_the_same_cause()
    {
        var c = new CaseWithTeam();
        c.Record(new DateTime(2015, 3, 9, 10, 0, 0), c.HealthVisitor, new Observation { Topic = ObservationTopic.HomeConditions, Text = "Home cold" });
        var proposal = Closure(c, new DateTime(2015, 3, 16, 10, 0, 0));
        Closure(c, new DateTime(2015, 3, 17, 10, 0, 0), ClosureStage.Closed);
        Assert.Equal($"closing:{proposal.Id}", Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 3, 17, 11, 0, 0))).CauseKey);

        c.Supervision(new DateTime(2015, 3, 18, 10, 0, 0));

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 3, 18, 11, 0, 0)));
    }
}

using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Safeguards.Catalogue;

namespace Chronicle.Core.Tests.Safeguards;

public sealed class SafetyPlanWithoutContingencyTests
{
    private readonly SafetyPlanWithoutContingency _safeguard = new();

    private static CaseEntry SafetyPlan(CaseWithTeam c, DateTime at, params SafetyParticipant[] participants) =>
        c.Record(at, c.SocialWorker, new PlanStarted { Type = PlanType.Safety, Participants = participants });

    private static SafetyParticipant Participant(string role, string? escalate, string? unseen) =>
        new() { Role = role, IfConcernsEscalate = escalate, IfChildCannotBeSeen = unseen };

    [Fact]
    public void A_participant_with_no_contingency_for_the_child_not_being_seen_is_found()
    {
        var c = new CaseWithTeam();
        var plan = SafetyPlan(c, new DateTime(2015, 3, 2, 10, 0, 0),
            Participant("health visitor", "Call the social worker and police", "Call the social worker the same day"),
            Participant("school support worker", "Call the designated safeguarding lead", null));

        var finding = Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 3, 2, 11, 0, 0)));

        Assert.Equal($"safety-plan:{plan.Id}", finding.CauseKey);
        Assert.Equal(CaseWithTeam.EndOf(2015, 3, 3), finding.DueAt);
        Assert.Equal(c.SocialWorker.Id, finding.OwnerProfessionalId);
        Assert.Contains("what school support worker should do if the child cannot be seen", finding.Summary);
        Assert.DoesNotContain("health visitor", finding.Summary);
    }

    [Fact]
    public void A_participant_with_no_contingency_for_concerns_escalating_is_found()
    {
        var c = new CaseWithTeam();
        SafetyPlan(c, new DateTime(2015, 3, 2, 10, 0, 0), Participant("grandmother", " ", "Ring the social worker"));

        Assert.Contains("what grandmother should do if concerns escalate.", Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 3, 3))).Summary);
    }

    [Fact]
    public void Participants_are_named_by_the_professional_or_person_the_plan_names()
    {
        var c = new CaseWithTeam();
        c.Record(new DateTime(2015, 3, 2, 10, 0, 0), c.SocialWorker, new PlanStarted
        {
            Type = PlanType.Safety,
            Participants =
            [
                new() { ProfessionalId = c.HealthVisitor.Id, Role = "Visits twice a week and checks the medicine box" },
                new() { PersonId = c.Mother.Id, Role = "Keeps all medicine locked away", IfChildCannotBeSeen = "Rings the social worker" },
            ],
        });

        Assert.Equal(
            "The safety plan of 2 March 2015 does not say what Health visitor should do if concerns escalate or if the child cannot be seen "
            + "and what Mother should do if concerns escalate.",
            Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 3, 3))).Summary);
    }

    [Fact]
    public void Everyone_with_both_contingencies_is_not_found()
    {
        var c = new CaseWithTeam();
        SafetyPlan(c, new DateTime(2015, 3, 2, 10, 0, 0), Participant("school support worker", "Call the designated safeguarding lead", "Call the social worker"));

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 3, 3)));
    }

    [Fact]
    public void A_child_in_need_plan_is_not_a_safety_plan()
    {
        var c = new CaseWithTeam();
        c.Record(new DateTime(2015, 3, 2, 10, 0, 0), c.SocialWorker, new PlanStarted
        {
            Type = PlanType.ChildInNeed,
            Items = [CaseWithTeam.SpecificItem(c.SocialWorker)],
            Participants = [Participant("school support worker", null, null)],
        });

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 3, 3)));
    }

    [Fact]
    public void Recording_the_plan_again_with_the_contingencies_clears_it()
    {
        var c = new CaseWithTeam();
        var plan = SafetyPlan(c, new DateTime(2015, 3, 2, 10, 0, 0), Participant("school support worker", null, null));
        c.Builder.Correct(plan, new DateTime(2015, 3, 3, 10, 0, 0), c.SocialWorker,
            new PlanStarted { Type = PlanType.Safety, Participants = [Participant("school support worker", "Call the DSL", "Call the social worker")] }, "Contingencies added");

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 3, 3, 11, 0, 0)));
    }

    [Fact]
    public void An_ended_safety_plan_is_not_found()
    {
        var c = new CaseWithTeam();
        var plan = SafetyPlan(c, new DateTime(2015, 3, 2, 10, 0, 0), Participant("school support worker", null, null));
        c.Record(new DateTime(2015, 3, 2, 15, 0, 0), c.SocialWorker, new PlanEnded { PlanEntryId = plan.Id, Reason = "Test results known" });

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 3, 3)));
    }
}

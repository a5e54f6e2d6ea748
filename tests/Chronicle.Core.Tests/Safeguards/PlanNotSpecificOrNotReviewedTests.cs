using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Safeguards.Catalogue;

namespace Chronicle.Core.Tests.Safeguards;

public sealed class PlanNotSpecificOrNotReviewedTests
{
    private readonly PlanNotSpecificOrNotReviewed _safeguard = new();

    private static readonly PlanItem Vague = new() { Concern = "Neglect", Action = "Improve home conditions" };

    [Fact]
    public void A_plan_item_without_owner_due_date_or_measure_is_found()
    {
        var c = new CaseWithTeam();
        var plan = c.Plan(new DateTime(2015, 3, 2, 10, 0, 0), PlanType.ChildInNeed, CaseWithTeam.SpecificItem(c.SocialWorker), Vague);

        var finding = Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 3, 2, 11, 0, 0)));

        Assert.Equal($"plan-items:{plan.Id}", finding.CauseKey);
        Assert.Equal(CaseWithTeam.EndOf(2015, 3, 9), finding.DueAt);
        Assert.Equal(c.SocialWorker.Id, finding.OwnerProfessionalId);
        Assert.Contains("1 of 2 items", finding.Summary);
        Assert.Contains("item 2 (no owner, no due date and no measure of success)", finding.Summary);
    }

    [Theory]
    [InlineData(true, true, false)]
    [InlineData(true, false, true)]
    [InlineData(false, true, true)]
    public void Each_missing_part_makes_an_item_not_specific(bool owner, bool due, bool measure)
    {
        var c = new CaseWithTeam();
        c.Plan(new DateTime(2015, 3, 2, 10, 0, 0), PlanType.ChildProtection, new PlanItem
        {
            Concern = "Neglect",
            Action = "Weekly visits",
            OwnerProfessionalId = owner ? c.SocialWorker.Id : null,
            Due = due ? new DateOnly(2015, 6, 1) : null,
            SuccessMeasure = measure ? "Home is warm" : null,
        });

        Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 3, 3)));
    }

    [Fact]
    public void A_specific_plan_a_draft_or_a_safety_plan_is_not_found()
    {
        var c = new CaseWithTeam();
        c.Plan(new DateTime(2015, 3, 2, 10, 0, 0), PlanType.ChildInNeed, CaseWithTeam.SpecificItem(c.SocialWorker));
        c.Record(new DateTime(2015, 3, 3, 10, 0, 0), c.SocialWorker, new PlanStarted { Type = PlanType.ChildProtection, Items = [Vague], Draft = true });
        c.Record(new DateTime(2015, 3, 3, 11, 0, 0), c.SocialWorker, new PlanStarted { Type = PlanType.Safety, Items = [Vague] });

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 3, 4)));
    }

    [Fact]
    public void Recording_the_plan_again_with_every_item_complete_clears_it()
    {
        var c = new CaseWithTeam();
        var plan = c.Plan(new DateTime(2015, 3, 2, 10, 0, 0), PlanType.ChildInNeed, Vague);
        c.Builder.Correct(plan, new DateTime(2015, 3, 4, 10, 0, 0), c.SocialWorker,
            new PlanStarted { Type = PlanType.ChildInNeed, Items = [CaseWithTeam.SpecificItem(c.SocialWorker)] }, "Owners and dates agreed at the core group");

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 3, 4, 11, 0, 0)));
    }

    [Fact]
    public void A_correction_that_leaves_an_item_vague_keeps_the_same_cause()
    {
        var c = new CaseWithTeam();
        var plan = c.Plan(new DateTime(2015, 3, 2, 10, 0, 0), PlanType.ChildInNeed, Vague);
        c.Builder.Correct(plan, new DateTime(2015, 3, 4, 10, 0, 0), c.SocialWorker,
            new PlanStarted { Type = PlanType.ChildInNeed, Items = [Vague with { OwnerProfessionalId = c.SocialWorker.Id }] }, "Owner agreed");

        Assert.Equal($"plan-items:{plan.Id}", Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 3, 4, 11, 0, 0))).CauseKey);
    }

    [Fact]
    public void A_core_group_without_a_review_of_the_plan_is_found()
    {
        var c = new CaseWithTeam();
        c.Plan(new DateTime(2015, 3, 2, 10, 0, 0), PlanType.ChildProtection, CaseWithTeam.SpecificItem(c.SocialWorker));
        var meeting = c.Meeting(new DateTime(2015, 3, 16, 10, 0, 0), MeetingType.CoreGroup);

        var finding = Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 3, 16, 12, 0, 0)));

        Assert.Equal($"meeting:{meeting.Id}", finding.CauseKey);
        Assert.Equal(CaseWithTeam.EndOf(2015, 3, 23), finding.DueAt);
    }

    [Fact]
    public void A_child_in_need_meeting_that_says_it_did_not_review_the_plan_is_found()
    {
        var c = new CaseWithTeam();
        c.Plan(new DateTime(2015, 3, 2, 10, 0, 0), PlanType.ChildInNeed, CaseWithTeam.SpecificItem(c.SocialWorker));
        c.Meeting(new DateTime(2015, 3, 16, 10, 0, 0), MeetingType.ChildInNeedReview, planReviewed: false);

        Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 3, 16, 12, 0, 0)));
    }

    [Fact]
    public void A_meeting_that_reviewed_the_plan_is_not_found()
    {
        var c = new CaseWithTeam();
        c.Plan(new DateTime(2015, 3, 2, 10, 0, 0), PlanType.ChildProtection, CaseWithTeam.SpecificItem(c.SocialWorker));
        c.Meeting(new DateTime(2015, 3, 16, 10, 0, 0), MeetingType.CoreGroup, planReviewed: true);

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 3, 16, 12, 0, 0)));
    }

    [Fact]
    public void Recording_the_review_afterwards_clears_it()
    {
        var c = new CaseWithTeam();
        var plan = c.Plan(new DateTime(2015, 3, 2, 10, 0, 0), PlanType.ChildProtection, CaseWithTeam.SpecificItem(c.SocialWorker));
        c.Meeting(new DateTime(2015, 3, 16, 10, 0, 0), MeetingType.CoreGroup);
        Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 3, 16, 12, 0, 0)));

        c.Record(new DateTime(2015, 3, 17, 10, 0, 0), c.SocialWorker, new PlanReviewed
        {
            PlanEntryId = plan.Id,
            Progress = [new ItemProgress { ItemIndex = 0, Progress = "Two visits made" }],
        });

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 3, 17, 11, 0, 0)));
    }

    [Fact]
    public void A_review_recorded_before_the_meeting_does_not_count()
    {
        var c = new CaseWithTeam();
        var plan = c.Plan(new DateTime(2015, 3, 2, 10, 0, 0), PlanType.ChildProtection, CaseWithTeam.SpecificItem(c.SocialWorker));
        c.Record(new DateTime(2015, 3, 13, 10, 0, 0), c.SocialWorker, new PlanReviewed { PlanEntryId = plan.Id });
        c.Meeting(new DateTime(2015, 3, 16, 10, 0, 0), MeetingType.CoreGroup);

        Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 3, 16, 12, 0, 0)));
    }

    [Fact]
    public void A_meeting_when_no_plan_is_open_is_not_found()
    {
        var c = new CaseWithTeam();
        c.Meeting(new DateTime(2015, 3, 16, 10, 0, 0), MeetingType.CoreGroup);

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 3, 16, 12, 0, 0)));
    }
}

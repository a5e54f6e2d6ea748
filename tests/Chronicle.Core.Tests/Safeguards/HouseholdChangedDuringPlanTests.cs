using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Safeguards.Catalogue;

namespace Chronicle.Core.Tests.Safeguards;

public sealed class HouseholdChangedDuringPlanTests
{
    private readonly HouseholdChangedDuringPlan _safeguard = new();

    private static CaseEntry PartnerMovesIn(TestFamily f, DateTime at)
    {
        var partner = f.Case.Adult("Mother's new partner", livesHere: false);
        return f.Record(at, f.HealthVisitor, new HouseholdChange { PersonId = partner.Id, Change = HouseholdChangeType.Joined }, f.Child, partner);
    }

    private static CaseEntry Reassess(TestFamily f, DateTime at) =>
        f.Record(at, f.SocialWorker, new AssessmentCompleted { Type = AssessmentType.ChildAndFamily, Conclusion = "Updated", Outcome = AssessmentOutcome.ChildInNeedPlan });

    [Fact]
    public void Someone_joining_the_household_during_a_plan_asks_for_reassessment_and_review_within_ten_working_days()
    {
        var f = new TestFamily();
        f.StartPlan(TestFamily.At(2, 2), PlanType.ChildInNeed);
        var change = PartnerMovesIn(f, TestFamily.At(3, 2, 11));

        var finding = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(3, 2, 12)));

        Assert.Equal($"change:{change.Id}", finding.CauseKey);
        Assert.Equal([change.Id], finding.Evidence);
        Assert.Equal(f.SocialWorker.Id, finding.OwnerProfessionalId);
        Assert.Equal(TestFamily.EndOf(3, 16), finding.DueAt);
        Assert.Contains("an updated assessment and a review of the plan", finding.AskFor);
    }

    [Fact]
    public void A_change_before_any_plan_is_not_flagged()
    {
        var f = new TestFamily();
        PartnerMovesIn(f, TestFamily.At(1, 30));
        f.StartPlan(TestFamily.At(2, 2), PlanType.ChildInNeed);

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(3, 2)));
    }

    [Fact]
    public void A_safety_plan_alone_does_not_count()
    {
        var f = new TestFamily();
        f.StartPlan(TestFamily.At(2, 2), PlanType.Safety);
        PartnerMovesIn(f, TestFamily.At(3, 2, 11));

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(3, 2, 12)));
    }

    [Fact]
    public void It_clears_only_when_both_the_assessment_and_the_plan_review_are_recorded()
    {
        var f = new TestFamily();
        var plan = f.StartPlan(TestFamily.At(2, 2), PlanType.ChildInNeed);
        PartnerMovesIn(f, TestFamily.At(3, 2, 11));
        Reassess(f, TestFamily.At(3, 10));
        f.Record(TestFamily.At(3, 12), f.SocialWorker, new PlanReviewed { PlanEntryId = plan.Id, Summary = "Reviewed with the new partner in the home" });

        var afterAssessment = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(3, 11)));
        Assert.DoesNotContain("assessment", afterAssessment.AskFor);
        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(3, 12, 10)));
    }

    [Fact]
    public void A_core_group_that_reviewed_the_plan_counts_as_the_review()
    {
        var f = new TestFamily();
        f.StartPlan(TestFamily.At(2, 2));
        PartnerMovesIn(f, TestFamily.At(3, 2, 11));
        Reassess(f, TestFamily.At(3, 10));
        f.Record(TestFamily.At(3, 11), f.SocialWorker, new MeetingHeld { Type = MeetingType.CoreGroup, PlanReviewed = false });

        Assert.Single(f.Evaluate(_safeguard, TestFamily.At(3, 11, 10)));

        f.Record(TestFamily.At(3, 12), f.SocialWorker, new MeetingHeld { Type = MeetingType.CoreGroup, PlanReviewed = true });
        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(3, 12, 10)));
    }

    [Fact]
    public void Someone_leaving_the_household_on_the_record_alone_is_flagged()
    {
        var f = new TestFamily();
        var stepfather = f.Case.Adult("Stepfather", livesHere: false);
        var membership = f.Case.LivesHere(stepfather, new DateOnly(2014, 1, 1), new DateOnly(2015, 3, 2));
        f.StartPlan(TestFamily.At(2, 2));

        var finding = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(3, 3)));

        Assert.Equal($"left:{membership.Id}", finding.CauseKey);
        Assert.Empty(finding.Evidence);
        Assert.Equal(TestFamily.EndOf(3, 16), finding.DueAt);
    }

    [Fact]
    public void Children_removed_together_are_one_change_for_each_child()
    {
        var f = new TestFamily();
        var sibling = f.Case.Child("Older sibling", new DateOnly(2013, 6, 1));
        f.StartPlan(TestFamily.At(2, 2));
        var removed = f.Record(TestFamily.At(3, 2, 16), f.SocialWorker, new HouseholdChange { PersonId = f.Child.Id, Change = HouseholdChangeType.Left }, f.Child, sibling, f.Mother);
        f.Record(TestFamily.At(3, 2, 16, 5), f.SocialWorker, new HouseholdChange { PersonId = sibling.Id, Change = HouseholdChangeType.Left }, f.Child, sibling, f.Mother);

        var finding = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(3, 3)));

        Assert.Equal($"change:{removed.Id}", finding.CauseKey);
        Assert.StartsWith("The child left the household", finding.Summary);
    }

    /// <summary>The child and a brother leave the family home on 2 March and both join their grandmother's home that day.</summary>
    private static (TestFamily F, Guid GrandmothersHome) MovedWithABrotherToTheirGrandmother()
    {
        var f = new TestFamily();
        var brother = f.Case.Child("Older brother", new DateOnly(2013, 6, 1), livesHere: false);
        f.Case.LivesHere(brother, to: new DateOnly(2015, 3, 2));
        foreach (var m in f.Case.Build().Households.Where(m => m.PersonId == f.Child.Id)) m.To = new DateOnly(2015, 3, 2);
        var grandmothersHome = Guid.NewGuid();
        f.Case.LivesHere(f.Case.Adult("Grandmother", livesHere: false), new DateOnly(2010, 1, 1), household: grandmothersHome);
        f.Case.LivesHere(f.Child, new DateOnly(2015, 3, 2), household: grandmothersHome);
        f.Case.LivesHere(brother, new DateOnly(2015, 3, 2), household: grandmothersHome);
        f.StartPlan(TestFamily.At(2, 2));
        f.Record(TestFamily.At(3, 2, 15), f.SocialWorker, new HouseholdChange { PersonId = f.Child.Id, Change = HouseholdChangeType.Left }, f.Child, brother, f.Mother);
        return (f, grandmothersHome);
    }

    [Fact]
    public void A_child_moving_home_with_a_brother_is_one_change()
    {
        var (f, _) = MovedWithABrotherToTheirGrandmother();

        var finding = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(3, 3)));

        Assert.StartsWith("change:", finding.CauseKey, StringComparison.Ordinal);
        Assert.StartsWith("The child left the household", finding.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Someone_new_joining_the_child_s_new_home_the_day_they_move_is_still_a_change()
    {
        var (f, grandmothersHome) = MovedWithABrotherToTheirGrandmother();
        var lodger = f.Case.Adult("Grandmother's lodger", livesHere: false);
        var joined = f.Case.LivesHere(lodger, new DateOnly(2015, 3, 2), household: grandmothersHome);

        var findings = f.Evaluate(_safeguard, TestFamily.At(3, 3));

        Assert.Equal(2, findings.Count);
        Assert.Contains(findings, x => x.CauseKey == $"joined:{joined.Id}");
    }

    [Fact]
    public void A_membership_change_made_by_an_entry_is_not_counted_twice()
    {
        var f = new TestFamily();
        f.StartPlan(TestFamily.At(2, 2));
        var partner = f.Case.Adult("Partner", livesHere: false);
        f.Case.LivesHere(partner, new DateOnly(2015, 3, 2));
        var change = f.Record(TestFamily.At(3, 2, 11), f.SocialWorker, new HouseholdChange { PersonId = partner.Id, Change = HouseholdChangeType.Joined }, f.Child, partner);

        Assert.Equal($"change:{change.Id}", Assert.Single(f.Evaluate(_safeguard, TestFamily.At(3, 3))).CauseKey);
    }

    [Fact]
    public void The_cause_key_is_stable_and_the_timescale_is_the_partnerships()
    {
        var f = new TestFamily();
        f.Case.Policy["SG-13.reassess-within"] = "5";
        f.StartPlan(TestFamily.At(2, 2));
        PartnerMovesIn(f, TestFamily.At(3, 2, 11));

        var first = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(3, 2, 12)));
        Assert.Equal(TestFamily.EndOf(3, 9), first.DueAt);
        Assert.Equal(first.CauseKey, Assert.Single(f.Evaluate(_safeguard, TestFamily.At(4, 2, 12))).CauseKey);
    }

    [Theory]
    [InlineData(true, false)]  // the twin's own plan started before the birth: the birth the plans were made for
    [InlineData(false, true)]  // a baby no plan covered before the birth joins the household: a change
    public void A_baby_joining_the_household_on_the_day_of_birth_is_a_change_only_when_no_plan_of_theirs_came_before(bool twinsPlanBeforeBirth, bool fires)
    {
        var born = new DateOnly(2015, 3, 2);
        var f = new TestFamily(born: born);
        f.StartPlan(TestFamily.At(2, 2)); // the child's pre-birth plan
        f.Case.LivesHere(f.Child, born);  // the child's own birth is never a change: their plan came first
        var twin = f.Case.Child("Twin", born, livesHere: false);
        f.Case.LivesHere(twin, born);
        if (twinsPlanBeforeBirth)
            f.Record(TestFamily.At(2, 2, 10), f.SocialWorker, new PlanStarted { Type = PlanType.ChildProtection, Category = AbuseCategory.PhysicalAbuse }, twin);

        var found = f.Evaluate(_safeguard, TestFamily.At(3, 3, 12));

        Assert.Equal(fires, found.Count == 1);
        if (fires) Assert.Contains("Someone joined", found[0].Summary);
    }
}

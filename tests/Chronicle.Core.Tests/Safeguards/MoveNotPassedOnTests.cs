using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Safeguards.Catalogue;

namespace Chronicle.Core.Tests.Safeguards;

public sealed class MoveNotPassedOnTests
{
    private readonly MoveNotPassedOn _safeguard = new();

    private static AddressChange NewFlat => new() { NewAddress = "2 New Flat, Bradford", LocalAuthority = "Bradford" };

    /// <summary>A child on a plan whose health visitor records, on Monday 2 March 2015, that the family has moved.</summary>
    private static (TestFamily Family, CaseEntry Move) HealthKnowsOfAMove()
    {
        var f = new TestFamily();
        f.StartPlan(TestFamily.At(2, 2), PlanType.ChildInNeed);
        var move = f.Record(TestFamily.At(3, 2, 11), f.HealthVisitor, NewFlat, f.Child, f.Mother);
        return (f, move);
    }

    [Fact]
    public void A_move_the_lead_professional_has_not_acknowledged_by_the_end_of_the_next_working_day_is_flagged()
    {
        var (f, move) = HealthKnowsOfAMove();

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(3, 3, 23, 59)));
        var finding = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(3, 4, 0, 1)));

        Assert.Equal($"move:{move.Id}", finding.CauseKey);
        Assert.Equal(TestFamily.EndOf(3, 3), finding.DueAt);
        Assert.Equal(f.HealthVisitor.Id, finding.OwnerProfessionalId);
        Assert.Equal([move.Id], finding.Evidence);
    }

    [Fact]
    public void The_lead_professionals_acknowledgement_clears_it_and_another_persons_does_not()
    {
        var (f, move) = HealthKnowsOfAMove();
        var share = f.Share(TestFamily.At(3, 2, 12), f.HealthVisitor, move, f.SocialWorker, f.Doctor);
        f.Acknowledge(TestFamily.At(3, 3, 10), f.Doctor, share);
        f.Acknowledge(TestFamily.At(3, 5, 10), f.SocialWorker, share);

        Assert.Single(f.Evaluate(_safeguard, TestFamily.At(3, 4, 10)));
        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(3, 5, 11)));
    }

    [Fact]
    public void The_lead_professional_recording_the_same_address_acknowledges_it()
    {
        var (f, _) = HealthKnowsOfAMove();
        f.Record(TestFamily.At(3, 3, 10), f.SocialWorker, NewFlat with { NewAddress = "2 new flat bradford" }, f.Child, f.Mother);

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(3, 4, 10)));
    }

    [Fact]
    public void A_move_recorded_by_the_lead_professional_needs_no_acknowledgement()
    {
        var f = new TestFamily();
        f.StartPlan(TestFamily.At(2, 2), PlanType.ChildInNeed);
        f.Record(TestFamily.At(3, 2, 11), f.SocialWorker, NewFlat, f.Child, f.Mother);

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(3, 10)));
    }

    [Fact]
    public void A_move_while_no_assessment_enquiry_or_plan_is_open_is_not_flagged()
    {
        var f = new TestFamily();
        f.Record(TestFamily.At(3, 2, 11), f.HealthVisitor, NewFlat, f.Child, f.Mother);

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(3, 10)));
    }

    [Fact]
    public void A_move_of_the_mother_the_child_lives_with_counts()
    {
        var f = new TestFamily();
        f.StartPlan(TestFamily.At(2, 2), PlanType.ChildInNeed);
        f.Record(TestFamily.At(3, 2, 11), f.Doctor, NewFlat, f.Mother);

        Assert.Single(f.Evaluate(_safeguard, TestFamily.At(3, 4, 10)));
    }

    [Fact]
    public void The_cause_key_is_stable_and_the_timescale_is_the_partnerships()
    {
        var (f, _) = HealthKnowsOfAMove();
        f.Case.Policy["SG-11.acknowledge-within"] = "2";

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(3, 4, 10)));
        Assert.Equal(
            Assert.Single(f.Evaluate(_safeguard, TestFamily.At(3, 5, 0, 1))).CauseKey,
            Assert.Single(f.Evaluate(_safeguard, TestFamily.At(3, 20, 10))).CauseKey);
    }
}

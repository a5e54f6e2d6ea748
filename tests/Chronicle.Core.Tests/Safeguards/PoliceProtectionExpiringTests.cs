using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Safeguards.Catalogue;
using Chronicle.Testing;

namespace Chronicle.Core.Tests.Safeguards;

public sealed class PoliceProtectionExpiringTests
{
    private readonly PoliceProtectionExpiring _safeguard = new();
    private static readonly DateTime TakenAt = new(2015, 3, 2, 14, 30, 0);

    private static (CaseWithTeam Case, CaseEntry Protection) InPoliceProtection()
    {
        var c = new CaseWithTeam();
        var protection = c.Record(TakenAt, c.PoliceOfficer, new PoliceProtection { PlaceOfSafety = "Children's ward", Reason = "Fractures" });
        return (c, protection);
    }

    [Fact]
    public void Nothing_is_found_before_48_hours()
    {
        var (c, _) = InPoliceProtection();

        Assert.Empty(c.Evaluate(_safeguard, TakenAt.AddHours(47).AddMinutes(59)));
    }

    [Fact]
    public void At_48_hours_it_is_found_due_when_police_protection_ends()
    {
        var (c, protection) = InPoliceProtection();

        var finding = Assert.Single(c.Evaluate(_safeguard, TakenAt.AddHours(48)));

        Assert.Equal($"police-protection:{protection.Id}", finding.CauseKey);
        Assert.Equal(CaseFileBuilder.At(TakenAt.AddHours(72)), finding.DueAt);
        Assert.Equal(c.SocialWorker.Id, finding.OwnerProfessionalId);
        Assert.Contains("it ends at 14:30 on Thursday 5 March 2015", finding.Summary);
    }

    [Fact]
    public void After_72_hours_it_stays_found_with_the_same_cause()
    {
        var (c, _) = InPoliceProtection();

        var warning = Assert.Single(c.Evaluate(_safeguard, TakenAt.AddHours(48)));
        var passed = Assert.Single(c.Evaluate(_safeguard, TakenAt.AddHours(80)));

        Assert.Equal(warning.CauseKey, passed.CauseKey);
        Assert.Contains("it ended at", passed.Summary);
    }

    [Theory]
    [InlineData(CourtOrderStage.DecidedNotToApply)]
    [InlineData(CourtOrderStage.Applied)]
    [InlineData(CourtOrderStage.Granted)]
    public void A_court_order_entry_at_any_stage_clears_it(CourtOrderStage stage)
    {
        var (c, _) = InPoliceProtection();
        c.Record(TakenAt.AddHours(50), c.SocialWorker, new CourtOrder { Order = CourtOrderType.EmergencyProtectionOrder, Stage = stage });

        Assert.Empty(c.Evaluate(_safeguard, TakenAt.AddHours(51)));
    }

    [Fact]
    public void A_decision_on_a_court_application_clears_it()
    {
        var (c, _) = InPoliceProtection();
        c.Decision(TakenAt.AddHours(20), c.TeamManager, DecisionTopic.CourtApplication);

        Assert.Empty(c.Evaluate(_safeguard, TakenAt.AddHours(49)));
    }

    [Fact]
    public void A_court_order_from_before_the_police_protection_does_not_clear_it()
    {
        var c = new CaseWithTeam();
        c.Record(TakenAt.AddDays(-30), c.SocialWorker, new CourtOrder { Order = CourtOrderType.InterimSupervisionOrder, Stage = CourtOrderStage.Granted });
        c.Record(TakenAt, c.PoliceOfficer, new PoliceProtection { PlaceOfSafety = "Foster carer" });

        Assert.Single(c.Evaluate(_safeguard, TakenAt.AddHours(49)));
    }

    [Fact]
    public void The_warning_is_the_partnerships_setting()
    {
        var (c, _) = InPoliceProtection();
        c.Policy["SG-27.warn-at"] = "0";

        Assert.Single(c.Evaluate(_safeguard, TakenAt.AddMinutes(1)));
    }
}

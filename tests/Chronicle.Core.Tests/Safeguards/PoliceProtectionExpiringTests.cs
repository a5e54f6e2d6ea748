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
    public void Police_protection_is_found_when_recorded_due_when_it_ends()
    {
        var (c, protection) = InPoliceProtection();

        var finding = Assert.Single(c.Evaluate(_safeguard, TakenAt.AddMinutes(5)));

        Assert.Equal($"police-protection:{protection.Id}", finding.CauseKey);
        Assert.Equal(CaseFileBuilder.At(TakenAt.AddHours(72)), finding.DueAt);
        Assert.Equal(c.SocialWorker.Id, finding.OwnerProfessionalId);
        Assert.Equal([protection.Id], finding.Evidence);
        Assert.Contains("it ends at 14:30 on Thursday 5 March 2015", finding.Summary);
    }

    [Fact]
    public void There_is_no_warning_before_48_hours()
    {
        var (c, protection) = InPoliceProtection();

        var findings = c.Evaluate(_safeguard, TakenAt.AddHours(47).AddMinutes(59));

        Assert.Equal([$"police-protection:{protection.Id}"], findings.Select(f => f.CauseKey));
    }

    [Fact]
    public void At_48_hours_with_nothing_decided_the_warning_is_its_own_cause()
    {
        var (c, protection) = InPoliceProtection();

        var findings = c.Evaluate(_safeguard, TakenAt.AddHours(48));

        Assert.Equal([$"police-protection:{protection.Id}", $"police-protection-warning:{protection.Id}"], findings.Select(f => f.CauseKey));
        Assert.All(findings, f => Assert.Equal(CaseFileBuilder.At(TakenAt.AddHours(72)), f.DueAt));
    }

    [Fact]
    public void After_72_hours_both_stay_found_with_the_same_causes()
    {
        var (c, _) = InPoliceProtection();

        var warning = c.Evaluate(_safeguard, TakenAt.AddHours(48)).Select(f => f.CauseKey);
        var passed = c.Evaluate(_safeguard, TakenAt.AddHours(80));

        Assert.Equal(warning, passed.Select(f => f.CauseKey));
        Assert.Contains("it ended at", passed[0].Summary);
    }

    [Theory]
    [InlineData(CourtOrderStage.DecidedNotToApply)]
    [InlineData(CourtOrderStage.Applied)]
    [InlineData(CourtOrderStage.Granted)]
    public void A_court_order_entry_at_any_stage_clears_both(CourtOrderStage stage)
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

        Assert.Empty(c.Evaluate(_safeguard, TakenAt.AddHours(20).AddMinutes(5)));
        Assert.Empty(c.Evaluate(_safeguard, TakenAt.AddHours(49)));
    }

    [Fact]
    public void A_court_order_from_before_the_police_protection_does_not_clear_it()
    {
        var c = new CaseWithTeam();
        c.Record(TakenAt.AddDays(-30), c.SocialWorker, new CourtOrder { Order = CourtOrderType.InterimSupervisionOrder, Stage = CourtOrderStage.Granted });
        c.Record(TakenAt, c.PoliceOfficer, new PoliceProtection { PlaceOfSafety = "Foster carer" });

        Assert.Equal(2, c.Evaluate(_safeguard, TakenAt.AddHours(49)).Count);
    }

    [Fact]
    public void The_warning_and_the_length_of_police_protection_are_settings()
    {
        var (c, protection) = InPoliceProtection();
        c.Policy["SG-27.warn-at"] = "24";
        c.Policy["SG-27.lasts"] = "36";

        var findings = c.Evaluate(_safeguard, TakenAt.AddHours(24));

        Assert.Contains(findings, f => f.CauseKey == $"police-protection-warning:{protection.Id}");
        Assert.All(findings, f => Assert.Equal(CaseFileBuilder.At(TakenAt.AddHours(36)), f.DueAt));
    }
}

using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Safeguards.Catalogue;
using Chronicle.Testing;

namespace Chronicle.Core.Tests.Safeguards;

public sealed class DischargeWithoutSafetyDecisionTests
{
    private readonly DischargeWithoutSafetyDecision _safeguard = new(() => null);

    private static CaseWithTeam InHospitalDuringAnEnquiry()
    {
        var c = new CaseWithTeam();
        c.Record(new DateTime(2015, 3, 2, 9, 0, 0), c.SafeguardingNurse, new HospitalAdmission { Reason = "Rib fractures" });
        c.Record(new DateTime(2015, 3, 2, 15, 0, 0), c.SocialWorker, new StrategyDiscussion { Decision = StrategyOutcome.Section47Enquiry });
        return c;
    }

    private static CaseEntry Discharge(CaseWithTeam c, DateTime at, DischargeStage stage = DischargeStage.Planned) =>
        c.Record(at, c.SafeguardingNurse, new HospitalDischarge { Stage = stage, DischargedToPersonId = c.Mother.Id });

    private static CaseEntry SafetyDecision(CaseWithTeam c, DateTime at, Professional by) =>
        c.Record(at, by, new DischargeDecision { CarerPersonId = c.Mother.Id, SafetyPlan = "Supervised contact only; daily visits" });

    [Fact]
    public void A_discharge_planned_during_an_enquiry_with_no_decision_is_found()
    {
        var c = InHospitalDuringAnEnquiry();
        var discharge = Discharge(c, new DateTime(2015, 3, 4, 10, 0, 0));

        var finding = Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 3, 4, 10, 5, 0)));

        Assert.Equal($"discharge:{discharge.Id}", finding.CauseKey);
        Assert.Equal(CaseWithTeam.EndOf(2015, 3, 4), finding.DueAt);
        Assert.Equal(c.SafeguardingNurse.Id, finding.OwnerProfessionalId);
        Assert.Contains("in an open section 47 enquiry", finding.Summary);
    }

    [Fact]
    public void A_decision_by_social_care_during_the_stay_clears_it()
    {
        var c = InHospitalDuringAnEnquiry();
        SafetyDecision(c, new DateTime(2015, 3, 3, 16, 0, 0), c.SocialWorker);
        Discharge(c, new DateTime(2015, 3, 4, 10, 0, 0));

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 3, 4, 10, 5, 0)));
    }

    [Fact]
    public void A_decision_recorded_by_the_hospital_is_not_social_cares_decision()
    {
        var c = InHospitalDuringAnEnquiry();
        SafetyDecision(c, new DateTime(2015, 3, 3, 16, 0, 0), c.SafeguardingNurse);
        Discharge(c, new DateTime(2015, 3, 4, 10, 0, 0));

        Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 3, 4, 10, 5, 0)));
    }

    [Fact]
    public void A_decision_from_an_earlier_stay_does_not_count()
    {
        var c = new CaseWithTeam();
        SafetyDecision(c, new DateTime(2015, 1, 5, 16, 0, 0), c.SocialWorker);
        c.Record(new DateTime(2015, 3, 2, 9, 0, 0), c.SafeguardingNurse, new HospitalAdmission { Reason = "Rib fractures" });
        c.Record(new DateTime(2015, 3, 2, 15, 0, 0), c.SocialWorker, new StrategyDiscussion { Decision = StrategyOutcome.Section47Enquiry });
        Discharge(c, new DateTime(2015, 3, 4, 10, 0, 0));

        Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 3, 4, 10, 5, 0)));
    }

    [Fact]
    public void Recording_the_decision_after_the_planned_discharge_clears_it()
    {
        var c = InHospitalDuringAnEnquiry();
        Discharge(c, new DateTime(2015, 3, 4, 10, 0, 0));
        SafetyDecision(c, new DateTime(2015, 3, 4, 12, 0, 0), c.SocialWorker);

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 3, 4, 12, 5, 0)));
    }

    [Fact]
    public void A_planned_and_a_completed_discharge_from_one_stay_are_one_cause()
    {
        var c = InHospitalDuringAnEnquiry();
        var planned = Discharge(c, new DateTime(2015, 3, 4, 10, 0, 0));
        Discharge(c, new DateTime(2015, 3, 5, 10, 0, 0), DischargeStage.Completed);

        Assert.Equal($"discharge:{planned.Id}", Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 3, 5, 11, 0, 0))).CauseKey);
    }

    [Fact]
    public void A_child_on_a_child_protection_plan_is_found()
    {
        var c = new CaseWithTeam();
        c.Plan(new DateTime(2015, 1, 5), PlanType.ChildProtection, CaseWithTeam.SpecificItem(c.SocialWorker));
        Discharge(c, new DateTime(2015, 3, 4, 10, 0, 0), DischargeStage.Completed);

        Assert.Contains("on a child protection plan", Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 3, 4, 11, 0, 0))).Summary);
    }

    [Fact]
    public void A_child_with_no_enquiry_plan_or_injury_alert_is_not_found()
    {
        var c = new CaseWithTeam();
        c.Record(new DateTime(2015, 3, 2, 9, 0, 0), c.SafeguardingNurse, new HospitalAdmission { Reason = "Bronchiolitis" });
        Discharge(c, new DateTime(2015, 3, 4, 10, 0, 0), DischargeStage.Completed);

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 3, 4, 11, 0, 0)));
    }

    [Fact]
    public void A_cause_found_by_the_non_mobile_injury_safeguard_makes_the_discharge_count()
    {
        var c = new CaseWithTeam();
        c.Record(new DateTime(2015, 3, 2, 9, 0, 0), c.SafeguardingNurse, new HospitalAdmission { Reason = "Bruise to the arm" });
        Discharge(c, new DateTime(2015, 3, 4, 10, 0, 0));
        var withInjuryAlert = new DischargeWithoutSafetyDecision(() => new StandInForNonMobileInjury(found: true));
        var withoutInjuryAlert = new DischargeWithoutSafetyDecision(() => new StandInForNonMobileInjury(found: false));

        Assert.Contains("injury to a non-mobile child", Assert.Single(c.Evaluate(withInjuryAlert, new DateTime(2015, 3, 4, 11, 0, 0))).Summary);
        Assert.Empty(c.Evaluate(withoutInjuryAlert, new DateTime(2015, 3, 4, 11, 0, 0)));
    }

    [Fact]
    public void The_injury_alert_is_judged_as_it_stood_when_the_discharge_was_recorded()
    {
        var c = new CaseWithTeam();
        c.Record(new DateTime(2015, 3, 2, 9, 0, 0), c.SafeguardingNurse, new HospitalAdmission { Reason = "Bruise to the arm" });
        var discharge = Discharge(c, new DateTime(2015, 3, 4, 10, 0, 0));
        var untilNoon = new DischargeWithoutSafetyDecision(() => new StandInForNonMobileInjury(found: true, until: CaseFileBuilder.At(new DateTime(2015, 3, 4, 12, 0, 0))));

        Assert.Equal($"discharge:{discharge.Id}", Assert.Single(c.Evaluate(untilNoon, new DateTime(2015, 3, 4, 13, 0, 0))).CauseKey);

        SafetyDecision(c, new DateTime(2015, 3, 4, 14, 0, 0), c.SocialWorker);
        Assert.Empty(c.Evaluate(untilNoon, new DateTime(2015, 3, 4, 15, 0, 0)));
    }

    /// <summary>Stands for SG-01: finds a cause (until a moment, if given).</summary>
    private sealed class StandInForNonMobileInjury(bool found, DateTimeOffset? until = null) : ISafeguard
    {
        public string Id => "SG-01";
        public int Version => 1;
        public string Title => "Injury to a non-mobile child";
        public Severity Severity => Severity.Urgent;
        public IReadOnlyList<Lesson> Lessons => [];
        public IReadOnlyList<SettingDefinition> Settings => [];

        public IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context) =>
            found && (until is null || context.Now < until) ? [new Finding("injury:stand-in", "Injury", "Refer", context.Now, [])] : [];

        public DateTimeOffset? NextChange(CaseFile file, SafeguardContext context) => found && until > context.Now ? until : null;
    }
}

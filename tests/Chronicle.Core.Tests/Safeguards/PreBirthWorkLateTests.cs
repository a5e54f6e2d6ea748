using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Safeguards.Catalogue;

namespace Chronicle.Core.Tests.Safeguards;

public sealed class PreBirthWorkLateTests
{
    private readonly PreBirthWorkLate _safeguard = new();

    // Expected on Wednesday 1 July 2015: 28 weeks is Wednesday 8 April, 32 weeks Wednesday 6 May.
    private static (CaseWithTeam Case, CaseEntry Referral) Referred(DateOnly? expected = null)
    {
        var c = new CaseWithTeam(kind: PersonKind.UnbornChild);
        c.Record(new DateTime(2015, 1, 12, 10, 0, 0), c.HealthVisitor, new Pregnancy
        {
            MotherPersonId = c.Mother.Id,
            UnbornPersonId = c.Child.Id,
            ExpectedDelivery = expected ?? new DateOnly(2015, 7, 1),
            RiskFactors = "Mother a care leaver",
        }, c.Mother, c.Child);
        var referral = c.Record(new DateTime(2015, 2, 2, 10, 0, 0), c.HealthVisitor, new ContactReceived { Concerns = "Vulnerable first-time mother", PreBirth = true });
        return (c, referral);
    }

    private static Finding? Step(CaseWithTeam c, DateTime now, string step) =>
        c.Evaluate(new PreBirthWorkLate(), now).SingleOrDefault(f => f.CauseKey.StartsWith(step + ":", StringComparison.Ordinal));

    private static CaseEntry PreBirthAssessment(CaseWithTeam c, DateTime at, AssessmentOutcome outcome = AssessmentOutcome.ChildInNeedPlan, params string[] considered) =>
        c.Record(at, c.SocialWorker, new AssessmentCompleted { Type = AssessmentType.PreBirth, Conclusion = "Risks identified", Outcome = outcome, Considered = considered });

    [Fact]
    public void A_pre_birth_assessment_not_complete_at_28_weeks_is_found_the_next_morning()
    {
        var (c, referral) = Referred();

        Assert.Null(Step(c, new DateTime(2015, 4, 8, 23, 0, 0), "pre-birth-assessment"));
        var finding = Step(c, new DateTime(2015, 4, 9, 0, 1, 0), "pre-birth-assessment");

        Assert.NotNull(finding);
        Assert.Equal($"pre-birth-assessment:{referral.Id}", finding.CauseKey);
        Assert.Equal(CaseWithTeam.EndOf(2015, 4, 8), finding.DueAt);
        Assert.Equal(c.SocialWorker.Id, finding.OwnerProfessionalId);
    }

    [Fact]
    public void Completing_the_assessment_clears_it()
    {
        var (c, _) = Referred();
        PreBirthAssessment(c, new DateTime(2015, 4, 10, 10, 0, 0), AssessmentOutcome.ChildInNeedPlan, "neglect", "physical-harm");

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 4, 10, 11, 0, 0)));
    }

    [Fact]
    public void The_gestation_on_a_date_gives_the_expected_delivery()
    {
        var c = new CaseWithTeam(kind: PersonKind.UnbornChild);
        c.Record(new DateTime(2015, 2, 4, 10, 0, 0), c.HealthVisitor, new Pregnancy { MotherPersonId = c.Mother.Id, UnbornPersonId = c.Child.Id, GestationWeeks = 18 }, c.Mother);
        c.Record(new DateTime(2015, 2, 5, 10, 0, 0), c.HealthVisitor, new ContactReceived { Concerns = "Pre-birth referral", PreBirth = true });

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 4, 15, 23, 0, 0)));
        Assert.Equal(CaseWithTeam.EndOf(2015, 4, 15), Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 4, 16, 0, 1, 0))).DueAt);
    }

    [Fact]
    public void A_pregnancy_with_no_referral_is_not_found()
    {
        var c = new CaseWithTeam(kind: PersonKind.UnbornChild);
        c.Record(new DateTime(2015, 1, 12, 10, 0, 0), c.HealthVisitor, new Pregnancy { MotherPersonId = c.Mother.Id, UnbornPersonId = c.Child.Id, ExpectedDelivery = new DateOnly(2015, 7, 1) });

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 6, 1)));
    }

    [Fact]
    public void A_pregnancy_that_ended_is_not_found()
    {
        var (c, _) = Referred();
        c.Record(new DateTime(2015, 3, 2, 10, 0, 0), c.HealthVisitor, new Pregnancy { MotherPersonId = c.Mother.Id, UnbornPersonId = c.Child.Id, Stage = PregnancyStage.Ended });

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 6, 1)));
    }

    [Fact]
    public void A_needed_conference_not_held_at_32_weeks_is_found()
    {
        var (c, referral) = Referred();
        PreBirthAssessment(c, new DateTime(2015, 4, 1, 10, 0, 0), AssessmentOutcome.InitialChildProtectionConference, "neglect", "physical-harm");

        Assert.Null(Step(c, new DateTime(2015, 5, 6, 23, 0, 0), "pre-birth-conference"));
        var finding = Step(c, new DateTime(2015, 5, 7, 0, 1, 0), "pre-birth-conference");

        Assert.NotNull(finding);
        Assert.Equal($"pre-birth-conference:{referral.Id}", finding.CauseKey);
        Assert.Equal(CaseWithTeam.EndOf(2015, 5, 6), finding.DueAt);

        c.Meeting(new DateTime(2015, 5, 8, 10, 0, 0), MeetingType.InitialChildProtectionConference, ConferenceDecision.ChildProtectionPlan);
        Assert.Null(Step(c, new DateTime(2015, 5, 8, 11, 0, 0), "pre-birth-conference"));
    }

    [Fact]
    public void An_open_enquiry_means_a_conference_is_needed_and_no_reason_to_hold_one_means_none_is()
    {
        var (enquiry, _) = Referred();
        enquiry.Record(new DateTime(2015, 4, 20, 10, 0, 0), enquiry.SocialWorker, new StrategyDiscussion { Decision = StrategyOutcome.Section47Enquiry });
        var (none, _) = Referred();

        Assert.NotNull(Step(enquiry, new DateTime(2015, 5, 7), "pre-birth-conference"));
        Assert.Null(Step(none, new DateTime(2015, 5, 7), "pre-birth-conference"));
    }

    [Fact]
    public void A_pre_birth_assessment_that_considered_neglect_but_not_physical_harm_is_found()
    {
        var (c, _) = Referred();
        var assessment = PreBirthAssessment(c, new DateTime(2015, 3, 2, 10, 0, 0), AssessmentOutcome.ChildInNeedPlan, "neglect");

        var finding = Step(c, new DateTime(2015, 3, 2, 11, 0, 0), "physical-harm");

        Assert.NotNull(finding);
        Assert.Equal($"physical-harm:{assessment.Id}", finding.CauseKey);
        Assert.Equal(CaseWithTeam.EndOf(2015, 3, 9), finding.DueAt);
    }

    [Fact]
    public void Considering_physical_harm_later_clears_it()
    {
        var (c, _) = Referred();
        var assessment = PreBirthAssessment(c, new DateTime(2015, 3, 2, 10, 0, 0), AssessmentOutcome.ChildInNeedPlan, "neglect");
        c.Decision(new DateTime(2015, 3, 3, 10, 0, 0), c.TeamManager, DecisionTopic.Other, assessment.Id);

        Assert.Null(Step(c, new DateTime(2015, 3, 3, 11, 0, 0), "physical-harm"));
    }

    [Fact]
    public void The_weeks_are_the_partnerships_settings()
    {
        var (c, _) = Referred();
        c.Policy["SG-25.assessment-by"] = "24";

        Assert.Equal(CaseWithTeam.EndOf(2015, 3, 11), Step(c, new DateTime(2015, 3, 12), "pre-birth-assessment")?.DueAt);
    }

    // The risk of physical harm, whether or not the assessment named neglect.

    [Theory]
    [InlineData(true, false, true)]   // physical abuse referred; physical harm not considered
    [InlineData(true, true, false)]   // physical harm considered
    [InlineData(false, false, false)] // nothing indicated it
    public void A_pre_birth_assessment_must_consider_physical_harm_where_the_record_indicates_it(bool indicated, bool considered, bool fires)
    {
        var f = new TestFamily();
        f.Record(TestFamily.At(1, 5, 10), f.HealthVisitor, new ContactReceived { PreBirth = true, Concerns = "Father's older child injured", ConcernCategories = indicated ? [AbuseCategory.PhysicalAbuse] : [] });
        f.Record(TestFamily.At(2, 2, 15), f.SocialWorker, new AssessmentCompleted
        {
            Type = AssessmentType.PreBirth, Conclusion = "Early help", Outcome = AssessmentOutcome.EarlyHelp, Considered = considered ? ["housing", "physical-harm"] : ["housing"],
        });

        var found = new PreBirthWorkLate().Evaluate(f.Case.Build(), f.Case.Context(TestFamily.At(2, 2, 16))).Where(x => x.CauseKey.StartsWith("physical-harm:", StringComparison.Ordinal)).ToList();

        Assert.Equal(fires, found.Count == 1);
    }

    [Theory]
    [InlineData(2009, false)] // domestic abuse more than five years before the assessment (the look-back setting)
    [InlineData(2011, true)]
    public void Domestic_abuse_indicates_physical_harm_only_within_the_look_back(int year, bool fires)
    {
        var f = new TestFamily();
        f.Record(new DateTime(year, 3, 2, 10, 0, 0), f.PoliceOfficer, new PoliceIncident { Type = IncidentType.DomesticAbuse, Description = "Father assaulted mother" }, f.Mother, f.Father);
        f.Record(TestFamily.At(1, 5, 10), f.HealthVisitor, new ContactReceived { PreBirth = true, Concerns = "Housing", ConcernCategories = [] });
        f.Record(TestFamily.At(2, 2, 15), f.SocialWorker, new AssessmentCompleted
        {
            Type = AssessmentType.PreBirth, Conclusion = "Early help", Outcome = AssessmentOutcome.EarlyHelp, Considered = ["housing"],
        });

        var found = new PreBirthWorkLate().Evaluate(f.Case.Build(), f.Case.Context(TestFamily.At(2, 2, 16))).Where(x => x.CauseKey.StartsWith("physical-harm:", StringComparison.Ordinal)).ToList();

        Assert.Equal(fires, found.Count == 1);
    }

    [Theory]
    [InlineData(new[] { AbuseCategory.Neglect }, true)]
    [InlineData(new AbuseCategory[0], false)]                                        // considered neglect and ruled it out
    [InlineData(new[] { AbuseCategory.Neglect, AbuseCategory.PhysicalAbuse }, false)] // found both
    public void Where_the_assessment_records_the_harms_it_found_only_an_identified_neglect_risk_asks_about_physical_harm(AbuseCategory[] identified, bool fires)
    {
        var (c, _) = Referred();
        c.Record(new DateTime(2015, 3, 2, 10, 0, 0), c.SocialWorker, new AssessmentCompleted
        {
            Type = AssessmentType.PreBirth, Conclusion = "Considered", Outcome = AssessmentOutcome.ChildInNeedPlan, Considered = ["neglect"], RisksIdentified = identified,
        });

        Assert.Equal(fires, Step(c, new DateTime(2015, 3, 2, 11, 0, 0), "physical-harm") is not null);
    }
}

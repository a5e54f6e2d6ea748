using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Safeguards.Catalogue;

namespace Chronicle.Core.Tests.Safeguards;

public sealed class SomeoneMissingFromTeamTests
{
    private readonly SomeoneMissingFromTeam _safeguard = new();

    private static (TestFamily Family, Agency Drugs, CaseEntry Concern) DrugServiceKnowsMother()
    {
        var f = new TestFamily();
        var drugs = f.Case.Agency("Drug and alcohol service", AgencyKind.SubstanceMisuseService);
        var worker = f.Case.Professional("Drugs worker", ProfessionalRole.SubstanceMisuseWorker, drugs);
        var concern = f.Record(TestFamily.At(1, 10), worker, new AdultConcern { AdultPersonId = f.Mother.Id, Type = AdultConcernType.SubstanceMisuse, Description = "On a methadone script" }, f.Mother);
        return (f, drugs, concern);
    }

    [Fact]
    public void An_agency_working_with_a_parent_but_not_in_the_team_is_flagged_once_an_enquiry_opens()
    {
        var (f, drugs, concern) = DrugServiceKnowsMother();
        f.OpenEnquiry(TestFamily.At(2, 2, 10));

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(2, 2, 9)));
        var finding = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(2, 2, 11)));

        Assert.Equal($"agency:{drugs.Id}", finding.CauseKey);
        Assert.Equal([concern.Id], finding.Evidence);
        Assert.Equal(f.SocialWorker.Id, finding.OwnerProfessionalId);
        Assert.Equal(TestFamily.EndOf(2, 9), finding.DueAt);
        Assert.Contains("Drug and alcohol service", finding.Summary);
    }

    [Fact]
    public void A_plan_counts_as_open_and_a_safety_plan_alone_does_not()
    {
        var (f, _, _) = DrugServiceKnowsMother();
        f.StartPlan(TestFamily.At(2, 2, 10), PlanType.Safety);
        f.StartPlan(TestFamily.At(3, 2, 10), PlanType.ChildInNeed);

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(2, 2, 11)));
        Assert.Single(f.Evaluate(_safeguard, TestFamily.At(3, 2, 11)));
    }

    [Fact]
    public void Adding_the_agency_to_the_team_clears_it()
    {
        var (f, drugs, _) = DrugServiceKnowsMother();
        f.OpenEnquiry(TestFamily.At(2, 2, 10));
        var worker = f.Case.Professional("Another drugs worker", ProfessionalRole.SubstanceMisuseWorker, drugs);
        f.Case.Involve(worker, f.Mother, new DateOnly(2015, 2, 4), "substance misuse key worker");

        Assert.Single(f.Evaluate(_safeguard, TestFamily.At(2, 3, 11)));
        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(2, 4, 11)));
    }

    [Fact]
    public void A_decision_on_why_not_clears_it()
    {
        var (f, drugs, _) = DrugServiceKnowsMother();
        f.OpenEnquiry(TestFamily.At(2, 2, 10));
        f.Decide(TestFamily.At(2, 3, 10), f.SocialWorker, DecisionTopic.TeamMembership, aboutAgency: drugs.Id);

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(2, 3, 11)));
    }

    [Fact]
    public void An_agency_whose_involvement_ended_is_not_missing_for_what_it_recorded_while_involved()
    {
        var f = new TestFamily();
        var midwifery = f.Case.Agency("Midwifery", AgencyKind.Midwifery);
        var midwife = f.Case.Professional("Midwife", ProfessionalRole.Midwife, midwifery);
        f.Case.Involve(midwife, f.Mother, new DateOnly(2014, 7, 1), "community midwife", to: new DateOnly(2015, 2, 1));
        f.Record(TestFamily.At(1, 19), midwife, new Birth { ChildPersonId = f.Child.Id, BornOn = TestFamily.Born });
        f.OpenEnquiry(TestFamily.At(2, 2, 10));

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(2, 2, 11)));

        f.Record(TestFamily.At(2, 3), midwife, new Observation { Topic = ObservationTopic.Other, Text = "Seen at a drop-in" }, f.Mother);
        Assert.Single(f.Evaluate(_safeguard, TestFamily.At(2, 3, 11)));
    }

    [Fact]
    public void The_agencys_own_team_membership_decision_explains_it()
    {
        var (f, drugs, _) = DrugServiceKnowsMother();
        var worker = f.Case.Professional("Drugs team leader", ProfessionalRole.SubstanceMisuseWorker, drugs);
        f.OpenEnquiry(TestFamily.At(2, 2, 10));
        f.Decide(TestFamily.At(2, 3, 10), worker, DecisionTopic.TeamMembership, aboutPerson: f.Mother.Id);

        Assert.Single(f.Evaluate(_safeguard, TestFamily.At(2, 3, 9)));
        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(2, 3, 11)));
    }

    [Fact]
    public void Someone_recording_about_a_relative_outside_the_household_is_not_expected()
    {
        var f = new TestFamily();
        var grandmother = f.Case.Adult("Grandmother", livesHere: false);
        var housing = f.Case.Agency("Housing", AgencyKind.Housing);
        var officer = f.Case.Professional("Housing officer", ProfessionalRole.HousingOfficer, housing);
        f.Record(TestFamily.At(1, 10), officer, new Observation { Topic = ObservationTopic.Other, Text = "Rent arrears" }, grandmother);
        f.OpenEnquiry(TestFamily.At(2, 2, 10));

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(2, 2, 11)));
    }

    [Fact]
    public void A_conference_chair_is_not_someone_missing_from_the_team()
    {
        var f = new TestFamily();
        var reviewing = f.Case.Agency("Safeguarding and reviewing unit", AgencyKind.Other);
        var chair = f.Case.Professional("Chair", ProfessionalRole.ConferenceChair, reviewing);
        f.OpenEnquiry(TestFamily.At(2, 2, 10));
        f.Record(TestFamily.At(2, 20), chair, new MeetingHeld { Type = MeetingType.InitialChildProtectionConference, Decision = ConferenceDecision.ChildProtectionPlan });

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(2, 21)));
    }

    [Fact]
    public void The_cause_key_is_stable_across_evaluations()
    {
        var (f, _, _) = DrugServiceKnowsMother();
        f.OpenEnquiry(TestFamily.At(2, 2, 10));

        Assert.Equal(
            Assert.Single(f.Evaluate(_safeguard, TestFamily.At(2, 2, 11))).CauseKey,
            Assert.Single(f.Evaluate(_safeguard, TestFamily.At(2, 20, 11))).CauseKey);
    }
}

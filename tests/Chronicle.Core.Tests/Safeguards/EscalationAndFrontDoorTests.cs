using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Safeguards.Catalogue;

namespace Chronicle.Core.Tests.Safeguards;

/// <summary>SG-29, SG-30 and SG-31: escalations answered, the front door's record, and step-downs after an injury or domestic abuse around a baby.</summary>
public sealed class EscalationAndFrontDoorTests
{
    private static CaseEntry Escalate(TestFamily f, DateTime at) =>
        f.Record(at, f.HealthVisitor, new DecisionRecorded { Topic = DecisionTopic.Escalation, Decision = "Escalate the step-down", Rationale = "Domestic abuse witnessed" });

    // SG-29

    [Theory]
    [InlineData(2, 9, false)]  // Monday 2 February + 5 working days: due the end of Monday 9 February
    [InlineData(2, 10, true)]
    public void An_escalation_with_no_response_past_the_setting_is_flagged(int month, int day, bool fires)
    {
        var f = new TestFamily();
        var escalation = Escalate(f, TestFamily.At(2, 2, 10));

        var found = f.Evaluate(new EscalationNotAnswered(), TestFamily.At(month, day, 12));

        Assert.Equal(fires, found.Count == 1);
        if (fires) Assert.Equal($"escalation:{escalation.Id}", found[0].CauseKey);
    }

    [Fact]
    public void A_response_naming_the_escalation_answers_it()
    {
        var f = new TestFamily();
        var escalation = Escalate(f, TestFamily.At(2, 2, 10));
        f.Record(TestFamily.At(2, 12, 10), f.Manager, new DecisionRecorded { Topic = DecisionTopic.EscalationResponse, Decision = "Upheld", Rationale = "Assessment allocated", RespondsToEntryIds = [escalation.Id] });

        Assert.Single(f.Evaluate(new EscalationNotAnswered(), TestFamily.At(2, 11, 12)));
        Assert.Empty(f.Evaluate(new EscalationNotAnswered(), TestFamily.At(2, 12, 12)));
    }

    [Fact]
    public void A_response_to_another_escalation_does_not_answer_this_one()
    {
        var f = new TestFamily();
        Escalate(f, TestFamily.At(2, 2, 10));
        var other = Escalate(f, TestFamily.At(2, 3, 10));
        f.Record(TestFamily.At(2, 4, 10), f.Manager, new DecisionRecorded { Topic = DecisionTopic.EscalationResponse, Decision = "Upheld", Rationale = "Reviewed", RespondsToEntryIds = [other.Id] });

        Assert.Single(f.Evaluate(new EscalationNotAnswered(), TestFamily.At(2, 12, 12)));
    }

    [Fact]
    public void Escalating_again_about_an_escalation_does_not_answer_it()
    {
        var f = new TestFamily();
        var escalation = Escalate(f, TestFamily.At(2, 2, 10));
        f.Record(TestFamily.At(2, 4, 10), f.HealthVisitor, new DecisionRecorded { Topic = DecisionTopic.Escalation, Decision = "Escalate to the head of service", Rationale = "No response", AboutEntryId = escalation.Id });

        Assert.Contains(f.Evaluate(new EscalationNotAnswered(), TestFamily.At(2, 10, 12)), x => x.CauseKey == $"escalation:{escalation.Id}");
    }

    // SG-30

    private static CaseEntry ShareWithFrontDoor(TestFamily f, DateTime at)
    {
        var bruise = f.Record(at.AddMinutes(-30), f.HealthVisitor, new InjuryObserved { Type = InjuryType.Bruise, Site = "hand", Description = "Bruise" });
        return f.Share(at, f.HealthVisitor, bruise, f.DutyWorker);
    }

    [Theory]
    [InlineData(2, 3, false)] // shared Monday 2 February: acknowledge by the end of Tuesday 3 February
    [InlineData(2, 4, true)]
    public void Information_shared_with_the_front_door_and_not_acknowledged_is_flagged(int month, int day, bool fires)
    {
        var f = new TestFamily();
        var share = ShareWithFrontDoor(f, TestFamily.At(2, 2, 14));

        var found = f.Evaluate(new FrontDoorInformationNotAcknowledged(), TestFamily.At(month, day, 0, 1));

        Assert.Equal(fires, found.Count == 1);
        if (fires) Assert.Equal($"front-door-share:{share.Id}", found[0].CauseKey);
    }

    [Fact]
    public void An_acknowledgement_by_the_front_door_answers_it()
    {
        var f = new TestFamily();
        var share = ShareWithFrontDoor(f, TestFamily.At(2, 2, 14));
        f.Acknowledge(TestFamily.At(2, 2, 15), f.DutyWorker, share);

        Assert.Empty(f.Evaluate(new FrontDoorInformationNotAcknowledged(), TestFamily.At(2, 5, 12)));
    }

    [Theory]
    [InlineData(true, true)]   // children's social care records its decision on what it was told
    [InlineData(false, false)] // the health visitor's own decision is not the front door's record
    public void A_decision_by_the_front_door_on_what_it_was_told_answers_it(bool byFrontDoor, bool answered)
    {
        var f = new TestFamily();
        var share = ShareWithFrontDoor(f, TestFamily.At(2, 2, 14));
        f.Decide(TestFamily.At(2, 2, 16), byFrontDoor ? f.DutyWorker : f.HealthVisitor, DecisionTopic.Other, aboutEntry: share.Id);

        Assert.Equal(answered, f.Evaluate(new FrontDoorInformationNotAcknowledged(), TestFamily.At(2, 5, 12)).Count == 0);
    }

    [Theory]
    [InlineData(true, true)]   // the decision names the share it decides on
    [InlineData(false, false)] // one naming no contact is not the front door's record of this share
    public void A_contact_decision_naming_what_was_shared_answers_it(bool namesShare, bool answered)
    {
        var f = new TestFamily();
        var share = ShareWithFrontDoor(f, TestFamily.At(2, 2, 14));
        f.Record(TestFamily.At(2, 2, 16), f.DutyWorker, new ContactDecision
        {
            Decision = ContactOutcome.ChildAndFamilyAssessment, Rationale = "Bruise on a baby", ContactEntryId = namesShare ? share.Id : null,
        });

        Assert.Equal(answered, f.Evaluate(new FrontDoorInformationNotAcknowledged(), TestFamily.At(2, 5, 12)).Count == 0);
    }

    [Fact]
    public void Once_an_enquiry_is_open_the_share_is_the_team_s_and_not_the_front_door_s()
    {
        var f = new TestFamily();
        f.OpenEnquiry(TestFamily.At(2, 2, 9));
        ShareWithFrontDoor(f, TestFamily.At(2, 2, 14));

        Assert.Empty(f.Evaluate(new FrontDoorInformationNotAcknowledged(), TestFamily.At(2, 5, 12)));
    }

    // SG-31

    private static CaseEntry StepDown(TestFamily f, DateTime at) =>
        f.Record(at, f.DutyWorker, new ContactDecision { Decision = ContactOutcome.EarlyHelp, Rationale = "Mother denies" });

    private static CaseEntry DomesticAbuse(TestFamily f, DateTime at) =>
        f.Record(at, f.HealthVisitor, new PoliceIncident { Type = IncidentType.DomesticAbuse, Description = "Father pushed mother holding the baby", ChildrenPresent = true }, f.Mother, f.Father);

    [Theory]
    [InlineData(1, 2, false)] // 30 days before 08:00 on 2 February is 08:00 on 3 January: 2 January is outside the look-back
    [InlineData(1, 3, true)]
    public void A_step_down_after_an_injury_within_the_look_back_asks_for_a_strategy_discussion(int month, int day, bool fires)
    {
        var f = new TestFamily(born: new DateOnly(2014, 1, 2));
        f.Record(TestFamily.At(month, day, 8), f.HealthVisitor, new InjuryObserved { Type = InjuryType.Bruise, Site = "arm", Description = "Bruise", ChildMobility = Mobility.IndependentlyMobile });
        var decision = StepDown(f, TestFamily.At(2, 2, 8));

        var found = f.Evaluate(new SteppedDownWithoutStrategyDiscussion(), TestFamily.At(2, 2, 9));

        Assert.Equal(fires, found.Count == 1);
        if (fires) Assert.Equal($"step-down:{decision.Id}", found[0].CauseKey);
    }

    [Theory]
    [InlineData(2014, 2, 3, true)]  // 11 months old on 2 February 2015
    [InlineData(2014, 2, 2, false)] // 12 months old
    public void Domestic_abuse_around_a_baby_counts_below_the_age_setting(int year, int month, int day, bool fires)
    {
        var f = new TestFamily(born: new DateOnly(year, month, day));
        DomesticAbuse(f, TestFamily.At(2, 1, 20));
        StepDown(f, TestFamily.At(2, 2, 8));

        Assert.Equal(fires, f.Evaluate(new SteppedDownWithoutStrategyDiscussion(), TestFamily.At(2, 2, 9)).Count == 1);
    }

    [Theory]
    [InlineData(true, true)]   // a referral suspecting exploitation, of a child of any age, taken no further
    [InlineData(false, false)] // the same referral not suspecting it: a teenager's arrest alone asks nothing here
    public void A_step_down_of_a_contact_suspecting_exploitation_asks_for_a_strategy_discussion(bool suspected, bool fires)
    {
        var f = new TestFamily(born: new DateOnly(2000, 3, 1));
        f.Record(TestFamily.At(2, 1, 10), f.PoliceOfficer,
            new ContactReceived { Concerns = "Found far from home with drugs and cash", SuspectedExploitation = suspected }, f.Child);
        StepDown(f, TestFamily.At(2, 2, 8));

        Assert.Equal(fires, f.Evaluate(new SteppedDownWithoutStrategyDiscussion(), TestFamily.At(2, 2, 9)).Count == 1);
    }

    [Fact]
    public void A_strategy_discussion_or_a_recorded_decision_against_one_answers_it()
    {
        var f = new TestFamily();
        DomesticAbuse(f, TestFamily.At(2, 1, 20));
        var decision = StepDown(f, TestFamily.At(2, 2, 8));
        f.Decide(TestFamily.At(2, 2, 10), f.Manager, DecisionTopic.StrategyDiscussion, decision.Id);

        Assert.Single(f.Evaluate(new SteppedDownWithoutStrategyDiscussion(), TestFamily.At(2, 2, 9)));
        Assert.Empty(f.Evaluate(new SteppedDownWithoutStrategyDiscussion(), TestFamily.At(2, 2, 11)));
    }

    [Fact]
    public void A_decision_to_hold_a_strategy_discussion_is_not_a_step_down()
    {
        var f = new TestFamily();
        DomesticAbuse(f, TestFamily.At(2, 1, 20));
        f.Record(TestFamily.At(2, 2, 8), f.DutyWorker, new ContactDecision { Decision = ContactOutcome.StrategyDiscussion, Rationale = "Domestic abuse around a newborn" });

        Assert.Empty(f.Evaluate(new SteppedDownWithoutStrategyDiscussion(), TestFamily.At(2, 2, 9)));
    }

    [Theory]
    [InlineData(true, false)]  // children's social care, whose decision was challenged, records its decision on the escalation
    [InlineData(false, true)]  // another agency escalating too is not a response
    public void A_decision_on_the_escalation_by_the_agency_it_challenges_answers_it(bool byChallengedAgency, bool fires)
    {
        var f = new TestFamily();
        var contact = f.Record(TestFamily.At(1, 26, 10), f.HealthVisitor, new ContactReceived { Concerns = "Domestic abuse witnessed" });
        f.Record(TestFamily.At(1, 26, 12), f.DutyWorker, new ContactDecision { ContactEntryId = contact.Id, Decision = ContactOutcome.EarlyHelp, Rationale = "Mother denies" });
        f.Record(TestFamily.At(2, 2, 10), f.HealthVisitor, new DecisionRecorded { Topic = DecisionTopic.Escalation, Decision = "Escalate the step-down", Rationale = "Domestic abuse witnessed", AboutEntryId = contact.Id });
        f.Record(TestFamily.At(2, 5, 10), byChallengedAgency ? f.Manager : f.PoliceOfficer,
            new DecisionRecorded { Topic = DecisionTopic.Escalation, Decision = byChallengedAgency ? "Escalation upheld: assessment allocated" : "Escalate too", Rationale = "Reviewed", AboutEntryId = contact.Id });

        Assert.Equal(fires, f.Evaluate(new EscalationNotAnswered(), TestFamily.At(2, 12, 12)).Count >= 1);
    }

    [Theory]
    [InlineData(false, true)] // names no entry and no agency: which agency was challenged is not known, so another agency's decision on escalation does not answer it
    [InlineData(true, false)] // names the agency it challenges: that agency's decision on the escalation answers it
    public void An_escalation_naming_no_entry_is_answered_only_by_the_agency_it_names(bool namesAgency, bool fires)
    {
        var f = new TestFamily();
        f.Record(TestFamily.At(2, 2, 10), f.HealthVisitor, new DecisionRecorded
        {
            Topic = DecisionTopic.Escalation, Decision = "Escalate the police decision", Rationale = "Incident not shared",
            AboutAgencyId = namesAgency ? f.Police.Id : null,
        });
        f.Record(TestFamily.At(2, 5, 10), f.PoliceOfficer, new DecisionRecorded { Topic = DecisionTopic.Escalation, Decision = "Escalation upheld: incident shared", Rationale = "Reviewed" });

        Assert.Equal(fires, f.Evaluate(new EscalationNotAnswered(), TestFamily.At(2, 12, 12)).Count == 1);
    }

    [Fact]
    public void An_escalation_naming_no_entry_or_agency_is_not_read_as_challenging_children_s_social_care()
    {
        var f = new TestFamily();
        var escalation = Escalate(f, TestFamily.At(2, 2, 10));
        // Children's social care records a decision on escalation that names nothing: it is not known to answer this one.
        f.Record(TestFamily.At(2, 5, 10), f.Manager, new DecisionRecorded { Topic = DecisionTopic.Escalation, Decision = "Escalation upheld", Rationale = "Reviewed" });

        Assert.Contains(f.Evaluate(new EscalationNotAnswered(), TestFamily.At(2, 12, 12)), x => x.CauseKey == $"escalation:{escalation.Id}");
        // A response that names it still answers it.
        f.Record(TestFamily.At(2, 13, 10), f.Manager, new DecisionRecorded { Topic = DecisionTopic.EscalationResponse, Decision = "Upheld", Rationale = "Assessment allocated", RespondsToEntryIds = [escalation.Id] });
        Assert.DoesNotContain(f.Evaluate(new EscalationNotAnswered(), TestFamily.At(2, 13, 12)), x => x.CauseKey == $"escalation:{escalation.Id}");
    }
}

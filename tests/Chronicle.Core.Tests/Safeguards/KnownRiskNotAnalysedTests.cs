using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Safeguards.Catalogue;

namespace Chronicle.Core.Tests.Safeguards;

public sealed class KnownRiskNotAnalysedTests
{
    private readonly KnownRiskNotAnalysed _safeguard = new();

    private static CaseEntry DomesticAbuse(TestFamily f, DateTime at) =>
        f.Record(at, f.PoliceOfficer, new PoliceIncident { Type = IncidentType.DomesticAbuse, Description = "Argument; father pushed mother" }, f.Mother, f.Father);

    private static CaseEntry Complete(TestFamily f, DateTime at, AssessmentType type = AssessmentType.Section47, params Guid[] risks) =>
        f.Record(at, f.SocialWorker, new AssessmentCompleted { Type = type, Conclusion = "No further action", Outcome = AssessmentOutcome.NoFurtherAction, RisksAddressed = risks, RisksAnalysed = risks });

    [Fact]
    public void An_assessment_that_leaves_out_a_known_domestic_abuse_incident_is_flagged()
    {
        var f = new TestFamily();
        var incident = DomesticAbuse(f, TestFamily.At(6, 10, year: 2014));
        var assessment = Complete(f, TestFamily.At(2, 2, 15));

        var finding = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(2, 2, 16)));

        Assert.Equal($"risk:{incident.Id}", finding.CauseKey);
        Assert.Equal([incident.Id, assessment.Id], finding.Evidence);
        Assert.Equal(f.SocialWorker.Id, finding.OwnerProfessionalId);
        Assert.Equal(TestFamily.EndOf(2, 9), finding.DueAt);
    }

    [Fact]
    public void An_assessment_that_references_the_indicator_is_not_flagged()
    {
        var f = new TestFamily();
        var incident = DomesticAbuse(f, TestFamily.At(6, 10, year: 2014));
        Complete(f, TestFamily.At(2, 2, 15), risks: incident.Id);

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(2, 2, 16)));
    }

    [Theory]
    [InlineData(2, true)]  // exactly five years before
    [InlineData(1, false)] // five years and a day before
    public void The_look_back_is_five_years(int day, bool fires)
    {
        var f = new TestFamily();
        DomesticAbuse(f, new DateTime(2010, 2, day, 15, 0, 0));
        Complete(f, TestFamily.At(2, 2, 15));

        Assert.Equal(fires, f.Evaluate(_safeguard, TestFamily.At(2, 2, 16)).Count == 1);
    }

    [Fact]
    public void An_indicator_recorded_after_the_assessment_was_not_held_when_it_was_completed()
    {
        var f = new TestFamily();
        f.Case.Record(CaseFileBuilderAt(6, 10, 2014), CaseFileBuilderAt(2, 5, 2015), f.PoliceOfficer,
            new PoliceIncident { Type = IncidentType.DomesticAbuse, Description = "Reported late" }, f.Mother);
        Complete(f, TestFamily.At(2, 2, 15));

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(2, 6)));
    }

    [Fact]
    public void Substance_misuse_mental_health_and_an_older_childs_injury_are_indicators()
    {
        var f = new TestFamily();
        var sibling = f.Case.Child("Older sibling", new DateOnly(2013, 6, 1));
        f.Case.Relate(f.Mother, RelationshipKind.Mother, sibling);
        var drugs = f.Record(TestFamily.At(3, 1, year: 2014), f.Doctor, new AdultConcern { AdultPersonId = f.Mother.Id, Type = AdultConcernType.SubstanceMisuse, Description = "Methadone script" }, f.Mother);
        var crisis = f.Record(TestFamily.At(4, 1, year: 2014), f.Doctor, new AdultConcern { AdultPersonId = f.Father.Id, Type = AdultConcernType.MentalHealth, Description = "Crisis team" }, f.Father);
        var blackEye = f.Record(TestFamily.At(10, 1, year: 2014), f.HealthVisitor, new InjuryObserved { Type = InjuryType.Bruise, Site = "eye", Description = "Black eye" }, sibling);
        var offending = f.Record(TestFamily.At(10, 2, year: 2014), f.Doctor, new AdultConcern { AdultPersonId = f.Father.Id, Type = AdultConcernType.Offending, Description = "Assault on a former partner" }, f.Father);
        f.Record(TestFamily.At(10, 3, year: 2014), f.Doctor, new AdultConcern { AdultPersonId = f.Father.Id, Type = AdultConcernType.Imprisonment, Description = "Remanded" }, f.Father);
        var other = f.Record(TestFamily.At(10, 4, year: 2014), f.Doctor, new AdultConcern { AdultPersonId = f.Father.Id, Type = AdultConcernType.Other, Description = "Care leaver; several adverse childhood experiences" }, f.Father);
        var assessment = Complete(f, TestFamily.At(2, 2, 15));

        var found = f.Evaluate(_safeguard, TestFamily.At(2, 2, 16));

        // Information about a parent of any kind that bears on risk is an indicator; where they are (in prison) is not.
        Assert.Equal([$"risk:{drugs.Id}", $"risk:{crisis.Id}", $"risk:{blackEye.Id}", $"risk:{offending.Id}", $"risk:{other.Id}"], found.Select(x => x.CauseKey).ToArray());
        Assert.All(found, x => Assert.Equal(assessment.Id, x.Evidence[1]));
    }

    [Fact]
    public void A_previous_protection_plan_for_a_sibling_is_an_indicator()
    {
        var f = new TestFamily();
        var sibling = f.Case.Child("Older sibling", new DateOnly(2013, 6, 1));
        var plan = f.Record(TestFamily.At(9, 1, year: 2013), f.SocialWorker, new PlanStarted { Type = PlanType.ChildProtection, Category = AbuseCategory.Neglect }, sibling);
        Complete(f, TestFamily.At(2, 2, 15));

        Assert.Contains(plan.Id, Assert.Single(f.Evaluate(_safeguard, TestFamily.At(2, 2, 16))).Evidence);
    }

    [Fact]
    public void A_decision_on_why_an_indicator_is_not_relevant_clears_it()
    {
        var f = new TestFamily();
        var incident = DomesticAbuse(f, TestFamily.At(6, 10, year: 2014));
        Complete(f, TestFamily.At(2, 2, 15));
        f.Decide(TestFamily.At(2, 3, 10), f.SocialWorker, DecisionTopic.Other, incident.Id);

        Assert.Single(f.Evaluate(_safeguard, TestFamily.At(2, 3, 9)));
        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(2, 3, 11)));
    }

    [Fact]
    public void Correcting_the_assessment_to_address_the_indicator_clears_it()
    {
        var f = new TestFamily();
        var incident = DomesticAbuse(f, TestFamily.At(6, 10, year: 2014));
        var assessment = Complete(f, TestFamily.At(2, 2, 15));
        f.Case.Correct(assessment, TestFamily.At(2, 4, 10), f.SocialWorker,
            new AssessmentCompleted { Type = AssessmentType.Section47, Conclusion = "Risk from father analysed", Outcome = AssessmentOutcome.StrategyDiscussion, RisksAddressed = [incident.Id] },
            "The analysis left out the domestic abuse");

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(2, 4, 11)));
    }

    [Theory]
    [InlineData(AssessmentType.HealthNeeds, true)]
    [InlineData(AssessmentType.Antenatal, true)]
    [InlineData(AssessmentType.NewBirth, true)]
    [InlineData(AssessmentType.Parenting, false)]
    [InlineData(AssessmentType.Psychological, false)]
    public void Health_assessments_judge_risk_too_and_specialist_assessments_answer_narrower_questions(AssessmentType type, bool fires)
    {
        var f = new TestFamily();
        DomesticAbuse(f, TestFamily.At(6, 10, year: 2014));
        Complete(f, TestFamily.At(2, 2, 15), type);

        Assert.Equal(fires, f.Evaluate(_safeguard, TestFamily.At(2, 2, 16)).Count == 1);
    }

    [Fact]
    public void The_cause_key_is_stable_across_evaluations()
    {
        var f = new TestFamily();
        DomesticAbuse(f, TestFamily.At(6, 10, year: 2014));
        Complete(f, TestFamily.At(2, 2, 15));

        Assert.Equal(
            Assert.Single(f.Evaluate(_safeguard, TestFamily.At(2, 2, 16))).CauseKey,
            Assert.Single(f.Evaluate(_safeguard, TestFamily.At(5, 2, 16))).CauseKey);
    }

    private static DateTimeOffset CaseFileBuilderAt(int month, int day, int year) => Chronicle.Testing.CaseFileBuilder.At(TestFamily.At(month, day, year: year));

    // Every point where risk is judged; history of any kind; mention is not analysis.

    private static CaseEntry History(TestFamily f, DateTime at, params ParentHistoryFact[] facts) =>
        f.Record(at, f.SocialWorker, new ParentHistory { AdultPersonId = f.Father.Id, Facts = facts, Description = "Older child injured as a baby; finding of fact" }, f.Father);

    [Fact]
    public void A_parents_history_of_harm_to_another_child_is_an_indicator_however_long_ago()
    {
        var f = new TestFamily();
        var history = History(f, TestFamily.At(6, 1, year: 2005), ParentHistoryFact.HarmToAChild, ParentHistoryFact.FindingOfFact);
        Complete(f, TestFamily.At(2, 2, 15));

        Assert.Contains(history.Id, Assert.Single(f.Evaluate(_safeguard, TestFamily.At(2, 2, 16))).Evidence);
    }

    [Fact]
    public void Care_experience_mentioned_but_not_analysed_is_flagged()
    {
        var f = new TestFamily();
        var history = History(f, TestFamily.At(6, 1, year: 2014), ParentHistoryFact.CareExperience, ParentHistoryFact.AdverseChildhoodExperiences);
        f.Record(TestFamily.At(2, 2, 15), f.HealthVisitor, new AssessmentCompleted
        {
            Type = AssessmentType.HealthNeeds, Conclusion = "Noted", Outcome = AssessmentOutcome.Other, RisksAddressed = [history.Id], RisksAnalysed = [],
        });

        Assert.Single(f.Evaluate(_safeguard, TestFamily.At(2, 2, 16)));
    }

    [Fact]
    public void Care_experience_analysed_is_not_flagged()
    {
        var f = new TestFamily();
        var history = History(f, TestFamily.At(6, 1, year: 2014), ParentHistoryFact.CareExperience);
        f.Record(TestFamily.At(2, 2, 15), f.HealthVisitor, new AssessmentCompleted
        {
            Type = AssessmentType.HealthNeeds, Conclusion = "Impact on parenting analysed", Outcome = AssessmentOutcome.Other, RisksAddressed = [history.Id], RisksAnalysed = [history.Id],
        });

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(2, 2, 16)));
    }

    [Fact]
    public void An_older_assessment_that_did_not_record_its_analysis_is_read_by_what_it_references()
    {
        var f = new TestFamily();
        var incident = DomesticAbuse(f, TestFamily.At(6, 10, year: 2014));
        Complete(f, TestFamily.At(2, 2, 15), AssessmentType.Section47, incident.Id);

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(2, 2, 16)));
    }

    [Theory]
    [InlineData(ContactOutcome.EarlyHelp, true)]
    [InlineData(ContactOutcome.NoFurtherAction, true)]
    [InlineData(ContactOutcome.ChildAndFamilyAssessment, false)]
    [InlineData(ContactOutcome.StrategyDiscussion, false)]
    public void A_decision_to_take_a_contact_no_further_must_weigh_what_is_known(ContactOutcome outcome, bool fires)
    {
        var f = new TestFamily();
        DomesticAbuse(f, TestFamily.At(6, 10, year: 2014));
        var decision = f.Record(TestFamily.At(2, 2, 15), f.DutyWorker, new ContactDecision { Decision = outcome, Rationale = "Mother denies", RisksAnalysed = [] });

        var found = f.Evaluate(_safeguard, TestFamily.At(2, 2, 16));

        Assert.Equal(fires, found.Count == 1);
        if (fires)
        {
            Assert.Equal(decision.Id, found[0].Evidence[1]);
            Assert.False(found[0].Reminder);
        }
    }

    [Theory]
    [InlineData(ContactOutcome.EarlyHelp, true)]
    [InlineData(ContactOutcome.NoFurtherAction, true)]
    [InlineData(ContactOutcome.ChildAndFamilyAssessment, false)]
    public void A_step_down_that_does_not_record_what_it_weighed_is_reminded_to_record_it_and_raises_an_alert_only_once_that_is_late(ContactOutcome outcome, bool reminded)
    {
        var f = new TestFamily();
        var incident = DomesticAbuse(f, TestFamily.At(6, 10, year: 2014));
        var decision = f.Record(TestFamily.At(2, 2, 15), f.DutyWorker, new ContactDecision { Decision = outcome, Rationale = "Mother denies" });

        // Monday 2 February + 5 working days: asked by the end of Monday 9 February.
        var found = f.Evaluate(_safeguard, TestFamily.At(2, 9, 23));
        var late = f.Evaluate(_safeguard, TestFamily.At(2, 10, 0, 1));

        Assert.Equal(reminded, found.Count == 1);
        Assert.All(found, x => Assert.True(x.Reminder));
        Assert.Equal(reminded, late.Count == 1);
        if (!reminded) return;
        Assert.Equal([incident.Id, decision.Id], found[0].Evidence);
        Assert.False(late[0].Reminder);
        Assert.Equal($"risk:{incident.Id}", late[0].CauseKey);
        Assert.Equal([incident.Id, decision.Id], late[0].Evidence);
        Assert.Equal(TestFamily.EndOf(2, 9), late[0].DueAt);
        Assert.Contains("still does not record which risks it weighed", late[0].Summary);
    }

    [Fact]
    public void A_step_down_that_records_what_it_weighed_within_its_time_raises_no_alert()
    {
        var f = new TestFamily();
        var incident = DomesticAbuse(f, TestFamily.At(6, 10, year: 2014));
        var decision = f.Record(TestFamily.At(2, 2, 15), f.DutyWorker, new ContactDecision { Decision = ContactOutcome.EarlyHelp, Rationale = "Mother denies" });
        f.Case.Correct(decision, TestFamily.At(2, 6, 10), f.DutyWorker,
            new ContactDecision { Decision = ContactOutcome.EarlyHelp, Rationale = "Mother denies; the incident weighed", RisksAnalysed = [incident.Id] }, "What the decision weighed");

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(2, 20)));
    }

    [Fact]
    public void Once_a_judgement_has_analysed_the_indicator_a_later_step_down_that_does_not_say_is_not_asked_again()
    {
        var f = new TestFamily();
        var incident = DomesticAbuse(f, TestFamily.At(6, 10, year: 2014));
        Complete(f, TestFamily.At(1, 12, 15), AssessmentType.ChildAndFamily, incident.Id);
        f.Record(TestFamily.At(2, 2, 15), f.DutyWorker, new ContactDecision { Decision = ContactOutcome.NoFurtherAction, Rationale = "Closed" });

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(2, 3)));
        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(2, 20)));
    }

    [Fact]
    public void A_later_step_down_that_does_not_record_what_it_weighed_leaves_an_earlier_known_miss_an_alert()
    {
        var f = new TestFamily();
        DomesticAbuse(f, TestFamily.At(6, 10, year: 2014));
        var known = StepDown(f, TestFamily.At(1, 12, 15));
        StepDown(f, TestFamily.At(2, 2, 15), null);

        var finding = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(2, 3)));
        Assert.False(finding.Reminder);
        Assert.Equal(known.Id, finding.Evidence[1]);
    }

    [Fact]
    public void A_decision_that_records_it_weighed_the_indicator_is_not_flagged()
    {
        var f = new TestFamily();
        var incident = DomesticAbuse(f, TestFamily.At(6, 10, year: 2014));
        f.Record(TestFamily.At(2, 2, 15), f.DutyWorker, new ContactDecision { Decision = ContactOutcome.EarlyHelp, Rationale = "Weighed", RisksAnalysed = [incident.Id] });

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(2, 2, 16)));
    }

    // One alert per child per unanalysed risk; a judgement that says nothing about risk is not read as analysing nothing.

    private static CaseEntry StepDown(TestFamily f, DateTime at, params Guid[]? analysed) =>
        f.Record(at, f.DutyWorker, new ContactDecision { Decision = ContactOutcome.NoFurtherAction, Rationale = "Mother denies", RisksAnalysed = analysed });

    [Fact]
    public void Decisions_that_pass_the_same_indicator_by_raise_one_finding_naming_the_latest()
    {
        var f = new TestFamily();
        var incident = DomesticAbuse(f, TestFamily.At(6, 10, year: 2014));
        var first = StepDown(f, TestFamily.At(1, 12, 15));
        var second = StepDown(f, TestFamily.At(2, 2, 15));

        var atFirst = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(1, 13)));
        var finding = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(2, 3)));

        Assert.Equal(atFirst.CauseKey, finding.CauseKey);
        Assert.Equal($"risk:{incident.Id}", finding.CauseKey);
        Assert.Equal([incident.Id, first.Id], atFirst.Evidence);
        Assert.Equal([incident.Id, second.Id, first.Id], finding.Evidence);
        Assert.Equal(f.DutyWorker.Id, finding.OwnerProfessionalId);
        Assert.Contains("1 earlier judgement did not analyse it", finding.Summary);
        Assert.Equal(atFirst.DueAt, finding.DueAt);
    }

    [Fact]
    public void Each_unanalysed_indicator_is_its_own_finding()
    {
        var f = new TestFamily();
        var incident = DomesticAbuse(f, TestFamily.At(6, 10, year: 2014));
        var crisis = f.Record(TestFamily.At(7, 1, year: 2014), f.Doctor, new AdultConcern { AdultPersonId = f.Father.Id, Type = AdultConcernType.MentalHealth, Description = "Crisis team" }, f.Father);
        StepDown(f, TestFamily.At(2, 2, 15), incident.Id);

        Assert.Equal($"risk:{crisis.Id}", Assert.Single(f.Evaluate(_safeguard, TestFamily.At(2, 3))).CauseKey);
    }

    [Theory]
    [InlineData(true, false)]  // a later decision analyses it
    [InlineData(false, true)]  // a later decision passes it by too
    public void A_later_judgement_that_analyses_the_indicator_clears_it(bool laterAnalyses, bool fires)
    {
        var f = new TestFamily();
        var incident = DomesticAbuse(f, TestFamily.At(6, 10, year: 2014));
        StepDown(f, TestFamily.At(1, 12, 15));
        StepDown(f, TestFamily.At(2, 2, 15), laterAnalyses ? [incident.Id] : []);

        Assert.Equal(fires, f.Evaluate(_safeguard, TestFamily.At(2, 3)).Count(x => !x.Reminder) == 1);
    }

    [Fact]
    public void After_a_decision_on_the_indicator_a_later_decision_that_passes_it_by_is_found_again()
    {
        var f = new TestFamily();
        var incident = DomesticAbuse(f, TestFamily.At(6, 10, year: 2014));
        StepDown(f, TestFamily.At(1, 12, 15));
        f.Decide(TestFamily.At(1, 14, 10), f.SocialWorker, DecisionTopic.Other, incident.Id);
        var later = StepDown(f, TestFamily.At(2, 2, 15));

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(1, 15)));
        var finding = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(2, 3)));
        Assert.Equal([incident.Id, later.Id], finding.Evidence);
    }

    [Theory]
    [InlineData(AssessmentOutcome.NoFurtherAction, true)]
    [InlineData(AssessmentOutcome.EarlyHelp, true)]
    [InlineData(AssessmentOutcome.ChildInNeedPlan, false)]
    [InlineData(AssessmentOutcome.InitialChildProtectionConference, false)]
    public void An_assessment_that_records_nothing_about_risk_is_asked_to_record_it_only_when_it_steps_down_and_never_read_as_analysing_nothing(AssessmentOutcome outcome, bool reminded)
    {
        var f = new TestFamily();
        DomesticAbuse(f, TestFamily.At(6, 10, year: 2014));
        f.Record(TestFamily.At(2, 2, 15), f.SocialWorker, new AssessmentCompleted { Type = AssessmentType.ChildAndFamily, Conclusion = "Concluded", Outcome = outcome });

        var found = f.Evaluate(_safeguard, TestFamily.At(2, 9, 23));
        Assert.Equal(reminded, found.Count == 1);
        Assert.All(found, x => Assert.True(x.Reminder));
        // Still not recorded when it was due: then it is an alert.
        Assert.Equal(reminded, f.Evaluate(_safeguard, TestFamily.At(2, 20)).Count(x => !x.Reminder) == 1);
    }

    [Fact]
    public void An_assessment_that_records_its_analysis_is_judged_whatever_its_outcome()
    {
        var f = new TestFamily();
        DomesticAbuse(f, TestFamily.At(6, 10, year: 2014));
        f.Record(TestFamily.At(2, 2, 15), f.SocialWorker, new AssessmentCompleted { Type = AssessmentType.ChildAndFamily, Conclusion = "Plan", Outcome = AssessmentOutcome.ChildInNeedPlan, RisksAnalysed = [] });

        Assert.Single(f.Evaluate(_safeguard, TestFamily.At(2, 3)));
    }

    [Theory]
    [InlineData(1, 30, true)]   // recorded before the decision was taken
    [InlineData(2, 3, false)]   // about an earlier day, but recorded after the decision
    public void A_step_down_that_records_nothing_is_judged_only_against_indicators_on_record_when_it_was_taken(int month, int day, bool fires)
    {
        var f = new TestFamily();
        f.Case.Record(CaseFileBuilderAt(6, 10, 2014), CaseFileBuilderAt(month, day, 2015), f.PoliceOfficer,
            new PoliceIncident { Type = IncidentType.DomesticAbuse, Description = "Argument" }, f.Mother);
        StepDown(f, TestFamily.At(2, 2, 15), null);

        var found = f.Evaluate(_safeguard, TestFamily.At(2, 4));
        Assert.Equal(fires, found.Count == 1);
        Assert.All(found, x => Assert.True(x.Reminder));
    }

    // What an assessment considered says what it weighed; every point where risk is judged.

    [Theory]
    [InlineData(new[] { "young parents", "support network", "housing" }, true)]
    [InlineData(new[] { "housing", "parental mental health" }, false)]
    [InlineData(new[] { "cumulative-harm" }, false)]
    [InlineData(new string[0], false)]
    [InlineData(new[] { "housing", "caring for premature twins" }, false)] // wording recognised as neither a risk nor a need: unknown, not "no risk weighed"
    [InlineData(new[] { "baby's sleep and feeding routines", "finances" }, true)]
    public void An_assessment_whose_considered_topics_name_no_risk_mentioned_what_it_references_and_did_not_analyse_it(string[] considered, bool fires)
    {
        var f = new TestFamily();
        var history = f.Record(TestFamily.At(6, 1, year: 2014), f.SocialWorker, new AdultConcern { AdultPersonId = f.Father.Id, Type = AdultConcernType.Other, Description = "Care leaver" }, f.Father);
        f.Record(TestFamily.At(2, 2, 15), f.HealthVisitor, new AssessmentCompleted
        {
            Type = AssessmentType.HealthNeeds, Conclusion = "Noted", Outcome = AssessmentOutcome.Other, RisksAddressed = [history.Id], Considered = considered,
        });

        var found = f.Evaluate(_safeguard, TestFamily.At(2, 2, 16));

        Assert.Equal(fires, found.Count == 1);
        if (fires) Assert.Equal($"risk:{history.Id}", found[0].CauseKey);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void A_strategy_discussion_that_records_what_it_weighed_is_judged_by_it(bool weighed, bool fires)
    {
        var f = new TestFamily();
        var incident = DomesticAbuse(f, TestFamily.At(6, 10, year: 2014));
        var discussion = f.Record(TestFamily.At(2, 2, 15), f.SocialWorker, new StrategyDiscussion
        {
            Decision = StrategyOutcome.Section47Enquiry, RisksAnalysed = weighed ? [incident.Id] : [],
        }, f.Child);

        var found = f.Evaluate(_safeguard, TestFamily.At(2, 2, 16));

        Assert.Equal(fires, found.Count == 1);
        if (fires) Assert.Contains("strategy discussion", found[0].Summary);
        if (fires) Assert.Equal(discussion.Id, found[0].Evidence[1]);
    }

    [Theory]
    [InlineData(StrategyOutcome.NoFurtherAction, true)]
    [InlineData(StrategyOutcome.Section47Enquiry, false)]
    public void A_strategy_discussion_that_ends_the_work_without_saying_what_it_weighed_is_reminded_and_then_late(StrategyOutcome outcome, bool asked)
    {
        var f = new TestFamily();
        DomesticAbuse(f, TestFamily.At(6, 10, year: 2014));
        f.Record(TestFamily.At(2, 2, 15), f.SocialWorker, new StrategyDiscussion { Decision = outcome }, f.Child);

        Assert.Equal(asked, f.Evaluate(_safeguard, TestFamily.At(2, 9, 23)).Count(x => x.Reminder) == 1);
        Assert.DoesNotContain(f.Evaluate(_safeguard, TestFamily.At(2, 9, 23)), x => !x.Reminder);
        Assert.Equal(asked, f.Evaluate(_safeguard, TestFamily.At(2, 10, 0, 1)).Count(x => !x.Reminder) == 1);
    }

    [Theory]
    [InlineData(MeetingType.InitialChildProtectionConference, true)]
    [InlineData(MeetingType.CoreGroup, true)]
    [InlineData(MeetingType.ChildInNeedReview, true)]
    [InlineData(MeetingType.ProfessionalsMeeting, false)]
    public void A_conference_or_plan_meeting_that_leaves_out_an_indicator_it_records_weighing_is_flagged(MeetingType type, bool fires)
    {
        var f = new TestFamily();
        DomesticAbuse(f, TestFamily.At(6, 10, year: 2014));
        f.Record(TestFamily.At(2, 2, 15), f.SocialWorker, new MeetingHeld { Type = type, Decision = ConferenceDecision.ChildProtectionPlan, RisksAnalysed = [] }, f.Child);

        Assert.Equal(fires, f.Evaluate(_safeguard, TestFamily.At(2, 2, 16)).Count == 1);
    }

    [Theory]
    [InlineData(ConferenceDecision.PlanEnds, true)]
    [InlineData(ConferenceDecision.NoFurtherAction, true)]
    [InlineData(ConferenceDecision.PlanContinues, false)]
    public void A_conference_that_ends_the_plan_without_saying_what_it_weighed_is_reminded(ConferenceDecision decision, bool asked)
    {
        var f = new TestFamily();
        DomesticAbuse(f, TestFamily.At(6, 10, year: 2014));
        f.Record(TestFamily.At(2, 2, 15), f.SocialWorker, new MeetingHeld { Type = MeetingType.ReviewChildProtectionConference, Decision = decision }, f.Child);

        var found = f.Evaluate(_safeguard, TestFamily.At(2, 3));
        Assert.Equal(asked, found.Count == 1);
        Assert.All(found, x => Assert.True(x.Reminder));
    }

    [Theory]
    [InlineData(true, false, false)]
    [InlineData(false, true, true)]
    [InlineData(false, false, false)] // a plan that does not say what it weighed hands the work on: not judged
    public void A_plan_start_or_review_that_records_what_it_weighed_is_judged_by_it(bool weighed, bool recorded, bool fires)
    {
        var f = new TestFamily();
        var incident = DomesticAbuse(f, TestFamily.At(6, 10, year: 2014));
        var plan = f.Record(TestFamily.At(2, 2, 15), f.SocialWorker, new PlanStarted
        {
            Type = PlanType.ChildInNeed, RisksAnalysed = weighed ? [incident.Id] : recorded ? [] : null,
        }, f.Child);
        f.Record(TestFamily.At(3, 2, 15), f.SocialWorker, new PlanReviewed
        {
            PlanEntryId = plan.Id, RisksAnalysed = weighed ? [incident.Id] : recorded ? [] : null,
        }, f.Child);

        Assert.Equal(fires, f.Evaluate(_safeguard, TestFamily.At(2, 2, 16)).Count(x => !x.Reminder) == 1);
        var atReview = f.Evaluate(_safeguard, TestFamily.At(3, 2, 16)).Where(x => !x.Reminder).ToList();
        Assert.Equal(fires, atReview.Count == 1);
        if (fires) Assert.Contains("1 earlier judgement", atReview[0].Summary);
    }

    [Theory]
    [InlineData(2, 16, false)] // Monday 2 February + 10 working days: the end of Monday 16 February
    [InlineData(2, 17, true)]
    public void An_assessment_open_past_the_setting_is_reminded_of_indicators_nothing_has_analysed_and_raises_no_alert(int month, int day, bool reminded)
    {
        var f = new TestFamily();
        var incident = DomesticAbuse(f, TestFamily.At(6, 10, year: 2014));
        var started = f.Record(TestFamily.At(2, 2, 10), f.SocialWorker, new AssessmentStarted { Type = AssessmentType.EarlyHelp, LeadProfessionalId = f.SocialWorker.Id }, f.Child);

        var found = f.Evaluate(_safeguard, TestFamily.At(month, day, 12));

        Assert.Equal(reminded, found.Count == 1);
        Assert.All(found, x => Assert.True(x.Reminder));
        if (reminded) Assert.Equal([incident.Id, started.Id], found[0].Evidence);
    }

    [Fact]
    public void An_open_assessment_is_not_reminded_of_an_indicator_a_judgement_has_analysed()
    {
        var f = new TestFamily();
        var incident = DomesticAbuse(f, TestFamily.At(6, 10, year: 2014));
        f.Record(TestFamily.At(1, 30, 10), f.DutyWorker, new ContactDecision { Decision = ContactOutcome.EarlyHelp, Rationale = "Weighed", RisksAnalysed = [incident.Id] });
        f.Record(TestFamily.At(2, 2, 10), f.SocialWorker, new AssessmentStarted { Type = AssessmentType.EarlyHelp }, f.Child);

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(3, 2)));
    }

    [Theory]
    [InlineData(false, false)] // the sibling's plan was made in this episode (the same conference): the same work, not history
    [InlineData(true, true)]   // the sibling's plan started before this episode: prior child protection history
    public void Another_child_s_plan_is_a_prior_plan_only_when_it_started_before_this_episode(bool siblingPlanEarlier, bool fires)
    {
        var f = new TestFamily();
        var sibling = f.Case.Child("Twin", new DateOnly(2015, 1, 10));
        if (siblingPlanEarlier)
            f.Record(TestFamily.At(1, 20), f.SocialWorker, new PlanStarted { Type = PlanType.ChildProtection, Category = AbuseCategory.Neglect }, sibling, f.Mother);
        f.Record(TestFamily.At(2, 2, 10), f.HealthVisitor, new ContactReceived { Concerns = "Neglect" }, f.Child, sibling);
        if (!siblingPlanEarlier)
            f.Record(TestFamily.At(2, 20, 12), f.SocialWorker, new PlanStarted { Type = PlanType.ChildProtection, Category = AbuseCategory.Neglect }, sibling, f.Mother);
        f.Record(TestFamily.At(2, 20, 12), f.SocialWorker, new PlanStarted { Type = PlanType.ChildProtection, Category = AbuseCategory.Neglect, RisksAnalysed = [] }, f.Child, f.Mother);

        var found = f.Evaluate(_safeguard, TestFamily.At(2, 20, 13));

        Assert.Equal(fires, found.Any(x => x.Summary.Contains("previous child protection plan")));
    }
}

using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Safeguards.Catalogue;

namespace Chronicle.Core.Tests.Safeguards;

public sealed class StatutoryTimescaleTests
{
    private readonly StatutoryTimescale _safeguard = new();

    private IReadOnlyList<Finding> Clocks(CaseWithTeam c, DateTime now, string step) =>
        [.. c.Evaluate(_safeguard, now).Where(f => f.CauseKey.StartsWith(step + ":", StringComparison.Ordinal))];

    private static CaseEntry Decided(CaseWithTeam c, DateTime at, CaseEntry contact, ContactOutcome outcome = ContactOutcome.NoFurtherAction) =>
        c.Record(at, c.FrontDoorWorker, new ContactDecision { ContactEntryId = contact.Id, Decision = outcome, Rationale = "Considered" });

    private static CaseEntry Strategy(CaseWithTeam c, DateTime at) =>
        c.Record(at, c.SocialWorker, new StrategyDiscussion { Decision = StrategyOutcome.Section47Enquiry });

    // Referral decision (CP-01)

    [Fact]
    public void A_referral_decision_is_near_once_the_day_it_arrived_is_over()
    {
        var c = new CaseWithTeam();
        var contact = c.Contact(new DateTime(2015, 1, 16, 10, 0, 0)); // Friday

        Assert.Empty(Clocks(c, new DateTime(2015, 1, 16, 17, 0, 0), "referral-decision"));
        Assert.Empty(Clocks(c, new DateTime(2015, 1, 16, 23, 59, 0), "referral-decision"));
        var finding = Assert.Single(Clocks(c, new DateTime(2015, 1, 17, 0, 1, 0), "referral-decision"));

        Assert.Equal($"referral-decision:{contact.Id}", finding.CauseKey);
        Assert.Equal(CaseWithTeam.EndOf(2015, 1, 19), finding.DueAt);
        Assert.Equal(c.FrontDoorManager.Id, finding.OwnerProfessionalId);
        Assert.Contains("it is due by the end of Monday 19 January 2015", finding.Summary);
    }

    [Fact]
    public void A_referral_decision_across_easter_is_due_the_tuesday_after()
    {
        var c = new CaseWithTeam();
        c.Contact(new DateTime(2015, 4, 2, 10, 0, 0)); // Thursday before Good Friday

        Assert.Empty(Clocks(c, new DateTime(2015, 4, 2, 23, 0, 0), "referral-decision"));
        Assert.Equal(CaseWithTeam.EndOf(2015, 4, 7), Assert.Single(Clocks(c, new DateTime(2015, 4, 3, 0, 1, 0), "referral-decision")).DueAt);
    }

    [Fact]
    public void A_passed_referral_decision_stays_found_with_the_same_cause()
    {
        var c = new CaseWithTeam();
        c.Contact(new DateTime(2015, 1, 16, 10, 0, 0));

        var near = Assert.Single(Clocks(c, new DateTime(2015, 1, 17, 0, 1, 0), "referral-decision"));
        var passed = Assert.Single(Clocks(c, new DateTime(2015, 1, 21, 0, 1, 0), "referral-decision"));

        Assert.Equal(near.CauseKey, passed.CauseKey);
        Assert.Contains("it was due by", passed.Summary);
    }

    [Fact]
    public void A_decision_on_the_contact_clears_it()
    {
        var c = new CaseWithTeam();
        var contact = c.Contact(new DateTime(2015, 1, 16, 10, 0, 0));
        Decided(c, new DateTime(2015, 1, 20, 10, 0, 0), contact);

        Assert.Empty(Clocks(c, new DateTime(2015, 1, 20, 11, 0, 0), "referral-decision"));
    }

    [Fact]
    public void A_decision_naming_no_contact_answers_the_earliest_undecided_one()
    {
        var c = new CaseWithTeam();
        c.Contact(new DateTime(2015, 1, 12, 10, 0, 0));
        var second = c.Contact(new DateTime(2015, 1, 13, 10, 0, 0));
        c.Record(new DateTime(2015, 1, 13, 11, 0, 0), c.FrontDoorWorker, new ContactDecision { Decision = ContactOutcome.NoFurtherAction, Rationale = "Considered" });

        Assert.Equal($"referral-decision:{second.Id}", Assert.Single(Clocks(c, new DateTime(2015, 1, 15), "referral-decision")).CauseKey);
    }

    [Fact]
    public void A_corrected_contact_keeps_its_clock_and_a_decision_naming_the_original_answers_it()
    {
        var c = new CaseWithTeam();
        var contact = c.Contact(new DateTime(2015, 1, 16, 10, 0, 0));
        var corrected = c.Builder.Correct(contact, new DateTime(2015, 1, 16, 11, 0, 0), c.FrontDoorWorker,
            new ContactReceived { Concerns = "Concern for the children's welfare, with the referrer's name corrected" }, "Referrer misnamed");
        corrected.Entry.OccurredAt = contact.Entry.OccurredAt;

        Assert.Equal($"referral-decision:{contact.Id}", Assert.Single(Clocks(c, new DateTime(2015, 1, 17, 0, 1, 0), "referral-decision")).CauseKey);

        Decided(c, new DateTime(2015, 1, 19, 10, 0, 0), contact);
        Assert.Empty(Clocks(c, new DateTime(2015, 1, 19, 11, 0, 0), "referral-decision"));
    }

    [Fact]
    public void A_recorded_reason_for_the_delay_clears_it()
    {
        var c = new CaseWithTeam();
        var contact = c.Contact(new DateTime(2015, 1, 16, 10, 0, 0));
        c.Decision(new DateTime(2015, 1, 19, 10, 0, 0), c.FrontDoorManager, DecisionTopic.DelayReason, contact.Id);

        Assert.Empty(Clocks(c, new DateTime(2015, 1, 20), "referral-decision"));
    }

    // Child and family assessment (CP-18)

    [Fact]
    public void An_assessment_is_due_45_working_days_from_the_referral_and_near_when_two_working_days_are_left()
    {
        var c = new CaseWithTeam();
        var contact = c.Contact(new DateTime(2015, 1, 5, 10, 0, 0));
        Decided(c, new DateTime(2015, 1, 5, 15, 0, 0), contact, ContactOutcome.ChildAndFamilyAssessment);

        Assert.Empty(Clocks(c, new DateTime(2015, 3, 5, 23, 59, 0), "assessment"));
        var finding = Assert.Single(Clocks(c, new DateTime(2015, 3, 6, 0, 1, 0), "assessment"));

        Assert.Equal($"assessment:{contact.Id}", finding.CauseKey);
        Assert.Equal(CaseWithTeam.EndOf(2015, 3, 9), finding.DueAt);
        Assert.Equal(c.SocialWorker.Id, finding.OwnerProfessionalId);
    }

    [Fact]
    public void The_assessment_clock_runs_even_if_the_assessment_never_starts_and_stops_when_it_is_completed()
    {
        var c = new CaseWithTeam();
        var contact = c.Contact(new DateTime(2015, 1, 5, 10, 0, 0));
        Decided(c, new DateTime(2015, 1, 5, 15, 0, 0), contact, ContactOutcome.ChildAndFamilyAssessment);
        Assert.Single(Clocks(c, new DateTime(2015, 3, 20), "assessment"));

        var started = c.Record(new DateTime(2015, 3, 20, 10, 0, 0), c.SocialWorker, new AssessmentStarted { Type = AssessmentType.ChildAndFamily, TriggerEntryId = contact.Id });
        Assert.Single(Clocks(c, new DateTime(2015, 3, 20, 11, 0, 0), "assessment"));

        c.Record(new DateTime(2015, 3, 27, 10, 0, 0), c.SocialWorker, new AssessmentCompleted
        {
            Type = AssessmentType.ChildAndFamily,
            StartedEntryId = started.Id,
            Conclusion = "Child in need",
            Outcome = AssessmentOutcome.ChildInNeedPlan,
            ExceededReason = "Allocation delayed",
        });
        Assert.Empty(Clocks(c, new DateTime(2015, 3, 27, 11, 0, 0), "assessment"));
    }

    [Fact]
    public void An_assessment_started_with_no_referral_on_record_runs_from_its_start()
    {
        var c = new CaseWithTeam();
        var started = c.Record(new DateTime(2015, 1, 5, 10, 0, 0), c.SocialWorker, new AssessmentStarted { Type = AssessmentType.PreBirth });

        Assert.Empty(Clocks(c, new DateTime(2015, 3, 5, 23, 59, 0), "assessment"));
        var finding = Assert.Single(Clocks(c, new DateTime(2015, 3, 6, 0, 1, 0), "assessment"));
        Assert.Equal($"assessment:{started.Id}", finding.CauseKey);
        Assert.Equal(CaseWithTeam.EndOf(2015, 3, 9), finding.DueAt);
    }

    [Fact]
    public void A_reason_for_exceeding_the_assessment_timescale_clears_it()
    {
        var c = new CaseWithTeam();
        var contact = c.Contact(new DateTime(2015, 1, 5, 10, 0, 0));
        Decided(c, new DateTime(2015, 1, 5, 15, 0, 0), contact, ContactOutcome.ChildAndFamilyAssessment);
        c.Decision(new DateTime(2015, 3, 5, 10, 0, 0), c.TeamManager, DecisionTopic.DelayReason, contact.Id);

        Assert.Empty(Clocks(c, new DateTime(2015, 3, 10), "assessment"));
    }

    // Initial child protection conference (CP-08)

    [Fact]
    public void The_initial_conference_is_due_15_working_days_from_the_strategy_discussion_across_a_bank_holiday()
    {
        var c = new CaseWithTeam();
        var strategy = Strategy(c, new DateTime(2015, 4, 21, 14, 0, 0)); // 4 May is a bank holiday

        Assert.Empty(Clocks(c, new DateTime(2015, 5, 11, 23, 59, 0), "icpc"));
        var finding = Assert.Single(Clocks(c, new DateTime(2015, 5, 12, 0, 1, 0), "icpc"));

        Assert.Equal($"icpc:{strategy.Id}", finding.CauseKey);
        Assert.Equal(CaseWithTeam.EndOf(2015, 5, 13), finding.DueAt);
    }

    [Fact]
    public void The_warning_comes_when_two_working_days_are_left()
    {
        var c = new CaseWithTeam();
        Strategy(c, new DateTime(2013, 9, 23, 10, 0, 0)); // due at the end of Monday 14 October 2013

        Assert.Empty(Clocks(c, new DateTime(2013, 10, 10, 23, 59, 0), "icpc"));
        Assert.Equal(CaseWithTeam.EndOf(2013, 10, 14), Assert.Single(Clocks(c, new DateTime(2013, 10, 11, 0, 1, 0), "icpc")).DueAt);
    }

    [Fact]
    public void A_later_strategy_discussion_in_the_same_enquiry_does_not_restart_the_clock()
    {
        var c = new CaseWithTeam();
        var first = Strategy(c, new DateTime(2015, 3, 2, 10, 0, 0));
        Strategy(c, new DateTime(2015, 3, 9, 10, 0, 0));
        c.Record(new DateTime(2015, 3, 9, 11, 0, 0), c.SocialWorker, new AssessmentStarted { Type = AssessmentType.Section47 });

        Assert.Empty(Clocks(c, new DateTime(2015, 3, 19, 23, 59, 0), "icpc"));
        var finding = Assert.Single(Clocks(c, new DateTime(2015, 3, 20, 0, 1, 0), "icpc"));
        Assert.Equal($"icpc:{first.Id}", finding.CauseKey);
        Assert.Equal(CaseWithTeam.EndOf(2015, 3, 23), finding.DueAt);
    }

    [Fact]
    public void Holding_the_conference_clears_it()
    {
        var c = new CaseWithTeam();
        Strategy(c, new DateTime(2015, 3, 2, 10, 0, 0));
        c.Meeting(new DateTime(2015, 3, 20, 10, 0, 0), MeetingType.InitialChildProtectionConference, ConferenceDecision.ChildInNeedPlan);

        Assert.Empty(Clocks(c, new DateTime(2015, 3, 25), "icpc"));
    }

    [Fact]
    public void An_enquiry_concluding_that_no_conference_is_needed_stops_the_clock()
    {
        var c = new CaseWithTeam();
        Strategy(c, new DateTime(2015, 3, 2, 10, 0, 0));
        c.Record(new DateTime(2015, 3, 10, 10, 0, 0), c.SocialWorker, new AssessmentCompleted
        {
            Type = AssessmentType.Section47,
            Conclusion = "Bruise explained",
            Outcome = AssessmentOutcome.NoFurtherAction,
        });

        Assert.Empty(Clocks(c, new DateTime(2015, 3, 25), "icpc"));
    }

    [Fact]
    public void An_enquiry_concluding_that_a_conference_is_needed_does_not()
    {
        var c = new CaseWithTeam();
        Strategy(c, new DateTime(2015, 3, 2, 10, 0, 0));
        c.Record(new DateTime(2015, 3, 10, 10, 0, 0), c.SocialWorker, new AssessmentCompleted
        {
            Type = AssessmentType.Section47,
            Conclusion = "Significant harm",
            Outcome = AssessmentOutcome.InitialChildProtectionConference,
        });

        Assert.Single(Clocks(c, new DateTime(2015, 3, 25), "icpc"));
    }

    [Fact]
    public void A_conference_held_late_with_its_reason_and_a_delay_decision_each_clear_it()
    {
        var held = new CaseWithTeam();
        Strategy(held, new DateTime(2015, 3, 2, 10, 0, 0));
        held.Record(new DateTime(2015, 3, 26, 10, 0, 0), held.SocialWorker, new MeetingHeld
        {
            Type = MeetingType.InitialChildProtectionConference,
            Decision = ConferenceDecision.NoFurtherAction,
            DelayReason = "Police report awaited",
        });
        var reasoned = new CaseWithTeam();
        var strategy = Strategy(reasoned, new DateTime(2015, 3, 2, 10, 0, 0));
        reasoned.Decision(new DateTime(2015, 3, 20, 10, 0, 0), reasoned.TeamManager, DecisionTopic.DelayReason, strategy.Id);

        Assert.Empty(Clocks(held, new DateTime(2015, 3, 27), "icpc"));
        Assert.Empty(Clocks(reasoned, new DateTime(2015, 3, 27), "icpc"));
    }

    // First core group (CP-14) and review conferences (CP-15, CP-16)

    [Fact]
    public void The_first_core_group_is_due_10_working_days_after_a_conference_that_makes_a_plan()
    {
        var c = new CaseWithTeam();
        var conference = c.Meeting(new DateTime(2015, 5, 14, 10, 0, 0), MeetingType.InitialChildProtectionConference, ConferenceDecision.ChildProtectionPlan);

        Assert.Empty(Clocks(c, new DateTime(2015, 5, 27, 23, 59, 0), "core-group"));
        var finding = Assert.Single(Clocks(c, new DateTime(2015, 5, 28, 0, 1, 0), "core-group"));
        Assert.Equal($"core-group:{conference.Id}", finding.CauseKey);
        Assert.Equal(CaseWithTeam.EndOf(2015, 5, 29), finding.DueAt);

        c.Meeting(new DateTime(2015, 5, 28, 10, 0, 0), MeetingType.CoreGroup, planReviewed: true);
        Assert.Empty(Clocks(c, new DateTime(2015, 5, 28, 11, 0, 0), "core-group"));
    }

    [Fact]
    public void A_conference_that_makes_no_plan_starts_no_core_group_or_review_clock()
    {
        var c = new CaseWithTeam();
        c.Meeting(new DateTime(2015, 5, 14, 10, 0, 0), MeetingType.InitialChildProtectionConference, ConferenceDecision.ChildInNeedPlan);

        Assert.Empty(Clocks(c, new DateTime(2015, 9, 1), "core-group"));
        Assert.Empty(Clocks(c, new DateTime(2015, 9, 1), "review-conference"));
    }

    [Fact]
    public void A_conference_with_no_decision_recorded_makes_a_plan_when_one_starts_that_day()
    {
        var c = new CaseWithTeam();
        c.Meeting(new DateTime(2015, 5, 14, 10, 0, 0), MeetingType.InitialChildProtectionConference);
        c.Plan(new DateTime(2015, 5, 14, 12, 0, 0), PlanType.ChildProtection, CaseWithTeam.SpecificItem(c.SocialWorker));

        Assert.Single(Clocks(c, new DateTime(2015, 6, 1), "core-group"));
    }

    [Fact]
    public void The_first_review_is_due_three_months_after_the_initial_conference()
    {
        var c = new CaseWithTeam();
        var conference = c.Record(new DateTime(2015, 1, 15, 10, 0, 0), c.SocialWorker, new MeetingHeld
        {
            Type = MeetingType.InitialChildProtectionConference,
            Decision = ConferenceDecision.ChildProtectionPlan,
            ChairProfessionalId = c.TeamManager.Id,
        });

        Assert.Empty(Clocks(c, new DateTime(2015, 4, 13, 23, 59, 0), "review-conference"));
        var finding = Assert.Single(Clocks(c, new DateTime(2015, 4, 14, 0, 1, 0), "review-conference"));

        Assert.Equal($"review-conference:{conference.Id}", finding.CauseKey);
        Assert.Equal(CaseWithTeam.EndOf(2015, 4, 15), finding.DueAt);
        Assert.Equal(c.TeamManager.Id, finding.OwnerProfessionalId);
    }

    [Fact]
    public void Each_review_that_keeps_the_plan_starts_a_six_month_clock_until_a_review_ends_it()
    {
        var c = new CaseWithTeam();
        c.Meeting(new DateTime(2015, 1, 15, 10, 0, 0), MeetingType.InitialChildProtectionConference, ConferenceDecision.ChildProtectionPlan);
        var review = c.Meeting(new DateTime(2015, 4, 14, 10, 0, 0), MeetingType.ReviewChildProtectionConference, ConferenceDecision.PlanContinues);

        Assert.Empty(Clocks(c, new DateTime(2015, 10, 12, 23, 59, 0), "review-conference"));
        var finding = Assert.Single(Clocks(c, new DateTime(2015, 10, 13, 0, 1, 0), "review-conference"));
        Assert.Equal($"review-conference:{review.Id}", finding.CauseKey);
        Assert.Equal(CaseWithTeam.EndOf(2015, 10, 14), finding.DueAt);

        c.Meeting(new DateTime(2015, 10, 13, 10, 0, 0), MeetingType.ReviewChildProtectionConference, ConferenceDecision.PlanEnds);
        Assert.Empty(Clocks(c, new DateTime(2016, 6, 1), "review-conference"));
    }

    [Fact]
    public void The_plan_ending_stops_the_review_clock()
    {
        var c = new CaseWithTeam();
        c.Meeting(new DateTime(2015, 1, 15, 10, 0, 0), MeetingType.InitialChildProtectionConference, ConferenceDecision.ChildProtectionPlan);
        var plan = c.Plan(new DateTime(2015, 1, 15, 12, 0, 0), PlanType.ChildProtection, CaseWithTeam.SpecificItem(c.SocialWorker));
        c.Record(new DateTime(2015, 3, 2, 10, 0, 0), c.SocialWorker, new PlanEnded { PlanEntryId = plan.Id, Reason = "Moved permanently to another area" });

        Assert.Empty(Clocks(c, new DateTime(2015, 4, 20), "review-conference"));
    }

    // Transfer-in conference

    [Fact]
    public void Records_saying_the_child_is_on_a_plan_in_another_area_start_the_transfer_in_clock()
    {
        var c = new CaseWithTeam();
        var records = c.Record(new DateTime(2015, 3, 2, 10, 0, 0), c.SocialWorker, new RecordsReceived
        {
            FromArea = "Leeds",
            Summary = "Child protection plan for neglect since 2014",
            OnChildProtectionPlan = true,
        });

        Assert.Empty(Clocks(c, new DateTime(2015, 3, 19, 23, 59, 0), "transfer-in"));
        var finding = Assert.Single(Clocks(c, new DateTime(2015, 3, 20, 0, 1, 0), "transfer-in"));
        Assert.Equal($"transfer-in:{records.Id}", finding.CauseKey);
        Assert.Equal(CaseWithTeam.EndOf(2015, 3, 23), finding.DueAt);

        c.Meeting(new DateTime(2015, 3, 20, 10, 0, 0), MeetingType.TransferInConference, ConferenceDecision.ChildProtectionPlan);
        Assert.Empty(Clocks(c, new DateTime(2015, 3, 20, 11, 0, 0), "transfer-in"));
    }

    [Fact]
    public void A_move_into_the_area_while_on_a_plan_recorded_by_another_area_starts_the_transfer_in_clock()
    {
        var c = new CaseWithTeam(allocated: false);
        var leeds = c.Builder.Agency("Leeds Children's Social Care", AgencyKind.ChildrensSocialCare, "Leeds");
        var leedsWorker = c.Builder.Professional("Leeds social worker", ProfessionalRole.SocialWorker, leeds);
        c.Record(new DateTime(2014, 11, 3, 10, 0, 0), leedsWorker, new PlanStarted
        {
            Type = PlanType.ChildProtection,
            Category = AbuseCategory.Neglect,
            Items = [CaseWithTeam.SpecificItem(leedsWorker)],
        });
        var move = c.Record(new DateTime(2015, 3, 2, 10, 0, 0), c.HealthVisitor, new AddressChange
        {
            NewAddress = "1 New Street, Bristol",
            LocalAuthority = "Bristol",
            PreviousLocalAuthority = "Leeds",
        });

        Assert.Equal($"transfer-in:{move.Id}", Assert.Single(Clocks(c, new DateTime(2015, 3, 20, 0, 1, 0), "transfer-in")).CauseKey);
    }

    [Fact]
    public void Records_from_another_area_with_no_plan_start_no_transfer_in_clock()
    {
        var c = new CaseWithTeam();
        c.Record(new DateTime(2015, 3, 2, 10, 0, 0), c.SocialWorker, new RecordsReceived { FromArea = "Leeds", Summary = "Known as a child in need in 2013" });

        Assert.Empty(Clocks(c, new DateTime(2015, 4, 1), "transfer-in"));
    }

    // The clocks together

    [Fact]
    public void Every_timescale_in_the_catalogue_has_its_own_clock()
    {
        var c = new CaseWithTeam();
        var contact = c.Contact(new DateTime(2015, 1, 5, 10, 0, 0));
        c.Record(new DateTime(2015, 1, 6, 10, 0, 0), c.SocialWorker, new AssessmentStarted { Type = AssessmentType.ChildAndFamily, TriggerEntryId = contact.Id });
        c.Meeting(new DateTime(2015, 1, 8, 10, 0, 0), MeetingType.InitialChildProtectionConference, ConferenceDecision.ChildProtectionPlan);
        c.Meeting(new DateTime(2015, 1, 9, 10, 0, 0), MeetingType.ReviewChildProtectionConference, ConferenceDecision.PlanContinues);
        c.Record(new DateTime(2015, 1, 9, 11, 0, 0), c.SocialWorker, new RecordsReceived { FromArea = "Leeds", Summary = "On a plan", OnChildProtectionPlan = true });
        Strategy(c, new DateTime(2015, 2, 2, 10, 0, 0));

        var steps = c.Evaluate(_safeguard, new DateTime(2016, 1, 1)).Select(f => f.CauseKey[..f.CauseKey.IndexOf(':', StringComparison.Ordinal)]).ToHashSet();

        Assert.Equal(["assessment", "core-group", "icpc", "referral-decision", "review-conference", "transfer-in"], steps.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Each_timescale_and_the_warning_are_settings()
    {
        var c = new CaseWithTeam();
        c.Policy["SG-19.icpc"] = "10";
        c.Policy["SG-19.warn"] = "0";
        Strategy(c, new DateTime(2015, 3, 2, 10, 0, 0));

        Assert.Empty(Clocks(c, new DateTime(2015, 3, 16, 23, 59, 0), "icpc"));
        Assert.Equal(CaseWithTeam.EndOf(2015, 3, 16), Assert.Single(Clocks(c, new DateTime(2015, 3, 17, 0, 1, 0), "icpc")).DueAt);
    }

    // A clock that is near is a reminder; past its due time, an alert. A critical referral is decided the same day.

    [Fact]
    public void A_near_clock_is_a_reminder_and_a_passed_one_an_alert()
    {
        var c = new CaseWithTeam();
        c.Contact(new DateTime(2015, 1, 16, 10, 0, 0)); // Friday: due the end of Monday 19 January

        Assert.True(Assert.Single(Clocks(c, new DateTime(2015, 1, 19, 23, 59, 0), "referral-decision")).Reminder);
        Assert.False(Assert.Single(Clocks(c, new DateTime(2015, 1, 20, 0, 1, 0), "referral-decision")).Reminder);
    }

    [Theory]
    [InlineData(Significance.Critical, 15, 23, 59, "nothing")]
    [InlineData(Significance.Critical, 16, 0, 1, "overdue")]
    [InlineData(Significance.Significant, 16, 0, 1, "reminder")]
    public void A_referral_recorded_as_critical_is_due_the_same_working_day(Significance significance, int day, int hour, int minute, string expected)
    {
        var c = new CaseWithTeam();
        var contact = c.Contact(new DateTime(2015, 1, 15, 10, 0, 0)); // Thursday
        contact.Entry.Significance = significance;

        var found = Clocks(c, new DateTime(2015, 1, day, hour, minute, 0), "referral-decision");

        // A critical referral is due the same working day (overdue just after midnight); a significant one the next
        // (a reminder on the day it is due).
        var said = found.Count == 0 ? "nothing" : Assert.Single(found).Reminder ? "reminder" : "overdue";
        Assert.Equal(expected, said);
    }
}

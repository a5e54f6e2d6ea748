using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Safeguards.Catalogue;

namespace Chronicle.Core.Tests.Safeguards;

public sealed class SignificantAdultNotAssessedTests
{
    private readonly SignificantAdultNotAssessed _safeguard = new();

    private static CaseEntry Complete(TestFamily f, DateTime at, Guid[] seen, params PersonNotSeen[] notSeen) =>
        f.Record(at, f.SocialWorker, new AssessmentCompleted
        {
            Type = AssessmentType.ChildAndFamily,
            Conclusion = "Child in need",
            Outcome = AssessmentOutcome.ChildInNeedPlan,
            PeopleSeen = seen,
            PeopleNotSeen = notSeen,
        });

    [Fact]
    public void An_assessment_that_did_not_see_the_father_and_records_no_attempts_is_flagged()
    {
        var f = new TestFamily();
        var assessment = Complete(f, TestFamily.At(2, 2, 15), [f.Child.Id, f.Mother.Id]);

        var finding = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(2, 2, 16)));

        Assert.Equal($"assessment:{assessment.Id}:person:{f.Father.Id}", finding.CauseKey);
        Assert.Equal(f.SocialWorker.Id, finding.OwnerProfessionalId);
        Assert.Equal(TestFamily.EndOf(2, 9), finding.DueAt);
        Assert.Contains("the child's father", finding.Summary);
    }

    [Fact]
    public void Each_adult_an_assessment_left_out_is_named_in_their_own_finding()
    {
        var f = new TestFamily();
        f.Mother.KnownAs = "Kelly Hart";
        f.Father.KnownAs = "Dean Carter";
        var partner = f.Case.Adult("Ryan Moss");
        Complete(f, TestFamily.At(2, 2, 15), [f.Child.Id]);

        var findings = f.Evaluate(_safeguard, TestFamily.At(2, 2, 16));

        Assert.Equal(3, findings.Count);
        Assert.Equal(3, findings.Select(x => x.Summary).Distinct().Count());
        Assert.Equal(3, findings.Select(x => x.AskFor).Distinct().Count());
        foreach (var (person, who) in new[] { (f.Mother, "the child's mother (Kelly Hart)"), (f.Father, "the child's father (Dean Carter)"), (partner, "an adult in the child's household (Ryan Moss)") })
        {
            var finding = Assert.Single(findings, x => x.CauseKey.EndsWith($":person:{person.Id}", StringComparison.Ordinal));
            Assert.Contains($"without {who} being seen", finding.Summary);
            Assert.StartsWith($"See and assess {person.KnownAs}, or record", finding.AskFor);
        }
    }

    [Fact]
    public void Seeing_every_parent_is_not_flagged()
    {
        var f = new TestFamily();
        Complete(f, TestFamily.At(2, 2, 15), [f.Child.Id, f.Mother.Id, f.Father.Id]);

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(2, 2, 16)));
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(0, true)]
    public void Recorded_attempts_to_see_the_father_are_enough(int attempts, bool fires)
    {
        var f = new TestFamily();
        Complete(f, TestFamily.At(2, 2, 15), [f.Child.Id, f.Mother.Id], new PersonNotSeen { PersonId = f.Father.Id, Attempts = attempts, Reason = "In prison" });

        Assert.Equal(fires, f.Evaluate(_safeguard, TestFamily.At(2, 2, 16)).Count == 1);
    }

    [Fact]
    public void A_father_declining_the_assessment_is_a_recorded_attempt()
    {
        var f = new TestFamily();
        f.Record(TestFamily.At(1, 28), f.SocialWorker, new ParentalEngagement { ParentPersonId = f.Father.Id, Type = EngagementType.DeclinedAssessment }, f.Father);
        Complete(f, TestFamily.At(2, 2, 15), [f.Child.Id, f.Mother.Id]);

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(2, 2, 16)));
    }

    [Fact]
    public void A_father_in_prison_who_does_not_live_with_the_child_still_counts()
    {
        var f = new TestFamily();
        var prisoner = f.Case.Adult("Father of the older child", livesHere: false);
        f.Case.Relate(prisoner, Core.Record.RelationshipKind.Father, f.Child);
        Complete(f, TestFamily.At(2, 2, 15), [f.Child.Id, f.Mother.Id, f.Father.Id]);

        Assert.EndsWith($":person:{prisoner.Id}", Assert.Single(f.Evaluate(_safeguard, TestFamily.At(2, 2, 16))).CauseKey);
    }

    [Fact]
    public void A_decision_on_the_father_not_assessed_clears_it_and_one_about_the_mother_does_not()
    {
        var f = new TestFamily();
        Complete(f, TestFamily.At(2, 2, 15), [f.Child.Id, f.Mother.Id]);
        f.Decide(TestFamily.At(2, 3, 10), f.SocialWorker, DecisionTopic.AdultNotAssessed, aboutPerson: f.Mother.Id);
        f.Decide(TestFamily.At(2, 3, 12), f.SocialWorker, DecisionTopic.AdultNotAssessed, aboutPerson: f.Father.Id);

        Assert.Single(f.Evaluate(_safeguard, TestFamily.At(2, 3, 11)));
        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(2, 3, 13)));
    }

    [Fact]
    public void Seeing_the_father_after_the_assessment_clears_it()
    {
        var f = new TestFamily();
        Complete(f, TestFamily.At(2, 2, 15), [f.Child.Id, f.Mother.Id]);
        f.Record(TestFamily.At(2, 4, 10), f.SocialWorker, new HomeVisit { ChildSeen = true, PeopleSeen = [f.Father.Id] });

        Assert.Single(f.Evaluate(_safeguard, TestFamily.At(2, 4, 9)));
        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(2, 4, 11)));
    }

    [Fact]
    public void A_plan_made_without_the_father_ever_being_seen_is_flagged()
    {
        var f = new TestFamily();
        f.Record(TestFamily.At(1, 26), f.HealthVisitor, new ContactReceived { Concerns = "Neglect" });
        f.Record(TestFamily.At(2, 2), f.SocialWorker, new HomeVisit { ChildSeen = true, PeopleSeen = [f.Mother.Id] });
        var plan = f.StartPlan(TestFamily.At(2, 20), PlanType.ChildInNeed);

        var finding = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(2, 20, 10)));
        Assert.Equal($"plan:{plan.Id}:person:{f.Father.Id}", finding.CauseKey);
        Assert.Equal(f.SocialWorker.Id, finding.OwnerProfessionalId);
    }

    [Fact]
    public void Seeing_the_father_before_this_referral_does_not_count_for_this_plan()
    {
        var f = new TestFamily();
        f.Record(TestFamily.At(6, 2, year: 2014), f.SocialWorker, new HomeVisit { ChildSeen = false, PeopleSeen = [f.Father.Id, f.Mother.Id] });
        f.Record(TestFamily.At(1, 26), f.HealthVisitor, new ContactReceived { Concerns = "Neglect" });
        f.Record(TestFamily.At(2, 2), f.SocialWorker, new HomeVisit { ChildSeen = true, PeopleSeen = [f.Mother.Id] });
        f.StartPlan(TestFamily.At(2, 20), PlanType.ChildInNeed);

        Assert.Single(f.Evaluate(_safeguard, TestFamily.At(2, 20, 10)));
    }

    [Theory]
    [InlineData(14, false)] // six weeks after the last contact, to the day
    [InlineData(15, true)]  // six weeks and a day
    public void While_a_plan_is_open_six_weeks_without_contact_is_flagged(int aprilDay, bool fires)
    {
        var f = new TestFamily();
        f.StartPlan(TestFamily.At(2, 2), PlanType.ChildProtection);
        f.Record(TestFamily.At(2, 2, 10), f.SocialWorker, new HomeVisit { ChildSeen = true, PeopleSeen = [f.Mother.Id] });
        var lastSeen = f.Record(TestFamily.At(3, 3, 10), f.SocialWorker, new HomeVisit { ChildSeen = true, PeopleSeen = [f.Mother.Id, f.Father.Id] });
        f.Record(TestFamily.At(4, 1, 10), f.SocialWorker, new HomeVisit { ChildSeen = true, PeopleSeen = [f.Mother.Id] });

        var findings = f.Evaluate(_safeguard, TestFamily.At(4, aprilDay, 0, 1));

        Assert.Equal(fires ? [$"no-contact:{f.Father.Id}:{lastSeen.Id}"] : [], findings.Select(x => x.CauseKey));
    }

    [Fact]
    public void Contact_with_the_adult_starts_a_new_six_weeks()
    {
        var f = new TestFamily();
        f.StartPlan(TestFamily.At(2, 2), PlanType.ChildProtection);
        var visit = f.Record(TestFamily.At(2, 2, 10), f.SocialWorker, new HomeVisit { ChildSeen = true, PeopleSeen = [f.Mother.Id, f.Father.Id] });
        f.Record(TestFamily.At(3, 30, 10), f.SocialWorker, new ParentalEngagement { ParentPersonId = f.Father.Id, Type = EngagementType.Engaged }, f.Father);

        var finding = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(3, 20)), x => x.CauseKey.StartsWith($"no-contact:{f.Father.Id}", StringComparison.Ordinal));
        Assert.Equal($"no-contact:{f.Father.Id}:{visit.Id}", finding.CauseKey);
        Assert.Equal(TestFamily.EndOf(3, 16), finding.DueAt);
        Assert.Equal(f.SocialWorker.Id, finding.OwnerProfessionalId);
        Assert.DoesNotContain(f.Evaluate(_safeguard, TestFamily.At(3, 30, 11)), x => x.CauseKey.StartsWith($"no-contact:{f.Father.Id}", StringComparison.Ordinal));
    }

    [Fact]
    public void An_adult_who_joined_the_household_during_the_plan_is_unseen_only_since_they_joined()
    {
        var f = new TestFamily();
        f.StartPlan(TestFamily.At(2, 2), PlanType.ChildProtection);
        f.Record(TestFamily.At(3, 2, 10), f.SocialWorker, new HomeVisit { ChildSeen = true, PeopleSeen = [f.Mother.Id, f.Father.Id] });
        var partner = f.Case.Adult("Mother's new partner", livesHere: false);
        f.Case.LivesHere(partner, new DateOnly(2015, 3, 30));
        f.Record(TestFamily.At(3, 30, 9), f.HealthVisitor, new HouseholdChange { PersonId = partner.Id, Change = HouseholdChangeType.Joined }, f.Child, partner);

        Assert.DoesNotContain(f.Evaluate(_safeguard, TestFamily.At(3, 30, 10)), x => x.CauseKey.StartsWith($"no-contact:{partner.Id}", StringComparison.Ordinal));
    }

    [Fact]
    public void An_adult_who_joined_the_household_during_the_plan_and_is_unseen_six_weeks_later_is_flagged()
    {
        var f = new TestFamily();
        var plan = f.StartPlan(TestFamily.At(2, 2), PlanType.ChildProtection);
        f.Record(TestFamily.At(3, 2, 10), f.SocialWorker, new HomeVisit { ChildSeen = true, PeopleSeen = [f.Mother.Id, f.Father.Id] });
        f.Record(TestFamily.At(4, 6, 10), f.SocialWorker, new HomeVisit { ChildSeen = true, PeopleSeen = [f.Mother.Id, f.Father.Id] });
        var partner = f.Case.Adult("Mother's new partner", livesHere: false);
        f.Case.LivesHere(partner, new DateOnly(2015, 3, 30));

        Assert.DoesNotContain(f.Evaluate(_safeguard, TestFamily.At(5, 11, 23)), x => x.CauseKey.StartsWith($"no-contact:{partner.Id}", StringComparison.Ordinal));
        var finding = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(5, 12, 0, 1)), x => x.CauseKey.StartsWith($"no-contact:{partner.Id}", StringComparison.Ordinal));
        Assert.Equal($"no-contact:{partner.Id}:{plan.Id}", finding.CauseKey);
        Assert.Equal(TestFamily.EndOf(5, 11), finding.DueAt);
    }

    [Fact]
    public void The_no_contact_period_is_the_partnerships_setting()
    {
        var f = new TestFamily();
        f.Case.Policy["SG-12.no-contact-for"] = "2";
        f.StartPlan(TestFamily.At(2, 2), PlanType.ChildProtection);
        f.Record(TestFamily.At(2, 2, 10), f.SocialWorker, new HomeVisit { ChildSeen = true, PeopleSeen = [f.Mother.Id, f.Father.Id] });

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(2, 16, 23)));
        Assert.Equal(2, f.Evaluate(_safeguard, TestFamily.At(2, 17, 0, 1)).Count);
    }

    // Presence is not assessment; an assessment open too long; health assessments count.

    private static CaseEntry HealthNeeds(TestFamily f, DateTime at, Guid[] seen, Guid[]? assessedAsParents) =>
        f.Record(at, f.HealthVisitor, new AssessmentCompleted
        {
            Type = AssessmentType.HealthNeeds, Conclusion = "Universal", Outcome = AssessmentOutcome.Other, PeopleSeen = seen, ParentingAssessed = assessedAsParents,
        });

    [Fact]
    public void A_father_seen_but_not_assessed_as_a_parent_is_flagged()
    {
        var f = new TestFamily();
        var assessment = HealthNeeds(f, TestFamily.At(2, 2, 15), [f.Mother.Id, f.Father.Id], [f.Mother.Id]);

        var finding = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(2, 2, 16)));

        Assert.Equal($"assessment:{assessment.Id}:person:{f.Father.Id}", finding.CauseKey);
        Assert.Contains("assessed as a parent", finding.Summary);
    }

    [Fact]
    public void Both_parents_assessed_as_parents_is_not_flagged()
    {
        var f = new TestFamily();
        HealthNeeds(f, TestFamily.At(2, 2, 15), [f.Mother.Id, f.Father.Id], [f.Mother.Id, f.Father.Id]);

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(2, 2, 16)));
    }

    [Fact]
    public void An_assessment_that_did_not_record_whom_it_assessed_as_a_parent_is_read_by_whom_it_saw()
    {
        var f = new TestFamily();
        HealthNeeds(f, TestFamily.At(2, 2, 15), [f.Mother.Id, f.Father.Id], null);

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(2, 2, 16)));
    }

    [Theory]
    [InlineData(2, 16, false)] // Monday 2 February + 10 working days: due the end of Monday 16 February
    [InlineData(2, 17, true)]
    public void An_assessment_open_past_the_setting_without_seeing_the_father_is_flagged(int month, int day, bool fires)
    {
        var f = new TestFamily();
        var started = f.Record(TestFamily.At(2, 2, 10), f.SocialWorker, new AssessmentStarted { Type = AssessmentType.EarlyHelp, LeadProfessionalId = f.SocialWorker.Id });
        f.Record(TestFamily.At(2, 4, 10), f.SocialWorker, new HomeVisit { ChildSeen = true, PeopleSeen = [f.Child.Id, f.Mother.Id] });
        f.Record(TestFamily.At(2, 5, 10), f.HealthVisitor, new HomeVisit { ChildSeen = true, PeopleSeen = [f.Child.Id, f.Father.Id] });

        var found = f.Evaluate(_safeguard, TestFamily.At(month, day, 12));

        Assert.Equal(fires, found.Count == 1);
        if (fires) Assert.Equal($"open-assessment:{started.Id}:person:{f.Father.Id}", found[0].CauseKey);
    }

    [Fact]
    public void An_attempt_to_see_the_father_during_the_open_assessment_answers_it()
    {
        var f = new TestFamily();
        f.Record(TestFamily.At(2, 2, 10), f.SocialWorker, new AssessmentStarted { Type = AssessmentType.EarlyHelp, LeadProfessionalId = f.SocialWorker.Id });
        f.Record(TestFamily.At(2, 4, 10), f.SocialWorker, new HomeVisit { ChildSeen = true, PeopleSeen = [f.Child.Id, f.Mother.Id] });
        f.Record(TestFamily.At(2, 6, 10), f.SocialWorker, new ParentalEngagement { ParentPersonId = f.Father.Id, Type = EngagementType.MissedVisit });

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(2, 17, 12)));
    }

    // Seen is not assessed as a parent when the assessment weighed no risk and the adult's history was on record.

    [Theory]
    [InlineData(true, new[] { "young parents", "housing" }, true)]
    [InlineData(true, new[] { "parenting capacity", "housing" }, false)]
    [InlineData(true, new string[0], false)]
    [InlineData(false, new[] { "young parents", "housing" }, false)]
    public void A_father_seen_by_an_assessment_that_weighed_no_risk_while_his_history_was_on_record_was_not_assessed_as_a_parent(bool history, string[] considered, bool fires)
    {
        var f = new TestFamily();
        if (history)
            f.Record(TestFamily.At(6, 1, year: 2014), f.SocialWorker, new AdultConcern { AdultPersonId = f.Father.Id, Type = AdultConcernType.Other, Description = "Care leaver; children from previous relationships" }, f.Father);
        var assessment = f.Record(TestFamily.At(2, 2, 15), f.HealthVisitor, new AssessmentCompleted
        {
            Type = AssessmentType.HealthNeeds, Conclusion = "Noted", Outcome = AssessmentOutcome.Other,
            PeopleSeen = [f.Mother.Id, f.Father.Id], Considered = considered,
        });
        // Seen again later is presence, not assessment.
        f.Record(TestFamily.At(2, 5, 10), f.HealthVisitor, new HomeVisit { ChildSeen = true, PeopleSeen = [f.Child.Id, f.Father.Id] }, f.Child, f.Father);

        var found = f.Evaluate(_safeguard, TestFamily.At(2, 6));

        Assert.Equal(fires, found.Count == 1);
        if (fires) Assert.Equal($"assessment:{assessment.Id}:person:{f.Father.Id}", found[0].CauseKey);
    }

    // Judgements other than assessments and plans: a strategy discussion ending the work, a conference, a safety plan.

    [Theory]
    [InlineData(StrategyOutcome.NoFurtherAction, true)]
    [InlineData(StrategyOutcome.Section47Enquiry, false)] // hands the work to the enquiry, which is asked to see the adults
    public void A_strategy_discussion_that_ends_the_work_without_the_father_assessed_is_flagged(StrategyOutcome decision, bool fires)
    {
        var f = new TestFamily();
        f.Record(TestFamily.At(2, 2, 9), f.HealthVisitor, new ContactReceived { Concerns = "Bruise" });
        f.Record(TestFamily.At(2, 2, 10), f.SocialWorker, new HomeVisit { ChildSeen = true, PeopleSeen = [f.Child.Id, f.Mother.Id] });
        var discussion = f.Record(TestFamily.At(2, 2, 15), f.SocialWorker, new StrategyDiscussion { Decision = decision });

        var found = f.Evaluate(_safeguard, TestFamily.At(2, 2, 16)).Where(x => x.CauseKey.StartsWith("judgement:", StringComparison.Ordinal)).ToList();

        Assert.Equal(fires, found.Count == 1);
        if (!fires) return;
        Assert.Equal($"judgement:{discussion.Id}:person:{f.Father.Id}", found[0].CauseKey);
        Assert.Contains("strategy discussion", found[0].Summary);
    }

    [Theory]
    [InlineData(2, 9, true)]   // Monday 2 February + 5 working days: a reminder until the end of Monday 9 February
    [InlineData(2, 10, false)] // then an alert: the step is late
    public void A_judgement_leaving_an_adult_out_is_a_reminder_until_its_time_then_an_alert(int month, int day, bool reminder)
    {
        var f = new TestFamily();
        f.Record(TestFamily.At(1, 26, 9), f.HealthVisitor, new ContactReceived { Concerns = "Neglect" });
        f.Record(TestFamily.At(1, 27, 10), f.SocialWorker, new HomeVisit { ChildSeen = true, PeopleSeen = [f.Child.Id, f.Mother.Id] });
        f.Record(TestFamily.At(2, 2, 15), f.SocialWorker, new StrategyDiscussion { Decision = StrategyOutcome.NoFurtherAction });

        var finding = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(month, day, 12)), x => x.CauseKey.StartsWith("judgement:", StringComparison.Ordinal));

        Assert.Equal(reminder, finding.Reminder);
        Assert.Equal(TestFamily.EndOf(2, 9), finding.DueAt);
    }

    [Fact]
    public void The_clock_comes_back_when_a_judgement_s_reminder_falls_due_even_with_no_plan_or_assessment_open()
    {
        var f = new TestFamily();
        f.Record(TestFamily.At(1, 26, 9), f.HealthVisitor, new ContactReceived { Concerns = "Neglect" });
        f.Record(TestFamily.At(1, 27, 10), f.SocialWorker, new HomeVisit { ChildSeen = true, PeopleSeen = [f.Child.Id, f.Mother.Id] });
        f.Record(TestFamily.At(2, 2, 15), f.SocialWorker, new StrategyDiscussion { Decision = StrategyOutcome.NoFurtherAction });

        var now = TestFamily.At(2, 3, 12);
        var next = _safeguard.NextChange(f.Case.Build(Chronicle.Testing.CaseFileBuilder.At(now)), f.Case.Context(now));

        // A reminder now, an alert just after the end of Monday 9 February: the clock must look again by then.
        Assert.NotNull(next);
        Assert.True(next <= TestFamily.EndOf(2, 9).AddTicks(1), $"next change {next}");
        Assert.True(Assert.Single(f.Evaluate(_safeguard, now), x => x.CauseKey.StartsWith("judgement:", StringComparison.Ordinal)).Reminder);
    }

    [Theory]
    [InlineData(null, true)]   // not recorded: never read as assessing him, and nothing else in the episode did
    [InlineData(false, true)]  // recorded, and he is not among those assessed as parents
    [InlineData(true, false)]  // recorded, and he is
    public void A_review_conference_is_judged_by_whom_it_records_it_assessed_as_a_parent(bool? fatherAssessed, bool fires)
    {
        var f = new TestFamily();
        f.Record(TestFamily.At(1, 26, 9), f.HealthVisitor, new ContactReceived { Concerns = "Neglect" });
        f.Record(TestFamily.At(1, 27, 10), f.SocialWorker, new HomeVisit { ChildSeen = true, PeopleSeen = [f.Child.Id, f.Mother.Id] });
        f.Record(TestFamily.At(2, 2, 15), f.SocialWorker, new MeetingHeld
        {
            Type = MeetingType.ReviewChildProtectionConference, Decision = ConferenceDecision.PlanContinues,
            ParentingAssessed = fatherAssessed is null ? null : fatherAssessed.Value ? [f.Mother.Id, f.Father.Id] : [f.Mother.Id],
        });

        var found = f.Evaluate(_safeguard, TestFamily.At(2, 2, 16)).Where(x => x.CauseKey.StartsWith("judgement:", StringComparison.Ordinal)).ToList();

        Assert.Equal(fires, found.Count(x => x.CauseKey.EndsWith($":person:{f.Father.Id}", StringComparison.Ordinal)) == 1);
        Assert.DoesNotContain(found, x => x.CauseKey.EndsWith($":person:{f.Mother.Id}", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)] // an assessment in the episode that saw him: the safety plan is not made without him
    public void A_safety_plan_made_without_the_father_assessed_in_the_episode_is_flagged(bool assessedInEpisode, bool fires)
    {
        var f = new TestFamily();
        f.Record(TestFamily.At(1, 26, 9), f.HealthVisitor, new ContactReceived { Concerns = "Neglect" });
        Guid[] seen = assessedInEpisode ? [f.Child.Id, f.Mother.Id, f.Father.Id] : [f.Child.Id, f.Mother.Id];
        Complete(f, TestFamily.At(1, 30, 15), seen);
        f.Record(TestFamily.At(2, 2, 15), f.SocialWorker, new PlanStarted { Type = PlanType.Safety });

        var found = f.Evaluate(_safeguard, TestFamily.At(2, 2, 16)).Where(x => x.CauseKey.StartsWith("judgement:", StringComparison.Ordinal)).ToList();

        Assert.Equal(fires, found.Count == 1);
        if (fires) Assert.Contains("safety plan", found[0].Summary);
    }

    [Fact]
    public void A_conference_that_starts_a_plan_the_same_day_is_judged_as_the_plan_once()
    {
        var f = new TestFamily();
        f.Record(TestFamily.At(1, 26, 9), f.HealthVisitor, new ContactReceived { Concerns = "Neglect" });
        f.Record(TestFamily.At(2, 2, 10), f.SocialWorker, new MeetingHeld { Type = MeetingType.InitialChildProtectionConference, Decision = ConferenceDecision.ChildProtectionPlan });
        f.StartPlan(TestFamily.At(2, 2, 12));

        var found = f.Evaluate(_safeguard, TestFamily.At(2, 2, 16));

        Assert.DoesNotContain(found, x => x.CauseKey.StartsWith("judgement:", StringComparison.Ordinal));
        Assert.Contains(found, x => x.CauseKey.StartsWith("plan:", StringComparison.Ordinal) && x.CauseKey.EndsWith($":person:{f.Father.Id}", StringComparison.Ordinal));
    }
}

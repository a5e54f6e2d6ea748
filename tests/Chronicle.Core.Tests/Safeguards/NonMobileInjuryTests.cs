using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Safeguards.Catalogue;

namespace Chronicle.Core.Tests.Safeguards;

public sealed class NonMobileInjuryTests
{
    private readonly NonMobileInjury _safeguard = new();

    private static InjuryObserved Bruise(Mobility mobility = Mobility.NotRecorded) =>
        new() { Type = InjuryType.Bruise, Site = "face", Description = "Small bruise on the cheek", ChildMobility = mobility };

    [Fact]
    public void A_bruise_on_a_six_day_old_asks_for_referral_medical_and_strategy_discussion_by_the_end_of_the_day()
    {
        var f = new TestFamily();
        var midwife = f.HealthVisitor;
        var bruise = f.Record(TestFamily.At(1, 25, 10, 30), midwife, Bruise());

        var finding = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(1, 25, 10, 31)));

        Assert.Equal($"injury:{bruise.Id}", finding.CauseKey);
        Assert.Equal([bruise.Id], finding.Evidence);
        Assert.Equal(midwife.Id, finding.OwnerProfessionalId);
        Assert.StartsWith("A bruise (face) was recorded on a child who is not independently mobile", finding.Summary, StringComparison.Ordinal);
        // Sunday 25 January: the same working day, and the first working day after, are both Monday 26 January.
        Assert.Equal(TestFamily.EndOf(1, 26), finding.DueAt);
        Assert.Contains("referral to children's social care by the end of Monday 26 January 2015", finding.AskFor);
        Assert.Contains("child protection medical) by the end of Monday 26 January 2015", finding.AskFor);
        Assert.Contains("strategy discussion", finding.AskFor);
    }

    [Fact]
    public void On_a_working_day_the_referral_is_due_that_day_and_the_medical_the_next()
    {
        var f = new TestFamily();
        f.Record(TestFamily.At(1, 26, 10, 30), f.HealthVisitor, Bruise());

        var finding = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(1, 26, 11)));

        Assert.Equal(TestFamily.EndOf(1, 26), finding.DueAt);
        Assert.Contains("referral to children's social care by the end of Monday 26 January 2015", finding.AskFor);
        Assert.Contains("child protection medical) by the end of Tuesday 27 January 2015", finding.AskFor);
    }

    [Fact]
    public void Recorded_as_not_independently_mobile_fires_whatever_the_age()
    {
        var f = new TestFamily(born: new DateOnly(2014, 1, 1));
        f.Record(TestFamily.At(1, 26), f.HealthVisitor, Bruise(Mobility.NotIndependentlyMobile));

        Assert.Single(f.Evaluate(_safeguard, TestFamily.At(1, 26, 12)));
    }

    [Fact]
    public void Recorded_as_independently_mobile_does_not_fire_even_for_a_young_baby()
    {
        var f = new TestFamily();
        f.Record(TestFamily.At(1, 26), f.HealthVisitor, Bruise(Mobility.IndependentlyMobile));

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(1, 26, 12)));
    }

    [Theory]
    [InlineData(7, 30, true)]  // 5 months 30 days
    [InlineData(7, 31, false)] // 6 months exactly
    public void With_mobility_not_recorded_the_age_threshold_decides(int month, int day, bool fires)
    {
        var f = new TestFamily(born: new DateOnly(2015, 1, 31));
        f.Record(TestFamily.At(month, day), f.HealthVisitor, Bruise());

        Assert.Equal(fires, f.Evaluate(_safeguard, TestFamily.At(month, day, 12)).Count == 1);
    }

    [Fact]
    public void Unknown_age_and_unknown_mobility_is_treated_as_not_mobile()
    {
        var f = new TestFamily(bornKnown: false);
        f.Record(TestFamily.At(1, 26), f.HealthVisitor, Bruise());

        Assert.Single(f.Evaluate(_safeguard, TestFamily.At(1, 26, 12)));
    }

    [Fact]
    public void The_age_threshold_is_the_partnerships_setting()
    {
        var f = new TestFamily(born: new DateOnly(2015, 1, 1));
        f.Case.Policy["SG-01.age-threshold"] = "3";
        f.Record(TestFamily.At(5, 1), f.HealthVisitor, Bruise());

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(5, 1, 12)));
    }

    [Fact]
    public void Clears_when_referral_medical_and_strategy_discussion_are_recorded()
    {
        var f = new TestFamily();
        var bruise = f.Record(TestFamily.At(1, 26, 10), f.HealthVisitor, Bruise());
        Referred(f, TestFamily.At(1, 26, 11));
        f.Record(TestFamily.At(1, 27, 10), f.Paediatrician, new ChildProtectionMedical { Opinion = MedicalOpinion.Undetermined, Findings = "Cause not determined", InjuryEntryIds = [bruise.Id] });
        var beforeStrategy = f.Evaluate(_safeguard, TestFamily.At(1, 27, 12));
        f.OpenEnquiry(TestFamily.At(1, 27, 14));

        var finding = Assert.Single(beforeStrategy);
        Assert.Equal(TestFamily.EndOf(1, 27), finding.DueAt);
        Assert.DoesNotContain("referral", finding.AskFor);
        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(1, 27, 15)));
    }

    [Fact]
    public void With_always_a_decision_not_to_hold_a_strategy_discussion_does_not_clear_it()
    {
        var f = new TestFamily();
        var bruise = f.Record(TestFamily.At(1, 26, 10), f.HealthVisitor, Bruise());
        f.Record(TestFamily.At(1, 26, 11), f.HealthVisitor, new ContactReceived { Concerns = "Bruise" });
        f.Record(TestFamily.At(1, 27, 10), f.Paediatrician, new ChildProtectionMedical { Opinion = MedicalOpinion.Accidental, Findings = "Birth mark", InjuryEntryIds = [bruise.Id] });
        f.Decide(TestFamily.At(1, 27, 12), f.SocialWorker, DecisionTopic.StrategyDiscussion, bruise.Id);

        var finding = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(1, 27, 13)));
        Assert.Contains("a strategy discussion", finding.AskFor);
    }

    [Fact]
    public void After_appraisal_a_decision_recorded_after_the_medical_clears_it()
    {
        var f = new TestFamily();
        f.Case.Policy["SG-01.strategy-discussion"] = NonMobileInjury.AfterAppraisal;
        var bruise = f.Record(TestFamily.At(1, 26, 10), f.HealthVisitor, Bruise());
        f.Record(TestFamily.At(1, 26, 11), f.HealthVisitor, new ContactReceived { Concerns = "Bruise" });
        f.Record(TestFamily.At(1, 27, 10), f.Paediatrician, new ChildProtectionMedical { Opinion = MedicalOpinion.Accidental, Findings = "Birth mark", InjuryEntryIds = [bruise.Id] });
        f.Decide(TestFamily.At(1, 27, 12), f.SocialWorker, DecisionTopic.StrategyDiscussion, bruise.Id);

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(1, 27, 13)));
    }

    [Fact]
    public void After_appraisal_a_decision_made_before_the_medical_does_not_clear_it()
    {
        var f = new TestFamily();
        f.Case.Policy["SG-01.strategy-discussion"] = NonMobileInjury.AfterAppraisal;
        var bruise = f.Record(TestFamily.At(1, 26, 10), f.HealthVisitor, Bruise());
        f.Record(TestFamily.At(1, 26, 11), f.HealthVisitor, new ContactReceived { Concerns = "Bruise" });
        f.Decide(TestFamily.At(1, 26, 12), f.SocialWorker, DecisionTopic.StrategyDiscussion, bruise.Id);
        f.Record(TestFamily.At(1, 27, 10), f.Paediatrician, new ChildProtectionMedical { Opinion = MedicalOpinion.Accidental, Findings = "Birth mark", InjuryEntryIds = [bruise.Id] });

        var finding = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(1, 27, 13)));
        Assert.Contains("a decision, after the medical, on a strategy discussion", finding.AskFor);
    }

    [Fact]
    public void A_medical_about_another_injury_does_not_count()
    {
        var f = new TestFamily();
        var old = f.Record(TestFamily.At(1, 20), f.HealthVisitor, new InjuryObserved { Type = InjuryType.Mark, Site = "leg", Description = "Mark", ChildMobility = Mobility.IndependentlyMobile });
        f.Record(TestFamily.At(1, 26, 10), f.HealthVisitor, Bruise());
        f.Record(TestFamily.At(1, 26, 11), f.HealthVisitor, new ContactReceived { Concerns = "Bruise" });
        f.Record(TestFamily.At(1, 26, 15), f.Paediatrician, new ChildProtectionMedical { Opinion = MedicalOpinion.Accidental, Findings = "Mark", InjuryEntryIds = [old.Id] });

        var finding = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(1, 26, 16)));
        Assert.Contains("paediatric opinion", finding.AskFor);
    }

    [Fact]
    public void Social_care_recording_the_injury_itself_needs_no_referral()
    {
        var f = new TestFamily();
        f.Record(TestFamily.At(1, 26, 10), f.SocialWorker, Bruise());

        var finding = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(1, 26, 11)));
        Assert.DoesNotContain("referral to children's social care", finding.AskFor);
    }

    [Fact]
    public void Correcting_the_injury_keeps_the_same_cause()
    {
        var f = new TestFamily();
        var bruise = f.Record(TestFamily.At(1, 26, 10), f.HealthVisitor, Bruise());
        f.Case.Correct(bruise, TestFamily.At(1, 26, 12), f.HealthVisitor, Bruise() with { Site = "left cheek" }, "Site recorded more precisely");

        Assert.Equal($"injury:{bruise.Id}", Assert.Single(f.Evaluate(_safeguard, TestFamily.At(1, 26, 13))).CauseKey);
    }

    [Fact]
    public void The_cause_key_is_stable_and_a_later_referral_is_not_seen_before_it_is_recorded()
    {
        var f = new TestFamily();
        f.Record(TestFamily.At(1, 26, 10), f.HealthVisitor, Bruise());
        f.Record(TestFamily.At(1, 26, 16), f.HealthVisitor, new ContactReceived { Concerns = "Bruise" });

        var morning = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(1, 26, 11)));
        var evening = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(1, 26, 17)));

        Assert.Equal(morning.CauseKey, evening.CauseKey);
        Assert.Contains("referral to children's social care", morning.AskFor);
        Assert.DoesNotContain("referral to children's social care", evening.AskFor);
    }

    // The pathway under way within its time is a reminder; a late or missing step is an alert.

    private static void Referred(TestFamily f, DateTime at, ContactOutcome decision = ContactOutcome.StrategyDiscussion)
    {
        var contact = f.Record(at, f.HealthVisitor, new ContactReceived { Concerns = "Bruise on a non-mobile baby" });
        f.Record(at.AddMinutes(30), f.DutyWorker, new ContactDecision { ContactEntryId = contact.Id, Decision = decision, Rationale = "Bruising protocol" });
    }

    [Fact]
    public void Every_step_within_its_time_is_a_reminder_not_an_alert()
    {
        var f = new TestFamily();
        f.Record(TestFamily.At(1, 26, 10), f.HealthVisitor, Bruise());
        Referred(f, TestFamily.At(1, 26, 10, 20));

        var finding = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(1, 27, 23, 59)));

        Assert.True(finding.Reminder);
        Assert.Contains("paediatric opinion", finding.AskFor);
    }

    [Fact]
    public void A_step_past_its_due_time_is_an_alert()
    {
        var f = new TestFamily();
        f.Record(TestFamily.At(1, 26, 10), f.HealthVisitor, Bruise());
        Referred(f, TestFamily.At(1, 26, 10, 20));

        var finding = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(1, 28, 0, 1)));

        Assert.False(finding.Reminder);
        Assert.Equal(TestFamily.EndOf(1, 27), finding.DueAt);
    }

    [Theory]
    [InlineData(23, 59, true)]
    [InlineData(24, 1, false)]
    public void Children_s_social_care_decides_on_the_referral_the_same_working_day(int hour, int minute, bool reminder)
    {
        var f = new TestFamily();
        f.Record(TestFamily.At(1, 26, 10), f.HealthVisitor, Bruise());
        f.Record(TestFamily.At(1, 26, 10, 20), f.HealthVisitor, new ContactReceived { Concerns = "Bruise on a non-mobile baby" });

        var finding = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(1, 26, 0).AddHours(hour).AddMinutes(minute)));

        Assert.Equal(reminder, finding.Reminder);
        Assert.Contains("children's social care's decision on the referral by the end of Monday 26 January 2015", finding.AskFor);
    }

    [Fact]
    public void A_referral_taken_no_further_without_a_strategy_discussion_is_an_alert_at_once()
    {
        var f = new TestFamily();
        f.Record(TestFamily.At(1, 26, 10), f.HealthVisitor, Bruise());
        Referred(f, TestFamily.At(1, 26, 10, 20), ContactOutcome.NoFurtherAction);

        var finding = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(1, 26, 11)));

        Assert.False(finding.Reminder);
        Assert.Contains("without a strategy discussion", finding.Summary);
    }

    [Fact]
    public void After_appraisal_a_referral_taken_no_further_is_not_by_itself_an_alert()
    {
        var f = new TestFamily();
        f.Case.Policy["SG-01.strategy-discussion"] = NonMobileInjury.AfterAppraisal;
        f.Record(TestFamily.At(1, 26, 10), f.HealthVisitor, Bruise());
        Referred(f, TestFamily.At(1, 26, 10, 20), ContactOutcome.NoFurtherAction);

        Assert.True(Assert.Single(f.Evaluate(_safeguard, TestFamily.At(1, 26, 11))).Reminder);
    }

    [Fact]
    public void A_recorded_decision_accepting_a_clinical_explanation_closes_the_pathway()
    {
        var f = new TestFamily();
        var cannula = f.Record(TestFamily.At(1, 26, 10), f.HealthVisitor, Bruise() with { ExplanationGiven = "Cannula in hospital", MedicalCause = true });
        f.Decide(TestFamily.At(1, 26, 11), f.HealthVisitor, DecisionTopic.MedicalExplanation, cannula.Id);

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(1, 28, 0, 1)));
    }

    [Fact]
    public void A_clinical_explanation_with_no_decision_accepting_it_stays_on_the_pathway()
    {
        var f = new TestFamily();
        f.Record(TestFamily.At(1, 26, 10), f.HealthVisitor, Bruise() with { ExplanationGiven = "Cannula in hospital", MedicalCause = true });

        Assert.False(Assert.Single(f.Evaluate(_safeguard, TestFamily.At(1, 28, 0, 1))).Reminder);
    }

    [Fact]
    public void Where_the_partnership_keeps_the_full_pathway_the_decision_does_not_close_it()
    {
        var f = new TestFamily();
        f.Case.Policy["SG-01.medical-cause"] = NonMobileInjury.Pathway;
        var cannula = f.Record(TestFamily.At(1, 26, 10), f.HealthVisitor, Bruise() with { ExplanationGiven = "Cannula in hospital", MedicalCause = true });
        f.Decide(TestFamily.At(1, 26, 11), f.HealthVisitor, DecisionTopic.MedicalExplanation, cannula.Id);

        Assert.Single(f.Evaluate(_safeguard, TestFamily.At(1, 28, 0, 1)));
    }

    [Fact]
    public void The_engine_raises_no_alert_for_a_reminder_and_lists_it_for_the_owner_s_work()
    {
        var f = new TestFamily();
        f.Record(TestFamily.At(1, 26, 10), f.HealthVisitor, Bruise());
        var engine = new SafeguardEngine([_safeguard], Chronicle.Core.Time.WorkingDayCalendar.EnglandAndWales, TimeProvider.System);

        var duringTheDay = f.Case.Context(TestFamily.At(1, 26, 11));
        var nextDay = f.Case.Context(TestFamily.At(1, 27, 0, 1));

        Assert.Empty(engine.Find(f.Case.Build(), duringTheDay));
        Assert.Equal("SG-01", Assert.Single(engine.Reminders(f.Case.Build(), duringTheDay)).Safeguard.Id);
        Assert.Single(engine.Find(f.Case.Build(), nextDay));
        Assert.Empty(engine.Reminders(f.Case.Build(), nextDay));
    }
}

using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Safeguards.Catalogue;

namespace Chronicle.Core.Tests.Safeguards;

public sealed class WasNotBroughtTests
{
    private readonly WasNotBrought _safeguard = new();

    private static CaseEntry NotBrought(CaseWithTeam c, DateTime at, AppointmentOutcome outcome = AppointmentOutcome.WasNotBrought, bool? health = true) =>
        c.Record(at, c.HealthVisitor, new Appointment { Service = "Health visiting", Outcome = outcome, ProfessionalId = c.HealthVisitor.Id, Health = health });

    [Fact]
    public void A_child_on_a_plan_not_brought_once_is_found()
    {
        var c = new CaseWithTeam();
        c.Plan(new DateTime(2015, 1, 5), PlanType.ChildInNeed, CaseWithTeam.SpecificItem(c.SocialWorker));
        var missed = NotBrought(c, new DateTime(2015, 3, 2, 10, 0, 0));

        var finding = Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 3, 2, 12, 0, 0)));

        Assert.Equal($"was-not-brought:{missed.Id}", finding.CauseKey);
        Assert.Equal(CaseWithTeam.EndOf(2015, 3, 3), finding.DueAt);
        Assert.Equal(c.HealthVisitor.Id, finding.OwnerProfessionalId);
        Assert.Equal([missed.Id], finding.Evidence);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void An_appointment_not_recorded_as_health_or_not_counts_as_possibly_health(bool? health, bool found)
    {
        var c = new CaseWithTeam();
        c.Plan(new DateTime(2015, 1, 5), PlanType.ChildInNeed, CaseWithTeam.SpecificItem(c.SocialWorker));
        var missed = NotBrought(c, new DateTime(2015, 3, 2, 10, 0, 0), health: health);

        Assert.Null(health is null ? missed.As<Appointment>()!.Health : null);
        Assert.Equal(found, c.Evaluate(_safeguard, new DateTime(2015, 3, 2, 12, 0, 0)).Any());
    }

    [Fact]
    public void A_child_not_on_a_plan_not_brought_once_is_not_found()
    {
        var c = new CaseWithTeam();
        NotBrought(c, new DateTime(2015, 3, 2, 10, 0, 0));

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 3, 3)));
    }

    [Fact]
    public void Twice_within_six_months_is_found_on_the_second()
    {
        var c = new CaseWithTeam();
        NotBrought(c, new DateTime(2015, 3, 2, 10, 0, 0));
        var second = NotBrought(c, new DateTime(2015, 9, 2, 10, 0, 0));

        var finding = Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 9, 3)));
        Assert.Equal($"was-not-brought:{second.Id}", finding.CauseKey);
        Assert.Equal(2, finding.Evidence.Count);
    }

    [Fact]
    public void Twice_not_brought_off_a_plan_is_a_reminder_until_the_lead_is_due_to_have_recorded_what_was_done()
    {
        var c = new CaseWithTeam();
        NotBrought(c, new DateTime(2015, 3, 2, 10, 0, 0));
        NotBrought(c, new DateTime(2015, 9, 2, 10, 0, 0));

        Assert.True(Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 9, 2, 12, 0, 0))).Reminder);
        Assert.False(Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 9, 4, 0, 1, 0))).Reminder);
    }

    [Fact]
    public void Twice_not_brought_off_a_plan_and_answered_in_time_is_never_an_alert()
    {
        var c = new CaseWithTeam();
        NotBrought(c, new DateTime(2015, 3, 2, 10, 0, 0));
        var second = NotBrought(c, new DateTime(2015, 9, 2, 10, 0, 0));
        c.Record(new DateTime(2015, 9, 3, 11, 0, 0), c.SocialWorker,
            new DecisionRecorded { Topic = DecisionTopic.Other, Decision = "GP and school nurse told; appointment rebooked", Rationale = "Not brought twice", AboutEntryId = second.Id });

        Assert.All(c.Evaluate(_safeguard, new DateTime(2015, 9, 2, 12, 0, 0)), f => Assert.True(f.Reminder));
        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 9, 4, 0, 1, 0)));
    }

    [Fact]
    public void A_child_on_a_plan_not_brought_is_an_alert_at_once()
    {
        var c = new CaseWithTeam();
        c.Plan(new DateTime(2015, 1, 5), PlanType.ChildInNeed, CaseWithTeam.SpecificItem(c.SocialWorker));
        NotBrought(c, new DateTime(2015, 3, 2, 10, 0, 0));

        Assert.False(Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 3, 2, 12, 0, 0))).Reminder);
    }

    [Fact]
    public void Twice_six_months_and_a_day_apart_is_not_found()
    {
        var c = new CaseWithTeam();
        NotBrought(c, new DateTime(2015, 3, 2, 10, 0, 0));
        NotBrought(c, new DateTime(2015, 9, 3, 10, 0, 0));

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 9, 4)));
    }

    [Fact]
    public void A_child_who_did_not_attend_counts_as_not_brought()
    {
        var c = new CaseWithTeam();
        NotBrought(c, new DateTime(2015, 3, 2, 10, 0, 0), AppointmentOutcome.DidNotAttend);
        NotBrought(c, new DateTime(2015, 4, 2, 10, 0, 0));

        Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 4, 3)));
    }

    [Theory]
    [InlineData(AppointmentOutcome.Attended, true)]
    [InlineData(AppointmentOutcome.CancelledByService, true)]
    [InlineData(AppointmentOutcome.WasNotBrought, false)]
    public void Attended_cancelled_by_the_service_or_not_health_appointments_do_not_count(AppointmentOutcome outcome, bool health)
    {
        var c = new CaseWithTeam();
        c.Plan(new DateTime(2015, 1, 5), PlanType.ChildProtection, CaseWithTeam.SpecificItem(c.SocialWorker));
        NotBrought(c, new DateTime(2015, 3, 2, 10, 0, 0), outcome, health);

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 3, 3)));
    }

    [Fact]
    public void The_lead_professional_recording_what_was_done_clears_it()
    {
        var c = new CaseWithTeam();
        c.Plan(new DateTime(2015, 1, 5), PlanType.ChildInNeed, CaseWithTeam.SpecificItem(c.SocialWorker));
        var missed = NotBrought(c, new DateTime(2015, 3, 2, 10, 0, 0));

        c.Decision(new DateTime(2015, 3, 2, 15, 0, 0), c.SocialWorker, DecisionTopic.Other, missed.Id);

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 3, 2, 16, 0, 0)));
    }

    [Fact]
    public void A_decision_by_another_agency_does_not_clear_it()
    {
        var c = new CaseWithTeam();
        c.Plan(new DateTime(2015, 1, 5), PlanType.ChildInNeed, CaseWithTeam.SpecificItem(c.SocialWorker));
        var missed = NotBrought(c, new DateTime(2015, 3, 2, 10, 0, 0));

        c.Decision(new DateTime(2015, 3, 2, 15, 0, 0), c.HealthVisitor, DecisionTopic.Other, missed.Id);

        Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 3, 2, 16, 0, 0)));
    }

    [Fact]
    public void Each_missed_appointment_is_its_own_cause()
    {
        var c = new CaseWithTeam();
        c.Plan(new DateTime(2015, 1, 5), PlanType.ChildInNeed, CaseWithTeam.SpecificItem(c.SocialWorker));
        var first = NotBrought(c, new DateTime(2015, 3, 2, 10, 0, 0));
        var second = NotBrought(c, new DateTime(2015, 3, 9, 10, 0, 0));

        var keys = c.Evaluate(_safeguard, new DateTime(2015, 3, 10)).Select(f => f.CauseKey);

        Assert.Equal([$"was-not-brought:{first.Id}", $"was-not-brought:{second.Id}"], keys);
    }
}

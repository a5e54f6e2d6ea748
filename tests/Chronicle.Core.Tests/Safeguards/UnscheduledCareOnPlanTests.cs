using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Safeguards.Catalogue;

namespace Chronicle.Core.Tests.Safeguards;

public sealed class UnscheduledCareOnPlanTests
{
    private readonly UnscheduledCareOnPlan _safeguard = new();

    private static HospitalAttendance AtAandE(bool possiblyNonAccidental = false) =>
        new() { Setting = CareSetting.EmergencyDepartment, Reason = "Fall", Injury = possiblyNonAccidental, PossiblyNonAccidental = possiblyNonAccidental };

    [Fact]
    public void An_attendance_of_a_child_on_a_protection_plan_asks_for_the_social_workers_acknowledgement_today()
    {
        var f = new TestFamily();
        f.StartPlan(TestFamily.At(3, 2));
        var attendance = f.Record(TestFamily.At(3, 7, 22, 15), f.Clinician, AtAandE());

        var finding = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(3, 7, 22, 16)));

        Assert.Equal($"attendance:{attendance.Id}", finding.CauseKey);
        Assert.Equal(f.SocialWorker.Id, finding.OwnerProfessionalId);
        // Saturday: "at once" does not wait for a working day.
        Assert.Equal(TestFamily.EndOf(3, 7), finding.DueAt);
        Assert.Equal([attendance.Id], finding.Evidence);
        Assert.DoesNotContain("police", finding.AskFor);
    }

    [Fact]
    public void A_child_with_no_plan_enquiry_or_care_status_is_not_flagged()
    {
        var f = new TestFamily();
        f.Record(TestFamily.At(3, 7, 22), f.Clinician, AtAandE(possiblyNonAccidental: true));

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(3, 7, 23)));
    }

    [Fact]
    public void A_plan_that_ended_before_the_attendance_does_not_count()
    {
        var f = new TestFamily();
        var plan = f.StartPlan(TestFamily.At(3, 2));
        f.Record(TestFamily.At(3, 5), f.SocialWorker, new PlanEnded { PlanEntryId = plan.Id, Reason = "Risk reduced" });
        f.Record(TestFamily.At(3, 7, 22), f.Clinician, AtAandE());

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(3, 7, 23)));
    }

    [Fact]
    public void An_open_section_47_enquiry_counts()
    {
        var f = new TestFamily();
        f.OpenEnquiry(TestFamily.At(3, 2));
        f.Record(TestFamily.At(3, 4, 15), f.Clinician, AtAandE());

        Assert.Single(f.Evaluate(_safeguard, TestFamily.At(3, 4, 16)));
    }

    [Fact]
    public void Being_in_police_protection_counts_as_looked_after()
    {
        var f = new TestFamily();
        f.Record(TestFamily.At(3, 4, 10), f.PoliceOfficer, new PoliceProtection { PlaceOfSafety = "Hospital ward" });
        f.Record(TestFamily.At(3, 4, 15), f.Clinician, AtAandE());

        Assert.Single(f.Evaluate(_safeguard, TestFamily.At(3, 4, 16)));
    }

    [Fact]
    public void A_share_alone_is_not_enough_the_social_worker_must_acknowledge_it()
    {
        var f = new TestFamily();
        f.StartPlan(TestFamily.At(3, 2));
        var attendance = f.Record(TestFamily.At(3, 4, 15), f.Clinician, AtAandE());
        var share = f.Share(TestFamily.At(3, 4, 15, 30), f.Clinician, attendance, f.SocialWorker);

        Assert.Single(f.Evaluate(_safeguard, TestFamily.At(3, 4, 16)));

        f.Acknowledge(TestFamily.At(3, 4, 16, 30), f.SocialWorker, share);
        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(3, 4, 17)));
    }

    [Fact]
    public void Out_of_hours_a_duty_social_workers_acknowledgement_counts()
    {
        var f = new TestFamily();
        f.StartPlan(TestFamily.At(3, 2));
        var attendance = f.Record(TestFamily.At(3, 7, 2), f.Clinician, AtAandE());
        var share = f.Share(TestFamily.At(3, 7, 2, 30), f.Clinician, attendance, f.DutyWorker);
        f.Acknowledge(TestFamily.At(3, 7, 3), f.DutyWorker, share);

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(3, 7, 4)));
    }

    [Fact]
    public void A_possibly_non_accidental_injury_also_asks_for_police_to_be_told_the_same_day()
    {
        var f = new TestFamily();
        f.StartPlan(TestFamily.At(3, 2));
        var attendance = f.Record(TestFamily.At(3, 4, 15), f.Clinician, AtAandE(possiblyNonAccidental: true));
        var share = f.Share(TestFamily.At(3, 4, 15, 30), f.Clinician, attendance, f.SocialWorker);
        f.Acknowledge(TestFamily.At(3, 4, 16), f.SocialWorker, share);
        f.Record(TestFamily.At(3, 5, 9), f.Clinician, new InformationShared { AboutEntryId = attendance.Id, Summary = "A&E attendance", RecipientAgencyIds = [f.Police.Id] });

        var sameDay = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(3, 4, 17)));
        var nextDay = f.Evaluate(_safeguard, TestFamily.At(3, 5, 10));

        Assert.Contains("police", sameDay.AskFor);
        Assert.Equal(TestFamily.EndOf(3, 4), sameDay.DueAt);
        Assert.Empty(nextDay);
    }

    [Fact]
    public void Police_recording_about_the_child_after_the_attendance_shows_they_know()
    {
        var f = new TestFamily();
        f.StartPlan(TestFamily.At(3, 2));
        var attendance = f.Record(TestFamily.At(3, 4, 15), f.Clinician, AtAandE(possiblyNonAccidental: true));
        f.Acknowledge(TestFamily.At(3, 4, 16), f.SocialWorker, f.Share(TestFamily.At(3, 4, 15, 30), f.Clinician, attendance, f.SocialWorker));
        f.Record(TestFamily.At(3, 4, 18), f.PoliceOfficer, new PoliceProtection { PlaceOfSafety = "Hospital ward" });

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(3, 4, 19)));
    }

    [Fact]
    public void The_cause_key_is_stable_across_evaluations()
    {
        var f = new TestFamily();
        f.StartPlan(TestFamily.At(3, 2));
        f.Record(TestFamily.At(3, 4, 15), f.Clinician, AtAandE());

        Assert.Equal(
            Assert.Single(f.Evaluate(_safeguard, TestFamily.At(3, 4, 16))).CauseKey,
            Assert.Single(f.Evaluate(_safeguard, TestFamily.At(3, 9, 16))).CauseKey);
    }
}

using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Safeguards.Catalogue;
using Chronicle.Testing;

namespace Chronicle.Core.Tests.Safeguards;

public sealed class AgencyNotInvitedOrAbsentTests
{
    private readonly AgencyNotInvitedOrAbsent _safeguard = new();

    /// <summary>The GP and health visitor work with the child; the conference is on Friday 20 February 2015 at 10:00.</summary>
    private static TestFamily FamilyWithGpAndHealthVisitor()
    {
        var f = new TestFamily();
        f.Case.Involve(f.Doctor, f.Child, TestFamily.From, "GP");
        f.Case.Involve(f.HealthVisitor, f.Child, TestFamily.From, "health visitor");
        return f;
    }

    private static CaseEntry Schedule(TestFamily f, MeetingType type, params Agency[] invited) =>
        f.Record(TestFamily.At(2, 5), f.SocialWorker, new MeetingScheduled
        {
            Type = type,
            ScheduledFor = CaseFileBuilder.At(TestFamily.At(2, 20, 10)),
            ChairProfessionalId = f.Manager.Id,
            Invited = [.. invited.Select(a => new Invitation { AgencyId = a.Id })],
        });

    [Fact]
    public void A_conference_that_does_not_invite_the_gp_is_flagged_at_once_and_due_before_the_meeting()
    {
        var f = FamilyWithGpAndHealthVisitor();
        var meeting = Schedule(f, MeetingType.InitialChildProtectionConference, f.HealthVisiting, f.Police);

        var finding = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(2, 5, 10)));

        Assert.Equal($"invite:{meeting.Id}:{f.Gp.Id}", finding.CauseKey);
        Assert.Equal(CaseFileBuilder.At(TestFamily.At(2, 20, 10)), finding.DueAt);
        Assert.Equal(f.Manager.Id, finding.OwnerProfessionalId);
        Assert.Contains("Riverside Surgery", finding.Summary);
    }

    [Fact]
    public void Inviting_a_named_professional_invites_their_agency()
    {
        var f = FamilyWithGpAndHealthVisitor();
        f.Record(TestFamily.At(2, 5), f.SocialWorker, new MeetingScheduled
        {
            Type = MeetingType.InitialChildProtectionConference,
            ScheduledFor = CaseFileBuilder.At(TestFamily.At(2, 20, 10)),
            Invited = [new Invitation { ProfessionalId = f.Doctor.Id }, new Invitation { ProfessionalId = f.HealthVisitor.Id }, new Invitation { AgencyId = f.Police.Id }],
        });

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(2, 5, 10)));
    }

    [Fact]
    public void Police_are_expected_at_conferences_but_not_at_core_groups()
    {
        var f = FamilyWithGpAndHealthVisitor();
        var conference = Schedule(f, MeetingType.InitialChildProtectionConference, f.Gp, f.HealthVisiting);
        Schedule(f, MeetingType.CoreGroup, f.Gp, f.HealthVisiting);

        var finding = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(2, 5, 10)));
        Assert.Equal($"invite:{conference.Id}:{f.Police.Id}", finding.CauseKey);
    }

    [Fact]
    public void Police_in_the_team_are_still_not_expected_at_a_core_group()
    {
        var f = FamilyWithGpAndHealthVisitor();
        f.Case.Involve(f.PoliceOfficer, f.Child, TestFamily.From, "police, s47");
        Schedule(f, MeetingType.CoreGroup, f.Gp, f.HealthVisiting);

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(2, 5, 10)));
    }

    [Fact]
    public void A_siblings_school_is_expected()
    {
        var f = FamilyWithGpAndHealthVisitor();
        var sibling = f.Case.Child("Older sibling", new DateOnly(2008, 6, 1), livesHere: false);
        f.Case.Relate(f.Mother, RelationshipKind.Mother, sibling);
        f.Case.Involve(f.Teacher, sibling, TestFamily.From, "school");
        var coreGroup = Schedule(f, MeetingType.CoreGroup, f.Gp, f.HealthVisiting);

        Assert.Equal($"invite:{coreGroup.Id}:{f.School.Id}", Assert.Single(f.Evaluate(_safeguard, TestFamily.At(2, 5, 10))).CauseKey);
    }

    [Fact]
    public void A_decision_on_why_an_agency_was_not_invited_clears_it()
    {
        var f = FamilyWithGpAndHealthVisitor();
        var meeting = Schedule(f, MeetingType.CoreGroup, f.HealthVisiting);
        f.Decide(TestFamily.At(2, 6), f.Manager, DecisionTopic.TeamMembership, aboutEntry: meeting.Id, aboutAgency: f.Gp.Id);

        Assert.Single(f.Evaluate(_safeguard, TestFamily.At(2, 5, 10)));
        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(2, 6, 10)));
    }

    [Fact]
    public void An_invited_agency_that_neither_attended_nor_sent_a_report_is_flagged_after_the_meeting()
    {
        var f = FamilyWithGpAndHealthVisitor();
        var scheduled = Schedule(f, MeetingType.CoreGroup, f.Gp, f.HealthVisiting);
        var held = f.Record(TestFamily.At(2, 20, 12), f.SocialWorker, new MeetingHeld
        {
            Type = MeetingType.CoreGroup,
            ScheduledEntryId = scheduled.Id,
            ChairProfessionalId = f.Manager.Id,
            Attendance = [new Attendance { AgencyId = f.HealthVisiting.Id, Attended = true }, new Attendance { AgencyId = f.Gp.Id, Attended = false, ApologyReason = "Surgery" }],
        });

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(2, 20, 11)));
        var finding = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(2, 20, 13)));

        Assert.Equal($"absent:{held.Id}:{f.Gp.Id}", finding.CauseKey);
        Assert.Equal(TestFamily.EndOf(2, 27), finding.DueAt);
        Assert.Equal(f.Manager.Id, finding.OwnerProfessionalId);
    }

    [Fact]
    public void A_report_sent_instead_of_attending_is_enough()
    {
        var f = FamilyWithGpAndHealthVisitor();
        var scheduled = Schedule(f, MeetingType.CoreGroup, f.Gp, f.HealthVisiting);
        f.Record(TestFamily.At(2, 20, 12), f.SocialWorker, new MeetingHeld
        {
            Type = MeetingType.CoreGroup,
            ScheduledEntryId = scheduled.Id,
            Attendance = [new Attendance { AgencyId = f.HealthVisiting.Id, Attended = true }, new Attendance { AgencyId = f.Gp.Id, Attended = false, ReportSent = true }],
        });

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(2, 20, 13)));
    }

    [Fact]
    public void A_report_sent_later_or_a_recorded_reason_clears_the_absence()
    {
        var f = FamilyWithGpAndHealthVisitor();
        var scheduled = Schedule(f, MeetingType.CoreGroup, f.Gp, f.HealthVisiting);
        var held = f.Record(TestFamily.At(2, 20, 12), f.SocialWorker, new MeetingHeld
        {
            Type = MeetingType.CoreGroup,
            ScheduledEntryId = scheduled.Id,
            Attendance = [new Attendance { AgencyId = f.HealthVisiting.Id, Attended = true }],
        });
        f.Record(TestFamily.At(2, 23, 9), f.Doctor, new InformationShared { AboutEntryId = held.Id, Summary = "GP report", RecipientProfessionalIds = [f.SocialWorker.Id] });

        Assert.Single(f.Evaluate(_safeguard, TestFamily.At(2, 20, 13)));
        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(2, 23, 10)));
    }

    [Fact]
    public void A_meeting_held_with_no_schedule_on_record_is_checked_against_its_attendance()
    {
        var f = FamilyWithGpAndHealthVisitor();
        var held = f.Record(TestFamily.At(2, 20, 12), f.SocialWorker, new MeetingHeld
        {
            Type = MeetingType.StrategyMeeting,
            Attendance = [new Attendance { AgencyId = f.Police.Id, Attended = true }, new Attendance { AgencyId = f.HealthVisiting.Id, Attended = true }],
        });

        var finding = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(2, 20, 13)));
        Assert.Equal($"invite:{held.Id}:{f.Gp.Id}", finding.CauseKey);
        Assert.Equal(f.SocialWorker.Id, finding.OwnerProfessionalId);
    }

    [Fact]
    public void The_cause_key_is_stable_across_evaluations()
    {
        var f = FamilyWithGpAndHealthVisitor();
        Schedule(f, MeetingType.CoreGroup, f.HealthVisiting);

        Assert.Equal(
            Assert.Single(f.Evaluate(_safeguard, TestFamily.At(2, 5, 10))).CauseKey,
            Assert.Single(f.Evaluate(_safeguard, TestFamily.At(2, 25, 10))).CauseKey);
    }
}

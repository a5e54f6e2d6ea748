using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Safeguards.Catalogue;

namespace Chronicle.Core.Tests.Safeguards;

public sealed class DriftWhileStaffAbsentTests
{
    private readonly DriftWhileStaffAbsent _safeguard = new();

    private static CaseWithTeam OnAPlan()
    {
        var c = new CaseWithTeam();
        c.Plan(new DateTime(2015, 1, 5), PlanType.ChildInNeed, CaseWithTeam.SpecificItem(c.SocialWorker));
        return c;
    }

    private static CaseEntry Absent(CaseWithTeam c, DateOnly from, DateOnly? to = null, Professional? who = null, Guid? coveredBy = null) =>
        c.Record(from.ToDateTime(new TimeOnly(8, 30)), c.TeamManager, new StaffAbsence { ProfessionalId = (who ?? c.SocialWorker).Id, From = from, To = to, CoveredByProfessionalId = coveredBy });

    [Fact]
    public void The_allocated_worker_away_for_a_third_working_day_is_found_when_it_ends()
    {
        var c = OnAPlan();
        var absence = Absent(c, new DateOnly(2015, 3, 2)); // Monday, no return date

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 3, 4, 23, 59, 0)));
        var finding = Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 3, 5, 0, 1, 0)));

        Assert.Equal($"staff-absence:{absence.Id}", finding.CauseKey);
        Assert.Equal(CaseWithTeam.EndOf(2015, 3, 6), finding.DueAt);
        Assert.Equal(c.TeamManager.Id, finding.OwnerProfessionalId);
        Assert.Equal([absence.Id], finding.Evidence);
    }

    [Fact]
    public void Two_working_days_away_is_not_more_than_the_setting()
    {
        var c = OnAPlan();
        Absent(c, new DateOnly(2015, 3, 2), new DateOnly(2015, 3, 3));

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 3, 6)));
    }

    [Fact]
    public void Three_working_days_away_is()
    {
        var c = OnAPlan();
        Absent(c, new DateOnly(2015, 3, 2), new DateOnly(2015, 3, 4));

        Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 3, 6)));
    }

    [Fact]
    public void Bank_holidays_do_not_count_as_days_away()
    {
        var c = OnAPlan();
        Absent(c, new DateOnly(2015, 4, 2)); // Thursday before Easter: the third working day away is Wednesday 8 April

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 4, 8, 23, 59, 0)));
        Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 4, 9, 0, 1, 0)));
    }

    [Fact]
    public void Correcting_the_absence_with_its_end_keeps_the_same_cause()
    {
        var c = OnAPlan();
        var absence = Absent(c, new DateOnly(2015, 3, 2));
        var before = Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 3, 5, 9, 0, 0)));

        c.Builder.Correct(absence, new DateTime(2015, 3, 30, 9, 0, 0), c.TeamManager,
            new StaffAbsence { ProfessionalId = c.SocialWorker.Id, From = new DateOnly(2015, 3, 2), To = new DateOnly(2015, 3, 27) }, "Return date now known");

        var after = Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 3, 30, 10, 0, 0)));
        Assert.Equal($"staff-absence:{absence.Id}", before.CauseKey);
        Assert.Equal(before.CauseKey, after.CauseKey);
    }

    [Fact]
    public void Cover_named_in_the_absence_is_a_reassignment()
    {
        var c = OnAPlan();
        var cover = c.Builder.Professional("Covering social worker", ProfessionalRole.SocialWorker, c.SocialCare, c.TeamManager);
        Absent(c, new DateOnly(2015, 3, 2), coveredBy: cover.Id);

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 3, 6)));
    }

    [Fact]
    public void Supervision_of_the_case_since_the_absence_began_clears_it()
    {
        var c = OnAPlan();
        Absent(c, new DateOnly(2015, 3, 2));
        Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 3, 5, 9, 0, 0)));

        c.Supervision(new DateTime(2015, 3, 5, 10, 0, 0));

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 3, 5, 11, 0, 0)));
    }

    [Fact]
    public void A_decision_by_the_workers_manager_clears_it_and_one_before_the_absence_does_not()
    {
        var before = OnAPlan();
        before.Decision(new DateTime(2015, 2, 27, 10, 0, 0), before.TeamManager, DecisionTopic.Other);
        Absent(before, new DateOnly(2015, 3, 2));
        var after = OnAPlan();
        Absent(after, new DateOnly(2015, 3, 2));
        after.Decision(new DateTime(2015, 3, 4, 10, 0, 0), after.TeamManager, DecisionTopic.Other);

        Assert.Single(before.Evaluate(_safeguard, new DateTime(2015, 3, 6)));
        Assert.Empty(after.Evaluate(_safeguard, new DateTime(2015, 3, 6)));
    }

    [Fact]
    public void Allocating_another_worker_of_the_agency_clears_it()
    {
        var c = OnAPlan();
        Absent(c, new DateOnly(2015, 3, 2));
        var cover = c.Builder.Professional("Covering social worker", ProfessionalRole.SocialWorker, c.SocialCare, c.TeamManager);
        c.Builder.Involve(cover, c.Child, new DateOnly(2015, 3, 4), "allocated social worker");

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 3, 6)));
    }

    [Fact]
    public void With_nothing_open_an_absence_does_not_matter()
    {
        var c = new CaseWithTeam();
        Absent(c, new DateOnly(2015, 3, 2));

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 3, 6)));
    }

    [Fact]
    public void Actions_on_record_and_not_settled_are_open_work()
    {
        var c = new CaseWithTeam();
        var meeting = c.Meeting(new DateTime(2015, 2, 23, 10, 0, 0), MeetingType.ProfessionalsMeeting, null, null,
            new ActionItem { Description = "Visit the family", OwnerProfessionalId = c.SocialWorker.Id });
        Absent(c, new DateOnly(2015, 3, 2));
        Assert.Single(c.Evaluate(_safeguard, new DateTime(2015, 3, 6)));

        c.Decision(new DateTime(2015, 2, 27, 10, 0, 0), c.SocialWorker, DecisionTopic.Other, meeting.Id);

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 3, 6)));
    }

    [Fact]
    public void The_absence_of_someone_not_allocated_to_the_child_is_not_found()
    {
        var c = OnAPlan();
        Absent(c, new DateOnly(2015, 3, 2), who: c.HealthVisitor);

        Assert.Empty(c.Evaluate(_safeguard, new DateTime(2015, 3, 6)));
    }
}

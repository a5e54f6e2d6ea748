using Chronicle.Core.Learning;
using Chronicle.Core.Time;

namespace Chronicle.Core.Tests.Learning;

public sealed class LearningClocksTests
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.EnglandAndWales;

    private static SeriousIncident Incident(DateOnly aware, DateOnly? notified = null, DateOnly? rapid = null) =>
        new() { Id = Guid.NewGuid(), Title = "Emily", Summary = "Head injury at six weeks", AwareOn = aware, NotifiedOn = notified, RapidReviewCompletedOn = rapid };

    [Fact]
    public void LC01_notification_is_due_five_working_days_after_the_local_authority_became_aware()
    {
        // Aware Friday 20 December 2019: 23 and 24 December, then (Christmas and Boxing Day skipped) 27, 30 and 31.
        var clock = Assert.Single(LearningClocks.ForIncident(Incident(new DateOnly(2019, 12, 20)), new DateOnly(2019, 12, 31), Calendar));
        Assert.Equal(("LC-01", new DateOnly(2019, 12, 31), ClockState.Running), (clock.Id, clock.Due, clock.State));
        var late = Assert.Single(LearningClocks.ForIncident(Incident(new DateOnly(2019, 12, 20)), new DateOnly(2020, 1, 1), Calendar));
        Assert.Equal(ClockState.Overdue, late.State);
    }

    [Fact]
    public void LC02_rapid_review_runs_fifteen_working_days_from_the_notification()
    {
        var clocks = LearningClocks.ForIncident(Incident(new DateOnly(2019, 9, 2), notified: new DateOnly(2019, 9, 6), rapid: new DateOnly(2019, 9, 30)), new DateOnly(2019, 10, 1), Calendar).ToList();
        Assert.Equal(ClockState.Met, clocks[0].State);
        Assert.Equal(("LC-02", new DateOnly(2019, 9, 27), ClockState.MetLate), (clocks[1].Id, clocks[1].Due, clocks[1].State));
    }

    [Fact]
    public void LC03_report_is_due_six_calendar_months_after_the_decision()
    {
        var review = new Review { Id = Guid.NewGuid(), Title = "Emily", DecidedOn = new DateOnly(2019, 10, 15), PublishedOn = new DateOnly(2021, 2, 20) };
        var clock = LearningClocks.ForReview(review, new DateOnly(2021, 3, 1))!;
        Assert.Equal((new DateOnly(2020, 4, 15), ClockState.MetLate), (clock.Due, clock.State));
        Assert.Null(LearningClocks.ForReview(new Review { Title = "Undecided" }, new DateOnly(2021, 3, 1)));
    }

    [Fact]
    public void LC04_and_LC05_separate_an_overdue_action_from_one_done_without_evidence()
    {
        var deadline = new DateOnly(2021, 6, 30);
        var open = new ResponseAction { Id = Guid.NewGuid(), Description = "Audit", Deadline = deadline, Status = ActionStatus.InProgress };
        Assert.Equal(ClockState.Running, Assert.Single(LearningClocks.ForAction(open, 0, deadline)).State);
        Assert.Equal(ClockState.Overdue, Assert.Single(LearningClocks.ForAction(open, 0, deadline.AddDays(1))).State);

        var done = new ResponseAction { Id = Guid.NewGuid(), Description = "Audit", Deadline = deadline, Status = ActionStatus.Done, DoneOn = new DateOnly(2021, 6, 1) };
        Assert.Equal(["LC-04"], LearningClocks.ForAction(done, 0, deadline).Select(c => c.Id));
        Assert.Equal(["LC-04", "LC-05"], LearningClocks.ForAction(done, 0, deadline.AddDays(1)).Select(c => c.Id));
        Assert.Equal(["LC-04"], LearningClocks.ForAction(done, 1, deadline.AddDays(1)).Select(c => c.Id));
    }
}

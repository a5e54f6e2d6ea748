using Chronicle.Core.Time;

namespace Chronicle.Core.Learning;

public enum ClockState
{
    /// <summary>Not yet due, not yet done.</summary>
    Running,
    /// <summary>Done in time.</summary>
    Met,
    /// <summary>Done, but after its due date.</summary>
    MetLate,
    /// <summary>Past its due date and not done.</summary>
    Overdue,
}

/// <summary>One of the learning cycle's clocks for one incident, review or action.</summary>
public sealed record LearningClock(string Id, string Name, Guid SubjectId, string Subject, DateOnly Due, DateOnly? DoneOn, ClockState State);

/// <summary>Learning-cycle timescale defaults (catalogue LC-01 to LC-03), each a partnership setting.</summary>
public sealed record LearningTimescales(int NotifyWorkingDays = 5, int RapidReviewWorkingDays = 15, int ReportMonths = 6)
{
    public static LearningTimescales Defaults { get; } = new();
}

/// <summary>
/// The learning cycle's own clocks: LC-01 notify the national panel within 5 working days of the local authority
/// becoming aware; LC-02 rapid review within 15 working days of the notification; LC-03 the review's report within
/// 6 months of the decision; LC-04 a response action past its deadline; LC-05 an action marked done with no
/// evidence of impact at its deadline.
/// </summary>
public static class LearningClocks
{
    public static IEnumerable<LearningClock> ForIncident(SeriousIncident incident, DateOnly today, WorkingDayCalendar calendar, LearningTimescales? timescales = null)
    {
        timescales ??= LearningTimescales.Defaults;
        var notifyBy = calendar.AddWorkingDays(incident.AwareOn, timescales.NotifyWorkingDays);
        yield return Clock("LC-01", "Notify the national panel", incident.Id, incident.Title, notifyBy, incident.NotifiedOn, today);
        if (incident.NotifiedOn is { } notified)
            yield return Clock("LC-02", "Rapid review", incident.Id, incident.Title, calendar.AddWorkingDays(notified, timescales.RapidReviewWorkingDays), incident.RapidReviewCompletedOn, today);
    }

    public static LearningClock? ForReview(Review review, DateOnly today, LearningTimescales? timescales = null)
    {
        if (review.DecidedOn is not { } decided) return null;
        timescales ??= LearningTimescales.Defaults;
        return Clock("LC-03", "Review report", review.Id, review.Title, decided.AddMonths(timescales.ReportMonths), review.ReportCompletedOn ?? review.PublishedOn, today);
    }

    /// <summary>LC-04 when an action passes its deadline not done; LC-05 when it is done but has no evidence of impact at its deadline.</summary>
    public static IEnumerable<LearningClock> ForAction(ResponseAction action, int evidenceCount, DateOnly today)
    {
        if (action.Deadline is not { } deadline) yield break;
        var done = action.Status is ActionStatus.Done or ActionStatus.ImpactEvidenced;
        yield return Clock("LC-04", "Action by its deadline", action.Id, action.Description, deadline, done ? action.DoneOn ?? deadline : null, today);
        if (action.Status == ActionStatus.Done && evidenceCount == 0 && today > deadline)
            yield return new LearningClock("LC-05", "Done without evidence of impact", action.Id, action.Description, deadline, null, ClockState.Overdue);
    }

    private static LearningClock Clock(string id, string name, Guid subjectId, string subject, DateOnly due, DateOnly? done, DateOnly today) =>
        new(id, name, subjectId, subject, due, done, done is { } d
            ? (d <= due ? ClockState.Met : ClockState.MetLate)
            : (today > due ? ClockState.Overdue : ClockState.Running));
}

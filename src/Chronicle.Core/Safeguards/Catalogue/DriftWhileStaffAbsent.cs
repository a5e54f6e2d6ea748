using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Time;

namespace Chronicle.Core.Safeguards.Catalogue;

/// <summary>
/// SG-20: the child's allocated worker is away for more than the setting while the child's case has work
/// outstanding, and no manager has reviewed the case or moved the work. A case file holds no alerts, so "open
/// actions or alerts" is read as: an open assessment, enquiry or plan, or actions on record that nothing has settled.
/// </summary>
public sealed class DriftWhileStaffAbsent : ISafeguard
{
    public static readonly SettingDefinition AbsentMoreThan = new("absent-more-than", "Allocated worker absent for more than", "2", "working days");
    public static readonly SettingDefinition ReviewWithin = new("review-within", "Manager review or reassignment within", "1", "working days");

    public string Id => "SG-20";
    public int Version => 1;
    public string Title => "Drift while staff are absent";
    public Severity Severity => Severity.Action;

    public IReadOnlyList<Lesson> Lessons { get; } =
    [
        new("001", "Family L", "What happened: delays through staffing",
            "There were also delays in actions taken in both social care and the police due to staffing issues and staff sickness."),
        new("001", "Family L", "What we have learnt",
            "Staff sickness and staffing issues can impact on risk to children if managers don't review cases promptly and ensure that outstanding actions are completed."),
    ];

    public IReadOnlyList<SettingDefinition> Settings { get; } = [AbsentMoreThan, ReviewWithin];

    /// <summary>When each uncovered absence has lasted more than the setting.</summary>
    public DateTimeOffset? NextChange(CaseFile file, SafeguardContext context)
    {
        if (file.Of<StaffAbsence>().Count == 0) return null;
        var next = new NextMoment(context.Now);
        var moreThan = context.Policy.GetInt(Id, AbsentMoreThan);
        foreach (var (_, absence) in file.Known<StaffAbsence>(context.Now))
        {
            var lastDay = context.Calendar.AddWorkingDays(context.Calendar.AddWorkingDays(absence.From, 0), moreThan);
            next.At(WorkingDayCalendar.StartOfUkDay(lastDay.AddDays(1)));
        }
        return next.Earliest;
    }

    public IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context)
    {
        // Absences are recorded for few of the professionals around a child: most files hold none.
        if (file.Of<StaffAbsence>().Count == 0) return [];
        return Found(file, context);
    }

    private IEnumerable<Finding> Found(CaseFile file, SafeguardContext context)
    {
        var now = context.Now;
        var moreThan = context.Policy.GetInt(Id, AbsentMoreThan);
        foreach (var (entry, absence) in file.Known<StaffAbsence>(now))
        {
            if (absence.CoveredByProfessionalId is not null) continue;
            // Away for more than the setting once the (N+1)th working day away, the first day counted, has ended.
            var lastDay = context.Calendar.AddWorkingDays(context.Calendar.AddWorkingDays(absence.From, 0), moreThan);
            if (absence.To is { } to && lastDay > to) continue;
            var overAt = WorkingDayCalendar.StartOfUkDay(lastDay.AddDays(1));
            if (now < overAt) continue;
            var overDay = overAt.Day();

            var worker = absence.ProfessionalId;
            if (file.LeadProfessional(overDay)?.Id != worker && file.LeadSocialWorker(overDay)?.Id != worker) continue;
            if (!file.IsOpenCase(overAt) && file.OutstandingActions(overAt, now).Count == 0) continue;

            var since = WorkingDayCalendar.StartOfUkDay(absence.From);
            var manager = file.ManagerOf(worker);
            if (Reviewed(file, since, manager, now) || Reassigned(file, worker, absence.From)) continue;

            var due = context.Calendar.DueAfterWorkingDays(overAt, context.Policy.GetInt(Id, ReviewWithin));
            var name = file.FindProfessional(worker)?.Name ?? "The allocated worker";
            yield return new Finding(
                $"staff-absence:{entry.CauseId()}",
                $"{name}, allocated to {file.Child.DisplayName}, has been absent since {TimelinessFacts.Describe(absence.From)} " +
                $"(more than {moreThan} working days) while the case has work outstanding, and no manager review or reassignment is recorded.",
                $"A manager to review the case (recorded as supervision or a decision) or reassign it by {TimelinessFacts.Describe(due)}.",
                due,
                [entry.Id],
                manager?.Id);
        }
    }

    /// <summary>Supervision of the child's case, or a decision by the absent worker's manager, since the absence began.</summary>
    private static bool Reviewed(CaseFile file, DateTimeOffset since, Record.Professional? manager, DateTimeOffset now)
    {
        foreach (var (entry, _) in file.KnownAboutChild<Supervision>(now))
            if (entry.When >= since) return true;
        if (manager is null) return false;
        foreach (var (entry, _) in file.KnownAboutChild<DecisionRecorded>(now))
            if (entry.When >= since && entry.Entry.RecordedByProfessionalId == manager.Id) return true;
        return false;
    }

    /// <summary>Another professional of the absent worker's agency working with the child from the first day of the absence.</summary>
    private static bool Reassigned(CaseFile file, Guid worker, DateOnly from)
    {
        if (file.FindProfessional(worker) is not { } absent) return false;
        for (var i = 0; i < file.Involvements.Count; i++)
        {
            var involvement = file.Involvements[i];
            if (involvement.PersonId == file.Child.Id && involvement.AgencyId == absent.AgencyId
                && involvement.ProfessionalId is { } p && p != worker && involvement.From >= from) return true;
        }
        return false;
    }
}

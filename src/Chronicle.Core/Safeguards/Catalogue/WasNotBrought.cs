using Chronicle.Core.Chronology.Details;

namespace Chronicle.Core.Safeguards.Catalogue;

/// <summary>
/// SG-16: a child not brought to a health appointment while on a plan (an alert at once), or repeatedly (a reminder
/// until the lead professional is due to have recorded what was done). Each missed appointment is
/// its own cause, answered when the lead professional (or their agency) records a decision about it.
/// </summary>
public sealed class WasNotBrought : ISafeguard
{
    public static readonly SettingDefinition Count = new("count", "Times not brought", "2", "appointments");
    public static readonly SettingDefinition Window = new("window", "Within", "6", "months");
    public static readonly SettingDefinition RespondWithin = new("respond-within", "Lead professional told and action recorded within", "1", "working days");

    public string Id => "SG-16";
    public int Version => 1;
    public string Title => "Was not brought";
    public Severity Severity => Severity.Action;

    public IReadOnlyList<Lesson> Lessons { get; } =
    [
        new("003", "Emily", "3. Compliance with procedures: 'was not brought' policies",
            "Was not brought' policies are written and implemented for all health services offering appointments and home visits to children"),
        new("003", "Emily", "3. Compliance with procedures: 'was not brought' policies",
            "Such a policy was, in fact, already in place and this was an issue of non-compliance rather than a policy gap."),
    ];

    public IReadOnlyList<SettingDefinition> Settings { get; } = [Count, Window, RespondWithin];

    /// <summary>
    /// When each missed appointment not yet answered is answered (an answer recorded ahead of its time), and when a
    /// repeat off a plan, a reminder until then, is due to have been answered.
    /// </summary>
    public DateTimeOffset? NextChange(CaseFile file, SafeguardContext context)
    {
        var next = new NextMoment(context.Now);
        var within = context.Policy.GetInt(Id, RespondWithin);
        foreach (var missed in MissedAppointments(file))
        {
            next.At(missed.AnsweredAt);
            if (!missed.OnPlan) next.At(context.Calendar.DueAfterWorkingDays(missed.Entry.Knowable(), within));
        }
        return next.Earliest;
    }

    public IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context)
    {
        var missed = MissedAppointments(file);
        return missed.Length == 0 ? [] : Findings(file, missed, context);
    }

    /// <summary>A finding for each missed appointment known by now and not yet answered, while on a plan or when repeated.</summary>
    private IEnumerable<Finding> Findings(CaseFile file, Missed[] missed, SafeguardContext context)
    {
        var count = context.Policy.GetInt(Id, Count);
        var months = context.Policy.GetInt(Id, Window);
        var now = context.Now;

        for (var i = 0; i < missed.Length; i++)
        {
            var (entry, appointment, day, onPlan, answeredAt) = missed[i];
            if (entry.RecordedAt > now || answeredAt <= now) continue;
            var (first, last) = WindowUpTo(missed, i, day.AddMonths(-months));
            var times = 0;
            for (var j = first; j <= last; j++)
                if (missed[j].Entry.RecordedAt <= now) times++;
            if (!onPlan && times < count) continue;

            var due = context.Calendar.DueAfterWorkingDays(entry.Knowable(), context.Policy.GetInt(Id, RespondWithin));
            var lead = file.LeadProfessional(now.Day());
            var evidence = new List<Guid>(times);
            for (var j = first; j <= last; j++)
                if (missed[j].Entry.RecordedAt <= now) evidence.Add(missed[j].Entry.Id);
            yield return new Finding(
                $"was-not-brought:{entry.CauseId()}",
                $"{file.Child.DisplayName} was not brought to a {appointment.Service} appointment on {TimelinessFacts.Describe(day)}" +
                (onPlan ? " while on a child in need or child protection plan." : $": {times} times in {months} months."),
                $"The health professional to tell the lead professional{(lead is null ? "" : $" ({lead.Name})")}, and the lead professional to record " +
                $"what was done, as a decision about this appointment, by {TimelinessFacts.Describe(due)}.",
                due,
                evidence,
                appointment.ProfessionalId ?? entry.Entry.RecordedByProfessionalId,
                // Off a plan, a repeat asks the health professional to tell the lead and the lead to record what was
                // done within the setting: until that is due it is a reminder. On a plan the lead must know at once.
                Reminder: !onPlan && now < due);
        }
    }

    /// <summary>
    /// An appointment the child was not brought to: the day it was on, whether the child was then on a child in need or
    /// child protection plan, and when a decision about it by the lead professional's agency was first recorded
    /// (<see cref="DateTimeOffset.MaxValue"/> while none has been).
    /// </summary>
    private readonly record struct Missed(CaseEntry Entry, Appointment Appointment, DateOnly Day, bool OnPlan, DateTimeOffset AnsweredAt);

    /// <summary>The plans a missed appointment is found on at once.</summary>
    private static readonly PlanType[] ChildInNeedOrProtection = [PlanType.ChildInNeed, PlanType.ChildProtection];

    /// <summary>
    /// The health appointments the child was not brought to, in chronology order.
    /// A child's "did not attend" is the older name for the same thing: the child depends on an adult to bring them.
    /// </summary>
    private static Missed[] MissedAppointments(CaseFile file)
    {
        var missed = new List<Missed>();
        foreach (var entry in file.OfAboutChild<Appointment>())
        {
            var appointment = (Appointment)entry.Details;
            if (appointment.Health == false || appointment.Outcome is not (AppointmentOutcome.WasNotBrought or AppointmentOutcome.DidNotAttend)) continue;
            missed.Add(new(entry, appointment, entry.Day(), file.IsOnPlan(entry.When, ChildInNeedOrProtection), AnsweredAt(file, entry)));
        }
        return [.. missed];
    }

    /// <summary>
    /// The missed appointments in the window up to one of them, as a range of the list (which is in chronology order):
    /// from the first on or after the window's first day to the last at the same moment as the one asked about.
    /// </summary>
    private static (int First, int Last) WindowUpTo(Missed[] missed, int appointment, DateOnly windowStart)
    {
        var last = appointment;
        while (last + 1 < missed.Length && missed[last + 1].Entry.When <= missed[appointment].Entry.When) last++;
        var first = last + 1;
        while (first > 0 && missed[first - 1].Day >= windowStart) first--;
        return (first, last);
    }

    /// <summary>
    /// When a decision about the appointment was first recorded by the lead professional's agency (or by anyone, when
    /// the child had no lead on the day of the decision).
    /// </summary>
    private static DateTimeOffset AnsweredAt(CaseFile file, CaseEntry appointment)
    {
        var answered = DateTimeOffset.MaxValue;
        Consider(file.DecisionsAbout(appointment.Id));
        if (appointment.Entry.SupersedesEntryId is { } corrected) Consider(file.DecisionsAbout(corrected));
        return answered;

        void Consider(IReadOnlyList<CaseEntry> decisions)
        {
            foreach (var decision in decisions)
                if (decision.RecordedAt < answered
                    && (file.LeadProfessional(decision.When.Day()) is not { } lead || lead.AgencyId == decision.Entry.RecordedByAgencyId))
                    answered = decision.RecordedAt;
        }
    }
}

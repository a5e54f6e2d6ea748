using Chronicle.Core.Chronology.Details;

namespace Chronicle.Core.Safeguards.Catalogue;

/// <summary>
/// SG-16: a child not brought to a health appointment while on a plan, or repeatedly. Each missed appointment is
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

    public IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context)
    {
        var count = context.Policy.GetInt(Id, Count);
        var months = context.Policy.GetInt(Id, Window);
        var now = context.Now;
        // A child's "did not attend" is the older name for the same thing: the child depends on an adult to bring them.
        var missed = file.KnownAboutChild<Appointment>(now)
            .Where(a => a.Details.Health != false && a.Details.Outcome is AppointmentOutcome.WasNotBrought or AppointmentOutcome.DidNotAttend)
            .ToList();

        foreach (var (entry, appointment) in missed)
        {
            var onPlan = file.IsOnPlan(entry.When, PlanType.ChildInNeed, PlanType.ChildProtection);
            var windowStart = entry.When.Day().AddMonths(-months);
            var times = missed.Count(m => m.Entry.When <= entry.When && m.Entry.When.Day() >= windowStart);
            if (!onPlan && times < count) continue;
            if (Answered(file, entry, now)) continue;

            var due = context.Calendar.DueAfterWorkingDays(entry.Knowable(), context.Policy.GetInt(Id, RespondWithin));
            var lead = file.LeadProfessional(now.Day());
            yield return new Finding(
                $"was-not-brought:{entry.CauseId()}",
                $"{file.Child.DisplayName} was not brought to a {appointment.Service} appointment on {TimelinessFacts.Describe(entry.When.Day())}" +
                (onPlan ? " while on a child in need or child protection plan." : $": {times} times in {months} months."),
                $"The health professional to tell the lead professional{(lead is null ? "" : $" ({lead.Name})")}, and the lead professional to record " +
                $"what was done, as a decision about this appointment, by {TimelinessFacts.Describe(due)}.",
                due,
                [.. missed.Where(m => m.Entry.When <= entry.When && m.Entry.When.Day() >= windowStart).Select(m => m.Entry.Id)],
                appointment.ProfessionalId ?? entry.Entry.RecordedByProfessionalId);
        }
    }

    /// <summary>A decision about the appointment recorded by the lead professional's agency (or by anyone, when the child has no lead).</summary>
    private static bool Answered(CaseFile file, CaseEntry appointment, DateTimeOffset now) =>
        file.Known<DecisionRecorded>(now).Any(d =>
            appointment.IsReferencedBy(d.Details.AboutEntryId)
            && (file.LeadProfessional(d.Entry.When.Day()) is not { } lead || lead.AgencyId == d.Entry.Entry.RecordedByAgencyId));
}

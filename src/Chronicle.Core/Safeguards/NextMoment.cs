using Chronicle.Core.Time;

namespace Chronicle.Core.Safeguards;

/// <summary>
/// The earliest of the moments a safeguard's findings could next change with nothing new recorded: each due, warning
/// or expiry time it compares with the moment it is asked at. A moment already passed changes nothing; a moment equal
/// to now is met by the next tick (a finding "past its due time" appears just after it).
/// </summary>
public sealed class NextMoment(DateTimeOffset now)
{
    public DateTimeOffset Now => now;

    /// <summary>The earliest moment offered so far, or null when none lies ahead.</summary>
    public DateTimeOffset? Earliest { get; private set; }

    public NextMoment At(DateTimeOffset? moment)
    {
        if (moment is not { } at || at < now) return this;
        if (at == now) at = now.AddTicks(1);
        if (Earliest is null || at < Earliest) Earliest = at;
        return this;
    }

    /// <summary>
    /// The end of today (UK): where a finding depends on the day (who lives with the child, who is involved, an age,
    /// "today") or on logic too tangled to bound exactly, the safe answer is to look again once the day is over.
    /// </summary>
    public NextMoment EndOfToday() => At(WorkingDayCalendar.EndOfUkDay(WorkingDayCalendar.UkDate(now)));

    /// <summary>
    /// The next moment an entry already on record happens (one recorded ahead of its time, such as a plan's end):
    /// what is open at a moment (plans, assessments, enquiries) changes then.
    /// </summary>
    public NextMoment NextEntryHappens(CaseFile file)
    {
        foreach (var entry in file.Entries)
            if (entry.When >= now) At(entry.When);
        return this;
    }

    /// <summary>
    /// The next day on which who lives with the child, who is involved or where an agency has someone living changes
    /// (a membership, involvement or address starting, or ending the day before): what a safeguard reads of the day does.
    /// </summary>
    public NextMoment NextDayAroundChildChanges(CaseFile file)
    {
        var today = WorkingDayCalendar.UkDate(now);
        foreach (var m in file.Households) { Day(today, m.From); Day(today, m.To?.AddDays(1)); }
        foreach (var i in file.Involvements) { Day(today, i.From); Day(today, i.To?.AddDays(1)); }
        foreach (var a in file.Addresses) { Day(today, a.From); Day(today, a.To?.AddDays(1)); }
        return this;
    }

    /// <summary>Findings that depend on the day: looked at again at the end of today, and when an entry happens.</summary>
    public NextMoment Daily(CaseFile file) => EndOfToday().NextEntryHappens(file);

    private void Day(DateOnly today, DateOnly? day)
    {
        // A change on a later day is met by the end of the day before it.
        if (day is { } d && d > today) At(WorkingDayCalendar.EndOfUkDay(d.AddDays(-1)));
    }
}

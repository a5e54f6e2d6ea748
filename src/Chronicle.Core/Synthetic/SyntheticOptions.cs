using Chronicle.Core.Time;

namespace Chronicle.Core.Synthetic;

/// <summary>How large a synthetic partnership to generate, over which years, and from which seed.</summary>
public sealed record SyntheticOptions
{
    public int Children { get; init; } = 100_000;

    /// <summary>
    /// Chronology entries generated per child on average, before everyday practice adds its shares, acknowledgements
    /// and decisions (about a third more); each child's number is drawn from a long-tailed spread around it. The
    /// default gives about 100 distinct entries per child in all.
    /// </summary>
    public int MeanEntriesPerChild { get; init; } = 75;

    public int Seed { get; init; } = 20240701;

    /// <summary>The first day of the generated chronology.</summary>
    public DateOnly From { get; init; } = new(2020, 1, 6);

    /// <summary>The moment the record stands at: nothing is recorded after it. A Monday morning.</summary>
    public DateTimeOffset Now { get; init; } = WorkingDayCalendar.StartOfUkDay(new DateOnly(2024, 7, 1)).AddHours(10);

    /// <summary>
    /// Write each entry's details as JSON, as the database holds them. Off, entries carry a constant stand-in, since
    /// safeguards read the typed details: ten million JSON strings would cost gigabytes for nothing.
    /// </summary>
    public bool JsonDetails { get; init; }
}

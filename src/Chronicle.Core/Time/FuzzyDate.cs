namespace Chronicle.Core.Time;

/// <summary>How exactly a date or time is known.</summary>
public enum DatePrecision
{
    /// <summary>The moment is known to the minute.</summary>
    Exact,
    /// <summary>The day is known, not the time.</summary>
    Day,
    /// <summary>Only the month is known.</summary>
    Month,
    /// <summary>Only the year is known.</summary>
    Year,
    /// <summary>An estimate (for example "about six weeks old").</summary>
    Approximate,
    /// <summary>Not known at all: no date is held.</summary>
    Unknown,
}

/// <summary>A calendar date with how precisely it is known. An unknown date holds no value.</summary>
public readonly record struct FuzzyDate(DateOnly? Value, DatePrecision Precision)
{
    private static readonly System.Globalization.CultureInfo English = System.Globalization.CultureInfo.GetCultureInfo("en-GB");

    public static FuzzyDate Unknown => new(null, DatePrecision.Unknown);
    public static FuzzyDate Exact(DateOnly day) => new(day, DatePrecision.Day);

    public bool IsKnown => Value is not null && Precision != DatePrecision.Unknown;

    /// <summary>The first day the date can be: its month's or year's first day when only the month or year is known.</summary>
    public DateOnly? Earliest => Value is not { } v ? null : Precision switch
    {
        DatePrecision.Month => new DateOnly(v.Year, v.Month, 1),
        DatePrecision.Year => new DateOnly(v.Year, 1, 1),
        _ => v,
    };

    /// <summary>The last day the date can be: its month's or year's last day when only the month or year is known.</summary>
    public DateOnly? Latest => Value is not { } v ? null : Precision switch
    {
        DatePrecision.Month => new DateOnly(v.Year, v.Month, 1).AddMonths(1).AddDays(-1),
        DatePrecision.Year => new DateOnly(v.Year, 12, 31),
        _ => v,
    };

    public override string ToString() => Value is not { } v || Precision == DatePrecision.Unknown
        ? "Not known"
        : Precision switch
        {
            DatePrecision.Month => v.ToString("MMMM yyyy", English),
            DatePrecision.Year => v.ToString("yyyy", English),
            DatePrecision.Approximate => "About " + v.ToString("d MMMM yyyy", English),
            _ => v.ToString("d MMMM yyyy", English),
        };
}

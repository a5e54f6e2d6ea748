using System.Reflection;

namespace Chronicle.Core.Time;

/// <summary>
/// England and Wales working days: Monday to Friday, less bank holidays. Every clock in Chronicle counts with this.
/// Counting convention: the day of the trigger never counts. "Within N working days of D" means by the end of the
/// Nth working day after D, so a referral on Friday with a 1 working day limit is due by the end of Monday.
/// </summary>
public sealed class WorkingDayCalendar
{
    public static readonly TimeZoneInfo UkTime = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    private readonly HashSet<DateOnly> _holidays;

    public WorkingDayCalendar(IEnumerable<DateOnly> bankHolidays)
    {
        _holidays = [.. bankHolidays];
        if (_holidays.Count > 0)
        {
            FirstCoveredYear = _holidays.Min().Year;
            LastCoveredYear = _holidays.Max().Year;
        }
    }

    /// <summary>The calendar shipped with Chronicle (2010 to 2030).</summary>
    public static WorkingDayCalendar EnglandAndWales { get; } = new(LoadShipped());

    public int FirstCoveredYear { get; }
    public int LastCoveredYear { get; }

    public bool IsBankHoliday(DateOnly day) => _holidays.Contains(day);

    public bool IsWorkingDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(day);

    /// <summary>The Nth working day after <paramref name="from"/> (the day itself not counted). N = 0 gives the day itself if it is a working day, else the next one.</summary>
    public DateOnly AddWorkingDays(DateOnly from, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var day = from;
        if (workingDays == 0)
        {
            while (!IsWorkingDay(day)) day = day.AddDays(1);
            return day;
        }
        var counted = 0;
        while (counted < workingDays)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day)) counted++;
        }
        return day;
    }

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/>; 0 when to is not after from.</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
            if (IsWorkingDay(day)) count++;
        return count;
    }

    /// <summary>The end of the Nth working day after the UK date of <paramref name="instant"/>: the due time of a working-day clock.</summary>
    public DateTimeOffset DueAfterWorkingDays(DateTimeOffset instant, int workingDays) =>
        EndOfUkDay(AddWorkingDays(UkDate(instant), workingDays));

    public static DateOnly UkDate(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, UkTime).DateTime);

    public static DateTimeOffset StartOfUkDay(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, UkTime.GetUtcOffset(local));
    }

    /// <summary>The last moment of a UK calendar day (23:59:59.999 local time).</summary>
    public static DateTimeOffset EndOfUkDay(DateOnly day) => StartOfUkDay(day.AddDays(1)).AddMilliseconds(-1);

    private static IEnumerable<DateOnly> LoadShipped()
    {
        using var stream = Assembly.GetExecutingAssembly()
            .GetManifestResourceStream("Chronicle.Core.Time.bank-holidays-england-and-wales.txt")
            ?? throw new InvalidOperationException("The bank holiday calendar is missing from the build.");
        using var reader = new StreamReader(stream);
        var days = new List<DateOnly>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            days.Add(DateOnly.ParseExact(line[..10], "yyyy-MM-dd"));
        }
        return days;
    }
}

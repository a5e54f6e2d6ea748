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

    /// <summary>Days the counting tables cover; outside them a count is made day by day.</summary>
    private static readonly DateOnly TableFrom = new(1990, 1, 1), TableTo = new(2070, 12, 31);

    private readonly HashSet<DateOnly> _holidays;
    private readonly Lazy<(int[] CountUpTo, int[] WorkingDays)> _tables;

    public WorkingDayCalendar(IEnumerable<DateOnly> bankHolidays)
    {
        _holidays = [.. bankHolidays];
        if (_holidays.Count > 0)
        {
            FirstCoveredYear = _holidays.Min().Year;
            LastCoveredYear = _holidays.Max().Year;
        }
        _tables = new(BuildTables);
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
        if (from >= TableFrom && from <= TableTo)
        {
            var (countUpTo, working) = _tables.Value;
            var upTo = countUpTo[from.DayNumber - TableFrom.DayNumber];
            var index = workingDays == 0 ? (IsWorkingDay(from) ? upTo - 1 : upTo) : upTo + workingDays - 1;
            if (index < working.Length) return DateOnly.FromDayNumber(working[index]);
        }
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
        if (to <= from) return 0;
        if (from >= TableFrom && to <= TableTo)
        {
            var countUpTo = _tables.Value.CountUpTo;
            return countUpTo[to.DayNumber - TableFrom.DayNumber] - countUpTo[from.DayNumber - TableFrom.DayNumber];
        }
        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
            if (IsWorkingDay(day)) count++;
        return count;
    }

    /// <summary>The end of the Nth working day after the UK date of <paramref name="instant"/>: the due time of a working-day clock.</summary>
    public DateTimeOffset DueAfterWorkingDays(DateTimeOffset instant, int workingDays) =>
        EndOfUkDay(AddWorkingDays(UkDate(instant), workingDays));

    public static DateOnly UkDate(DateTimeOffset instant) =>
        UkOffsets.At(instant.UtcTicks) is { } offset
            ? DateOnly.FromDayNumber((int)((instant.UtcTicks + offset) / TimeSpan.TicksPerDay))
            : DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, UkTime).DateTime);

    public static DateTimeOffset StartOfUkDay(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, UkOffsets.OfLocal(local.Ticks) is { } offset ? new TimeSpan(offset) : UkTime.GetUtcOffset(local));
    }

    /// <summary>The last moment of a UK calendar day (23:59:59.999 local time).</summary>
    public static DateTimeOffset EndOfUkDay(DateOnly day) => StartOfUkDay(day.AddDays(1)).AddMilliseconds(-1);

    /// <summary>
    /// For each day of the tables, how many working days there are up to and including it; and every working day in
    /// order. The Nth working day after a day is then one look-up, as every clock asks it many times.
    /// </summary>
    private (int[] CountUpTo, int[] WorkingDays) BuildTables()
    {
        var countUpTo = new int[TableTo.DayNumber - TableFrom.DayNumber + 1];
        var working = new List<int>(countUpTo.Length * 5 / 7);
        for (var i = 0; i < countUpTo.Length; i++)
        {
            var day = TableFrom.AddDays(i);
            if (IsWorkingDay(day)) working.Add(day.DayNumber);
            countUpTo[i] = working.Count;
        }
        return (countUpTo, [.. working]);
    }

    /// <summary>
    /// The UK's offset from UTC by its changes, read once from the time zone: converting an instant is then a search
    /// of a short list rather than the time zone's rules, which every "which UK day" question would otherwise pay for.
    /// </summary>
    private static class UkOffsets
    {
        private static readonly long First = new DateTime(TableFrom.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
        private static readonly long Last = new DateTime(TableTo.Year, 12, 31, 0, 0, 0, DateTimeKind.Utc).Ticks;
        private static readonly (long[] From, long[] Offset) Changes = Read();

        /// <summary>The offset in ticks at a UTC instant, or null outside the years read.</summary>
        public static long? At(long utcTicks)
        {
            if (utcTicks < First || utcTicks >= Last) return null;
            var i = Array.BinarySearch(Changes.From, utcTicks);
            return Changes.Offset[i >= 0 ? i : ~i - 1];
        }

        /// <summary>The offset of a UK local time, or null where the time is skipped or repeated by a change of the clocks.</summary>
        public static long? OfLocal(long localTicks)
        {
            if (At(localTicks) is not { } offset || At(localTicks - offset) != offset) return null;
            return offset;
        }

        private static (long[], long[]) Read()
        {
            var from = new List<long> { First };
            var offsets = new List<long> { UkTime.GetUtcOffset(new DateTime(First, DateTimeKind.Utc)).Ticks };
            for (var day = First + TimeSpan.TicksPerDay; day < Last; day += TimeSpan.TicksPerDay)
            {
                var offset = UkTime.GetUtcOffset(new DateTime(day, DateTimeKind.Utc)).Ticks;
                if (offset == offsets[^1]) continue;
                // The change happened during the day before: find its tick.
                long low = day - TimeSpan.TicksPerDay, high = day;
                while (high - low > 1)
                {
                    var middle = low + (high - low) / 2;
                    if (UkTime.GetUtcOffset(new DateTime(middle, DateTimeKind.Utc)).Ticks == offset) high = middle;
                    else low = middle;
                }
                from.Add(high);
                offsets.Add(offset);
            }
            return ([.. from], [.. offsets]);
        }
    }

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

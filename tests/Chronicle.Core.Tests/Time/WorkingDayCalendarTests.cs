using Chronicle.Core.Time;

namespace Chronicle.Core.Tests.Time;

public sealed class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.EnglandAndWales;

    [Fact]
    public void Covers_2010_to_2030()
    {
        Assert.Equal(2010, Calendar.FirstCoveredYear);
        Assert.Equal(2030, Calendar.LastCoveredYear);
    }

    [Theory]
    [InlineData("2015-04-03")] // Good Friday
    [InlineData("2015-04-06")] // Easter Monday
    [InlineData("2015-12-28")] // Boxing Day substitute
    [InlineData("2020-05-08")] // VE day, moved from 4 May
    [InlineData("2022-09-19")] // state funeral
    [InlineData("2012-06-05")] // diamond jubilee
    public void Bank_holidays_are_not_working_days(string day) =>
        Assert.False(Calendar.IsWorkingDay(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void The_trigger_day_does_not_count()
    {
        // Referral on Friday 16 January 2015: one working day later is Monday 19 January.
        Assert.Equal(new DateOnly(2015, 1, 19), Calendar.AddWorkingDays(new DateOnly(2015, 1, 16), 1));
        // Thursday 2 April 2015, before Easter: Good Friday and Easter Monday are skipped.
        Assert.Equal(new DateOnly(2015, 4, 7), Calendar.AddWorkingDays(new DateOnly(2015, 4, 2), 1));
    }

    [Fact]
    public void Fifteen_working_days_skip_weekends_and_holidays()
    {
        // From Monday 4 May 2015 (a bank holiday itself): 5-8, 11-15 and 18-22 May make 14; 25 May is the spring
        // bank holiday, so the 15th working day is Tuesday 26 May.
        Assert.Equal(new DateOnly(2015, 5, 26), Calendar.AddWorkingDays(new DateOnly(2015, 5, 4), 15));
    }

    [Fact]
    public void Counting_between_dates_agrees_with_adding()
    {
        var from = new DateOnly(2019, 12, 20);
        for (var n = 0; n < 40; n++)
            Assert.Equal(n, Calendar.WorkingDaysBetween(from, Calendar.AddWorkingDays(from, n)));
    }

    [Fact]
    public void The_due_time_is_the_end_of_the_uk_day_in_summer_and_winter()
    {
        var summer = Calendar.DueAfterWorkingDays(new DateTimeOffset(2015, 7, 1, 10, 0, 0, TimeSpan.FromHours(1)), 1);
        Assert.Equal(new DateTimeOffset(2015, 7, 2, 23, 59, 59, 999, TimeSpan.FromHours(1)), summer);
        var winter = Calendar.DueAfterWorkingDays(new DateTimeOffset(2015, 1, 16, 10, 0, 0, TimeSpan.Zero), 1);
        Assert.Equal(new DateTimeOffset(2015, 1, 19, 23, 59, 59, 999, TimeSpan.Zero), winter);
    }
}

public sealed class WorkingDayCalendarTablesTests
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.EnglandAndWales;

    [Fact]
    public void Working_days_added_from_the_tables_are_those_counted_day_by_day()
    {
        var random = new Random(11);
        for (var i = 0; i < 20_000; i++)
        {
            var from = new DateOnly(1989, 6, 1).AddDays(random.Next(30_000));
            var days = random.Next(i % 10 == 0 ? 400 : 60);

            Assert.Equal(CountedAdd(from, days), Calendar.AddWorkingDays(from, days));
        }
    }

    [Fact]
    public void Working_days_between_from_the_tables_are_those_counted_day_by_day()
    {
        var random = new Random(12);
        for (var i = 0; i < 5_000; i++)
        {
            var from = new DateOnly(1989, 6, 1).AddDays(random.Next(30_000));
            var to = from.AddDays(random.Next(-20, 400));

            Assert.Equal(CountedBetween(from, to), Calendar.WorkingDaysBetween(from, to));
        }
    }

    [Fact]
    public void A_calendar_with_other_holidays_counts_with_them()
    {
        var calendar = new WorkingDayCalendar([new DateOnly(2024, 7, 2)]);

        Assert.Equal(new DateOnly(2024, 7, 3), calendar.AddWorkingDays(new DateOnly(2024, 7, 1), 1));
        Assert.Equal(new DateOnly(2024, 12, 26), calendar.AddWorkingDays(new DateOnly(2024, 12, 25), 1));
    }

    [Fact]
    public void UK_dates_are_those_the_time_zone_gives_every_hour_from_1989_to_2072()
    {
        for (var instant = new DateTimeOffset(1989, 1, 1, 0, 30, 0, TimeSpan.Zero); instant.Year < 2072; instant = instant.AddMinutes(61))
            Assert.Equal(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, WorkingDayCalendar.UkTime).DateTime), WorkingDayCalendar.UkDate(instant));
    }

    [Fact]
    public void UK_dates_change_with_the_clocks_to_the_tick()
    {
        // British Summer Time began at 01:00 UTC on 31 March 2024 and ended at 01:00 UTC on 27 October 2024.
        var spring = new DateTimeOffset(2024, 3, 30, 23, 0, 0, TimeSpan.Zero);
        var autumn = new DateTimeOffset(2024, 10, 26, 23, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateOnly(2024, 3, 30), WorkingDayCalendar.UkDate(spring.AddTicks(-1)));
        Assert.Equal(new DateOnly(2024, 3, 30), WorkingDayCalendar.UkDate(spring));
        Assert.Equal(new DateOnly(2024, 10, 26), WorkingDayCalendar.UkDate(autumn.AddTicks(-1)));
        Assert.Equal(new DateOnly(2024, 10, 27), WorkingDayCalendar.UkDate(autumn));
    }

    [Fact]
    public void UK_days_start_when_the_time_zone_says_from_1989_to_2072()
    {
        for (var day = new DateOnly(1989, 1, 1); day.Year < 2072; day = day.AddDays(1))
        {
            var local = day.ToDateTime(TimeOnly.MinValue);
            Assert.Equal(new DateTimeOffset(local, WorkingDayCalendar.UkTime.GetUtcOffset(local)), WorkingDayCalendar.StartOfUkDay(day));
        }
    }

    private static DateOnly CountedAdd(DateOnly from, int days)
    {
        var day = from;
        if (days == 0)
        {
            while (!Calendar.IsWorkingDay(day)) day = day.AddDays(1);
            return day;
        }
        for (var counted = 0; counted < days;)
        {
            day = day.AddDays(1);
            if (Calendar.IsWorkingDay(day)) counted++;
        }
        return day;
    }

    private static int CountedBetween(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
            if (Calendar.IsWorkingDay(day)) count++;
        return count;
    }
}

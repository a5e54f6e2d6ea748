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
        Assert.False(Calendar.IsWorkingDay(DateOnly.Parse(day)));

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

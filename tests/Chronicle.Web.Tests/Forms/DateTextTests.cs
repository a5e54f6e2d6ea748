using Chronicle.Web.Forms;

namespace Chronicle.Web.Tests.Forms;

/// <summary>The one way Chronicle's date fields read a date typed in.</summary>
public sealed class DateTextTests
{
    [Theory]
    [InlineData("27/1/2015")]
    [InlineData("27/01/2015")]
    [InlineData(" 27/1/2015 ")]
    [InlineData("27-1-2015")]
    [InlineData("27 1 2015")]
    [InlineData("2015-01-27")]
    public void A_day_written_as_people_in_England_write_it_or_as_the_API_sends_it_is_read(string text)
    {
        Assert.True(DateText.TryParse(text, out var day));
        Assert.Equal(new DateOnly(2015, 1, 27), day);
    }

    [Theory]
    [InlineData("1/27/2015")]
    [InlineData("31/2/2015")]
    [InlineData("last Tuesday")]
    [InlineData("2015")]
    // A two-digit year is refused: "3/4/45" could be 1945 or 2045, and a date of birth must not be guessed.
    [InlineData("27/1/15")]
    [InlineData("3/4/45")]
    [InlineData("")]
    [InlineData(null)]
    public void What_is_not_a_real_day_month_and_year_is_not_read(string? text) => Assert.False(DateText.TryParse(text, out _));

    [Theory]
    [InlineData("27/1/2015 10:30", 10, 30)]
    [InlineData("27/01/2015 9:05", 9, 5)]
    [InlineData("27-1-2015 10:30", 10, 30)]
    [InlineData("27 1 2015 10:30", 10, 30)]
    [InlineData("2015-01-27 10:30", 10, 30)]
    [InlineData("2015-01-27T10:30", 10, 30)]
    // A date alone is the start of the working day.
    [InlineData("27/1/2015", 9, 0)]
    public void A_date_and_time_is_read_with_the_same_dates_as_a_day_in_UK_time(string text, int hour, int minute)
    {
        Assert.True(DateText.TryParseDateTime(text, out var at));
        Assert.Equal(new DateTimeOffset(2015, 1, 27, hour, minute, 0, TimeSpan.Zero), at);
    }

    [Fact]
    public void A_date_and_time_in_summer_is_British_Summer_Time()
    {
        Assert.True(DateText.TryParseDateTime("27/6/2015 10:30", out var at));
        Assert.Equal(new DateTimeOffset(2015, 6, 27, 10, 30, 0, TimeSpan.FromHours(1)), at);
    }

    [Theory]
    [InlineData("27/1/2015 25:00")]
    [InlineData("27/1/2015 10.30")]
    [InlineData("31/2/2015 10:30")]
    [InlineData("27/1/15 10:30")]
    [InlineData("10:30")]
    [InlineData("")]
    [InlineData(null)]
    public void What_is_not_a_real_date_and_time_is_not_read(string? text) => Assert.False(DateText.TryParseDateTime(text, out _));

    [Fact]
    public void A_field_that_is_not_a_date_is_named_in_its_error_and_a_blank_one_is_no_date()
    {
        var problems = new Core.Validation.Problems();
        Assert.Null(DateText.Read("31/2/2015", "due", "The due date", problems));
        Assert.Null(DateText.Read(" ", "from", "The start", problems));
        Assert.Null(DateText.ReadDateTime("tomorrow", "scheduledFor", "The date and time of the meeting", problems));
        Assert.Equal(new[] { new Core.Validation.FieldError("due", "The due date must be a real date, for example 27/3/2015"),
            new Core.Validation.FieldError("scheduledFor", "The date and time of the meeting must be a real date and time, for example 27/3/2015 10:30") }, problems.Errors);
    }
}

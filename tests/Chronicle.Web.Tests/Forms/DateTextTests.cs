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
}

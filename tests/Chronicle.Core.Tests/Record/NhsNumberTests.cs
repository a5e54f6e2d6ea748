using Chronicle.Core.Record;
using FsCheck;
using FsCheck.Fluent;

namespace Chronicle.Core.Tests.Record;

public sealed class NhsNumberTests
{
    [Theory]
    [InlineData("943 476 5919", "9434765919")]
    [InlineData("9434765919", "9434765919")]
    [InlineData("943-476-5919", "9434765919")]
    [InlineData("401 023 2137", "4010232137")]
    public void A_valid_number_is_accepted_and_normalised(string input, string digits) =>
        Assert.Equal(digits, NhsNumber.Parse(input).Unwrap());

    [Fact]
    public void A_wrong_check_digit_is_refused_with_a_clear_message()
    {
        var outcome = NhsNumber.Parse("943 476 5918");
        var error = Assert.Single(outcome.Errors);
        Assert.Equal("nhsNumber", error.Field);
        Assert.Contains("check digit is wrong", error.Message);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("94347659190")]
    [InlineData("94347659A9")]
    public void The_wrong_format_is_refused(string input) =>
        Assert.Contains("correct format", Assert.Single(NhsNumber.Parse(input).Errors).Message);

    [Fact]
    public void A_number_whose_check_digit_would_be_ten_is_invalid()
    {
        // Weighted sum of 000000001 is 2: 11 - 2 = 9, valid with 9. Find a prefix whose check is 10: 000000006 -> sum 12, 11 - 1 = 10.
        Assert.False(NhsNumber.Parse("0000000060").Succeeded);
    }

    [Fact]
    public void Every_number_with_its_computed_check_digit_passes_and_any_other_digit_fails()
    {
        FsCheck.Fluent.Prop.ForAll(FsCheck.Fluent.ArbMap.Default.ArbFor<int>(), new Func<int, bool>(seed =>
        {
            var prefix = (Math.Abs((long)seed) % 1_000_000_000).ToString("D9", System.Globalization.CultureInfo.InvariantCulture);
            var sum = prefix.Select((c, i) => (c - '0') * (10 - i)).Sum();
            var check = 11 - sum % 11;
            if (check == 11) check = 0;
            if (check == 10) return !Enumerable.Range(0, 10).Any(d => NhsNumber.Parse(prefix + d).Succeeded);
            return NhsNumber.Parse(prefix + check).Succeeded
                && Enumerable.Range(0, 10).Where(d => d != check).All(d => !NhsNumber.Parse(prefix + d).Succeeded);
        })).QuickCheckThrowOnFailure();
    }
}

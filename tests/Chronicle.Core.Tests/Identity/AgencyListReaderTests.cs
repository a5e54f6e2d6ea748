using Chronicle.Core.Identity;
using Chronicle.Core.Time;

namespace Chronicle.Core.Tests.Identity;

public sealed class AgencyListReaderTests
{
    private const string Header = "agency_record_id,given_name,family_name,date_of_birth,sex,nhs_number,postcode,address";

    [Theory]
    [InlineData("2024-02-29", 2024, 2, 29, DatePrecision.Day)]
    [InlineData("0001-01-01", 1, 1, 1, DatePrecision.Day)]
    [InlineData("29/02/2024", 2024, 2, 29, DatePrecision.Day)]
    [InlineData("1/2/2024", 2024, 2, 1, DatePrecision.Day)]
    [InlineData("2024-02", 2024, 2, 1, DatePrecision.Month)]
    [InlineData("2024", 2024, 1, 1, DatePrecision.Year)]
    public void A_date_of_birth_is_read_with_its_precision(string written, int year, int month, int day, DatePrecision precision)
    {
        var row = AgencyListReader.ReadCsv($"{Header}\nA1,Ada,Lovell,{written},F,,,").Unwrap().Rows.Single();

        Assert.Equal(new DateOnly(year, month, day), row.DateOfBirth);
        Assert.Equal(precision, row.DateOfBirthPrecision);
    }

    [Theory]
    [InlineData("2023-02-29")]
    [InlineData("2024-13-01")]
    [InlineData("2024-00-10")]
    [InlineData("0000-01-01")]
    [InlineData("2024/01/15")]
    [InlineData("2024-01-1a")]
    public void A_date_of_birth_that_is_no_date_refuses_the_file(string written)
    {
        var read = AgencyListReader.ReadCsv($"{Header}\nA1,Ada,Lovell,{written},F,,,");

        Assert.False(read.Succeeded);
        Assert.Contains(read.Errors, e => e.Field.Contains("date_of_birth", StringComparison.Ordinal));
    }
}

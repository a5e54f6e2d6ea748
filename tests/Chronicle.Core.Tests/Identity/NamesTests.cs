using Chronicle.Core.Identity;

namespace Chronicle.Core.Tests.Identity;

public sealed class NamesTests
{
    [Theory]
    [InlineData("smith", "SMITH")]
    [InlineData("SMITH", "SMITH")]
    [InlineData("O'Neil", "ONEIL")]
    [InlineData("  mary ann 2 ", "MARYANN")]
    [InlineData("Zoë", "ZOE")]
    [InlineData("Strauß", "STRAUSS")]
    [InlineData("Ægir", "AEGIR")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void A_name_folds_to_its_capital_letters(string? name, string folded) => Assert.Equal(folded, Names.Fold(name));

    [Fact]
    public void A_double_barrelled_name_gives_each_part_folded() =>
        Assert.Equal(["SMITH", "JONES", "OBRIEN"], Names.Parts(" smith-Jones / o'brien ,'' "));
}

using System.Text.RegularExpressions;
using Chronicle.Core.Safeguards;
using Chronicle.Testing;

namespace Chronicle.Core.Tests.Safeguards;

/// <summary>The catalogue as built (docs/safeguards.md) lists every safeguard Chronicle runs, under its name, severity and setting defaults.</summary>
public sealed partial class CatalogueAsBuiltTests
{
    public static TheoryData<string> Ids => [.. SafeguardCatalogue.All.Select(s => s.Id)];

    private static readonly string[] Rows = [.. File.ReadLines(RepositoryFiles.Path("docs/safeguards.md")).Where(l => l.StartsWith("| SG-", StringComparison.Ordinal))];

    [Theory]
    [MemberData(nameof(Ids))]
    public void Each_safeguard_has_one_row_with_its_name_severity_and_defaults(string id)
    {
        var safeguard = SafeguardCatalogue.Find(id)!;
        var cells = Assert.Single(Rows, r => r.StartsWith($"| {id} |", StringComparison.Ordinal)).Split(" | ");

        Assert.Equal(safeguard.Title, cells[1].Trim());
        Assert.Equal(safeguard.Severity.ToString().ToLowerInvariant(), cells[^1].Trim(' ', '|'));
        var numbers = NumberInBrackets().Matches(cells[^2]).Select(m => m.Groups[1].Value).ToHashSet();
        foreach (var setting in safeguard.Settings.Where(s => s.IsNumber))
            Assert.Contains(setting.DefaultValue, numbers);
        Assert.NotEmpty(safeguard.Lessons);
    }

    [Fact]
    public void Nothing_is_listed_that_Chronicle_does_not_run()
    {
        var ids = Rows.Select(r => r.Split(" | ")[0].TrimStart('|', ' ')).ToList();
        Assert.Equal(SafeguardCatalogue.All.Select(s => s.Id), ids);
    }

    [GeneratedRegex(@"\((\d+)")]
    private static partial Regex NumberInBrackets();
}

using System.Globalization;
using System.Text.RegularExpressions;
using Chronicle.Core.Safeguards;
using Chronicle.Testing;

namespace Chronicle.Core.Tests.Safeguards;

/// <summary>Sections E to H of the safeguards catalogue (SG-15 to SG-28): each implemented once, as the catalogue names it, carrying its lessons.</summary>
public sealed partial class CatalogueSectionsEToHTests
{
    private static readonly string[] Owned = [.. Enumerable.Range(15, 14).Select(n => $"SG-{n:00}")];

    public static TheoryData<string> Ids => [.. Owned];

    private static readonly string Catalogue = File.ReadAllText(Path.Combine(Path.GetDirectoryName(RepositoryFiles.SeedsFolder)!, "docs", "safeguards.md"));

    [Theory]
    [MemberData(nameof(Ids))]
    public void Each_is_implemented_exactly_once_under_the_catalogues_name(string id)
    {
        var safeguard = Assert.Single(SafeguardCatalogue.All, s => s.Id == id);

        var row = CatalogueRow().Matches(Catalogue).Single(m => m.Groups["id"].Value == id);
        Assert.Equal(row.Groups["name"].Value.Trim(), safeguard.Title);
        Assert.Equal(row.Groups["severity"].Value, safeguard.Severity.ToString().ToLowerInvariant());
        Assert.Equal(1, safeguard.Version);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Each_carries_lessons_quoted_word_for_word_from_its_seed(string id)
    {
        var safeguard = SafeguardCatalogue.Find(id)!;

        Assert.NotEmpty(safeguard.Lessons);
        foreach (var lesson in safeguard.Lessons)
        {
            Assert.Matches("^00[0-4]$", lesson.Seed);
            Assert.False(string.IsNullOrWhiteSpace(lesson.Case));
            Assert.False(string.IsNullOrWhiteSpace(lesson.Finding));
            var seed = Directory.GetFiles(RepositoryFiles.SeedsFolder, $"{lesson.Seed}_*.txt").Single();
            Assert.Contains(lesson.Quote, File.ReadAllText(seed), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Each_setting_has_a_unique_key_a_whole_number_default_and_a_unit(string id)
    {
        var safeguard = SafeguardCatalogue.Find(id)!;

        Assert.Equal(safeguard.Settings.Count, safeguard.Settings.Select(s => s.Key).Distinct().Count());
        foreach (var setting in safeguard.Settings)
        {
            Assert.True(int.TryParse(setting.DefaultValue, NumberStyles.None, CultureInfo.InvariantCulture, out _), $"{id}.{setting.Key}");
            Assert.False(string.IsNullOrWhiteSpace(setting.Unit));
            Assert.False(string.IsNullOrWhiteSpace(setting.Label));
        }
    }

    [Fact]
    public void Sections_e_to_h_are_fourteen_safeguards()
    {
        Assert.Equal(Owned, SafeguardCatalogue.All.Select(s => s.Id).Where(Owned.Contains).Order(StringComparer.Ordinal));
    }

    [GeneratedRegex(@"^\| (?<id>SG-\d\d) \| (?<name>[^|]+) \|.*\| (?<severity>urgent|action|prompt) \|$", RegexOptions.Multiline)]
    private static partial Regex CatalogueRow();
}

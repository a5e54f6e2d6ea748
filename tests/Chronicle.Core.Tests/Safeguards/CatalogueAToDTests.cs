using System.Text.RegularExpressions;
using Chronicle.Core.Safeguards;
using Chronicle.Testing;

namespace Chronicle.Core.Tests.Safeguards;

/// <summary>Sections A to D of the safeguards catalogue (SG-01 to SG-14) as Chronicle implements them.</summary>
public sealed partial class CatalogueAToDTests
{
    public static TheoryData<string> Ids => [.. Enumerable.Range(1, 14).Select(i => $"SG-{i:00}")];

    [Theory]
    [MemberData(nameof(Ids))]
    public void Each_safeguard_is_implemented_exactly_once_with_lessons(string id)
    {
        var implementations = SafeguardCatalogue.All.Where(s => s.Id == id).ToList();

        var safeguard = Assert.Single(implementations);
        Assert.Equal(1, safeguard.Version);
        Assert.NotEmpty(safeguard.Lessons);
        Assert.All(safeguard.Lessons, l =>
        {
            Assert.Matches("^00[0-4]$", l.Seed);
            Assert.False(string.IsNullOrWhiteSpace(l.Case));
            Assert.False(string.IsNullOrWhiteSpace(l.Finding));
            Assert.False(string.IsNullOrWhiteSpace(l.Quote));
        });
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Title_and_severity_are_the_catalogues(string id)
    {
        var row = CatalogueRows()[id];

        var safeguard = SafeguardCatalogue.Find(id)!;

        Assert.Equal(row.Name, safeguard.Title);
        Assert.Equal(row.Severity, safeguard.Severity.ToString().ToLowerInvariant());
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_lesson_quotes_its_seed_word_for_word(string id)
    {
        foreach (var lesson in SafeguardCatalogue.Find(id)!.Lessons)
        {
            var seed = Directory.GetFiles(RepositoryFiles.SeedsFolder, $"{lesson.Seed}_*.txt").Single();
            Assert.Contains(Words(lesson.Quote), Words(File.ReadAllText(seed)), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Settings_have_unique_keys_and_readable_defaults(string id)
    {
        var safeguard = SafeguardCatalogue.Find(id)!;

        Assert.Equal(safeguard.Settings.Count, safeguard.Settings.Select(s => s.Key).Distinct().Count());
        Assert.All(safeguard.Settings, s => Assert.True(s.IsNumber || s.Choices?.Contains(s.DefaultValue) == true, $"{id}.{s.Key}"));
        foreach (var setting in safeguard.Settings.Where(s => s.IsNumber))
            Assert.True(PolicySettings.Defaults.GetInt(id, setting) >= 0, $"{id}.{setting.Key}");
    }

    [Fact]
    public void Every_number_in_a_catalogue_row_is_a_setting_default()
    {
        foreach (var (id, row) in CatalogueRows().Where(r => string.CompareOrdinal(r.Key, "SG-14") <= 0))
        {
            var defaults = SafeguardCatalogue.Find(id)!.Settings.Select(s => s.DefaultValue).ToHashSet();
            foreach (Match number in NumberInBrackets().Matches(row.Settings))
                Assert.Contains(number.Groups[1].Value, defaults);
        }
    }

    private sealed record Row(string Name, string Settings, string Severity);

    private static Dictionary<string, Row> CatalogueRows()
    {
        var catalogue = Path.Combine(RepositoryFiles.SeedsFolder, "..", "docs", "safeguards.md");
        var rows = new Dictionary<string, Row>();
        foreach (var line in File.ReadLines(catalogue).Where(l => l.StartsWith("| SG-", StringComparison.Ordinal)))
        {
            var cells = line.Split('|').Select(c => c.Trim()).ToArray();
            rows[cells[1]] = new Row(cells[2], cells[7], cells[8]);
        }
        return rows;
    }

    private static string Words(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [GeneratedRegex(@"\((\d+)[^)]*\)")]
    private static partial Regex NumberInBrackets();
}

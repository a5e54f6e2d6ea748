using System.Text.RegularExpressions;
using Chronicle.Core.Safeguards;
using Chronicle.Testing;
using Chronicle.Web.Alerts;

namespace Chronicle.Web.Tests.Alerts;

public sealed partial class SafeguardGuidesTests
{
    [Fact]
    public void Every_safeguard_in_the_catalogue_is_explained_and_nothing_else_is()
    {
        Assert.Equal(SafeguardCatalogue.All.Select(s => s.Id), SafeguardGuides.All.Keys.Order(StringComparer.Ordinal));
        Assert.All(SafeguardGuides.All.Values, g =>
        {
            Assert.False(string.IsNullOrWhiteSpace(g.FiresWhen));
            Assert.False(string.IsNullOrWhiteSpace(g.AsksFor));
            Assert.False(string.IsNullOrWhiteSpace(g.Told));
        });
    }

    /// <summary>What the pages say a safeguard does is what the catalogue says: a rule changed in one is changed in both.</summary>
    [Fact]
    public void Each_guide_says_what_its_row_of_the_catalogue_says()
    {
        var rows = File.ReadLines(RepositoryFiles.Path("docs/safeguards.md"))
            .Select(line => Row().Match(line)).Where(m => m.Success)
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups.Values.Skip(3).Take(4).Select(g => g.Value.Replace("`", "", StringComparison.Ordinal)).ToList());
        Assert.All(SafeguardGuides.All, guide =>
        {
            Assert.True(rows.TryGetValue(guide.Key, out var row), $"{guide.Key} has no row in docs/safeguards.md");
            Assert.Equal(row![0], guide.Value.Lesson);
            Assert.Equal(row[1], guide.Value.FiresWhen);
            Assert.Equal(row[2], guide.Value.AsksFor);
            Assert.Equal(row[3], guide.Value.Told);
        });
    }

    [GeneratedRegex(@"^\| (SG-\d\d) \| ([^|]*) \| ([^|]*) \| ([^|]*) \| ([^|]*) \| ([^|]*) \|")]
    private static partial Regex Row();
}

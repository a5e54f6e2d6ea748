using Chronicle.Core.Identity;
using Chronicle.Testing.Identity;

namespace Chronicle.Core.Tests.Identity;

public sealed class LinkageAccuracyTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(11)]
    [InlineData(29)]
    public void A_generated_list_links_with_precision_of_at_least_099_and_recall_of_at_least_098(int seed)
    {
        var generator = new AgencyListGenerator(seed);
        var people = generator.People(20_000);
        var rows = generator.AgencyList(people, 10_000);
        var accuracy = LinkageAccuracy.Measure(people, rows, MatchScorer.Default);
        output.WriteLine($"{accuracy.Rows} rows: {accuracy.Matched} matched ({accuracy.MatchedCorrectly} rightly), {accuracy.Possible} possible, {accuracy.NoMatch} new;"
            + $" precision {accuracy.Precision:F4}, recall {accuracy.Recall:F4}; twins on record {generator.Twins}");
        foreach (var miss in accuracy.Misses) output.WriteLine(miss);
        Assert.True(accuracy.Precision >= 0.99, $"precision {accuracy.Precision:F4}");
        Assert.True(accuracy.Recall >= 0.98, $"recall {accuracy.Recall:F4}");
        // Most rows are decided without a person: the review queue holds the few that need one.
        Assert.True(accuracy.Possible < rows.Count / 10, $"{accuracy.Possible} rows to review");
    }
}

using Chronicle.Core.Scenarios;

namespace Chronicle.Core.Tests.Scenarios;

/// <summary>Dates relative to today: worked out from the day given when the file is read, anywhere in the file.</summary>
public sealed class ScenarioLoaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("chronicle-loader-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string json)
    {
        var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    private const string Live = """
        {
          "name": "A live story",
          "partnership": { "name": "P", "code": "p" },
          "people": [ { "key": "child", "kind": "child", "knownAs": "Child", "dateOfBirth": "today-2000" } ],
          "timeline": [
            { "at": "today-14T10:30", "kind": "home-visit", "by": "sw", "about": ["child"], "details": { "childSeen": true, "observations": "today-ish, seen at home" } },
            { "at": "today", "kind": "home-visit", "by": "sw", "about": ["child"], "details": { "childSeen": true, "due": "today+7" } }
          ],
          "expectations": [ { "safeguard": "SG-01", "by": "today+3" } ]
        }
        """;

    [Theory]
    [InlineData(2027, 3, 15)]
    [InlineData(2028, 2, 29)]
    public async Task Relative_dates_count_from_the_day_given_and_make_the_story_live(int year, int month, int day)
    {
        var today = new DateOnly(year, month, day);

        var loaded = await ScenarioLoader.LoadAsync(Write(Live), today, TestContext.Current.CancellationToken);

        Assert.True(loaded.Succeeded, string.Join("; ", loaded.Errors.Select(e => e.Message)));
        var scenario = loaded.Value!;
        Assert.True(scenario.IsLive);
        Assert.Equal(today, scenario.RelativeTo);
        Assert.Equal(today.AddDays(-2000), scenario.People[0].DateOfBirth);
        Assert.Equal($"{today.AddDays(-14):yyyy-MM-dd}T10:30", scenario.Timeline[0].At);
        Assert.Equal($"{today:yyyy-MM-dd}", scenario.Timeline[1].At);
        Assert.Equal($"{today.AddDays(7):yyyy-MM-dd}", scenario.Timeline[1].Details!.Value.GetProperty("due").GetString());
        Assert.Equal(today.AddDays(3), scenario.Expectations[0].By);
        // Only a whole value of that form is a date: text that begins like one is left as it is.
        Assert.Equal("today-ish, seen at home", scenario.Timeline[0].Details!.Value.GetProperty("observations").GetString());
    }

    [Fact]
    public async Task A_relative_date_with_no_day_to_count_from_is_refused_by_where_it_is()
    {
        var loaded = await ScenarioLoader.LoadAsync(Write(Live), TestContext.Current.CancellationToken);

        Assert.False(loaded.Succeeded);
        Assert.Contains("$.people[0].dateOfBirth is a date relative to today", Assert.Single(loaded.Errors).Message);
    }

    [Fact]
    public async Task A_story_told_in_dates_is_not_live_whatever_day_it_is_read()
    {
        var loaded = await ScenarioLoader.LoadAsync(Write(Live.Replace("today-2000", "2015-01-01").Replace("today-14T10:30", "2015-02-01T10:30")
            .Replace("\"today\"", "\"2015-02-02\"").Replace("today+7", "2015-02-09").Replace("today+3", "2015-02-05")), new DateOnly(2027, 3, 15), TestContext.Current.CancellationToken);

        Assert.True(loaded.Succeeded);
        Assert.False(loaded.Value!.IsLive);
        Assert.Equal("2015-02-01T10:30", loaded.Value.Timeline[0].At);
    }
}

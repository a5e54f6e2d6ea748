using System.Text.Json;
using Chronicle.Testing;

namespace Chronicle.Cli.Tests;

/// <summary>
/// The repository's scenarios, replayed as CI would: every expectation holds, each seed review raises at least the
/// safeguards the catalogue assigns to it, and the family served well raises none.
/// </summary>
public sealed class ScenarioFilesTests
{
    /// <summary>The catalogue's table "Which safeguards each seed case must raise".</summary>
    public static TheoryData<string, string[]> Seeds => new()
    {
        { "baby-r.json", ["SG-01", "SG-03", "SG-04", "SG-06", "SG-07", "SG-14", "SG-21", "SG-22"] },
        { "family-l.json", ["SG-05", "SG-08", "SG-09", "SG-12", "SG-19", "SG-20", "SG-24"] },
        { "family-s22.json", ["SG-01", "SG-26", "SG-27", "SG-28"] },
        { "emily.json", ["SG-10", "SG-11", "SG-13", "SG-15", "SG-16", "SG-18", "SG-23"] },
        { "child-bf.json", ["SG-02", "SG-10", "SG-12", "SG-17", "SG-19", "SG-25", "SG-26"] },
    };

    private static readonly Lazy<Task<JsonElement>> Replayed = new(async () =>
    {
        var files = Directory.GetFiles(RepositoryFiles.Path("scenarios"), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        var (exit, output, error) = await CliRunner.RunAsync(["replay", .. files, "--json"]);
        Assert.True(exit == 0, error);
        return JsonDocument.Parse(output).RootElement.GetProperty("scenarios");
    });

    private static async Task<JsonElement> ScenarioAsync(string file) =>
        (await Replayed.Value).EnumerateArray().Single(s => s.GetProperty("file").GetString()!.EndsWith(Path.DirectorySeparatorChar + file, StringComparison.Ordinal));

    [Fact]
    public async Task Every_expectation_of_every_scenario_holds()
    {
        var failures = (await Replayed.Value).EnumerateArray()
            .SelectMany(s => s.GetProperty("expectations").GetProperty("failures").EnumerateArray().Select(f => $"{Path.GetFileName(s.GetProperty("file").GetString())}: {f.GetString()}"))
            .ToList();
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True((await Replayed.Value).GetArrayLength() >= 6);
    }

    [Theory, MemberData(nameof(Seeds))]
    public async Task Each_seed_raises_the_safeguards_the_catalogue_assigns_to_it(string file, string[] safeguards)
    {
        var raised = (await ScenarioAsync(file)).GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("safeguard").GetString()).ToHashSet();
        var missing = safeguards.Where(s => !raised.Contains(s)).ToList();
        Assert.True(missing.Count == 0, $"{file} never raises {string.Join(", ", missing)}");
    }

    [Fact]
    public async Task The_family_served_well_raises_no_alert()
    {
        Assert.Equal(0, (await ScenarioAsync("good-practice.json")).GetProperty("alerts").GetArrayLength());
    }

    [Fact]
    public async Task Every_good_practice_counterpart_raises_no_alert()
    {
        var counterparts = (await Replayed.Value).EnumerateArray()
            .Where(s => Path.GetFileName(s.GetProperty("file").GetString()!).Contains("good-practice", StringComparison.Ordinal))
            .ToList();
        var raised = counterparts
            .SelectMany(s => s.GetProperty("alerts").EnumerateArray().Select(a => $"{Path.GetFileName(s.GetProperty("file").GetString())}: {a.GetProperty("safeguard").GetString()} {a.GetProperty("summary").GetString()}"))
            .ToList();
        Assert.True(counterparts.Count >= 5, $"only {counterparts.Count} good-practice scenarios found");
        Assert.True(raised.Count == 0, string.Join(Environment.NewLine, raised));
    }

    [Fact]
    public async Task Family_L_raises_SG08_unless_its_information_is_shared_and_acknowledged_the_day_it_is_recorded()
    {
        static IEnumerable<string?> Raised(JsonElement scenario) => scenario.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("safeguard").GetString());
        Assert.Contains("SG-08", Raised(await ScenarioAsync("family-l.json")));
        Assert.DoesNotContain("SG-08", Raised(await ScenarioAsync("family-l-shared.json")));
    }
}

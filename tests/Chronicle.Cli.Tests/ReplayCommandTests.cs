using System.Text.Json;

namespace Chronicle.Cli.Tests;

public sealed class ReplayCommandTests
{
    private static string Scenario(string name) => Path.Combine(AppContext.BaseDirectory, "Scenarios", name);

    [Fact]
    public async Task Json_output_has_the_documented_shape()
    {
        var (exit, output, _) = await CliRunner.RunAsync("replay", Scenario("correction.json"), "--json", "--check");
        Assert.Equal(0, exit);
        var scenario = JsonDocument.Parse(output).RootElement.GetProperty("scenarios")[0];
        Assert.Equal("A corrected test result", scenario.GetProperty("name").GetString());
        Assert.EndsWith("correction.json", scenario.GetProperty("file").GetString());
        Assert.Equal(JsonValueKind.Array, scenario.GetProperty("alerts").ValueKind);
        Assert.Equal(4, scenario.GetProperty("expectations").GetProperty("passed").GetInt32());
        Assert.Equal(0, scenario.GetProperty("expectations").GetProperty("failed").GetInt32());
    }

    [Fact]
    public async Task Text_output_shows_the_correction_beside_the_original()
    {
        var (_, output, _) = await CliRunner.RunAsync("replay", Scenario("correction.json"));
        Assert.Contains("Urine toxicology: Negative [corrected]", output);
        Assert.Contains("Urine toxicology: Inconclusive (no result: not negative); sample dilute [correction]", output);
    }

    [Fact]
    public async Task A_failed_expectation_fails_the_check()
    {
        var file = Path.Combine(Path.GetTempPath(), $"expect-{Guid.NewGuid():N}.json");
        var json = await File.ReadAllTextAsync(Scenario("correction.json"));
        await File.WriteAllTextAsync(file, json.Replace("\"SG-12\"", "\"SG-99\"", StringComparison.Ordinal));
        try
        {
            var (exit, output, _) = await CliRunner.RunAsync("replay", file, "--check");
            Assert.Equal(1, exit);
            Assert.Contains("FAILED SG-99 was never raised", output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_scenario_that_names_an_undeclared_key_is_a_clear_error()
    {
        var file = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.json");
        var json = await File.ReadAllTextAsync(Scenario("correction.json"));
        await File.WriteAllTextAsync(file, json.Replace("\"@bruise\"", "\"@bruse\"", StringComparison.Ordinal));
        try
        {
            var (exit, _, error) = await CliRunner.RunAsync("replay", file);
            Assert.Equal(2, exit);
            Assert.Contains("'bruse' names nothing declared before it", error);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Unknown_commands_and_options_are_refused_with_the_usage()
    {
        Assert.Equal(2, (await CliRunner.RunAsync("frobnicate")).Exit);
        var (exit, _, error) = await CliRunner.RunAsync("replay", Scenario("correction.json"), "--fast");
        Assert.Equal(2, exit);
        Assert.Contains("unknown option --fast", error);
    }
}

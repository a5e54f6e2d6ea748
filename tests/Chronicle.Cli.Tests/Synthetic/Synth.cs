using System.Globalization;
using System.Text.Json;
using Chronicle.Testing;

namespace Chronicle.Cli.Tests.Synthetic;

/// <summary>A generated partnership written into a test's database as a user writes one: <c>chronicle synth --json</c>.</summary>
internal static class Synth
{
    /// <summary>Runs <c>synth --children N --json</c> against the database and answers its JSON (how to sign in).</summary>
    public static async Task<JsonElement> WriteAsync(TestDatabase database, int children)
    {
        var target = database.Settings.UsesPostgres ? $"postgres:{database.Settings.PostgresConnectionString}" : $"sqlite:{database.Settings.SqlitePath}";
        var (exit, output, error) = await CliRunner.RunAsync("synth", "--children", children.ToString(CultureInfo.InvariantCulture), "--database", target, "--json");
        Assert.True(exit == 0, error);
        return JsonDocument.Parse(output).RootElement;
    }
}

using System.Globalization;
using System.Text.Json;
using Chronicle.Core;
using Chronicle.Core.Chronology;
using Chronicle.Core.Persistence;
using Chronicle.Core.Scenarios;
using Chronicle.Core.Time;

namespace Chronicle.Cli.Scenarios;

/// <summary>`replay FILE... [--check] [--json]`: plays each scenario into a fresh embedded database and reports.</summary>
public static class ReplayCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> files, bool check, bool json, TextWriter output, TextWriter error)
    {
        var reports = new List<object>();
        var failed = false;
        // A story with dates relative to today is played up to now.
        var now = TimeProvider.System.GetUtcNow();
        foreach (var file in files)
        {
            var loaded = await ScenarioLoader.LoadAsync(file, WorkingDayCalendar.UkDate(now));
            if (!loaded.Succeeded)
            {
                await error.WriteLineAsync(string.Join(Environment.NewLine, loaded.Errors.Select(e => e.Message)));
                return 2;
            }
            var folder = Directory.CreateTempSubdirectory("chronicle-replay-");
            try
            {
                var settings = DatabaseSettings.Sqlite(Path.Combine(folder.FullName, "replay.db"));
                await using (var db = new ChronicleDb(settings.Options())) await SchemaMigrator.MigrateAsync(db);
                var runner = new ReplayRunner(() => new ChronicleDb(settings.Options()));
                ReplayResult result;
                try
                {
                    result = await runner.RunAsync(loaded.Value!, file, playedAt: now);
                }
                catch (ScenarioException ex)
                {
                    await error.WriteLineAsync($"{file}: {ex.Message}");
                    return 2;
                }
                failed |= result.Failed > 0;
                if (json) reports.Add(ToJson(result));
                else await WriteTextAsync(result, settings, output);
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                folder.Delete(recursive: true);
            }
        }
        if (json) await output.WriteLineAsync(JsonSerializer.Serialize(new { scenarios = reports }, ChronicleJson.Options));
        return check && failed ? 1 : 0;
    }

    private static object ToJson(ReplayResult r) => new
    {
        name = r.Name,
        file = r.File,
        alerts = r.Alerts.Select(a => new { safeguard = a.Safeguard, subject = a.SubjectKey, raisedAt = a.RaisedAt, dueAt = a.DueAt, status = a.Status, summary = a.Summary }),
        expectations = new
        {
            passed = r.Passed,
            failed = r.Failed,
            failures = r.Expectations.Where(e => !e.Passed).Select(e => e.Explanation),
        },
    };

    private static async Task WriteTextAsync(ReplayResult r, DatabaseSettings settings, TextWriter output)
    {
        await output.WriteLineAsync($"== {r.Name} ({r.File})");
        await using var db = new ChronicleDb(settings.Options());
        var children = r.Ids.Values.ToHashSet();
        var people = db.People.Where(p => p.PartnershipId == r.PartnershipId && p.Kind != Core.Record.PersonKind.Adult).ToList();
        foreach (var child in people)
        {
            await output.WriteLineAsync($"-- Chronology of {child.DisplayName}");
            foreach (var item in await ChronologyReader.ForChildAsync(db, r.PartnershipId, child.Id))
            {
                var day = item.Entry.OccurredOn.ToString();
                var flag = item.IsSuperseded ? " [corrected]" : item.IsCorrection ? " [correction]" : "";
                await output.WriteLineAsync($"  {day,-18} {item.Agency}: {item.Summary}{flag}");
            }
        }
        await output.WriteLineAsync("-- Alerts");
        if (r.Alerts.Count == 0) await output.WriteLineAsync("  none");
        foreach (var a in r.Alerts)
            await output.WriteLineAsync($"  {WorkingDayCalendar.UkDate(a.RaisedAt).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} {a.Safeguard} {a.SubjectKey} ({a.Status}): {a.Summary}");
        await output.WriteLineAsync($"-- Expectations: {r.Passed} passed, {r.Failed} failed");
        foreach (var e in r.Expectations.Where(e => !e.Passed)) await output.WriteLineAsync($"  FAILED {e.Explanation}");
    }
}

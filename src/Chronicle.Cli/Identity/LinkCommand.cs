using System.Text.Json;
using Chronicle.Cli.Audit;
using Chronicle.Core;
using Chronicle.Core.Identity;
using Chronicle.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Cli.Identity;

/// <summary>
/// `link FILE --agency CODE [--json] [--sqlite PATH | --postgres CONNECTION]`: links an agency's list (CSV or FHIR
/// R4 Patient resources) to the people on record. CODE is the agency's id or its name. Progress goes to the error
/// stream on long runs; the summary (or JSON) to the output.
/// </summary>
public static class LinkCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        string? file = null, agencyCode = null;
        var json = false;
        var database = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--json": json = true; break;
                case "--agency" when i + 1 < args.Count: agencyCode = args[++i]; break;
                case "--sqlite" or "--postgres" when i + 1 < args.Count: database.AddRange([args[i], args[++i]]); break;
                case var a when a.StartsWith("--", StringComparison.Ordinal): return await FailAsync(error, $"unknown option {a}, or it needs a value");
                default:
                    if (file is not null) return await FailAsync(error, "name one file");
                    file = args[i];
                    break;
            }
        }
        if (file is null) return await FailAsync(error, "name the file to link");
        if (agencyCode is null) return await FailAsync(error, "say whose list it is with --agency CODE (the agency's id or name)");
        if (!File.Exists(file)) return await FailAsync(error, $"no file at {file}");
        var settings = DatabaseOption.Resolve(database, out var problem);
        if (settings is null) return await FailAsync(error, problem!);

        await using var db = new ChronicleDb(settings.Options());
        await SchemaMigrator.MigrateAsync(db);
        var agencies = await db.Agencies.AsNoTracking().ToListAsync();
        var matching = agencies.Where(a => a.Id.ToString().Equals(agencyCode, StringComparison.OrdinalIgnoreCase) || a.Name.Equals(agencyCode, StringComparison.OrdinalIgnoreCase)).ToList();
        if (matching.Count != 1)
            return await FailAsync(error, matching.Count == 0 ? $"no agency with the id or name '{agencyCode}'" : $"more than one agency is named '{agencyCode}': give its id");
        var agency = matching[0];
        var read = AgencyListReader.Read(file, await File.ReadAllTextAsync(file));
        if (!read.Succeeded)
        {
            await error.WriteLineAsync($"link: {file} was not linked; nothing was changed:");
            foreach (var e in read.Errors.Take(50)) await error.WriteLineAsync($"  {e.Field}: {e.Message}");
            if (read.Errors.Count > 50) await error.WriteLineAsync($"  and {read.Errors.Count - 50} more");
            return 1;
        }
        var started = DateTime.UtcNow;
        var progress = new Progress(error, read.Value!.Rows.Count);
        var summary = await new LinkService(db, TimeProvider.System).LinkAsync(agency.PartnershipId, agency.Id, read.Value!.Rows, progress);
        foreach (var warning in read.Value.Warnings.Take(50)) await error.WriteLineAsync($"link: {warning}");
        if (json)
            await output.WriteLineAsync(JsonSerializer.Serialize(new { file = Path.GetFileName(file), agency = agency.Name, summary.Rows, summary.Matched, summary.Possible, summary.New, summary.Unchanged, summary.Changed, warnings = read.Value.Warnings.Count }, ChronicleJson.Options));
        else
            await output.WriteLineAsync($"Linked {Path.GetFileName(file)} for {agency.Name} in {(DateTime.UtcNow - started).TotalSeconds:F1} s. {summary.Describe()}.");
        return 0;
    }

    /// <summary>Reports every ten per cent on the error stream, for runs of more than a few thousand rows.</summary>
    private sealed class Progress(TextWriter error, int total) : IProgress<(int Done, int Total)>
    {
        private int _lastTenth;

        public void Report((int Done, int Total) value)
        {
            if (total < 5000) return;
            var tenth = value.Done * 10 / Math.Max(1, value.Total);
            if (tenth <= _lastTenth) return;
            _lastTenth = tenth;
            error.WriteLine($"link: {value.Done} of {value.Total} rows");
        }
    }

    private static async Task<int> FailAsync(TextWriter error, string message)
    {
        await error.WriteLineAsync($"link: {message}");
        return 2;
    }
}

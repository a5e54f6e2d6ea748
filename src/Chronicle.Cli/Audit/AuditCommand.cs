using System.Text.Json;
using Chronicle.Core;
using Chronicle.Core.Audit;
using Chronicle.Core.Persistence;

namespace Chronicle.Cli.Audit;

/// <summary>
/// `audit verify` checks the keyed audit chain, the chronology entries it seals and the head against the signed
/// checkpoints, naming every break; `audit checkpoint` appends a signed checkpoint of the head. Both take
/// [--sqlite PATH | --postgres CONNECTION] [--key-file PATH] [--checkpoints PATH]; verify also --json.
/// Exit codes: 0 intact, 1 tampering found (or, for checkpoint, refused), 2 a usage or configuration error,
/// 3 (verify) nothing found but no checkpoint to compare the end of the chain with.
/// </summary>
public static class AuditCommand
{
    public const int Tampered = 1;
    public const int Unusable = 2;
    public const int NoCheckpoint = 3;

    public static async Task<int> VerifyAsync(IReadOnlyList<string> options, TextWriter output, TextWriter error)
    {
        var settings = AuditOptions.Resolve(options, allowJson: true, out var json, out var problem);
        if (settings is null)
        {
            await error.WriteLineAsync($"audit verify: {problem}");
            return Unusable;
        }
        AuditVerification result;
        try
        {
            await using var db = new ChronicleDb(settings.Options());
            result = await new AuditLog(db, TimeProvider.System).VerifyAsync();
        }
        catch (InvalidOperationException ex)
        {
            await error.WriteLineAsync($"audit verify: {ex.Message}");
            return Unusable;
        }
        var exit = !result.Intact ? Tampered : result.LastCheckpoint is null ? NoCheckpoint : 0;
        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(new
            {
                intact = result.Intact,
                rowsChecked = result.EntriesChecked,
                entriesSealed = result.EntriesSealed,
                head = new { sequence = result.Head.Sequence, keyedFrom = result.Head.KeyedFrom },
                checkpointFile = result.CheckpointFile,
                checkpointsChecked = result.CheckpointsChecked,
                lastCheckpoint = result.LastCheckpoint is { } last ? new { sequence = last.Sequence, at = last.At, line = last.Line } : null,
                findings = result.Findings.Select(f => new { kind = f.Kind, fromSequence = f.FromSequence, toSequence = f.ToSequence, entryId = f.EntryId, message = f.Message }),
            }, ChronicleJson.Options));
            return exit;
        }
        var checkedAgainst = result.LastCheckpoint is { } cp
            ? $"the end checked against the checkpoint of {cp.At:u} (row {cp.Sequence}, {result.CheckpointsChecked} checkpoints in all)"
            : $"no checkpoint found{(result.CheckpointFile is null ? "" : $" at {result.CheckpointFile}")}, so rows removed from the end since the head was last signed cannot be detected";
        if (result.Intact)
        {
            await output.WriteLineAsync($"Audit chain intact: {result.EntriesChecked} rows checked, {result.EntriesSealed} chronology entries sealed ({settings.Describe()}); {checkedAgainst}.");
            return exit;
        }
        await output.WriteLineAsync($"Audit chain BROKEN: {result.Findings.Count} {(result.Findings.Count == 1 ? "break" : "breaks")} found in {result.EntriesChecked} rows ({settings.Describe()}); {checkedAgainst}.");
        foreach (var finding in result.Findings) await output.WriteLineAsync($"  {finding.Message}");
        return exit;
    }

    public static async Task<int> CheckpointAsync(IReadOnlyList<string> options, TextWriter output, TextWriter error)
    {
        var settings = AuditOptions.Resolve(options, allowJson: false, out _, out var problem);
        if (settings is null)
        {
            await error.WriteLineAsync($"audit checkpoint: {problem}");
            return Unusable;
        }
        AuditCheckpointResult result;
        try
        {
            await using var db = new ChronicleDb(settings.Options());
            result = await new AuditLog(db, TimeProvider.System).CheckpointAsync();
        }
        catch (InvalidOperationException ex)
        {
            await error.WriteLineAsync($"audit checkpoint: {ex.Message}");
            return Unusable;
        }
        if (result.Refusal is not null)
        {
            await error.WriteLineAsync($"audit checkpoint: refused: {result.Refusal}");
            return Tampered;
        }
        await output.WriteLineAsync(result.Written
            ? $"Checkpoint written to {settings.Audit.CheckpointFile}: row {result.Checkpoint!.Sequence}."
            : $"No checkpoint needed: the last one in {settings.Audit.CheckpointFile} already records row {result.Checkpoint!.Sequence}.");
        return 0;
    }
}

/// <summary>The audit commands' options: the database (see <see cref="DatabaseOption"/>), and the key and checkpoint files.</summary>
public static class AuditOptions
{
    public static DatabaseSettings? Resolve(IReadOnlyList<string> options, bool allowJson, out bool json, out string? problem)
    {
        json = false;
        var database = new List<string>();
        string? keyFile = null, checkpoints = null;
        for (var i = 0; i < options.Count; i++)
        {
            var option = options[i];
            if (option == "--json" && allowJson) { json = true; continue; }
            if (option is not ("--sqlite" or "--postgres" or "--key-file" or "--checkpoints"))
            {
                problem = $"unknown option {option}";
                return null;
            }
            if (i + 1 >= options.Count || options[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                problem = $"{option} needs one value";
                return null;
            }
            var value = options[++i];
            switch (option)
            {
                case "--key-file": keyFile = value; break;
                case "--checkpoints": checkpoints = value; break;
                default: database.AddRange([option, value]); break;
            }
        }
        if (database.Count > 2)
        {
            problem = "give one database: --sqlite PATH or --postgres CONNECTION";
            return null;
        }
        var settings = DatabaseOption.Resolve(database, out problem);
        if (settings is null) return null;
        // By default the key and checkpoints are where the application keeps them: beside the data folder.
        var beside = AuditChainSettings.BesideDataFolder(settings.UsesPostgres ? DatabaseOption.DefaultDataFolder : Path.GetDirectoryName(Path.GetFullPath(settings.SqlitePath))!);
        return settings with
        {
            Audit = new AuditChainSettings(
                keyFile ?? Path.Combine(beside, AuditChainSettings.KeyFileName),
                checkpoints ?? Path.Combine(beside, AuditChainSettings.CheckpointFileName),
                createKey: false),
        };
    }
}

/// <summary>Which database a command works on: --sqlite PATH, --postgres CONNECTION, else the Run command's own.</summary>
public static class DatabaseOption
{
    public const string DefaultSqlitePath = "data/chronicle.db";
    public const string DefaultDataFolder = "data";

    public static DatabaseSettings? Resolve(IReadOnlyList<string> options, out string? problem)
    {
        problem = null;
        if (options.Count > 0)
        {
            if (options[0] is not ("--sqlite" or "--postgres") || options.Count != 2)
            {
                problem = options[0] is "--sqlite" or "--postgres" ? $"{options[0]} needs one value" : $"unknown option {options[0]}";
                return null;
            }
            if (options[0] == "--postgres") return DatabaseSettings.Postgres(options[1]);
            if (File.Exists(options[1])) return DatabaseSettings.Sqlite(options[1]);
            problem = $"no SQLite database at {options[1]}";
            return null;
        }
        if (Environment.GetEnvironmentVariable("ConnectionStrings__Postgres") is { Length: > 0 } postgres) return DatabaseSettings.Postgres(postgres);
        foreach (var path in new[] { DefaultSqlitePath, Path.Combine("src", "Chronicle.Web", DefaultSqlitePath) })
            if (File.Exists(path)) return DatabaseSettings.Sqlite(path);
        problem = $"no database found at {DefaultSqlitePath}: start Chronicle once, or give --sqlite PATH or --postgres CONNECTION";
        return null;
    }
}

using System.Text.Json;
using Chronicle.Core;
using Chronicle.Core.Audit;
using Chronicle.Core.Chronology;
using Chronicle.Core.Record;
using Chronicle.Core.Time;
using Chronicle.Testing;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Cli.Tests.Audit;

/// <summary>`chronicle audit verify` and `audit checkpoint` on a chain that someone with the database, but not the key, rewrites.</summary>
public sealed class AuditVerifyTests
{
    public static TheoryData<Provider> Providers => [Provider.Sqlite, Provider.Postgres];

    public static TheoryData<Provider, string> Tamperings()
    {
        var data = new TheoryData<Provider, string>();
        foreach (var provider in new[] { Provider.Sqlite, Provider.Postgres })
            foreach (var tampering in new[] { "edit-row", "delete-middle-row", "truncate-tail", "rehash", "rewrite-head", "rewrite-entry", "forge-entry" })
                data.Add(provider, tampering);
        return data;
    }

    /// <summary>A test database with seven audit rows: four reads and three sealed entries (rows 2, 4 and 6).</summary>
    private sealed class Chain : IAsyncDisposable
    {
        public required TestDatabase Database { get; init; }
        public required Guid Child { get; init; }
        public required List<Guid> Entries { get; init; }

        public string[] Options => [.. (Database.Provider == Provider.Sqlite ? new[] { "--sqlite", Database.Settings.SqlitePath } : ["--postgres", Database.Settings.PostgresConnectionString!]),
            "--key-file", Database.Settings.Audit.KeyFile!, "--checkpoints", Database.Settings.Audit.CheckpointFile!];

        public Task<(int Exit, string Output, string Error)> RunAsync(string command, params string[] more) =>
            CliRunner.RunAsync([.. new[] { "audit", command }, .. Options, .. more]);

        public static async Task<Chain> CreateAsync(Provider provider)
        {
            var database = await TestDatabase.CreateAsync(provider);
            var clock = new SimulatedClock(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
            await using var db = database.Open();
            var record = new RecordService(db, clock);
            var partnership = (await record.CreatePartnershipAsync("Test", "test")).Unwrap().Id;
            var agency = (await record.CreateAgencyAsync(partnership, new AgencyInput("Children's Social Care", AgencyKind.ChildrensSocialCare, "Bristol"))).Unwrap();
            var worker = (await record.CreateProfessionalAsync(partnership, new ProfessionalInput("Sam Worker", agency.Id, ProfessionalRole.SocialWorker))).Unwrap().Id;
            var child = (await record.CreatePersonAsync(partnership, new PersonInput { Kind = PersonKind.Child, KnownAs = "Child F", DateOfBirth = new DateOnly(2020, 6, 1) })).Unwrap().Id;
            var entries = new List<Guid>();
            var log = new AuditLog(db, clock);
            for (var i = 0; i < 3; i++)
            {
                await log.AppendAsync(new AuditEvent(AuditAction.Read, $"GET /children/{child}", SubjectPersonId: child));
                entries.Add((await new ChronologyService(db, clock, []).RecordAsync(partnership, new EntryInput
                {
                    Kind = "test-result",
                    Details = JsonSerializer.SerializeToElement(new { test = $"Urine toxicology {i}", outcome = "negative" }, ChronicleJson.Options),
                    OccurredAt = clock.GetUtcNow().AddHours(-1),
                    RecordedByProfessionalId = worker,
                    Subjects = [child],
                    Source = Source.SeenByRecorder,
                })).Unwrap().Id);
                clock.Advance(TimeSpan.FromHours(1));
            }
            await log.AppendAsync(new AuditEvent(AuditAction.Read, $"GET /children/{child}", SubjectPersonId: child));
            return new Chain { Database = database, Child = child, Entries = entries };
        }

        public ValueTask DisposeAsync() => Database.DisposeAsync();
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_clean_chain_verifies_against_its_checkpoint(Provider provider)
    {
        await using var chain = await Chain.CreateAsync(provider);
        var before = await chain.RunAsync("verify");
        Assert.Equal(3, before.Exit); // nothing wrong, but nothing to check the end against yet
        Assert.Contains("no checkpoint found", before.Output);

        var checkpoint = await chain.RunAsync("checkpoint");
        Assert.Equal(0, checkpoint.Exit);
        Assert.Contains("row 7", checkpoint.Output);
        Assert.StartsWith("7 ", await File.ReadAllTextAsync(chain.Database.Settings.Audit.CheckpointFile!), StringComparison.Ordinal);

        var clean = await chain.RunAsync("verify");
        Assert.Equal(0, clean.Exit);
        Assert.Contains("Audit chain intact: 7 rows checked, 3 chronology entries sealed", clean.Output);
        Assert.Contains("checked against the checkpoint", clean.Output);
    }

    [Theory, MemberData(nameof(Tamperings))]
    public async Task Each_rewrite_is_named_and_fails_verification(Provider provider, string tampering)
    {
        await using var chain = await Chain.CreateAsync(provider);
        Assert.Equal(0, (await chain.RunAsync("checkpoint")).Exit);
        var database = chain.Database;
        var forged = Guid.NewGuid();
        string[] expected;
        switch (tampering)
        {
            case "edit-row":
                await AuditTampering.RunAsync(database, "UPDATE audit_entries SET target = 'GET /' WHERE sequence = 3");
                expected = ["audit row 3 has been altered"];
                break;
            case "delete-middle-row":
                await AuditTampering.RunAsync(database, "DELETE FROM audit_entries WHERE sequence = 3");
                expected = ["audit row 3 is missing"];
                break;
            case "truncate-tail":
                await AuditTampering.RunAsync(database, "DELETE FROM audit_entries WHERE sequence > 5",
                    "UPDATE audit_head SET sequence = 5, hash = (SELECT hash FROM audit_entries WHERE sequence = 5) WHERE id = 1");
                expected = ["audit rows 6-7 were removed from the end", "the checkpoint of", "audit_head (row 5) is not signed with the key", $"entry {chain.Entries[2]} has no seal"];
                break;
            case "rehash":
                await AuditTampering.RehashWithoutKeyAsync(database, row => row.Target = row.Sequence == 3 ? "GET /" : row.Target);
                expected = ["audit rows 1-7 were re-hashed without the key", "audit_head (row 7) is not signed with the key", "audit row 7 is not the row the checkpoint"];
                break;
            case "rewrite-head":
                await AuditTampering.RunAsync(database, "UPDATE audit_head SET hash = (SELECT hash FROM audit_entries WHERE sequence = 6) WHERE id = 1");
                expected = ["audit_head (row 7) is not signed with the key", "audit_head records row 7 with another hash"];
                break;
            case "rewrite-entry":
                await AuditTampering.RunAsync(database, $"UPDATE entries SET details = replace(details, 'negative', 'positive') WHERE id = {AuditTampering.SqlId(database, chain.Entries[1])}");
                expected = [$"entry {chain.Entries[1]} no longer matches its seal (audit row 4)"];
                break;
            case "forge-entry":
                await AuditTampering.RunAsync(database, AuditTampering.ForgeEntry(database, chain.Entries[0], forged, chain.Child));
                expected = [$"entry {forged} has no seal"];
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(tampering));
        }

        var result = await chain.RunAsync("verify");
        Assert.Equal(1, result.Exit);
        Assert.StartsWith("Audit chain BROKEN", result.Output, StringComparison.Ordinal);
        foreach (var words in expected) Assert.Contains(words, result.Output);

        var json = await chain.RunAsync("verify", "--json");
        Assert.Equal(1, json.Exit);
        using var document = JsonDocument.Parse(json.Output);
        Assert.False(document.RootElement.GetProperty("intact").GetBoolean());
        var messages = document.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("message").GetString()!).ToList();
        foreach (var words in expected) Assert.Contains(messages, m => m.Contains(words, StringComparison.Ordinal));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_checkpoint_is_refused_when_the_head_is_not_signed(Provider provider)
    {
        await using var chain = await Chain.CreateAsync(provider);
        await AuditTampering.RunAsync(chain.Database, "UPDATE audit_head SET sequence = 6, hash = (SELECT hash FROM audit_entries WHERE sequence = 6) WHERE id = 1");

        var result = await chain.RunAsync("checkpoint");
        Assert.Equal(1, result.Exit);
        Assert.Contains("not signed with the key", result.Error);
        Assert.False(File.Exists(chain.Database.Settings.Audit.CheckpointFile));
    }

    [Fact]
    public async Task Verification_with_another_key_names_every_row()
    {
        await using var chain = await Chain.CreateAsync(Provider.Sqlite);
        var otherKey = Path.Combine(Path.GetDirectoryName(chain.Database.Settings.Audit.KeyFile)!, "other.key");
        AuditKey.FromFile(otherKey, create: true);

        var result = await CliRunner.RunAsync("audit", "verify", "--sqlite", chain.Database.Settings.SqlitePath, "--key-file", otherKey, "--checkpoints", chain.Database.Settings.Audit.CheckpointFile!);
        Assert.Equal(1, result.Exit);
        Assert.Contains("audit rows 1-7 have been altered", result.Output);
    }

    [Fact]
    public async Task A_missing_key_is_a_clear_error_and_no_key_is_created()
    {
        await using var chain = await Chain.CreateAsync(Provider.Sqlite);
        var missing = Path.Combine(Path.GetDirectoryName(chain.Database.Settings.Audit.KeyFile)!, "missing.key");

        var result = await CliRunner.RunAsync("audit", "verify", "--sqlite", chain.Database.Settings.SqlitePath, "--key-file", missing);
        Assert.Equal(2, result.Exit);
        Assert.Contains($"There is no audit key at {missing}", result.Error);
        Assert.False(File.Exists(missing));
    }

    [Fact]
    public async Task A_missing_database_is_a_clear_error()
    {
        var result = await CliRunner.RunAsync("audit", "verify", "--sqlite", "/nonexistent/chronicle.db");
        Assert.Equal(2, result.Exit);
        Assert.Contains("no SQLite database at /nonexistent/chronicle.db", result.Error);
    }

    [Fact]
    public async Task An_unknown_option_is_a_clear_error()
    {
        var result = await CliRunner.RunAsync("audit", "verify", "--sqlite", "x.db", "--keyfile", "k");
        Assert.Equal(2, result.Exit);
        Assert.Contains("unknown option --keyfile", result.Error);
    }
}

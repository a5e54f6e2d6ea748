using Chronicle.Core.Audit;
using Chronicle.Core.Chronology;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Tests.Chronology;
using Chronicle.Testing;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Tests.Audit;

/// <summary>
/// Someone with full access to the database (but not to the application's server, where the audit key and the
/// checkpoints live) rewrites it: each rewrite is named by verification.
/// </summary>
public sealed class AuditTamperTests
{
    public static TheoryData<Provider> Providers => [Provider.Sqlite, Provider.Postgres];

    /// <summary>Three entries recorded through the chronology (each sealed) among audit rows of reads.</summary>
    private static async Task<(ChronologyFixture Fixture, List<Guid> Entries)> RecordAsync(Provider provider)
    {
        var f = await ChronologyFixture.CreateAsync(provider);
        var entries = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            await using var db = f.Database.Open();
            await new AuditLog(db, f.Clock).AppendAsync(new AuditEvent(AuditAction.Read, $"GET /children/{f.ChildId}", SubjectPersonId: f.ChildId));
            entries.Add((await f.Service(db).RecordAsync(f.PartnershipId, f.Entry("test-result", new { test = $"Urine toxicology {i}", outcome = "negative" }))).Unwrap().Id);
            f.Clock.Advance(TimeSpan.FromHours(1));
        }
        await using (var db = f.Database.Open())
            await new AuditLog(db, f.Clock).AppendAsync(new AuditEvent(AuditAction.Read, $"GET /children/{f.ChildId}", SubjectPersonId: f.ChildId));
        return (f, entries);
    }

    private static async Task<AuditVerification> VerifyAsync(ChronologyFixture f)
    {
        await using var db = f.Database.Open();
        return await new AuditLog(db, f.Clock).VerifyAsync();
    }

    private static async Task<AuditCheckpointResult> CheckpointAsync(ChronologyFixture f)
    {
        await using var db = f.Database.Open();
        return await new AuditLog(db, f.Clock).CheckpointAsync();
    }

    private static Task TamperAsync(ChronologyFixture f, params string[] statements) => AuditTampering.RunAsync(f.Database, statements);

    private static string Id(ChronologyFixture f, Guid id) => AuditTampering.SqlId(f.Database, id);

    [Theory, MemberData(nameof(Providers))]
    public async Task A_clean_chain_verifies_with_every_entry_sealed(Provider provider)
    {
        var (f, entries) = await RecordAsync(provider);
        await using var _ = f;
        Assert.True((await CheckpointAsync(f)).Written);

        var result = await VerifyAsync(f);
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(7, result.EntriesChecked);
        Assert.Equal(3, result.EntriesSealed);
        Assert.Equal(7, result.LastCheckpoint?.Sequence);
        await using var db = f.Database.Open();
        Assert.All(await db.AuditEntries.ToListAsync(), a => Assert.NotEqual(AuditLog.UnkeyedHashOf(a), a.Hash));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task An_edited_audit_row_is_named(Provider provider)
    {
        var (f, _) = await RecordAsync(provider);
        await using var _ = f;
        await TamperAsync(f, "UPDATE audit_entries SET target = 'GET /' WHERE sequence = 3");

        var result = await VerifyAsync(f);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(AuditFindingKind.LinkAltered, finding.Kind);
        Assert.Equal(3, finding.FromSequence);
        Assert.Contains("audit row 3 has been altered", finding.Message);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task An_audit_row_deleted_from_the_middle_is_named(Provider provider)
    {
        var (f, _) = await RecordAsync(provider);
        await using var _ = f;
        await TamperAsync(f, "DELETE FROM audit_entries WHERE sequence = 3");

        var result = await VerifyAsync(f);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(AuditFindingKind.LinksMissing, finding.Kind);
        Assert.Equal((3L, 3L), (finding.FromSequence!.Value, finding.ToSequence!.Value));
        Assert.Contains("audit row 3 is missing", finding.Message);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Rows_truncated_from_the_tail_are_detected_even_with_the_head_moved_back(Provider provider)
    {
        var (f, _) = await RecordAsync(provider);
        await using var _ = f;
        // The administrator removes the last two rows and moves the head back onto row 5, copying its hash.
        await TamperAsync(f, "DELETE FROM audit_entries WHERE sequence > 5",
            "UPDATE audit_head SET sequence = 5, hash = (SELECT hash FROM audit_entries WHERE sequence = 5) WHERE id = 1");

        var result = await VerifyAsync(f);
        Assert.False(result.Intact);
        Assert.Contains(result.Findings, x => x.Kind == AuditFindingKind.HeadRewritten && x.Message.Contains("not signed with the key"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Rows_truncated_back_to_an_earlier_signed_head_are_named_against_the_last_checkpoint(Provider provider)
    {
        var (f, _) = await RecordAsync(provider);
        await using var _ = f;
        // The administrator saves the head (and its signature) at row 7, and after two more rows and a checkpoint,
        // removes them and puts the saved head back.
        AuditHead saved;
        await using (var db = f.Database.Open()) saved = await AuditChain.ReadHeadAsync(db, default);
        for (var i = 0; i < 2; i++)
        {
            await using var db = f.Database.Open();
            await new AuditLog(db, f.Clock).AppendAsync(new AuditEvent(AuditAction.Read, "GET /"));
        }
        Assert.Equal(9, (await CheckpointAsync(f)).Checkpoint?.Sequence);
        await TamperAsync(f, "DELETE FROM audit_entries WHERE sequence > 7",
            $"UPDATE audit_head SET sequence = {saved.Sequence}, hash = '{saved.Hash}', signature = '{saved.Signature}' WHERE id = 1");

        var result = await VerifyAsync(f);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(AuditFindingKind.Truncated, finding.Kind);
        Assert.Equal((8L, 9L), (finding.FromSequence!.Value, finding.ToSequence!.Value));
        Assert.Contains("audit rows 8-9 were removed from the end", finding.Message);
        Assert.Contains("checkpoint", finding.Message);
        // And writing a checkpoint now would cover it up: it is refused.
        Assert.Contains("behind", (await CheckpointAsync(f)).Refusal);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_chain_rehashed_with_plain_sha256_is_named_row_by_row(Provider provider)
    {
        var (f, _) = await RecordAsync(provider);
        await using var _ = f;
        Assert.True((await CheckpointAsync(f)).Written);
        // Without the key, the administrator edits row 2 and recomputes every hash, as the unkeyed chain allowed.
        await AuditTampering.RehashWithoutKeyAsync(f.Database, row => row.Detail = row.Sequence == 2 ? "rewritten" : row.Detail);

        var result = await VerifyAsync(f);
        var rehashed = Assert.Single(result.Findings, x => x.Kind == AuditFindingKind.LinkRehashed);
        Assert.Equal((1L, 7L), (rehashed.FromSequence!.Value, rehashed.ToSequence!.Value));
        Assert.Contains("audit rows 1-7 were re-hashed without the key", rehashed.Message);
        Assert.Contains(result.Findings, x => x.Kind == AuditFindingKind.HeadRewritten);
        Assert.Contains(result.Findings, x => x.Kind == AuditFindingKind.CheckpointMismatch && x.FromSequence == 7);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_rewritten_audit_head_is_named(Provider provider)
    {
        var (f, _) = await RecordAsync(provider);
        await using var _ = f;
        await TamperAsync(f, "UPDATE audit_head SET hash = (SELECT hash FROM audit_entries WHERE sequence = 6) WHERE id = 1");

        var result = await VerifyAsync(f);
        Assert.Contains(result.Findings, x => x.Kind == AuditFindingKind.HeadRewritten && x.Message.Contains("not signed with the key"));
        Assert.Contains(result.Findings, x => x.Kind == AuditFindingKind.HeadRewritten && x.Message.Contains("another hash"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task An_entry_rewritten_after_dropping_the_trigger_is_named(Provider provider)
    {
        var (f, entries) = await RecordAsync(provider);
        await using var _ = f;
        await TamperAsync(f, $"UPDATE entries SET details = replace(details, 'negative', 'positive') WHERE id = {Id(f, entries[1])}");

        var result = await VerifyAsync(f);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(AuditFindingKind.EntryRewritten, finding.Kind);
        Assert.Equal(entries[1], finding.EntryId);
        Assert.Contains($"entry {entries[1]} no longer matches its seal", finding.Message);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task An_entry_pointed_at_another_child_is_named(Provider provider)
    {
        var (f, entries) = await RecordAsync(provider);
        await using var _ = f;
        Guid other;
        await using (var db = f.Database.Open())
            other = (await new RecordService(db, f.Clock).CreatePersonAsync(f.PartnershipId, new PersonInput { Kind = PersonKind.Child, KnownAs = "Child G" })).Unwrap().Id;
        // The administrator adds a second child to an entry.
        await TamperAsync(f, $"INSERT INTO entry_subjects (entry_id, person_id) VALUES ({Id(f, entries[0])}, {Id(f, other)})");

        var finding = Assert.Single((await VerifyAsync(f)).Findings);
        Assert.Equal((AuditFindingKind.EntryRewritten, entries[0]), (finding.Kind, finding.EntryId));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_deleted_entry_is_named(Provider provider)
    {
        var (f, entries) = await RecordAsync(provider);
        await using var _ = f;
        await TamperAsync(f, $"DELETE FROM entry_subjects WHERE entry_id = {Id(f, entries[2])}", $"DELETE FROM entries WHERE id = {Id(f, entries[2])}");

        var finding = Assert.Single((await VerifyAsync(f)).Findings);
        Assert.Equal((AuditFindingKind.EntryRemoved, entries[2]), (finding.Kind, finding.EntryId));
        Assert.Contains("is gone", finding.Message);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_forged_entry_inserted_in_the_database_is_named(Provider provider)
    {
        var (f, entries) = await RecordAsync(provider);
        await using var _ = f;
        var forged = Guid.NewGuid();
        // A copy of a real entry under a new id, straight into the tables.
        await TamperAsync(f, AuditTampering.ForgeEntry(f.Database, entries[0], forged, f.ChildId));

        var finding = Assert.Single((await VerifyAsync(f)).Findings);
        Assert.Equal((AuditFindingKind.EntryUnsealed, forged), (finding.Kind, finding.EntryId));
        Assert.Contains($"entry {forged} has no seal", finding.Message);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task An_edited_checkpoint_line_is_named(Provider provider)
    {
        var (f, _) = await RecordAsync(provider);
        await using var _ = f;
        Assert.True((await CheckpointAsync(f)).Written);
        var path = f.Database.Settings.Audit.CheckpointFile!;
        var line = (await File.ReadAllLinesAsync(path)).Single();
        Assert.StartsWith("7 ", line, StringComparison.Ordinal);
        await File.WriteAllTextAsync(path, "9" + line[1..] + "\n");

        var finding = Assert.Single((await VerifyAsync(f)).Findings);
        Assert.Equal(AuditFindingKind.CheckpointInvalid, finding.Kind);
        Assert.Contains("line 1 of the checkpoint file", finding.Message);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Another_key_verifies_nothing(Provider provider)
    {
        var (f, _) = await RecordAsync(provider);
        await using var _ = f;
        await using var db = new ChronicleDb((f.Database.Settings with { Audit = AuditChainSettings.Ephemeral() }).Options());

        var result = await new AuditLog(db, f.Clock).VerifyAsync();
        Assert.Contains(result.Findings, x => x.Kind == AuditFindingKind.LinkAltered && x.FromSequence == 1 && x.ToSequence == 7);
    }
}

/// <summary>A database whose chain was written before the chain was keyed (schema 0004 and 0005) keeps working.</summary>
public sealed class AuditChainUpgradeTests
{
    public static TheoryData<Provider> Providers => [Provider.Sqlite, Provider.Postgres];

    /// <summary>The database as the application before the keyed chain wrote it: no seals, plain SHA-256 links.</summary>
    private static ChronicleDb Unkeyed(TestDatabase database)
    {
        var options = new DbContextOptionsBuilder<ChronicleDb>();
        if (database.Provider == Provider.Sqlite) options.UseSqlite($"Data Source={database.Settings.SqlitePath};Foreign Keys=True");
        else options.UseNpgsql(database.Settings.PostgresConnectionString);
        return new ChronicleDb(options.Options);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Entries_recorded_before_the_chain_was_keyed_are_sealed_once_at_the_first_keyed_start(Provider provider)
    {
        await using var f = await ChronologyFixture.CreateAsync(provider);
        var earlier = new List<Guid>();
        await using (var db = Unkeyed(f.Database))
        {
            for (var i = 0; i < 2; i++)
                earlier.Add((await f.Service(db).RecordAsync(f.PartnershipId, f.Entry("test-result", new { test = $"Hair strand {i}", outcome = "negative" }))).Unwrap().Id);
            var previous = AuditLog.Genesis;
            for (var sequence = 1L; sequence <= 3; sequence++)
            {
                var row = new AuditEntry { Sequence = sequence, At = f.Clock.GetUtcNow(), Action = AuditAction.Read, Target = "GET /", PreviousHash = previous, Hash = "" };
                row.Hash = AuditLog.UnkeyedHashOf(row);
                previous = row.Hash;
                db.Add(row);
            }
            await db.SaveChangesAsync();
            // What schema script 0006 finds and records: a head at row 3, every row so far unkeyed.
            await db.Database.ExecuteSqlAsync($"UPDATE audit_head SET sequence = 3, hash = {previous}, keyed_from = 3 WHERE id = 1");
        }

        await using (var db = f.Database.Open())
        {
            var before = await new AuditLog(db, f.Clock).VerifyAsync();
            Assert.Equal(earlier.Order(), before.Findings.Select(x => x.EntryId!.Value).Order());
            Assert.All(before.Findings, x => Assert.Equal(AuditFindingKind.EntryUnsealed, x.Kind));

            Assert.Equal(2, await new AuditLog(db, f.Clock).SealEarlierEntriesAsync());
            await f.Service(db).RecordAsync(f.PartnershipId, f.Entry("test-result", new { test = "Hair strand 3", outcome = "negative" }));
            var after = await new AuditLog(db, f.Clock).VerifyAsync();
            Assert.True(after.Intact, after.Problem);
            Assert.Equal((6L, 3L), (after.EntriesChecked, after.EntriesSealed));
        }

        // Once keyed, an entry slipped in later is not sealed by a restart: it is named.
        var forged = Guid.NewGuid();
        await AuditTampering.RunAsync(f.Database, AuditTampering.ForgeEntry(f.Database, earlier[0], forged, f.ChildId));
        await using (var db = f.Database.Open())
        {
            Assert.Equal(0, await new AuditLog(db, f.Clock).SealEarlierEntriesAsync());
            var finding = Assert.Single((await new AuditLog(db, f.Clock).VerifyAsync()).Findings);
            Assert.Equal((AuditFindingKind.EntryUnsealed, forged), (finding.Kind, finding.EntryId));
        }
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Unkeyed_rows_rewritten_after_the_chain_was_keyed_break_the_first_keyed_link(Provider provider)
    {
        await using var f = await ChronologyFixture.CreateAsync(provider);
        await using (var db = Unkeyed(f.Database))
        {
            var previous = AuditLog.Genesis;
            for (var sequence = 1L; sequence <= 2; sequence++)
            {
                var row = new AuditEntry { Sequence = sequence, At = f.Clock.GetUtcNow(), Action = AuditAction.Read, Target = "GET /", PreviousHash = previous, Hash = "" };
                row.Hash = AuditLog.UnkeyedHashOf(row);
                previous = row.Hash;
                db.Add(row);
            }
            await db.SaveChangesAsync();
            await db.Database.ExecuteSqlAsync($"UPDATE audit_head SET sequence = 2, hash = {previous}, keyed_from = 2 WHERE id = 1");
        }
        await using (var db = f.Database.Open())
        {
            await new AuditLog(db, f.Clock).SealEarlierEntriesAsync();
            await new AuditLog(db, f.Clock).AppendAsync(new AuditEvent(AuditAction.Read, "GET /"));
        }

        // The unkeyed rows can be recomputed without the key, but the first keyed row names the old last hash.
        await AuditTampering.RehashWithoutKeyAsync(f.Database, row => row.Target = row.Sequence == 1 ? "GET /elsewhere" : row.Target, upTo: 2);

        await using var check = f.Database.Open();
        var result = await new AuditLog(check, f.Clock).VerifyAsync();
        var finding = Assert.Single(result.Findings);
        Assert.Equal((AuditFindingKind.LinkBroken, 3L), (finding.Kind, finding.FromSequence!.Value));
        Assert.Contains("audit row 3 does not link to the row before", finding.Message);
    }
}

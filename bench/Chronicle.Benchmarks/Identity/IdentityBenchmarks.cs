using System.Diagnostics;
using Chronicle.Core.Identity;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Time;
using Chronicle.Testing;
using Chronicle.Testing.Identity;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Benchmarks.Identity;

/// <summary>
/// `linkage [--people N] [--rows N] [--threads N]`: links a generated agency list against generated people in memory
/// (blocking index, then every row decided), with its precision and recall against the truth.
/// `duplicate-check [--people N] [--checks N]`: the duplicate check over a SQLite file of N people, P50 and P95.
/// Generating the data is not timed. docs/performance.md records the figures.
/// </summary>
public static class IdentityBenchmarks
{
    public static void Linkage(int people, int rows, int threads)
    {
        var generating = Stopwatch.StartNew();
        var generator = new AgencyListGenerator(7);
        var onRecord = generator.People(people);
        var list = generator.AgencyList(onRecord, rows);
        // Reading the lists into match records (names folded, phonetic keys) is part of linking: it is timed below.
        generating.Stop();
        GC.Collect();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var total = Stopwatch.StartNew();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads };
        var records = new MatchRecord[onRecord.Count];
        var inputs = new MatchRecord[list.Count];
        Parallel.For(0, records.Length, parallel, i => records[i] = onRecord[i].ToMatchRecord());
        Parallel.For(0, inputs.Length, parallel, i => inputs[i] = list[i].ToMatchRecord());
        var read = total.Elapsed;
        var cpuRead = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var index = BlockingIndex.Build(records);
        var built = total.Elapsed - read;
        var cpuBuilt = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore - cpuRead;
        var decisions = new LinkDecision[inputs.Length];
        Parallel.For(0, inputs.Length, parallel, i => decisions[i] = Linker.Decide(inputs[i], index, MatchScorer.Default));
        total.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var decided = total.Elapsed - read - built;
        // Not timed: how many people a row is compared with, on a sample of rows.
        var sample = Enumerable.Range(0, Math.Min(inputs.Length, 20_000)).Select(i => i * (inputs.Length / Math.Min(inputs.Length, 20_000))).ToList();
        var pairs = sample.Average(i => index.Candidates(inputs[i]).Count);
        int matched = 0, right = 0, possible = 0, possibleRight = 0, truths = 0;
        for (var i = 0; i < list.Count; i++)
        {
            var truth = list[i].TruePersonIndex;
            if (truth is not null) truths++;
            if (decisions[i].Band == MatchBand.Match) { matched++; if (decisions[i].Best!.Position == truth) right++; }
            else if (decisions[i].Band == MatchBand.Possible) { possible++; if (truth is { } t && decisions[i].Candidates.Any(c => c.Position == t)) possibleRight++; }
        }
        Console.WriteLine($"linkage: generating the lists (not timed) {generating.Elapsed.TotalSeconds:F1} s; {rows:N0} rows against {people:N0} people on {threads} thread(s):"
            + $" reading both lists {read.TotalSeconds:F1} s, index {built.TotalSeconds:F1} s, deciding {decided.TotalSeconds:F1} s, total {total.Elapsed.TotalSeconds:F1} s, processor time {cpu.TotalSeconds:F1} s (reading {cpuRead.TotalSeconds:F1} s, index {cpuBuilt.TotalSeconds:F1} s, deciding {(cpu - cpuRead - cpuBuilt).TotalSeconds:F1} s)"
            + $" ({pairs:F1} people compared a row; {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} collections, server GC {System.Runtime.GCSettings.IsServerGC})"
            + $" ({rows / total.Elapsed.TotalSeconds:N0} rows/s); {matched:N0} matched, {possible:N0} possible, {rows - matched - possible:N0} new;"
            + $" precision {(double)right / Math.Max(1, matched):F4}, recall {(double)(right + possibleRight) / Math.Max(1, truths):F4};"
            + $" peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1_048_576:N0} MB");
    }

    public static async Task DuplicateCheckAsync(int people, int checks)
    {
        var path = Path.Combine(Path.GetTempPath(), $"chronicle-identity-bench-{Guid.NewGuid():N}.db");
        try
        {
            var settings = DatabaseSettings.Sqlite(path);
            var generator = new AgencyListGenerator(11);
            var onRecord = generator.People(people);
            var list = generator.AgencyList(onRecord, checks, knownShare: 0.7);
            Guid partnership;
            var load = Stopwatch.StartNew();
            await using (var db = new ChronicleDb(settings.Options()))
            {
                await SchemaMigrator.MigrateAsync(db);
                var record = new RecordService(db, TimeProvider.System);
                partnership = (await record.CreatePartnershipAsync("Bench", "bench")).Unwrap().Id;
                var agency = (await record.CreateAgencyAsync(partnership, new AgencyInput("Children's Social Care", AgencyKind.ChildrensSocialCare, "Northshire"))).Unwrap().Id;
                await LoadAsync(db, partnership, agency, onRecord);
            }
            Console.WriteLine($"duplicate-check: {people:N0} people loaded into SQLite in {load.Elapsed.TotalSeconds:F0} s");
            var times = new List<double>(checks);
            var cpuBefore = TimeSpan.Zero;
            var found = 0;
            var options = new DbContextOptionsBuilder<ChronicleDb>();
            settings.Configure(options);
            if (Environment.GetEnvironmentVariable("CHRONICLE_TRACE_SQL") is "1")
                options.LogTo(Console.WriteLine, [Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandExecuted]);
            await using (var db = new ChronicleDb(options.Options))
            {
                var identity = new IdentityService(db, TimeProvider.System);
                foreach (var row in list.Take(20)) await identity.CandidatesAsync(partnership, row.ToMatchRecord());
                cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                foreach (var row in list)
                {
                    db.ChangeTracker.Clear();
                    var watch = Stopwatch.StartNew();
                    var candidates = await identity.CandidatesAsync(partnership, row.ToMatchRecord());
                    times.Add(watch.Elapsed.TotalMilliseconds);
                    if (candidates.Count > 0) found++;
                }
            }
            var cpuPerCheck = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / Math.Max(1, times.Count);
            times.Sort();
            Console.WriteLine($"duplicate-check: {checks:N0} checks against {people:N0} people: P50 {times[times.Count / 2]:F1} ms, P95 {times[(int)(times.Count * 0.95)]:F1} ms,"
                + $" P99 {times[(int)(times.Count * 0.99)]:F1} ms, max {times[^1]:F1} ms; processor time {cpuPerCheck:F1} ms a check; {found:N0} with candidates");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { path, path + "-wal", path + "-shm" }) if (File.Exists(f)) File.Delete(f);
        }
    }

    /// <summary>People, their NHS numbers and addresses, written with plain inserts in one transaction.</summary>
    private static async Task LoadAsync(ChronicleDb db, Guid partnership, Guid agency, IReadOnlyList<PersonOnRecord> people)
    {
        var connection = (Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var tx = connection.BeginTransaction();
        var person = connection.CreateCommand();
        person.CommandText = "INSERT INTO people (id, partnership_id, kind, given_name, family_name, date_of_birth, date_of_birth_precision, sex, created_at) VALUES ($id, $p, $kind, $g, $f, $dob, 'Day', $sex, 0)";
        var identifier = connection.CreateCommand();
        identifier.CommandText = "INSERT INTO person_identifiers (id, person_id, scheme, value, issuer) VALUES ($id, $person, 'NhsNumber', $value, 'NHS')";
        var address = connection.CreateCommand();
        address.CommandText = "INSERT INTO address_facts (id, partnership_id, person_id, address, postcode, reported_by_agency_id, recorded_at) VALUES ($id, $p, $person, $a, $pc, $agency, 0)";
        foreach (var c in new[] { person, identifier, address }) c.Transaction = tx;
        var today = new DateOnly(2026, 6, 1);
        foreach (var p in people)
        {
            var id = Guid.CreateVersion7().ToString().ToUpperInvariant();
            person.Parameters.Clear();
            person.Parameters.AddWithValue("$id", id); person.Parameters.AddWithValue("$p", partnership.ToString().ToUpperInvariant());
            person.Parameters.AddWithValue("$kind", p.DateOfBirth > today.AddYears(-18) ? "Child" : "Adult"); person.Parameters.AddWithValue("$g", p.Given);
            person.Parameters.AddWithValue("$f", p.Family); person.Parameters.AddWithValue("$dob", p.DateOfBirth.ToString("yyyy-MM-dd")); person.Parameters.AddWithValue("$sex", p.Sex.ToString());
            await person.ExecuteNonQueryAsync();
            if (p.NhsNumber is { } nhs)
            {
                identifier.Parameters.Clear();
                identifier.Parameters.AddWithValue("$id", Guid.NewGuid().ToString().ToUpperInvariant()); identifier.Parameters.AddWithValue("$person", id); identifier.Parameters.AddWithValue("$value", nhs);
                await identifier.ExecuteNonQueryAsync();
            }
            address.Parameters.Clear();
            address.Parameters.AddWithValue("$id", Guid.NewGuid().ToString().ToUpperInvariant()); address.Parameters.AddWithValue("$p", partnership.ToString().ToUpperInvariant());
            address.Parameters.AddWithValue("$person", id); address.Parameters.AddWithValue("$a", p.Address); address.Parameters.AddWithValue("$pc", p.Postcode);
            address.Parameters.AddWithValue("$agency", agency.ToString().ToUpperInvariant());
            await address.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
        await connection.CloseAsync();
    }
}

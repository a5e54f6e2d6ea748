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

    /// <summary>
    /// The duplicate check through <see cref="IdentityService"/> on SQLite, or on PostgreSQL given
    /// <paramref name="postgres"/>. With <paramref name="keep"/> (a SQLite path) the file is kept, and a later run on it
    /// checks without loading again.
    /// </summary>
    public static async Task DuplicateCheckAsync(int people, int checks, string? keep = null, string? postgres = null, string? listFile = null, int listRows = 100_000, int loadSeconds = 240)
    {
        var path = keep ?? Path.Combine(Path.GetTempPath(), $"chronicle-identity-bench-{Guid.NewGuid():N}.db");
        try
        {
            var settings = postgres is not null ? DatabaseSettings.Postgres(postgres) : DatabaseSettings.Sqlite(path);
            var generator = new AgencyListGenerator(11);
            var onRecord = generator.People(people);
            var list = generator.AgencyList(onRecord, checks, knownShare: 0.7);
            Guid partnership;
            var load = Stopwatch.StartNew();
            await using (var db = new ChronicleDb(settings.Options()))
            {
                await SchemaMigrator.MigrateAsync(db);
                Guid agency;
                if (await db.Partnerships.FirstOrDefaultAsync(p => p.Code == "bench") is { } existing)
                {
                    partnership = existing.Id;
                    agency = await db.Agencies.Where(a => a.PartnershipId == partnership).Select(a => a.Id).FirstAsync();
                }
                else
                {
                    var record = new RecordService(db, TimeProvider.System);
                    partnership = (await record.CreatePartnershipAsync("Bench", "bench")).Unwrap().Id;
                    agency = (await record.CreateAgencyAsync(partnership, new AgencyInput("Children's Social Care", AgencyKind.ChildrensSocialCare, "Northshire"))).Unwrap().Id;
                }
                // Loaded a batch at a time, so a kept file too big to load in one run is finished by the next.
                var loaded = await db.People.CountAsync(p => p.PartnershipId == partnership);
                foreach (var batch in onRecord.Skip(loaded).Chunk(50_000))
                {
                    if (load.Elapsed > TimeSpan.FromSeconds(loadSeconds))
                    {
                        Console.WriteLine($"duplicate-check: {loaded:N0} of {people:N0} people loaded into {settings.Describe()}; run again with the same --keep to load the rest");
                        return;
                    }
                    await LoadAsync(db, partnership, agency, batch);
                    loaded += batch.Length;
                    Console.Error.WriteLine($"duplicate-check: {loaded:N0} people loaded, {load.Elapsed.TotalSeconds:F0} s");
                }
                Console.WriteLine($"duplicate-check: {people:N0} people with their blocking keys in {settings.Describe()} ({load.Elapsed.TotalSeconds:F0} s loading in this run)");
            }
            if (listFile is not null)
            {
                // An agency's list of the same people, for `chronicle link` on the real path (the CLI and this database).
                var rows = generator.AgencyList(onRecord, listRows, knownShare: 0.7, prefix: "L");
                await File.WriteAllLinesAsync(listFile, rows.Select(r => r.ToCsvLine()).Prepend(AgencyRow.CsvHeader));
                // The truth beside the list, for `link-score` once `chronicle link` has linked it.
                await File.WriteAllLinesAsync(listFile + ".truth", rows.Select(r => $"{r.AgencyRecordId},{(r.TruePersonIndex is { } t ? PersonId(t).ToString() : "")}"));
                var database = postgres is not null ? $"--postgres \"{postgres}\"" : $"--sqlite {path}";
                Console.WriteLine($"duplicate-check: {listRows:N0} rows of an agency's list written to {listFile} (the truth in {listFile}.truth); link them with `chronicle link {listFile} --agency \"Children's Social Care\" {database}`");
            }
            if (checks == 0) return;
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
            if (keep is null) foreach (var f in new[] { path, path + "-wal", path + "-shm" }) if (File.Exists(f)) File.Delete(f);
        }
    }

    /// <summary>
    /// `link-score --list LIST (--sqlite PATH | --postgres CONNECTION) [--dump FILE]`: after `chronicle link LIST`, the
    /// precision of its automatic matches and its recall (matched, or in the review queue with the right person among the
    /// candidates) against the truth `duplicate-check --list` wrote beside the list. With --dump, everything the link
    /// wrote, sorted, with each person the list made named by the row that made them and the rows' own ids and times
    /// left out, so two runs' outcomes can be compared line for line.
    /// </summary>
    public static async Task LinkScoreAsync(string listFile, string? sqlite, string? postgres, string? dump)
    {
        var settings = postgres is not null ? DatabaseSettings.Postgres(postgres) : DatabaseSettings.Sqlite(sqlite ?? throw new ArgumentException("--sqlite PATH or --postgres CONNECTION"));
        var truth = (await File.ReadAllLinesAsync(listFile + ".truth")).Select(l => l.Split(',')).ToDictionary(p => p[0], p => p[1].Length == 0 ? (Guid?)null : Guid.Parse(p[1]));
        await using var db = new ChronicleDb(settings.Options());
        var records = await db.Set<AgencyRecord>().AsNoTracking().Where(r => EF.Functions.Like(r.AgencyRecordId, "L%")).ToListAsync();
        var reviews = await db.Set<IdentityReview>().AsNoTracking().Where(r => r.Kind == ReviewKind.LinkPossible).ToDictionaryAsync(r => r.LinkedRecordId!.Value);
        int matched = 0, right = 0, possible = 0, possibleRight = 0, made = 0;
        foreach (var r in records)
        {
            var truePerson = truth[r.AgencyRecordId];
            if (r.Outcome == LinkOutcome.Matched) { matched++; if (r.PersonId == truePerson) right++; }
            else if (r.Outcome == LinkOutcome.Possible)
            {
                possible++;
                if (truePerson is { } t && System.Text.Json.JsonSerializer.Deserialize<List<ReviewCandidate>>(reviews[r.Id].Candidates)!.Any(c => c.PersonId == t)) possibleRight++;
            }
            else made++;
        }
        var truths = truth.Values.Count(t => t is not null);
        Console.WriteLine($"link-score: {records.Count:N0} rows linked of {truth.Count:N0}: {matched:N0} matched, {possible:N0} possible, {made:N0} new;"
            + $" precision {(double)right / Math.Max(1, matched):F4}, recall {(double)(right + possibleRight) / Math.Max(1, truths):F4}");
        if (dump is null) return;
        // A person the list made is named by the row that made them; a person loaded keeps their fixed id.
        var madeBy = records.Where(r => r.Outcome == LinkOutcome.New).ToDictionary(r => r.PersonId!.Value, r => "new:" + r.AgencyRecordId);
        var recordIds = records.ToDictionary(r => r.Id, r => r.AgencyRecordId);
        // Agencies and the partnership are named, not given their ids, which differ from one database to another.
        var agencies = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Name);
        string Agency(Guid? id) => id is { } a && agencies.TryGetValue(a, out var n) ? n : "";
        string Name(Guid? id) => id is { } g ? madeBy.TryGetValue(g, out var n) ? n : g.ToString() : "";
        string Mapped(string json) => System.Text.RegularExpressions.Regex.Replace(json, "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", m => Name(Guid.Parse(m.Value)));
        var lines = new List<string>();
        lines.AddRange(records.Select(r => $"record|{r.AgencyRecordId}|{r.Outcome}|{r.Score}|{Name(r.PersonId)}|{r.GivenName}|{r.FamilyName}|{r.DateOfBirth}|{r.Sex}|{r.NhsNumber}|{r.Postcode}|{r.Address}|{r.ContentHash}"));
        lines.AddRange(reviews.Values.Select(r => $"review|{(r.LinkedRecordId is { } l && recordIds.TryGetValue(l, out var a) ? a : "?")}|{r.Status}|{r.Submitted}|{Mapped(r.Candidates)}"));
        await foreach (var p in db.People.AsNoTracking().AsAsyncEnumerable())
            lines.Add($"person|{Name(p.Id)}|{p.Kind}|{p.GivenName}|{p.FamilyName}|{p.DateOfBirth}|{p.DateOfBirthPrecision}|{p.Sex}");
        await foreach (var i in db.PersonIdentifiers.AsNoTracking().AsAsyncEnumerable())
            lines.Add($"identifier|{Name(i.PersonId)}|{i.Scheme}|{i.Value}|{i.Issuer}");
        await foreach (var a in db.AddressFacts.AsNoTracking().AsAsyncEnumerable())
            lines.Add($"address|{Name(a.PersonId)}|{a.Address}|{a.Postcode}|{Agency(a.ReportedByAgencyId)}");
        await foreach (var n in db.Set<PersonName>().AsNoTracking().AsAsyncEnumerable())
            lines.Add($"name|{Name(n.PersonId)}|{n.GivenName}|{n.FamilyName}|{n.GivenFolded}|{n.FamilyFolded}|{n.Source}|{Agency(n.AgencyId)}");
        await foreach (var k in db.Set<PersonBlockingKey>().AsNoTracking().AsAsyncEnumerable())
            lines.Add($"key|{Name(k.PersonId)}|{k.BlockingKey}");
        lines.Sort(StringComparer.Ordinal);
        await File.WriteAllLinesAsync(dump, lines);
        Console.WriteLine($"link-score: {lines.Count:N0} lines written to {dump}");
    }

    /// <summary>
    /// People, their NHS numbers, addresses and blocking keys (<see cref="BlockingKeys.Of"/> of the record the service
    /// reads back for them), written with prepared inserts (SQLite) or binary COPY (PostgreSQL) in one transaction.
    /// </summary>
    private static async Task LoadAsync(ChronicleDb db, Guid partnership, Guid agency, IReadOnlyList<PersonOnRecord> people)
    {
        var today = new DateOnly(2026, 6, 1);
        var rows = people.Select(p => (Person: p, Id: PersonId(p.Index), Kind: p.DateOfBirth > today.AddYears(-18) ? "Child" : "Adult")).ToList();
        if (!db.IsSqlite)
        {
            await LoadPostgresAsync(db, partnership, agency, rows);
            return;
        }
        var connection = (Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using (var fast = connection.CreateCommand())
        {
            fast.CommandText = "PRAGMA synchronous = OFF";
            await fast.ExecuteNonQueryAsync();
        }
        await using var tx = connection.BeginTransaction();
        Microsoft.Data.Sqlite.SqliteCommand Command(string sql, params string[] names)
        {
            var c = connection.CreateCommand();
            c.CommandText = sql;
            c.Transaction = tx;
            foreach (var n in names) c.Parameters.Add(new Microsoft.Data.Sqlite.SqliteParameter(n, null));
            return c;
        }
        var person = Command("INSERT INTO people (id, partnership_id, kind, given_name, family_name, date_of_birth, date_of_birth_precision, sex, created_at) VALUES ($id, $p, $kind, $g, $f, $dob, 'Day', $sex, 0)",
            "$id", "$p", "$kind", "$g", "$f", "$dob", "$sex");
        var identifier = Command("INSERT INTO person_identifiers (id, person_id, scheme, value, issuer) VALUES ($id, $person, 'NhsNumber', $value, 'NHS')", "$id", "$person", "$value");
        var address = Command("INSERT INTO address_facts (id, partnership_id, person_id, address, postcode, reported_by_agency_id, recorded_at) VALUES ($id, $p, $person, $a, $pc, $agency, 0)",
            "$id", "$p", "$person", "$a", "$pc", "$agency");
        var key = Command("INSERT INTO person_blocking_keys (person_id, blocking_key, partnership_id) VALUES ($person, $key, $p)", "$person", "$key", "$p");
        static string Text(Guid g) => g.ToString().ToUpperInvariant();
        var p = Text(partnership);
        foreach (var (on, guid, kind) in rows)
        {
            var id = Text(guid);
            Set(person, id, p, kind, on.Given, on.Family, on.DateOfBirth.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), on.Sex.ToString());
            await person.ExecuteNonQueryAsync();
            if (on.NhsNumber is { } nhs)
            {
                Set(identifier, Text(Guid.NewGuid()), id, nhs);
                await identifier.ExecuteNonQueryAsync();
            }
            Set(address, Text(Guid.NewGuid()), p, id, on.Address, on.Postcode, Text(agency));
            await address.ExecuteNonQueryAsync();
            foreach (var k in BlockingKeys.Of(on.ToMatchRecord(guid)))
            {
                Set(key, id, k, p);
                await key.ExecuteNonQueryAsync();
            }
        }
        await tx.CommitAsync();
        await connection.CloseAsync();
    }

    /// <summary>The id of the generated person at <paramref name="index"/>: fixed, so a list's truth names them in any run.</summary>
    private static Guid PersonId(int index) => Guid.Parse($"00000000-0000-7000-8000-{index:x12}");

    private static void Set(System.Data.Common.DbCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i];
    }

    private static async Task LoadPostgresAsync(ChronicleDb db, Guid partnership, Guid agency, List<(PersonOnRecord Person, Guid Id, string Kind)> rows)
    {
        var connection = (Npgsql.NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var created = DateTimeOffset.UnixEpoch;
        await using (var copy = await connection.BeginBinaryImportAsync("COPY people (id, partnership_id, kind, given_name, family_name, date_of_birth, date_of_birth_precision, sex, created_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (on, id, kind) in rows)
                await copy.WriteRowAsync(default, id, partnership, kind, on.Given, on.Family, on.DateOfBirth, "Day", on.Sex.ToString(), created);
            await copy.CompleteAsync();
        }
        await using (var copy = await connection.BeginBinaryImportAsync("COPY person_identifiers (id, person_id, scheme, value, issuer) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (on, id, _) in rows)
                if (on.NhsNumber is { } nhs) await copy.WriteRowAsync(default, Guid.NewGuid(), id, "NhsNumber", nhs, "NHS");
            await copy.CompleteAsync();
        }
        await using (var copy = await connection.BeginBinaryImportAsync("COPY address_facts (id, partnership_id, person_id, address, postcode, reported_by_agency_id, recorded_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (on, id, _) in rows)
                await copy.WriteRowAsync(default, Guid.NewGuid(), partnership, id, on.Address, on.Postcode, agency, created);
            await copy.CompleteAsync();
        }
        await using (var copy = await connection.BeginBinaryImportAsync("COPY person_blocking_keys (person_id, blocking_key, partnership_id) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (on, id, _) in rows)
                foreach (var k in BlockingKeys.Of(on.ToMatchRecord(id)))
                    await copy.WriteRowAsync(default, id, k, partnership);
            await copy.CompleteAsync();
        }
        await tx.CommitAsync();
        await using (var analyse = connection.CreateCommand())
        {
            analyse.CommandText = "ANALYZE";
            await analyse.ExecuteNonQueryAsync();
        }
        await connection.CloseAsync();
    }
}

using System.Data.Common;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Time;
using Chronicle.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Chronicle.Cli.Tests.Synthetic;

/// <summary>
/// The case files of several children are read together, each kind of fact once for them all, and split in memory:
/// on a generated partnership, every child's file read with every other child's (and with its own family's) holds
/// exactly what the file read alone holds, now and a year ago, and gives the same findings; and reading them all
/// takes no more SQL statements than reading one child's file.
/// </summary>
public sealed class CaseFilesReadTogetherTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Every_childs_case_file_read_with_the_others_is_the_one_read_alone(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await Synth.WriteAsync(database, 40);

        var statements = new StatementCounter();
        await using var db = Counting(database, statements);
        var partnershipId = (await db.Partnerships.SingleAsync(p => p.Code == "northshire")).Id;
        var children = await db.People.Where(p => p.PartnershipId == partnershipId && p.Kind != PersonKind.Adult).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync();
        var policy = await SafeguardEngine.PolicyAsync(db, partnershipId);
        var engine = new SafeguardEngine(TimeProvider.System);
        var now = DateTimeOffset.UtcNow;

        var findings = 0;
        var shared = 0;
        foreach (var moment in new[] { now, now.AddYears(-1) })
        {
            statements.Count = 0;
            var together = await CaseFileLoader.LoadManyAsync(db, children, moment);
            var readTogether = statements.Count;
            var mostAlone = 0;
            foreach (var child in children)
            {
                statements.Count = 0;
                var alone = (await CaseFileLoader.LoadAsync(db, child, moment))!;
                mostAlone = Math.Max(mostAlone, statements.Count);
                var family = await CaseFileLoader.LoadManyAsync(db, [.. alone.People.Keys.Where(children.Contains)], moment);
                if (family.Count > 1) shared++;
                var context = new SafeguardContext(moment, WorkingDayCalendar.EnglandAndWales, policy);
                foreach (var file in new[] { together[child], family[child] })
                {
                    Assert.Equal(Contents(alone), Contents(file));
                    Assert.Equal(Described(engine, alone, context), Described(engine, file, context));
                }
                findings += Described(engine, alone, context).Count;
            }
            Assert.True(readTogether <= mostAlone, $"{children.Count} case files read together took {readTogether} statements; one alone took up to {mostAlone}");
        }
        Assert.True(findings > 0, "the generated partnership has findings to compare");
        Assert.True(shared > 0, "the generated partnership has families of more than one child");
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_case_file_reads_each_entry_once_with_everyone_it_is_about(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await Synth.WriteAsync(database, 20);

        var rows = new EntryRowCounter();
        await using var db = Counting(database, rows);
        var children = await db.People.Where(p => p.Kind != PersonKind.Adult).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync();

        rows.Count = 0;
        var files = await CaseFileLoader.LoadManyAsync(db, children, DateTimeOffset.UtcNow);
        var read = rows.Count;

        // The same entries read plainly, one row each, counted the same way.
        var around = (await Family.AroundChildrenAsync(db, children)).Values.SelectMany(c => c).Distinct().ToList();
        rows.Count = 0;
        await db.Entries.AsNoTracking().Where(e => db.EntrySubjects.Any(s => s.EntryId == e.Id && around.Contains(s.PersonId))).ToListAsync();
        var plainly = rows.Count;
        var onRecord = (await db.Entries.AsNoTracking().Include(e => e.Subjects).Where(e => db.EntrySubjects.Any(s => s.EntryId == e.Id && around.Contains(s.PersonId))).ToListAsync())
            .ToDictionary(e => e.Id, e => string.Join(',', e.Subjects.Select(s => s.PersonId).Order()));
        Assert.Contains(onRecord.Values, subjects => subjects.Contains(',', StringComparison.Ordinal));
        // One row for each entry, however many people it is about, not one for each of its subjects.
        Assert.True(plainly > 0, "the statements reading entries whole are counted");
        Assert.Equal(plainly, read);
        // Whom each entry is about, as a set: PostgreSQL keeps no order among an entry's subjects.
        foreach (var entry in files.Values.SelectMany(f => f.Entries))
            Assert.Equal(onRecord[entry.Id], string.Join(',', entry.Entry.Subjects.Select(s => s.PersonId).Order()));
    }

    [Theory]
    [InlineData(Provider.Sqlite, CaseEntryCache.DefaultCapacityBytes)]
    [InlineData(Provider.Sqlite, 8L * 1024)]
    [InlineData(Provider.Postgres, CaseEntryCache.DefaultCapacityBytes)]
    public async Task A_case_file_read_through_the_cache_is_the_one_read_fresh_and_reads_whole_only_what_is_new(Provider provider, long capacity)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await Synth.WriteAsync(database, 20);

        var rows = new EntryRowCounter();
        await using var db = Counting(database, rows);
        var children = await db.People.Where(p => p.Kind != PersonKind.Adult).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync();
        var partnershipId = (await db.People.FirstAsync()).PartnershipId;
        var policy = await SafeguardEngine.PolicyAsync(db, partnershipId);
        var engine = new SafeguardEngine(TimeProvider.System);
        var cache = new CaseEntryCache(capacity);
        var now = DateTimeOffset.UtcNow;

        // Read first through the cache (a cold cache reads the families' entries whole), then again: the same files,
        // and nothing read whole the second time when everything was kept.
        Assert.True(await AssertSameAsync(now) > 0, "a cold cache reads the entries whole");
        var again = await AssertSameAsync(now);
        if (capacity == CaseEntryCache.DefaultCapacityBytes) Assert.Equal(0, again);

        // Entries written since: about a child, about an adult around a child, and a correction of an entry on record.
        var child = (await CaseFileLoader.LoadAsync(db, children[0], now))!;
        var adult = child.People.Values.First(p => p.Kind == PersonKind.Adult);
        var corrected = child.Entries.First(e => e.Entry.IsAbout(child.Child.Id)).Entry;
        var recorder = await db.Professionals.AsNoTracking().FirstAsync(p => p.PartnershipId == partnershipId);
        var written = new[]
        {
            Entry(recorder, now, [child.Child.Id], null),
            Entry(recorder, now, [adult.Id], null),
            Entry(recorder, now, [.. corrected.Subjects.Select(s => s.PersonId)], corrected.Id),
        };
        db.Entries.AddRange(written);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        var later = DateTimeOffset.UtcNow;

        // Only the entries written since are read whole.
        var since = await AssertSameAsync(later);
        if (capacity == CaseEntryCache.DefaultCapacityBytes) Assert.Equal(written.Length, since);
        var file = (await CaseFileLoader.LoadAsync(db, children[0], later, cache))!;
        Assert.All(written, w => Assert.Contains(w.Id, file.Entries.Select(e => e.Id).Append(file.CorrectedBy.GetValueOrDefault(corrected.Id))));
        Assert.Equal(written[2].Id, file.CorrectedBy[corrected.Id]);
        // A moment before they were written, through the same cache: as read fresh at that moment, without them.
        await AssertSameAsync(now.AddYears(-1));
        Assert.True(cache.Bytes <= capacity, $"{cache.Bytes} bytes kept in a cache of {capacity}");

        // The files read through the cache are those read fresh; returns how many entries the read through the cache read whole.
        async Task<int> AssertSameAsync(DateTimeOffset moment)
        {
            rows.Count = 0;
            var cached = await CaseFileLoader.LoadManyAsync(db, children, moment, cache);
            var readWhole = rows.Count;
            var fresh = await CaseFileLoader.LoadManyAsync(db, children, moment);
            Assert.Equal(fresh.Keys.Order(), cached.Keys.Order());
            var context = new SafeguardContext(moment, WorkingDayCalendar.EnglandAndWales, policy);
            foreach (var (id, expected) in fresh)
            {
                Assert.Equal(Contents(expected), Contents(cached[id]));
                Assert.Equal(Described(engine, expected, context), Described(engine, cached[id], context));
            }
            return readWhole;
        }
    }

    private static Chronicle.Core.Chronology.ChronologyEntry Entry(Professional by, DateTimeOffset at, Guid[] about, Guid? supersedes)
    {
        var id = Guid.CreateVersion7(at);
        return new()
        {
            Id = id, PartnershipId = by.PartnershipId, Kind = "observation",
            Details = Chronicle.Core.Chronology.DetailsReader.Write(new Chronicle.Core.Chronology.Details.Observation { Topic = Chronicle.Core.Chronology.Details.ObservationTopic.HomeConditions, Text = "Seen at home" }),
            OccurredAt = at, RecordedAt = at, RecordedByProfessionalId = by.Id, RecordedByAgencyId = by.AgencyId,
            Source = Chronicle.Core.Chronology.Source.SeenByRecorder, SupersedesEntryId = supersedes, CorrectionReason = supersedes is null ? null : "Wrong day",
            Subjects = [.. about.Select(p => new Chronicle.Core.Chronology.EntrySubject { EntryId = id, PersonId = p })],
        };
    }

    /// <summary>A context on the test's database whose statements the counter sees.</summary>
    private static ChronicleDb Counting(TestDatabase database, DbCommandInterceptor counter)
    {
        var options = new DbContextOptionsBuilder<ChronicleDb>();
        database.Settings.Configure(options);
        options.AddInterceptors(counter);
        return new ChronicleDb(options.Options);
    }

    /// <summary>What a case file holds: its entries in their order, and every other fact by its identity.</summary>
    private static List<string> Contents(CaseFile file) =>
    [
        $"child {file.Child.Id}",
        $"people {string.Join(',', file.People.Keys.Order())}",
        $"relationships {string.Join(',', file.Relationships.Select(r => r.Id).Order())}",
        $"households {string.Join(',', file.Households.Select(m => m.Id).Order())}",
        $"involvements {string.Join(',', file.Involvements.Select(i => i.Id).Order())}",
        $"addresses {string.Join(',', file.Addresses.Select(a => a.Id).Order())}",
        $"professionals {string.Join(',', file.Professionals.Keys.Order())}",
        $"agencies {string.Join(',', file.Agencies.Keys.Order())}",
        $"entries {string.Join(',', file.Entries.Select(e => $"{e.Id}:{e.Details.GetType().Name}"))}",
        $"corrected {string.Join(',', file.CorrectedBy.OrderBy(c => c.Key).Select(c => $"{c.Key}>{c.Value}"))}",
    ];

    /// <summary>Every finding and reminder, each in full (cause, words, due time, evidence, owner), in a fixed order.</summary>
    private static List<string> Described(SafeguardEngine engine, CaseFile file, SafeguardContext context) =>
        [.. engine.Find(file, context).Select(f => Describe(f.Key.SafeguardId, f.Value.Finding))
            .Concat(engine.Reminders(file, context).Select(r => Describe(r.Safeguard.Id, r.Finding)))
            .Order(StringComparer.Ordinal)];

    private static string Describe(string safeguard, Finding f) =>
        $"{safeguard}|{f.CauseKey}|{f.Summary}|{f.AskFor}|{f.DueAt:O}|{string.Join(',', f.Evidence)}|{f.OwnerProfessionalId}|{f.Reminder}";

    /// <summary>Counts the rows read by statements that select entries whole (their details).</summary>
    private sealed class EntryRowCounter : DbCommandInterceptor
    {
        public int Count;

        public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
        {
            // SQLite's statements quote every name, PostgreSQL's only those that need it.
            var text = command.CommandText.Replace("\"", "", StringComparison.Ordinal);
            if (text.Contains(".details", StringComparison.Ordinal) && text.Contains("FROM entries ", StringComparison.Ordinal))
                // The reader's count of reads includes the last, which finds no more rows (every query here is read to its end).
                Count += Math.Max(0, eventData.ReadCount - 1);
            return base.DataReaderDisposing(command, eventData, result);
        }
    }

    /// <summary>Counts the SQL statements a context executes.</summary>
    private sealed class StatementCounter : DbCommandInterceptor
    {
        public int Count;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Count++;
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}

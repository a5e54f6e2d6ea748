using System.Data.Common;
using Chronicle.Core.Audit;
using Chronicle.Core.Persistence;
using Chronicle.Core.Time;
using Chronicle.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Chronicle.Core.Tests.Audit;

public sealed class AuditLogTests
{
    public static TheoryData<Provider> Providers => [Provider.Sqlite, Provider.Postgres];

    private static readonly SimulatedClock Clock = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));

    private static async Task AppendAsync(TestDatabase database, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await using var db = database.Open();
            await new AuditLog(db, Clock).AppendAsync(new AuditEvent(AuditAction.Read, $"/children/{i}", SubjectPersonId: Guid.NewGuid(), RemoteAddress: "127.0.0.1"));
        }
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_clean_chain_verifies(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await AppendAsync(database, 5);
        await using var db = database.Open();
        var result = await new AuditLog(db, Clock).VerifyAsync();
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(5, result.EntriesChecked);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task The_application_cannot_update_or_delete_an_audit_entry(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await AppendAsync(database, 1);
        await using var db = database.Open();
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET target = 'x'"));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_entries"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_row_edited_directly_in_the_database_is_named(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await AppendAsync(database, 4);
        await using var db = database.Open();
        // Someone with direct access to the database gets past the trigger and edits entry 2.
        await db.Database.ExecuteSqlRawAsync(provider == Provider.Sqlite
            ? "DROP TRIGGER audit_entries_no_update"
            : "ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only");
        await db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET target = '/children/elsewhere' WHERE sequence = 2");

        var result = await new AuditLog(db, Clock).VerifyAsync();
        Assert.Equal(2, result.FirstBrokenSequence);
        Assert.Contains("audit row 2 has been altered", result.Problem);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Entries_removed_from_the_end_are_detected(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await AppendAsync(database, 3);
        await using var db = database.Open();
        await db.Database.ExecuteSqlRawAsync(provider == Provider.Sqlite
            ? "DROP TRIGGER audit_entries_no_delete"
            : "ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only");
        await db.Database.ExecuteSqlRawAsync("DELETE FROM audit_entries WHERE sequence = 3");

        var result = await new AuditLog(db, Clock).VerifyAsync();
        Assert.Equal(3, result.FirstBrokenSequence);
        Assert.Contains("audit row 3 was removed from the end", result.Problem);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Concurrent_appends_make_one_unbroken_chain(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var writers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        await using var db = database.Open();
                        await new AuditLog(db, Clock).AppendAsync(new AuditEvent(AuditAction.Write, "/api/entries"));
                        break;
                    }
                    catch (Exception) when (provider == Provider.Sqlite && attempt < 50)
                    {
                        await Task.Delay(10); // SQLite allows one writer at a time: a busy database is retried.
                    }
                }
            }
        })).ToList();
        await Task.WhenAll(writers);

        await using var check = database.Open();
        var result = await new AuditLog(check, Clock).VerifyAsync();
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(40, result.EntriesChecked);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task An_append_reads_the_head_only_as_it_takes_the_lock(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await AppendAsync(database, 2);
        var commands = new CommandLog();
        var options = new DbContextOptionsBuilder<ChronicleDb>();
        database.Settings.Configure(options);
        options.AddInterceptors(commands);
        await using (var db = new ChronicleDb(options.Options))
            await new AuditLog(db, Clock).AppendAsync(new AuditEvent(AuditAction.Write, "/api/entries"));

        // The head is read by the statement that locks it, never by a statement of its own before or after the lock.
        var head = commands.Texts.Where(t => t.Contains("audit_head", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(head);
        Assert.All(head, t => Assert.StartsWith("UPDATE", t.TrimStart(), StringComparison.Ordinal));
        await using var check = database.Open();
        var result = await new AuditLog(check, Clock).VerifyAsync();
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(3, result.EntriesChecked);
    }

    /// <summary>The text of every SQL statement a context executes.</summary>
    private sealed class CommandLog : DbCommandInterceptor
    {
        public List<string> Texts { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command,
            CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Texts.Add(command.CommandText);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command,
            CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Texts.Add(command.CommandText);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}

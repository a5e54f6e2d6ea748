using Chronicle.Core.Audit;
using Chronicle.Core.Time;
using Chronicle.Testing;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Cli.Tests.Audit;

public sealed class AuditVerifyTests
{
    [Fact]
    public async Task Verify_passes_on_a_clean_database_and_names_the_row_after_an_edit()
    {
        await using var database = await TestDatabase.CreateAsync(Provider.Sqlite);
        var clock = new SimulatedClock(DateTimeOffset.UnixEpoch.AddYears(56));
        for (var i = 0; i < 3; i++)
        {
            await using var db = database.Open();
            await new AuditLog(db, clock).AppendAsync(new AuditEvent(AuditAction.Read, $"/children/{i}"));
        }
        var path = database.Settings.SqlitePath;

        var clean = await CliRunner.RunAsync("audit", "verify", "--sqlite", path);
        Assert.Equal(0, clean.Exit);
        Assert.Contains("intact: 3 entries", clean.Output);

        await using (var db = database.Open())
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER audit_entries_no_update");
            await db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET detail = 'edited' WHERE sequence = 2");
        }
        var broken = await CliRunner.RunAsync("audit", "verify", "--sqlite", path);
        Assert.Equal(1, broken.Exit);
        Assert.Contains("BROKEN at entry 2", broken.Output);
    }

    [Fact]
    public async Task Verify_on_postgres_names_the_row_after_an_edit()
    {
        await using var database = await TestDatabase.CreateAsync(Provider.Postgres);
        await using (var db = database.Open())
        {
            var log = new AuditLog(db, TimeProvider.System);
            await log.AppendAsync(new AuditEvent(AuditAction.Read, "/children/a"));
            await log.AppendAsync(new AuditEvent(AuditAction.Write, "/api/entries"));
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only");
            await db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET target = '/children/b' WHERE sequence = 1");
        }
        var broken = await CliRunner.RunAsync("audit", "verify", "--postgres", database.Settings.PostgresConnectionString!);
        Assert.Equal(1, broken.Exit);
        Assert.Contains("BROKEN at entry 1", broken.Output);
    }

    [Fact]
    public async Task A_missing_database_is_a_clear_error()
    {
        var result = await CliRunner.RunAsync("audit", "verify", "--sqlite", "/nonexistent/chronicle.db");
        Assert.Equal(2, result.Exit);
        Assert.Contains("no SQLite database at /nonexistent/chronicle.db", result.Error);
    }
}

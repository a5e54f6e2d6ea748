using Chronicle.Core.Audit;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Security;
using Chronicle.Core.Time;
using Chronicle.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Tests.Persistence;

public sealed class SchemaTests
{
    public static TheoryData<Provider> Providers => [Provider.Sqlite, Provider.Postgres];

    [Fact]
    public void Both_dialects_have_the_same_numbered_history()
    {
        var sqlite = SchemaMigrator.Scripts("sqlite").Select(s => (s.Version, s.Name)).ToList();
        var postgres = SchemaMigrator.Scripts("postgres").Select(s => (s.Version, s.Name)).ToList();
        Assert.NotEmpty(sqlite);
        Assert.Equal(sqlite, postgres);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Every_column_the_model_maps_exists_in_the_migrated_schema(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            var columns = entity.GetProperties().Select(p => p.GetColumnName()).ToList();
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = $"SELECT {string.Join(", ", columns)} FROM {table} WHERE 1 = 0";
            await cmd.ExecuteNonQueryAsync(); // throws naming the missing column if the schema and model disagree
        }
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Migrating_twice_applies_nothing_the_second_time(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        Assert.Empty(await SchemaMigrator.MigrateAsync(db));
    }

    /// <summary>
    /// An SQLite database keeps a write-ahead log from its first migration (one flush per commit): a write commits while
    /// a page's read is under way, which the rollback journal makes wait for the reader to finish.
    /// </summary>
    [Fact]
    public async Task An_SQLite_database_keeps_a_write_ahead_log_and_a_write_commits_while_a_read_is_under_way()
    {
        await using var database = await TestDatabase.CreateAsync(Provider.Sqlite);
        await using var reader = database.Open();
        var connection = (SqliteConnection)reader.Database.GetDbConnection();
        await connection.OpenAsync();
        await using (var mode = connection.CreateCommand())
        {
            mode.CommandText = "PRAGMA journal_mode";
            Assert.Equal("wal", (string?)await mode.ExecuteScalarAsync());
        }
        await using var reading = connection.BeginTransaction(deferred: true);
        await using (var count = connection.CreateCommand())
        {
            count.Transaction = reading;
            count.CommandText = "SELECT count(*) FROM partnerships";
            Assert.Equal(0L, (long)(await count.ExecuteScalarAsync())!);
        }

        await using (var writer = database.Open())
        {
            writer.Database.SetCommandTimeout(2);
            writer.Partnerships.Add(new Partnership { Id = Guid.NewGuid(), Code = "wal", Name = "Write-ahead" });
            await writer.SaveChangesAsync();
        }
        await reading.CommitAsync();
        await using var after = database.Open();
        Assert.Equal(1, await after.Partnerships.CountAsync(p => p.Code == "wal"));
    }

    /// <summary>
    /// Schema 0016 knows which accounts had their password set by an administrator before it existed, from the audit, so
    /// none of them reads as set by its holder (and could then be given a privileged role).
    /// </summary>
    [Theory, MemberData(nameof(Providers))]
    public async Task Accounts_whose_password_an_administrator_set_before_0016_are_known_from_the_audit(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new SimulatedClock(new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero));
        Guid set, untouched;
        await using (var db = database.Open())
        {
            var record = new RecordService(db, clock);
            var partnership = (await record.CreatePartnershipAsync("Test", "test")).Unwrap().Id;
            UserAccount Account(string name) => new()
            {
                Id = Guid.NewGuid(), PartnershipId = partnership, UserName = name, DisplayName = name, PasswordHash = "x", Roles = "Practitioner", CreatedAt = clock.GetUtcNow(),
            };
            var a = Account("set-by-admin");
            var b = Account("holder");
            db.AddRange(a, b);
            await db.SaveChangesAsync();
            (set, untouched) = (a.Id, b.Id);
            await new AuditLog(db, clock).AppendAsync(new AuditEvent(AuditAction.Write, "/api/accounts", partnership, Detail: $"account {set}: password set by an administrator; 1 sessions ended"));
            // As the database stood before 0016.
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE user_accounts DROP COLUMN password_set_by_administrator_at");
            await db.Database.ExecuteSqlRawAsync("DELETE FROM schema_versions WHERE version = 16");
        }
        await using (var db = database.Open())
        {
            Assert.Equal([16], await SchemaMigrator.MigrateAsync(db));
            var accounts = await db.UserAccounts.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.PasswordSetByAdministratorAt);
            Assert.Equal(clock.GetUtcNow(), accounts[set]);
            Assert.Null(accounts[untouched]);
        }
    }
}

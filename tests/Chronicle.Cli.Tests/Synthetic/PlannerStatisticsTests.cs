using Chronicle.Core.Persistence;
using Chronicle.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Cli.Tests.Synthetic;

/// <summary>
/// SQLite plans a query from statistics it keeps only when asked. Without them it read a child's chronology ("entries
/// of the partnership whose id is among those about the child") by walking every entry of the partnership; with them,
/// by the ids of the child's entries. `chronicle synth` leaves its database with statistics, and the web app refreshes
/// them as it prepares the database at start.
/// </summary>
public sealed class PlannerStatisticsTests
{
    [Fact]
    public async Task A_childs_entries_are_looked_up_by_id_after_synth_and_after_the_app_starts_not_found_by_walking_the_partnership()
    {
        await using var database = await TestDatabase.CreateAsync(Provider.Sqlite);
        var written = await Synth.WriteAsync(database, 40);
        var child = written.GetProperty("bigChild").GetGuid();

        Assert.DoesNotContain("ix_entries_partnership", await PlanAsync(database, child), StringComparison.Ordinal);

        // The statistics taken away, as a database from before them has none: the partnership's entries are walked.
        await ExecuteAsync(database, "DELETE FROM sqlite_stat1");
        Assert.Contains("ix_entries_partnership", await PlanAsync(database, child), StringComparison.Ordinal);

        await using (var app = new SynthApp(database))
        {
            _ = app.Services;
            Assert.DoesNotContain("ix_entries_partnership", await PlanAsync(database, child), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_app_starts_while_another_process_holds_the_write_lock()
    {
        await using var database = await TestDatabase.CreateAsync(Provider.Sqlite);
        var child = (await Synth.WriteAsync(database, 10)).GetProperty("bigChild").GetGuid();
        // A first start does what a first start writes (the audit chain sealing the entries written before it).
        await using (var first = new SynthApp(database)) _ = first.Services;
        await ExecuteAsync(database, "DELETE FROM sqlite_stat1");

        // Another process in the middle of a write, as a link of a long list is.
        await using var other = new SqliteConnection($"Data Source={database.Settings.SqlitePath}");
        await other.OpenAsync();
        await using (var begin = other.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            await begin.ExecuteNonQueryAsync();
        }
        await using (var app = new SynthApp(database))
        {
            using var client = app.CreateClient();
            Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/sign-in")).StatusCode);
        }
        await using (var rollback = other.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync();
        }
        // Refused at start, the statistics are still to be taken: the partnership's entries still walked.
        Assert.Contains("ix_entries_partnership", await PlanAsync(database, child), StringComparison.Ordinal);
    }

    private static async Task ExecuteAsync(TestDatabase database, string sql)
    {
        await using (var connection = new SqliteConnection($"Data Source={database.Settings.SqlitePath}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }
        SqliteConnection.ClearAllPools();
    }

    /// <summary>SQLite's plan for the entries about a child, as its chronology asks for them.</summary>
    private static async Task<string> PlanAsync(TestDatabase database, Guid child)
    {
        SqliteConnection.ClearAllPools();
        await using var db = database.Open();
        var partnershipId = (await db.People.AsNoTracking().SingleAsync(p => p.Id == child)).PartnershipId;
        var ids = db.EntrySubjects.Where(s => s.PersonId == child).Select(s => s.EntryId);
        var query = db.Entries.Where(e => e.PartnershipId == partnershipId && ids.Contains(e.Id));
        var command = query.CreateDbCommand();
        await db.Database.OpenConnectionAsync();
        command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) plan.Add(reader.GetString(3));
        Assert.NotEmpty(plan);
        return string.Join("\n", plan);
    }
}

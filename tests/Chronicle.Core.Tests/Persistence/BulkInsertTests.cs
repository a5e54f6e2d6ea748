using Chronicle.Core.Identity;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Time;
using Chronicle.Testing;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Tests.Persistence;

public sealed class BulkInsertTests
{
    private static readonly DateTimeOffset At = new(2026, 6, 1, 9, 30, 15, 123, TimeSpan.Zero);

    [Fact]
    public async Task Rows_added_in_bulk_on_SQLite_are_stored_exactly_as_a_save_stores_them()
    {
        await using var database = await TestDatabase.CreateAsync(Provider.Sqlite);
        Guid partnership, agency;
        await using (var db = database.Open())
        {
            var record = new RecordService(db, new SimulatedClock(At));
            partnership = (await record.CreatePartnershipAsync("Test", "test")).Unwrap().Id;
            agency = (await record.CreateAgencyAsync(partnership, new AgencyInput("Northshire GP Federation", AgencyKind.GeneralPractice, "Northshire"))).Unwrap().Id;
        }
        Person PersonWith(Guid id) => new()
        {
            Id = id, PartnershipId = partnership, Kind = PersonKind.Child, GivenName = "Zoë", FamilyName = "O'Neil-Smith", KnownAs = null,
            DateOfBirth = new DateOnly(2019, 2, 28), DateOfBirthPrecision = DatePrecision.Day, Sex = Sex.Female, CreatedAt = At,
        };
        AgencyRecord RecordWith(Guid id, Guid person, string agencyRecordId) => new()
        {
            Id = id, PartnershipId = partnership, AgencyId = agency, AgencyRecordId = agencyRecordId, PersonId = person, GivenName = "Zoë", FamilyName = null,
            DateOfBirth = new DateOnly(2019, 2, 28), Sex = Sex.Female, ContentHash = "ABC", Outcome = LinkOutcome.Matched, Score = 0.9362, LinkedAt = At,
        };
        PersonBlockingKey KeyOf(Guid person) => new() { PersonId = person, BlockingKey = -1234567890123456789, PartnershipId = partnership };
        var (saved, bulk) = (Guid.CreateVersion7(At), Guid.CreateVersion7(At));
        var (savedRecord, bulkRecord) = (Guid.CreateVersion7(At), Guid.CreateVersion7(At));
        await using (var db = database.Open())
        {
            db.Add(PersonWith(saved));
            db.Add(RecordWith(savedRecord, saved, "GP-7"));
            await db.SaveChangesAsync();
            db.RemoveRange(await db.Set<PersonBlockingKey>().Where(k => k.PersonId == saved).ToListAsync());
            db.Add(KeyOf(saved));
            await db.SaveChangesAsync();
        }
        await using (var db = database.Open())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await using (var insert = new BulkInsert(db))
            {
                await insert.WriteAsync([PersonWith(bulk)]);
                await insert.WriteAsync([RecordWith(bulkRecord, bulk, "GP-8")]);
                await insert.WriteAsync([KeyOf(bulk)]);
            }
            await tx.CommitAsync();
        }

        await using (var db = database.Open())
        {
            Assert.Equal(await StoredAsync(db, "people", "id", saved), await StoredAsync(db, "people", "id", bulk));
            Assert.Equal((await StoredAsync(db, "agency_records", "id", savedRecord)).Replace(saved.ToString().ToUpperInvariant(), "PERSON").Replace("GP-7", "GP"),
                (await StoredAsync(db, "agency_records", "id", bulkRecord)).Replace(bulk.ToString().ToUpperInvariant(), "PERSON").Replace("GP-8", "GP"));
            Assert.Equal(await StoredAsync(db, "person_blocking_keys", "person_id", saved), await StoredAsync(db, "person_blocking_keys", "person_id", bulk));
            Assert.Contains(bulk.ToString().ToUpperInvariant(), await StoredAsync(db, "agency_records", "id", bulkRecord));
        }
    }

    /// <summary>Every column of the row but the one it is found by, each with the type SQLite holds it as.</summary>
    private static async Task<string> StoredAsync(ChronicleDb db, string table, string by, Guid id)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var columns = connection.CreateCommand();
        columns.CommandText = $"SELECT name FROM pragma_table_info('{table}') WHERE name <> '{by}' ORDER BY cid";
        var names = new List<string>();
        await using (var reader = await columns.ExecuteReaderAsync())
            while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        await using var row = connection.CreateCommand();
        row.CommandText = $"SELECT {string.Join(" || '|' || ", names.Select(n => $"'{n}=' || typeof({n}) || ':' || quote({n})"))} FROM {table} WHERE {by} = $id";
        var parameter = row.CreateParameter();
        parameter.ParameterName = "$id";
        parameter.Value = id.ToString().ToUpperInvariant();
        row.Parameters.Add(parameter);
        return (string)(await row.ExecuteScalarAsync())!;
    }
}

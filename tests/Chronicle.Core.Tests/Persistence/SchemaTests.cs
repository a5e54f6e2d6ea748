using Chronicle.Core.Persistence;
using Chronicle.Testing;
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
}

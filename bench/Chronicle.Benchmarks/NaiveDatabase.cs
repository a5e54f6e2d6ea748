using Chronicle.Core.Persistence;
using Chronicle.Core.Synthetic;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Benchmarks;

/// <summary>
/// A SQLite database holding a slice of the synthetic partnership (its first families, with every agency and
/// professional) and the incremental benchmark's child, for the naive evaluation that reads a child's whole
/// record from the database. Built once and kept in the temporary folder, since writing it takes a while.
/// </summary>
public static class NaiveDatabase
{
    /// <summary>Bump when the generator changes, so that an old database is not reused.</summary>
    private const int Version = 2;

    public static DatabaseSettings Open(SyntheticPartnership partnership, SyntheticFamily extra)
    {
        var folder = Path.Combine(Path.GetTempPath(), "chronicle-benchmarks");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"naive-v{Version}-{partnership.ChildCount}-{partnership.Options.Seed}.db");
        var settings = DatabaseSettings.Sqlite(path);
        if (File.Exists(path)) return settings;

        var building = path + ".building";
        File.Delete(building);
        var buildingSettings = DatabaseSettings.Sqlite(building);
        using (var db = new ChronicleDb(buildingSettings.Options()))
        {
            SchemaMigrator.MigrateAsync(db).GetAwaiter().GetResult();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.Partnerships.Add(partnership.Partnership);
            db.Agencies.AddRange(partnership.Staff.Agencies.Values);
            db.Professionals.AddRange(partnership.Staff.Professionals.Values);
            db.SaveChanges();
            db.ChangeTracker.Clear();
            foreach (var batch in partnership.Families.Append(extra).Chunk(50))
            {
                foreach (var family in batch) Add(db, family);
                db.SaveChanges();
                db.ChangeTracker.Clear();
            }
        }
        SqliteConnection.ClearAllPools();
        File.Move(building, path);
        return settings;
    }

    private static void Add(ChronicleDb db, SyntheticFamily family)
    {
        db.People.AddRange(family.People.Values);
        db.Households.Add(family.Household);
        db.Households.AddRange(family.OtherHouseholds);
        db.HouseholdMemberships.AddRange(family.Memberships);
        db.Relationships.AddRange(family.Relationships);
        db.Involvements.AddRange(family.Involvements);
        db.AddressFacts.AddRange(family.Addresses);
        db.Entries.AddRange(family.Recorded.Select(e => e.Entry));
    }
}

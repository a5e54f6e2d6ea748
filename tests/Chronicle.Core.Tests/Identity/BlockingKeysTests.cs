using Chronicle.Core.Identity;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Time;
using Chronicle.Testing;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Tests.Identity;

/// <summary>The duplicate check's blocking keys follow every change to what identifies a person, whoever writes it.</summary>
public sealed class BlockingKeysTests
{
    public static TheoryData<Provider> Providers => [Provider.Sqlite, Provider.Postgres];

    private static readonly SimulatedClock Clock = new(new DateTimeOffset(2024, 5, 1, 9, 0, 0, TimeSpan.Zero));

    private static PersonInput Child(string given, string family, DateOnly? dob, string? nhs = null) => new()
    {
        Kind = PersonKind.Child, GivenName = given, FamilyName = family, DateOfBirth = dob, Sex = Sex.Female,
        Identifiers = nhs is null ? [] : [new IdentifierInput(IdentifierScheme.NhsNumber, nhs, null)],
    };

    private static async Task<List<Guid>> FoundAsync(TestDatabase database, Guid partnership, PersonInput input, string? postcode = null)
    {
        await using var db = database.Open();
        var found = await new IdentityService(db, Clock).CandidatesAsync(partnership, IdentityService.FromInput(input, postcode));
        return [.. found.Select(c => c.PersonId)];
    }

    /// <summary>The keys stored for a person, and the keys their record as it now reads gives (none for someone merged into another).</summary>
    private static async Task<(HashSet<long> Stored, HashSet<long> Expected)> KeysAsync(TestDatabase database, Guid partnership, Guid person)
    {
        await using var db = database.Open();
        var stored = (await db.Set<PersonBlockingKey>().Where(k => k.PersonId == person).Select(k => k.BlockingKey).ToListAsync()).ToHashSet();
        var merged = await db.Set<PersonMerge>().AnyAsync(m => m.MergedPersonId == person && m.UnmergedAt == null);
        var record = Assert.Single(await new IdentityService(db, Clock).RecordsAsync(partnership, [person]));
        return (stored, merged ? [] : BlockingKeys.Of(record).ToHashSet());
    }

    private static async Task AssertCurrentAsync(TestDatabase database, Guid partnership, params Guid[] people)
    {
        foreach (var person in people)
        {
            var (stored, expected) = await KeysAsync(database, partnership, person);
            Assert.Equal(expected.Order(), stored.Order());
        }
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_person_is_found_under_their_new_name_NHS_number_and_address_once_recorded(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        Guid partnership, agency, child;
        await using (var db = database.Open())
        {
            var record = new RecordService(db, Clock);
            partnership = (await record.CreatePartnershipAsync("Test", "test")).Unwrap().Id;
            agency = (await record.CreateAgencyAsync(partnership, new AgencyInput("Health visiting", AgencyKind.HealthVisiting, "Northshire"))).Unwrap().Id;
            child = (await record.CreatePersonAsync(partnership, Child("Katherine", "Okafor", new DateOnly(2019, 3, 4)))).Unwrap().Id;
        }
        await AssertCurrentAsync(database, partnership, child);
        Assert.NotEmpty((await KeysAsync(database, partnership, child)).Stored);

        // A new family name: none of the keys she had before shares anything with "Zainab Mensah".
        var renamed = Child("Zainab", "Mensah", new DateOnly(2019, 3, 4));
        Assert.Empty(await FoundAsync(database, partnership, renamed));
        await using (var db = database.Open())
        {
            var person = await db.People.SingleAsync(p => p.Id == child);
            person.GivenName = "Zainab";
            person.FamilyName = "Mensah";
            await db.SaveChangesAsync();
        }
        await AssertCurrentAsync(database, partnership, child);
        Assert.Equal([child], await FoundAsync(database, partnership, renamed));
        Assert.Empty(await FoundAsync(database, partnership, Child("Katherine", "Okafor", new DateOnly(2019, 3, 4))));

        // Another name as an agency recorded it is a name she is found under too.
        var known = Child("Priya", "Raman", new DateOnly(2019, 3, 4));
        Assert.Empty(await FoundAsync(database, partnership, known));
        await using (var db = database.Open())
        {
            db.Add(new PersonName
            {
                Id = Guid.NewGuid(), PartnershipId = partnership, PersonId = child, GivenName = "Priya", FamilyName = "Raman", GivenFolded = "PRIYA", FamilyFolded = "RAMAN",
                Source = "agency list", AgencyId = agency, RecordedAt = Clock.GetUtcNow(),
            });
            await db.SaveChangesAsync();
        }
        await AssertCurrentAsync(database, partnership, child);
        Assert.Equal([child], await FoundAsync(database, partnership, known));

        // An NHS number: found by it under a name and date of birth she was never known by.
        var byNumber = Child("Zainab", "Smithers", null, "943 476 5919");
        Assert.Empty(await FoundAsync(database, partnership, byNumber));
        await using (var db = database.Open())
        {
            db.Add(new PersonIdentifier { Id = Guid.NewGuid(), PersonId = child, Scheme = IdentifierScheme.NhsNumber, Value = "9434765919", Issuer = "NHS" });
            await db.SaveChangesAsync();
        }
        await AssertCurrentAsync(database, partnership, child);
        Assert.Equal([child], await FoundAsync(database, partnership, byNumber));

        // An address: its postcode with her year of birth becomes one of her keys.
        var postcodeKey = unchecked((long)Blocking.Hash("postcode+year", "NS14AB", "2019"));
        Assert.DoesNotContain(postcodeKey, (await KeysAsync(database, partnership, child)).Stored);
        await using (var db = database.Open())
            (await new RecordService(db, Clock).ReportAddressAsync(partnership, new AddressInput(child, "12 Mill Road, Northtown", agency, "NS1 4AB"))).Unwrap();
        await AssertCurrentAsync(database, partnership, child);
        Assert.Contains(postcodeKey, (await KeysAsync(database, partnership, child)).Stored);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_merge_moves_the_merged_persons_keys_to_the_survivor_and_an_unmerge_moves_them_back(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        Guid partnership, agency, survivor, duplicate;
        await using (var db = database.Open())
        {
            var record = new RecordService(db, Clock);
            partnership = (await record.CreatePartnershipAsync("Test", "test")).Unwrap().Id;
            agency = (await record.CreateAgencyAsync(partnership, new AgencyInput("Health visiting", AgencyKind.HealthVisiting, "Northshire"))).Unwrap().Id;
            survivor = (await record.CreatePersonAsync(partnership, Child("Katherine", "Okafor", new DateOnly(2019, 3, 4)))).Unwrap().Id;
            duplicate = (await record.CreatePersonAsync(partnership, Child("Zainab", "Mensah", new DateOnly(2018, 7, 9), "943 476 5919"))).Unwrap().Id;
            (await record.ReportAddressAsync(partnership, new AddressInput(duplicate, "Flat 3, 40 Park Avenue, Leeds", agency, "LS2 9ZZ"))).Unwrap();
        }
        await AssertCurrentAsync(database, partnership, survivor, duplicate);
        var byNumber = Child("Zainab", "Smithers", null, "943 476 5919");
        var byOtherName = Child("Zainab", "Mensah", new DateOnly(2019, 3, 4));
        Assert.Equal([duplicate], await FoundAsync(database, partnership, byNumber));
        Assert.Equal([duplicate], await FoundAsync(database, partnership, Child("Zainab", "Mensah", new DateOnly(2018, 7, 9))));
        Assert.DoesNotContain(survivor, await FoundAsync(database, partnership, byOtherName));

        PersonMerge merge;
        await using (var db = database.Open())
            merge = (await new MergeService(db, Clock).MergeAsync(partnership, survivor, duplicate, "One child", null)).Unwrap();
        await AssertCurrentAsync(database, partnership, survivor, duplicate);
        Assert.Empty((await KeysAsync(database, partnership, duplicate)).Stored);
        // The survivor is found by the merged record's NHS number, and by its name with the survivor's date of birth.
        Assert.Equal([survivor], await FoundAsync(database, partnership, byNumber));
        Assert.Equal([survivor], await FoundAsync(database, partnership, byOtherName));

        await using (var db = database.Open())
            (await new MergeService(db, Clock).UnmergeAsync(partnership, merge.Id, "Two children after all", null)).Unwrap();
        await AssertCurrentAsync(database, partnership, survivor, duplicate);
        Assert.NotEmpty((await KeysAsync(database, partnership, duplicate)).Stored);
        Assert.Equal([duplicate], await FoundAsync(database, partnership, byNumber));
        Assert.DoesNotContain(survivor, await FoundAsync(database, partnership, byOtherName));
    }

    /// <summary>
    /// The keys stored in every database were made by the rules as they are: a change to the rules changes this
    /// fingerprint, and must come with a schema script that empties person_blocking_keys and is listed in
    /// SchemaMigrator.WritesBlockingKeys, so that every database rewrites its keys once.
    /// </summary>
    [Fact]
    public void The_blocking_rules_are_those_the_stored_keys_were_made_by()
    {
        PersonInput[] people =
        [
            Child("Katherine", "Okafor", new DateOnly(2019, 3, 4), "943 476 5919"),
            Child("Mohammed", "Al-Hassan", new DateOnly(2021, 12, 1)),
            Child("Zoë", "Smith-Jones", null, "401 023 2137"),
            Child("Li", "Wei", new DateOnly(2008, 7, 30)),
        ];
        string[] postcodes = ["NS1 4AB", "ns2 9zz", "", "NS10 1AA"];
        var keys = new List<byte>();
        for (var i = 0; i < people.Length; i++)
            foreach (var key in BlockingKeys.Of(IdentityService.FromInput(people[i], postcodes[i])).Order())
                keys.AddRange(BitConverter.GetBytes(key));
        var fingerprint = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData([.. keys]));
        Assert.True(Fingerprint == fingerprint,
            $"The blocking rules changed (fingerprint {fingerprint}): add a schema script that empties person_blocking_keys, list it in SchemaMigrator.WritesBlockingKeys, then record the new fingerprint here.");
    }

    private const string Fingerprint = "92CEDC74C6E6A2F2296ADFCCA122D0ED9486EE1090AC295BB1308AC5540FEEC1";

    [Theory, MemberData(nameof(Providers))]
    public async Task People_on_record_before_the_keys_existed_are_given_theirs_by_the_backfill(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        Guid partnership, child;
        await using (var db = database.Open())
        {
            var record = new RecordService(db, Clock);
            partnership = (await record.CreatePartnershipAsync("Test", "test")).Unwrap().Id;
            child = (await record.CreatePersonAsync(partnership, Child("Katherine", "Okafor", new DateOnly(2019, 3, 4), "943 476 5919"))).Unwrap().Id;
            // As a database migrated before schema 0013 holds them: people and no keys.
            await db.Set<PersonBlockingKey>().ExecuteDeleteAsync();
        }
        Assert.Empty(await FoundAsync(database, partnership, Child("Kate", "Okafor", new DateOnly(2019, 3, 4))));
        await using (var db = database.Open())
            Assert.True(await BlockingKeys.BackfillAsync(db) > 0);
        await AssertCurrentAsync(database, partnership, child);
        Assert.Equal([child], await FoundAsync(database, partnership, Child("Kate", "Okafor", new DateOnly(2019, 3, 4))));
        await using (var db = database.Open())
            Assert.Equal(0, await BlockingKeys.BackfillAsync(db));
    }

    /// <summary>
    /// Schema 0026 keeps the keys in the order of the look-up (by key, then person) in place of 0013's table indexed by
    /// person and again by partnership and key: every key a database already holds is kept, each person's keys are
    /// still found by person, and the duplicate check finds the same people, each in their own partnership only.
    /// </summary>
    [Theory, MemberData(nameof(Providers))]
    public async Task A_database_from_before_0026_keeps_every_key_in_the_order_of_the_look_up(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        Guid partnership, other, agency, child, sister, namesake;
        await using (var db = database.Open())
        {
            var record = new RecordService(db, Clock);
            partnership = (await record.CreatePartnershipAsync("Test", "test")).Unwrap().Id;
            other = (await record.CreatePartnershipAsync("Elsewhere", "elsewhere")).Unwrap().Id;
            agency = (await record.CreateAgencyAsync(partnership, new AgencyInput("Health visiting", AgencyKind.HealthVisiting, "Northshire"))).Unwrap().Id;
            child = (await record.CreatePersonAsync(partnership, Child("Katherine", "Okafor", new DateOnly(2019, 3, 4), "943 476 5919"))).Unwrap().Id;
            sister = (await record.CreatePersonAsync(partnership, Child("Zainab", "Okafor", new DateOnly(2017, 7, 9)))).Unwrap().Id;
            (await record.ReportAddressAsync(partnership, new AddressInput(sister, "Flat 3, 40 Park Avenue, Leeds", agency, "LS2 9ZZ"))).Unwrap();
            // The same child on record in another partnership: the same keys.
            namesake = (await record.CreatePersonAsync(other, Child("Katherine", "Okafor", new DateOnly(2019, 3, 4), "943 476 5919"))).Unwrap().Id;
        }
        List<(Guid, long, Guid)> before;
        await using (var db = database.Open())
        {
            before = await KeyRowsAsync(db);
            // As the database stood before 0026: 0013's table, indexed by person and key, and by partnership, key and person.
            string[] old = provider == Provider.Sqlite
                ? [
                    "CREATE TABLE person_blocking_keys_0013 (person_id TEXT NOT NULL, blocking_key INTEGER NOT NULL, partnership_id TEXT NOT NULL, PRIMARY KEY (person_id, blocking_key), FOREIGN KEY (person_id) REFERENCES people (id))",
                    "INSERT INTO person_blocking_keys_0013 (person_id, blocking_key, partnership_id) SELECT person_id, blocking_key, partnership_id FROM person_blocking_keys",
                    "DROP TABLE person_blocking_keys",
                    "ALTER TABLE person_blocking_keys_0013 RENAME TO person_blocking_keys",
                    "CREATE INDEX ix_person_blocking_keys_key ON person_blocking_keys (partnership_id, blocking_key, person_id)",
                ]
                : [
                    "DROP INDEX ix_person_blocking_keys_person",
                    "ALTER TABLE person_blocking_keys DROP CONSTRAINT person_blocking_keys_pkey",
                    "ALTER TABLE person_blocking_keys ADD PRIMARY KEY (person_id, blocking_key)",
                    "CREATE INDEX ix_person_blocking_keys_key ON person_blocking_keys (partnership_id, blocking_key, person_id)",
                ];
            foreach (var sql in old) await db.Database.ExecuteSqlRawAsync(sql);
            await db.Database.ExecuteSqlRawAsync("DELETE FROM schema_versions WHERE version = 26");
            Assert.Equal(["ix_person_blocking_keys_key"], await IndexesAsync(db, provider));
        }
        await using (var db = database.Open())
        {
            Assert.Equal([26], await SchemaMigrator.MigrateAsync(db));
            Assert.NotEmpty(before);
            Assert.Equal(before, await KeyRowsAsync(db));
            Assert.Equal(["ix_person_blocking_keys_person"], await IndexesAsync(db, provider));
            var order = provider == Provider.Sqlite
                ? await db.Database.SqlQueryRaw<string>("SELECT name AS \"Value\" FROM pragma_table_info('person_blocking_keys') WHERE pk > 0 ORDER BY pk").ToListAsync()
                : await db.Database.SqlQueryRaw<string>("SELECT a.attname AS \"Value\" FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n) JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum WHERE i.indrelid = 'person_blocking_keys'::regclass AND i.indisprimary ORDER BY k.n").ToListAsync();
            Assert.Equal(["blocking_key", "person_id"], order);
            // On SQLite the table is that order itself, not a rowid table with the order as a second B-tree.
            if (provider == Provider.Sqlite)
                Assert.EndsWith("WITHOUT ROWID", (await db.Database.SqlQueryRaw<string>("SELECT sql AS \"Value\" FROM sqlite_master WHERE name = 'person_blocking_keys'").SingleAsync()).TrimEnd());
        }
        await AssertCurrentAsync(database, partnership, child, sister);
        Assert.Equal([child], await FoundAsync(database, partnership, Child("Kate", "Okafor", new DateOnly(2019, 3, 4))));
        Assert.Equal([namesake], await FoundAsync(database, other, Child("Kate", "Okafor", new DateOnly(2019, 3, 4))));
        Assert.Equal([sister], await FoundAsync(database, partnership, Child("Zainab", "Okafor", new DateOnly(2017, 7, 9))));

        // A change after the migration keeps the person's keys current through the index by person.
        await using (var db = database.Open())
            (await new RecordService(db, Clock).ReportAddressAsync(partnership, new AddressInput(child, "Flat 3, 40 Park Avenue, Leeds", agency, "LS2 9ZZ"))).Unwrap();
        await AssertCurrentAsync(database, partnership, child, sister);

        static async Task<List<(Guid, long, Guid)>> KeyRowsAsync(ChronicleDb db) =>
            [.. (await db.Set<PersonBlockingKey>().AsNoTracking().ToListAsync()).Select(k => (k.PersonId, k.BlockingKey, k.PartnershipId)).Order()];

        static async Task<List<string>> IndexesAsync(ChronicleDb db, Provider provider) => provider == Provider.Sqlite
            ? await db.Database.SqlQueryRaw<string>("SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'index' AND tbl_name = 'person_blocking_keys' AND sql IS NOT NULL ORDER BY name").ToListAsync()
            : await db.Database.SqlQueryRaw<string>("SELECT indexname AS \"Value\" FROM pg_indexes WHERE tablename = 'person_blocking_keys' AND indexname NOT LIKE '%pkey' ORDER BY indexname").ToListAsync();
    }
}

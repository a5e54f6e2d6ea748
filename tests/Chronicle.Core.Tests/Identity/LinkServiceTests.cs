using Chronicle.Core.Identity;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Time;
using Chronicle.Testing;
using Chronicle.Testing.Identity;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Tests.Identity;

/// <summary>Linking a list writes its rows in bulk: what it writes must be what the tracked saves would.</summary>
public sealed class LinkServiceTests
{
    public static TheoryData<Provider> Providers => [Provider.Sqlite, Provider.Postgres];

    private static readonly SimulatedClock Clock = new(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero));

    [Theory, MemberData(nameof(Providers))]
    public async Task A_list_linked_in_bulk_decides_as_the_linker_writes_each_fact_once_and_the_keys_saves_keep_and_again_changes_nothing(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var generator = new AgencyListGenerator(21);
        var onRecord = generator.People(500);
        var list = generator.AgencyList(onRecord, 400);
        Guid partnership, agency, merged;
        var ids = new List<Guid>();
        await using (var db = database.Open())
        {
            var record = new RecordService(db, Clock);
            partnership = (await record.CreatePartnershipAsync("Test", "test")).Unwrap().Id;
            agency = (await record.CreateAgencyAsync(partnership, new AgencyInput("Northshire GP Federation", AgencyKind.GeneralPractice, "Northshire"))).Unwrap().Id;
            foreach (var p in onRecord)
            {
                var person = new Person
                {
                    Id = Guid.CreateVersion7(), PartnershipId = partnership, Kind = p.DateOfBirth > new DateOnly(2008, 6, 1) ? PersonKind.Child : PersonKind.Adult,
                    GivenName = p.Given, FamilyName = p.Family, DateOfBirth = p.DateOfBirth, DateOfBirthPrecision = DatePrecision.Day, Sex = p.Sex, CreatedAt = Clock.GetUtcNow(),
                };
                if (p.NhsNumber is { } nhs) person.Identifiers.Add(new PersonIdentifier { Id = Guid.CreateVersion7(), PersonId = person.Id, Scheme = IdentifierScheme.NhsNumber, Value = nhs, Issuer = "NHS" });
                db.Add(person);
                db.Add(new AddressFact { Id = Guid.CreateVersion7(), PartnershipId = partnership, PersonId = person.Id, Address = p.Address, Postcode = p.Postcode, ReportedByAgencyId = agency, RecordedAt = Clock.GetUtcNow() });
                ids.Add(person.Id);
            }
            await db.SaveChangesAsync();
            // One person merged into another: the survivor holds the other's name, the merged one is nobody's match.
            merged = ids[Enumerable.Range(1, ids.Count - 1).First(i => onRecord[i].DateOfBirth > new DateOnly(2008, 6, 1) == onRecord[0].DateOfBirth > new DateOnly(2008, 6, 1))];
            (await new MergeService(db, Clock).MergeAsync(partnership, ids[0], merged, "The same person", null)).Unwrap();
        }
        var rows = AgencyListReader.ReadCsv(string.Join('\n', list.Select(r => r.ToCsvLine()).Prepend(AgencyRow.CsvHeader))).Unwrap().Rows;

        // What the in-memory linker decides for the rows in order, each new person known to the rows after.
        var expected = new Dictionary<string, (LinkOutcome Outcome, Guid? Person)>();
        await using (var db = database.Open())
        {
            var index = BlockingIndex.Build(await new IdentityService(db, Clock).PartnershipRecordsAsync(partnership));
            foreach (var row in rows)
            {
                var decision = Linker.Decide(row.ToMatchRecord(), index, MatchScorer.Default);
                var outcome = decision.Band switch { MatchBand.Match => LinkOutcome.Matched, MatchBand.Possible => LinkOutcome.Possible, _ => LinkOutcome.New };
                expected[row.AgencyRecordId] = (outcome, outcome == LinkOutcome.Matched ? decision.Best!.Record.PersonId : null);
                if (outcome == LinkOutcome.New)
                    index.Add(MatchRecord.From(Guid.NewGuid(), [(row.GivenName, row.FamilyName)], row.DateOfBirth, row.DateOfBirthPrecision, row.Sex, [row.NhsNumber], [row.Postcode], [row.Address]));
            }
        }

        LinkSummary summary;
        await using (var db = database.Open())
            summary = await new LinkService(db, Clock).LinkAsync(partnership, agency, rows);
        Assert.Equal(rows.Count, summary.Matched + summary.Possible + summary.New);
        Assert.True(summary.Matched > 100 && summary.New > 50, summary.Describe());

        await using (var db = database.Open())
        {
            var linked = await db.Set<AgencyRecord>().AsNoTracking().ToDictionaryAsync(r => r.AgencyRecordId);
            foreach (var row in rows)
            {
                var r = linked[row.AgencyRecordId];
                Assert.Equal(expected[row.AgencyRecordId].Outcome, r.Outcome);
                // A match to someone on record before the list is that person; a match to a person an earlier row made is someone the list made.
                if (expected[row.AgencyRecordId].Person is { } person && ids.Contains(person)) Assert.Equal(person, r.PersonId);
                Assert.NotEqual(merged, r.PersonId);
                if (r.Outcome == LinkOutcome.Possible) Assert.Null(r.PersonId);
                else Assert.True(await db.PersonIdentifiers.AnyAsync(i => i.PersonId == r.PersonId && i.Scheme == IdentifierScheme.Other && i.Value == row.AgencyRecordId && i.Issuer == "Northshire GP Federation"));
            }
            Assert.Equal(summary.Possible, await db.Set<IdentityReview>().CountAsync(v => v.Kind == ReviewKind.LinkPossible && v.Status == ReviewStatus.Open));
            Assert.Equal(ids.Count + summary.New, await db.People.CountAsync());
            // Each fact once: an identifier, an address (as compared) and a name a person already holds are not added again.
            var identifiers = await db.PersonIdentifiers.Select(i => new { i.PersonId, i.Scheme, i.Issuer, i.Value }).ToListAsync();
            Assert.Equal(identifiers.Count, identifiers.Distinct().Count());
            var addresses = (await db.AddressFacts.Select(a => new { a.PersonId, a.Address }).ToListAsync()).Select(a => (a.PersonId, AddressFact.Normalise(a.Address))).ToList();
            Assert.Equal(addresses.Count, addresses.Distinct().Count());
            var names = await db.Set<PersonName>().Where(n => n.Source == "agency list").Select(n => new { n.PersonId, n.GivenFolded, n.FamilyFolded }).ToListAsync();
            Assert.Equal(names.Count, names.Distinct().Count());
            Assert.NotEmpty(names);
        }

        // The blocking keys are those the saves keep: worked out again from the record, every person's are the same.
        var keys = await KeysAsync(database);
        await using (var db = database.Open())
        {
            await db.Set<PersonBlockingKey>().ExecuteDeleteAsync();
            Assert.True(await BlockingKeys.BackfillAsync(db) > 0);
        }
        Assert.Equal(await KeysAsync(database), keys);
        Assert.DoesNotContain(keys, k => k.StartsWith(merged.ToString(), StringComparison.Ordinal));

        var before = await FingerprintAsync(database);
        await using (var db = database.Open())
        {
            var again = await new LinkService(db, Clock).LinkAsync(partnership, agency, rows);
            Assert.Equal(rows.Count, again.Unchanged);
        }
        Assert.Equal(before, await FingerprintAsync(database));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_list_makes_the_children_around_each_person_it_adds_to_due_for_the_clock_and_no_others(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        Guid partnership, agency, mother, child, sibling, matchedChild, unrelated;
        await using (var db = database.Open())
        {
            var record = new RecordService(db, Clock);
            partnership = (await record.CreatePartnershipAsync("Test", "test")).Unwrap().Id;
            agency = (await record.CreateAgencyAsync(partnership, new AgencyInput("Northshire GP Federation", AgencyKind.GeneralPractice, "Northshire"))).Unwrap().Id;
            Guid Add(PersonKind kind, string given, string family, DateOnly born, Sex sex, string nhs)
            {
                var person = new Person
                {
                    Id = Guid.CreateVersion7(), PartnershipId = partnership, Kind = kind, GivenName = given, FamilyName = family, DateOfBirth = born,
                    DateOfBirthPrecision = DatePrecision.Day, Sex = sex, CreatedAt = Clock.GetUtcNow(),
                };
                person.Identifiers.Add(new PersonIdentifier { Id = Guid.CreateVersion7(), PersonId = person.Id, Scheme = IdentifierScheme.NhsNumber, Value = nhs, Issuer = "NHS" });
                db.Add(person);
                return person.Id;
            }
            mother = Add(PersonKind.Adult, "Sarah", "Okafor", new DateOnly(1990, 3, 14), Sex.Female, "9434765919");
            child = Add(PersonKind.Child, "Amara", "Okafor", new DateOnly(2019, 7, 2), Sex.Female, "4010232137");
            sibling = Add(PersonKind.Child, "Tobi", "Okafor", new DateOnly(2021, 1, 20), Sex.Male, "4010995203");
            matchedChild = Add(PersonKind.Child, "Leon", "Hartley", new DateOnly(2016, 11, 5), Sex.Male, "4857773457");
            unrelated = Add(PersonKind.Child, "Ruby", "Castell", new DateOnly(2018, 5, 9), Sex.Female, "4012345672");
            db.Add(new Relationship { Id = Guid.CreateVersion7(), PartnershipId = partnership, PersonId = mother, RelatedPersonId = child, Kind = RelationshipKind.Mother, RecordedAt = Clock.GetUtcNow() });
            var home = new Household { Id = Guid.CreateVersion7(), PartnershipId = partnership, Name = "Okafor household", CreatedAt = Clock.GetUtcNow() };
            db.Add(home);
            db.Add(new HouseholdMembership { Id = Guid.CreateVersion7(), HouseholdId = home.Id, PersonId = mother });
            db.Add(new HouseholdMembership { Id = Guid.CreateVersion7(), HouseholdId = home.Id, PersonId = sibling });
            await db.SaveChangesAsync();
            foreach (var id in new[] { child, sibling, matchedChild, unrelated })
                db.NextChecks.Add(new NextCheck { ChildId = id, PartnershipId = partnership, NextAt = Clock.GetUtcNow().AddDays(3) });
            await db.SaveChangesAsync();
        }
        List<AgencyListRow> rows =
        [
            new(2, "GP1", "Sarah", "Okafor", new DateOnly(1990, 3, 14), DatePrecision.Day, Sex.Female, "9434765919", "NS1 2AB", "3 Mill Lane, Northtown"),
            new(3, "GP2", "Leon", "Hartley", new DateOnly(2016, 11, 5), DatePrecision.Day, Sex.Male, "4857773457", "NS4 7CD", "19 Wharf Road, Southmoor"),
            new(4, "GP3", "Imogen", "Pelham", new DateOnly(2012, 2, 28), DatePrecision.Day, Sex.Female, null, "NS2 9EF", "8 Quarry Close, Northtown"),
        ];
        await using (var db = database.Open())
        {
            var summary = await new LinkService(db, Clock).LinkAsync(partnership, agency, rows);
            Assert.Equal((2, 1), (summary.Matched, summary.New));
        }
        await using (var db = database.Open())
        {
            // The mother's child and the child at her home, and the child matched: each due now. The child no row is about keeps its check.
            Assert.Equal([unrelated], await db.NextChecks.Select(c => c.ChildId).ToListAsync());
        }
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_person_two_rows_far_apart_reach_gains_each_fact_once(Provider provider)
    {
        // The two rows are more than a chunk of rows apart: the second must see what the first added, not what the person held before the list.
        await using var database = await TestDatabase.CreateAsync(provider);
        Guid partnership, agency, sarah;
        await using (var db = database.Open())
        {
            var record = new RecordService(db, Clock);
            partnership = (await record.CreatePartnershipAsync("Test", "test")).Unwrap().Id;
            agency = (await record.CreateAgencyAsync(partnership, new AgencyInput("Northshire GP Federation", AgencyKind.GeneralPractice, "Northshire"))).Unwrap().Id;
            var person = new Person
            {
                Id = Guid.CreateVersion7(), PartnershipId = partnership, Kind = PersonKind.Adult, GivenName = "Sarah", FamilyName = "Okafor", DateOfBirth = new DateOnly(1990, 3, 14),
                DateOfBirthPrecision = DatePrecision.Day, Sex = Sex.Female, CreatedAt = Clock.GetUtcNow(),
            };
            person.Identifiers.Add(new PersonIdentifier { Id = Guid.CreateVersion7(), PersonId = person.Id, Scheme = IdentifierScheme.NhsNumber, Value = "9434765919", Issuer = "NHS" });
            db.Add(person);
            await db.SaveChangesAsync();
            sarah = person.Id;
        }
        var others = new AgencyListGenerator(5).People(2500);
        List<AgencyListRow> rows = [new(2, "GP-A", "Sarah", "Okafor", new DateOnly(1990, 3, 14), DatePrecision.Day, Sex.Female, "9434765919", "NS1 2AB", "3 Mill Lane, Northtown")];
        rows.AddRange(others.Select((p, i) => new AgencyListRow(i + 3, $"GP-{i}", p.Given, p.Family, p.DateOfBirth, DatePrecision.Day, p.Sex, p.NhsNumber, p.Postcode, p.Address)));
        rows.Add(new(others.Count + 3, "GP-B", "Sarah", "Okafor-Reid", new DateOnly(1990, 3, 14), DatePrecision.Day, Sex.Female, "9434765919", "NS1 2AB", "3 MILL LANE, NORTHTOWN"));
        rows.Add(new(others.Count + 4, "GP-C", "Sarah", "Okafor-Reid", new DateOnly(1990, 3, 14), DatePrecision.Day, Sex.Female, "9434765919", "NS1 2AB", "3 Mill Lane, Northtown"));
        await using (var db = database.Open())
            await new LinkService(db, Clock).LinkAsync(partnership, agency, rows);
        await using (var db = database.Open())
        {
            Assert.Equal(["GP-A", "GP-B", "GP-C"], await db.Set<AgencyRecord>().Where(r => r.PersonId == sarah).Select(r => r.AgencyRecordId).OrderBy(r => r).ToListAsync());
            Assert.Single(await db.AddressFacts.Where(a => a.PersonId == sarah).ToListAsync());
            Assert.Single(await db.Set<PersonName>().Where(n => n.PersonId == sarah).ToListAsync());
            Assert.Equal(["9434765919", "GP-A", "GP-B", "GP-C"], await db.PersonIdentifiers.Where(i => i.PersonId == sarah).Select(i => i.Value).OrderBy(v => v).ToListAsync());
        }
    }

    private static async Task<List<string>> KeysAsync(TestDatabase database)
    {
        await using var db = database.Open();
        return [.. (await db.Set<PersonBlockingKey>().Select(k => new { k.PersonId, k.BlockingKey, k.PartnershipId }).ToListAsync())
            .Select(k => $"{k.PersonId} {k.BlockingKey} {k.PartnershipId}").Order(StringComparer.Ordinal)];
    }

    private static async Task<string> FingerprintAsync(TestDatabase database)
    {
        await using var db = database.Open();
        return string.Join(' ', await db.People.CountAsync(), await db.PersonIdentifiers.CountAsync(), await db.AddressFacts.CountAsync(), await db.Set<PersonName>().CountAsync(),
            await db.Set<AgencyRecord>().CountAsync(), await db.Set<IdentityReview>().CountAsync(), await db.Set<PersonBlockingKey>().CountAsync(),
            string.Join(',', await db.Set<AgencyRecord>().OrderBy(r => r.AgencyRecordId).Select(r => r.ContentHash + r.Outcome + r.PersonId).ToListAsync()));
    }
}

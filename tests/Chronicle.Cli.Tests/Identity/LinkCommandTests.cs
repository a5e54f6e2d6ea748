using System.Text.Json;
using Chronicle.Core.Identity;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Time;
using Chronicle.Testing;
using Chronicle.Testing.Identity;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Cli.Tests.Identity;

public sealed class LinkCommandTests
{
    private static readonly SimulatedClock Clock = new(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero));

    /// <summary>A partnership holding generated people (each with an NHS number, name, date of birth and address where known), and an agency whose list is linked.</summary>
    private static async Task<(TestDatabase Database, Dictionary<int, Guid> People, List<AgencyRow> Rows)> WorldAsync(int people, int rows, int seed = 5)
    {
        var database = await TestDatabase.CreateAsync(Provider.Sqlite);
        var generator = new AgencyListGenerator(seed);
        var onRecord = generator.People(people);
        var list = generator.AgencyList(onRecord, rows);
        var ids = new Dictionary<int, Guid>();
        await using var db = database.Open();
        var record = new RecordService(db, Clock);
        var partnership = (await record.CreatePartnershipAsync("Test", "test")).Unwrap().Id;
        var csc = (await record.CreateAgencyAsync(partnership, new AgencyInput("Children's Social Care", AgencyKind.ChildrensSocialCare, "Northshire"))).Unwrap().Id;
        (await record.CreateAgencyAsync(partnership, new AgencyInput("Northshire GP Federation", AgencyKind.GeneralPractice, "Northshire"))).Unwrap();
        foreach (var p in onRecord)
        {
            var person = new Person
            {
                Id = Guid.CreateVersion7(), PartnershipId = partnership, Kind = p.DateOfBirth > new DateOnly(2008, 6, 1) ? PersonKind.Child : PersonKind.Adult,
                GivenName = p.Given, FamilyName = p.Family, DateOfBirth = p.DateOfBirth, DateOfBirthPrecision = DatePrecision.Day, Sex = p.Sex, CreatedAt = Clock.GetUtcNow(),
            };
            if (p.NhsNumber is { } nhs) person.Identifiers.Add(new PersonIdentifier { Id = Guid.CreateVersion7(), PersonId = person.Id, Scheme = IdentifierScheme.NhsNumber, Value = nhs, Issuer = "NHS" });
            db.Add(person);
            db.Add(new AddressFact { Id = Guid.CreateVersion7(), PartnershipId = partnership, PersonId = person.Id, Address = p.Address, Postcode = p.Postcode, ReportedByAgencyId = csc, RecordedAt = Clock.GetUtcNow() });
            ids[p.Index] = person.Id;
        }
        await db.SaveChangesAsync();
        return (database, ids, list);
    }

    private static async Task<string> CountsAsync(TestDatabase database)
    {
        await using var db = database.Open();
        return string.Join(' ', await db.People.CountAsync(), await db.PersonIdentifiers.CountAsync(), await db.AddressFacts.CountAsync(),
            await db.Set<AgencyRecord>().CountAsync(), await db.Set<IdentityReview>().CountAsync(), await db.Set<PersonName>().CountAsync());
    }

    [Fact]
    public async Task A_CSV_list_links_each_row_rightly_and_running_it_again_changes_nothing()
    {
        var (database, people, rows) = await WorldAsync(600, 300);
        await using var _ = database;
        var file = Path.Combine(Path.GetTempPath(), $"gp-list-{Guid.NewGuid():N}.csv");
        await File.WriteAllLinesAsync(file, rows.Select(r => r.ToCsvLine()).Prepend(AgencyRow.CsvHeader));
        try
        {
            var first = await CliRunner.RunAsync("link", file, "--agency", "northshire gp federation", "--json", "--sqlite", database.Settings.SqlitePath);
            Assert.True(first.Exit == 0, first.Error);
            var summary = JsonDocument.Parse(first.Output).RootElement;
            Assert.Equal(300, summary.GetProperty("rows").GetInt32());
            Assert.Equal(300, summary.GetProperty("matched").GetInt32() + summary.GetProperty("possible").GetInt32() + summary.GetProperty("new").GetInt32());
            Assert.True(summary.GetProperty("matched").GetInt32() > 150);

            await using (var db = database.Open())
            {
                var linked = await db.Set<AgencyRecord>().AsNoTracking().ToDictionaryAsync(r => r.AgencyRecordId);
                foreach (var row in rows)
                {
                    var r = linked[row.AgencyRecordId];
                    if (r.Outcome == LinkOutcome.Matched) Assert.Equal(people[row.TruePersonIndex ?? -1], r.PersonId);
                    if (r.Outcome == LinkOutcome.New) Assert.False(row.TruePersonIndex is { } t && row.Variations.Count == 0, $"{row.AgencyRecordId} is on record unchanged but was made new");
                }
                Assert.Equal(summary.GetProperty("possible").GetInt32(), await db.Set<IdentityReview>().CountAsync(r => r.Kind == ReviewKind.LinkPossible && r.Status == ReviewStatus.Open));
                // The agency's own id is kept on the person, with the agency as issuer.
                var some = linked.Values.First(r => r.Outcome == LinkOutcome.Matched);
                Assert.True(await db.PersonIdentifiers.AnyAsync(i => i.PersonId == some.PersonId && i.Value == some.AgencyRecordId && i.Issuer == "Northshire GP Federation"));
            }
            var before = await CountsAsync(database);
            var again = await CliRunner.RunAsync("link", file, "--agency", "Northshire GP Federation", "--sqlite", database.Settings.SqlitePath);
            Assert.Equal(0, again.Exit);
            Assert.Contains("300 unchanged", again.Output);
            Assert.Equal(before, await CountsAsync(database));
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public async Task FHIR_Patient_resources_in_a_bundle_or_NDJSON_link_to_the_person_on_record()
    {
        var (database, people, _) = await WorldAsync(50, 0);
        await using var _ = database;
        Guid target;
        string given, family, nhs;
        await using (var db = database.Open())
        {
            var p = await db.People.Include(x => x.Identifiers).FirstAsync(x => x.Identifiers.Any());
            (target, given, family, nhs) = (p.Id, p.GivenName!, p.FamilyName!, p.Identifiers[0].Value);
        }
        var patient = new
        {
            resourceType = "Patient", id = "rhc-001",
            identifier = new[] { new { system = AgencyListReader.NhsNumberSystem, value = nhs } },
            name = new[] { new { use = "official", family = family.ToUpperInvariant(), given = new[] { given } } },
            gender = "unknown", birthDate = "2001",
            address = new[] { new { use = "home", line = new[] { "4 Quay Street" }, city = "Eastbridge", postalCode = "EB1 2CD" } },
        };
        var bundle = Path.Combine(Path.GetTempPath(), $"patients-{Guid.NewGuid():N}.json");
        var ndjson = Path.Combine(Path.GetTempPath(), $"patients-{Guid.NewGuid():N}.ndjson");
        await File.WriteAllTextAsync(bundle, JsonSerializer.Serialize(new { resourceType = "Bundle", type = "collection", entry = new[] { new { resource = patient } } }));
        await File.WriteAllTextAsync(ndjson, JsonSerializer.Serialize(patient with { id = "rhc-002" }) + "\n" + JsonSerializer.Serialize(new { resourceType = "Observation", id = "x" }) + "\n");
        try
        {
            var first = await CliRunner.RunAsync("link", bundle, "--agency", "Northshire GP Federation", "--sqlite", database.Settings.SqlitePath);
            Assert.True(first.Exit == 0, first.Error);
            Assert.Contains("1 matched", first.Output);
            var second = await CliRunner.RunAsync("link", ndjson, "--agency", "Northshire GP Federation", "--sqlite", database.Settings.SqlitePath);
            Assert.Contains("1 matched", second.Output);
            await using var db = database.Open();
            Assert.Equal([target, target], await db.Set<AgencyRecord>().OrderBy(r => r.AgencyRecordId).Select(r => r.PersonId).ToListAsync());
            Assert.True(await db.AddressFacts.AnyAsync(a => a.PersonId == target && a.Postcode == "EB1 2CD"));
        }
        finally { File.Delete(bundle); File.Delete(ndjson); }
    }

    [Fact]
    public async Task A_file_with_a_bad_row_is_refused_whole_naming_the_line_and_field_and_nothing_is_written()
    {
        var (database, _, _) = await WorldAsync(20, 0);
        await using var _ = database;
        var file = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, AgencyRow.CsvHeader + "\nA1,Amy,Stone,2015-02-03,F,,NS1 1AA,1 High Street\nA2,Ben,Stone,03/13/2015,M,943 476 5918,NS1 1AA,1 High Street\n");
        try
        {
            var before = await CountsAsync(database);
            var result = await CliRunner.RunAsync("link", file, "--agency", "Northshire GP Federation", "--sqlite", database.Settings.SqlitePath);
            Assert.Equal(1, result.Exit);
            Assert.Contains("line 3", result.Error);
            Assert.Contains("date_of_birth", result.Error);
            Assert.DoesNotContain("line 2", result.Error);
            Assert.Equal(before, await CountsAsync(database));
            var noAgency = await CliRunner.RunAsync("link", file, "--agency", "Nobody", "--sqlite", database.Settings.SqlitePath);
            Assert.Equal(2, noAgency.Exit);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public async Task A_list_holding_one_new_person_twice_links_both_rows_to_one_new_person_with_each_fact_once()
    {
        var (database, _, _) = await WorldAsync(20, 0);
        await using var _ = database;
        var file = Path.Combine(Path.GetTempPath(), $"twice-{Guid.NewGuid():N}.csv");
        // An agency's list often holds a person twice under two of its own ids: the second row is the person the first made.
        await File.WriteAllTextAsync(file, AgencyRow.CsvHeader + "\nA1,Tamsin,Quigley-Ode,2016-04-09,F,943 476 5919,NS4 7QT,12 Ferry Lane\nA2,Tamsin,Quigley-Ode,2016-04-09,F,943 476 5919,NS4 7QT,12 Ferry Lane\n");
        try
        {
            var result = await CliRunner.RunAsync("link", file, "--agency", "Northshire GP Federation", "--json", "--sqlite", database.Settings.SqlitePath);
            Assert.True(result.Exit == 0, result.Error);
            var summary = JsonDocument.Parse(result.Output).RootElement;
            Assert.Equal(1, summary.GetProperty("new").GetInt32());
            Assert.Equal(1, summary.GetProperty("matched").GetInt32());
            await using var db = database.Open();
            var linked = await db.Set<AgencyRecord>().AsNoTracking().ToListAsync();
            var person = Assert.Single(linked.Select(r => r.PersonId).Distinct());
            Assert.Single(await db.PersonIdentifiers.Where(i => i.PersonId == person && i.Scheme == IdentifierScheme.NhsNumber).ToListAsync());
            Assert.Single(await db.AddressFacts.Where(a => a.PersonId == person).ToListAsync());
            Assert.Equal(2, await db.PersonIdentifiers.CountAsync(i => i.PersonId == person && i.Scheme == IdentifierScheme.Other));
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public async Task A_changed_row_far_into_a_long_list_updates_its_record_when_the_list_is_linked_again()
    {
        var (database, _, rows) = await WorldAsync(1500, 1200, seed: 8);
        await using var _ = database;
        var file = Path.Combine(Path.GetTempPath(), $"long-{Guid.NewGuid():N}.csv");
        await File.WriteAllLinesAsync(file, rows.Select(r => r.ToCsvLine()).Prepend(AgencyRow.CsvHeader));
        try
        {
            var first = await CliRunner.RunAsync("link", file, "--agency", "Northshire GP Federation", "--sqlite", database.Settings.SqlitePath);
            Assert.True(first.Exit == 0, first.Error);
            // Rows near the start and far past the first saves move house.
            string[] moved = [rows[3].AgencyRecordId, rows[700].AgencyRecordId, rows[1150].AgencyRecordId];
            var lines = rows.Select(r => moved.Contains(r.AgencyRecordId) ? (r with { Postcode = "NS9 9ZZ", Address = "1 New Road" }).ToCsvLine() : r.ToCsvLine());
            await File.WriteAllLinesAsync(file, lines.Prepend(AgencyRow.CsvHeader));
            var again = await CliRunner.RunAsync("link", file, "--agency", "Northshire GP Federation", "--json", "--sqlite", database.Settings.SqlitePath);
            Assert.True(again.Exit == 0, again.Error);
            var summary = JsonDocument.Parse(again.Output).RootElement;
            Assert.Equal(3, summary.GetProperty("changed").GetInt32());
            Assert.Equal(1197, summary.GetProperty("unchanged").GetInt32());
            await using var db = database.Open();
            foreach (var id in moved)
            {
                var record = await db.Set<AgencyRecord>().AsNoTracking().SingleAsync(r => r.AgencyRecordId == id);
                Assert.Equal("NS9 9ZZ", record.Postcode);
                if (record.PersonId is { } person) Assert.True(await db.AddressFacts.AnyAsync(a => a.PersonId == person && a.Postcode == "NS9 9ZZ"), id);
            }
            var third = await CliRunner.RunAsync("link", file, "--agency", "Northshire GP Federation", "--json", "--sqlite", database.Settings.SqlitePath);
            Assert.Equal(1200, JsonDocument.Parse(third.Output).RootElement.GetProperty("unchanged").GetInt32());
        }
        finally { File.Delete(file); }
    }
}

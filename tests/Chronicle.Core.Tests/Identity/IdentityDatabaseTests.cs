using System.Text.Json;
using Chronicle.Core.Chronology;
using Chronicle.Core.Identity;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Time;
using Chronicle.Testing;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Tests.Identity;

public sealed class IdentityDatabaseTests
{
    public static TheoryData<Provider> Providers => [Provider.Sqlite, Provider.Postgres];

    private static readonly SimulatedClock Clock = new(new DateTimeOffset(2024, 5, 1, 9, 0, 0, TimeSpan.Zero));

    private sealed record World(TestDatabase Database, Guid PartnershipId, Guid AgencyId, Guid WorkerId, Guid Child, Guid Mother);

    private static async Task<World> CreateAsync(Provider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        var record = new RecordService(db, Clock);
        var partnership = (await record.CreatePartnershipAsync("Test", "test")).Unwrap().Id;
        var agency = (await record.CreateAgencyAsync(partnership, new AgencyInput("Health visiting", AgencyKind.HealthVisiting, "Northshire"))).Unwrap().Id;
        var worker = (await record.CreateProfessionalAsync(partnership, new ProfessionalInput("Pat Visitor", agency, ProfessionalRole.HealthVisitor))).Unwrap().Id;
        var mother = (await record.CreatePersonAsync(partnership, new PersonInput { Kind = PersonKind.Adult, GivenName = "Grace", FamilyName = "Okafor", Sex = Sex.Female })).Unwrap().Id;
        var child = (await record.CreatePersonAsync(partnership, new PersonInput
        {
            Kind = PersonKind.Child, GivenName = "Katherine", FamilyName = "Okafor", DateOfBirth = new DateOnly(2019, 3, 4), Sex = Sex.Female,
            Identifiers = [new IdentifierInput(IdentifierScheme.NhsNumber, "943 476 5919", null)],
        })).Unwrap().Id;
        (await record.AddRelationshipAsync(partnership, new RelationshipInput(mother, RelationshipKind.Mother, child))).Unwrap();
        (await record.ReportAddressAsync(partnership, new AddressInput(child, "12 Mill Road, Northtown", agency, "NS1 4AB"))).Unwrap();
        (await record.ReportAddressAsync(partnership, new AddressInput(child, "Flat 3, 40 Park Avenue, Leeds", agency, "LS2 9ZZ"))).Unwrap();
        // Someone else entirely, and the child's brother.
        (await record.CreatePersonAsync(partnership, new PersonInput { Kind = PersonKind.Child, GivenName = "Oliver", FamilyName = "Brown", DateOfBirth = new DateOnly(2019, 3, 4), Sex = Sex.Male })).Unwrap();
        var brother = (await record.CreatePersonAsync(partnership, new PersonInput { Kind = PersonKind.Child, GivenName = "Samuel", FamilyName = "Okafor", DateOfBirth = new DateOnly(2017, 1, 2), Sex = Sex.Male })).Unwrap().Id;
        (await record.AddRelationshipAsync(partnership, new RelationshipInput(mother, RelationshipKind.Mother, brother))).Unwrap();
        return new World(database, partnership, agency, worker, child, mother);
    }

    private static string Describe(MatchRecord r) => string.Join(" | ", r.PersonId, string.Join(";", r.Names.Select(n => n.Given + " " + n.Family)), r.DateOfBirth, r.DateOfBirthPrecision, r.Sex,
        string.Join(";", r.NhsNumbers.Order()), string.Join(";", r.Postcodes.Order()), string.Join(";", r.Addresses.Order()), r.MotherId);

    [Theory, MemberData(nameof(Providers))]
    public async Task Linking_reads_the_partnership_s_people_as_the_duplicate_check_reads_each_but_not_one_merged_away(Provider provider)
    {
        var world = await CreateAsync(provider);
        await using var _ = world.Database;
        await using var db = world.Database.Open();
        var record = new RecordService(db, Clock);
        var duplicate = (await record.CreatePersonAsync(world.PartnershipId, new PersonInput { Kind = PersonKind.Child, GivenName = "Kate", FamilyName = "Okafor", DateOfBirth = new DateOnly(2019, 3, 4), Sex = Sex.Female })).Unwrap().Id;
        (await new MergeService(db, Clock).MergeAsync(world.PartnershipId, world.Child, duplicate, "The same child", world.WorkerId)).Unwrap();
        // Someone in another partnership is never read.
        var other = (await record.CreatePartnershipAsync("Other", "other")).Unwrap().Id;
        var stranger = (await record.CreatePersonAsync(other, new PersonInput
        {
            Kind = PersonKind.Child, GivenName = "Katherine", FamilyName = "Okafor", DateOfBirth = new DateOnly(2019, 3, 4), Sex = Sex.Female,
            Identifiers = [new IdentifierInput(IdentifierScheme.NhsNumber, "401 023 2137", null)]
        })).Unwrap().Id;
        db.ChangeTracker.Clear();

        var identity = new IdentityService(db, Clock);
        var all = await identity.PartnershipRecordsAsync(world.PartnershipId);
        var ids = await db.People.Where(p => p.PartnershipId == world.PartnershipId && p.Id != duplicate).Select(p => p.Id).ToListAsync();
        var each = await identity.RecordsAsync(world.PartnershipId, ids);
        Assert.Equal(4, all.Count);
        Assert.DoesNotContain(all, r => r.PersonId == duplicate || r.PersonId == stranger);
        Assert.Equal(each.Select(Describe).Order(), all.Select(Describe).Order());
        // The merged record's name is the survivor's, and the child's mother is known.
        var child = all.Single(r => r.PersonId == world.Child);
        Assert.Contains(child.Names, n => n.Given.Equals("kate", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(world.Mother, child.MotherId);
    }

    public static TheoryData<string, string, string?, string?, string?> Variations => new()
    {
        { "Kate", "Okafor", "2019-03-04", null, null },
        { "Katherine", "Okafor", "2019-04-03", null, "NS1 4AB" },
        { "Katherine", "Okafor", "2018-03-04", null, null },
        { "Katharine", "Okafor", "2019-03-04", null, null },
        { "Katherine", "Okafor", "2019-03-07", null, null },
        { "Okafor", "Katherine", "2019-03-04", null, null },
        { "Katherine", "Okafor-Mensah", "2019-03-04", null, null },
        { "Katie", "Okafor", null, "9434765919", null },
        { "KATHERINE", "OKAFOR", null, null, "ls2 9zz" },
    };

    [Theory, MemberData(nameof(Variations))]
    public async Task A_child_already_on_record_is_found_under_each_kind_of_variation(string given, string family, string? dob, string? nhs, string? postcode)
    {
        var world = await CreateAsync(Provider.Sqlite);
        await using var _ = world.Database;
        await using var db = world.Database.Open();
        var input = new PersonInput
        {
            Kind = PersonKind.Child, GivenName = given, FamilyName = family, DateOfBirth = dob is null ? null : DateOnly.Parse(dob, System.Globalization.CultureInfo.InvariantCulture), Sex = Sex.Female,
            Identifiers = nhs is null ? [] : [new IdentifierInput(IdentifierScheme.NhsNumber, nhs, null)],
        };
        var candidates = await new IdentityService(db, Clock).CandidatesAsync(world.PartnershipId, IdentityService.FromInput(input, postcode));
        Assert.Equal(world.Child, Assert.Single(candidates).PersonId);
    }

    [Fact]
    public async Task Someone_new_has_no_candidates()
    {
        var world = await CreateAsync(Provider.Sqlite);
        await using var _ = world.Database;
        await using var db = world.Database.Open();
        var input = new PersonInput { Kind = PersonKind.Child, GivenName = "Amelia", FamilyName = "Okafor", DateOfBirth = new DateOnly(2019, 3, 4), Sex = Sex.Female };
        var candidates = await new IdentityService(db, Clock).CandidatesAsync(world.PartnershipId, IdentityService.FromInput(input, "NS1 4AB"));
        Assert.DoesNotContain(candidates, c => c.Result.Band == MatchBand.Match);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task The_database_keeps_at_most_one_active_merge_of_a_record(Provider provider)
    {
        var world = await CreateAsync(provider);
        await using var _ = world.Database;
        await using var db = world.Database.Open();
        PersonMerge Merge(Guid survivor) => new()
        {
            Id = Guid.NewGuid(), PartnershipId = world.PartnershipId, SurvivorPersonId = survivor, MergedPersonId = world.Mother, Reason = "same person",
            MergedAt = Clock.GetUtcNow(), Moved = "{}",
        };
        var first = Merge(world.Child);
        db.Add(first);
        await db.SaveChangesAsync();
        // A second active merge of the same record, as a race past the service's own checks would write it.
        db.Add(Merge(world.Child));
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();
        // Once the first is undone, the record may be merged again.
        await db.Set<PersonMerge>().Where(m => m.Id == first.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.UnmergedAt, Clock.GetUtcNow()));
        db.Add(Merge(world.Child));
        await db.SaveChangesAsync();
        Assert.Equal(2, await db.Set<PersonMerge>().CountAsync());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_merge_moves_everything_and_its_unmerge_restores_exactly_what_each_side_had(Provider provider)
    {
        var world = await CreateAsync(provider);
        await using var _ = world.Database;
        Guid duplicate;
        await using (var db = world.Database.Open())
        {
            var record = new RecordService(db, Clock);
            duplicate = (await record.CreatePersonAsync(world.PartnershipId, new PersonInput
            {
                Kind = PersonKind.Child, GivenName = "Kate", FamilyName = "Okafor", DateOfBirth = new DateOnly(2019, 3, 4), Sex = Sex.Female,
                Identifiers = [new IdentifierInput(IdentifierScheme.LocalAuthorityId, "HV-4471", "Health visiting")],
            })).Unwrap().Id;
            (await record.ReportAddressAsync(world.PartnershipId, new AddressInput(duplicate, "7 Brook Lane, Ashby", world.AgencyId, "NS9 1XY"))).Unwrap();
            (await record.AddInvolvementAsync(world.PartnershipId, new InvolvementInput(duplicate, world.AgencyId, "health visitor", new DateOnly(2019, 4, 1), world.WorkerId))).Unwrap();
            var chronology = new ChronologyService(db, Clock, []);
            (await chronology.RecordAsync(world.PartnershipId, new EntryInput
            {
                Kind = "test-result", Details = JsonSerializer.SerializeToElement(new { test = "Hearing", outcome = "negative" }, ChronicleJson.Options), OccurredAt = Clock.GetUtcNow().AddHours(-2),
                RecordedByProfessionalId = world.WorkerId, Subjects = [duplicate], Source = Source.SeenByRecorder,
            })).Unwrap();
        }
        var before = await SnapshotAsync(world);

        PersonMerge merge;
        await using (var db = world.Database.Open())
            merge = (await new MergeService(db, Clock).MergeAsync(world.PartnershipId, world.Child, duplicate, "Health visiting's Kate is the same child", world.WorkerId)).Unwrap();
        await using (var db = world.Database.Open())
        {
            Assert.Empty(await db.AddressFacts.Where(a => a.PersonId == duplicate).ToListAsync());
            Assert.Equal(3, await db.AddressFacts.CountAsync(a => a.PersonId == world.Child));
            Assert.Contains(await db.PersonIdentifiers.Where(i => i.PersonId == world.Child).Select(i => i.Value).ToListAsync(), v => v == "HV-4471");
            Assert.True(await db.Involvements.AnyAsync(i => i.PersonId == world.Child));
            var alias = Assert.Single(await db.Set<PersonName>().Where(n => n.PersonId == world.Child).ToListAsync());
            Assert.Equal(("Kate", "merge"), (alias.GivenName, alias.Source));
            // The merged person's entries are the survivor's too; the merged person is kept, not deleted.
            var items = await ChronologyReader.ForChildAsync(db, world.PartnershipId, world.Child);
            Assert.Contains(items, i => i.Entry.Kind == "test-result");
            Assert.True(await db.People.AnyAsync(p => p.Id == duplicate));
            // A candidate search finds the survivor, never the merged record.
            var found = await new IdentityService(db, Clock).CandidatesAsync(world.PartnershipId,
                IdentityService.FromInput(new PersonInput { Kind = PersonKind.Child, GivenName = "Kate", FamilyName = "Okafor", DateOfBirth = new DateOnly(2019, 3, 4) }));
            Assert.Equal([world.Child], found.Select(c => c.PersonId));
            Assert.False((await new MergeService(db, Clock).MergeAsync(world.PartnershipId, world.Mother, duplicate, "again", null)).Succeeded);
        }
        await using (var db = world.Database.Open())
            (await new MergeService(db, Clock).UnmergeAsync(world.PartnershipId, merge.Id, "Two children after all", world.WorkerId)).Unwrap();
        Assert.Equal(before, await SnapshotAsync(world));
        await using (var db = world.Database.Open())
        {
            var kept = await db.Set<PersonMerge>().SingleAsync();
            Assert.NotNull(kept.UnmergedAt);
            Assert.DoesNotContain(await ChronologyReader.ForChildAsync(db, world.PartnershipId, world.Child), i => i.Entry.Kind == "test-result");
            Assert.False((await new MergeService(db, Clock).UnmergeAsync(world.PartnershipId, merge.Id, "again", null)).Succeeded);
        }
    }

    /// <summary>Who holds every identifier, address, involvement, relationship and name.</summary>
    private static async Task<string> SnapshotAsync(World world)
    {
        await using var db = world.Database.Open();
        var rows = new List<string>();
        rows.AddRange((await db.PersonIdentifiers.ToListAsync()).Select(i => $"id {i.Id} {i.PersonId}"));
        rows.AddRange((await db.AddressFacts.ToListAsync()).Select(a => $"address {a.Id} {a.PersonId}"));
        rows.AddRange((await db.Involvements.ToListAsync()).Select(i => $"involvement {i.Id} {i.PersonId}"));
        rows.AddRange((await db.Relationships.ToListAsync()).Select(r => $"tie {r.Id} {r.PersonId} {r.RelatedPersonId}"));
        rows.AddRange((await db.HouseholdMemberships.ToListAsync()).Select(m => $"home {m.Id} {m.PersonId}"));
        rows.AddRange((await db.Set<PersonName>().ToListAsync()).Select(n => $"name {n.Id} {n.PersonId}"));
        rows.Sort(StringComparer.Ordinal);
        return string.Join('\n', rows);
    }
}

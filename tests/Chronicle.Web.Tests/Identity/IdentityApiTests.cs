using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chronicle.Core.Identity;
using Chronicle.Core.Security;
using Chronicle.Testing;
using Chronicle.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Tests.Identity;

public sealed class IdentityApiTests
{
    private static object Katherine(string given = "Katherine", string family = "Okafor", string dob = "2019-03-04", string? nhs = "943 476 5919") => new
    {
        kind = "child", givenName = given, familyName = family, dateOfBirth = dob, sex = "female",
        identifiers = nhs is null ? Array.Empty<object>() : [new { scheme = "nhs-number", value = nhs }],
    };

    private static async Task<(ChronicleApp App, HttpClient Worker, Guid Child, Guid AgencyId)> WorldAsync(Provider provider)
    {
        var app = await ChronicleApp.StartAsync(provider);
        var (worker, _, agency, workerId) = await ApiTestData.WorkerAsync(app);
        var child = await app.CreateAsync(worker, "/api/people", Katherine());
        await app.CreateAsync(worker, "/api/involvements", new { personId = child, agencyId = agency, role = "allocated social worker", from = "2024-01-02", professionalId = workerId });
        await worker.PostAsJsonAsync("/api/addresses", new { personId = child, address = "12 Mill Road, Northtown", postcode = "NS1 4AB" }, ChronicleApp.Json);
        return (app, worker, child, agency);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task The_check_offers_the_child_already_on_record_with_reasons_and_creating_them_again_needs_a_recorded_choice(Provider provider)
    {
        var (app, worker, child, _) = await WorldAsync(provider);
        await using var _ = app;

        var check = await worker.PostAsJsonAsync("/api/people/matches", Katherine("Kate", nhs: null), ChronicleApp.Json);
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        var body = await ApiTestData.ReadAsync(check);
        var candidate = Assert.Single(body.GetProperty("candidates").EnumerateArray());
        Assert.Equal(child, candidate.GetProperty("personId").GetGuid());
        Assert.Equal("match", candidate.GetProperty("band").GetString());
        Assert.True(candidate.GetProperty("score").GetDouble() >= 0.95);
        Assert.Contains(candidate.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("forms of one name"));
        Assert.False(body.GetProperty("askFrontDoor").GetBoolean());

        var again = await worker.PostAsJsonAsync("/api/people", Katherine("Kate", dob: "2019-04-03", nhs: null), ChronicleApp.Json);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(child, (await ApiTestData.ReadAsync(again)).GetProperty("candidates")[0].GetProperty("personId").GetGuid());

        var used = await worker.PostAsJsonAsync("/api/people/matches/use", new { personId = child, person = Katherine("Kate", dob: "2019-04-03", nhs: null) }, ChronicleApp.Json);
        Assert.Equal(HttpStatusCode.OK, used.StatusCode);
        var created = await worker.PostAsJsonAsync("/api/people?choice=new", Katherine("Kate", dob: "2019-04-03", nhs: null), ChronicleApp.Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var newId = (await ApiTestData.ReadAsync(created)).GetProperty("id").GetGuid();

        await using var db = app.OpenDb();
        var decisions = await db.Set<MatchDecision>().OrderBy(d => d.At).ThenBy(d => d.Choice).ToListAsync();
        Assert.Equal([(MatchChoice.Existing, child), (MatchChoice.New, newId)], decisions.Select(d => (d.Choice, d.PersonId)).OrderBy(d => d.Choice));
        Assert.All(decisions, d => Assert.Contains(child.ToString(), d.Candidates));
        Assert.Equal(2, await db.People.CountAsync(p => p.FamilyName == "Okafor"));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    public async Task A_candidate_the_user_may_not_see_is_never_disclosed_and_the_front_door_is_told(Provider provider)
    {
        var (app, _, child, _) = await WorldAsync(provider);
        await using var _ = app;
        var (outsider, _, _, _) = await ApiTestData.WorkerAsync(app, "Alex Outsider", "Othershire Police");

        var check = await outsider.PostAsJsonAsync("/api/people/matches", Katherine(), ChronicleApp.Json);
        var text = await check.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        Assert.DoesNotContain(child.ToString(), text, StringComparison.OrdinalIgnoreCase);
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Empty(body.GetProperty("candidates").EnumerateArray());
        Assert.True(body.GetProperty("askFrontDoor").GetBoolean());
        // Checking again does not queue the same question twice; creating is not blocked by what the user cannot see.
        await outsider.PostAsJsonAsync("/api/people/matches", Katherine(), ChronicleApp.Json);
        var created = await outsider.PostAsJsonAsync("/api/people", Katherine(), ChronicleApp.Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.DoesNotContain(child.ToString(), await created.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        var chosen = await outsider.PostAsJsonAsync("/api/people/matches/use", new { personId = child, person = Katherine() }, ChronicleApp.Json);
        Assert.Equal(HttpStatusCode.NotFound, chosen.StatusCode);

        await using var db = app.OpenDb();
        var review = Assert.Single(await db.Set<IdentityReview>().ToListAsync());
        Assert.Equal((ReviewKind.HiddenCandidate, ReviewStatus.Open), (review.Kind, review.Status));
        Assert.Contains(child.ToString(), review.Candidates);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task The_front_door_merges_two_records_of_one_child_and_unmerges_them_and_a_practitioner_may_not(Provider provider)
    {
        var (app, worker, child, agency) = await WorldAsync(provider);
        await using var _ = app;
        var duplicate = await app.CreateAsync(worker, "/api/people?choice=new", Katherine("Kate", nhs: null));
        var practitionerMerge = await worker.PostAsJsonAsync("/api/merges", new { survivorPersonId = child, mergedPersonId = duplicate, reason = "same child" }, ChronicleApp.Json);
        Assert.Equal(HttpStatusCode.Forbidden, practitionerMerge.StatusCode);

        Guid workerId;
        await using (var db = app.OpenDb()) workerId = (await db.UserAccounts.FirstAsync(a => a.DisplayName == "Sam Worker")).ProfessionalId!.Value;
        var manager = await app.SignInAsync(await app.AddAccountAsync(workerId, Role.Practitioner, Role.FrontDoor));
        var empty = await manager.PostAsJsonAsync("/api/merges", new { }, ChronicleApp.Json);
        Assert.Contains("reason", (await ApiTestData.ErrorsAsync(empty)).Keys);
        var merged = await manager.PostAsJsonAsync("/api/merges", new { survivorPersonId = child, mergedPersonId = duplicate, reason = "Health's Kate is this child" }, ChronicleApp.Json);
        Assert.Equal(HttpStatusCode.Created, merged.StatusCode);
        var mergeId = (await ApiTestData.ReadAsync(merged)).GetProperty("id").GetGuid();

        var check = await ApiTestData.ReadAsync(await worker.PostAsJsonAsync("/api/people/matches", Katherine("Kate", nhs: null), ChronicleApp.Json));
        Assert.Equal([child], check.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("personId").GetGuid()));

        var unmerged = await manager.PostAsJsonAsync("/api/merges/unmerge", new { mergeId, reason = "Twins, not one child" }, ChronicleApp.Json);
        Assert.Equal(HttpStatusCode.OK, unmerged.StatusCode);
        var twice = await manager.PostAsJsonAsync("/api/merges/unmerge", new { mergeId, reason = "again" }, ChronicleApp.Json);
        Assert.Contains("mergeId", (await ApiTestData.ErrorsAsync(twice)).Keys);
        await using (var db = app.OpenDb())
        {
            var merge = await db.Set<PersonMerge>().SingleAsync();
            Assert.NotNull(merge.UnmergedAt);
            Assert.Empty(await db.Set<PersonName>().ToListAsync());
        }
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    public async Task A_merge_that_would_tie_the_caller_to_a_child_they_cannot_see_is_answered_as_a_missing_person(Provider provider)
    {
        var (app, _, hidden, _) = await WorldAsync(provider);
        await using var _ = app;
        var (_, _, otherAgency, outsiderId) = await ApiTestData.WorkerAsync(app, "Alex Outsider", "Othershire Police");
        var caller = await app.SignInAsync(await app.AddAccountAsync(outsiderId, Role.FrontDoor));
        // An adult the caller recorded (so sees), who is also a parent of a child in another team.
        var parent = await app.CreateAsync(caller, "/api/people", new { kind = "adult", givenName = "Dana", familyName = "Okafor" });
        await using (var db = app.OpenDb())
        {
            var partnershipId = (await db.People.SingleAsync(p => p.Id == hidden)).PartnershipId;
            db.Relationships.Add(new Core.Record.Relationship
            {
                Id = Guid.NewGuid(), PartnershipId = partnershipId, PersonId = parent, RelatedPersonId = hidden, Kind = Core.Record.RelationshipKind.Mother,
                HasParentalResponsibility = true, RecordedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }
        Assert.Equal(HttpStatusCode.NotFound, (await caller.GetAsync($"/api/people/{hidden}")).StatusCode);
        var decoy = await app.CreateAsync(caller, "/api/people", new { kind = "adult", givenName = "Zz", familyName = "Decoy" });
        await app.CreateAsync(caller, "/api/involvements", new { personId = decoy, agencyId = otherAgency, role = "key worker", from = "2024-01-02", professionalId = outsiderId });

        var missing = await caller.PostAsJsonAsync("/api/merges", new { survivorPersonId = parent, mergedPersonId = Guid.NewGuid(), reason = "same person" }, ChronicleApp.Json);
        foreach (var (survivor, merged) in new[] { (parent, decoy), (decoy, parent) })
        {
            var refused = await caller.PostAsJsonAsync("/api/merges", new { survivorPersonId = survivor, mergedPersonId = merged, reason = "same person" }, ChronicleApp.Json);
            Assert.Equal(missing.StatusCode, refused.StatusCode);
            var expected = await ApiTestData.ReadAsync(missing);
            var actual = await ApiTestData.ReadAsync(refused);
            Assert.Equal(expected.GetProperty("errors").GetRawText(), actual.GetProperty("errors").GetRawText());
            Assert.Equal(expected.GetProperty("title").GetRawText(), actual.GetProperty("title").GetRawText());
        }
        Assert.Equal(HttpStatusCode.NotFound, (await caller.GetAsync($"/api/people/{hidden}")).StatusCode);
        await using (var db = app.OpenDb())
        {
            Assert.Empty(await db.Set<PersonMerge>().ToListAsync());
            Assert.Equal(decoy, (await db.Involvements.SingleAsync(i => i.ProfessionalId == outsiderId)).PersonId);
        }
    }

    [Fact]
    public async Task Two_merges_of_one_record_at_once_cannot_both_succeed()
    {
        await using var app = await ChronicleApp.StartAsync(Provider.Postgres);
        var (worker, _, _, _) = await ApiTestData.WorkerAsync(app);
        var first = await app.CreateAsync(worker, "/api/people", new { kind = "adult", givenName = "Robin", familyName = "Ashdown" });
        var second = await app.CreateAsync(worker, "/api/people", new { kind = "adult", givenName = "Robyn", familyName = "Ashdown" });
        Guid partnershipId;
        await using (var db = app.OpenDb()) partnershipId = (await db.People.SingleAsync(p => p.Id == first)).PartnershipId;

        // Each merge runs in the request's transaction, as the API runs it; the first holds its transaction open.
        await using var db1 = app.OpenDb();
        await using var db2 = app.OpenDb();
        await using var tx1 = await db1.Database.BeginTransactionAsync();
        Assert.True((await new MergeService(db1, TimeProvider.System).MergeAsync(partnershipId, first, second, "same person", null)).Succeeded);
        await using var tx2 = await db2.Database.BeginTransactionAsync();
        var racing = Task.Run(() => new MergeService(db2, TimeProvider.System).MergeAsync(partnershipId, second, first, "same person", null));
        await using (var probe = app.OpenDb())
            for (var i = 0; i < 200 && !racing.IsCompleted && await probe.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM pg_locks WHERE NOT granted").SingleAsync() == 0; i++)
                await Task.Delay(50);
        await tx1.CommitAsync();

        var lost = await Xunit.Record.ExceptionAsync(async () =>
        {
            if ((await racing).Succeeded) await tx2.CommitAsync();
        });
        Assert.IsType<Core.Persistence.WriteConflictException>(lost);
        await using var check = app.OpenDb();
        var merge = Assert.Single(await check.Set<PersonMerge>().ToListAsync());
        Assert.Equal((first, second), (merge.SurvivorPersonId, merge.MergedPersonId));
    }

    [Fact]
    public async Task A_check_without_a_name_or_NHS_number_is_refused_by_field()
    {
        await using var app = await ChronicleApp.StartAsync(Provider.Sqlite);
        var (worker, _, _, _) = await ApiTestData.WorkerAsync(app);
        var response = await worker.PostAsJsonAsync("/api/people/matches", new { kind = "child", identifiers = new[] { new { scheme = "nhs-number", value = "943 476 5918" } } }, ChronicleApp.Json);
        var errors = await ApiTestData.ErrorsAsync(response);
        Assert.Contains("givenName", errors.Keys);
        Assert.Contains("identifiers[0].value", errors.Keys);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chronicle.Testing;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Tests.Api;

public sealed class ChronologyApiTests
{
    private static readonly object Bruise = new { type = "bruise", site = "face", description = "Bruise on the left cheek", childMobility = "not-independently-mobile" };

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_entry_is_appended_and_read_back_in_the_childs_chronology(Provider provider)
    {
        await using var app = await ChronicleApp.StartAsync(provider);
        var data = await ApiTestData.CreateAsync(app);
        var client = data.Client;

        var id = await app.CreateAsync(client, "/api/entries", data.Entry("injury", Bruise));

        var entry = await ApiTestData.ReadAsync(await client.GetAsync($"/api/entries/{id}"));
        Assert.Equal("injury", entry.GetProperty("kind").GetString());
        Assert.Equal("face", entry.GetProperty("details").GetProperty("site").GetString());
        Assert.Equal("Sam Worker", entry.GetProperty("recordedBy").GetString());
        Assert.Equal("Testshire Children's Social Care", entry.GetProperty("agency").GetString());
        var chronology = await ApiTestData.ReadAsync(await client.GetAsync($"/api/children/{data.ChildId}/chronology"));
        var item = Assert.Single(chronology.EnumerateArray());
        Assert.Equal(id, item.GetProperty("id").GetGuid());
        Assert.Equal("26 January 2015 at 10:30am", item.GetProperty("occurred").GetString());
        Assert.Equal("Seen by the recorder", item.GetProperty("certainty").GetString());
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_invalid_entry_is_refused_naming_each_field_and_nothing_is_written(Provider provider)
    {
        await using var app = await ChronicleApp.StartAsync(provider);
        var data = await ApiTestData.CreateAsync(app);
        var client = data.Client;

        var response = await client.PostAsJsonAsync("/api/entries", new
        {
            kind = "injury",
            details = new { type = "bruise", site = "face" },
            occurredAt = "2015-01-26T10:30:00Z",
            recordedByProfessionalId = data.WorkerId,
            subjects = new[] { data.ChildId, Guid.NewGuid() },
        }, ChronicleApp.Json);

        var errors = await ApiTestData.ErrorsAsync(response);
        Assert.Contains("details.description", errors.Keys);
        Assert.Contains("source", errors.Keys);
        Assert.Contains("subjects[1]", errors.Keys);
        await using var db = app.OpenDb();
        Assert.Equal(0, await db.Entries.CountAsync());
        Assert.Equal(0, await db.EntrySubjects.CountAsync());
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_retried_entry_with_the_same_idempotency_key_is_written_once(Provider provider)
    {
        await using var app = await ChronicleApp.StartAsync(provider);
        var data = await ApiTestData.CreateAsync(app);
        var client = data.Client;
        var body = data.Entry("injury", Bruise);

        var first = await Send(client, "/api/entries", body, "entry-1");
        var retry = await Send(client, "/api/entries", body, "entry-1");
        var changed = await Send(client, "/api/entries", data.Entry("injury", new { type = "bruise", site = "ear", description = "Bruise" }), "entry-1");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, changed.StatusCode);
        await using var db = app.OpenDb();
        // The key is the caller's, kept with the write's answer; it is not the entry's own key.
        Assert.Null(Assert.Single(await db.Entries.ToListAsync()).IdempotencyKey);
        Assert.Equal("entry-1", Assert.Single(await db.IdempotencyRecords.ToListAsync()).Key);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_correction_keeps_the_original_and_says_why(Provider provider)
    {
        await using var app = await ChronicleApp.StartAsync(provider);
        var data = await ApiTestData.CreateAsync(app);
        var client = data.Client;
        var test = new { test = "Hair strand test", substance = "cocaine", outcome = "negative" };
        var original = await app.CreateAsync(client, "/api/entries", data.Entry("test-result", test, data.MotherId));

        var response = await client.PostAsJsonAsync($"/api/entries/{original}/corrections", new
        {
            entry = data.Entry("test-result", new { test = "Hair strand test", substance = "cocaine", outcome = "inconclusive", sampleQuality = "insufficient" }, data.MotherId),
            reason = "The sample was insufficient: there was no result",
        }, ChronicleApp.Json);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var correction = await ApiTestData.ReadAsync(response);
        Assert.Equal(original, correction.GetProperty("supersedesEntryId").GetGuid());
        var chronology = (await ApiTestData.ReadAsync(await client.GetAsync($"/api/children/{data.ChildId}/chronology"))).EnumerateArray().ToList();
        Assert.Equal(2, chronology.Count);
        var kept = chronology.Single(e => e.GetProperty("id").GetGuid() == original);
        Assert.Equal("Hair strand test (cocaine): Negative", kept.GetProperty("summary").GetString());
        Assert.Equal(correction.GetProperty("id").GetGuid(), kept.GetProperty("supersededBy").GetGuid());
        Assert.Equal("The sample was insufficient: there was no result", kept.GetProperty("supersededReason").GetString());
        var corrected = chronology.Single(e => e.GetProperty("id").GetGuid() != original);
        Assert.Contains("Inconclusive (no result: not negative)", corrected.GetProperty("summary").GetString());
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_correction_without_a_reason_is_refused_and_an_unknown_entry_is_not_found(Provider provider)
    {
        await using var app = await ChronicleApp.StartAsync(provider);
        var data = await ApiTestData.CreateAsync(app);
        var client = data.Client;
        var original = await app.CreateAsync(client, "/api/entries", data.Entry("injury", Bruise));

        var noReason = await client.PostAsJsonAsync($"/api/entries/{original}/corrections", new { entry = data.Entry("injury", Bruise) }, ChronicleApp.Json);
        var noEntry = await client.PostAsJsonAsync($"/api/entries/{original}/corrections", new { reason = "Wrong" }, ChronicleApp.Json);
        var unknown = await client.PostAsJsonAsync($"/api/entries/{Guid.NewGuid()}/corrections", new { entry = data.Entry("injury", Bruise), reason = "Wrong" }, ChronicleApp.Json);

        Assert.Contains("reason", (await ApiTestData.ErrorsAsync(noReason)).Keys);
        Assert.Contains("entry", (await ApiTestData.ErrorsAsync(noEntry)).Keys);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        await using var db = app.OpenDb();
        Assert.Equal(1, await db.Entries.CountAsync());
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task The_chronology_filters_by_agency_kind_and_dates(Provider provider)
    {
        await using var app = await ChronicleApp.StartAsync(provider);
        var data = await ApiTestData.CreateAsync(app);
        var client = data.Client;
        var health = await app.CreateAsync(data.Admin, "/api/agencies", new { name = "Testshire Health Visiting", kind = "health-visiting" });
        var visitor = await app.CreateAsync(data.Admin, "/api/professionals", new { name = "Hal Visitor", agencyId = health, role = "health-visitor" });
        await app.CreateAsync(client, "/api/involvements", new { personId = data.ChildId, agencyId = health, professionalId = visitor, role = "health visitor", from = "2015-01-01" });
        var visitorClient = await app.SignInAsync(await app.AddAccountAsync(visitor));
        var injury = await app.CreateAsync(client, "/api/entries", data.Entry("injury", Bruise, occurredAt: "2015-01-10T10:00:00Z"));
        var visit = await app.CreateAsync(client, "/api/entries", data.Entry("home-visit", new { childSeen = true }, occurredAt: "2015-02-10T10:00:00Z"));
        var healthVisit = await app.CreateAsync(visitorClient, "/api/entries", new
        {
            kind = "home-visit",
            details = new { childSeen = false },
            occurredAt = "2015-03-10T10:00:00Z",
            occurredPrecision = "exact",
            subjects = new[] { data.ChildId },
            source = "seen-by-recorder",
        });

        // The worker's two entries were shared with the health visitor in the team: each share is on the record too, recorded now.
        var shares = await Ids(client, $"/api/children/{data.ChildId}/chronology?kind=information-shared");
        Assert.Equal(2, shares.Length);
        var all = await Ids(client, $"/api/children/{data.ChildId}/chronology");
        Assert.Equal([injury, visit, healthVisit, .. shares], all);
        Assert.Equal([healthVisit], await Ids(client, $"/api/children/{data.ChildId}/chronology?agencyId={health}"));
        Assert.Equal([visit, healthVisit], await Ids(client, $"/api/children/{data.ChildId}/chronology?kind=home-visit"));
        Assert.Equal([visit], await Ids(client, $"/api/children/{data.ChildId}/chronology?from=2015-02-01&to=2015-02-28"));
        var refused = await client.GetAsync($"/api/children/{data.ChildId}/chronology?from=last-tuesday&kind=gossip");
        var errors = await ApiTestData.ErrorsAsync(refused);
        Assert.Contains("from", errors.Keys);
        Assert.Contains("kind", errors.Keys);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/children/{data.MotherId}/chronology")).StatusCode);

        // A page at a time: the total and the neighbouring pages in headers, the filter kept in the links.
        var second = await client.GetAsync($"/api/children/{data.ChildId}/chronology?pageSize=2&page=2");
        Assert.Equal(all[2..4], (await ApiTestData.ReadAsync(second)).EnumerateArray().Select(e => e.GetProperty("id").GetGuid()).ToArray());
        Assert.Equal("5", second.Headers.GetValues("X-Total-Count").Single());
        var link = second.Headers.GetValues("Link").Single();
        Assert.Contains("pageSize=2&page=1>; rel=\"prev\"", link, StringComparison.Ordinal);
        Assert.Contains("pageSize=2&page=3>; rel=\"next\"", link, StringComparison.Ordinal);
        var last = await client.GetAsync($"/api/children/{data.ChildId}/chronology?pageSize=2&page=3");
        Assert.Equal(all[4..], (await ApiTestData.ReadAsync(last)).EnumerateArray().Select(e => e.GetProperty("id").GetGuid()).ToArray());
        Assert.DoesNotContain("next", last.Headers.TryGetValues("Link", out var lastLinks) ? lastLinks.Single() : "", StringComparison.Ordinal);
        Assert.Equal([visit, healthVisit], await Ids(client, $"/api/children/{data.ChildId}/chronology?kind=home-visit&pageSize=2"));
        var badPage = await ApiTestData.ErrorsAsync(await client.GetAsync($"/api/children/{data.ChildId}/chronology?page=0&pageSize=501"));
        Assert.Contains("page", badPage.Keys);
        Assert.Contains("pageSize", badPage.Keys);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task The_children_list_gives_each_childs_lead_professional_and_chronology_size(Provider provider)
    {
        await using var app = await ChronicleApp.StartAsync(provider);
        var data = await ApiTestData.CreateAsync(app);
        var client = data.Client;
        await app.CreateAsync(client, "/api/involvements", new { personId = data.ChildId, agencyId = data.AgencyId, professionalId = data.WorkerId, role = "allocated social worker", from = "2015-01-05", isLead = true });
        await app.CreateAsync(client, "/api/entries", data.Entry("injury", Bruise));
        await app.CreateAsync(client, "/api/entries", data.Entry("adult-concern", new { adultPersonId = data.MotherId, type = "alcohol", description = "Drinks daily" }, data.MotherId));

        var children = await ApiTestData.ReadAsync(await client.GetAsync("/api/children"));

        var child = Assert.Single(children.EnumerateArray());
        Assert.Equal(data.ChildId, child.GetProperty("id").GetGuid());
        Assert.Equal("Sam Worker, Testshire Children's Social Care", child.GetProperty("leadProfessional").GetString());
        Assert.Equal(2, child.GetProperty("entries").GetInt32());
    }

    private static async Task<Guid[]> Ids(HttpClient client, string path) =>
        [.. (await ApiTestData.ReadAsync(await client.GetAsync(path))).EnumerateArray().Select(e => e.GetProperty("id").GetGuid())];

    private static Task<HttpResponseMessage> Send(HttpClient client, string path, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: ChronicleApp.Json) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }
}

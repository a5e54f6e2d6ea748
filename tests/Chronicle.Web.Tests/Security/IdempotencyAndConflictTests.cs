using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chronicle.Core.Audit;
using Chronicle.Testing;
using Chronicle.Web.Api;
using Chronicle.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Tests.Security;

/// <summary>
/// Idempotency keys belong to one caller and one operation; a replay is audited; and a write that loses a race is a
/// 409 that says what changed, never a 500 or a silent second copy.
/// </summary>
public sealed class IdempotencyAndConflictTests
{
    private const string Secret = "Disclosed at the home visit: the family's new address";

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Another_users_key_is_their_own_and_gives_nothing_of_the_first_write_away(Provider provider)
    {
        await using var app = await ChronicleApp.StartAsync(provider);
        var data = await ApiTestData.CreateAsync(app);
        var (other, _, _, otherId) = await ApiTestData.WorkerAsync(app, "Alex Other", "Otherside Health");
        var theirChild = await app.CreateAsync(other, "/api/people", new { kind = "child", knownAs = "Child U", dateOfBirth = "2013-02-01" });

        var body = Observation(data.WorkerId, data.ChildId, Secret);
        Assert.Equal(HttpStatusCode.Created, (await Send(data.Client, "/api/entries", body, "visit-1")).StatusCode);

        // The very same request and key from someone else is their request: it is checked like any other, and is not
        // answered with the first user's entry.
        var copied = await Send(other, "/api/entries", body, "visit-1");
        var copiedText = await copied.Content.ReadAsStringAsync();
        Assert.False(copied.IsSuccessStatusCode, $"Another user's copy of the request answered {(int)copied.StatusCode}: {copiedText}");
        Assert.DoesNotContain(Secret, copiedText);
        Assert.False(copied.Headers.Contains(Idempotency.ReplayedHeader));

        // Their own write with the same key is simply written.
        var own = await Send(other, "/api/entries", Observation(otherId, theirChild, "Seen at clinic"), "visit-1");
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        Assert.DoesNotContain(Secret, await own.Content.ReadAsStringAsync());
        await using var db = app.OpenDb();
        Assert.Equal(2, await db.Entries.CountAsync());
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_key_belongs_to_one_operation_and_a_changed_request_is_refused_without_disclosure(Provider provider)
    {
        await using var app = await ChronicleApp.StartAsync(provider);
        var data = await ApiTestData.CreateAsync(app);

        Assert.Equal(HttpStatusCode.Created, (await Send(data.Client, "/api/entries", Observation(data.WorkerId, data.ChildId, Secret), "k-1")).StatusCode);
        // The same key to another operation is another key.
        Assert.Equal(HttpStatusCode.Created, (await Send(data.Client, "/api/people", new { kind = "adult", knownAs = "Uncle of Child T" }, "k-1")).StatusCode);
        // The same key to the same operation with another request: 422, and nothing of the first.
        var changed = await Send(data.Client, "/api/entries", Observation(data.WorkerId, data.ChildId, "Something else"), "k-1");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, changed.StatusCode);
        Assert.DoesNotContain(Secret, await changed.Content.ReadAsStringAsync());
        await using var db = app.OpenDb();
        Assert.Equal(1, await db.Entries.CountAsync());
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_replayed_write_is_audited_against_the_child_it_wrote_about(Provider provider)
    {
        await using var app = await ChronicleApp.StartAsync(provider);
        var data = await ApiTestData.CreateAsync(app);
        var body = Observation(data.WorkerId, data.ChildId, "Seen at home");

        var first = await Send(data.Client, "/api/entries", body, "replay-1");
        var retry = await Send(data.Client, "/api/entries", body, "replay-1");

        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.True(retry.Headers.Contains(Idempotency.ReplayedHeader));
        var id = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await using var db = app.OpenDb();
        var writes = await db.AuditEntries.AsNoTracking().Where(a => a.Action == AuditAction.Write && a.SubjectPersonId == data.ChildId && a.Detail!.Contains("/api/entries/")).ToListAsync();
        Assert.Equal([$"created /api/entries/{id}", $"replayed: created /api/entries/{id}"], writes.OrderBy(a => a.Sequence).Select(a => a.Detail));
        Assert.True((await new AuditLog(db, TimeProvider.System).VerifyAsync()).Intact);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Two_corrections_of_one_entry_at_once_answer_created_and_409(Provider provider)
    {
        await using var app = await ChronicleApp.StartAsync(provider);
        var data = await ApiTestData.CreateAsync(app);
        var original = await app.CreateAsync(data.Client, "/api/entries", Observation(data.WorkerId, data.ChildId, "Seen at home"));
        var second = await app.SignInAsync(await app.UserNameOfAsync("Sam Worker"));

        var answers = await Task.WhenAll(new[] { data.Client, second }.Select((client, n) => client.PostAsJsonAsync($"/api/entries/{original}/corrections", new
        {
            entry = Observation(data.WorkerId, data.ChildId, n == 0 ? "Seen at school" : "Seen at the clinic"),
            reason = "Wrong place",
        }, ChronicleApp.Json)));

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
        var conflict = answers.Single(a => a.StatusCode == HttpStatusCode.Conflict);
        Assert.Equal("application/problem+json", conflict.Content.Headers.ContentType?.MediaType);
        // What changed, in words (on SQLite the second writer waits and is told which correction won).
        Assert.Contains("nothing you sent was saved", (await conflict.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        await using var db = app.OpenDb();
        Assert.Equal(1, await db.Entries.CountAsync(e => e.SupersedesEntryId == original));
    }

    private static object Observation(Guid recorder, Guid about, string narrative) => new
    {
        kind = "observation",
        details = new { topic = "home-conditions", text = "Home visit" },
        narrative,
        occurredAt = "2015-01-26T10:30:00Z",
        occurredPrecision = "exact",
        recordedByProfessionalId = recorder,
        subjects = new[] { about },
        source = "seen-by-recorder",
    };

    private static Task<HttpResponseMessage> Send(HttpClient client, string path, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: ChronicleApp.Json) };
        request.Headers.Add(Idempotency.Header, key);
        return client.SendAsync(request);
    }
}

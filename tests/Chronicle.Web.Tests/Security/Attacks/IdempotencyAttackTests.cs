using System.Net;
using System.Net.Http.Json;
using Chronicle.Web.Api;
using Chronicle.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Chronicle.Web.Tests.Security.Attacks;

/// <summary>
/// Issue 11, "idempotency done right", after the first answer: a stored answer is given back only while the caller
/// may still see what it wrote about, and only for the key's lifetime; expired records are purged.
/// </summary>
[Collection(AttackCollection.Name)]
public sealed class IdempotencyAttackTests(AttackApp app)
{
    private ChronicleApp App => app.App;

    private async Task<(Guid Id, HttpClient Client)> NewcomerAsync(string name)
    {
        var admin = await App.SignInAsync(await App.UserNameOfAsync(DemoAccounts.Administrator));
        var id = await App.CreateAsync(admin, "/api/professionals", new { name, agencyId = app.OutsidePracticeAgency, role = "general-practitioner" });
        return (id, await App.SignInAsync(await App.AddAccountAsync(id)));
    }

    private static HttpRequestMessage Keyed(string key, object body) =>
        new(HttpMethod.Post, "/api/entries") { Content = JsonContent.Create(body, options: ChronicleApp.Json), Headers = { { "Idempotency-Key", key } } };

    [Fact]
    public async Task A_replay_after_break_glass_expires_gives_nothing_of_the_entry_back()
    {
        var (_, gp) = await NewcomerAsync("Out-of-hours GP (Riverside, replay)");
        DateOnly dob;
        await using (var db = App.OpenDb()) dob = (await db.People.SingleAsync(p => p.Id == app.Emily)).DateOfBirth!.Value;
        var granted = await ChronicleApp.PostFormAsync(gp, "/break-glass", new() { ["name"] = "emily", ["dateOfBirth"] = $"{dob.Day}/{dob.Month}/{dob.Year}", ["reason"] = "Child brought to out-of-hours clinic, need the plan now" });
        Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);
        const string text = "Bruise on the left cheek, seen at the out-of-hours clinic";
        var body = AttackApp.Entry("observation", new { topic = "other", text }, app.Emily);

        var first = await gp.SendAsync(Keyed("replay-after-expiry", body));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var replayed = await gp.SendAsync(Keyed("replay-after-expiry", body));
        Assert.Equal(HttpStatusCode.Created, replayed.StatusCode);
        Assert.Contains(text, await replayed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using (var db = App.OpenDb())
        {
            foreach (var grant in await db.BreakGlassGrants.Where(g => g.ChildPersonId == app.Emily).ToListAsync()) grant.ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1);
            await db.SaveChangesAsync();
        }
        var after = await gp.SendAsync(Keyed("replay-after-expiry", body));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, after.StatusCode);
        var answer = await after.Content.ReadAsStringAsync();
        Assert.DoesNotContain(text, answer, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Emily.ToString(), answer, StringComparison.OrdinalIgnoreCase);
        Assert.False(after.Headers.Contains(Idempotency.ReplayedHeader));
    }

    [Fact]
    public async Task A_key_is_forgotten_after_its_lifetime_and_expired_records_are_purged()
    {
        var gp = await app.AsAsync(app.EmilysGpUser);
        var body = AttackApp.Entry("observation", new { topic = "other", text = "Seen at the surgery for a routine check" }, app.Emily);
        var first = await gp.SendAsync(Keyed("lifetime", body));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var firstId = first.Headers.Location!.ToString();

        // A day and an hour later (the default lifetime is 24 hours) the key is a new request's.
        await using (var db = App.OpenDb())
        {
            var stored = await db.IdempotencyRecords.SingleAsync(r => r.Key == "lifetime");
            stored.CreatedAt = DateTimeOffset.UtcNow.AddHours(-25);
            await db.SaveChangesAsync();
        }
        var later = await gp.SendAsync(Keyed("lifetime", body));
        Assert.Equal(HttpStatusCode.Created, later.StatusCode);
        Assert.False(later.Headers.Contains(Idempotency.ReplayedHeader));
        Assert.NotEqual(firstId, later.Headers.Location!.ToString());

        // The purge takes what has expired and leaves the rest.
        await using (var db = App.OpenDb())
        {
            var kept = await db.IdempotencyRecords.SingleAsync(r => r.Key == "lifetime");
            db.IdempotencyRecords.Add(new Core.Persistence.IdempotencyRecord
            {
                UserId = kept.UserId, Operation = kept.Operation, Key = "expired", RequestHash = "0", StatusCode = 201, ResponseBody = "{}",
                CreatedAt = DateTimeOffset.UtcNow.AddHours(-30),
            });
            await db.SaveChangesAsync();
            Assert.True(await Idempotency.PurgeAsync(db, DateTimeOffset.UtcNow - Idempotency.Lifetime(App.Services.GetRequiredService<IConfiguration>())) >= 1);
            Assert.False(await db.IdempotencyRecords.AnyAsync(r => r.Key == "expired"));
            Assert.True(await db.IdempotencyRecords.AnyAsync(r => r.Key == "lifetime"));
        }
    }
}

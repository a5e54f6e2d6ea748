using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chronicle.Core.Safeguards;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Tests.Alerts;

/// <summary>The alerts' JSON API over Baby R's story: reading, acknowledging, closing, and refusals by field and by visibility.</summary>
[Collection(BabyRCollection.Name)]
public sealed class AlertApiTests(BabyRApp babyR)
{
    [Fact]
    public async Task A_childs_alerts_come_with_their_evidence_lessons_and_history()
    {
        var client = await babyR.SignInAsync(BabyRApp.SocialWorker);

        var alerts = JsonDocument.Parse(await client.GetStringAsync($"/api/children/{babyR.BabyR}/alerts")).RootElement;

        var injury = alerts.EnumerateArray().First(a => a.GetProperty("safeguardId").GetString() == "SG-01" && a.GetProperty("status").GetString() == "open");
        Assert.Equal("urgent", injury.GetProperty("severity").GetString());
        Assert.True(injury.GetProperty("overdue").GetBoolean());
        Assert.NotEmpty(injury.GetProperty("evidence").EnumerateArray());
        Assert.Contains(injury.GetProperty("lessons").EnumerateArray(), l => l.GetProperty("case").GetString() == "Baby R" && l.GetProperty("quote").GetString()!.Contains("6 days old", StringComparison.Ordinal));
        Assert.Equal("raised", injury.GetProperty("history")[0].GetProperty("type").GetString());
        Assert.Equal("open", alerts[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Acknowledging_through_the_api_answers_the_alert_and_closing_without_a_reason_is_refused_by_field()
    {
        var worker = await babyR.SignInAsync(BabyRApp.SocialWorker);
        var manager = await babyR.SignInAsync(BabyRApp.TeamManager);
        var acknowledge = (await babyR.OpenAlertsAsync("SG-08"))[0];
        var close = (await babyR.OpenAlertsAsync("SG-22"))[0];

        var acknowledged = await worker.PostAsJsonAsync($"/api/alerts/{acknowledge.Id}/acknowledge", new { });
        var refused = await manager.PostAsJsonAsync($"/api/alerts/{close.Id}/close", new { reason = "" });
        var byWorker = await worker.PostAsJsonAsync($"/api/alerts/{close.Id}/close", new { reason = "Not needed" });
        var closed = await manager.PostAsJsonAsync($"/api/alerts/{close.Id}/close", new { reason = "The case stays open; closure was not proposed" });

        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        Assert.Equal("acknowledged", JsonDocument.Parse(await acknowledged.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal("Enter why the alert is being closed without the action it asked for", errors.GetProperty("reason")[0].GetString());
        Assert.Equal(HttpStatusCode.Forbidden, byWorker.StatusCode);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal(AlertStatus.Closed, (await babyR.AlertAsync(close.Id)).Status);
    }

    [Fact]
    public async Task Resolving_an_alert_whose_action_is_not_on_record_is_refused_saying_what_is_still_asked_for()
    {
        var worker = await babyR.SignInAsync(BabyRApp.SocialWorker);
        var alert = (await babyR.OpenAlertsAsync("SG-03"))[0];

        var response = await worker.PostAsJsonAsync($"/api/alerts/{alert.Id}/resolve", new { });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").GetProperty("alertId")[0].GetString();
        Assert.StartsWith("What this alert asks for is not yet on record: ", message);
        Assert.Equal(AlertStatus.Open, (await babyR.AlertAsync(alert.Id)).Status);
    }

    [Fact]
    public async Task Someone_outside_the_team_gets_404_for_every_alert_endpoint_and_learns_nothing()
    {
        var outsider = await babyR.App.SignInAsync(babyR.OutsideGp);
        var alert = (await babyR.OpenAlertsAsync("SG-06"))[0];

        var responses = new[]
        {
            await outsider.GetAsync($"/api/children/{babyR.BabyR}/alerts"),
            await outsider.PostAsJsonAsync($"/api/alerts/{alert.Id}/acknowledge", new { }),
            await outsider.PostAsJsonAsync($"/api/alerts/{alert.Id}/resolve", new { }),
            await outsider.PostAsJsonAsync($"/api/alerts/{alert.Id}/close", new { reason = "Trying" }),
        };

        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("Baby R", await response.Content.ReadAsStringAsync());
        }
        Assert.Equal(AlertStatus.Open, (await babyR.AlertAsync(alert.Id)).Status);
        Assert.Empty(JsonDocument.Parse(await outsider.GetStringAsync("/api/alerts/mine")).RootElement.EnumerateArray());
        await using var db = babyR.App.OpenDb();
        var refusals = await db.AuditEntries.AsNoTracking().Where(a => a.Action == Chronicle.Core.Audit.AuditAction.Denied && a.Target == $"POST /api/alerts/{alert.Id}/acknowledge").ToListAsync();
        Assert.Equal(babyR.BabyR, Assert.Single(refusals).SubjectPersonId);
    }

    [Fact]
    public async Task My_alerts_through_the_api_are_the_ones_I_own_soonest_due_first()
    {
        var worker = await babyR.SignInAsync(BabyRApp.SocialWorker);
        var me = await babyR.ProfessionalAsync(BabyRApp.SocialWorker);

        var mine = JsonDocument.Parse(await worker.GetStringAsync("/api/alerts/mine")).RootElement.EnumerateArray().ToList();

        Assert.NotEmpty(mine);
        Assert.All(mine, a => Assert.Equal(me, a.GetProperty("ownerProfessionalId").GetGuid()));
        var due = mine.Select(a => a.GetProperty("dueAt").GetDateTimeOffset()).ToList();
        Assert.Equal(due.Order(), due);
    }
}

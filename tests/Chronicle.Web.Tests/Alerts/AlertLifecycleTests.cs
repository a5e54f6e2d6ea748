using System.Net;
using System.Net.Http.Json;
using Chronicle.Core.Time;
using Chronicle.Testing;
using Chronicle.Web.Alerts;
using Chronicle.Web.Hosting;
using Chronicle.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chronicle.Web.Tests.Alerts;

/// <summary>An alert's whole life through the API and the sweep, on SQLite and on PostgreSQL.</summary>
public sealed class AlertLifecycleTests
{
    private static readonly object Bruise = new { type = "bruise", site = "face", description = "Bruise on the left cheek", childMobility = "not-independently-mobile" };

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_injury_raises_an_alert_that_is_acknowledged_escalated_to_the_managers_alerts_and_closed_with_a_reason(Provider provider)
    {
        await using var app = await ChronicleApp.StartAsync(provider);
        var data = await ApiTestData.CreateAsync(app);
        var managerId = await app.CreateAsync(data.Admin, "/api/professionals", new { name = "Tess Manager", agencyId = data.AgencyId, role = "team-manager" });
        await using (var db = app.OpenDb())
        {
            (await db.Professionals.SingleAsync(p => p.Id == data.WorkerId)).ManagerId = managerId;
            await db.SaveChangesAsync();
        }
        var manager = await app.SignInAsync(await app.AddAccountAsync(managerId));

        var injury = await app.CreateAsync(data.Client, "/api/entries", data.Entry("injury", Bruise));
        var raised = Assert.Single((await ApiTestData.ReadAsync(await data.Client.GetAsync($"/api/children/{data.ChildId}/alerts"))).EnumerateArray());
        var id = raised.GetProperty("id").GetGuid();
        var acknowledged = await data.Client.PostAsJsonAsync($"/api/alerts/{id}/acknowledge", new { });
        var sweep = new AlertSweep(app.Services.GetRequiredService<IServiceScopeFactory>(), new Core.Safeguards.SafeguardEngine(new SimulatedClock(TimeProvider.System.GetUtcNow())),
            new SimulatedClock(TimeProvider.System.GetUtcNow()), app.Services.GetRequiredService<IConfiguration>(), app.Services.GetRequiredService<ILogger<AlertSweep>>());
        var pass = await sweep.RunOnceAsync(TestContext.Current.CancellationToken);
        var managers = (await ApiTestData.ReadAsync(await manager.GetAsync("/api/alerts/mine"))).EnumerateArray().ToList();
        var closed = await manager.PostAsJsonAsync($"/api/alerts/{id}/close", new { reason = "The medical was done at another hospital; the report is awaited" });

        Assert.Equal("SG-01", raised.GetProperty("safeguardId").GetString());
        Assert.Equal(injury, Assert.Single(raised.GetProperty("evidence").EnumerateArray()).GetProperty("entryId").GetGuid());
        Assert.Equal("Sam Worker", raised.GetProperty("owner").GetString());
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        Assert.Equal(1, pass.Escalated);
        var escalated = Assert.Single(managers);
        Assert.Equal(id, escalated.GetProperty("id").GetGuid());
        Assert.Equal("Tess Manager", escalated.GetProperty("escalatedTo").GetString());
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        var history = (await ApiTestData.ReadAsync(closed)).GetProperty("history").EnumerateArray()
            .Select(h => string.Join(' ', new[] { h.GetProperty("type").GetString(), h.TryGetProperty("by", out var by) ? "by " + by.GetString() : null, h.TryGetProperty("to", out var to) ? "to " + to.GetString() : null }.OfType<string>())).ToList();
        Assert.Equal(["raised", "acknowledged by Sam Worker", "escalated to Tess Manager", "closed by Tess Manager"], history);
        Assert.Empty((await ApiTestData.ReadAsync(await manager.GetAsync("/api/alerts/mine"))).EnumerateArray());
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_policy_change_is_recorded_with_who_and_when_and_refused_for_a_practitioner(Provider provider)
    {
        await using var app = await ChronicleApp.StartAsync(provider);
        var (worker, _, _, _) = await ApiTestData.WorkerAsync(app);
        var unit = await app.SignInAsync(await app.UserNameOfAsync(DemoAccounts.BusinessUnitOfficer));
        var before = TimeProvider.System.GetUtcNow();

        var refused = await worker.PutAsJsonAsync("/api/policy/SG-01.strategy-discussion", new { value = "after-appraisal", reason = "Our protocol" });
        var changed = await unit.PutAsJsonAsync("/api/policy/SG-01.strategy-discussion", new { value = "after-appraisal", reason = "The national panel's 2022 advice" });

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var change = await ApiTestData.ReadAsync(changed);
        Assert.Equal(DemoAccounts.BusinessUnitOfficer, change.GetProperty("changedBy").GetString());
        Assert.InRange(change.GetProperty("changedAt").GetDateTimeOffset(), before, TimeProvider.System.GetUtcNow());
        Assert.Equal("always", change.GetProperty("oldValue").GetString());
        var setting = (await ApiTestData.ReadAsync(await worker.GetAsync("/api/policy"))).EnumerateArray().Single(s => s.GetProperty("key").GetString() == "SG-01.strategy-discussion");
        Assert.Equal("after-appraisal", setting.GetProperty("value").GetString());
        Assert.False(setting.GetProperty("isDefault").GetBoolean());
        var sg01 = (await ApiTestData.ReadAsync(await worker.GetAsync("/api/safeguards"))).EnumerateArray().First();
        Assert.Equal("SG-01", sg01.GetProperty("id").GetString());
        Assert.Equal(Core.Safeguards.SafeguardCatalogue.All.Count, (await ApiTestData.ReadAsync(await worker.GetAsync("/api/safeguards"))).GetArrayLength());
    }
}

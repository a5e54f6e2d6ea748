using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Safeguards.Catalogue;
using Chronicle.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Tests.Alerts;

/// <summary>The safeguards catalogue pages and the partnership's policy: who may change it, and how a change is recorded.</summary>
public sealed class PolicyTests : IAsyncLifetime
{
    private const string SocialWorker = "Social worker (Family A)";
    private ChronicleApp _app = null!;

    public async ValueTask InitializeAsync() => _app = await ChronicleApp.StartAsync(Chronicle.Testing.Provider.Sqlite, ["family-a.json"]);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<HttpClient> SignInAsync(string professional) => await _app.SignInAsync(await _app.UserNameOfAsync(professional));

    private async Task<Guid> ProfessionalAsync(string name)
    {
        await using var db = _app.OpenDb();
        return await db.Professionals.Where(p => p.Name == name).Select(p => p.Id).SingleAsync();
    }

    [Fact]
    public async Task The_catalogue_lists_every_safeguard_and_explains_each_with_its_lessons_and_settings()
    {
        var client = await SignInAsync(SocialWorker);

        var list = await BabyRApp.OpenAsync(client, "/safeguards");
        var sg01 = await BabyRApp.OpenAsync(client, "/safeguards/SG-01");

        var rows = list.QuerySelectorAll("#safeguards tbody tr").ToList();
        Assert.Equal(SafeguardCatalogue.All.Count, rows.Count);
        Assert.Equal("SG-01: Injury to a non-mobile child", rows[0].QuerySelector("th")!.TextContent.Trim());
        Assert.Equal("1", list.GetElementById("row-SG-06")!.QuerySelectorAll("td")[2].TextContent.Trim());
        Assert.Equal("Injury to a non-mobile child", sg01.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("Safeguard: Injury to a non-mobile child – Chronicle", sg01.Title);
        Assert.StartsWith("An injury, bruise or mark is recorded on a child who is not independently mobile", sg01.GetElementById("fires-when")!.TextContent);
        Assert.Contains("When Baby R was 6 days old", sg01.GetElementById("lessons")!.NextElementSibling!.TextContent);
        var strategy = sg01.GetElementById("setting-SG-01.strategy-discussion")!;
        Assert.Contains("always", strategy.QuerySelectorAll("td")[0].TextContent);
        Assert.Contains("always", strategy.QuerySelectorAll("td")[1].TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/safeguards/SG-99")).StatusCode);
    }

    [Fact]
    public async Task The_business_unit_changes_a_setting_with_a_reason_and_the_change_is_recorded_with_who_and_when()
    {
        var unit = await SignInAsync(DemoAccounts.BusinessUnitOfficer);
        var key = $"SG-01.{NonMobileInjury.StrategyDiscussionMode.Key}";

        var noReason = await ChronicleApp.PostFormAsync(unit, $"/policy/{key}", new() { ["value"] = NonMobileInjury.AfterAppraisal, ["reason"] = "" });
        var notAChoice = await ChronicleApp.PostFormAsync(unit, $"/policy/{key}", new() { ["value"] = "sometimes", ["reason"] = "Testing" });
        var changed = await ChronicleApp.PostFormAsync(unit, $"/policy/{key}", new() { ["value"] = NonMobileInjury.AfterAppraisal, ["reason"] = "The partnership follows the national panel's 2022 advice" });

        var refusal = await BabyRApp.ParseAsync(noReason);
        Assert.Equal("Enter why the policy is changing", refusal.GetElementById("reason-error")!.TextContent.Replace("Error:", "").Trim());
        Assert.Contains("Choose one of: always, after-appraisal", (await BabyRApp.ParseAsync(notAChoice)).GetElementById("value-error")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal("/safeguards/SG-01?done=changed#settings", changed.Headers.Location?.OriginalString);
        Assert.Contains("The setting is changed", (await BabyRApp.OpenAsync(unit, "/safeguards/SG-01?done=changed")).QuerySelector(".govuk-notification-banner--success")!.TextContent);
        await using var db = _app.OpenDb();
        var change = await db.PolicyChanges.AsNoTracking().SingleAsync(c => c.Key == key);
        Assert.Equal(await ProfessionalAsync(DemoAccounts.BusinessUnitOfficer), change.ChangedByProfessionalId);
        Assert.Equal(NonMobileInjury.Always, change.OldValue);
        Assert.Equal(NonMobileInjury.AfterAppraisal, change.NewValue);
        var page = await BabyRApp.OpenAsync(unit, "/safeguards/SG-01");
        var history = page.QuerySelector(".app-policy-history tbody tr")!.TextContent;
        Assert.Contains(Chronicle.Web.Children.Display.Time(change.ChangedAt), history);
        Assert.Contains(DemoAccounts.BusinessUnitOfficer, history);
        Assert.Contains("national panel's 2022 advice", history);
        Assert.Contains(NonMobileInjury.AfterAppraisal, page.GetElementById($"setting-{key}")!.QuerySelectorAll("td")[0].TextContent);
    }

    [Fact]
    public async Task A_number_setting_takes_only_whole_numbers_through_the_api_and_a_practitioner_may_not_change_policy()
    {
        var unit = await SignInAsync(DemoAccounts.BusinessUnitOfficer);
        var worker = await SignInAsync(SocialWorker);
        var key = "SG-05.decide-within";

        var bad = await unit.PutAsJsonAsync($"/api/policy/{key}", new { value = "five", reason = "Testing" });
        // A number the calendar cannot count to (it once made every child page with an open clock fail) is refused too.
        var huge = await unit.PutAsJsonAsync($"/api/policy/SG-01.referral-within", new { value = "2147483647", reason = "Testing" });
        var byWorker = await worker.PutAsJsonAsync($"/api/policy/{key}", new { value = "3", reason = "Faster" });
        var workerPage = await worker.GetAsync($"/policy/{key}");
        var good = await unit.PutAsJsonAsync($"/api/policy/{key}", new { value = "3", reason = "Local protocol: three working days" });

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("Enter a whole number of working days from 0 to 2600",
            JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").GetProperty("value")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        Assert.Contains("from 0 to", JsonDocument.Parse(await huge.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").GetProperty("value")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, byWorker.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, workerPage.StatusCode);
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        var settings = JsonDocument.Parse(await worker.GetStringAsync("/api/policy")).RootElement;
        var setting = settings.EnumerateArray().Single(s => s.GetProperty("key").GetString() == key);
        Assert.Equal("3", setting.GetProperty("value").GetString());
        Assert.Equal("5", setting.GetProperty("defaultValue").GetString());
        Assert.Equal(DemoAccounts.BusinessUnitOfficer, setting.GetProperty("lastChange").GetProperty("changedBy").GetString());
        await using var db = _app.OpenDb();
        Assert.Single(await db.PolicyChanges.AsNoTracking().Where(c => c.Key == key).ToListAsync());
    }
}

using AngleSharp.Dom;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Security;
using Chronicle.Testing;
using Chronicle.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Chronicle.Web.Tests.Api.TeamApp;

namespace Chronicle.Web.Tests.Alerts;

/// <summary>
/// An alert is only ever in the trays, lists and counts of those who may see its child now: an owner who may not
/// (yet) open the child's record has it nowhere, and it is with a manager who may see the child until the owner can.
/// </summary>
public sealed class AlertOwnerAccessTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_alert_whose_owner_may_not_see_the_child_is_with_a_manager_who_may_until_the_owner_can(Provider provider)
    {
        await using var t = await StartAsync(provider);
        var police = await t.AsAsync(PoliceOfficer);
        var manager = await t.AsAsync(TeamManager);
        var alert = await OwnedByThePoliceOfficerAsync(t);

        // The police officer is not in the child's team: the alert is nowhere in their work, not even as a number.
        Assert.DoesNotContain(alert, await MineAsync(police));
        var home = await BabyRApp.OpenAsync(police, "/");
        Assert.Null(home.GetElementById($"tray-alert-{alert}"));
        Assert.Equal("0", home.QuerySelector("#tray-counts .app-tray-counts__number")!.TextContent.Trim());
        Assert.DoesNotContain("can no longer see", home.Body!.TextContent);
        Assert.DoesNotContain("can no longer see", (await BabyRApp.OpenAsync(police, "/alerts/mine")).Body!.TextContent);
        // The team manager may see the child (they manage its social worker): it is in their tray, not in the police
        // officer's figures, whom they also manage.
        Assert.Contains(alert, await MineAsync(manager));
        home = await BabyRApp.OpenAsync(manager, "/");
        Assert.NotNull(home.GetElementById($"tray-alert-{alert}"));
        Assert.Equal("0", OpenAlertsOf(home, PoliceOfficer));
        var card = (await BabyRApp.OpenAsync(manager, "/alerts/mine")).GetElementById($"alert-group-{alert}")!;
        Assert.StartsWith("No one who may see the child owns it", BabyRApp.Row(card, "Why it is yours"));

        // The police officer comes to manage the health visitor, who is in the child's team: they may see the child
        // now, and the alert is theirs, no longer the manager's to pick up. (Nothing is recorded about the child, so
        // the safeguards do not evaluate it again: the alert stays as it was raised.)
        await using (var db = t.App.OpenDb())
        {
            (await db.Professionals.SingleAsync(p => p.Id == t.Id(HealthVisitor))).ManagerId = t.Id(PoliceOfficer);
            foreach (var account in await db.UserAccounts.Where(a => a.ProfessionalId == t.Id(PoliceOfficer)).ToListAsync())
                account.Roles = $"{account.Roles},{nameof(Role.TeamManager)}";
            await db.SaveChangesAsync();
        }
        Assert.Contains(alert, await MineAsync(police));
        Assert.NotNull((await BabyRApp.OpenAsync(police, "/")).GetElementById($"tray-alert-{alert}"));
        Assert.DoesNotContain(alert, await MineAsync(manager));
        Assert.Equal("1", OpenAlertsOf(await BabyRApp.OpenAsync(manager, "/"), PoliceOfficer));
    }

    /// <summary>An open alert about the child owned by the police officer, whom the team manager also manages.</summary>
    private static async Task<Guid> OwnedByThePoliceOfficerAsync(TeamApp t)
    {
        var now = t.App.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        await using var db = t.App.OpenDb();
        var officer = await db.Professionals.SingleAsync(p => p.Id == t.Id(PoliceOfficer));
        officer.ManagerId = t.Id(TeamManager);
        var alert = new Alert
        {
            Id = Guid.NewGuid(), PartnershipId = officer.PartnershipId, SafeguardId = SafeguardCatalogue.All[0].Id, SafeguardVersion = 1,
            SubjectPersonId = t.Child, CauseKey = "owner-access", Severity = Severity.Action, Summary = "A cause for the police to act on",
            AskFor = "Act on it", OwnerProfessionalId = officer.Id, RaisedAt = now, DueAt = now.AddDays(2), Status = AlertStatus.Open,
        };
        db.Alerts.Add(alert);
        await db.SaveChangesAsync();
        return alert.Id;
    }

    private static async Task<List<Guid>> MineAsync(HttpClient client) =>
        [.. (await OkAsync(await client.GetAsync("/api/alerts/mine"))).EnumerateArray().Select(a => a.GetProperty("id").GetGuid())];

    /// <summary>The open alerts a manager's team table counts for one of the people they manage.</summary>
    private static string OpenAlertsOf(IDocument home, string name) =>
        home.QuerySelectorAll("#tray-team .govuk-table__row").Single(r => r.Children[0].TextContent.Trim() == name).Children[2].TextContent.Trim();
}

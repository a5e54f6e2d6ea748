using Chronicle.Core.Safeguards;
using Chronicle.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Chronicle.Web.Tests.Browser.Axe;

namespace Chronicle.Web.Tests.Browser;

/// <summary>
/// Emily's social worker works her alerts in real headless Chromium: the work tray, Emily's summary (a short table of
/// alerts, not a wall of cards), My alerts filtered through its form, an escalation refused without a reason and
/// then made, and an acknowledgement, each confirmed. axe-core runs on every page visited.
/// </summary>
public sealed class AlertsBrowserTests : IAsyncLifetime
{
    private const string SocialWorker = "Social worker (Emily's family)";
    private ChronicleApp _app = null!;
    private HeadlessChromium _chromium = null!;
    private readonly List<string> _problems = [];

    public async ValueTask InitializeAsync()
    {
        _app = await ChronicleApp.StartAsync(Provider.Sqlite, ["scenarios/emily.json"], kestrel: true);
        _chromium = await HeadlessChromium.LaunchAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _chromium.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_social_worker_filters_her_alerts_escalates_one_with_a_reason_and_acknowledges_another_without_leaving_the_list()
    {
        Guid emily, alertId;
        string safeguard;
        await using (var db = _app.OpenDb())
        {
            emily = await db.People.Where(p => p.KnownAs == "Emily").Select(p => p.Id).SingleAsync();
            var me = await db.Professionals.Where(p => p.Name == SocialWorker).Select(p => p.Id).SingleAsync();
            var alert = await db.Alerts.Where(a => a.SubjectPersonId == emily && a.OwnerProfessionalId == me && a.EscalatedToProfessionalId == null && a.Status == AlertStatus.Open)
                .OrderBy(a => a.Id).FirstAsync();
            (alertId, safeguard) = (alert.Id, alert.SafeguardId);
        }
        var page = await _chromium.SignInAsync(_app.ServerAddress, await _app.UserNameOfAsync(SocialWorker), SocialWorker, _problems);
        await Assertions.Expect(page.Locator("#my-reminders")).ToBeVisibleAsync();
        await AssertAccessibleAsync(page);
        await page.Locator("#reminders-link").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Reminders about your children", Level = 1 })).ToBeVisibleAsync();
        await AssertAccessibleAsync(page);

        await page.GotoAsync(new Uri(_app.ServerAddress, $"/children/{emily}").ToString());
        Assert.InRange(await page.Locator("#open-alerts tbody tr").CountAsync(), 1, Chronicle.Web.Pages.Children.ChildModel.Shown);
        await Assertions.Expect(page.Locator(".app-alert")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#reminders")).ToBeVisibleAsync();
        await AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "My alerts", Exact = true }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My alerts", Level = 1 })).ToBeVisibleAsync();
        await AssertAccessibleAsync(page);
        await page.GetByLabel("Only overdue").CheckAsync();
        await page.GetByLabel("Child", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Emily" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Show the alerts" }).ClickAsync();
        Assert.Contains("overdue=true", page.Url, StringComparison.Ordinal);
        Assert.Contains($"child={emily}", page.Url, StringComparison.Ordinal);
        await AssertAccessibleAsync(page);

        await page.GetByLabel("Safeguard", new() { Exact = true }).SelectOptionAsync(safeguard);
        await page.GetByLabel("Only overdue").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Show the alerts" }).ClickAsync();
        var card = page.Locator(".app-alert-group", new() { Has = page.Locator($"input[value='{alertId}']") }).First;
        await card.Locator("summary", new() { HasText = "Escalate to the owner's manager" }).ClickAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "Escalate" }).ClickAsync();
        var summary = page.Locator(".govuk-error-summary");
        await Assertions.Expect(summary).ToBeVisibleAsync();
        await Assertions.Expect(summary).ToContainTextAsync($"Enter why {SafeguardCatalogue.Find(safeguard)!.Title} about Emily");
        await AssertAccessibleAsync(page);

        await summary.GetByRole(AriaRole.Link).First.ClickAsync();
        await page.Keyboard.TypeAsync("The referral has had no decision for a week");
        await page.Locator(".app-alert-group", new() { Has = page.Locator($"input[value='{alertId}']") }).First.GetByRole(AriaRole.Button, new() { Name = "Escalate" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("Alert escalated to the owner's manager");
        await Assertions.Expect(page.Locator(".app-alert-group", new() { Has = page.Locator($"input[value='{alertId}']") }).First).ToContainTextAsync("escalated to");
        await AssertAccessibleAsync(page);

        await page.GotoAsync(new Uri(_app.ServerAddress, "/alerts/mine?status=new").ToString());
        var first = page.Locator(".app-alert-group").First;
        var title = await first.Locator(".govuk-summary-card__title").TextContentAsync();
        await first.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("Alert acknowledged");
        Assert.Contains("status=new", page.Url, StringComparison.Ordinal);
        await AssertAccessibleAsync(page);
        Assert.False(string.IsNullOrWhiteSpace(title));
        Assert.Empty(_problems);
    }
}

using System.Text.RegularExpressions;
using Chronicle.Testing;
using Chronicle.Web.Tests.Browser;
using Microsoft.Playwright;

namespace Chronicle.Web.Tests.Alerts;

/// <summary>
/// Real headless Chromium against the app on a loopback port with the demo partnership loaded as the Run command loads it:
/// a professional opens Baby R and finds the open alerts first, with their evidence and lessons, and acknowledges one.
/// </summary>
public sealed partial class AlertBrowserTests : IAsyncLifetime
{
    private ChronicleApp _app = null!;
    private HeadlessChromium _chromium = null!;
    private IBrowserContext _browser = null!;

    public async ValueTask InitializeAsync()
    {
        // Every scenario the Run command loads into the demo partnership, so that this is Baby R as the running app shows her.
        var scenarios = Directory.GetFiles(RepositoryFiles.Path("scenarios"), "*.json").Select(f => $"scenarios/{Path.GetFileName(f)}").ToArray();
        Assert.Contains("scenarios/baby-r.json", scenarios);
        _app = await ChronicleApp.StartAsync(Provider.Sqlite, scenarios, kestrel: true);
        _chromium = await HeadlessChromium.LaunchAsync();
        _browser = _chromium.Browser;
    }

    public async ValueTask DisposeAsync()
    {
        await _chromium.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_professional_opens_Baby_R_sees_the_open_alerts_first_with_evidence_and_lesson_and_acknowledges_one()
    {
        var page = await _browser.NewPageAsync().WaitAsync(TimeSpan.FromSeconds(60));
        var problems = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") problems.Add(message.Text); };
        page.PageError += (_, error) => problems.Add(error);

        await page.GotoAsync(new Uri(_app.ServerAddress, "/").ToString());
        await page.GetByLabel("User name").FillAsync(await _app.UserNameOfAsync(BabyRApp.SocialWorker));
        await page.GetByLabel("Password").FillAsync(Chronicle.Web.Hosting.DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Baby R", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Baby R", Level = 1 })).ToBeVisibleAsync();
        var heading = page.GetByRole(AriaRole.Heading, new() { NameRegex = OpenAlertsHeading() });
        await Assertions.Expect(heading).ToBeVisibleAsync();
        var alertsTop = (await heading.BoundingBoxAsync())!.Y;
        var teamTop = (await page.Locator("#team").BoundingBoxAsync())!.Y;
        Assert.True(alertsTop < teamTop, "the open alerts come before the rest of the summary");
        await Assertions.Expect(page.Locator("#open-alerts tbody tr a[href^='/alerts/']").First).ToBeVisibleAsync();

        await page.Locator("#child-navigation").GetByRole(AriaRole.Link, new() { Name = "Alerts" }).ClickAsync();
        var injury = page.Locator(".app-alert", new() { Has = page.Locator(".app-alert--open", new() { HasText = "Injury to a non-mobile child" }) }).First;
        await Assertions.Expect(injury).ToContainTextAsync("When Baby R was 6 days old a midwife noticed a bruise on the baby's face.");
        await Assertions.Expect(injury).ToContainTextAsync("From the review of Baby R: ");
        await Assertions.Expect(injury.Locator(".app-alert__evidence a").First).ToBeVisibleAsync();
        await injury.Locator(".app-alert__evidence a").First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/chronology\\?entry=.*#entry-"));
        var target = page.Url[(page.Url.IndexOf('#') + 1)..];
        await Assertions.Expect(page.Locator($"#{target}")).ToBeVisibleAsync();
        await page.GoBackAsync();

        var first = page.Locator("#alerts > .app-alert").First;
        var id = (await first.GetAttributeAsync("id"))!;
        var title = (await first.Locator(".govuk-summary-card__title").TextContentAsync())!.Trim();
        await first.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"#{id}$"));
        var acknowledged = page.Locator($"#acknowledged-alerts #{id}");
        await Assertions.Expect(acknowledged).ToHaveCountAsync(1);
        await page.Locator("#acknowledged-alerts summary").ClickAsync();
        await Assertions.Expect(acknowledged).ToContainTextAsync(title);
        await Assertions.Expect(acknowledged).ToContainTextAsync($"Acknowledged");
        await Assertions.Expect(acknowledged.Locator(".app-alert__history")).ToContainTextAsync($"by {BabyRApp.SocialWorker}");
        await Assertions.Expect(page.Locator($"#alerts > #{id}")).ToHaveCountAsync(0);
        Assert.Empty(problems);

        // On the alert's own page, what to do and its buttons are in the first screen, above the evidence and the lesson.
        await page.GotoAsync(new Uri(_app.ServerAddress, $"/alerts/{id["alert-".Length..]}").ToString());
        var actions = await page.Locator(".app-alert__actions").BoundingBoxAsync();
        Assert.True(actions is not null && actions.Y + actions.Height <= page.ViewportSize!.Height,
            $"the alert's buttons are in the first screen (their bottom at {actions?.Y + actions?.Height}px of {page.ViewportSize!.Height}px)");

        var screenshot = Path.Combine(Path.GetTempPath(), "chronicle-browser-alerts.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = false });
        TestContext.Current.SendDiagnosticMessage($"Screenshot of Baby R's alerts: {screenshot}");
    }

    [GeneratedRegex(@"^Open alerts \(\d+\)$")]
    private static partial Regex OpenAlertsHeading();
}

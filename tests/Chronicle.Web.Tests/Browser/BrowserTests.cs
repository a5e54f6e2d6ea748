using Chronicle.Testing;
using Microsoft.Playwright;

namespace Chronicle.Web.Tests.Browser;

/// <summary>
/// Real headless Chromium (Debian's, at /usr/bin/chromium) against the app listening on a loopback port, over the
/// demo partnership loaded from Family A.
/// </summary>
public sealed class BrowserTests : IAsyncLifetime
{
    private ChronicleApp _app = null!;
    private HeadlessChromium _chromium = null!;
    private IBrowserContext _browser = null!;

    public async ValueTask InitializeAsync()
    {
        _app = await ChronicleApp.StartAsync(Provider.Sqlite, ["family-a.json"], kestrel: true);
        _chromium = await HeadlessChromium.LaunchAsync();
        _browser = _chromium.Browser;
    }

    public async ValueTask DisposeAsync()
    {
        await _chromium.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_worker_opens_a_child_from_the_list_and_sees_the_chronology_and_the_correction()
    {
        var page = await _browser.NewPageAsync().WaitAsync(TimeSpan.FromSeconds(60));
        var problems = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") problems.Add(message.Text); };
        page.PageError += (_, error) => problems.Add(error);

        await SignInAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your work", Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Child A" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Child A", Level = 1 })).ToBeVisibleAsync();
        await page.Locator("#child-navigation").GetByRole(AriaRole.Link, new() { Name = "Chronology" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Chronology" })).ToBeVisibleAsync();
        var corrected = page.Locator(".app-entry--superseded");
        await Assertions.Expect(corrected).ToContainTextAsync("Reason: The sample was insufficient");
        // Each entry is one row; its details open from it.
        await corrected.Locator("summary").ClickAsync();
        await corrected.GetByRole(AriaRole.Link, new() { Name = "See the correction" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#entry-"));
        await Assertions.Expect(page.Locator(".app-entry", new() { HasText = "Corrects an earlier entry" })).ToContainTextAsync("Inconclusive (no result: not negative)");

        // GOV.UK Frontend's stylesheet, fonts and script loaded under the content security policy.
        Assert.Equal("rgb(11, 12, 12)", await page.Locator("h1").EvaluateAsync<string>("e => getComputedStyle(e).color"));
        Assert.Contains("govuk-frontend-supported", await page.Locator("body").GetAttributeAsync("class") ?? "");
        Assert.Empty(problems);

        // One file, replaced by each run, for a person to look at; never committed.
        var screenshot = Path.Combine(Path.GetTempPath(), "chronicle-browser-child-page.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        Assert.True(new FileInfo(screenshot).Length > 10_000);
        TestContext.Current.SendDiagnosticMessage($"Screenshot of the child page: {screenshot}");
    }

    [Fact]
    public async Task Filtering_the_chronology_by_kind_in_the_browser()
    {
        var page = await _browser.NewPageAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await SignInAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Child A" }).ClickAsync();
        await page.Locator("#child-navigation").GetByRole(AriaRole.Link, new() { Name = "Chronology" }).ClickAsync();

        // The filter is folded away until asked for, so the entries start on the first screen.
        await Assertions.Expect(page.GetByLabel("Kind of entry")).ToBeHiddenAsync();
        await page.GetByText("Filter by agency, kind, significance or date").ClickAsync();
        await page.GetByLabel("Kind of entry").SelectOptionAsync(new SelectOptionValue { Label = "Test result" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter the chronology" }).ClickAsync();

        await Assertions.Expect(page.Locator(".app-entry")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#chronology-count")).ToContainTextAsync("2 entries match the filter");
        await Assertions.Expect(page.GetByLabel("Kind of entry")).ToBeVisibleAsync();
    }

    /// <summary>Opens Chronicle, which asks for sign-in, and signs in as Child A's social worker.</summary>
    private async Task SignInAsync(IPage page)
    {
        await page.GotoAsync(new Uri(_app.ServerAddress, "/").ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to Chronicle" })).ToBeVisibleAsync();
        await page.GetByLabel("User name").FillAsync(await _app.UserNameOfAsync("Social worker (Family A)"));
        await page.GetByLabel("Password").FillAsync(Chronicle.Web.Hosting.DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }
}

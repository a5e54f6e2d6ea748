using Chronicle.Core.Learning;
using Chronicle.Testing;
using Chronicle.Web.Hosting;
using Chronicle.Web.Learning;
using Chronicle.Web.Tests.Browser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Chronicle.Web.Tests.Learning;

/// <summary>
/// Real headless Chromium against the app on a loopback port, over the demo partnership with Child BF's story and
/// the five seed reviews, signed in as the business unit officer.
/// </summary>
public sealed class LearningBrowserTests : IAsyncLifetime
{
    private ChronicleApp _app = null!;
    private HeadlessChromium _chromium = null!;
    private IBrowserContext _browser = null!;

    public async ValueTask InitializeAsync()
    {
        _app = await ChronicleApp.StartAsync(Provider.Sqlite, ["scenarios/child-bf.json"], kestrel: true);
        _chromium = await HeadlessChromium.LaunchAsync();
        _browser = _chromium.Browser;
    }

    public async ValueTask DisposeAsync()
    {
        await _chromium.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_seed_review_shows_its_findings_safeguards_and_live_figures_and_its_briefing_prints_in_seven_sections()
    {
        var page = await _browser.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") problems.Add(message.Text); };
        page.PageError += (_, error) => problems.Add(error);
        page.Response += (_, response) => { if (response.Status >= 400) problems.Add($"{response.Status} {response.Url}"); };
        await SignInAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Learning", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Learning", Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Serious Case Review in relation to Child BF" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Serious Case Review in relation to Child BF", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#findings .app-item__number").First).ToHaveTextAsync("BF1");
        await Assertions.Expect(page.Locator("#findings .app-item")).ToHaveCountAsync(7);
        Assert.True(await page.Locator("#lessons a.app-safeguard").CountAsync() > 0);
        await Assertions.Expect(page.Locator("#impact-figures")).ToBeVisibleAsync();
        // The figures say what they count: practice since the review, not the replay of Child BF's case years before.
        await Assertions.Expect(page.Locator("#impact-period")).ToContainTextAsync("since this review was recorded in Chronicle");
        await Assertions.Expect(page.Locator("#no-trend")).ToBeVisibleAsync();
        await Screenshot(page, "chronicle-browser-review-page.png");
        await page.Locator("#impact").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "chronicle-browser-review-figures.png") });

        await page.GetByRole(AriaRole.Link, new() { Name = "Learning briefing" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "What we have learnt" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Printable version" }).ClickAsync();
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(page.Locator(".app-briefing h2")).ToHaveTextAsync([.. Chronicle.Web.Learning.Briefing.Headings]);
        await Assertions.Expect(page.Locator(".govuk-service-navigation")).ToHaveCountAsync(0);
        // Print CSS writes each link's address after it.
        var after = await page.Locator("#feedback a").EvaluateAsync<string>("a => getComputedStyle(a, '::after').content");
        Assert.Contains("/learning/reviews/", after);
        var pdf = await page.PdfAsync(new() { Format = "A4", Path = Path.Combine(Path.GetTempPath(), "chronicle-briefing.pdf") });
        Assert.True(pdf.Length > 10_000);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task Importing_a_seed_document_through_the_upload_page_shows_the_recurrence_panel_and_confirming_creates_the_review()
    {
        var page = await _browser.NewPageAsync();
        await SignInAsync(page);
        var seed = SeedLibrary.All.Single(s => s.File.StartsWith("001", StringComparison.Ordinal));
        var file = Path.Combine(Path.GetTempPath(), $"chronicle-import-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(file, seed.Text);
        try
        {
            await page.GotoAsync(new Uri(_app.ServerAddress, "/learning/import").ToString());
            await page.GetByLabel("Upload a text file").SetInputFilesAsync(file);
            await page.GetByRole(AriaRole.Button, new() { Name = "Read the document" }).ClickAsync();
        }
        finally
        {
            File.Delete(file);
        }

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Recurrence" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#recurrence")).ToContainTextAsync(seed.Brief.Title);
        await Assertions.Expect(page.Locator(".app-mirrors").First).ToContainTextAsync("This mirrors an earlier review");
        await Assertions.Expect(page.Locator("#suggested-themes")).ToContainTextAsync("Because the document says");
        await Screenshot(page, "chronicle-browser-draft-review.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "chronicle-browser-draft-top.png") });

        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm and create the review" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = seed.Brief.Title, Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".govuk-summary-list").First).ToContainTextAsync("In progress");
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to learning" }).ClickAsync();
        await Assertions.Expect(page.Locator("#reviews").GetByRole(AriaRole.Link, new() { Name = seed.Brief.Title })).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task Evidence_refused_lists_every_problem_in_the_order_of_the_fields_and_once_added_the_action_confirms_it()
    {
        var page = await _browser.NewPageAsync();
        await SignInAsync(page);
        // The demo's seed reviews are loaded once the app has started: wait for Child BF's.
        Guid? action = null;
        for (var tries = 0; action is null && tries < 60; tries++)
        {
            await using var db = _app.OpenDb();
            action = await db.ResponseActions.Where(a => db.Reviews.Any(r => r.Id == a.ReviewId && r.SourceDocument == "004_74f6bd7529b317a6.txt" && r.Status != ReviewStatus.Draft))
                .OrderBy(a => a.Id).Select(a => (Guid?)a.Id).FirstOrDefaultAsync();
            if (action is null) await Task.Delay(500);
        }
        Assert.NotNull(action);
        await page.GotoAsync(new Uri(_app.ServerAddress, $"/learning/actions/{action}").ToString());

        await page.GetByLabel("What the evidence shows").FillAsync(new string('x', 20_001));
        await page.GetByLabel("Date of the evidence").FillAsync("31/2/2021");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add evidence" }).ClickAsync();

        await Assertions.Expect(page.Locator(".govuk-error-summary a")).ToHaveTextAsync([
            "Select the kind of evidence",
            "What the evidence shows must be 20,000 characters or fewer",
            "The date of the evidence must be a real date, like 27/1/2015",
        ]);
        await Axe.AssertAccessibleAsync(page);

        await page.GetByLabel("Kind of evidence").SelectOptionAsync(new SelectOptionValue { Label = LearningLabels.Of(EvidenceKind.StaffSurvey) });
        await page.GetByLabel("What the evidence shows").FillAsync("82% of staff know the bruising protocol");
        await page.GetByLabel("Date of the evidence").FillAsync("1/3/2021");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add evidence" }).ClickAsync();

        await Assertions.Expect(page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("The evidence is added to the action");
        await Assertions.Expect(page.Locator(".govuk-summary-list")).ToContainTextAsync("82% of staff know the bruising protocol");
        await Axe.AssertAccessibleAsync(page);
        await Screenshot(page, "chronicle-browser-evidence-added.png");
    }

    private static async Task Screenshot(IPage page, string name)
    {
        // One file per view, replaced by each run, for a person to look at; never committed.
        var path = Path.Combine(Path.GetTempPath(), name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.Current.SendDiagnosticMessage($"Screenshot: {path}");
    }

    private async Task SignInAsync(IPage page)
    {
        await page.GotoAsync(new Uri(_app.ServerAddress, "/").ToString());
        await page.GetByLabel("User name").FillAsync(await _app.UserNameOfAsync(DemoAccounts.BusinessUnitOfficer));
        await page.GetByLabel("Password").FillAsync(DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Learning", Exact = true })).ToBeVisibleAsync();
    }
}

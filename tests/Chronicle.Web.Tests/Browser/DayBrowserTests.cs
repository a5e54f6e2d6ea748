using Microsoft.Playwright;
using static Chronicle.Web.Tests.Api.TeamApp;
using static Chronicle.Web.Tests.Browser.Axe;

namespace Chronicle.Web.Tests.Browser;

/// <summary>
/// A practitioner's day in real headless Chromium over Family T: the work tray each role lands on, and the child's
/// record opening on who the child is and what to do, in the first screen. axe-core runs on every page visited.
/// </summary>
public sealed class DayBrowserTests : TeamInChromium
{
    [Fact]
    public async Task A_social_worker_lands_on_the_work_tray_and_opens_a_child_whose_first_screen_says_who_she_is()
    {
        var page = await SignInAsync(SocialWorker);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your work", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#tray-counts")).ToContainTextAsync("to acknowledge");
        await Assertions.Expect(page.Locator("#tray-children")).ToContainTextAsync("Child T");
        await Assertions.Expect(page.Locator("#team-caseload")).ToHaveCountAsync(0);
        await AssertAccessibleAsync(page);

        await page.Locator("#tray-children").GetByRole(AriaRole.Link, new() { Name = "Child T" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Child T", Level = 1 })).ToBeVisibleAsync();
        foreach (var selector in new[] { "#child-name", "#banner-birth", "#banner-nhs", "#banner-address", "#banner-status", "#banner-lead", "#record-entry", "#child-navigation" })
            await AssertInFirstScreenAsync(page, selector);
        await Assertions.Expect(page.Locator("#banner-lead")).ToContainTextAsync(SocialWorker);
        await AssertAccessibleAsync(page);

        foreach (var view in new[] { "Chronology", "People and household", "Alerts", "Plans", "Meetings" })
        {
            await page.Locator("#child-navigation").GetByRole(AriaRole.Link, new() { Name = view, Exact = true }).ClickAsync();
            await Assertions.Expect(page.Locator("#child-navigation [aria-current=page]")).ToHaveTextAsync(view);
            await AssertInFirstScreenAsync(page, "#child-name");
            // The banner is compact on every view but the summary: the view's own content starts in the first screen.
            await Assertions.Expect(page.Locator("#banner-lead")).ToHaveCountAsync(0);
            await AssertInFirstScreenAsync(page, "#child-navigation ~ *");
            if (view == "Chronology") await AssertInFirstScreenAsync(page, "#chronology-entries tbody tr:first-child");
            await AssertAccessibleAsync(page);
        }
        Assert.Empty(Problems);
    }

    [Fact]
    public async Task A_team_manager_lands_on_the_teams_caseload_and_what_is_overdue()
    {
        var page = await SignInAsync(TeamManager);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your work", Level = 1 })).ToBeVisibleAsync();
        var row = page.Locator("#tray-team tbody tr", new() { HasText = SocialWorker });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        // The social worker works with Child T: the caseload names the child, a link to the child's record.
        await Assertions.Expect(row.Locator("td").First.GetByRole(AriaRole.Link)).ToHaveTextAsync(["Child T"]);
        await row.Locator("td").First.GetByRole(AriaRole.Link, new() { Name = "Child T" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Child T", Level = 1 })).ToBeVisibleAsync();
        await page.GoBackAsync();
        await Assertions.Expect(page.Locator("#escalations")).ToBeVisibleAsync();
        await AssertAccessibleAsync(page);
        Assert.Empty(Problems);
    }

    private static async Task AssertInFirstScreenAsync(IPage page, string selector)
    {
        var box = await page.Locator(selector).First.BoundingBoxAsync();
        Assert.True(box is not null, $"{selector} is on the page");
        Assert.True(box!.Y + box.Height <= page.ViewportSize!.Height, $"{selector} is in the first screen (its bottom at {box.Y + box.Height}px)");
    }
}

using Chronicle.Testing;
using Chronicle.Web.Hosting;
using Chronicle.Web.Tests.Api;
using Chronicle.Web.Tests.Browser;
using Microsoft.Playwright;
using static Chronicle.Web.Tests.Api.TeamApp;

namespace Chronicle.Web.Tests.Recording;

/// <summary>
/// Recording an entry through the page in real headless Chromium (Debian's, at /usr/bin/chromium) against the app on
/// a loopback port, over Family T: what one agency records reaches another agency's inbox.
/// </summary>
public sealed class RecordingBrowserTests : TeamInChromium
{
    [Fact]
    public async Task An_entry_recorded_through_the_page_by_one_agency_is_acknowledged_in_another_agencys_inbox()
    {
        var page = await SignInAsync(HealthVisitor);
        await page.GetByRole(AriaRole.Link, new() { Name = "Child T" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Record an entry" }).ClickAsync();
        await page.GetByLabel("Observation", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.GetByLabel("When it happened", new() { Exact = true }).FillAsync("10/2/2015 10:30");
        await page.GetByLabel("I saw or heard it myself").CheckAsync();
        await page.GetByLabel("Topic").SelectOptionAsync(new SelectOptionValue { Label = "Home conditions" });
        await page.GetByLabel("Text", new() { Exact = true }).FillAsync("No heating in the baby's room; mother says the boiler broke last week");
        await page.GetByLabel("Significant", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the entry" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/children/{Team.Child}/chronology\\?entry=.*#entry-"));
        await Assertions.Expect(page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("Entry recorded");
        var entry = page.Locator(".app-entry", new() { HasText = "No heating in the baby's room" });
        await Assertions.Expect(entry).ToContainTextAsync("Seen by the recorder");
        await Assertions.Expect(entry).ToContainTextAsync("Testshire Health Visiting");
        // From the confirmation, another entry, or back to the child's summary.
        await Assertions.Expect(page.Locator(".govuk-notification-banner--success").GetByRole(AriaRole.Link, new() { Name = "go back to Child T's summary" })).ToBeVisibleAsync();
        await page.Locator(".govuk-notification-banner--success").GetByRole(AriaRole.Link, new() { Name = "Record another entry" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Home visit", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Police protection (s46)", new() { Exact = true })).ToBeHiddenAsync();
        await page.Locator("#other-kinds summary").ClickAsync();
        await Assertions.Expect(page.GetByLabel("Police protection (s46)", new() { Exact = true })).ToBeVisibleAsync();
        await SignOutAsync(page);

        page = await SignInAsync(SocialWorker);
        await page.GetByRole(AriaRole.Link, new() { Name = "Inbox" }).ClickAsync();
        var item = page.Locator(".app-inbox-item", new() { HasText = "Observation about Child T" });
        await Assertions.Expect(item).ToContainTextAsync($"recorded by {HealthVisitor}");
        await Assertions.Expect(item).ToContainTextAsync("No heating in the baby's room");
        await item.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("Acknowledged");
        // The inbox opens on what still needs acknowledging; every item, the acknowledged among them, is a filter away.
        await page.GotoAsync(new Uri(new Uri(page.Url), "/inbox?filter=all").ToString());
        await Assertions.Expect(page.Locator(".app-inbox-line", new() { HasText = "Observation about Child T" })).ToContainTextAsync("Acknowledged");
        Assert.Empty(Problems);
    }

    [Fact]
    public async Task A_home_visit_is_chosen_among_the_agencys_kinds_defaults_to_today_and_says_what_is_missing_in_the_childs_name()
    {
        var page = await SignInAsync(HealthVisitor);
        await page.GetByRole(AriaRole.Link, new() { Name = "Child T" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Record an entry" }).ClickAsync();
        await Axe.AssertAccessibleAsync(page);
        await page.GetByLabel("Home visit", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Axe.AssertAccessibleAsync(page);
        await Assertions.Expect(page.GetByLabel("When it happened", new() { Exact = true })).Not.ToHaveValueAsync("");
        await Assertions.Expect(page.GetByLabel("I saw or heard it myself")).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("The year only")).ToBeHiddenAsync();
        await page.GetByLabel("Observations (optional)").FillAsync("Home warm; baby settled in her cot");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the entry" }).ClickAsync();

        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Select whether Child T was seen");
        await Axe.AssertAccessibleAsync(page);
        await page.Locator("fieldset", new() { HasText = "Was Child T seen?" }).First.GetByLabel("Yes", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the entry" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("Entry recorded");
        await Assertions.Expect(page.Locator(".app-entry", new() { HasText = "Home warm; baby settled in her cot" })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page);
        Assert.Empty(Problems);
    }
}

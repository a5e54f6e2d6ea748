using Chronicle.Core.Identity;
using Chronicle.Core.Security;
using Chronicle.Web.Tests.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Chronicle.Web.Tests.Browser.Axe;

namespace Chronicle.Web.Tests.Browser;

/// <summary>The front door's review queue and one review in real headless Chromium, with axe-core on each page.</summary>
public sealed class IdentityReviewBrowserTests
{

    [Fact]
    public async Task The_front_door_opens_the_queue_compares_a_masked_candidate_and_decides_on_accessible_pages()
    {
        var w = await ReviewQueueTests.WorldAsync(kestrel: true);
        await using var _ = w.App;
        var (hidden, _) = await ReviewQueueTests.ItemsAsync(w);
        await using var chromium = await HeadlessChromium.LaunchAsync();
        var problems = new List<string>();
        var page = await chromium.SignInAsync(w.App.ServerAddress, await w.App.AddAccountAsync(w.OutsiderId, Role.FrontDoor), "Alex Outsider", problems);

        await page.GotoAsync(new Uri(w.App.ServerAddress, "/identity/reviews").ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Who is who: the review queue", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#queue tbody tr")).ToHaveCountAsync(2);
        await AssertAccessibleAsync(page);

        await page.Locator($"a[href='/identity/review?id={hidden}']").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Is this someone already on record?", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#masked")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#comparison")).ToContainTextAsync("ending 137");
        await Assertions.Expect(page.Locator("#comparison")).Not.ToContainTextAsync("Mill Road");
        await AssertAccessibleAsync(page);

        await page.GetByLabel("Someone not on record").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Decide" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Who is who: the review queue", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#queue tbody tr")).ToHaveCountAsync(1);
        await AssertAccessibleAsync(page);
        Assert.Empty(problems);

        await using var db = w.App.OpenDb();
        var decided = await db.Set<IdentityReview>().SingleAsync(r => r.Id == hidden);
        Assert.Equal((ReviewStatus.Decided, "new"), (decided.Status, decided.Decision));
    }
}

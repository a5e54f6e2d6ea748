using System.Text.Json;
using System.Text.RegularExpressions;
using Chronicle.Core.Chronology;
using Chronicle.Core.Record;
using Chronicle.Testing;
using Chronicle.Web.Hosting;
using Chronicle.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Chronicle.Web.Tests.Api.TeamApp;
using static Chronicle.Web.Tests.Browser.Axe;

namespace Chronicle.Web.Tests.Browser;

/// <summary>
/// Family T's app with one headless Chromium, for lists that page and filter as a user works them: the front door's
/// two lists on its home page (contacts waiting for a decision, children waiting for allocation), and a child's viewing
/// history read by information governance.
/// </summary>
public sealed class ListsApp : IAsyncLifetime
{
    /// <summary>Children waiting for allocation: a page of 25 and two more.</summary>
    public const int Unallocated = 27;

    public TeamApp Team { get; private set; } = null!;
    public HeadlessChromium Chromium { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Team = await TeamApp.StartAsync(Provider.Sqlite, kestrel: true);
        Chromium = await HeadlessChromium.LaunchAsync();
        await using var db = Team.App.OpenDb();
        var clock = TimeProvider.System;
        var frontDoor = await db.Professionals.Where(p => p.Name == DemoAccounts.FrontDoor).Select(p => p.Id).SingleAsync();
        var chronology = new ChronologyService(db, clock, []);
        var record = new RecordService(db, clock);
        var partnership = await db.People.Where(p => p.Id == Team.Child).Select(p => p.PartnershipId).SingleAsync();
        var start = clock.GetUtcNow().AddDays(-2);
        // The longest waiting first: each child's contact, and its decision, an hour after the one before.
        for (var i = 1; i <= Unallocated + 2; i++)
        {
            var decided = i <= Unallocated;
            var child = (await record.CreatePersonAsync(partnership, new PersonInput
            {
                Kind = PersonKind.Child, KnownAs = decided ? $"Unallocated child {i:00}" : $"Undecided child {i - Unallocated}", DateOfBirth = new DateOnly(2019, 4, 2),
            })).Unwrap();
            var at = start.AddHours(i);
            var contact = (await chronology.RecordAsync(partnership, new EntryInput
            {
                Kind = EntryKinds.Contact.Code, Details = JsonSerializer.SerializeToElement(new { type = "referral", concerns = "Unexplained bruising at a check-up" }),
                OccurredAt = at, RecordedByProfessionalId = Team.Id(Gp), Subjects = [child.Id], Source = Source.ReportedBy, SourceName = "GP",
            })).Unwrap();
            if (!decided) continue;
            (await chronology.RecordAsync(partnership, new EntryInput
            {
                Kind = EntryKinds.ContactDecision.Code,
                Details = JsonSerializer.SerializeToElement(new { contactEntryId = contact.Id, decision = "child-and-family-assessment", rationale = "The bruising needs a full assessment" }),
                OccurredAt = at.AddMinutes(30), RecordedByProfessionalId = frontDoor, Subjects = [child.Id], Source = Source.SeenByRecorder,
            })).Unwrap();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Chromium.DisposeAsync();
        await Team.DisposeAsync();
    }
}

/// <summary>Lists worked in real headless Chromium, with axe-core on every page visited.</summary>
public sealed partial class ListsBrowserTests(ListsApp lists) : IClassFixture<ListsApp>, IAsyncDisposable
{
    private readonly List<string> _problems = [];
    private IPage? _page;
    private TeamApp Team => lists.Team;

    [GeneratedRegex(@"[?&]allocation=2\b")]
    private static partial Regex SecondPageOfAllocation();

    public async ValueTask DisposeAsync()
    {
        if (_page is not null) await _page.GotoAsync("about:blank");
        await lists.Chromium.Browser.ClearCookiesAsync();
    }

    private async Task<IPage> SignInAsync(string who)
    {
        await lists.Chromium.Browser.ClearCookiesAsync();
        return _page = await lists.Chromium.SignInAsync(Team.App.ServerAddress, await Team.App.UserNameOfAsync(who), who, _problems);
    }

    [Fact]
    public async Task The_front_door_sees_both_its_lists_and_pages_the_children_waiting_for_allocation()
    {
        var page = await SignInAsync(DemoAccounts.FrontDoor);
        var waiting = page.Locator("#tray-waiting tbody tr");
        var unallocated = page.Locator("#tray-waiting-for-allocation tbody tr");

        await Assertions.Expect(waiting).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#tray-waiting")).ToContainTextAsync("Undecided child 1");
        await Assertions.Expect(unallocated).ToHaveCountAsync(25);
        await Assertions.Expect(unallocated.First).ToContainTextAsync("Unallocated child 01");
        await Assertions.Expect(page.Locator("#tray-waiting-for-allocation")).Not.ToContainTextAsync("Unallocated child 26");
        // The contacts waiting for a decision fit on one page: no pages of them.
        await Assertions.Expect(page.Locator("#waiting-pages")).ToHaveCountAsync(0);
        await AssertAccessibleAsync(page);

        var pages = page.GetByRole(AriaRole.Navigation, new() { Name = "Pages of children waiting for allocation" });
        await pages.Locator(".govuk-pagination__next a").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(SecondPageOfAllocation());
        await Assertions.Expect(unallocated).ToHaveCountAsync(ListsApp.Unallocated - 25);
        await Assertions.Expect(unallocated.First).ToContainTextAsync("Unallocated child 26");
        await Assertions.Expect(unallocated.Last).ToContainTextAsync("Unallocated child 27");
        await Assertions.Expect(pages.Locator(".govuk-pagination__item--current")).ToHaveTextAsync("2");
        // The other list stays as it was.
        await Assertions.Expect(waiting).ToHaveCountAsync(2);
        await AssertAccessibleAsync(page);

        await pages.GetByRole(AriaRole.Link, new() { Name = "Page 1" }).ClickAsync();
        await Assertions.Expect(unallocated).ToHaveCountAsync(25);
        await Assertions.Expect(unallocated.First).ToContainTextAsync("Unallocated child 01");
        Assert.Empty(_problems);
    }

    [Fact]
    public async Task Information_governance_filters_a_childs_viewing_history_by_who_kind_of_look_and_dates_and_pages_it()
    {
        // The social worker opens Child T's record many times and her home page lists the child; the GP opens it once.
        var worker = await Team.AsAsync(SocialWorker);
        for (var i = 0; i < 52; i++) Assert.True((await worker.GetAsync($"/children/{Team.Child}")).IsSuccessStatusCode);
        Assert.True((await worker.GetAsync("/")).IsSuccessStatusCode);
        Assert.True((await (await Team.AsAsync(Gp)).GetAsync($"/children/{Team.Child}/chronology")).IsSuccessStatusCode);

        var page = await SignInAsync(DemoAccounts.InformationGovernance);
        await page.GotoAsync(new Uri(Team.App.ServerAddress, $"/children/{Team.Child}/viewers").ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Who has viewed this record", Level = 1 })).ToBeVisibleAsync();
        var rows = page.Locator("#viewing-history tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(50);
        await Assertions.Expect(page.Locator("#viewing-count")).ToContainTextAsync("Lines 1 to 50 of");
        await AssertAccessibleAsync(page);

        // 50 a page: the next page goes on from the 51st.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Pages of the viewing history" }).Locator(".govuk-pagination__next a").ClickAsync();
        await Assertions.Expect(page.Locator("#viewing-count")).ToContainTextAsync("Lines 51 to");
        await AssertAccessibleAsync(page);

        // Who: the GP's one look, and the choice kept.
        await page.GetByLabel("Who").SelectOptionAsync(new SelectOptionValue { Label = Gp });
        await page.GetByRole(AriaRole.Button, new() { Name = "Show these" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync(Gp);
        await Assertions.Expect(rows.First).ToContainTextAsync("the chronology");
        await Assertions.Expect(page.GetByLabel("Who").Locator("option:checked")).ToHaveTextAsync(Gp);
        await AssertAccessibleAsync(page);

        // Kind of look: the lists that named the child, everyone's.
        await page.GetByLabel("Who").SelectOptionAsync(new SelectOptionValue { Label = "Everyone" });
        await page.GetByLabel("Kind of look").SelectOptionAsync(new SelectOptionValue { Label = "The child named in a list, such as a work tray" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Show these" }).ClickAsync();
        await Assertions.Expect(rows.Filter(new() { HasText = SocialWorker })).Not.ToHaveCountAsync(0);
        foreach (var row in await rows.AllAsync()) await Assertions.Expect(row).ToContainTextAsync("work tray");
        await AssertAccessibleAsync(page);

        // Dates: one that does not exist is named in the error summary, which leads to its field.
        await page.GetByLabel("Kind of look").SelectOptionAsync(new SelectOptionValue { Label = "Every look at the record, change, refusal and break glass" });
        await page.GetByLabel("From").FillAsync("31/2/2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show these" }).ClickAsync();
        var summary = page.Locator(".govuk-error-summary");
        await Assertions.Expect(summary).ToBeFocusedAsync();
        await AssertAccessibleAsync(page);
        await summary.GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(page.GetByLabel("From")).ToBeFocusedAsync();

        // Dates long before anyone looked: nothing matches.
        await page.GetByLabel("From").FillAsync("1/1/2001");
        await page.GetByLabel("To").FillAsync("31/12/2001");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show these" }).ClickAsync();
        await Assertions.Expect(page.Locator("#viewing-count")).ToHaveTextAsync("Nothing in the audit matches.");
        await Assertions.Expect(rows).ToHaveCountAsync(0);
        await AssertAccessibleAsync(page);

        // Cleared, the history is whole again, newest first: the reads of the history itself lead.
        await page.GetByRole(AriaRole.Link, new() { Name = "Clear the filters" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(50);
        await Assertions.Expect(rows.First).ToContainTextAsync("the viewing history");
        Assert.Empty(_problems);
    }
}

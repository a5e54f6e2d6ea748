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
/// Family T's app with one headless Chromium, for lists that page as a user works them: the front door's two lists on
/// its home page (contacts waiting for a decision, children waiting for allocation).
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
}

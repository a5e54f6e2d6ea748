using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using Chronicle.Testing;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Tests.Pages;

/// <summary>
/// The pages over the demo partnership loaded from Family A (Scenarios/family-a.json), read with AngleSharp, signed
/// in as Child A's social worker (her lead professional).
/// </summary>
public sealed class PageTests : IAsyncLifetime
{
    private ChronicleApp _app = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _app = await ChronicleApp.StartAsync(Provider.Sqlite, ["family-a.json"]);
        _client = await _app.SignInAsync(await _app.UserNameOfAsync("Social worker (Family A)"));
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task The_home_page_is_a_work_tray_listing_the_children_the_worker_works_with()
    {
        var page = await OpenAsync("/");

        Assert.Equal("Your work", page.QuerySelector("h1")?.TextContent.Trim());
        Assert.NotNull(page.GetElementById("tray-counts"));
        var row = Assert.Single(page.QuerySelectorAll("#tray-children tbody tr"));
        var cells = row.Children.Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal("Child A", cells[0]);
        Assert.EndsWith("years old", cells[1]);
        Assert.Equal($"/children/{await ChildIdAsync()}", row.QuerySelector("a")!.GetAttribute("href"));
        Assert.Null(page.GetElementById("team-caseload"));
    }

    [Fact]
    public async Task The_child_summary_opens_with_the_banner_and_the_record_s_views()
    {
        var id = await ChildIdAsync();
        var page = await OpenAsync($"/children/{id}");

        var banner = page.GetElementById("child-banner")!;
        Assert.Equal("Child A", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.True(banner.Contains(page.QuerySelector("h1")!), "the child's name heads the banner");
        Assert.Contains("years old", page.GetElementById("banner-birth")!.TextContent);
        Assert.Equal("943 476 5919", page.GetElementById("banner-nhs")!.TextContent.Trim());
        Assert.Contains("Social worker (Family A), Testshire Children's Social Care", page.GetElementById("banner-lead")!.TextContent);
        Assert.NotNull(page.GetElementById("banner-status"));
        Assert.Equal(["Record an entry", "Share", "Start a plan", "Schedule a meeting"],
            page.QuerySelectorAll("#child-actions a").Select(a => a.TextContent.Trim()).ToList());
        var views = page.QuerySelectorAll("#child-navigation a").ToList();
        Assert.Equal(["Summary", "Chronology", "People and household", "Team", "Plans", "Meetings", "Alerts", "Viewing history"], views.Select(a => a.TextContent.Trim()).ToList());
        Assert.Equal("page", views[0].GetAttribute("aria-current"));
        // Every view answers, each under the same banner with itself marked current.
        foreach (var link in views)
        {
            var view = await OpenAsync(link.GetAttribute("href")!);
            Assert.Equal(link.TextContent.Trim(), view.QuerySelector("#child-navigation a[aria-current=page]")?.TextContent.Trim());
        }
        Assert.DoesNotContain(id.ToString(), page.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task The_chronology_is_paged_and_opens_the_page_that_holds_an_entry()
    {
        var id = await ChildIdAsync();
        var page = await OpenAsync($"/children/{id}/chronology");

        Assert.Null(page.GetElementById("chronology-pages"));
        Assert.Equal(4, page.QuerySelectorAll(".app-entry").Length);
        Assert.StartsWith("4 entries", page.GetElementById("chronology-count")!.TextContent.Trim());
        var routine = await OpenAsync($"/children/{id}/chronology?significance=routine");
        Assert.All(routine.QuerySelectorAll(".app-entry"), e => Assert.Equal("Routine", Row(e, "Significance")));
        var wrong = await OpenAsync($"/children/{id}/chronology?significance=loud&from=31/2/2015");
        Assert.Equal(["#significance", "#from"], wrong.QuerySelectorAll(".govuk-error-summary a").Select(a => a.GetAttribute("href")).ToList());
        var typed = await OpenAsync($"/children/{id}/chronology?from=1/1/2000");
        Assert.Null(typed.QuerySelector(".govuk-error-summary"));
    }

    [Fact]
    public async Task The_child_page_shows_the_chronology_with_agency_recorder_and_certainty()
    {
        var page = await OpenChildAsync();

        var cards = page.QuerySelectorAll(".app-entry").ToList();
        Assert.Equal(4, cards.Count);
        Assert.Equal("12 January 2015 at 10:30am: Home visit", Title(cards[0]));
        Assert.Equal("Testshire Health Visiting", Row(cards[0], "Agency"));
        Assert.StartsWith("Health visitor (Family A)", Row(cards[0], "Recorded by"));
        Assert.Equal("Seen by the recorder", Row(cards[0], "Source and certainty"));
        Assert.Equal("Reported by the mother", Row(cards[3], "Source and certainty"));
        Assert.Contains("day known", Row(cards[1], "When it happened"));
    }

    [Fact]
    public async Task A_corrected_entry_stays_visible_with_its_reason_and_a_link_to_the_correction()
    {
        var page = await OpenChildAsync();

        var cards = page.QuerySelectorAll(".app-entry").ToList();
        var corrected = Assert.Single(cards, c => c.ClassList.Contains("app-entry--superseded"));
        Assert.Contains("Hair strand test (cocaine): Negative", Row(corrected, "What was recorded"));
        Assert.Contains("Reason: The sample was insufficient: the laboratory gave no result", Row(corrected, "Corrected"));
        var link = corrected.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == "See the correction").GetAttribute("href")!;
        var correctionId = link[(link.IndexOf("#entry-", StringComparison.Ordinal) + "#entry-".Length)..];
        var correction = page.GetElementById("entry-" + correctionId);
        Assert.NotNull(correction);
        Assert.Contains("Corrects an earlier entry", Row(correction!.QuerySelector(".app-entry")!, "Correction"));
    }

    [Fact]
    public async Task An_inconclusive_result_reads_as_inconclusive_never_as_negative()
    {
        var page = await OpenChildAsync();

        var correction = page.QuerySelectorAll(".app-entry").Single(c => Row(c, "Correction") is { Length: > 0 });
        Assert.Contains("Inconclusive (no result: not negative)", Row(correction, "What was recorded"));
        Assert.Equal("Inconclusive (no result: not negative)", Row(correction, "Result"));
        Assert.DoesNotContain("Negative", Row(correction, "Result").Replace("not negative", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_child_page_shows_the_people_addresses_by_agency_and_professionals()
    {
        var page = await OpenChildAsync("people");

        var text = page.QuerySelector("main")!.TextContent;
        Assert.Contains("Mother of Child A", text);
        Assert.Contains("943 476 5919", text);
        var addresses = page.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")!.TextContent.Contains("Mother of Child A", StringComparison.Ordinal));
        Assert.Contains("Agencies disagree", addresses.QuerySelector("caption")!.TextContent);
        Assert.Contains("1 Test Street, Testtown", addresses.TextContent);
        Assert.Contains("9 Other Road, Elsewhere", addresses.TextContent);
        Assert.Contains("Drugs worker (Family A)", text);
        Assert.Contains("Mother of Child A (adult-facing)", text);
    }

    [Fact]
    public async Task The_chronology_filters_by_kind_and_explains_a_wrong_date()
    {
        var id = await ChildIdAsync();

        var filtered = await OpenAsync($"/children/{id}/chronology?kind=test-result");
        var wrong = await OpenAsync($"/children/{id}/chronology?from=last+week");

        Assert.Equal(2, filtered.QuerySelectorAll(".app-entry").Length);
        Assert.StartsWith("Error:", wrong.Title);
        var summary = wrong.QuerySelector(".govuk-error-summary")!;
        Assert.Equal("#from", summary.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("must be a real date", wrong.GetElementById("from-error")!.TextContent);
    }

    [Fact]
    public async Task A_long_chronology_shows_fifty_entries_a_page_and_opens_the_page_of_a_chosen_entry()
    {
        var id = await ChildIdAsync();
        var ids = new List<Guid>();
        await using (var db = _app.OpenDb())
        {
            var worker = await db.Professionals.Where(p => p.Name == "Social worker (Family A)").Select(p => p.Id).SingleAsync();
            var partnership = await db.People.Where(p => p.Id == id).Select(p => p.PartnershipId).SingleAsync();
            var chronology = new Core.Chronology.ChronologyService(db, TimeProvider.System, []);
            for (var i = 0; i < 120; i++)
            {
                var details = new Core.Chronology.Details.Observation { Topic = Core.Chronology.Details.ObservationTopic.Other, Text = $"Visit note {i:000}" };
                var entry = (await chronology.RecordAsync(partnership, new Core.Chronology.EntryInput
                {
                    Kind = "observation",
                    Details = System.Text.Json.JsonSerializer.SerializeToElement(details, Chronicle.Core.ChronicleJson.Options),
                    OccurredAt = new DateTimeOffset(2020, 1, 1, 12, 0, 0, TimeSpan.Zero).AddDays(i),
                    RecordedByProfessionalId = worker,
                    Subjects = [id],
                    Source = Core.Chronology.Source.SeenByRecorder,
                })).Unwrap();
                ids.Add(entry.Id);
            }
        }

        var first = await OpenAsync($"/children/{id}/chronology");
        var last = await OpenAsync($"/children/{id}/chronology?page=3");
        var chosen = await OpenAsync($"/children/{id}/chronology?entry={ids[80]}");
        var filtered = await OpenAsync($"/children/{id}/chronology?kind=observation&page=2");

        Assert.Equal(50, first.QuerySelectorAll(".app-entry").Length);
        Assert.StartsWith("124 entries, oldest first; showing 1 to 50", first.GetElementById("chronology-count")!.TextContent.Trim());
        Assert.Equal($"/children/{id}/chronology?page=2", first.QuerySelector("#chronology-pages a[rel=next]")!.GetAttribute("href"));
        Assert.Equal("1", first.QuerySelector("#chronology-pages [aria-current=page]")!.TextContent.Trim());
        Assert.Equal(24, last.QuerySelectorAll(".app-entry").Length);
        Assert.Contains("Visit note 119", last.QuerySelectorAll(".app-entry")[^1].TextContent);
        Assert.Null(last.QuerySelector("#chronology-pages a[rel=next]"));
        // Four entries of the family's own come first: the 81st visit note is entry 85, on page 2.
        Assert.NotNull(chosen.GetElementById($"entry-{ids[80]}"));
        Assert.Equal("2", chosen.QuerySelector("#chronology-pages [aria-current=page]")!.TextContent.Trim());
        Assert.Equal($"/children/{id}/chronology?kind=observation&page=3", filtered.QuerySelector("#chronology-pages a[rel=next]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Pages_carry_a_self_only_content_security_policy_and_no_inline_script()
    {
        var response = await _client.GetAsync("/");
        var page = await ParseAsync(response);

        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.All(page.QuerySelectorAll("script"), s => Assert.False(string.IsNullOrEmpty(s.GetAttribute("src"))));
    }

    [Fact]
    public async Task An_unknown_child_is_a_page_not_found()
    {
        var response = await _client.GetAsync($"/children/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Page not found", (await ParseAsync(response)).QuerySelector("h1")?.TextContent.Trim());
    }

    private async Task<Guid> ChildIdAsync()
    {
        await using var db = _app.OpenDb();
        return await db.People.Where(p => p.KnownAs == "Child A").Select(p => p.Id).SingleAsync();
    }

    private async Task<IDocument> OpenChildAsync(string view = "chronology") => await OpenAsync($"/children/{await ChildIdAsync()}/{view}");

    private async Task<IDocument> OpenAsync(string path)
    {
        var response = await _client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ParseAsync(response);
    }

    private static async Task<IDocument> ParseAsync(HttpResponseMessage response) =>
        await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(response.Content.ReadAsStream()));

    private static string Title(IElement card) => card.QuerySelector(".govuk-summary-card__title")!.TextContent.Trim();

    /// <summary>The value of a summary list row, by its key ("" when the card has no such row).</summary>
    private static string Row(IElement card, string key) =>
        card.QuerySelectorAll(".govuk-summary-list__row").FirstOrDefault(r => r.QuerySelector(".govuk-summary-list__key")!.TextContent.Trim() == key)
            ?.QuerySelector(".govuk-summary-list__value")!.TextContent.Trim() is { } value
            ? System.Text.RegularExpressions.Regex.Replace(value, @"\s+", " ")
            : "";
}

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
        Assert.All(routine.QuerySelectorAll(".app-entry"), e => Assert.Equal("Routine", Cell(e, "significance")));
        var wrong = await OpenAsync($"/children/{id}/chronology?significance=loud&from=31/2/2015");
        Assert.Equal(["#significance", "#from"], wrong.QuerySelectorAll(".govuk-error-summary a").Select(a => a.GetAttribute("href")).ToList());
        var typed = await OpenAsync($"/children/{id}/chronology?from=1/1/2000");
        Assert.Null(typed.QuerySelector(".govuk-error-summary"));
    }

    [Fact]
    public async Task The_child_page_shows_the_chronology_with_agency_recorder_and_certainty()
    {
        var page = await OpenChildAsync();

        var rows = page.QuerySelectorAll(".app-entry").ToList();
        Assert.Equal(4, rows.Count);
        // Newest first: the home visit of 12 January is the last of four.
        Assert.Equal("12 January 2015 at 10:30am", Cell(rows[3], "when"));
        Assert.Equal("Home visit", Cell(rows[3], "kind"));
        Assert.Equal("Testshire Health Visiting", Cell(rows[3], "agency"));
        Assert.StartsWith("Health visitor (Family A)", Row(rows[3], "Recorded by"));
        Assert.Equal("Seen by the recorder", Row(rows[3], "Source and certainty"));
        Assert.Equal("Reported by the mother", Row(rows[0], "Source and certainty"));
        Assert.Contains("day known", Row(rows[2], "When it happened"));
    }

    [Fact]
    public async Task The_chronology_is_one_row_per_entry_newest_first_with_its_details_a_click_away_and_the_order_can_be_turned()
    {
        var id = await ChildIdAsync();

        var newest = await OpenAsync($"/children/{id}/chronology");
        var oldest = await OpenAsync(newest.GetElementById("chronology-order")!.GetAttribute("href")!);

        var rows = newest.QuerySelectorAll("#chronology-entries tbody tr").ToList();
        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.Contains("app-entry", r.ClassList));
        Assert.Equal(["10 February 2015", "3 February 2015", "20 January 2015", "12 January 2015 at 10:30am"], rows.Select(r => Cell(r, "when")).ToList());
        // Each row's details are closed until asked for, and hold who recorded it, the source and whom it is about.
        Assert.All(rows, r => Assert.False(r.QuerySelector("details.app-entry__details")!.HasAttribute("open")));
        Assert.Contains("newest first", newest.GetElementById("chronology-count")!.TextContent);
        Assert.Equal("Show oldest first", newest.GetElementById("chronology-order")!.TextContent.Trim());
        Assert.Equal("newest", newest.QuerySelector("#order option[selected]")!.GetAttribute("value"));
        Assert.Equal(["12 January 2015 at 10:30am", "20 January 2015", "3 February 2015", "10 February 2015"],
            oldest.QuerySelectorAll(".app-entry").Select(r => Cell(r, "when")).ToList());
        Assert.Contains("oldest first", oldest.GetElementById("chronology-count")!.TextContent);
        Assert.Equal("oldest", oldest.QuerySelector("#order option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task An_entry_s_text_is_printed_once_a_long_one_cut_on_its_row_and_whole_in_its_details()
    {
        var id = await ChildIdAsync();
        var longText = string.Join(' ', Enumerable.Repeat("The kitchen was cold and the baby's cot was damp.", 6));
        await RecordObservationsAsync(id, [longText]);

        var page = await OpenAsync($"/children/{id}/chronology");

        var main = page.QuerySelector("main")!.TextContent;
        Assert.Equal(1, Occurrences(main, "Mother says the heating is broken"));
        Assert.Equal(1, Occurrences(main, longText));
        var row = page.QuerySelectorAll(".app-entry").First(r => Cell(r, "summary").Contains("The kitchen was cold", StringComparison.Ordinal));
        Assert.EndsWith("…", Cell(row, "summary"));
        Assert.True(Cell(row, "summary").Length <= Chronicle.Web.Pages.Children.ChronologyModel.LineLength + 1);
        Assert.Equal(longText, Row(row, "Text"));
    }

    [Fact]
    public async Task The_kind_filter_offers_the_kinds_the_chronology_holds()
    {
        var page = await OpenChildAsync();

        var kinds = page.QuerySelectorAll("#kind option").Select(o => o.TextContent.Trim()).ToList();
        Assert.Equal(["All kinds", "Home visit", "Observation", "Test result"], kinds);
    }

    [Fact]
    public async Task A_corrected_entry_stays_visible_with_its_reason_and_a_link_to_the_correction()
    {
        var page = await OpenChildAsync();

        var cards = page.QuerySelectorAll(".app-entry").ToList();
        var corrected = Assert.Single(cards, c => c.ClassList.Contains("app-entry--superseded"));
        Assert.Contains("Hair strand test (cocaine): Negative", Cell(corrected, "summary"));
        Assert.Contains("Reason: The sample was insufficient: the laboratory gave no result", Row(corrected, "Corrected"));
        var link = corrected.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == "See the correction").GetAttribute("href")!;
        var correctionId = link[(link.IndexOf("#entry-", StringComparison.Ordinal) + "#entry-".Length)..];
        var correction = page.GetElementById("entry-" + correctionId);
        Assert.NotNull(correction);
        Assert.Contains("Corrects an earlier entry", Row(correction!, "Correction"));
    }

    [Fact]
    public async Task An_inconclusive_result_reads_as_inconclusive_never_as_negative()
    {
        var page = await OpenChildAsync();

        var correction = page.QuerySelectorAll(".app-entry").Single(c => Row(c, "Correction") is { Length: > 0 });
        Assert.Contains("Inconclusive (no result: not negative)", Cell(correction, "summary"));
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
        var ids = await RecordObservationsAsync(id, [.. Enumerable.Range(0, 120).Select(i => $"Visit note {i:000}")]);

        var first = await OpenAsync($"/children/{id}/chronology");
        var last = await OpenAsync($"/children/{id}/chronology?page=3");
        var chosen = await OpenAsync($"/children/{id}/chronology?entry={ids[30]}");
        var filtered = await OpenAsync($"/children/{id}/chronology?kind=observation&page=2");
        var oldest = await OpenAsync($"/children/{id}/chronology?order=oldest&page=3");
        var chosenOldest = await OpenAsync($"/children/{id}/chronology?order=oldest&entry={ids[30]}");

        Assert.Equal(50, first.QuerySelectorAll(".app-entry").Length);
        Assert.StartsWith("124 entries, newest first; showing 1 to 50", first.GetElementById("chronology-count")!.TextContent.Trim());
        Assert.Contains("Visit note 119", first.QuerySelectorAll(".app-entry")[0].TextContent);
        Assert.Equal($"/children/{id}/chronology?page=2", first.QuerySelector("#chronology-pages a[rel=next]")!.GetAttribute("href"));
        Assert.Equal("1", first.QuerySelector("#chronology-pages [aria-current=page]")!.TextContent.Trim());
        Assert.Equal(24, last.QuerySelectorAll(".app-entry").Length);
        Assert.Contains("Home visit", last.QuerySelectorAll(".app-entry")[^1].TextContent);
        Assert.Null(last.QuerySelector("#chronology-pages a[rel=next]"));
        // Newest first, the 31st visit note is entry 90: page 2, with its details open.
        var shown = chosen.GetElementById($"entry-{ids[30]}")!;
        Assert.True(shown.QuerySelector("details")!.HasAttribute("open"));
        Assert.Equal("2", chosen.QuerySelector("#chronology-pages [aria-current=page]")!.TextContent.Trim());
        Assert.Equal($"/children/{id}/chronology?kind=observation&page=3", filtered.QuerySelector("#chronology-pages a[rel=next]")!.GetAttribute("href"));
        // Oldest first, the family's four entries come first and the 31st note is entry 35, on page 1.
        Assert.Contains("Visit note 119", oldest.QuerySelectorAll(".app-entry")[^1].TextContent);
        Assert.Equal($"/children/{id}/chronology?order=oldest&page=2", oldest.QuerySelector("#chronology-pages a[rel=prev]")!.GetAttribute("href"));
        Assert.NotNull(chosenOldest.GetElementById($"entry-{ids[30]}"));
        Assert.Equal("1", chosenOldest.QuerySelector("#chronology-pages [aria-current=page]")!.TextContent.Trim());
    }

    private async Task<List<Guid>> RecordObservationsAsync(Guid id, IReadOnlyList<string> texts)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < texts.Count; i++)
            ids.Add(await RecordAsync(id, "observation", new Core.Chronology.Details.Observation { Topic = Core.Chronology.Details.ObservationTopic.Other, Text = texts[i] },
                new DateTimeOffset(2020, 1, 1, 12, 0, 0, TimeSpan.Zero).AddDays(i)));
        return ids;
    }

    /// <summary>An entry about the child recorded by the child's social worker.</summary>
    private async Task<Guid> RecordAsync(Guid id, string kind, Core.Chronology.Details.EntryDetails details, DateTimeOffset at)
    {
        await using var db = _app.OpenDb();
        var worker = await db.Professionals.Where(p => p.Name == "Social worker (Family A)").Select(p => p.Id).SingleAsync();
        var partnership = await db.People.Where(p => p.Id == id).Select(p => p.PartnershipId).SingleAsync();
        var chronology = new Core.Chronology.ChronologyService(db, TimeProvider.System, []);
        var entry = (await chronology.RecordAsync(partnership, new Core.Chronology.EntryInput
        {
            Kind = kind,
            Details = System.Text.Json.JsonSerializer.SerializeToElement(details, details.GetType(), Chronicle.Core.ChronicleJson.Options),
            OccurredAt = at,
            RecordedByProfessionalId = worker,
            Subjects = [id],
            Source = Core.Chronology.Source.SeenByRecorder,
        })).Unwrap();
        return entry.Id;
    }

    [Fact]
    public async Task Every_view_but_the_summary_shows_the_banner_compact_with_the_legal_status_in_words()
    {
        var id = await ChildIdAsync();
        await RecordAsync(id, "address-change", new Core.Chronology.Details.AddressChange { NewAddress = "14 Heather Close, Testtown" }, new DateTimeOffset(2015, 3, 1, 12, 0, 0, TimeSpan.Zero));

        var summary = await OpenAsync($"/children/{id}");

        Assert.NotNull(summary.GetElementById("banner-lead"));
        Assert.Equal("14 Heather Close, Testtown — recorded by Testshire Children's Social Care",
            System.Text.RegularExpressions.Regex.Replace(summary.GetElementById("banner-address")!.TextContent.Trim(), @"\s+", " "));
        Assert.Null(summary.QuerySelector("#banner-status .govuk-tag"));
        foreach (var view in new[] { "chronology", "people", "alerts", "team", "plans", "meetings" })
        {
            var page = await OpenAsync($"/children/{id}/{view}");
            var banner = page.GetElementById("child-banner")!;
            Assert.Contains("app-child-banner--compact", banner.ClassList);
            Assert.Equal("Child A", page.GetElementById("child-name")!.TextContent.Trim());
            Assert.Contains("years old", page.GetElementById("banner-birth")!.TextContent);
            Assert.Equal("943 476 5919", page.GetElementById("banner-nhs")!.TextContent.Trim());
            Assert.NotNull(page.GetElementById("banner-status"));
            Assert.Null(page.QuerySelector("#banner-status .govuk-tag"));
            Assert.Null(page.GetElementById("banner-lead"));
            Assert.Null(page.GetElementById("banner-address"));
            Assert.Equal("Record an entry", page.QuerySelector("#child-actions a")!.TextContent.Trim());
        }
    }

    [Fact]
    public async Task A_closed_case_is_offered_no_plan_meeting_or_share_and_what_is_learned_is_still_recorded()
    {
        var id = await ChildIdAsync();
        var open = await OpenAsync($"/children/{id}");
        await RecordAsync(id, "case-closure", new Core.Chronology.Details.CaseClosure { Stage = Core.Chronology.Details.ClosureStage.Closed, Reason = "No further action needed" },
            new DateTimeOffset(2015, 6, 1, 12, 0, 0, TimeSpan.Zero));

        var summary = await OpenAsync($"/children/{id}");
        var chronology = await OpenAsync($"/children/{id}/chronology");

        string[] Actions(IDocument page) => [.. page.GetElementById("child-actions")!.QuerySelectorAll("a").Select(a => a.TextContent.Trim())];
        Assert.Contains("Schedule a meeting", Actions(open));
        Assert.Equal(["Record an entry"], Actions(summary));
        Assert.Contains("The case is closed", summary.GetElementById("child-closed")!.TextContent);
        Assert.StartsWith("Case closed on 1 June 2015", summary.GetElementById("banner-status")!.TextContent.Trim());
        Assert.Equal(["Record an entry"], Actions(chronology));
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

    /// <summary>A part of a chronology row: "when", "kind", "summary", "agency", "significance".</summary>
    private static string Cell(IElement row, string part) =>
        System.Text.RegularExpressions.Regex.Replace(row.QuerySelector($".app-entry__{part}")!.TextContent.Trim(), @"\s+", " ");

    private static int Occurrences(string text, string part) =>
        System.Text.RegularExpressions.Regex.Count(System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " "), System.Text.RegularExpressions.Regex.Escape(part));

    /// <summary>The value of a summary list row, by its key ("" when the card has no such row).</summary>
    private static string Row(IElement card, string key) =>
        card.QuerySelectorAll(".govuk-summary-list__row").FirstOrDefault(r => r.QuerySelector(".govuk-summary-list__key")!.TextContent.Trim() == key)
            ?.QuerySelector(".govuk-summary-list__value")!.TextContent.Trim() is { } value
            ? System.Text.RegularExpressions.Regex.Replace(value, @"\s+", " ")
            : "";
}

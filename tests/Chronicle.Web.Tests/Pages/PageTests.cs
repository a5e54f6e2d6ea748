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
    public async Task The_home_page_lists_the_children_with_their_lead_professional_and_entries()
    {
        var page = await OpenAsync("/");

        Assert.Equal("Children", page.QuerySelector("h1")?.TextContent.Trim());
        var row = Assert.Single(page.QuerySelectorAll("tbody tr"));
        var cells = row.Children.Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal("Child A", cells[0]);
        Assert.EndsWith("years old", cells[1]);
        Assert.Equal("Social worker (Family A), Testshire Children's Social Care", cells[2]);
        Assert.Equal("4", cells[3]);
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
        var page = await OpenChildAsync();

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

        var filtered = await OpenAsync($"/children/{id}?kind=test-result");
        var wrong = await OpenAsync($"/children/{id}?from=last+week");

        Assert.Equal(2, filtered.QuerySelectorAll(".app-entry").Length);
        Assert.StartsWith("Error:", wrong.Title);
        var summary = wrong.QuerySelector(".govuk-error-summary")!;
        Assert.Equal("#from", summary.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("must be a real date", wrong.GetElementById("from-error")!.TextContent);
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

    private async Task<IDocument> OpenChildAsync() => await OpenAsync($"/children/{await ChildIdAsync()}");

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

using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using Chronicle.Core.Chronology;
using Chronicle.Testing;
using Chronicle.Web.Recording;
using Chronicle.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;
using static Chronicle.Web.Tests.Api.TeamApp;

namespace Chronicle.Web.Tests.Recording;

/// <summary>
/// Recording and correcting chronology entries through the page, over Family T (Scenarios/team-family.json), read
/// with AngleSharp: the health visitor records, the police officer (not in the team) may not.
/// </summary>
public sealed class RecordingPageTests : IAsyncLifetime
{
    private TeamApp _team = null!;

    public async ValueTask InitializeAsync() => _team = await StartAsync(Provider.Sqlite);

    public async ValueTask DisposeAsync() => await _team.DisposeAsync();

    private string NewEntry(string? kind = null) => $"/children/{_team.Child}/entries/new{(kind is null ? "" : $"?kind={kind}")}";

    [Fact]
    public async Task The_first_step_offers_every_kind_of_entry_once_and_each_kind_has_a_form()
    {
        var hv = await _team.AsAsync(HealthVisitor);

        var page = await OpenAsync(hv, NewEntry());

        var offered = page.QuerySelectorAll("#kind optgroup option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Equal(EntryKinds.All.Select(k => k.Code).Order(), offered.Order());
        foreach (var kind in EntryKinds.All)
        {
            var form = await OpenAsync(hv, NewEntry(kind.Code));
            Assert.Contains(kind.Label, form.QuerySelector("h1")!.TextContent);
            Assert.NotNull(form.QuerySelector("form[method=post] input[name=__RequestVerificationToken]"));
        }
    }

    [Fact]
    public async Task An_optional_yes_no_or_choice_starts_unselected()
    {
        var hv = await _team.AsAsync(HealthVisitor);

        var visit = await OpenAsync(hv, NewEntry("home-visit"));
        var injury = await OpenAsync(hv, NewEntry("injury"));

        Assert.Empty(visit.QuerySelectorAll("input[name='details.childSeenAlone'][checked]"));
        Assert.Empty(visit.QuerySelectorAll("input[name='details.accessGained'][checked]"));
        Assert.Empty(visit.QuerySelectorAll("input[name=source][checked]"));
        Assert.Empty(visit.QuerySelectorAll("input[name=occurredPrecision][checked]"));
        Assert.Equal("", ((AngleSharp.Html.Dom.IHtmlSelectElement)injury.QuerySelector("select[name='details.childMobility']")!).Value);
    }

    [Fact]
    public async Task An_observation_recorded_through_the_form_appears_in_the_chronology_with_its_source_and_certainty()
    {
        var hv = await _team.AsAsync(HealthVisitor);

        var response = await ChronicleApp.PostFormAsync(hv, NewEntry("observation"), Observation("Baby unsettled; mother says the home is cold"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = await OnlyNewEntryAsync("observation");
        Assert.Equal($"/children/{_team.Child}/chronology?entry={id}&done=recorded#entry-{id}", response.Headers.Location!.OriginalString);
        var saved = await OpenAsync(hv, response.Headers.Location!.OriginalString);
        Assert.Contains("Entry recorded", saved.QuerySelector(".govuk-notification-banner--success")!.TextContent);
        var card = saved.GetElementById($"entry-{id}")!;
        Assert.Contains("Baby unsettled; mother says the home is cold", Row(card, "What was recorded"));
        Assert.Equal("Reported by Maternal grandmother", Row(card, "Source and certainty"));
        Assert.Equal("Testshire Health Visiting", Row(card, "Agency"));
        Assert.StartsWith(HealthVisitor, Row(card, "Recorded by"));
        Assert.Equal("Significant", Row(card, "Significance"));
        Assert.Contains("day known", Row(card, "When it happened"));
        await using var db = _team.App.OpenDb();
        var entry = await db.Entries.AsNoTracking().Include(e => e.Subjects).SingleAsync(e => e.Id == id);
        Assert.Equal(Source.ReportedBy, entry.Source);
        Assert.Equal(Core.Time.DatePrecision.Day, entry.OccurredPrecision);
        Assert.Equal(_team.Id(HealthVisitor), entry.RecordedByProfessionalId);
        Assert.Equal([_team.Child], entry.Subjects.Select(s => s.PersonId));
    }

    [Fact]
    public async Task A_form_missing_the_date_and_a_required_detail_shows_each_error_keeps_what_was_typed_and_writes_nothing()
    {
        var hv = await _team.AsAsync(HealthVisitor);
        var before = await EntryCountAsync();

        var response = await ChronicleApp.PostFormAsync(hv, NewEntry("injury"), new()
        {
            ["details.type"] = "bruise",
            ["details.description"] = "Two small bruises, fingertip-sized",
            ["source"] = "seen-by-recorder",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await ParseAsync(response);
        Assert.StartsWith("Error:", page.Title);
        var links = page.QuerySelectorAll(".govuk-error-summary a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("#occurredAt", links);
        Assert.Contains("#details.site", links);
        // The summary lists the errors in the order of the fields on the form.
        var fields = page.QuerySelectorAll("form [id]").Select(e => e.Id).ToList();
        var positions = links.Select(l => fields.IndexOf(l![1..])).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
        Assert.Contains("Enter when it happened", page.GetElementById("occurredAt-error")!.TextContent);
        Assert.Contains("Enter", page.GetElementById("details.site-error")!.TextContent);
        Assert.Equal("Two small bruises, fingertip-sized", page.GetElementById("details.description")!.TextContent);
        Assert.NotNull(page.QuerySelector("input[name=source][value=seen-by-recorder][checked]"));
        Assert.Equal(before, await EntryCountAsync());
    }

    [Fact]
    public async Task A_decision_on_a_contact_is_recorded_as_the_recorders_own_unless_changed_in_its_optional_section()
    {
        var sw = await _team.AsAsync(SocialWorker);
        string[] recording = ["occurredPrecision", "source", "sourceName", "sharingLevel"];

        var observation = await OpenAsync(sw, NewEntry("observation"));
        Assert.All(recording, name => Assert.Null(observation.QuerySelector($"form[method=post] [name={name}]")!.Closest("details")));
        var form = await OpenAsync(sw, NewEntry("contact-decision"));
        var more = form.GetElementById("more-details")!;
        Assert.False(more.HasAttribute("open"));
        Assert.All(recording, name => Assert.Same(more, form.QuerySelector($"form[method=post] [name={name}]")!.Closest("details")));
        Assert.NotNull(more.QuerySelector("input[name=source][value=seen-by-recorder][checked]"));
        Assert.NotNull(more.QuerySelector("input[name=sharingLevel][value=team][checked]"));
        var now = form.GetElementById("occurredAt")!.GetAttribute("value");
        Assert.False(string.IsNullOrWhiteSpace(now));

        // Something wrong in the optional section opens it; the errors come in the order of the fields and reach them.
        var before = await EntryCountAsync();
        var refused = await ParseAsync(await ChronicleApp.PostFormAsync(sw, NewEntry("contact-decision"), new()
        {
            ["occurredAt"] = now!, ["details.decision"] = "child-and-family-assessment", ["source"] = "seen-by-recorder", ["sharingLevel"] = "everyone-at-once",
            ["narrative"] = "Decided with the team manager",
        }));
        var links = refused.QuerySelectorAll(".govuk-error-summary a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(["#details.rationale", "#sharingLevel"], links);
        foreach (var link in links) Assert.NotNull(refused.GetElementById(link[1..]));
        Assert.True(refused.GetElementById("more-details")!.HasAttribute("open"));
        Assert.Equal("Decided with the team manager", refused.GetElementById("narrative")!.TextContent);
        Assert.Equal(before, await EntryCountAsync());

        // A form opened two hours ago and sent with the time it offered unchanged: the decision is made as it is saved.
        Assert.Equal(now, form.QuerySelector("input[name=offeredAt]")!.GetAttribute("value"));
        var offered = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddHours(-2), Core.Time.WorkingDayCalendar.UkTime).ToString("d/M/yyyy HH:mm", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
        var saved = await ChronicleApp.PostFormAsync(sw, NewEntry("contact-decision"), new()
        {
            ["occurredAt"] = offered, ["offeredAt"] = offered, ["details.decision"] = "child-and-family-assessment", ["details.rationale"] = "Bruising on a baby not yet mobile",
            ["source"] = "seen-by-recorder", ["sharingLevel"] = "team",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using var db = _team.App.OpenDb();
        var me = _team.Id(SocialWorker);
        var entry = Assert.Single(await db.Entries.AsNoTracking().Where(e => e.Kind == "contact-decision" && e.RecordedByProfessionalId == me).ToListAsync(),
            e => e.Details.Contains("Bruising on a baby not yet mobile", StringComparison.Ordinal));
        Assert.Equal(Source.SeenByRecorder, entry.Source);
        Assert.Equal(Core.Time.DatePrecision.Exact, entry.OccurredPrecision);
        Assert.Equal(SharingLevel.Team, entry.SharingLevel);
        Assert.InRange(entry.RecordedAt - entry.OccurredAt!.Value, TimeSpan.Zero, TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task A_date_that_is_not_a_date_is_named_with_the_kinds_own_errors_and_nothing_is_written()
    {
        var hv = await _team.AsAsync(HealthVisitor);
        var before = await EntryCountAsync();

        var response = await ChronicleApp.PostFormAsync(hv, NewEntry("observation"), new() { ["occurredAt"] = "last Tuesday", ["source"] = "seen-by-recorder" });

        var page = await ParseAsync(response);
        Assert.Contains("must be a real date", page.GetElementById("occurredAt-error")!.TextContent);
        Assert.NotNull(page.GetElementById("details.text-error"));
        Assert.Equal(before, await EntryCountAsync());
    }

    [Fact]
    public async Task An_inconclusive_test_result_recorded_through_the_form_stays_inconclusive()
    {
        var hv = await _team.AsAsync(HealthVisitor);

        var response = await ChronicleApp.PostFormAsync(hv, NewEntry("test-result"), new()
        {
            ["occurredAt"] = "9/2/2015",
            ["source"] = "seen-by-recorder",
            ["details.test"] = "Urine toxicology screen",
            ["details.outcome"] = "inconclusive",
            ["details.sampleQuality"] = "dilute",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = await OnlyNewEntryAsync("test-result");
        await using var db = _team.App.OpenDb();
        var details = (Core.Chronology.Details.TestResult)DetailsReader.ReadStored("test-result", (await db.Entries.SingleAsync(e => e.Id == id)).Details);
        Assert.Equal(Core.Chronology.Details.TestOutcome.Inconclusive, details.Outcome);
        var card = (await OpenAsync(hv, $"/children/{_team.Child}/chronology")).GetElementById($"entry-{id}")!;
        Assert.Equal("Inconclusive (no result: not negative)", Row(card, "Result"));
    }

    [Fact]
    public async Task A_correction_through_the_form_supersedes_the_entry_and_both_stay_visible()
    {
        var hv = await _team.AsAsync(HealthVisitor);
        await ChronicleApp.PostFormAsync(hv, NewEntry("observation"), Observation("Bruise seen on the left arm"));
        var original = await OnlyNewEntryAsync("observation");
        var correct = $"/children/{_team.Child}/entries/new?corrects={original}";

        var form = await OpenAsync(hv, correct);
        var noReason = await ChronicleApp.PostFormAsync(hv, correct, Observation("Bruise seen on the right arm"));
        var response = await ChronicleApp.PostFormAsync(hv, correct, Observation("Bruise seen on the right arm", ("reason", "The arm was written down wrongly: it was the right arm")));

        Assert.Equal("Bruise seen on the left arm", form.GetElementById("details.text")!.TextContent);
        Assert.NotNull(form.QuerySelector("input[name=source][value=reported-by][checked]"));
        Assert.Contains("Enter why the entry is being corrected", (await ParseAsync(noReason)).GetElementById("reason-error")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = _team.App.OpenDb();
        var correction = await db.Entries.AsNoTracking().SingleAsync(e => e.SupersedesEntryId == original);
        Assert.Equal("The arm was written down wrongly: it was the right arm", correction.CorrectionReason);
        Assert.Contains("done=corrected", response.Headers.Location!.OriginalString);
        var child = await OpenAsync(hv, $"/children/{_team.Child}/chronology");
        var old = child.GetElementById($"entry-{original}")!;
        Assert.Contains("Bruise seen on the left arm", Row(old, "What was recorded"));
        Assert.Contains("The arm was written down wrongly", Row(old, "Corrected"));
        Assert.Null(old.QuerySelector(".app-correct-entry"));
        var fresh = child.GetElementById($"entry-{correction.Id}")!;
        Assert.Contains("Bruise seen on the right arm", Row(fresh, "What was recorded"));
        Assert.Contains("Corrects", Row(fresh, "Correction"));
        Assert.NotNull(fresh.QuerySelector(".app-correct-entry"));
    }

    [Fact]
    public async Task A_double_submit_records_once()
    {
        var hv = await _team.AsAsync(HealthVisitor);
        var key = Guid.NewGuid().ToString();

        var first = await ChronicleApp.PostFormAsync(hv, NewEntry("observation"), Observation("Seen at clinic", ("idempotencyKey", key)));
        var second = await ChronicleApp.PostFormAsync(hv, NewEntry("observation"), Observation("Seen at clinic", ("idempotencyKey", key)));

        var id = await OnlyNewEntryAsync("observation");
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.EndsWith($"#entry-{id}", first.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Someone_outside_the_team_gets_page_not_found_and_writes_nothing()
    {
        await ChronicleApp.PostFormAsync(await _team.AsAsync(HealthVisitor), NewEntry("observation"), Observation("Seen at clinic"));
        var entry = await OnlyNewEntryAsync("observation");
        var police = await _team.AsAsync(PoliceOfficer);
        var before = await EntryCountAsync();

        var form = await police.GetAsync(NewEntry("observation"));
        var correction = await police.GetAsync($"/children/{_team.Child}/entries/new?corrects={entry}");
        var post = await ChronicleApp.PostFormAsync(police, NewEntry("observation"), Observation("Written by someone outside the team"), formPage: "/");

        Assert.Equal(HttpStatusCode.NotFound, form.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, correction.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.DoesNotContain("Child T", await post.Content.ReadAsStringAsync());
        Assert.Equal(before, await EntryCountAsync());
    }

    [Fact]
    public async Task The_form_builds_the_details_the_api_takes_and_leaves_blank_fields_out()
    {
        var fields = EntryForm.FieldsOf(typeof(Core.Chronology.Details.HomeVisit));
        var form = new Dictionary<string, string[]> { ["details.childSeen"] = ["yes"], ["details.childSeenAlone"] = [""], ["details.observations"] = ["  "] };
        var problems = new Core.Validation.Problems();

        var json = EntryForm.Build(fields, f => form.GetValueOrDefault(f) ?? [], "details", problems);

        Assert.False(problems.Any);
        Assert.Equal("{\"childSeen\":true}", json.ToJsonString());
    }

    private static Dictionary<string, string> Observation(string text, params (string Field, string Value)[] more)
    {
        var form = new Dictionary<string, string>
        {
            ["occurredAt"] = "10/2/2015",
            ["source"] = "reported-by",
            ["sourceName"] = "Maternal grandmother",
            ["significance"] = "significant",
            ["details.topic"] = "home-conditions",
            ["details.text"] = text,
        };
        foreach (var (field, value) in more) form[field] = value;
        return form;
    }

    private async Task<int> EntryCountAsync()
    {
        await using var db = _team.App.OpenDb();
        return await db.Entries.CountAsync();
    }

    /// <summary>The one entry of this kind recorded by the health visitor (the scenario has none).</summary>
    private async Task<Guid> OnlyNewEntryAsync(string kind)
    {
        await using var db = _team.App.OpenDb();
        var hv = _team.Id(HealthVisitor);
        return await db.Entries.Where(e => e.Kind == kind && e.RecordedByProfessionalId == hv && e.SupersedesEntryId == null).Select(e => e.Id).SingleAsync();
    }

    private static async Task<IDocument> OpenAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}");
        return await ParseAsync(response);
    }

    private static async Task<IDocument> ParseAsync(HttpResponseMessage response) =>
        await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(response.Content.ReadAsStream()));

    private static string Row(IElement card, string key) =>
        card.QuerySelectorAll(".govuk-summary-list__row").FirstOrDefault(r => r.QuerySelector(".govuk-summary-list__key")!.TextContent.Trim() == key)
            ?.QuerySelector(".govuk-summary-list__value")!.TextContent.Trim() is { } value
            ? System.Text.RegularExpressions.Regex.Replace(value, @"\s+", " ")
            : "";
}

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
    public async Task The_first_step_offers_the_kinds_the_users_agency_records_first_then_every_other_kind_once_and_each_has_a_form()
    {
        var hv = await _team.AsAsync(HealthVisitor);

        var page = await OpenAsync(hv, NewEntry());

        var usual = Kinds(page.DocumentElement, outside: "#other-kinds");
        var others = Kinds(page.GetElementById("other-kinds")!);
        Assert.Contains("home-visit", usual);
        Assert.Contains("observation", usual);
        Assert.DoesNotContain("police-protection", usual);
        Assert.DoesNotContain("contact-decision", usual);
        Assert.Contains("police-protection", others);
        // Child T is born: a birth cannot be about her, and is offered nowhere.
        var fitting = EntryKinds.All.Where(k => k.Code != "birth").Select(k => k.Code).Order();
        Assert.Equal(fitting, usual.Concat(others).Order());
        Assert.Equal("kind", page.QuerySelector("input[name=kind]")!.Id);
        foreach (var kind in EntryKinds.All.Where(k => k.Code != "birth"))
        {
            var form = await OpenAsync(hv, NewEntry(kind.Code));
            Assert.Contains(kind.Label, form.QuerySelector("h1")!.TextContent);
            Assert.NotNull(form.QuerySelector("form[method=post] input[name=__RequestVerificationToken]"));
        }
    }

    [Fact]
    public async Task Each_role_is_offered_first_what_its_agency_records()
    {
        var gp = Kinds((await OpenAsync(await _team.AsAsync(Gp), NewEntry())).DocumentElement, outside: "#other-kinds");
        var sw = Kinds((await OpenAsync(await _team.AsAsync(SocialWorker), NewEntry())).DocumentElement, outside: "#other-kinds");

        Assert.Contains("appointment", gp);
        Assert.Contains("observation", gp);
        Assert.Contains("contact", gp);
        Assert.DoesNotContain("contact-decision", gp);
        Assert.DoesNotContain("supervision", gp);
        Assert.Contains("home-visit", sw);
        Assert.Contains("supervision", sw);
        Assert.Contains("assessment-started", sw);
        Assert.DoesNotContain("police-incident", sw);
        Assert.DoesNotContain("appointment", sw);
    }

    [Fact]
    public async Task What_cannot_be_about_the_child_is_not_offered_and_a_posted_one_is_refused_by_field()
    {
        var sw = await _team.AsAsync(SocialWorker);
        var before = await EntryCountAsync();

        var decision = await OpenAsync(sw, NewEntry("contact-decision"));
        var assessment = await OpenAsync(sw, NewEntry("assessment-started"));
        var birthForm = await OpenAsync(sw, NewEntry("birth"));
        var birth = await ParseAsync(await ChronicleApp.PostFormAsync(sw, NewEntry("birth"), new() { ["occurredAt"] = "10/2/2015", ["source"] = "seen-by-recorder", ["details.bornOn"] = "10/2/2015", ["details.childPersonId"] = _team.Child.ToString() }));
        var preBirth = await ParseAsync(await ChronicleApp.PostFormAsync(sw, NewEntry("contact-decision"), new()
        {
            ["occurredAt"] = "10/2/2015 10:30", ["source"] = "seen-by-recorder", ["details.decision"] = "pre-birth-assessment", ["details.rationale"] = "Posted by hand",
        }));

        Assert.DoesNotContain("pre-birth-assessment", Options(decision, "details.decision"));
        Assert.Contains("child-and-family-assessment", Options(decision, "details.decision"));
        Assert.DoesNotContain("pre-birth", Options(assessment, "details.type"));
        Assert.DoesNotContain("antenatal", Options(assessment, "details.type"));
        Assert.Contains("new-birth", Options(assessment, "details.type"));
        Assert.Contains("already born", birthForm.GetElementById("kind-error")!.TextContent);
        Assert.Null(birthForm.QuerySelector("form[method=post] input[name=idempotencyKey]"));
        Assert.Equal(["#kind"], birth.QuerySelectorAll(".govuk-error-summary a").Select(a => a.GetAttribute("href")));
        Assert.Contains("Child T is already born", birth.GetElementById("kind-error")!.TextContent);
        Assert.Equal(["#details.decision"], preBirth.QuerySelectorAll(".govuk-error-summary a").Select(a => a.GetAttribute("href")));
        Assert.Contains("Child T was already born", preBirth.GetElementById("details.decision-error")!.TextContent);
        Assert.Equal(before, await EntryCountAsync());

        // Before the birth, the other way round: a birth is offered, an injury is not, and no one sees the unborn child.
        await using (var db = _team.App.OpenDb())
            await db.People.Where(p => p.Id == _team.Child).ExecuteUpdateAsync(u => u.SetProperty(p => p.Kind, Core.Record.PersonKind.UnbornChild).SetProperty(p => p.DateOfBirth, (DateOnly?)null));
        var unborn = await OpenAsync(sw, NewEntry());
        var visit = await OpenAsync(sw, NewEntry("home-visit"));
        var injury = await ParseAsync(await ChronicleApp.PostFormAsync(sw, NewEntry("injury"), new() { ["occurredAt"] = "10/2/2015", ["source"] = "seen-by-recorder", ["details.site"] = "arm" }));
        var seen = await ParseAsync(await ChronicleApp.PostFormAsync(sw, NewEntry("home-visit"), new()
        {
            ["occurredAt"] = "10/2/2015", ["source"] = "seen-by-recorder", ["details.childSeen"] = "no", ["details.peopleSeen"] = _team.Child.ToString(),
        }));

        var offered = unborn.QuerySelectorAll("input[name=kind]").Select(i => i.GetAttribute("value")).ToList();
        Assert.Contains("birth", offered);
        Assert.DoesNotContain("injury", offered);
        Assert.DoesNotContain("police-protection", offered);
        Assert.DoesNotContain(_team.Child.ToString(), visit.QuerySelectorAll("input[name='details.peopleSeen']").Select(i => i.GetAttribute("value")));
        Assert.NotEmpty(visit.QuerySelectorAll("input[name='details.peopleSeen']"));
        Assert.Contains("not born yet", injury.GetElementById("kind-error")!.TextContent);
        Assert.Equal(["#details.peopleSeen"], seen.QuerySelectorAll(".govuk-error-summary a").Select(a => a.GetAttribute("href")));
        Assert.Contains("Child T is not born yet, so cannot have been seen", seen.GetElementById("details.peopleSeen-error")!.TextContent);
        Assert.Equal(before, await EntryCountAsync());
    }

    [Fact]
    public async Task A_home_visit_offers_today_as_seen_by_the_recorder_asks_one_free_text_and_names_the_child_in_its_questions_and_errors()
    {
        var hv = await _team.AsAsync(HealthVisitor);
        var before = await EntryCountAsync();

        var form = await OpenAsync(hv, NewEntry("home-visit"));
        var refused = await ParseAsync(await ChronicleApp.PostFormAsync(hv, NewEntry("home-visit"), new() { ["details.observations"] = "Home warm, baby settled" }));

        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Core.Time.WorkingDayCalendar.UkTime).ToString("d/M/yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
        Assert.Equal(today, form.GetElementById("occurredAt")!.GetAttribute("value"));
        Assert.NotNull(form.QuerySelector("input[name=source][value=seen-by-recorder][checked]"));
        var precision = form.GetElementById("precision-details")!;
        Assert.Contains("Not sure of the exact date?", precision.QuerySelector("summary")!.TextContent);
        Assert.False(precision.HasAttribute("open"));
        Assert.All(form.QuerySelectorAll("input[name=occurredPrecision]"), i => Assert.Same(precision, i.Closest("details")));
        Assert.NotNull(form.GetElementById("details.observations"));
        Assert.Null(form.GetElementById("narrative"));
        Assert.Contains("Was Child T seen?", form.GetElementById("details.childSeen")!.Closest("fieldset")!.QuerySelector("legend")!.TextContent);

        var links = refused.QuerySelectorAll(".govuk-error-summary a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(["#occurredAt", "#source", "#details.childSeen"], links);
        Assert.Contains("Select whether Child T was seen", refused.GetElementById("details.childSeen-error")!.TextContent);
        Assert.Equal("Home warm, baby settled", refused.GetElementById("details.observations")!.TextContent);
        Assert.Equal(before, await EntryCountAsync());
    }

    [Fact]
    public async Task A_decision_posted_without_where_it_comes_from_or_with_nonsense_is_refused_not_given_a_default()
    {
        var sw = await _team.AsAsync(SocialWorker);
        var before = await EntryCountAsync();
        Dictionary<string, string> Decision(string? source)
        {
            var form = new Dictionary<string, string> { ["occurredAt"] = "10/2/2015 10:30", ["details.decision"] = "child-and-family-assessment", ["details.rationale"] = "Bruising on a baby", ["sharingLevel"] = "team" };
            if (source is not null) form["source"] = source;
            return form;
        }

        var missing = await ParseAsync(await ChronicleApp.PostFormAsync(sw, NewEntry("contact-decision"), Decision(null)));
        var nonsense = await ParseAsync(await ChronicleApp.PostFormAsync(sw, NewEntry("contact-decision"), Decision("my-cat")));

        Assert.NotNull(missing.GetElementById("source-error"));
        Assert.Contains("Select where the information comes from", nonsense.GetElementById("source-error")!.TextContent);
        Assert.True(missing.GetElementById("more-details")!.HasAttribute("open"));
        Assert.Equal(before, await EntryCountAsync());
    }

    [Fact]
    public async Task A_decision_on_a_contact_may_name_the_information_shared_with_the_front_door()
    {
        var hv = await _team.AsAsync(HealthVisitor);
        var shared = await _team.App.CreateAsync(hv, "/api/entries", new
        {
            kind = "information-shared",
            details = new { summary = "Mother says the father has moved back in", recipientProfessionalIds = new[] { _team.Id(SocialWorker) } },
            occurredAt = "2015-02-10T10:30:00Z",
            occurredPrecision = "exact",
            subjects = new[] { _team.Child },
            source = "seen-by-recorder",
        });

        var form = await OpenAsync(await _team.AsAsync(SocialWorker), NewEntry("contact-decision"));

        Assert.Contains(shared.ToString(), Options(form, "details.contactEntryId"));
    }

    [Fact]
    public async Task An_optional_yes_no_or_choice_starts_unselected()
    {
        var hv = await _team.AsAsync(HealthVisitor);

        var visit = await OpenAsync(hv, NewEntry("home-visit"));
        var injury = await OpenAsync(hv, NewEntry("injury"));

        Assert.Empty(visit.QuerySelectorAll("input[name='details.childSeenAlone'][checked]"));
        Assert.Empty(visit.QuerySelectorAll("input[name='details.accessGained'][checked]"));
        Assert.Empty(injury.QuerySelectorAll("input[name=source][checked]"));
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
        Assert.Contains("Baby unsettled; mother says the home is cold", Summary(card));
        Assert.Equal("Reported by Maternal grandmother", Row(card, "Source and certainty"));
        Assert.Equal("Testshire Health Visiting", card.QuerySelector(".app-entry__agency")!.TextContent.Trim());
        Assert.StartsWith(HealthVisitor, Row(card, "Recorded by"));
        Assert.Equal("Significant", card.QuerySelector(".app-entry__significance")!.TextContent.Trim());
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
        // Another kind asks how it is known in the form itself; only how precise the date is waits behind "Not sure of the exact date?".
        Assert.All(recording.Skip(1), name => Assert.Null(observation.QuerySelector($"form[method=post] [name={name}]")!.Closest("details")));
        Assert.Equal("precision-details", observation.QuerySelector("form[method=post] [name=occurredPrecision]")!.Closest("details")!.Id);
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
        Assert.Contains("Bruise seen on the left arm", Summary(old));
        Assert.Contains("The arm was written down wrongly", Row(old, "Corrected"));
        Assert.Null(old.QuerySelector(".app-correct-entry"));
        var fresh = child.GetElementById($"entry-{correction.Id}")!;
        Assert.Contains("Bruise seen on the right arm", Summary(fresh));
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

    /// <summary>The kinds offered as radios inside an element, leaving out those inside <paramref name="outside"/>.</summary>
    private static List<string> Kinds(IElement within, string? outside = null) =>
        [.. within.QuerySelectorAll("input[type=radio][name=kind]").Where(i => outside is null || i.Closest(outside) is null).Select(i => i.GetAttribute("value")!)];

    private static List<string> Options(IDocument page, string select) =>
        [.. page.QuerySelectorAll($"select[name='{select}'] option").Select(o => o.GetAttribute("value")!).Where(v => v.Length > 0)];

    private static async Task<IDocument> OpenAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}");
        return await ParseAsync(response);
    }

    private static async Task<IDocument> ParseAsync(HttpResponseMessage response) =>
        await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(response.Content.ReadAsStream()));

    /// <summary>What an entry's row of the chronology says was recorded, in one line.</summary>
    private static string Summary(IElement row) => System.Text.RegularExpressions.Regex.Replace(row.QuerySelector(".app-entry__summary")?.TextContent ?? "", @"\s+", " ").Trim();

    private static string Row(IElement card, string key) =>
        card.QuerySelectorAll(".govuk-summary-list__row").FirstOrDefault(r => r.QuerySelector(".govuk-summary-list__key")!.TextContent.Trim() == key)
            ?.QuerySelector(".govuk-summary-list__value")!.TextContent.Trim() is { } value
            ? System.Text.RegularExpressions.Regex.Replace(value, @"\s+", " ")
            : "";
}

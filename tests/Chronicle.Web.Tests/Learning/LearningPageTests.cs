using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using Chronicle.Core.Learning;
using Chronicle.Core.Safeguards;
using Chronicle.Testing;
using Chronicle.Web.Learning;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Tests.Learning;

/// <summary>The learning pages over the demo partnership: the seed reviews, their live figures, briefings, import and scrutiny.</summary>
public sealed class LearningPageTests(LearningApp fixture) : IClassFixture<LearningApp>
{
    private ChronicleApp App => fixture.App;

    [Fact]
    public async Task The_demo_partnership_holds_the_five_seed_reviews_confirmed_with_every_lesson_linked_to_safeguards_where_the_catalogue_has_one()
    {
        await using var db = App.OpenDb();
        var reviews = await db.Reviews.Where(r => r.Status != ReviewStatus.Draft).ToListAsync();
        Assert.Equal(SeedLibrary.All.Select(s => s.File).Order(), reviews.Where(r => r.SourceDocument != null && r.SourceDocument.EndsWith(".txt", StringComparison.Ordinal)).Select(r => r.SourceDocument!).Distinct().Order());
        var lessons = await db.ReviewItems.Where(i => i.Type == ReviewItemType.Lesson && reviews.Select(r => r.Id).Contains(i.ReviewId)).ToListAsync();
        var links = await db.LessonSafeguards.ToListAsync();
        Assert.True(lessons.Count >= 30, $"only {lessons.Count} lessons");
        var linked = lessons.Count(l => links.Any(x => x.LessonItemId == l.Id));
        Assert.True(linked >= lessons.Count * 3 / 4, $"{linked} of {lessons.Count} lessons are linked to a safeguard");
        Assert.All(links, l => Assert.NotNull(SafeguardCatalogue.Find(l.SafeguardId)));
        var bf = reviews.Single(r => r.Id == fixture.ChildBf);
        Assert.Contains("Police", bf.AgenciesScrutinised.Split('\n'));
    }

    [Fact]
    public async Task Emilys_review_states_its_learning_as_recommendations_and_they_carry_the_safeguards_the_catalogue_quotes_them_for()
    {
        await using var db = App.OpenDb();
        var emily = await db.Reviews.SingleAsync(r => r.SourceDocument == "003_94151bc4743da5b9.txt");
        var recommendations = await db.ReviewItems.Where(i => i.ReviewId == emily.Id && i.Type == ReviewItemType.Recommendation).ToListAsync();
        var links = await db.LessonSafeguards.ToListAsync();
        string[] Linked(string number) => [.. links.Where(l => l.LessonItemId == recommendations.Single(r => r.Number == number).Id).Select(l => l.SafeguardId).Order()];
        Assert.Contains("SG-23", Linked("1.3"));
        Assert.Contains("SG-13", Linked("2.1"));
        Assert.Contains("SG-11", Linked("2.2"));
        Assert.Contains("SG-16", Linked("3.1"));

        var page = await OpenAsync(fixture.Practitioner, $"/learning/reviews/{emily.Id}");
        Assert.Contains("/safeguards/SG-13", page.QuerySelectorAll("#recommendations a.app-safeguard").Select(a => a.GetAttribute("href")));
        // Its figures count practice since Chronicle began holding it, never the replayed history of years before.
        var fired = page.QuerySelectorAll("#impact-figures tbody tr").Sum(r => int.Parse(r.Children[1].TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture));
        var since = (await ImpactPeriod.OfAsync(db, emily)).Since;
        var safeguards = page.QuerySelectorAll("#impact-figures tbody tr").Select(r => r.GetAttribute("data-safeguard")!).ToList();
        var counted = await db.Alerts.CountAsync(a => safeguards.Contains(a.SafeguardId) && a.RaisedAt >= since);
        var before = await db.Alerts.CountAsync(a => safeguards.Contains(a.SafeguardId) && a.RaisedAt < since);
        Assert.Equal(counted, fired);
        Assert.True(before > 0, $"the demo's history raised none of these safeguards' alerts ({counted} since {since})");
        Assert.Contains("since this review was recorded in Chronicle", page.QuerySelector("#impact-period")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_seed_review_page_shows_its_numbered_findings_linked_safeguards_and_live_figures_with_a_chart_and_its_table()
    {
        var page = await OpenAsync(fixture.Practitioner, $"/learning/reviews/{fixture.ChildBf}");

        Assert.Equal("Serious Case Review in relation to Child BF", page.QuerySelector("h1")!.TextContent.Trim());
        var findings = page.QuerySelectorAll("#findings .app-item__number").Select(n => n.TextContent.Trim()).ToList();
        Assert.Equal(["BF1", "BF2", "BF3", "BF4", "BF5", "BF6", "BF7"], findings);
        var lessonNumbers = page.QuerySelectorAll("#lessons .app-item__number").Select(n => n.TextContent.Trim()).ToList();
        Assert.Contains("BF1.1", lessonNumbers);
        var safeguardLinks = page.QuerySelectorAll("#lessons a.app-safeguard").Select(a => a.GetAttribute("href")!).ToList();
        Assert.NotEmpty(safeguardLinks);
        Assert.All(safeguardLinks, href => Assert.Matches("^/safeguards/SG-[0-9]{2}$", href));

        var rows = page.QuerySelectorAll("#impact-figures tbody tr").ToList();
        Assert.NotEmpty(rows);
        var fired = rows.Sum(r => int.Parse(r.Children[1].TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture));
        if (page.QuerySelector("svg#trend-chart") is { } chart)
        {
            Assert.Equal("img", chart.GetAttribute("role"));
            Assert.NotNull(chart.QuerySelector("title"));
            Assert.NotEmpty(chart.QuerySelectorAll("rect.app-chart__bar"));
            var table = page.QuerySelectorAll("#trend-table tbody tr").Sum(r => int.Parse(r.Children[1].TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(fired, table);
        }
        else
        {
            Assert.Equal(0, fired);
            Assert.NotNull(page.QuerySelector("#no-trend"));
        }
    }

    [Fact]
    public async Task The_live_figures_count_the_alerts_the_practice_side_raised_for_the_linked_safeguards()
    {
        await using var db = App.OpenDb();
        var lessonIds = await db.ReviewItems.Where(i => i.ReviewId == fixture.ChildBf && i.Type == ReviewItemType.Lesson).Select(i => i.Id).ToListAsync();
        var safeguards = await db.LessonSafeguards.Where(l => lessonIds.Contains(l.LessonItemId)).Select(l => l.SafeguardId).Distinct().ToListAsync();
        var page = await OpenAsync(fixture.Practitioner, $"/learning/reviews/{fixture.ChildBf}");

        // Child BF's own case, replayed as history years before, is not practice since the review.
        var since = (await ImpactPeriod.OfAsync(db, await db.Reviews.SingleAsync(r => r.Id == fixture.ChildBf))).Since;
        Assert.True(await db.Alerts.CountAsync(a => safeguards.Contains(a.SafeguardId) && a.RaisedAt < since) > 0, "the replay of Child BF raised none of its lessons' safeguards");
        foreach (var id in safeguards)
        {
            var expected = await db.Alerts.CountAsync(a => a.SafeguardId == id && a.RaisedAt >= since);
            var row = page.QuerySelector($"#impact-figures tr[data-safeguard='{id}']")!;
            Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), row.Children[1].TextContent.Trim());
        }
    }

    [Fact]
    public async Task Recording_publication_counts_the_live_figures_since_then_and_a_future_date_is_refused()
    {
        var future = await ParseAsync(await ChronicleApp.PostFormAsync(fixture.BusinessUnit, $"/learning/reviews/{fixture.BabyR}/publish", new() { ["publishedOn"] = "1/1/2100" }));
        Assert.Equal("#publishedOn", future.QuerySelector(".govuk-error-summary a")!.GetAttribute("href"));

        var published = await ChronicleApp.PostFormAsync(fixture.BusinessUnit, $"/learning/reviews/{fixture.BabyR}/publish", new() { ["publishedOn"] = "1/6/2016" });
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);

        var page = await OpenAsync(fixture.Practitioner, $"/learning/reviews/{fixture.BabyR}");
        Assert.Contains("1 June 2016", page.QuerySelector(".govuk-summary-list")!.TextContent);
        // Published before the partnership began in Chronicle: the figures count from when it began, and say so.
        var period = page.QuerySelector("#impact-period")!.TextContent;
        Assert.Contains("since the review was published on 1 June 2016", period, StringComparison.Ordinal);
        Assert.Contains("Chronicle began holding this partnership's records on", period, StringComparison.Ordinal);
        await using var db = App.OpenDb();
        var began = await db.Partnerships.Select(p => p.CreatedAt).SingleAsync();
        foreach (var row in page.QuerySelectorAll("#impact-figures tbody tr"))
        {
            var id = row.GetAttribute("data-safeguard");
            Assert.Equal(await db.Alerts.CountAsync(a => a.SafeguardId == id && a.RaisedAt >= began), int.Parse(row.Children[1].TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(6, row.Children.Length);
        }
    }

    [Fact]
    public async Task The_printable_briefing_has_the_seven_sections_of_the_seed_briefings_and_no_navigation()
    {
        var page = await OpenAsync(fixture.Practitioner, $"/learning/reviews/{fixture.BabyR}/briefing/print");

        Assert.Equal(Briefing.Headings, page.QuerySelectorAll(".app-briefing h2").Select(h => h.TextContent.Trim()));
        Assert.Null(page.QuerySelector(".govuk-service-navigation"));
        Assert.Null(page.QuerySelector("header"));
        Assert.Contains(page.QuerySelectorAll("link[rel=stylesheet]"), l => l.GetAttribute("href")!.StartsWith("/css/briefing-print.css", StringComparison.Ordinal));
        var learnt = page.QuerySelector("#what-we-learnt")!.TextContent;
        Assert.Contains("We need to be certain that we record findings accurately.", learnt);
        var goodPractice = page.QuerySelector("#good-practice")!.TextContent;
        Assert.Contains("The Child Protection medical was conducted promptly", goodPractice);
        // Every link of the printed page is absolute, so that print CSS can write it out.
        Assert.All(page.QuerySelectorAll(".app-briefing a"), a => Assert.StartsWith("http", a.GetAttribute("href")!, StringComparison.Ordinal));
        var css = await fixture.Practitioner.GetStringAsync("/css/briefing-print.css");
        Assert.Contains("size: A4", css);
        Assert.Contains("content: \" (\" attr(href) \")\"", css);
    }

    [Fact]
    public async Task The_briefing_page_shows_the_sections_and_a_practitioners_feedback_reaches_its_summary()
    {
        var response = await ChronicleApp.PostFormAsync(fixture.Practitioner, $"/learning/reviews/{fixture.BabyR}/feedback",
            new() { ["usefulness"] = "4", ["practiceChange"] = "I will record 'not known' when a medical cannot say how a bruise was caused." });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var page = await OpenAsync(fixture.BusinessUnit, $"/learning/reviews/{fixture.BabyR}/briefing");
        Assert.Equal(Briefing.Headings, page.QuerySelectorAll(".app-briefing h2").Select(h => h.TextContent.Trim()));
        Assert.Contains("I will record 'not known'", page.QuerySelector("#practice-changes")!.TextContent);
    }

    [Fact]
    public async Task A_practitioner_counts_once_by_their_latest_answer_the_earlier_kept_and_those_who_run_the_cycle_do_not_answer_a_briefing()
    {
        var review = await fixture.ReviewIdAsync("003_94151bc4743da5b9.txt");
        var url = $"/learning/reviews/{review}/feedback";
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.BusinessUnit.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ChronicleApp.PostFormAsync(fixture.BusinessUnit, url, new() { ["usefulness"] = "5" }, $"/learning/reviews/{review}/briefing")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await ChronicleApp.PostFormAsync(fixture.Practitioner, url,
            new() { ["usefulness"] = "5", ["practiceChange"] = "First answer: ask who else lives in the home." })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ChronicleApp.PostFormAsync(fixture.Practitioner, url,
            new() { ["usefulness"] = "2", ["practiceChange"] = "Second answer: see who else lives in the home at every visit." })).StatusCode);

        await using var db = App.OpenDb();
        Assert.Equal(2, await db.BriefingFeedback.CountAsync(f => f.ReviewId == review));
        var page = await OpenAsync(fixture.BusinessUnit, $"/learning/reviews/{review}/briefing");
        // The briefing offers feedback only to those who may give it.
        Assert.Null(page.QuerySelector("#give-feedback"));
        Assert.NotNull((await OpenAsync(fixture.Practitioner, $"/learning/reviews/{review}/briefing")).QuerySelector("#give-feedback"));
        string Row(string key) => page.QuerySelectorAll(".govuk-summary-list__row")
            .Single(r => r.QuerySelector(".govuk-summary-list__key")!.TextContent.Trim() == key).QuerySelector(".govuk-summary-list__value")!.TextContent.Trim();
        Assert.Equal("1", Row("Responses"));
        Assert.Equal("2 out of 5", Row("Average usefulness"));
        var changes = page.QuerySelector("#practice-changes")!.TextContent;
        Assert.Contains("Second answer", changes);
        Assert.DoesNotContain("First answer", changes);
    }

    [Fact]
    public async Task Feedback_without_a_usefulness_is_refused_naming_the_field_and_nothing_is_stored()
    {
        await using var db = App.OpenDb();
        var before = await db.BriefingFeedback.CountAsync();

        var response = await ChronicleApp.PostFormAsync(fixture.Practitioner, $"/learning/reviews/{fixture.ChildBf}/feedback", new() { ["comment"] = "Useful" });

        var page = await ParseAsync(response);
        Assert.Equal("#usefulness", page.QuerySelector(".govuk-error-summary a")!.GetAttribute("href"));
        Assert.Equal(before, await db.BriefingFeedback.CountAsync());
    }

    [Fact]
    public async Task Recording_a_dissemination_with_its_reach_shows_on_the_briefing()
    {
        var response = await ChronicleApp.PostFormAsync(fixture.BusinessUnit, $"/learning/reviews/{fixture.ChildBf}/disseminations",
            new() { ["channel"] = "Workshop", ["heldOn"] = "14/3/2021", ["reach"] = "42", ["audience"] = "Health visitors" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var page = await OpenAsync(fixture.BusinessUnit, $"/learning/reviews/{fixture.ChildBf}/briefing");
        var row = page.QuerySelectorAll("#disseminations tbody tr").Single(r => r.TextContent.Contains("Health visitors", StringComparison.Ordinal));
        Assert.Contains("Workshop", row.TextContent);
        Assert.Contains("42", row.TextContent);
    }

    [Fact]
    public async Task Evidence_with_a_date_that_cannot_be_read_is_refused_by_field_and_impact_needs_evidence_first()
    {
        await using var db = App.OpenDb();
        var action = await db.ResponseActions.Where(a => a.ReviewId == fixture.BabyR || a.ReviewId == fixture.ChildBf).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync();

        var refused = await ParseAsync(await ChronicleApp.PostFormAsync(fixture.BusinessUnit, $"/learning/actions/{action}?handler=Status",
            new() { ["status"] = "ImpactEvidenced" }, $"/learning/actions/{action}"));
        Assert.Contains("Add evidence of impact first", refused.QuerySelector(".govuk-error-summary")!.TextContent);

        var badDate = await ParseAsync(await ChronicleApp.PostFormAsync(fixture.BusinessUnit, $"/learning/actions/{action}?handler=Evidence",
            new() { ["kind"] = "StaffSurvey", ["summary"] = "82% of staff know the bruising protocol", ["recordedOn"] = "31/2/2021" }, $"/learning/actions/{action}"));
        Assert.Equal("#recordedOn", badDate.QuerySelector(".govuk-error-summary a")!.GetAttribute("href"));
        Assert.Equal(0, await db.EvidenceItems.CountAsync(e => e.ActionId == action));

        var added = await ChronicleApp.PostFormAsync(fixture.BusinessUnit, $"/learning/actions/{action}?handler=Evidence",
            new() { ["kind"] = "StaffSurvey", ["summary"] = "82% of staff know the bruising protocol", ["recordedOn"] = "1/3/2021" }, $"/learning/actions/{action}");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var evidenced = await ChronicleApp.PostFormAsync(fixture.BusinessUnit, $"/learning/actions/{action}?handler=Status", new() { ["status"] = "ImpactEvidenced" }, $"/learning/actions/{action}");
        Assert.Equal(HttpStatusCode.Redirect, evidenced.StatusCode);
    }

    [Fact]
    public async Task Importing_a_seed_document_shows_a_draft_with_the_words_behind_each_theme_and_the_recurrence_panel_then_confirm_creates_the_review()
    {
        var text = SeedLibrary.All.Single(s => s.File.StartsWith("002", StringComparison.Ordinal)).Text;
        var response = await ChronicleApp.PostFormAsync(fixture.BusinessUnit, "/learning/import", new() { ["text"] = text, ["source"] = "Dorset synopsis" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var draftPath = response.Headers.Location!.AbsolutePathOf();
        Assert.EndsWith("/draft", draftPath);

        var draft = await OpenAsync(fixture.BusinessUnit, draftPath);
        Assert.Contains("Check the draft", draft.Title);
        Assert.NotEmpty(draft.QuerySelectorAll("#suggested-themes [data-theme='non-mobile-injuries']"));
        Assert.Contains("“bruis", draft.QuerySelector("#suggested-themes [data-theme='non-mobile-injuries']")!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("This mirrors an earlier review", draft.QuerySelector(".app-mirrors")!.TextContent);
        Assert.Contains("Serious Case Review Family S22", draft.QuerySelector("#recurrence")!.TextContent);

        var confirmed = await ChronicleApp.PostFormAsync(fixture.BusinessUnit, draftPath + "?handler=Confirm", new(), draftPath);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var review = await OpenAsync(fixture.BusinessUnit, confirmed.Headers.Location!.OriginalString);
        Assert.Equal("Serious Case Review Family S22", review.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("Dorset synopsis", review.QuerySelector(".govuk-summary-list")!.TextContent);
    }

    [Fact]
    public async Task A_draft_item_can_be_corrected_or_removed_before_confirming()
    {
        var response = await ChronicleApp.PostFormAsync(fixture.BusinessUnit, "/learning/import",
            new() { ["text"] = "Learning Review of Child Q\n\nWHAT WE HAVE LEARNT\n\n- Fathers must be assessed.\n- Bruising in a baby who is not mobile must be referred.\n" });
        var draftPath = response.Headers.Location!.AbsolutePathOf();
        var reviewId = Guid.Parse(draftPath.Split('/')[3]);
        await using var db = App.OpenDb();
        var items = await db.ReviewItems.Where(i => i.ReviewId == reviewId).OrderBy(i => i.Position).ToListAsync();
        Assert.Equal(2, items.Count);

        var empty = await ParseAsync(await ChronicleApp.PostFormAsync(fixture.BusinessUnit, draftPath + "?handler=Edit", new() { ["itemId"] = items[0].Id.ToString(), ["text"] = " " }, draftPath));
        Assert.Equal("#text", empty.QuerySelector(".govuk-error-summary a")!.GetAttribute("href"));
        await ChronicleApp.PostFormAsync(fixture.BusinessUnit, draftPath + "?handler=Edit",
            new() { ["itemId"] = items[0].Id.ToString(), ["number"] = "1", ["text"] = "Fathers and male carers must be assessed.", ["themes"] = "fathers-and-significant-adults" }, draftPath);
        await ChronicleApp.PostFormAsync(fixture.BusinessUnit, draftPath + "?handler=Remove", new() { ["itemId"] = items[1].Id.ToString() }, draftPath);

        await using var after = App.OpenDb();
        var left = await after.ReviewItems.SingleAsync(i => i.ReviewId == reviewId);
        Assert.Equal(("1", "Fathers and male carers must be assessed.", "fathers-and-significant-adults"), (left.Number, left.Text, left.Themes));
    }

    [Fact]
    public async Task A_draft_action_can_be_corrected_and_a_deadline_that_cannot_be_read_changes_nothing()
    {
        var text = SeedLibrary.All.Single(s => s.File.StartsWith("004", StringComparison.Ordinal)).Text;
        var response = await ChronicleApp.PostFormAsync(fixture.BusinessUnit, "/learning/import", new() { ["text"] = text });
        var draftPath = response.Headers.Location!.AbsolutePathOf();
        var reviewId = Guid.Parse(draftPath.Split('/')[3]);
        await using var db = App.OpenDb();
        var action = await db.ResponseActions.Where(a => a.ReviewId == reviewId).OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).FirstAsync();
        var form = $"{draftPath}?editAction={action.Id}";
        Assert.NotNull((await OpenAsync(fixture.BusinessUnit, form)).QuerySelector($"#action-{action.Id} form textarea#howWeWillKnow"));

        var bad = await ParseAsync(await ChronicleApp.PostFormAsync(fixture.BusinessUnit, draftPath + "?handler=EditAction",
            new() { ["itemId"] = action.Id.ToString(), ["description"] = "Changed", ["deadline"] = "next spring" }, form));
        Assert.Equal("#deadline", bad.QuerySelector(".govuk-error-summary a")!.GetAttribute("href"));
        await using (var unchanged = App.OpenDb())
            Assert.Equal(action.Description, (await unchanged.ResponseActions.SingleAsync(a => a.Id == action.Id)).Description);
        await ChronicleApp.PostFormAsync(fixture.BusinessUnit, draftPath + "?handler=EditAction",
            new() { ["itemId"] = action.Id.ToString(), ["description"] = "Audit pre-birth referrals", ["owner"] = "Health sub-group", ["deadline"] = "31/12/2020", ["howWeWillKnow"] = "Audit of 20 referrals" }, form);

        await using var after = App.OpenDb();
        var saved = await after.ResponseActions.SingleAsync(a => a.Id == action.Id);
        Assert.Equal(("Audit pre-birth referrals", "Health sub-group", new DateOnly(2020, 12, 31), "Audit of 20 referrals"), (saved.Description, saved.Owner, saved.Deadline!.Value, saved.HowWeWillKnow));
    }

    [Fact]
    public async Task A_lesson_written_on_the_page_is_checked_against_earlier_reviews_then_added_with_its_safeguards()
    {
        var review = await App.CreateAsync(fixture.BusinessUnit, "/api/learning/reviews", new { title = "CSPR Child W", type = "child-safeguarding-practice-review" });
        var path = $"/learning/reviews/{review}/items";
        var text = "We need to be certain that we record findings accurately, and that a bruise on a non-mobile baby is never explained away.";

        var check = await ParseAsync(await ChronicleApp.PostFormAsync(fixture.BusinessUnit, path + "?handler=Check", new() { ["type"] = "Lesson", ["number"] = "1", ["text"] = text }, path));
        Assert.Contains("This mirrors an earlier review", check.QuerySelector("#recurrence")!.TextContent);
        Assert.Contains("Child Protection Incident Review Briefing – Baby R", check.QuerySelector("#recurrence")!.TextContent);
        Assert.Contains("Injuries to non-mobile babies", check.QuerySelector("#suggested-themes")!.TextContent);
        Assert.Equal(text, check.QuerySelector("textarea#text")!.TextContent);

        var added = await ChronicleApp.PostFormAsync(fixture.BusinessUnit, path, new() { ["type"] = "Lesson", ["number"] = "1", ["text"] = text }, path);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var page = await OpenAsync(fixture.Practitioner, $"/learning/reviews/{review}");
        // A safeguard is named, not given as its code.
        Assert.Contains(Chronicle.Core.Safeguards.SafeguardCatalogue.Find("SG-01")!.Title, page.QuerySelectorAll("#lessons a.app-safeguard").Select(a => a.TextContent));
        Assert.DoesNotContain(page.QuerySelectorAll("#lessons a.app-safeguard, #impact-figures a"), a => a.TextContent.Trim().StartsWith("SG-", StringComparison.Ordinal));

        var duplicate = await ParseAsync(await ChronicleApp.PostFormAsync(fixture.BusinessUnit, path, new() { ["type"] = "Lesson", ["number"] = "1", ["text"] = "Another" }, path));
        Assert.Equal("#number", duplicate.QuerySelector(".govuk-error-summary a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task An_action_is_added_on_the_page_with_owner_deadline_and_how_we_will_know()
    {
        var path = $"/learning/reviews/{fixture.BabyR}/actions/new";
        var bad = await ParseAsync(await ChronicleApp.PostFormAsync(fixture.BusinessUnit, path, new() { ["deadline"] = "soon" }));
        Assert.Equal(["#description", "#deadline"], bad.QuerySelectorAll(".govuk-error-summary a").Select(a => a.GetAttribute("href")));

        var added = await ChronicleApp.PostFormAsync(fixture.BusinessUnit, path,
            new() { ["description"] = "Supervision audit of child protection cases", ["owner"] = "Quality sub-group", ["deadline"] = "30/9/2021", ["expectedImpact"] = "Every case supervised at opening", ["howWeWillKnow"] = "Audit of 30 cases" });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var page = await OpenAsync(fixture.Practitioner, $"/learning/reviews/{fixture.BabyR}");
        var card = page.QuerySelectorAll(".app-action").Single(c => c.TextContent.Contains("Supervision audit of child protection cases", StringComparison.Ordinal));
        Assert.Contains("Quality sub-group", card.TextContent);
        Assert.Contains("30 September 2021", card.TextContent);
        Assert.Contains("Audit of 30 cases", card.TextContent);
    }

    [Fact]
    public async Task An_empty_import_is_refused_naming_the_field()
    {
        var page = await ParseAsync(await ChronicleApp.PostFormAsync(fixture.BusinessUnit, "/learning/import", new() { ["text"] = "  " }));

        Assert.Equal("#text", page.QuerySelector(".govuk-error-summary a")!.GetAttribute("href"));
        Assert.StartsWith("Error:", page.Title);
    }

    [Fact]
    public async Task An_incident_is_recorded_then_notified_and_rapid_reviewed_with_its_clocks_met_or_late()
    {
        var created = await ChronicleApp.PostFormAsync(fixture.BusinessUnit, "/learning/incidents/new",
            new() { ["title"] = "Baby T", ["summary"] = "A 3-month-old baby with a fractured femur.", ["awareOn"] = "2/3/2026" });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var path = created.Headers.Location!.AbsolutePathOf();
        // Aware Monday 2 March 2026: notification due Monday 9 March (5 working days); notified on the 10th, a day late.
        await ChronicleApp.PostFormAsync(fixture.BusinessUnit, path + "/update?handler=Notification", new() { ["notifiedOn"] = "10/3/2026" }, path + "/update");
        await ChronicleApp.PostFormAsync(fixture.BusinessUnit, path + "/update?handler=RapidReview",
            new() { ["completedOn"] = "20/3/2026", ["decision"] = "LocalPracticeReview", ["rationale"] = "Serious harm; learning about hospital and police information sharing." }, path + "/update");

        var page = await OpenAsync(fixture.Practitioner, path);
        var lc1 = page.QuerySelector("tr[data-clock='LC-01']")!.TextContent;
        Assert.Contains("9 March 2026", lc1);
        Assert.Contains("Late", lc1);
        var lc2 = page.QuerySelector("tr[data-clock='LC-02']")!.TextContent;
        Assert.Contains("Met", lc2);
        Assert.Contains("Local child safeguarding practice review", page.QuerySelector(".govuk-summary-list")!.TextContent);
    }

    [Fact]
    public async Task A_rapid_review_with_an_unreadable_date_writes_nothing()
    {
        var created = await ChronicleApp.PostFormAsync(fixture.BusinessUnit, "/learning/incidents/new",
            new() { ["title"] = "Child U", ["summary"] = "Summary", ["awareOn"] = "2/3/2026" });
        var path = created.Headers.Location!.AbsolutePathOf();
        await ChronicleApp.PostFormAsync(fixture.BusinessUnit, path + "/update?handler=Notification", new() { ["notifiedOn"] = "3/3/2026" }, path + "/update");

        var page = await ParseAsync(await ChronicleApp.PostFormAsync(fixture.BusinessUnit, path + "/update?handler=RapidReview",
            new() { ["completedOn"] = "20/3/2026", ["decision"] = "NoReview", ["rationale"] = "No learning", ["decidedOn"] = "yesterday" }, path + "/update"));

        Assert.Equal("#decidedOn", page.QuerySelector(".govuk-error-summary a")!.GetAttribute("href"));
        await using var db = App.OpenDb();
        var incident = await db.SeriousIncidents.SingleAsync(i => i.Title == "Child U");
        Assert.Null(incident.RapidReviewCompletedOn);
        Assert.Null(incident.Decision);
    }

    [Fact]
    public async Task The_scrutiny_page_shows_actions_by_status_recurring_themes_with_a_chart_and_timeliness_and_a_practitioner_is_refused()
    {
        var page = await OpenAsync(fixture.BusinessUnit, "/learning/scrutiny");

        var total = page.QuerySelectorAll("#actions-by-status tbody tr").Sum(r => int.Parse(r.Children[1].TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture));
        await using var db = App.OpenDb();
        var reviews = await db.Reviews.Where(r => r.Status != ReviewStatus.Draft).ToListAsync();
        var history = reviews.Where(r => r.HeldAsHistory).Select(r => r.Id).ToList();
        var current = reviews.Where(r => !r.HeldAsHistory).Select(r => r.Id).ToList();
        Assert.NotEmpty(history);
        // The actions of reviews held as history are apart, as their documents recorded them: never counted as not
        // started or overdue today.
        Assert.Equal(await db.ResponseActions.CountAsync(a => current.Contains(a.ReviewId)), total);
        var recorded = await db.ResponseActions.CountAsync(a => history.Contains(a.ReviewId));
        Assert.True(recorded > 0);
        Assert.Equal(recorded, page.QuerySelectorAll("#as-recorded tbody tr").Length);
        // An import gives an action no status of the document's: "not started" is not what the document said.
        Assert.DoesNotContain(page.QuerySelectorAll("#as-recorded tbody tr"), r => r.Children[^1].TextContent.Trim() == "Not started");
        var historyLinks = history.Select(h => $"/learning/reviews/{h}").ToList();
        Assert.DoesNotContain(page.QuerySelectorAll("#overdue a, #done-without-evidence a"), a => historyLinks.Contains(a.GetAttribute("href")!));
        Assert.Contains("listed apart", page.QuerySelector("#actions-counted")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("img", page.QuerySelector("svg#themes-chart")!.GetAttribute("role"));
        Assert.True(page.QuerySelectorAll("#recurring-themes tbody tr").Length >= 5);
        Assert.True(page.QuerySelectorAll("#timeliness tbody tr").Length >= 5);

        var refused = await fixture.Practitioner.GetAsync("/learning/scrutiny");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task Each_learning_role_lands_on_its_own_work_and_someone_with_both_roles_sees_both()
    {
        var unit = await OpenAsync(fixture.BusinessUnit, "/");
        Assert.NotNull(unit.QuerySelector("#learning-cycle"));
        Assert.Null(unit.QuerySelector("#for-scrutiny"));
        Assert.Equal(["incidents", "drafts", "in-progress", "to-share", "feedback", "to-chase"],
            unit.QuerySelectorAll("#learning-cycle-counts .govuk-summary-list__row").Select(r => r.GetAttribute("data-list")));

        var scrutineerClient = await App.SignInAsync(await App.UserNameOfAsync(Chronicle.Web.Hosting.DemoAccounts.Scrutineer));
        var scrutineer = await OpenAsync(scrutineerClient, "/");
        Assert.NotNull(scrutineer.QuerySelector("#for-scrutiny"));
        Assert.Null(scrutineer.QuerySelector("#learning-cycle"));
        // The seed reviews' lessons carry safeguards: each links to its figures. Their actions, held as history, are
        // neither done without evidence nor past their deadline today.
        await using var db = App.OpenDb();
        var history = (await db.Reviews.ToListAsync()).Where(r => r.HeldAsHistory).Select(r => r.Id).ToList();
        Assert.True(await db.ResponseActions.CountAsync(a => history.Contains(a.ReviewId)) > 0);
        // Other tests of this app may publish a seed review on a day of its own, so that its actions run again: those alone count.
        var today = Core.Time.WorkingDayCalendar.UkDate(DateTimeOffset.UtcNow);
        var current = (await db.ResponseActions.Where(a => !history.Contains(a.ReviewId)).ToListAsync())
            .Count(a => a.Status is Core.Learning.ActionStatus.NotStarted or Core.Learning.ActionStatus.InProgress && a.Deadline < today);
        Assert.Equal(current.ToString(System.Globalization.CultureInfo.InvariantCulture), scrutineer.QuerySelector(".govuk-summary-list__row[data-list='past-deadline'] dd")!.TextContent.Trim());
        var historyActions = (await db.ResponseActions.Where(a => history.Contains(a.ReviewId)).Select(a => a.Id).ToListAsync()).Select(id => id.ToString()).ToList();
        Assert.DoesNotContain(scrutineer.QuerySelectorAll("#tray-past-deadline-list a, #tray-done-without-evidence-list a"), a => historyActions.Any(id => a.GetAttribute("href")!.Contains(id, StringComparison.OrdinalIgnoreCase)));
        Assert.Contains(scrutineer.QuerySelectorAll("#tray-impact-list a"), a => a.GetAttribute("href") == $"/learning/reviews/{fixture.ChildBf}#impact");
        Assert.NotEmpty(scrutineer.QuerySelectorAll("#tray-themes-list tbody tr"));
        // Every theme found in more than one review is counted, though the table shows the five most recurrent.
        var scrutiny = System.Text.Json.JsonDocument.Parse(await scrutineerClient.GetStringAsync("/api/learning/scrutiny")).RootElement;
        var recurring = scrutiny.GetProperty("recurringThemes").EnumerateArray().Count(t => t.GetProperty("reviews").GetArrayLength() > 1);
        Assert.Equal(recurring.ToString(System.Globalization.CultureInfo.InvariantCulture), scrutineer.QuerySelector(".govuk-summary-list__row[data-list='themes'] dd")!.TextContent.Trim());
        Assert.Equal(Math.Min(5, recurring), scrutineer.QuerySelectorAll("#tray-themes-list tbody tr").Length);
        Assert.DoesNotContain("SG-", scrutineer.QuerySelector("#other-work")!.TextContent, StringComparison.Ordinal);

        // An account with both roles: the cycle to run and the questions to ask, one after the other.
        var unitName = await App.UserNameOfAsync(Chronicle.Web.Hosting.DemoAccounts.BusinessUnitOfficer);
        var both = await db.UserAccounts.SingleAsync(a => a.UserName == unitName);
        db.UserAccounts.Add(new Core.Security.UserAccount
        {
            Id = Guid.NewGuid(), PartnershipId = both.PartnershipId, ProfessionalId = both.ProfessionalId, UserName = "unit-and-scrutiny", DisplayName = both.DisplayName,
            PasswordHash = both.PasswordHash, Roles = "BusinessUnit,Reviewer", CreatedAt = both.CreatedAt,
        });
        await db.SaveChangesAsync();
        var home = await OpenAsync(await App.SignInAsync("unit-and-scrutiny"), "/");
        Assert.True(home.GetElementById("learning-cycle")!.CompareDocumentPosition(home.GetElementById("for-scrutiny")!).HasFlag(DocumentPositions.Following));
    }

    [Fact]
    public async Task The_navigation_offers_learning_to_everyone_and_scrutiny_to_the_business_unit()
    {
        var practitioner = await OpenAsync(fixture.Practitioner, "/learning");
        var unit = await OpenAsync(fixture.BusinessUnit, "/learning");

        Assert.Contains(practitioner.QuerySelectorAll(".govuk-service-navigation__link"), a => a.GetAttribute("href") == "/learning");
        Assert.DoesNotContain(practitioner.QuerySelectorAll(".govuk-service-navigation__link"), a => a.GetAttribute("href") == "/learning/scrutiny");
        Assert.Contains(unit.QuerySelectorAll(".govuk-service-navigation__link"), a => a.GetAttribute("href") == "/learning/scrutiny");
        Assert.Null(practitioner.QuerySelector("a[href='/learning/import']"));
        Assert.NotNull(unit.QuerySelector("a[href='/learning/import']"));
    }

    [Fact]
    public async Task Every_learning_form_lists_every_problem_at_once_in_the_order_of_its_fields_in_words_written_for_it()
    {
        var unit = fixture.BusinessUnit;
        var created = await ChronicleApp.PostFormAsync(unit, "/learning/incidents/new", new() { ["title"] = "Child V", ["summary"] = "Summary", ["awareOn"] = "2/3/2026" });
        var incident = created.Headers.Location!.AbsolutePathOf();
        await ChronicleApp.PostFormAsync(unit, incident + "/update?handler=Notification", new() { ["notifiedOn"] = "3/3/2026" }, incident + "/update");
        await using var db = App.OpenDb();
        var action = await db.ResponseActions.Where(a => a.ReviewId == fixture.ChildBf).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync();
        var evidenceBefore = await db.EvidenceItems.CountAsync(e => e.ActionId == action);
        var review = fixture.BabyR;
        var longName = new string('n', 201);
        var longReason = new string('r', 2_001);
        var longText = new string('t', 20_001);

        (string Path, string? FormPage, Dictionary<string, string> Fields, (string Field, string Message)[] Expected)[] forms =
        [
            ("/learning/incidents/new", null, new() { ["title"] = longName, ["awareOn"] = "soon" },
                [("title", "The name the review will use for the child or family must be 200 characters or fewer"), ("summary", "Enter a summary of the incident"),
                 ("awareOn", "The date the local authority became aware must be a real date, like 27/1/2015")]),
            (incident + "/update?handler=RapidReview", incident + "/update", new() { ["completedOn"] = "20/3/2026", ["rationale"] = longReason, ["decidedOn"] = "yesterday" },
                [("decision", "Select the decision on a review"), ("rationale", "The rationale for the decision must be 2,000 characters or fewer"),
                 ("decidedOn", "The date of the decision must be a real date, like 27/1/2015")]),
            ("/learning/reviews/new", null, new() { ["periodFrom"] = "spring", ["summary"] = longText },
                [("title", "Enter the review's title"), ("type", "Select the type of review"),
                 ("periodFrom", "The start of the period under review must be a real date, like 27/1/2015"), ("summary", "What happened must be 20,000 characters or fewer")]),
            ($"/learning/reviews/{review}/items", null, new() { ["number"] = new string('1', 21), ["text"] = " " },
                [("type", "Select whether this is a finding, a lesson, a recommendation or good practice"), ("number", "The number must be 20 characters or fewer"), ("text", "Enter the text")]),
            ($"/learning/reviews/{review}/actions/new", null, new() { ["owner"] = longName, ["deadline"] = "soon", ["howWeWillKnow"] = longText },
                [("description", "Enter what the action is"), ("owner", "The owner must be 200 characters or fewer"), ("deadline", "The deadline must be a real date, like 27/1/2015"),
                 ("howWeWillKnow", "How we will know must be 20,000 characters or fewer")]),
            ($"/learning/reviews/{review}/slippage", null, new() { ["reason"] = longReason, ["newExpectedOn"] = "later" },
                [("reason", "Why the timescale has slipped must be 2,000 characters or fewer"), ("newExpectedOn", "The new expected date must be a real date, like 27/1/2015")]),
            ($"/learning/reviews/{review}/disseminations", null, new() { ["heldOn"] = "last week", ["reach"] = "many", ["notes"] = longText },
                [("channel", "Select how the learning was shared"), ("heldOn", "The date it was shared must be a real date, like 27/1/2015"),
                 ("reach", "Reach must be a whole number of practitioners, like 40"), ("notes", "The notes must be 20,000 characters or fewer")]),
            ($"/learning/actions/{action}?handler=Evidence", $"/learning/actions/{action}", new() { ["summary"] = longText, ["recordedOn"] = "31/2/2021" },
                [("kind", "Select the kind of evidence"), ("summary", "What the evidence shows must be 20,000 characters or fewer"),
                 ("recordedOn", "The date of the evidence must be a real date, like 27/1/2015")]),
        ];

        foreach (var (path, formPage, fields, expected) in forms)
        {
            var response = await ChronicleApp.PostFormAsync(unit, path, fields, formPage);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}");
            var page = await ParseAsync(response);
            var listed = page.QuerySelectorAll(".govuk-error-summary a").Select(a => (a.GetAttribute("href")![1..], a.TextContent.Trim())).ToList();
            Assert.Equal(expected, listed);
            // Each message is also shown at its field.
            foreach (var (field, message) in expected)
                Assert.Contains(message, page.QuerySelector($"#{field}-error")?.TextContent ?? $"(no error message at #{field})");
        }

        Assert.Equal(evidenceBefore, await db.EvidenceItems.CountAsync(e => e.ActionId == action));
        Assert.False(await db.Reviews.AnyAsync(r => r.Summary != null && r.Summary.Length > 20_000));
    }

    [Fact]
    public async Task Every_save_on_the_learning_pages_lands_on_a_page_that_confirms_it()
    {
        var unit = fixture.BusinessUnit;
        async Task<IDocument> SavedAsync(string path, Dictionary<string, string> fields, string? formPage, string confirmation, string landsOn)
        {
            var response = await ChronicleApp.PostFormAsync(unit, path, fields, formPage);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{path} answered {(int)response.StatusCode}");
            var location = response.Headers.Location!;
            Assert.Equal("", location.IsAbsoluteUri ? location.Fragment : location.OriginalString.Contains('#', StringComparison.Ordinal) ? "#" : "");
            var page = await OpenAsync(unit, location.OriginalString);
            Assert.StartsWith(landsOn, location.AbsolutePathOf(), StringComparison.Ordinal);
            var banner = page.QuerySelector(".govuk-notification-banner--success");
            Assert.True(banner is not null, $"{path} landed on {location} with no confirmation");
            Assert.Equal(confirmation, banner!.QuerySelector(".govuk-notification-banner__heading")!.TextContent.Trim());
            return page;
        }

        var created = await ChronicleApp.PostFormAsync(unit, "/learning/incidents/new", new() { ["title"] = "Child Y", ["summary"] = "Summary", ["awareOn"] = "2/3/2026" });
        var incident = created.Headers.Location!.AbsolutePathOf();
        Assert.Equal("The serious incident is recorded", (await OpenAsync(unit, created.Headers.Location!.OriginalString)).QuerySelector(".govuk-notification-banner__heading")!.TextContent.Trim());
        await SavedAsync(incident + "/update?handler=Notification", new() { ["notifiedOn"] = "3/3/2026" }, incident + "/update", "The notification to the national panel is recorded", incident);
        await SavedAsync(incident + "/update?handler=RapidReview", new() { ["completedOn"] = "20/3/2026", ["decision"] = "NoReview", ["rationale"] = "No new learning" }, incident + "/update",
            "The rapid review and its decision are recorded", incident);

        var started = await ChronicleApp.PostFormAsync(unit, "/learning/reviews/new", new() { ["title"] = "Learning review Child Y", ["type"] = "SingleAgencyReview" });
        var review = started.Headers.Location!.AbsolutePathOf();
        Assert.Equal("The review is recorded", (await OpenAsync(unit, started.Headers.Location!.OriginalString)).QuerySelector(".govuk-notification-banner__heading")!.TextContent.Trim());
        await SavedAsync(review + "/items", new() { ["type"] = "Finding", ["number"] = "1", ["text"] = "Nobody asked who else lived in the home." }, null, "The finding is added to the review", review);
        await SavedAsync(review + "/actions/new", new() { ["description"] = "Ask who lives in the home at every visit" }, null, "The action is added to the review", review);
        await SavedAsync(review + "/slippage", new() { ["reason"] = "The family asked to take part" }, null, "The slippage and its reason are recorded", review);
        await SavedAsync(review + "/disseminations", new() { ["channel"] = "Workshop", ["heldOn"] = "1/4/2026" }, null, "The sharing of the learning is recorded", review + "/briefing");
        await SavedAsync(review + "/publish", new() { ["publishedOn"] = "2/4/2026" }, null, "The date the review was published is recorded", review);

        await using var db = App.OpenDb();
        var reviewId = Guid.Parse(review.Split('/')[3]);
        var action = await db.ResponseActions.Where(a => a.ReviewId == reviewId).Select(a => a.Id).SingleAsync();
        var actionPath = $"/learning/actions/{action}";
        var withEvidence = await SavedAsync(actionPath + "?handler=Evidence", new() { ["kind"] = "MultiAgencyAudit", ["summary"] = "18 of 20 records name everyone in the home", ["recordedOn"] = "1/5/2026" }, actionPath,
            "The evidence is added to the action", actionPath);
        Assert.Contains("18 of 20 records name everyone in the home", withEvidence.QuerySelector(".govuk-summary-list")!.TextContent);
        var evidenced = await SavedAsync(actionPath + "?handler=Status", new() { ["status"] = "ImpactEvidenced" }, actionPath, "The action's status is changed", actionPath);
        Assert.Contains("Impact evidenced", evidenced.QuerySelector(".govuk-summary-list")!.TextContent);

        var imported = await ChronicleApp.PostFormAsync(unit, "/learning/import", new() { ["text"] = "Learning Review of Child Z\n\nWHAT WE HAVE LEARNT\n\n- Fathers must be assessed.\n- Ask who lives in the home.\n" });
        var draft = imported.Headers.Location!.AbsolutePathOf();
        Assert.Equal("The document is read: check the draft before you confirm it", (await OpenAsync(unit, imported.Headers.Location!.OriginalString)).QuerySelector(".govuk-notification-banner__heading")!.TextContent.Trim());
        var draftId = Guid.Parse(draft.Split('/')[3]);
        var items = await db.ReviewItems.Where(i => i.ReviewId == draftId).OrderBy(i => i.Position).Select(i => i.Id).ToListAsync();
        await SavedAsync(draft + "?handler=Edit", new() { ["itemId"] = items[0].ToString(), ["number"] = "1", ["text"] = "Fathers and male carers must be assessed." }, draft,
            "Your correction to the item is saved in the draft", draft);
        await SavedAsync(draft + "?handler=Remove", new() { ["itemId"] = items[1].ToString() }, draft, "The item is removed from the draft", draft);
        await SavedAsync(draft + "?handler=Confirm", new(), draft, "The review is confirmed: it is now part of the partnership's record", $"/learning/reviews/{draftId}");

        var other = await ChronicleApp.PostFormAsync(unit, "/learning/import", new() { ["text"] = "Learning Review of Child X\n\nWHAT WE HAVE LEARNT\n\n- Fathers must be assessed.\n" });
        var otherDraft = other.Headers.Location!.AbsolutePathOf();
        await SavedAsync(otherDraft + "?handler=Discard", new(), otherDraft, "The draft is discarded: nothing from it is kept", "/learning");
    }

    private static async Task<IDocument> OpenAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}");
        return await ParseAsync(response);
    }

    private static async Task<IDocument> ParseAsync(HttpResponseMessage response) =>
        await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(response.Content.ReadAsStream()));
}

internal static class LocationPaths
{
    /// <summary>A redirect's path without its query, whether the location is relative or absolute.</summary>
    public static string AbsolutePathOf(this Uri location) =>
        (location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString).Split('?', '#')[0];
}

using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using Chronicle.Core.Actions;
using Chronicle.Testing;
using Chronicle.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;
using static Chronicle.Web.Tests.Api.TeamApp;

namespace Chronicle.Web.Tests.Pages;

/// <summary>
/// Forms that ask only what the case needs, over Family T (Scenarios/team-family.json): the entry form, closing the
/// case and the chronology's filter, posted as a browser would and read with AngleSharp.
/// </summary>
public sealed class FormsPageTests : IAsyncLifetime
{
    private TeamApp _t = null!;

    public async ValueTask InitializeAsync() => _t = await StartAsync(Provider.Sqlite);

    public async ValueTask DisposeAsync() => await _t.DisposeAsync();

    private string NewEntry(string kind) => $"/children/{_t.Child}/entries/new?kind={kind}";

    private async Task<Guid> RecordAsync(HttpClient client, string kind, object details) =>
        await _t.App.CreateAsync(client, "/api/entries", new
        {
            kind, details, occurredAt = "2015-02-10T10:30:00Z", occurredPrecision = "exact", subjects = new[] { _t.Child }, source = "seen-by-recorder",
        });

    [Fact]
    public async Task A_contact_decision_asks_what_the_decision_needs_and_keeps_the_entries_it_weighed_in_an_optional_section()
    {
        var sw = await _t.AsAsync(SocialWorker);
        var contact = await RecordAsync(sw, "contact", new { concerns = "Bruising reported by the nursery" });
        await RecordAsync(sw, "observation", new { topic = "other", text = "Baby settled" });

        var page = await OpenAsync(sw, NewEntry("contact-decision"));

        // The contact it decides on is chosen from the contacts, not from every entry.
        var contacts = page.QuerySelectorAll("select[name='details.contactEntryId'] option").Select(o => o.GetAttribute("value")).Where(v => v!.Length > 0).ToList();
        // The contacts, and the information shared (a decision may be on either): nothing else of the chronology.
        Assert.Contains(contact.ToString(), contacts);
        await using (var db = _t.App.OpenDb())
        {
            var offered = contacts.Select(v => Guid.Parse(v!)).ToList();
            var kinds = await db.Entries.AsNoTracking().Where(e => offered.Contains(e.Id)).Select(e => e.Kind).ToListAsync();
            Assert.Equal(offered.Count, kinds.Count);
            Assert.All(kinds, k => Assert.True(k is "contact" or "information-shared", $"a {k} entry offered as what a decision is on"));
        }
        Assert.NotNull(page.QuerySelector("[name='details.decision']"));
        Assert.NotNull(page.QuerySelector("[name='details.rationale']"));
        // The lists of entries it weighed are optional, in a closed section of their own.
        var more = page.QuerySelector("details#more-details")!;
        Assert.False(more.HasAttribute("open"));
        Assert.NotEmpty(more.QuerySelectorAll("input[name='details.risksAnalysed']"));
        Assert.NotEmpty(more.QuerySelectorAll("input[name='details.accountsReliedOn']"));
        var form = page.QuerySelector("form[method=post][action*='/entries/new']")!;
        Assert.DoesNotContain(form.QuerySelectorAll("input[name='details.risksAnalysed'], input[name='details.accountsReliedOn']"), i => i.Closest("details") is null);

        // Something chosen in the section keeps it open after a refusal, and every link of the error summary reaches its field.
        var refused = await ChronicleApp.PostFormAsync(sw, NewEntry("contact-decision"), new()
        {
            ["occurredAt"] = "10/2/2015 11:00", ["source"] = "seen-by-recorder", ["details.decision"] = "no-further-action", ["details.rationale"] = "Explained by the nursery",
            ["details.contactEntryId"] = contact.ToString(), ["details.risksAnalysed"] = Guid.NewGuid().ToString(),
        });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        page = await ParseAsync(refused);
        Assert.True(page.QuerySelector("details#more-details")!.HasAttribute("open"));
        var links = page.QuerySelectorAll(".govuk-error-summary a").Select(a => a.GetAttribute("href")!).ToList();
        // One of a list's values that is wrong is the list on the form.
        Assert.Contains("#details.risksAnalysed", links);
        foreach (var link in links) Assert.NotNull(page.GetElementById(link[1..]));
    }

    [Fact]
    public async Task A_refused_entry_keeps_the_alert_it_was_opened_from_and_the_people_it_is_about_and_each_error_link_reaches_its_field()
    {
        var sw = await _t.AsAsync(SocialWorker);
        var alert = Guid.NewGuid();
        var path = $"{NewEntry("observation")}&alert={alert}&subjects={_t.Mother}";
        var opened = await OpenAsync(sw, path);
        Assert.NotNull(opened.QuerySelector($"input[name=subjects][value='{_t.Mother}'][checked]"));
        await using (var db = _t.App.OpenDb())
        {
            var before = await db.Entries.CountAsync();
            var form = opened.QuerySelector("form[method=post][action*='/entries/new']")!;
            var action = form.GetAttribute("action")!;
            var refused = await ChronicleApp.PostFormAsync(sw, action, new()
            {
                ["alert"] = opened.QuerySelector("input[name=alert]")!.GetAttribute("value")!, ["subjects"] = _t.Mother.ToString(),
            }, path);
            Assert.True(refused.StatusCode == HttpStatusCode.OK, $"{(int)refused.StatusCode} from {action}");
            var page = await ParseAsync(refused);
            Assert.True(page.QuerySelector("form[method=post] input[name=alert]") is not null, page.QuerySelector("main")?.InnerHtml);
            Assert.Equal(alert.ToString(), page.QuerySelector("form[method=post] input[name=alert]")!.GetAttribute("value"));
            Assert.NotNull(page.QuerySelector($"input[name=subjects][value='{_t.Mother}'][checked]"));
            var links = page.QuerySelectorAll(".govuk-error-summary a").Select(a => a.GetAttribute("href")!).ToList();
            Assert.Contains("#occurredAt", links);
            Assert.Contains("#source", links);
            foreach (var link in links) Assert.NotNull(page.GetElementById(link[1..]));
            var fields = page.QuerySelectorAll("form [id]").Select(e => e.Id).ToList();
            var positions = links.Select(l => fields.IndexOf(l[1..])).ToList();
            Assert.Equal(positions.Order(), positions);
            Assert.Equal(before, await db.Entries.CountAsync());
        }
    }

    [Fact]
    public async Task Closing_the_case_offers_forms_only_for_the_actions_the_user_may_settle_and_lists_the_others_with_their_owners()
    {
        var sw = await _t.AsAsync(SocialWorker);
        await OkAsync(await PostAsync(sw, $"/api/children/{_t.Child}/plans", new
        {
            type = "child-in-need",
            items = new[]
            {
                new { concern = "Home conditions", action = "Help the family get the heating fixed", ownerProfessionalId = _t.Id(SocialWorker), due = "2015-03-06", successMeasure = "Heating works" },
                new { concern = "Health", action = "Register the baby with the GP", ownerProfessionalId = _t.Id(HealthVisitor), due = "2015-03-13", successMeasure = "Registered" },
            },
        }));
        Guid mine, theirs;
        await using (var db = _t.App.OpenDb())
        {
            var actions = await db.Actions.AsNoTracking().Where(a => a.Children.Any(c => c.ChildPersonId == _t.Child) && a.Status == ActionStatus.Open).ToListAsync();
            mine = actions.Single(a => a.OwnerProfessionalId == _t.Id(SocialWorker)).Id;
            theirs = actions.Single(a => a.OwnerProfessionalId == _t.Id(HealthVisitor)).Id;
        }
        var closure = $"/children/{_t.Child}/closure";
        var page = await OpenAsync(sw, closure);
        Assert.Equal([mine.ToString(), mine.ToString()], page.QuerySelectorAll("input[name=actionId]").Select(i => i.GetAttribute("value")).ToList());
        var others = page.QuerySelector("#others-actions")!;
        Assert.Contains("Register the baby with the GP", others.TextContent);
        Assert.Contains($"owned by {HealthVisitor}", others.TextContent);
        Assert.Empty(others.QuerySelectorAll("input, textarea, button"));

        // Posting another's action anyway is refused and changes nothing.
        var refused = await ChronicleApp.PostFormAsync(sw, $"{closure}?handler=done", new() { ["actionId"] = theirs.ToString(), ["note"] = "Done, I think" }, closure);
        Assert.Contains("Select an open action of this case", (await ParseAsync(refused)).QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await ChronicleApp.PostFormAsync(sw, $"{closure}?handler=done", new() { ["actionId"] = mine.ToString(), ["note"] = "Heating fixed" }, closure)).StatusCode);
        await using (var db = _t.App.OpenDb())
        {
            Assert.Equal(ActionStatus.Open, (await db.Actions.AsNoTracking().SingleAsync(a => a.Id == theirs)).Status);
            Assert.Equal(ActionStatus.Done, (await db.Actions.AsNoTracking().SingleAsync(a => a.Id == mine)).Status);
        }

        // The health visitor sees the same page the other way round.
        var hv = await _t.AsAsync(HealthVisitor);
        page = await OpenAsync(hv, closure);
        Assert.Equal([theirs.ToString(), theirs.ToString()], page.QuerySelectorAll("input[name=actionId]").Select(i => i.GetAttribute("value")).ToList());
    }

    [Fact]
    public async Task A_worker_is_told_their_manager_accepts_the_loose_ends_and_the_manager_closes_the_case_with_them_in_their_own_name()
    {
        var sw = await _t.AsAsync(SocialWorker);
        var tm = await _t.AsAsync(TeamManager);
        var request = await RecordAsync(sw, "records-requested", new { fromArea = "Cardiff", fromAgency = "Cardiff Children's Services" });
        await OkAsync(await PostAsync(tm, $"/api/children/{_t.Child}/supervision", new { superviseeId = _t.Id(SocialWorker), point = "closing", discussion = "Agreed to close once the records are chased" }));
        var closure = $"/children/{_t.Child}/closure";

        var page = await OpenAsync(sw, closure);
        Assert.Contains($"ask your manager, {TeamManager} to close the case on this page", page.QuerySelector("#manager-must-accept")!.TextContent);
        Assert.Empty(page.QuerySelectorAll("textarea[name^='accept[']"));
        Assert.Null(page.QuerySelector("[name=managerProfessionalId]"));

        // Posting reasons anyway, naming the manager, is refused and records nothing in anyone's name.
        var reasons = new Dictionary<string, string> { ["reason"] = "Family moved to Wales", [$"accept[result:{request}]"] = "Cardiff hold nothing, they say" };
        var refused = await ChronicleApp.PostFormAsync(sw, $"{closure}?handler=close", new(reasons) { ["managerProfessionalId"] = _t.Id(TeamManager).ToString() }, closure);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains($"Only a manager of the case can accept loose ends: ask your manager, {TeamManager},", (await ParseAsync(refused)).QuerySelector(".govuk-error-summary")!.TextContent);
        await using (var db = _t.App.OpenDb())
            Assert.False(await db.Entries.AnyAsync(e => e.Kind == "decision" || e.Kind == "case-closure"));

        page = await OpenAsync(tm, closure);
        Assert.Null(page.QuerySelector("#manager-must-accept"));
        var asked = page.QuerySelectorAll("textarea[name^='accept[']").Select(t => t.GetAttribute("name")!).ToList();
        Assert.Contains($"accept[result:{request}]", asked);
        var fields = asked.ToDictionary(n => n, _ => "Cardiff hold nothing, they say");
        fields["reason"] = "Family moved to Wales";
        Assert.Equal(HttpStatusCode.Redirect, (await ChronicleApp.PostFormAsync(tm, $"{closure}?handler=close", fields, closure)).StatusCode);
        await using (var db = _t.App.OpenDb())
        {
            Assert.Equal(_t.Id(TeamManager), (await db.Entries.SingleAsync(e => e.Kind == "case-closure")).RecordedByProfessionalId);
            Assert.Equal(_t.Id(TeamManager), (await db.Entries.SingleAsync(e => e.Kind == "decision" && e.Details.Contains(request.ToString()))).RecordedByProfessionalId);
        }
    }

    [Fact]
    public async Task The_chronologys_agency_filter_lists_only_the_agencies_in_the_childs_chronology()
    {
        var sw = await _t.AsAsync(SocialWorker);
        var chronology = $"/children/{_t.Child}/chronology";
        string[] Options(IDocument page) => [.. page.QuerySelectorAll("select[name=agencyId] option").Select(o => o.TextContent.Trim())];

        Assert.Equal(["All agencies", "Testshire Health Visiting"], Options(await OpenAsync(sw, chronology)));
        await RecordAsync(sw, "observation", new { topic = "other", text = "Baby settled" });
        var page = await OpenAsync(sw, chronology);
        Assert.Equal(["All agencies", "Testshire Children's Social Care", "Testshire Health Visiting"], Options(page));

        // Filtered to one agency, the others are still offered.
        var hvAgency = page.QuerySelectorAll("select[name=agencyId] option").Single(o => o.TextContent.Trim() == "Testshire Health Visiting").GetAttribute("value");
        page = await OpenAsync(sw, $"{chronology}?agencyId={hvAgency}");
        Assert.Equal(["All agencies", "Testshire Children's Social Care", "Testshire Health Visiting"], Options(page));
        Assert.DoesNotContain("Testshire Police", page.QuerySelector("select[name=agencyId]")!.TextContent);
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

using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using Chronicle.Testing;
using Chronicle.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Chronicle.Web.Tests.Api.TeamApp;

namespace Chronicle.Web.Tests.TeamAroundChild;

/// <summary>The team's pages over Family T, their forms posted as a browser would and the HTML read with AngleSharp.</summary>
public sealed class TeamPageTests : IAsyncLifetime
{
    private TeamApp _t = null!;

    public async ValueTask InitializeAsync() => _t = await StartAsync(Provider.Sqlite);

    public async ValueTask DisposeAsync() => await _t.DisposeAsync();

    [Fact]
    public async Task The_team_is_changed_on_its_page_with_reasons_and_the_child_page_says_why_each_member_is_there()
    {
        var sw = await _t.AsAsync(SocialWorker);
        var team = $"/children/{_t.Child}/team";

        var added = await ChronicleApp.PostFormAsync(sw, $"{team}?handler=add", new()
        {
            ["professionalId"] = _t.Id(PoliceOfficer).ToString(), ["role"] = "police liaison", ["reason"] = "Police are investigating the injury",
        }, team);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var refused = await ChronicleApp.PostFormAsync(sw, $"{team}?handler=remove", new() { ["removeKey"] = $"professional:{_t.Id(Gp)}", ["reason"] = "" }, team);
        var page = await ParseAsync(refused);
        Assert.Contains("Enter why GP (Family T) (Testtown Surgery) is being removed from the team", page.QuerySelector(".govuk-error-summary")!.TextContent);

        page = await OpenAsync(sw, team);
        Assert.Contains("Police are investigating the injury", page.QuerySelector("table:last-of-type")!.TextContent);
        var child = await OpenAsync(sw, $"/children/{_t.Child}");
        var row = child.QuerySelectorAll("#team-members tbody tr").Single(r => r.TextContent.Contains(PoliceOfficer, StringComparison.Ordinal));
        Assert.Contains("police liaison (with the child); added to the team", row.TextContent);
        var gp = child.QuerySelectorAll("#team-members tbody tr").Single(r => r.TextContent.Contains(Gp, StringComparison.Ordinal));
        Assert.Contains("GP (with the child)", gp.TextContent);

        var family = await OpenAsync(sw, $"/children/{_t.Child}/family-workers");
        Assert.Equal(["Child T The child", "Mother of Child T Mother, lives with the child"],
            family.QuerySelectorAll("h2").Select(h => string.Join(' ', h.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).ToList());
    }

    [Fact]
    public async Task Professional_pickers_offer_the_team_then_the_users_agency_the_rest_only_when_asked_and_never_administrators()
    {
        var sw = await _t.AsAsync(SocialWorker);
        // A social worker of the user's agency whose only account is an administrator's: not offered.
        await using (var db = _t.App.OpenDb())
        {
            var mine = await db.Professionals.Where(p => p.Id == _t.Id(SocialWorker)).Select(p => new { p.AgencyId, p.PartnershipId }).SingleAsync();
            var admin = new Core.Record.Professional { Id = Guid.NewGuid(), PartnershipId = mine.PartnershipId, AgencyId = mine.AgencyId, Name = "Administrator with a practice title", Role = Core.Record.ProfessionalRole.SocialWorker };
            db.Professionals.Add(admin);
            db.UserAccounts.Add(new Core.Security.UserAccount
            {
                Id = Guid.NewGuid(), PartnershipId = mine.PartnershipId, ProfessionalId = admin.Id, UserName = "administrator-with-a-practice-title", DisplayName = admin.Name,
                PasswordHash = "not-a-hash", Roles = "Administrator",
            });
            await db.SaveChangesAsync();
        }
        var page = await OpenAsync(sw, $"/children/{_t.Child}/team");

        var groups = page.QuerySelectorAll("#professionalId optgroup")
            .Select(g => (Label: g.GetAttribute("label"), Options: g.QuerySelectorAll("option").Select(o => o.TextContent).ToList())).ToList();
        Assert.Equal(["The team around the child", "Your agency: Testshire Children's Social Care"], groups.Select(g => g.Label));
        Assert.Contains(groups[0].Options, o => o.StartsWith(HealthVisitor, StringComparison.Ordinal));
        Assert.Contains(groups[0].Options, o => o.StartsWith(Gp, StringComparison.Ordinal));
        Assert.Contains(groups[1].Options, o => o.StartsWith(TeamManager, StringComparison.Ordinal));
        Assert.DoesNotContain(groups[1].Options, o => o.StartsWith(HealthVisitor, StringComparison.Ordinal));
        var all = page.QuerySelectorAll("#professionalId option").Select(o => o.TextContent).ToList();
        Assert.DoesNotContain(all, o => o.StartsWith(PoliceOfficer, StringComparison.Ordinal));
        Assert.DoesNotContain(all, o => o.StartsWith("Administrator with a practice title", StringComparison.Ordinal));

        // The whole partnership only when asked for: the link says so and keeps the page.
        var more = page.QuerySelector("#professionals-listed a")!.GetAttribute("href")!;
        page = await OpenAsync(sw, more);
        groups = [.. page.QuerySelectorAll("#professionalId optgroup")
            .Select(g => (Label: g.GetAttribute("label"), Options: g.QuerySelectorAll("option").Select(o => o.TextContent).ToList()))];
        Assert.Equal(["The team around the child", "Your agency: Testshire Children's Social Care", "Other agencies"], groups.Select(g => g.Label));
        Assert.Contains(groups[2].Options, o => o.StartsWith(PoliceOfficer, StringComparison.Ordinal));
        all = [.. page.QuerySelectorAll("#professionalId option").Select(o => o.TextContent)];
        foreach (var notPractice in new[] { Chronicle.Web.Hosting.DemoAccounts.Administrator, Chronicle.Web.Hosting.DemoAccounts.BusinessUnitOfficer, Chronicle.Web.Hosting.DemoAccounts.Scrutineer, Chronicle.Web.Hosting.DemoAccounts.InformationGovernance, "Administrator with a practice title" })
            Assert.DoesNotContain(all, o => o.StartsWith(notPractice, StringComparison.Ordinal));
        Assert.Contains(all, o => o.StartsWith(Chronicle.Web.Hosting.DemoAccounts.FrontDoor, StringComparison.Ordinal));

        // The manager's supervision offers the workers of the manager's own agency in the team, not the GP or the health visitor.
        var tm = await _t.AsAsync(TeamManager);
        var workers = (await OpenAsync(tm, $"/children/{_t.Child}/supervision")).QuerySelectorAll("#superviseeId option").Select(o => o.TextContent).ToList();
        Assert.Contains(workers, o => o.StartsWith(SocialWorker, StringComparison.Ordinal));
        Assert.DoesNotContain(workers, o => o.StartsWith(Gp, StringComparison.Ordinal) || o.StartsWith(HealthVisitor, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_meeting_is_recorded_on_its_page_and_its_record_awaits_each_invitees_acknowledgement()
    {
        var sw = await _t.AsAsync(SocialWorker);
        var meeting = await _t.App.CreateAsync(sw, $"/api/children/{_t.Child}/meetings", new
        {
            type = "professionals-meeting", scheduledFor = "2015-02-20T10:00:00Z", chairProfessionalId = _t.Id(SocialWorker),
            invitees = new object[] { new { professionalId = _t.Id(HealthVisitor) }, new { professionalId = _t.Id(Gp) } },
        });
        var path = $"/children/{_t.Child}/meeting?meetingId={meeting}";
        var page = await OpenAsync(sw, path);
        var invitees = page.QuerySelectorAll("#invitee-table tbody tr").Select(r => r.QuerySelector("th")!.TextContent).ToList();
        Assert.Contains(invitees, i => i.Contains(Gp, StringComparison.Ordinal));
        var hv = page.QuerySelectorAll("a.app-record-reply").Select(a => a.GetAttribute("href")!).First(h => h.Contains("invitee=", StringComparison.Ordinal));
        hv = hv[(hv.IndexOf("invitee=", StringComparison.Ordinal) + 8)..].Split('&', '#')[0];

        var reply = await ChronicleApp.PostFormAsync(sw, $"/children/{_t.Child}/meeting?handler=reply&meetingId={meeting}", new() { ["inviteeId"] = hv, ["reply"] = "not-attending" }, path);
        Assert.Contains("Enter why they cannot attend", (await ParseAsync(reply)).QuerySelector(".govuk-error-summary")!.TextContent);

        var attended = page.QuerySelectorAll("input[name=attended]").Select(i => i.GetAttribute("value")!).ToList();
        var record = await ChronicleApp.PostFormAsync(sw, $"/children/{_t.Child}/meeting?handler=record&meetingId={meeting}", new()
        {
            ["attended"] = attended[0], ["decisions"] = "Refer for an assessment", ["actionDescription"] = "Write to the GP", ["actionOwner"] = _t.Id(SocialWorker).ToString(), ["actionDue"] = "32/2/2015",
        }, path);
        var refusedPage = await ParseAsync(record);
        Assert.Contains("The due date of action 1 must be a real date", refusedPage.QuerySelector(".govuk-error-summary")!.TextContent);

        record = await ChronicleApp.PostFormAsync(sw, $"/children/{_t.Child}/meeting?handler=record&meetingId={meeting}", new()
        {
            ["attended"] = attended[0], ["decisions"] = "Refer for an assessment", ["actionDescription"] = "Write to the GP", ["actionOwner"] = _t.Id(SocialWorker).ToString(), ["actionDue"] = "27/2/2015",
        }, path);
        Assert.Equal(HttpStatusCode.Redirect, record.StatusCode);
        page = await OpenAsync(sw, path);
        Assert.Contains("Held", page.QuerySelector(".govuk-summary-list")!.TextContent);
        var distribution = page.QuerySelectorAll("#distribution-table tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, distribution.Count);
        Assert.All(distribution, d => Assert.Contains("Awaited", d));

        var mine = await OpenAsync(sw, "/actions/mine");
        var card = mine.QuerySelectorAll("[id^=action-]").Single(a => a.TextContent.Contains("Write to the GP", StringComparison.Ordinal));
        Assert.Contains("Overdue", card.TextContent);
        var actionId = card.QuerySelector("input[name=actionId]")!.GetAttribute("value")!;
        var noNote = await ChronicleApp.PostFormAsync(sw, "/actions/mine", new() { ["actionId"] = actionId, ["note"] = "" });
        Assert.Contains("Enter what was done", (await ParseAsync(noNote)).QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await ChronicleApp.PostFormAsync(sw, "/actions/mine", new() { ["actionId"] = actionId, ["note"] = "Letter sent" })).StatusCode);
        Assert.DoesNotContain("Write to the GP", (await OpenAsync(sw, "/actions/mine")).Body!.TextContent);
    }

    [Fact]
    public async Task Starting_a_plan_asks_its_type_then_only_what_that_type_holds_a_row_at_a_time()
    {
        var sw = await _t.AsAsync(SocialWorker);
        var start = $"/children/{_t.Child}/plans/new";
        static List<string> Fields(IDocument page) => [.. page.QuerySelectorAll("form[method=post] :is(input, textarea, select)")
            .Select(e => e.GetAttribute("name")!).Where(n => n is not ("__RequestVerificationToken" or "type" or "draft"))
            .Select(n => n.Contains('.') ? n[(n.IndexOf('.') + 1)..] : n).Distinct()];

        var first = await OpenAsync(sw, start);
        Assert.Equal(["child-in-need", "child-protection", "safety"], first.QuerySelectorAll("input[name=type]").Select(i => i.GetAttribute("value")).ToList());
        Assert.Empty(first.QuerySelectorAll("textarea, select"));

        Assert.Equal(["concern", "action", "ownerProfessionalId", "due", "successMeasure"], Fields(await OpenAsync(sw, $"{start}?type=child-in-need")));
        Assert.Equal(["category", "concern", "action", "ownerProfessionalId", "due", "successMeasure"], Fields(await OpenAsync(sw, $"{start}?type=child-protection")));
        var safety = await OpenAsync(sw, $"{start}?type=safety");
        Assert.Equal(["role", "professionalId", "ifConcernsEscalate", "ifChildCannotBeSeen"], Fields(safety));
        Assert.Single(safety.QuerySelectorAll(".app-plan-row"));

        // Another row: nothing is saved and what was typed stays.
        var cp = $"{start}?type=child-protection";
        var more = await ParseAsync(await ChronicleApp.PostFormAsync(sw, $"{start}?handler=addItem", new()
        {
            ["type"] = "child-protection", ["category"] = "neglect", ["items[0].concern"] = "Home conditions",
        }, cp));
        Assert.Equal(2, more.QuerySelectorAll(".app-plan-row").Length);
        Assert.Equal("Home conditions", more.QuerySelector("textarea[name='items[0].concern']")!.TextContent);
        Assert.NotNull(more.QuerySelector("input[name=category][value=neglect][checked]"));

        // Errors in the order of the fields, each linked to its field, with a date that is not a date among them.
        var refused = await ParseAsync(await ChronicleApp.PostFormAsync(sw, start, new()
        {
            ["type"] = "child-protection", ["items[0].concern"] = "Home conditions", ["items[0].due"] = "32/3/2015", ["items[1].action"] = "Visit weekly",
        }, cp));
        var summary = refused.QuerySelectorAll(".govuk-error-summary a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(["#category", "#items[0].action", "#items[0].ownerProfessionalId", "#items[0].due", "#items[0].successMeasure",
            "#items[1].concern", "#items[1].ownerProfessionalId", "#items[1].due", "#items[1].successMeasure"], summary);
        foreach (var href in summary) Assert.NotNull(refused.GetElementById(href[1..]));
        Assert.Equal("Visit weekly", refused.QuerySelector("textarea[name='items[1].action']")!.TextContent);
        Assert.Empty((await OpenAsync(sw, $"/children/{_t.Child}/plans")).QuerySelectorAll(".app-plan"));

        // A safety plan is its participants: rows of another type's form sent with it are not part of it.
        var saved = await ChronicleApp.PostFormAsync(sw, start, new()
        {
            ["type"] = "safety", ["participants[0].role"] = "School support worker", ["participants[0].ifConcernsEscalate"] = "Call the social worker",
            ["participants[0].ifChildCannotBeSeen"] = "Visit the home the same day", ["items[0].concern"] = "An item a safety plan does not hold", ["category"] = "neglect",
        }, $"{start}?type=safety");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var plans = (await OpenAsync(sw, saved.Headers.Location!.OriginalString)).Body!.TextContent;
        Assert.Contains("School support worker", plans);
        Assert.DoesNotContain("An item a safety plan does not hold", plans);
    }

    [Fact]
    public async Task The_plan_review_asks_about_each_item_of_the_running_plan_by_its_text_and_adds_items_a_row_at_a_time()
    {
        var sw = await _t.AsAsync(SocialWorker);
        var review = $"/children/{_t.Child}/plans/review";
        var none = await OpenAsync(sw, review);
        Assert.Contains("no child in need or child protection plan running", none.QuerySelector("#no-plan")!.TextContent);
        Assert.Empty(none.QuerySelectorAll("form[method=post] textarea"));

        await OkAsync(await PostAsync(sw, $"/api/children/{_t.Child}/plans", new
        {
            type = "child-in-need",
            items = new[]
            {
                new { concern = "Home conditions", action = "Help the family get the heating fixed", ownerProfessionalId = _t.Id(SocialWorker), due = "2015-03-06", successMeasure = "Heating works" },
                new { concern = "Health", action = "Register the baby with the GP", ownerProfessionalId = _t.Id(HealthVisitor), due = "2015-03-13", successMeasure = "Registered" },
            },
        }));
        var page = await OpenAsync(sw, review);
        Assert.Equal(["Item 1: Help the family get the heating fixed", "Item 2: Register the baby with the GP"],
            page.QuerySelectorAll(".app-plan-item > legend").Select(l => l.TextContent.Trim()).ToList());
        Assert.Empty(page.QuerySelectorAll("input[name*=itemIndex], select[name=planEntryId]"));
        Assert.Equal(_t.Id(HealthVisitor).ToString(), page.QuerySelector("select[name='items[1].ownerProfessionalId'] option[selected]")!.GetAttribute("value"));
        Assert.Equal("13/3/2015", page.QuerySelector("input[name='items[1].due']")!.GetAttribute("value"));
        Assert.Empty(page.QuerySelectorAll("[id^=added-]"));

        // Another row for an item to add: nothing is saved and what was typed stays.
        var more = await ChronicleApp.PostFormAsync(sw, $"{review}?handler=addItem", new() { ["items[0].progress"] = "Engineer booked" }, review);
        page = await ParseAsync(more);
        Assert.Single(page.QuerySelectorAll("[id^=added-]"));
        Assert.Equal("Engineer booked", page.QuerySelector("textarea[name='items[0].progress']")!.TextContent);

        // Bad input: every problem named by its field, in the order of the form, and nothing written.
        var refused = await ChronicleApp.PostFormAsync(sw, review, new()
        {
            ["items[0].progress"] = "Engineer booked", ["items[1].status"] = "not-yet", ["items[1].due"] = "32/3/2015",
            ["added[0].concern"] = "School", ["added[0].action"] = "",
        }, review);
        page = await ParseAsync(refused);
        var summary = page.QuerySelectorAll(".govuk-error-summary a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(["#items[0].status", "#items[1].progress", "#items[1].due"], summary);
        foreach (var href in summary) Assert.NotNull(page.GetElementById(href[1..]));
        Assert.Contains("Select whether item 1 (Help the family get the heating fixed) is achieved", page.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Empty((await OpenAsync(sw, $"/children/{_t.Child}/plans")).QuerySelectorAll("h3"));

        var missing = await ChronicleApp.PostFormAsync(sw, review, new()
        {
            ["items[0].status"] = "achieved", ["items[0].progress"] = "Heating fixed", ["items[1].status"] = "not-yet", ["items[1].progress"] = "Form sent",
            ["added[0].concern"] = "School", ["added[0].action"] = "Find a nursery place",
        }, review);
        summary = [.. (await ParseAsync(missing)).QuerySelectorAll(".govuk-error-summary a").Select(a => a.GetAttribute("href")!)];
        Assert.Equal(["#added[0].ownerProfessionalId", "#added[0].due", "#added[0].successMeasure"], summary);

        var saved = await ChronicleApp.PostFormAsync(sw, review, new()
        {
            ["items[0].status"] = "achieved", ["items[0].progress"] = "Heating fixed", ["items[0].ownerProfessionalId"] = _t.Id(SocialWorker).ToString(), ["items[0].due"] = "6/3/2015",
            ["items[1].status"] = "not-yet", ["items[1].progress"] = "Form sent", ["items[1].ownerProfessionalId"] = _t.Id(TeamManager).ToString(), ["items[1].due"] = "20/3/2015",
            ["added[0].concern"] = "School", ["added[0].action"] = "Find a nursery place", ["added[0].ownerProfessionalId"] = _t.Id(SocialWorker).ToString(),
            ["added[0].due"] = "27/3/2015", ["added[0].successMeasure"] = "Place offered",
        }, review);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var plans = await OpenAsync(sw, saved.Headers.Location!.OriginalString);
        Assert.Contains("The review of the plan is on the child's record", plans.QuerySelector(".govuk-notification-banner")!.TextContent);
        var rows = plans.QuerySelectorAll(".app-plan table tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Contains(TeamManager, rows[1]);
        Assert.Contains("20 March 2015", rows[1]);
        Assert.Contains("Find a nursery place", rows[2]);
        var reviewed = plans.QuerySelector(".app-plan ul")!.TextContent;
        Assert.Contains("Heating fixed", reviewed);
        Assert.Contains($"now owned by {TeamManager}", reviewed);

        // The review is of the plan as corrected: the next review asks about all three items.
        page = await OpenAsync(sw, review);
        Assert.Equal(3, page.QuerySelectorAll(".app-plan-item").Length);
    }

    [Fact]
    public async Task A_manager_records_supervision_and_an_absence_and_reassigns_the_actions_on_the_pages()
    {
        var sw = await _t.AsAsync(SocialWorker);
        var tm = await _t.AsAsync(TeamManager);
        await OkAsync(await PostAsync(sw, $"/api/children/{_t.Child}/plans", new
        {
            type = "child-in-need",
            items = new[] { new { concern = "Home conditions", action = "Help the family get the heating fixed", ownerProfessionalId = _t.Id(SocialWorker), due = "2015-03-06", successMeasure = "Heating works" } },
        }));

        var supervision = $"/children/{_t.Child}/supervision";
        var noDiscussion = await ChronicleApp.PostFormAsync(tm, supervision, new() { ["superviseeId"] = _t.Id(SocialWorker).ToString(), ["point"] = "during" });
        Assert.Contains("Enter what the supervision discussed and decided", (await ParseAsync(noDiscussion)).QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await ChronicleApp.PostFormAsync(tm, supervision, new()
        {
            ["superviseeId"] = _t.Id(SocialWorker).ToString(), ["point"] = "during", ["discussion"] = "Plan on track; heating still broken",
        })).StatusCode);
        Assert.Contains("Plan on track; heating still broken", (await OpenAsync(tm, supervision)).Body!.TextContent);
        Assert.Equal(HttpStatusCode.Forbidden, (await sw.GetAsync("/actions/absences")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await ChronicleApp.PostFormAsync(tm, "/actions/absences?handler=absence", new()
        {
            ["professionalId"] = _t.Id(SocialWorker).ToString(), ["from"] = "16/2/2015",
        }, "/actions/absences")).StatusCode);
        var absences = await OpenAsync(tm, "/actions/absences");
        Assert.Contains("Help the family get the heating fixed", absences.QuerySelector($"#absence-{_t.Id(SocialWorker)}")!.TextContent);
        var tmInbox = await OpenAsync(tm, "/inbox");
        Assert.Contains("Reassign their actions", tmInbox.QuerySelector("#escalations")?.NextElementSibling?.TextContent ?? "");

        var blind = await ChronicleApp.PostFormAsync(tm, "/actions/absences?handler=reassign", new()
        {
            ["fromProfessionalId"] = _t.Id(SocialWorker).ToString(), ["toProfessionalId"] = _t.Id(Chair).ToString(), ["reason"] = "On sick leave",
        }, "/actions/absences");
        Assert.Contains($"{Chair} cannot open", (await ParseAsync(blind)).QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await ChronicleApp.PostFormAsync(tm, "/actions/absences?handler=reassign", new()
        {
            ["fromProfessionalId"] = _t.Id(SocialWorker).ToString(), ["toProfessionalId"] = _t.Id(TeamManager).ToString(), ["reason"] = "On sick leave",
        }, "/actions/absences")).StatusCode);
        Assert.Contains("Help the family get the heating fixed", (await OpenAsync(tm, "/actions/mine")).Body!.TextContent);
    }

    [Fact]
    public async Task An_inbox_says_when_a_shared_entry_happened_as_precisely_as_it_was_recorded_and_no_more()
    {
        var sw = await _t.AsAsync(SocialWorker);
        await _t.RecordSignificantAsync(sw, "Exact: bruising seen at the morning visit");
        await _t.App.CreateAsync(sw, "/api/entries", new
        {
            kind = "observation",
            details = new { topic = "other", text = "Day only: mother said the baby fell" },
            occurredAt = "2015-02-11T09:00:00Z",
            occurredPrecision = "day",
            subjects = new[] { _t.Child },
            source = "seen-by-recorder",
            significance = "significant",
        });

        var inbox = await OpenAsync(await _t.AsAsync(HealthVisitor), "/inbox");
        string Line(string text) => inbox.QuerySelectorAll("p").Single(p => p.TextContent.Contains(text, StringComparison.Ordinal)).TextContent;
        Assert.Contains("When it happened: 10 February 2015 at 10:30am.", Line("Exact: bruising seen"));
        // A day known is never given a time.
        Assert.Contains("When it happened: 11 February 2015.", Line("Day only: mother said"));
        Assert.DoesNotContain("9am", Line("Day only: mother said"));
    }

    [Fact]
    public async Task Continuing_without_a_kind_of_meeting_says_to_select_one()
    {
        var sw = await _t.AsAsync(SocialWorker);
        var first = await OpenAsync(sw, $"/children/{_t.Child}/meetings/new");
        Assert.Null(first.QuerySelector(".govuk-error-summary"));
        var form = first.QuerySelector("form[method=get]")!;
        // The form as a browser sends it with no radio chosen: its hidden fields only.
        var sent = string.Join('&', form.QuerySelectorAll("input[type=hidden]").Select(i => $"{Uri.EscapeDataString(i.GetAttribute("name")!)}={Uri.EscapeDataString(i.GetAttribute("value") ?? "")}"));
        var again = await OpenAsync(sw, $"{form.GetAttribute("action")}?{sent}");
        Assert.Contains("Select the kind of meeting", again.QuerySelector(".govuk-error-summary")?.TextContent ?? "");
        Assert.NotNull(again.GetElementById("type"));
    }

    [Fact]
    public async Task A_decision_not_to_share_is_recorded_on_the_sharing_page_with_its_reason()
    {
        var sw = await _t.AsAsync(SocialWorker);
        var entry = await _t.RecordSignificantAsync(sw);
        var path = $"/children/{_t.Child}/sharing?entryId={entry}";

        var page = await OpenAsync(sw, path);
        Assert.Contains("Art 6(1)(e)", page.QuerySelector("#shares")!.TextContent);
        var refused = await ChronicleApp.PostFormAsync(sw, path, new() { ["reason"] = "" });
        Assert.Contains("Enter why the information is not being shared", (await ParseAsync(refused)).QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await ChronicleApp.PostFormAsync(sw, path, new() { ["reason"] = "Police asked that it go no further" })).StatusCode);
        Assert.Contains("Police asked that it go no further", (await OpenAsync(sw, path)).QuerySelector("#not-sharing")!.NextElementSibling!.TextContent);

        // Someone outside the team gets nothing: not the page, not the entry.
        var outsider = await _t.AsAsync(PoliceOfficer);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Any_entry_can_be_shared_from_the_sharing_page_and_the_chronology_with_those_who_may_open_the_child()
    {
        var sw = await _t.AsAsync(SocialWorker);
        var entry = await _t.RecordSignificantAsync(sw, "Mother says the baby fell from the sofa");
        var path = $"/children/{_t.Child}/sharing?entryId={entry}";

        // "Share this entry" on the entry's row of the sharing page and on the entry in the chronology.
        var list = await OpenAsync(sw, $"/children/{_t.Child}/sharing");
        Assert.Contains(list.QuerySelectorAll("a.share-entry"), a => a.GetAttribute("href") == $"{path}#share");
        var chronology = await OpenAsync(sw, $"/children/{_t.Child}/chronology?entry={entry}");
        Assert.Contains(chronology.QuerySelectorAll("a.app-share-entry"), a => a.GetAttribute("href") == $"{path}#share");

        // Offered: the team manager, who manages the social worker; not the police officer, who may not open the child.
        var page = await OpenAsync(sw, path);
        var offered = page.QuerySelectorAll("input[name=recipients]").Select(i => Guid.Parse(i.GetAttribute("value")!)).ToList();
        Assert.Contains(_t.Id(TeamManager), offered);
        Assert.DoesNotContain(_t.Id(PoliceOfficer), offered);
        Assert.Contains("Lawful basis", page.GetElementById("lawfulBasis")!.ParentElement!.TextContent);

        // Posted anyway, the police officer is refused by name.
        var refused = await ParseAsync(await ChronicleApp.PostFormAsync(sw, $"/children/{_t.Child}/sharing?entryId={entry}&handler=share",
            new() { ["recipients"] = _t.Id(PoliceOfficer).ToString(), ["purpose"] = "Before the strategy discussion" }, path));
        Assert.Contains("Police officer (Testshire) may not open Child T's record", refused.QuerySelector(".govuk-error-summary")!.TextContent);

        var shared = await ChronicleApp.PostFormAsync(sw, $"/children/{_t.Child}/sharing?entryId={entry}&handler=share",
            new() { ["recipients"] = _t.Id(TeamManager).ToString(), ["purpose"] = "Before the strategy discussion" }, path);
        Assert.Equal(HttpStatusCode.Redirect, shared.StatusCode);
        Assert.Contains("Team manager (Family T)", (await OpenAsync(sw, path)).QuerySelector("#shares")!.TextContent);
    }

    /// <summary>A routine entry asks whether each person must acknowledge it, and nothing is sent until that is answered.</summary>
    [Fact]
    public async Task A_share_left_unanswered_sends_nothing_and_answered_is_sent_once()
    {
        var sw = await _t.AsAsync(SocialWorker);
        var entry = await _t.App.CreateAsync(sw, "/api/entries", new
        {
            kind = "observation", details = new { topic = "other", text = "Mother tired at the door" }, occurredAt = "2015-02-10T10:30:00Z",
            occurredPrecision = "exact", subjects = new[] { _t.Child }, source = "seen-by-recorder", significance = "routine",
        });
        var path = $"/children/{_t.Child}/sharing?entryId={entry}";
        var fields = new Dictionary<string, string> { ["recipients"] = _t.Id(TeamManager).ToString(), ["purpose"] = "Before the core group" };
        async Task<int> SentAsync()
        {
            await using var db = _t.App.OpenDb();
            return await db.Notifications.CountAsync(n => n.EntryId == entry && n.RecipientProfessionalId == _t.Id(TeamManager));
        }

        var before = await SentAsync();
        var unanswered = await ParseAsync(await ChronicleApp.PostFormAsync(sw, $"{path}&handler=share", fields, path));
        Assert.Contains("Select whether each person must acknowledge the entry", unanswered.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Equal(before, await SentAsync());

        fields["acknowledge"] = "yes";
        Assert.Equal(HttpStatusCode.Redirect, (await ChronicleApp.PostFormAsync(sw, $"{path}&handler=share", fields, path)).StatusCode);
        Assert.Equal(before + 1, await SentAsync());
    }

    [Fact]
    public async Task An_overdue_action_escalated_to_the_owners_manager_is_on_the_managers_home_page_with_links_to_the_child_and_the_entry()
    {
        var sw = await _t.AsAsync(SocialWorker);
        var entry = await _t.RecordSignificantAsync(sw);
        var description = $"Visit the family, {Guid.NewGuid():N}";
        await using (var db = _t.App.OpenDb())
        {
            var partnership = await db.People.Where(p => p.Id == _t.Child).Select(p => p.PartnershipId).SingleAsync();
            var action = new Core.Actions.TrackedAction
            {
                Id = Guid.NewGuid(), PartnershipId = partnership, SourceEntryId = entry, SourceKind = "observation", Description = description,
                OwnerProfessionalId = _t.Id(SocialWorker), Due = new DateOnly(2015, 2, 12), Status = Core.Actions.ActionStatus.Open, CreatedAt = DateTimeOffset.UtcNow,
            };
            action.Children.Add(new Core.Actions.ActionChild { ActionId = action.Id, ChildPersonId = _t.Child });
            db.Actions.Add(action);
            await db.SaveChangesAsync();
            using var scope = _t.App.Services.CreateScope();
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<Core.Actions.ActionService>().EscalateOverdueAsync(partnership, TestContext.Current.CancellationToken));
        }

        var manager = await _t.AsAsync(TeamManager);
        var home = await OpenAsync(manager, "/");
        var item = Assert.Single(home.QuerySelectorAll("#tray-escalations li"), li => li.TextContent.Contains(description, StringComparison.Ordinal));
        Assert.Contains(item.QuerySelectorAll("a").Select(a => a.GetAttribute("href")), h => h == $"/children/{_t.Child}");
        Assert.Contains(item.QuerySelectorAll("a").Select(a => a.GetAttribute("href")), h => h!.StartsWith($"/children/{_t.Child}/chronology?entry={entry}", StringComparison.Ordinal));

        // Handled with a note of what was done, it leaves the tray and stays in the inbox saying by whom, when and what.
        var handle = item.QuerySelector("a[id^=handle-]")!.GetAttribute("href")!;
        var notification = Guid.Parse(item.Id!["escalation-".Length..]);
        Assert.Equal($"/inbox/escalations/{notification}/handle", handle);
        var handled = await ChronicleApp.PostFormAsync(manager, handle, new() { ["note"] = "Spoke to the social worker; visit booked for Friday" });
        Assert.Equal(HttpStatusCode.Redirect, handled.StatusCode);
        var inbox = await OpenAsync(manager, handled.Headers.Location!.OriginalString);
        Assert.Contains(description, inbox.QuerySelector(".govuk-notification-banner")!.TextContent);
        Assert.Null(inbox.GetElementById($"handle-{notification}"));
        Assert.Contains("by you", inbox.GetElementById($"handled-{notification}")!.TextContent);
        Assert.Contains("Spoke to the social worker; visit booked for Friday", inbox.GetElementById($"item-{notification}")!.TextContent);
        Assert.DoesNotContain((await OpenAsync(manager, "/")).QuerySelectorAll("#tray-escalations li"), li => li.TextContent.Contains(description, StringComparison.Ordinal));
    }

    /// <summary>
    /// An action of an entry shared only with its agency and the lead: the health visitor in the team may not own it, and
    /// her work tray tells her the child has one without what it asks; the lead social worker owns it and reads it.
    /// </summary>
    [Fact]
    public async Task A_worker_hands_on_their_own_action_from_their_actions_saying_to_whom_and_why()
    {
        var sw = await _t.AsAsync(SocialWorker);
        var description = $"Ask the housing service about repairs, {Guid.NewGuid():N}";
        await OkAsync(await PostAsync(sw, "/api/entries", new
        {
            kind = "strategy-discussion",
            details = new { decision = "section47-enquiry", actions = new[] { new { description, ownerProfessionalId = _t.Id(SocialWorker), due = "2015-02-11" } } },
            occurredAt = "2015-02-10T10:30:00Z", occurredPrecision = "exact", subjects = new[] { _t.Child },
            source = "seen-by-recorder", significance = "significant", sharingLevel = "team",
        }));
        var card = (await OpenAsync(sw, "/actions/mine")).QuerySelectorAll("[id^=action-]").Single(a => a.TextContent.Contains(description, StringComparison.Ordinal));
        var actionId = card.QuerySelector("input[name=actionId]")!.GetAttribute("value")!;
        Assert.NotNull(card.QuerySelector($"form[action*='handler=handOn'] input[name=to]"));

        var refused = await ParseAsync(await ChronicleApp.PostFormAsync(sw, "/actions/mine?handler=handOn", new() { ["actionId"] = actionId, ["to"] = "", ["handOnReason"] = "" }, "/actions/mine"));
        Assert.Equal(["Select who the action is handed on to", "Enter why the action is handed on"],
            refused.QuerySelectorAll(".govuk-error-summary__list a").Select(a => a.TextContent.Trim()));
        Assert.Equal($"#to-{actionId}", refused.QuerySelector(".govuk-error-summary__list a")!.GetAttribute("href"));

        var handedOn = await ChronicleApp.PostFormAsync(sw, "/actions/mine?handler=handOn", new() { ["actionId"] = actionId, ["to"] = "Housing service", ["handOnReason"] = "They hold the tenancy" }, "/actions/mine");
        Assert.Equal(HttpStatusCode.Redirect, handedOn.StatusCode);
        var after = await OpenAsync(sw, handedOn.Headers.Location!.OriginalString);
        Assert.Contains("The action is handed on", after.QuerySelector(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(description, after.Body!.TextContent, StringComparison.Ordinal);
    }

    /// <summary>
    /// My actions asks, before marking an action done or handing it on, that it be about a child the user may see: an
    /// action of theirs about a child whose record they may not open, and someone else's, are refused, nothing changed.
    /// </summary>
    [Fact]
    public async Task My_actions_refuses_to_settle_an_action_about_a_child_the_user_may_not_see_or_someone_elses()
    {
        var sw = await _t.AsAsync(SocialWorker);
        var hv = await _t.AsAsync(HealthVisitor);
        var description = $"Ask the nursery about attendance, {Guid.NewGuid():N}";
        var entry = await _t.App.CreateAsync(sw, "/api/entries", new
        {
            kind = "strategy-discussion",
            details = new { decision = "section47-enquiry", actions = new[] { new { description, ownerProfessionalId = _t.Id(SocialWorker), due = "2015-02-11" } } },
            occurredAt = "2015-02-10T10:30:00Z", occurredPrecision = "exact", subjects = new[] { _t.Child },
            source = "seen-by-recorder", significance = "significant", sharingLevel = "team",
        });
        Guid theirs, unseen;
        await using (var db = _t.App.OpenDb())
        {
            theirs = await db.Actions.Where(a => a.SourceEntryId == entry).Select(a => a.Id).SingleAsync();
            // The social worker's own action about a child whose record she may not open (no one of her agency works with him).
            var partnership = await db.People.Where(p => p.Id == _t.Child).Select(p => p.PartnershipId).SingleAsync();
            var other = (await new Core.Record.RecordService(db, TimeProvider.System).CreatePersonAsync(partnership,
                new Core.Record.PersonInput { Kind = Core.Record.PersonKind.Child, KnownAs = "Child U", DateOfBirth = new DateOnly(2013, 6, 1) })).Unwrap();
            unseen = Guid.NewGuid();
            db.Actions.Add(new Core.Actions.TrackedAction
            {
                Id = unseen, PartnershipId = partnership, SourceEntryId = entry, SourceKind = "strategy-discussion", ItemIndex = 1, Description = "Visit the boy at home",
                OwnerProfessionalId = _t.Id(SocialWorker), Due = new DateOnly(2015, 2, 11), Status = Core.Actions.ActionStatus.Open, CreatedAt = DateTimeOffset.UtcNow,
                Children = [new Core.Actions.ActionChild { ActionId = unseen, ChildPersonId = other.Id, Position = 0 }],
            });
            await db.SaveChangesAsync();
        }

        async Task RefusedAsync(HttpClient client, Guid action, string message)
        {
            var done = await ChronicleApp.PostFormAsync(client, "/actions/mine", new() { ["actionId"] = action.ToString(), ["note"] = "Done" }, "/actions/mine");
            Assert.Equal(HttpStatusCode.OK, done.StatusCode);
            Assert.Contains(message, (await ParseAsync(done)).QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
            var handedOn = await ChronicleApp.PostFormAsync(client, "/actions/mine?handler=handOn", new() { ["actionId"] = action.ToString(), ["to"] = "Housing service", ["handOnReason"] = "They hold the tenancy" }, "/actions/mine");
            Assert.Equal(HttpStatusCode.OK, handedOn.StatusCode);
            Assert.Contains(message, (await ParseAsync(handedOn)).QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
        }
        await RefusedAsync(sw, unseen, "There is no such action");
        await RefusedAsync(hv, unseen, "There is no such action");
        await RefusedAsync(hv, theirs, "Only the owner of the action or their manager can");

        await using var check = _t.App.OpenDb();
        Assert.All(await check.Actions.AsNoTracking().Where(a => a.Id == unseen || a.Id == theirs).ToListAsync(), a =>
        {
            Assert.Equal(Core.Actions.ActionStatus.Open, a.Status);
            Assert.Null(a.DoneAt);
            Assert.Null(a.HandedOnTo);
        });
        Assert.False(await check.ActionChanges.AnyAsync(c => (c.ActionId == unseen || c.ActionId == theirs) && c.Type != Core.Actions.ActionChangeType.Created));
        // The child the social worker may not see stays unnamed on her list.
        Assert.DoesNotContain("Child U", (await OpenAsync(sw, "/actions/mine")).Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_an_entry_shared_narrowly_asks_is_shown_only_to_those_who_may_read_the_entry()
    {
        var gp = await _t.AsAsync(Gp);
        var description = $"Call the practice about the test results, {Guid.NewGuid():N}";
        object Strategy(string owner) => new
        {
            kind = "strategy-discussion",
            details = new { decision = "section47-enquiry", actions = new[] { new { description, ownerProfessionalId = _t.Id(owner), due = "2015-02-11" } } },
            occurredAt = "2015-02-10T10:30:00Z",
            occurredPrecision = "exact",
            subjects = new[] { _t.Child },
            source = "seen-by-recorder",
            significance = "significant",
            sharingLevel = "agency-only",
        };

        var refused = await PostAsync(gp, "/api/entries", Strategy(HealthVisitor));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("may not read this entry at its sharing level", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await OkAsync(await PostAsync(gp, "/api/entries", Strategy(SocialWorker)));

        Assert.Contains(description, (await OpenAsync(await _t.AsAsync(SocialWorker), "/actions/mine")).Body!.TextContent, StringComparison.Ordinal);
        var home = await OpenAsync(await _t.AsAsync(HealthVisitor), "/");
        var children = System.Text.RegularExpressions.Regex.Replace(home.GetElementById("tray-children")!.TextContent, @"\s+", " ");
        // Due before the child's alerts, it is her next step: that there is one, and where from.
        Assert.Contains("An action from a strategy discussion you may not read", children, StringComparison.Ordinal);
        Assert.DoesNotContain(description, home.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_child_pages_latest_entries_leave_out_the_records_of_sharing_which_stay_in_the_chronology()
    {
        var sw = await _t.AsAsync(SocialWorker);
        var text = $"Baby had a nappy rash, {Guid.NewGuid():N}";
        await _t.RecordSignificantAsync(sw, text);

        var latest = (await OpenAsync(sw, $"/children/{_t.Child}")).GetElementById("latest-entries")!.TextContent;
        Assert.Contains(text, latest);
        Assert.DoesNotContain("Information shared", latest);
        Assert.Contains("Information shared", (await OpenAsync(sw, $"/children/{_t.Child}/chronology?kind=information-shared")).Body!.TextContent);
    }

    [Fact]
    public async Task The_inbox_opens_on_what_needs_acknowledging_shows_items_for_information_one_line_each_and_says_why_each_was_sent()
    {
        var sw = await _t.AsAsync(SocialWorker);
        var tm = await _t.AsAsync(TeamManager);
        var mark = Guid.NewGuid().ToString("N");
        var significant = await _t.RecordSignificantAsync(sw, $"Bruise on the cheek, {mark}");
        var routine = await _t.App.CreateAsync(sw, "/api/entries", new
        {
            kind = "observation", details = new { topic = "other", text = $"Nursery place agreed, {mark}" }, occurredAt = "2015-02-10T10:30:00Z",
            occurredPrecision = "exact", subjects = new[] { _t.Child }, source = "seen-by-recorder", significance = "routine",
        });
        var shares = $"/api/children/{_t.Child}/shares";
        Assert.Equal(HttpStatusCode.Created, (await TeamApp.PostAsync(sw, shares, new { entryId = routine, recipientProfessionalIds = new[] { _t.Id(TeamManager) }, purpose = $"So you know before supervision {mark}", needsAcknowledgement = false })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await TeamApp.PostAsync(sw, shares, new { entryId = significant, recipientProfessionalIds = new[] { _t.Id(TeamManager) }, purpose = $"For the strategy discussion {mark}" })).StatusCode);

        // With something to acknowledge, that is what the inbox shows first, each filter with its count.
        var inbox = await OpenAsync(tm, "/inbox");
        Assert.StartsWith("Needs acknowledging (", inbox.QuerySelector("nav[aria-label='Filter the inbox'] strong")!.TextContent);
        Assert.Contains(inbox.QuerySelectorAll("nav[aria-label='Filter the inbox'] a"), a => a.TextContent.StartsWith("All (", StringComparison.Ordinal));
        Assert.DoesNotContain($"Nursery place agreed, {mark}", inbox.Body!.TextContent);
        var item = inbox.QuerySelectorAll(".app-inbox-item").Single(i => i.TextContent.Contains($"Bruise on the cheek, {mark}", StringComparison.Ordinal));
        var why = item.QuerySelectorAll(".app-inbox-why dt").Single(d => d.TextContent == "Why it was shared with you").NextElementSibling!.TextContent;
        Assert.Equal($"{SocialWorker} sent it to you: For the strategy discussion {mark}", why);

        // Everything: an item for information is one line, its title, with its text a click away.
        var all = await OpenAsync(tm, "/inbox?filter=all");
        var line = all.QuerySelectorAll("details.app-inbox-line").Single(d => d.TextContent.Contains($"Nursery place agreed, {mark}", StringComparison.Ordinal));
        Assert.StartsWith("Observation about Child T", line.QuerySelector("summary")!.TextContent.Trim());
        Assert.Contains("For information", line.QuerySelector(".govuk-details__text")!.TextContent);
        Assert.Contains($"So you know before supervision {mark}", line.QuerySelector(".govuk-details__text")!.TextContent);
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

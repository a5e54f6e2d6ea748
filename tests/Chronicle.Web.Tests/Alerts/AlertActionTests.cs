using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Chronicle.Core.Safeguards;
using Chronicle.Web.Alerts;
using Chronicle.Web.Tests.Security;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Tests.Alerts;

/// <summary>
/// Acting on alerts from the lists with plain forms, as a browser without script posts them, over an Emily app of
/// its own (these tests change her alerts): acknowledging a family event acknowledges it for every child it names;
/// escalating needs a reason and reaches the owner's manager; a refusal is an error summary naming the card's field;
/// closing is a manager's; an alert the user may not see is not there.
/// </summary>
public sealed partial class AlertActionTests(EmilyApp emily) : IClassFixture<EmilyApp>
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [Fact]
    public async Task Acknowledging_a_family_event_from_my_alerts_acknowledges_it_for_each_child_and_returns_to_the_same_filtered_list()
    {
        var client = await emily.ClientAsync(Actor.TeamPractitioner);
        var group = await SharedEventAsync(AlertStatus.Open);
        var list = $"/alerts/mine?safeguard={group[0].SafeguardId}";

        var response = await PostAsync(client, list, "acknowledge", group.Select(a => a.Id), null);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"{list}&done=acknowledged", response.Headers.Location!.OriginalString);
        await using var db = emily.App.OpenDb();
        var ids = group.Select(a => a.Id).ToList();
        Assert.All(await db.Alerts.Where(a => ids.Contains(a.Id)).ToListAsync(), a => Assert.Equal(AlertStatus.Acknowledged, a.Status));
        var after = await BabyRApp.OpenAsync(client, response.Headers.Location!.OriginalString);
        Assert.Contains("Alert acknowledged", after.QuerySelector(".govuk-notification-banner--success")!.TextContent);
    }

    [Fact]
    public async Task Escalating_without_a_reason_is_refused_naming_the_reason_field_and_with_one_reaches_the_owners_manager()
    {
        var client = await emily.ClientAsync(Actor.TeamPractitioner);
        await using var db = emily.App.OpenDb();
        var me = await db.Professionals.Where(p => p.Name == "Social worker (Emily's family)").SingleAsync();
        var alert = await db.Alerts.AsNoTracking()
            .Where(a => a.SubjectPersonId == emily.Emily && a.OwnerProfessionalId == me.Id && a.EscalatedToProfessionalId == null && (a.Status == AlertStatus.Open || a.Status == AlertStatus.Acknowledged))
            .OrderBy(a => a.Id).FirstAsync();
        var group = await GroupOfAsync(alert);
        var list = $"/alerts/mine?child={emily.Emily}&safeguard={alert.SafeguardId}";
        var lead = await LeadOnListAsync(client, list, group);

        var refused = await PostAsync(client, list, "escalate", group.Select(a => a.Id).Prepend(lead).Distinct(), "  ");
        var page = await BabyRApp.ParseAsync(refused);
        var escalated = await PostAsync(client, list, "escalate", group.Select(a => a.Id).Prepend(lead).Distinct(), "No decision on the referral after two reminders");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var link = Assert.Single(page.QuerySelectorAll(".govuk-error-summary a"));
        Assert.Equal($"#escalate-reason-{lead}", link.GetAttribute("href"));
        Assert.StartsWith($"Enter why {SafeguardCatalogue.Find(alert.SafeguardId)!.Title} about Emily", link.TextContent.Trim());
        Assert.NotNull(page.GetElementById($"escalate-reason-{lead}"));
        Assert.True(page.GetElementById($"escalate-{lead}-details")!.HasAttribute("open"), "the escalation's details are open on the field in error");
        Assert.Equal(HttpStatusCode.Redirect, escalated.StatusCode);
        Assert.EndsWith("done=escalated", escalated.Headers.Location!.OriginalString);
        var after = await db.Alerts.AsNoTracking().SingleAsync(a => a.Id == alert.Id);
        Assert.Equal(me.ManagerId, after.EscalatedToProfessionalId);
        Assert.True(after.IsOpen);
        var step = await db.AlertEvents.AsNoTracking().SingleAsync(e => e.AlertId == alert.Id && e.Type == AlertEventType.Escalated);
        Assert.Equal(("No decision on the referral after two reminders", (Guid?)me.Id), (step.Reason, step.ByProfessionalId));

        // Offered before, not once it is with the manager: to the owner, or to the manager, who would escalate it to themselves.
        Assert.NotNull(page.QuerySelector($"#alert-group-{lead} details[id^='escalate-']"));
        foreach (var reader in new[] { client, await emily.ClientAsync(Actor.ManagerOfTeamMember) })
        {
            var shown = await LeadOnListAsync(reader, list, group);
            Assert.Null((await BabyRApp.OpenAsync(reader, list)).QuerySelector($"#alert-group-{shown} details[id^='escalate-']"));
        }
    }

    [Fact]
    public async Task Resolving_what_is_not_on_record_is_refused_in_an_error_summary_naming_the_alert_and_closing_is_a_managers()
    {
        var client = await emily.ClientAsync(Actor.TeamPractitioner);
        var manager = await emily.ClientAsync(Actor.ManagerOfTeamMember);
        await using var db = emily.App.OpenDb();
        var alert = await db.Alerts.AsNoTracking()
            .Where(a => a.SubjectPersonId == emily.Emily && (a.Status == AlertStatus.Open || a.Status == AlertStatus.Acknowledged))
            .OrderByDescending(a => a.Id).FirstAsync();
        var group = await GroupOfAsync(alert);
        var list = $"/alerts?child={emily.Emily}&safeguard={alert.SafeguardId}";
        var mine = $"/alerts/mine?child={emily.Emily}&safeguard={alert.SafeguardId}&status=open";
        var lead = await LeadOnListAsync(manager, list, group);
        var ids = group.Select(a => a.Id).Prepend(lead).Distinct().ToList();

        var resolve = await PostAsync(manager, list, "resolve", ids, null);
        var practitionerCloses = await PostAsync(client, mine, "close", ids, "Not needed", formPage: "/alerts/mine");
        var emptyReason = await PostAsync(manager, list, "close", ids, "");
        var page = await BabyRApp.ParseAsync(resolve);
        var closePage = await BabyRApp.ParseAsync(emptyReason);

        // Declining to resolve is a normal outcome: said plainly, not as an error.
        Assert.Equal(HttpStatusCode.OK, resolve.StatusCode);
        Assert.Null(page.QuerySelector(".govuk-error-summary"));
        Assert.Matches("Not resolved yet for [^:]*Emily", page.GetElementById("not-resolved")!.TextContent);
        Assert.Contains(SafeguardCatalogue.Find(alert.SafeguardId)!.Title, page.GetElementById("not-resolved")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.GetElementById($"resolve-{lead}"));
        Assert.Equal(HttpStatusCode.Forbidden, practitionerCloses.StatusCode);
        Assert.Equal($"#close-reason-{lead}", closePage.QuerySelector(".govuk-error-summary a")!.GetAttribute("href"));
        Assert.True(closePage.GetElementById($"close-{lead}-details")!.HasAttribute("open"));
        Assert.True((await db.Alerts.AsNoTracking().SingleAsync(a => a.Id == alert.Id)).IsOpen, "nothing refused was saved");
    }

    [Fact]
    public async Task An_alert_on_a_child_the_user_may_not_see_is_not_there_and_nothing_is_changed()
    {
        var outsider = await emily.ClientAsync(Actor.OutsideGp);
        await using var db = emily.App.OpenDb();
        var alert = await db.Alerts.AsNoTracking().Where(a => a.SubjectPersonId == emily.Emily && a.Status == AlertStatus.Open).OrderBy(a => a.Id).FirstAsync();

        var response = await PostAsync(outsider, "/alerts/mine", "acknowledge", [alert.Id], null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(AlertStatus.Open, (await db.Alerts.AsNoTracking().SingleAsync(a => a.Id == alert.Id)).Status);
    }

    [Fact]
    public async Task A_family_alerts_step_opens_the_entry_form_with_every_child_of_the_event_ticked()
    {
        var client = await emily.ClientAsync(Actor.TeamPractitioner);
        foreach (var group in await SharedOpenEventsAsync())
        {
            var emilys = group.First(a => a.SubjectPersonId == emily.Emily);
            var page = await BabyRApp.OpenAsync(client, $"/alerts/{emilys.Id}");
            var record = page.QuerySelectorAll(".app-alert__steps a[data-step='record']").Select(a => a.GetAttribute("href")!).FirstOrDefault();
            if (record is null) continue;

            var form = await BabyRApp.OpenAsync(client, record);

            var ticked = form.QuerySelectorAll("input[name='subjects']:checked").Select(i => i.GetAttribute("value")).ToList();
            Assert.Contains(emily.Emily.ToString(), ticked);
            Assert.Contains(emily.Sibling.ToString(), ticked);
            Assert.Equal(emilys.Id.ToString(), form.QuerySelector("input[name='alert']")?.GetAttribute("value"));
            return;
        }
        Assert.Fail("Emily's story leaves a family event open for her and her eldest sibling whose alert asks for an entry");
    }

    [Fact]
    public async Task After_a_step_the_confirmation_says_which_children_the_family_event_is_resolved_for_and_which_it_is_still_open_for()
    {
        var client = await emily.ClientAsync(Actor.TeamPractitioner);
        var group = (await SharedOpenEventsAsync()).Last();
        var emilys = group.First(a => a.SubjectPersonId == emily.Emily);
        // What one entry about Emily alone leaves: her alert resolved, her sibling's of the same event still open.
        await using (var db = emily.App.OpenDb())
        {
            var alert = await db.Alerts.SingleAsync(a => a.Id == emilys.Id);
            alert.Status = AlertStatus.Resolved;
            alert.ClosedAt = DateTimeOffset.UtcNow;
            await db.SaveChangesAsync();
        }

        var page = await BabyRApp.OpenAsync(client, $"/alerts/{emilys.Id}?done=recorded");

        var after = System.Text.RegularExpressions.Regex.Replace(page.GetElementById("alert-after-step")!.TextContent, @"\s+", " ").Trim();
        Assert.StartsWith("This alert stays open for ", after);
        Assert.Contains("Sibling 1 (eldest)", after[..after.IndexOf(':', StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.Contains("It is resolved for Emily.", after);
        Assert.DoesNotContain("This alert is resolved", page.QuerySelector(".govuk-notification-banner--success")!.TextContent);
    }

    [Fact]
    public async Task An_alert_no_one_owns_is_in_the_team_managers_tray_and_my_alerts()
    {
        var manager = await emily.ClientAsync(Actor.ManagerOfTeamMember);
        Guid id;
        await using (var db = emily.App.OpenDb())
        {
            var alert = await db.Alerts.Where(a => a.SubjectPersonId == emily.Emily && a.Status == AlertStatus.Open && a.EscalatedToProfessionalId == null)
                .OrderBy(a => a.RaisedAt).FirstAsync();
            alert.OwnerProfessionalId = null;
            await db.SaveChangesAsync();
            id = alert.Id;
        }

        var mine = await BabyRApp.OpenAsync(manager, $"/alerts/mine?child={emily.Emily}");
        var tray = await BabyRApp.OpenAsync(manager, "/");

        var card = mine.QuerySelectorAll(".app-alert-group").Single(c => c.Id == $"alert-group-{id}" || c.QuerySelector($"input[value='{id}']") is not null);
        Assert.Equal("No one who may see the child owns it: it is with you so that it is not missed", BabyRApp.Row(card, "Why it is yours"));
        Assert.Contains("No one named", BabyRApp.Row(card, "Owner"));
        Assert.NotEqual("0", tray.QuerySelector("#tray-counts .app-tray-counts__number")!.TextContent.Trim());
    }

    [Fact]
    public async Task An_alert_no_one_owns_about_a_child_no_manager_or_front_door_may_open_is_with_the_childs_team_and_only_then()
    {
        var app = emily.App;
        var admin = await app.SignInAsync(await app.UserNameOfAsync(Chronicle.Web.Hosting.DemoAccounts.Administrator));
        var nurseId = await app.CreateAsync(admin, "/api/professionals", new { name = "Practice nurse (Riverside, no manager)", agencyId = emily.OtherPracticeAgency, role = "general-practitioner" });
        var nurse = await app.SignInAsync(await app.AddAccountAsync(nurseId));
        var child = await app.CreateAsync(nurse, "/api/people", new { kind = "child", givenName = "Alex", familyName = "Riverside", dateOfBirth = "2019-05-06" });
        var involved = await nurse.PostAsJsonAsync("/api/involvements", new { personId = child, agencyId = emily.OtherPracticeAgency, professionalId = nurseId, role = "practice nurse", from = "2024-01-01" }, ChronicleApp.Json);
        Assert.True(involved.IsSuccessStatusCode, await involved.Content.ReadAsStringAsync());
        Guid alone, managed;
        await using (var db = app.OpenDb())
        {
            var now = DateTimeOffset.UtcNow;
            var partnership = await db.People.Where(p => p.Id == child).Select(p => p.PartnershipId).SingleAsync();
            var alert = new Alert
            {
                Id = Guid.NewGuid(), PartnershipId = partnership, SafeguardId = "SG-08", SubjectPersonId = child, CauseKey = "no-owner", Severity = Severity.Prompt,
                Summary = "Information held by one agency is not shared", AskFor = "Share it with the team", RaisedAt = now, DueAt = now.AddDays(1), Status = AlertStatus.Open,
            };
            db.Alerts.Add(alert);
            var emilys = await db.Alerts.Where(a => a.SubjectPersonId == emily.Emily && a.Status == AlertStatus.Open && a.EscalatedToProfessionalId == null).OrderByDescending(a => a.RaisedAt).FirstAsync();
            emilys.OwnerProfessionalId = null;
            await db.SaveChangesAsync();
            (alone, managed) = (alert.Id, emilys.Id);
        }

        // No one may see the child as a manager or the front door: the nurse in the team is who it reaches.
        var mine = await BabyRApp.OpenAsync(nurse, "/alerts/mine");
        var card = mine.QuerySelectorAll(".app-alert-group").Single(c => c.QuerySelector($"input[value='{alone}']") is not null || c.Id == $"alert-group-{alone}");
        Assert.Equal("No one who may see the child owns it: it is with you so that it is not missed", BabyRApp.Row(card, "Why it is yours"));
        // Emily's social worker has a manager who may see her: an alert of hers no one owns is the manager's, not the worker's.
        var worker = await BabyRApp.OpenAsync(await emily.ClientAsync(Actor.TeamPractitioner), $"/alerts/mine?child={emily.Emily}");
        Assert.Null(worker.QuerySelector($"input[value='{managed}']"));
        Assert.DoesNotContain(worker.QuerySelectorAll(".app-alert-group"), c => c.Id == $"alert-group-{managed}");
    }

    /// <summary>Events of Emily's that the same safeguard raised for her eldest sibling too, both still open.</summary>
    private async Task<List<List<Alert>>> SharedOpenEventsAsync()
    {
        await using var db = emily.App.OpenDb();
        var family = new[] { emily.Emily, emily.Sibling };
        var alerts = await db.Alerts.AsNoTracking().Where(a => family.Contains(a.SubjectPersonId) && (a.Status == AlertStatus.Open || a.Status == AlertStatus.Acknowledged)).ToListAsync();
        var shared = alerts.GroupBy(AlertGroup.Key).Where(g => g.Select(a => a.SubjectPersonId).Distinct().Count() == 2).OrderBy(g => g.Key).Select(g => g.ToList()).ToList();
        Assert.True(shared.Count > 0, "Emily's story raises alerts for her and her eldest sibling from the same entries");
        return shared;
    }

    /// <summary>An event of Emily's that the same safeguard raised for her eldest sibling too, every alert of it in this status.</summary>
    private async Task<List<Alert>> SharedEventAsync(AlertStatus status)
    {
        await using var db = emily.App.OpenDb();
        var family = new[] { emily.Emily, emily.Sibling };
        var alerts = await db.Alerts.AsNoTracking().Where(a => family.Contains(a.SubjectPersonId) && a.Status == status).ToListAsync();
        var shared = alerts.GroupBy(AlertGroup.Key).Where(g => g.Select(a => a.SubjectPersonId).Distinct().Count() == 2).OrderBy(g => g.Key).FirstOrDefault();
        Assert.True(shared is not null, "Emily's story raises one alert for her and her eldest sibling from the same entry");
        return [.. shared];
    }

    /// <summary>Every open alert of the family event the alert belongs to, about the children of Emily's family.</summary>
    private async Task<List<Alert>> GroupOfAsync(Alert alert)
    {
        await using var db = emily.App.OpenDb();
        var key = AlertGroup.Key(alert);
        return [.. (await db.Alerts.AsNoTracking().Where(a => a.SafeguardId == alert.SafeguardId && (a.Status == AlertStatus.Open || a.Status == AlertStatus.Acknowledged)).ToListAsync())
            .Where(a => AlertGroup.Key(a) == key)];
    }

    /// <summary>The id naming the group's card on the list (the card's first alert), read from the page.</summary>
    private static async Task<Guid> LeadOnListAsync(HttpClient client, string list, List<Alert> group)
    {
        var page = await BabyRApp.OpenAsync(client, list);
        var card = page.QuerySelectorAll(".app-alert-group").Single(c => group.Any(a => c.Id == $"alert-group-{a.Id}"));
        return Guid.Parse(card.Id!["alert-group-".Length..]);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string list, string handler, IEnumerable<Guid> ids, string? reason, string? formPage = null)
    {
        var html = await client.GetStringAsync(formPage ?? list);
        var token = TokenField().Match(html);
        Assert.True(token.Success, $"{formPage ?? list} has no antiforgery token");
        var fields = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value)) };
        fields.AddRange(ids.Select(id => new KeyValuePair<string, string>("ids", id.ToString())));
        if (reason is not null) fields.Add(new("reason", reason));
        return await client.PostAsync($"{list}{(list.Contains('?') ? "&" : "?")}handler={handler}", new FormUrlEncodedContent(fields));
    }
}

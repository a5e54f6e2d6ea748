using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp;
using AngleSharp.Dom;
using Chronicle.Core.Actions;
using Chronicle.Core.Sharing;
using Chronicle.Testing;
using Chronicle.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Chronicle.Web.Tests.Api.TeamApp;

namespace Chronicle.Web.Tests.TeamAroundChild;

/// <summary>
/// An escalation is handled by its manager with a note of what they did, once, for every manager the same matter went
/// to; reading it is not handling it. Over Family T: the social worker's overdue action escalated to her team manager.
/// </summary>
public sealed class EscalationHandlingTests
{
    [Fact]
    public async Task Reading_an_escalation_is_not_handling_it_and_the_handling_page_needs_a_note_within_its_limit_once()
    {
        await using var t = await StartAsync(Provider.Sqlite);
        var (escalation, description) = await EscalateOverdueActionAsync(t);
        var manager = await t.AsAsync(TeamManager);
        var page = $"/inbox/escalations/{escalation}/handle";

        // Read through the API, it still waits on the manager's work tray.
        await OkAsync(await PostAsync(manager, "/api/inbox/read", new { notificationId = escalation }));
        Assert.Contains((await OpenAsync(manager, "/")).QuerySelectorAll("#tray-escalations li"), li => li.Id == $"escalation-{escalation}");

        // Only its recipient may open it; a shared entry is no escalation.
        Assert.Equal(HttpStatusCode.NotFound, (await (await t.AsAsync(SocialWorker)).GetAsync(page)).StatusCode);
        var hv = await t.AsAsync(HealthVisitor);
        Assert.Equal(HttpStatusCode.NotFound, (await hv.GetAsync($"/inbox/escalations/{await SharedWithAsync(t, HealthVisitor)}/handle")).StatusCode);

        var empty = await ParseAsync(await ChronicleApp.PostFormAsync(manager, page, new() { ["note"] = " " }));
        Assert.Equal("Enter what you did about the escalation", ErrorLink(empty, "note"));
        var tooLong = await ParseAsync(await ChronicleApp.PostFormAsync(manager, page, new() { ["note"] = new string('a', SharingService.MaxHandledNoteLength + 1) }));
        Assert.Equal($"What you did must be {SharingService.MaxHandledNoteLength} characters or fewer", ErrorLink(tooLong, "note"));
        Assert.Contains((await OpenAsync(manager, "/")).QuerySelectorAll("#tray-escalations li"), li => li.Id == $"escalation-{escalation}");

        const string note = "Spoke to the social worker: the visit is booked for Friday";
        var handled = await ChronicleApp.PostFormAsync(manager, page, new() { ["note"] = note });
        Assert.Equal(HttpStatusCode.Redirect, handled.StatusCode);
        var inbox = await OpenAsync(manager, handled.Headers.Location!.OriginalString);
        Assert.StartsWith("Escalation handled", inbox.QuerySelector(".govuk-notification-banner__heading")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains(note, inbox.GetElementById($"item-{escalation}")!.TextContent);
        Assert.DoesNotContain((await OpenAsync(manager, "/")).QuerySelectorAll("#tray-escalations li"), li => li.Id == $"escalation-{escalation}");

        // Handled once: the page says so, and a second note is refused, saying by whom.
        Assert.Contains("handled by you", (await OpenAsync(manager, page)).GetElementById("already-handled")!.TextContent);
        var again = await ParseAsync(await ChronicleApp.PostFormAsync(manager, page, new() { ["note"] = "Again" }, "/inbox"));
        Assert.StartsWith("This escalation was handled already, by you on", ErrorLink(again, "escalation"), StringComparison.Ordinal);

        await using var db = t.App.OpenDb();
        var stored = await db.Notifications.AsNoTracking().SingleAsync(n => n.Id == escalation);
        Assert.Equal((t.Id(TeamManager), note), (stored.HandledByProfessionalId, stored.HandledNote));
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Detail == $"escalation {escalation} handled"));
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Detail != null && (a.Detail.Contains("Friday") || a.Detail.Contains(description))));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_escalation_is_handled_through_the_api_once_with_an_idempotency_key_and_anything_else_is_no_such_notification(Provider provider)
    {
        await using var t = await StartAsync(provider);
        var (escalation, _) = await EscalateOverdueActionAsync(t);
        var manager = await t.AsAsync(TeamManager);
        const string path = "/api/inbox/handled-escalations";

        var noNote = await ApiTestData.ErrorsAsync(await PostAsync(manager, path, new { notificationId = escalation }));
        Assert.Equal(["Enter what you did about the escalation"], noNote["note"]);
        var notMine = await ApiTestData.ErrorsAsync(await PostAsync(await t.AsAsync(SocialWorker), path, new { notificationId = escalation, note = "Done" }));
        Assert.Equal(["There is no such notification"], notMine["notificationId"]);
        var hv = await t.AsAsync(HealthVisitor);
        var notAnEscalation = await ApiTestData.ErrorsAsync(await PostAsync(hv, path, new { notificationId = await SharedWithAsync(t, HealthVisitor), note = "Done" }));
        Assert.Equal(["There is no such notification"], notAnEscalation["notificationId"]);

        var body = new { notificationId = escalation, note = "Reassigned the visit to the duty worker" };
        var first = await manager.SendAsync(Keyed(path, body, "handle-1"));
        var handled = await OkAsync(first);
        Assert.Equal("Reassigned the visit to the duty worker", handled.GetProperty("handled").GetProperty("note").GetString());
        Assert.True(handled.GetProperty("handled").GetProperty("byMe").GetBoolean());
        Assert.Equal(t.Id(TeamManager), handled.GetProperty("notification").GetProperty("handledByProfessionalId").GetGuid());
        var replayed = await manager.SendAsync(Keyed(path, body, "handle-1"));
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Equal(handled.GetProperty("handled").GetProperty("at").GetDateTimeOffset(), (await OkAsync(replayed)).GetProperty("handled").GetProperty("at").GetDateTimeOffset());
        var twice = await ApiTestData.ErrorsAsync(await manager.SendAsync(Keyed(path, body with { note = "Again" }, "handle-2")));
        Assert.StartsWith("This escalation was handled already, by you on", Assert.Single(twice["notificationId"]), StringComparison.Ordinal);

        var inbox = await OkAsync(await manager.GetAsync("/api/inbox?filter=all"));
        var item = inbox.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("notification").GetProperty("id").GetGuid() == escalation);
        Assert.Equal("Reassigned the visit to the duty worker", item.GetProperty("handled").GetProperty("note").GetString());
        Assert.Equal(TeamManager, item.GetProperty("handled").GetProperty("by").GetString());
        Assert.True(item.GetProperty("notification").TryGetProperty("handledAt", out _));
    }

    /// <summary>
    /// The same overdue action escalated to two more managers: the health visitor, who may see Child T, and the police
    /// officer, who may not. Each sees it handled by the team manager, when, and the note with what they may not see withheld.
    /// </summary>
    [Fact]
    public async Task Where_the_same_matter_went_to_other_managers_each_sees_who_handled_it_when_and_what_with_names_they_may_not_see_withheld()
    {
        await using var t = await StartAsync(Provider.Sqlite);
        var (escalation, _) = await EscalateOverdueActionAsync(t);
        Guid seeing, blind;
        await using (var db = t.App.OpenDb())
        {
            var original = await db.Notifications.AsNoTracking().SingleAsync(n => n.Id == escalation);
            Notification To(string who, Guid? child) => new()
            {
                Id = Guid.NewGuid(), PartnershipId = original.PartnershipId, RecipientProfessionalId = t.Id(who), Kind = original.Kind, ChildPersonId = child,
                EntryId = original.EntryId, ActionId = original.ActionId, Title = $"An action is overdue, escalated to {who}", CreatedAt = original.CreatedAt,
            };
            var (toHv, toPolice) = (To(HealthVisitor, t.Child), To(PoliceOfficer, null));
            db.Notifications.AddRange(toHv, toPolice);
            await db.SaveChangesAsync();
            (seeing, blind) = (toHv.Id, toPolice.Id);
        }

        var manager = await t.AsAsync(TeamManager);
        const string note = "Spoke to the social worker about Child T; the visit is booked";
        await OkAsync(await PostAsync(manager, "/api/inbox/handled-escalations", new { notificationId = escalation, note }));

        // The health visitor, in Child T's team, reads the note as written, on her inbox page and through the API.
        var hv = await t.AsAsync(HealthVisitor);
        var row = (await OpenAsync(hv, "/inbox?filter=all")).GetElementById($"item-{seeing}")!;
        Assert.Contains($"by {TeamManager}", row.TextContent);
        Assert.Contains(note, row.TextContent);
        Assert.Null(row.QuerySelector($"#handle-{seeing}"));
        var hvItem = await ItemAsync(hv, seeing);
        Assert.Equal((TeamManager, false, note), (hvItem.GetProperty("by").GetString(), hvItem.GetProperty("byMe").GetBoolean(), hvItem.GetProperty("note").GetString()));

        // The police officer, who may not open Child T, sees it handled, by whom and when, without the child's name.
        var police = await t.AsAsync(PoliceOfficer);
        var policeItem = await ItemAsync(police, blind);
        Assert.Equal(TeamManager, policeItem.GetProperty("by").GetString());
        Assert.Equal($"Spoke to the social worker about {Core.Chronology.Names.WithheldPerson}; the visit is booked", policeItem.GetProperty("note").GetString());
        Assert.DoesNotContain("Child T", await police.GetStringAsync("/api/inbox?filter=all"), StringComparison.Ordinal);
        Assert.DoesNotContain("Child T", await police.GetStringAsync("/inbox?filter=all"), StringComparison.Ordinal);

        // The matter is handled once: another manager's attempt is refused, saying by whom.
        var refused = await ApiTestData.ErrorsAsync(await PostAsync(hv, "/api/inbox/handled-escalations", new { notificationId = seeing, note = "Me too" }));
        Assert.StartsWith($"This escalation was handled already, by {TeamManager} on", Assert.Single(refused["notificationId"]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_escalation_whose_action_is_since_done_leaves_the_managers_tray_and_says_what_settled_it(Provider provider)
    {
        await using var t = await StartAsync(provider);
        var (escalation, _) = await EscalateOverdueActionAsync(t);
        var manager = await t.AsAsync(TeamManager);
        Assert.Contains((await OpenAsync(manager, "/")).QuerySelectorAll("#tray-escalations li"), li => li.Id == $"escalation-{escalation}");
        Guid action;
        await using (var db = t.App.OpenDb())
            action = (await db.Notifications.AsNoTracking().SingleAsync(n => n.Id == escalation)).ActionId!.Value;

        // The social worker does the action: the escalation has nothing left for the manager to chase.
        await OkAsync(await PostAsync(await t.AsAsync(SocialWorker), "/api/actions/done", new { actionId = action, note = "Visited the family on Friday" }));

        var home = await OpenAsync(manager, "/");
        Assert.DoesNotContain(home.QuerySelectorAll("#tray-escalations li"), li => li.Id == $"escalation-{escalation}");
        Assert.Null(home.GetElementById("tray-escalations"));
        // Kept in the inbox's history, saying what settled it; no manager is recorded as having handled it.
        var inbox = await OpenAsync(manager, "/inbox?filter=all");
        Assert.StartsWith("No longer needed The action was done on", inbox.GetElementById($"settled-{escalation}")!.TextContent.Trim(), StringComparison.Ordinal);
        await using var check = t.App.OpenDb();
        var stored = await check.Notifications.AsNoTracking().SingleAsync(n => n.Id == escalation);
        Assert.NotNull(stored.CauseSettledAt);
        Assert.Null(stored.HandledAt);
        Assert.Equal(NotificationKind.ActionOverdue, stored.Kind);
    }

    /// <summary>An open action of the social worker's, due in 2015, escalated to her team manager: the escalation's id and what the action asks.</summary>
    private static async Task<(Guid Escalation, string Description)> EscalateOverdueActionAsync(TeamApp t)
    {
        var entry = await t.RecordSignificantAsync(await t.AsAsync(SocialWorker));
        var description = $"Visit the family, {Guid.NewGuid():N}";
        await using var db = t.App.OpenDb();
        var partnership = await db.People.Where(p => p.Id == t.Child).Select(p => p.PartnershipId).SingleAsync();
        var action = new TrackedAction
        {
            Id = Guid.NewGuid(), PartnershipId = partnership, SourceEntryId = entry, SourceKind = "observation", Description = description,
            OwnerProfessionalId = t.Id(SocialWorker), Due = new DateOnly(2015, 2, 12), Status = ActionStatus.Open, CreatedAt = DateTimeOffset.UtcNow,
        };
        action.Children.Add(new ActionChild { ActionId = action.Id, ChildPersonId = t.Child });
        db.Actions.Add(action);
        await db.SaveChangesAsync();
        using (var scope = t.App.Services.CreateScope())
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<ActionService>().EscalateOverdueAsync(partnership, TestContext.Current.CancellationToken));
        var escalation = await db.Notifications.AsNoTracking().SingleAsync(n => n.ActionId == action.Id && n.Kind == NotificationKind.ActionOverdue);
        Assert.Equal(t.Id(TeamManager), escalation.RecipientProfessionalId);
        return (escalation.Id, description);
    }

    /// <summary>An entry shared with this professional: an inbox item that is no escalation.</summary>
    private static async Task<Guid> SharedWithAsync(TeamApp t, string professional)
    {
        await using var db = t.App.OpenDb();
        return await db.Notifications.Where(n => n.RecipientProfessionalId == t.Id(professional) && n.Kind == NotificationKind.EntryShared).Select(n => n.Id).FirstAsync();
    }

    private static async Task<JsonElement> ItemAsync(HttpClient client, Guid notification) =>
        (await OkAsync(await client.GetAsync("/api/inbox?filter=all"))).GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("notification").GetProperty("id").GetGuid() == notification).GetProperty("handled");

    private static HttpRequestMessage Keyed(string path, object body, string key) =>
        new(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: ChronicleApp.Json), Headers = { { "Idempotency-Key", key } } };

    /// <summary>The error summary's message for a field, by the field its link goes to.</summary>
    private static string? ErrorLink(IDocument page, string field) =>
        page.QuerySelector($".govuk-error-summary a[href='#{field}']")?.TextContent.Trim();

    private static async Task<IDocument> OpenAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}");
        return await ParseAsync(response);
    }

    private static async Task<IDocument> ParseAsync(HttpResponseMessage response) =>
        await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(response.Content.ReadAsStream()));
}

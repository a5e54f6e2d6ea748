using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chronicle.Core.Learning;
using Chronicle.Core.Meetings;
using Chronicle.Core.Sharing;
using Chronicle.Web.Hosting;
using Chronicle.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chronicle.Web.Tests.Security.Attacks;

/// <summary>
/// What is sent to people, at the edge of who may see the child: a meeting's invitations and record, an escalation
/// to a manager, and a draft learning review, each reaching only those who may read what it tells.
/// </summary>
[Collection(AttackCollection.Name)]
public sealed class ShareAttackTests(AttackApp app)
{
    private static readonly string[] Decisions = ["Keep in touch weekly"];
    private ChronicleApp App => app.App;

    private async Task<string> NameOfAsync(Guid person)
    {
        await using var db = App.OpenDb();
        return (await db.People.SingleAsync(p => p.Id == person)).DisplayName;
    }

    [Fact]
    public async Task A_meeting_invites_only_those_who_may_open_the_child_and_its_record_reaches_no_one_who_no_longer_may()
    {
        var emily = await NameOfAsync(app.Emily);
        var lead = await app.AsAsync(app.EmilysLeadUser);
        string outsider;
        await using (var db = App.OpenDb())
            outsider = await db.Professionals.Where(p => p.Id == app.OutsideGp).Select(p => p.Name).SingleAsync();

        var refused = await lead.PostAsJsonAsync($"/api/children/{app.Emily}/meetings", new
        {
            type = "professionals-meeting", scheduledFor = "2024-06-03T10:00:00Z", chairProfessionalId = app.OutsideGp,
            invitees = new object[] { new { professionalId = app.EmilysGp }, new { professionalId = app.OutsideGp } },
        }, ChronicleApp.Json);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = await ApiTestData.ErrorsAsync(refused);
        Assert.Equal([$"{outsider} cannot open {emily}'s record: add them to the team around the child first"], errors["invitees[1].professionalId"]);
        Assert.Equal([$"{outsider} cannot open {emily}'s record: add them to the team around the child first"], errors["chairProfessionalId"]);
        Assert.DoesNotContain("invitees[0].professionalId", errors.Keys);
        // The page offers as chair, and to invite, only those who may open the child.
        var form = await lead.GetStringAsync($"/children/{app.Emily}/meetings/new?type=professionals-meeting&everyone=true");
        Assert.Contains($"value=\"{app.EmilysGp}\"", form);
        Assert.DoesNotContain(app.OutsideGp.ToString(), form);

        var scheduled = await lead.PostAsJsonAsync($"/api/children/{app.Emily}/meetings", new
        {
            type = "professionals-meeting", scheduledFor = "2024-06-03T10:00:00Z", invitees = new object[] { new { professionalId = app.EmilysGp } },
        }, ChronicleApp.Json);
        Assert.Equal(HttpStatusCode.Created, scheduled.StatusCode);
        var meetingId = (await scheduled.Content.ReadFromJsonAsync<JsonElement>(ChronicleApp.Json)).GetProperty("id").GetGuid();
        var invited = await lead.PostAsJsonAsync($"/api/children/{app.Emily}/meetings/invitations", new { meetingId, professionalId = app.OutsideGp }, ChronicleApp.Json);
        Assert.Equal(HttpStatusCode.BadRequest, invited.StatusCode);
        Assert.Contains("add them to the team around the child first", (await ApiTestData.ErrorsAsync(invited))["professionalId"][0], StringComparison.Ordinal);

        // Someone invited while they could open the child, who no longer may, is sent nothing of the meeting's record.
        await using (var db = App.OpenDb())
        {
            db.MeetingInvitees.Add(new MeetingInvitee { Id = Guid.NewGuid(), MeetingId = meetingId, ProfessionalId = app.OutsideGp, AgencyId = app.OutsidePracticeAgency, Invited = true, InvitedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }
        List<Guid> invitees;
        await using (var db = App.OpenDb())
            invitees = await db.MeetingInvitees.Where(i => i.MeetingId == meetingId && i.Invited).Select(i => i.Id).ToListAsync();
        var held = await lead.PostAsJsonAsync($"/api/children/{app.Emily}/meetings/records", new
        {
            meetingId, attendance = invitees.Select(i => new { inviteeId = i, attended = true }).ToArray(), decisions = Decisions,
        }, ChronicleApp.Json);
        Assert.Equal(HttpStatusCode.OK, held.StatusCode);
        Guid heldEntry;
        await using (var db = App.OpenDb())
        {
            heldEntry = await db.Meetings.Where(m => m.Id == meetingId).Select(m => m.HeldEntryId!.Value).SingleAsync();
            Assert.True(await db.Notifications.AnyAsync(n => n.EntryId == heldEntry && n.RecipientProfessionalId == app.EmilysGp));
            // Nothing of the meeting names her to them (an escalation about a GP they manage, in another test of this
            // class, may name the GP, whose name says whose GP they are).
            Assert.False(await db.Notifications.AnyAsync(n => n.RecipientProfessionalId == app.OutsideGp && n.Kind == NotificationKind.EntryShared && n.Title.Contains(emily)));
            Assert.False(await db.Notifications.AnyAsync(n => n.EntryId == heldEntry && n.RecipientProfessionalId == app.OutsideGp));
        }
    }

    [Fact]
    public async Task An_overdue_acknowledgement_names_the_child_only_to_a_manager_who_may_open_them()
    {
        var lead = await app.AsAsync(app.EmilysLeadUser);
        var entry = await App.CreateAsync(lead, "/api/entries", new
        {
            kind = "observation",
            details = new { topic = "other", text = "Seen at home after school" },
            occurredAt = "2024-05-03T10:00:00Z",
            occurredPrecision = "exact",
            subjects = new[] { app.Emily },
            source = "seen-by-recorder",
            significance = "significant",
        });
        Guid? managerBefore;
        Guid shared;
        await using (var db = App.OpenDb())
        {
            shared = await db.Notifications.Where(n => n.EntryId == entry && n.RecipientProfessionalId == app.EmilysGp).Select(n => n.Id).SingleAsync();
            managerBefore = await db.Professionals.Where(p => p.Id == app.EmilysGp).Select(p => p.ManagerId).SingleAsync();
            // Emily's GP answers, for this test, to the outside practice's GP, who works with nobody.
            await db.Professionals.Where(p => p.Id == app.EmilysGp).ExecuteUpdateAsync(u => u.SetProperty(p => p.ManagerId, app.OutsideGp));
            await db.Notifications.Where(n => n.EntryId == entry && n.RecipientProfessionalId == app.EmilysGp)
                .ExecuteUpdateAsync(u => u.SetProperty(n => n.DueAt, DateTimeOffset.UtcNow.AddDays(-3)));
        }
        try
        {
            using (var scope = App.Services.CreateScope())
            {
                var partnership = await scope.ServiceProvider.GetRequiredService<Core.Persistence.ChronicleDb>().People.Where(p => p.Id == app.Emily).Select(p => p.PartnershipId).SingleAsync();
                await scope.ServiceProvider.GetRequiredService<SharingService>().EscalateOverdueAsync(partnership);
            }
            await using (var db = App.OpenDb())
            {
                var escalation = await db.Notifications.SingleAsync(n => n.AboutNotificationId == shared && n.Kind == NotificationKind.AcknowledgementOverdue);
                Assert.Equal(app.OutsideGp, escalation.RecipientProfessionalId);
                Assert.Null(escalation.ChildPersonId);
                Assert.Null(escalation.EntryId);
                Assert.Contains("about a child you cannot see", escalation.Title, StringComparison.Ordinal);
            }
            var manager = await app.AsAsync(Attacker.BreakGlass);
            var inbox = await manager.GetStringAsync("/inbox");
            // The recipient's own name may say whose GP they are: it is the child's id, and so any link to them, that must not appear.
            Assert.Contains("about a child you cannot see", inbox, StringComparison.Ordinal);
            Assert.DoesNotContain(app.Emily.ToString(), inbox, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(app.Emily.ToString(), await manager.GetStringAsync("/"), StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            await using var db = App.OpenDb();
            await db.Professionals.Where(p => p.Id == app.EmilysGp).ExecuteUpdateAsync(u => u.SetProperty(p => p.ManagerId, managerBefore));
        }
    }

    [Fact]
    public async Task A_correction_to_a_narrower_sharing_level_withdraws_the_original_from_those_it_leaves_out()
    {
        const string Text = "Mother spoke in confidence about her own treatment";
        object Observation(string? level) => new
        {
            kind = "observation", details = new { topic = "other", text = Text }, occurredAt = "2024-05-04T10:00:00Z", occurredPrecision = "exact",
            subjects = new[] { app.Emily }, source = "seen-by-recorder", significance = "significant", sharingLevel = level ?? "team",
        };
        var hv = await app.AsAsync(await App.UserNameOfAsync("Health visitor (Emily)"));
        var gp = await app.AsAsync(app.EmilysGpUser);
        var original = await App.CreateAsync(hv, "/api/entries", Observation(null));
        Assert.Equal(HttpStatusCode.OK, (await gp.GetAsync($"/api/entries/{original}")).StatusCode);

        const string Reason = "Recorded at the wrong level: for health only";
        var corrected = await hv.PostAsJsonAsync($"/api/entries/{original}/corrections", new { reason = Reason, entry = Observation("restricted-health") }, ChronicleApp.Json);
        Assert.Equal(HttpStatusCode.Created, corrected.StatusCode);

        // The GP (another health agency) may not read the correction, so not the original either: not by its id, not
        // on the chronology, not in the inbox; nor the reason for the correction.
        var byId = await gp.GetAsync($"/api/entries/{original}");
        Assert.Equal(HttpStatusCode.NotFound, byId.StatusCode);
        Assert.DoesNotContain(Reason, await byId.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var page = await (await gp.GetAsync($"/children/{app.Emily}/chronology?entry={original}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(Text, page, StringComparison.Ordinal);
        var chronology = await gp.GetAsync($"/api/children/{app.Emily}/chronology?pageSize=500");
        var total = int.Parse(chronology.Headers.GetValues("X-Total-Count").Single(), System.Globalization.CultureInfo.InvariantCulture);
        var last = await gp.GetStringAsync($"/api/children/{app.Emily}/chronology?pageSize=500&page={Math.Max(1, (total + 499) / 500)}");
        Assert.DoesNotContain(Text, last, StringComparison.Ordinal);
        Assert.DoesNotContain(original.ToString(), last, StringComparison.OrdinalIgnoreCase);
        // Nor is the record of sharing it, which names it, shown by a filter that leaves the original itself out; while
        // the author still sees that record.
        static async Task<string> LastSharingsAsync(HttpClient client, Guid child)
        {
            var first = await client.GetAsync($"/api/children/{child}/chronology?kind=information-shared&pageSize=500");
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            var count = int.Parse(first.Headers.GetValues("X-Total-Count").Single(), System.Globalization.CultureInfo.InvariantCulture);
            return await client.GetStringAsync($"/api/children/{child}/chronology?kind=information-shared&pageSize=500&page={Math.Max(1, (count + 499) / 500)}");
        }
        Assert.Contains(original.ToString(), await LastSharingsAsync(hv, app.Emily), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(original.ToString(), await LastSharingsAsync(gp, app.Emily), StringComparison.OrdinalIgnoreCase);
        // Nor in the inbox, where the original was shared with the team before it was corrected.
        Assert.DoesNotContain(Text, await gp.GetStringAsync("/api/inbox?filter=all"), StringComparison.Ordinal);
        Assert.DoesNotContain(Text, await gp.GetStringAsync("/inbox?filter=all"), StringComparison.Ordinal);

        // The lead, whom health-only admits, still reads the original and why it was corrected.
        var lead = await app.AsAsync(app.EmilysLeadUser);
        var leadReads = await lead.GetAsync($"/api/entries/{original}");
        Assert.Equal(HttpStatusCode.OK, leadReads.StatusCode);
        var body = await leadReads.Content.ReadAsStringAsync();
        Assert.Contains(Text, body, StringComparison.Ordinal);
        Assert.Contains(Reason, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chain_of_corrections_narrowed_at_its_end_withholds_every_version_and_reason_whatever_the_filter_and_a_filter_keeps_the_reason_for_those_who_may_read_it()
    {
        const string First = "Father said he had moved out in the spring";
        const string Second = "Father said he had moved out in the summer";
        const string Third = "Father said he had moved out in the summer; the treatment of the mother discussed";
        const string ReasonOne = "The season was wrong";
        const string ReasonTwo = "For health only: it tells of the treatment of the mother";
        object Observation(string text, string level, string at) => new
        {
            kind = "observation", details = new { topic = "other", text }, occurredAt = at, occurredPrecision = "exact",
            subjects = new[] { app.Emily }, source = "seen-by-recorder", significance = "significant", sharingLevel = level,
        };
        var hv = await app.AsAsync(await App.UserNameOfAsync("Health visitor (Emily)"));
        var original = await App.CreateAsync(hv, "/api/entries", Observation(First, "team", "2023-03-07T10:00:00Z"));
        var second = await App.CreateAsync(hv, $"/api/entries/{original}/corrections", new { reason = ReasonOne, entry = Observation(Second, "team", "2023-08-21T10:00:00Z") });
        var third = await App.CreateAsync(hv, $"/api/entries/{second}/corrections", new { reason = ReasonTwo, entry = Observation(Third, "restricted-health", "2023-08-21T10:00:00Z") });
        Guid agency;
        await using (var db = App.OpenDb()) agency = (await db.Entries.SingleAsync(e => e.Id == original)).RecordedByAgencyId;

        // The GP (another health agency) may read the last version of none, so none of the three, nor why each was
        // corrected: not whole, not by kind, agency or dates, whichever of them the filter keeps.
        var gp = await app.AsAsync(app.EmilysGpUser);
        string[] secrets = [First, Second, Third, ReasonOne, ReasonTwo, original.ToString(), second.ToString(), third.ToString()];
        foreach (var query in new[] { "kind=observation", $"agencyId={agency}", "from=1/3/2023&to=31/3/2023", "from=1/8/2023&to=31/8/2023", "kind=observation&from=1/3/2023&to=31/8/2023" })
        {
            var page = await gp.GetStringAsync($"/children/{app.Emily}/chronology?{query}");
            foreach (var secret in secrets) Assert.DoesNotContain(secret, page, StringComparison.OrdinalIgnoreCase);
        }
        foreach (var query in new[] { "kind=observation", $"agencyId={agency}", "from=2023-03-01&to=2023-03-31", "from=2023-08-01&to=2023-08-31" })
        {
            var api = await gp.GetStringAsync($"/api/children/{app.Emily}/chronology?{query}&pageSize=500");
            foreach (var secret in secrets) Assert.DoesNotContain(secret, api, StringComparison.OrdinalIgnoreCase);
        }

        // The lead, whom health-only admits, reads why the original was corrected even when the filter keeps the
        // original (March) and not its correction (August): a correction left out by the filter is not one they cannot see.
        var lead = await app.AsAsync(app.EmilysLeadUser);
        var march = JsonDocument.Parse(await lead.GetStringAsync($"/api/children/{app.Emily}/chronology?from=2023-03-01&to=2023-03-31&pageSize=500")).RootElement;
        var shown = march.EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == original);
        Assert.Equal(second, shown.GetProperty("supersededBy").GetGuid());
        Assert.Equal(ReasonOne, shown.GetProperty("supersededReason").GetString());
        var marchPage = await lead.GetStringAsync($"/children/{app.Emily}/chronology?from=1/3/2023&to=31/3/2023");
        Assert.Contains($"Reason: {ReasonOne}", marchPage, StringComparison.Ordinal);
        var august = JsonDocument.Parse(await lead.GetStringAsync($"/api/children/{app.Emily}/chronology?from=2023-08-01&to=2023-08-31&pageSize=500")).RootElement;
        Assert.Equal(ReasonTwo, august.EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == second).GetProperty("supersededReason").GetString());
    }

    [Fact]
    public async Task The_chronology_filter_offers_only_the_agencies_and_kinds_of_entries_the_reader_may_see()
    {
        // A health-only entry by the health visitor's agency about Emily: the GP may not read it.
        var hv = await app.AsAsync(await App.UserNameOfAsync("Health visitor (Emily)"));
        await App.CreateAsync(hv, "/api/entries", new
        {
            kind = "observation", details = new { topic = "other", text = "For health only" }, occurredAt = "2023-04-11T10:00:00Z", occurredPrecision = "exact",
            subjects = new[] { app.Emily }, source = "seen-by-recorder", significance = "routine", sharingLevel = "restricted-health",
        });
        var gp = await app.AsAsync(app.EmilysGpUser);
        var first = await gp.GetAsync($"/api/children/{app.Emily}/chronology?pageSize=500");
        var total = int.Parse(first.Headers.GetValues("X-Total-Count").Single(), System.Globalization.CultureInfo.InvariantCulture);
        var readable = new List<JsonElement>();
        for (var page = 1; page <= Math.Max(1, (total + 499) / 500); page++)
            readable.AddRange(JsonDocument.Parse(await gp.GetStringAsync($"/api/children/{app.Emily}/chronology?pageSize=500&page={page}")).RootElement.EnumerateArray());
        var agencies = readable.Select(i => i.GetProperty("recordedByAgencyId").GetGuid().ToString()).ToHashSet();
        var kinds = readable.Select(i => i.GetProperty("kind").GetString()!).ToHashSet();

        // Whatever the filter (none, a kind, dates, a significance, a date that is wrong), the lists are the readable chronology's.
        foreach (var query in new[] { "", "?kind=observation", "?from=1/4/2023&to=30/4/2023", "?significance=routine", "?from=31/2/2023" })
        {
            var html = await gp.GetStringAsync($"/children/{app.Emily}/chronology{query}");
            Assert.Equal(agencies, Options(html, "agencyId"));
            Assert.Equal(kinds.Append("").ToHashSet(), Options(html, "kind"));
        }

        static HashSet<string> Options(string html, string select)
        {
            var start = html.IndexOf($"id=\"{select}\"", StringComparison.Ordinal);
            Assert.True(start >= 0, $"no {select} list on the page");
            var block = html[start..html.IndexOf("</select>", start, StringComparison.Ordinal)];
            return [.. System.Text.RegularExpressions.Regex.Matches(block, "<option[^>]*value=\"([^\"]*)\"").Select(m => m.Groups[1].Value).Where(v => v.Length > 0 || select == "kind")];
        }
    }

    [Fact]
    public async Task A_draft_review_is_read_through_the_api_only_by_those_who_manage_learning_and_takes_no_feedback()
    {
        var unit = await app.AsAsync(await App.UserNameOfAsync(DemoAccounts.BusinessUnitOfficer));
        var seed = SeedLibrary.All[0];
        var created = await unit.PostAsJsonAsync("/api/learning/imports", new { text = seed.Text, sourceDocument = "imported.txt" }, ChronicleApp.Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var draft = (await created.Content.ReadFromJsonAsync<JsonElement>(ChronicleApp.Json)).GetProperty("review").GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await unit.GetAsync($"/api/learning/reviews/{draft}")).StatusCode);
        Assert.Contains(draft.ToString(), await unit.GetStringAsync("/api/learning/reviews"), StringComparison.OrdinalIgnoreCase);

        var gp = await app.AsAsync(app.EmilysGpUser);
        Assert.DoesNotContain(draft.ToString(), await gp.GetStringAsync("/api/learning/reviews"), StringComparison.OrdinalIgnoreCase);
        foreach (var path in new[] { $"/api/learning/reviews/{draft}", $"/api/learning/reviews/{draft}/briefing", $"/api/learning/reviews/{draft}/impact", $"/learning/reviews/{draft}" })
            Assert.Equal(HttpStatusCode.NotFound, (await gp.GetAsync(path)).StatusCode);
        var feedback = await gp.PostAsJsonAsync($"/api/learning/reviews/{draft}/feedback", new { usefulness = 4, comment = "Useful" }, ChronicleApp.Json);
        Assert.Equal(HttpStatusCode.NotFound, feedback.StatusCode);
        await using var db = App.OpenDb();
        Assert.False(await db.BriefingFeedback.AnyAsync(f => f.ReviewId == draft));
    }
}

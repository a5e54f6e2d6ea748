using System.Net;
using System.Text.Json;
using AngleSharp;
using Chronicle.Core.Chronology;
using Chronicle.Testing;
using Microsoft.EntityFrameworkCore;
using static Chronicle.Web.Tests.Api.TeamApp;

namespace Chronicle.Web.Tests.Api;

/// <summary>The team around the child through the HTTP API, on SQLite and PostgreSQL: the team, sharing and the inbox, meetings, plans, actions, supervision and closure.</summary>
public sealed class TeamApiTests
{
    private static readonly string[] ConferenceDecisions = ["Child protection plan under the category of physical abuse"];

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_entry_is_shared_by_hand_only_with_people_who_may_open_the_child_once_each(Provider provider)
    {
        await using var t = await StartAsync(provider);
        var sw = await t.AsAsync(SocialWorker);
        var entry = await t.RecordSignificantAsync(sw);
        var shares = $"/api/children/{t.Child}/shares";

        var refused = await ApiTestData.ErrorsAsync(await PostAsync(sw, shares,
            new { entryId = entry, recipientProfessionalIds = new[] { t.Id(TeamManager), t.Id(PoliceOfficer) }, purpose = "Before the strategy discussion" }));
        Assert.Equal(["recipientProfessionalIds[1]"], refused.Keys);
        Assert.StartsWith("Police officer (Testshire) may not open Child T's record", Assert.Single(refused["recipientProfessionalIds[1]"]));

        var created = await PostAsync(sw, shares, new { entryId = entry, recipientProfessionalIds = new[] { t.Id(TeamManager) }, purpose = "Before the strategy discussion" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var tm = await t.AsAsync(TeamManager);
        var item = Assert.Single((await OkAsync(await tm.GetAsync("/api/inbox"))).GetProperty("items").EnumerateArray()).GetProperty("notification");
        Assert.Equal((entry, t.Child, true), (item.GetProperty("entryId").GetGuid(), item.GetProperty("childPersonId").GetGuid(), item.GetProperty("needsAcknowledgement").GetBoolean()));

        var again = await ApiTestData.ErrorsAsync(await PostAsync(sw, shares, new { entryId = entry, recipientProfessionalIds = new[] { t.Id(TeamManager) }, purpose = "Again" }));
        Assert.Equal(["Everyone selected has already been sent this entry"], again["recipientProfessionalIds"]);
        Assert.Single((await OkAsync(await tm.GetAsync("/api/inbox"))).GetProperty("items").EnumerateArray());
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_entry_is_shared_with_the_team_with_its_lawful_basis_and_each_acknowledgement_is_on_the_record(Provider provider)
    {
        await using var t = await StartAsync(provider);
        var sw = await t.AsAsync(SocialWorker);
        var hv = await t.AsAsync(HealthVisitor);
        var gp = await t.AsAsync(Gp);

        var entry = await t.RecordSignificantAsync(sw);

        var inbox = await OkAsync(await hv.GetAsync("/api/inbox?filter=needs-acknowledgement"));
        var item = Assert.Single(inbox.GetProperty("items").EnumerateArray());
        var notification = item.GetProperty("notification");
        Assert.Equal(entry, notification.GetProperty("entryId").GetGuid());
        Assert.Contains("Art 6(1)(e)", notification.GetProperty("lawfulBasis").GetString());
        Assert.Contains("Bruising seen", item.GetProperty("entrySummary").GetString());
        Assert.Equal(1, inbox.GetProperty("awaitingAcknowledgement").GetInt32());
        var gpItem = Assert.Single((await OkAsync(await gp.GetAsync("/api/inbox"))).GetProperty("items").EnumerateArray());
        Assert.Empty((await OkAsync(await sw.GetAsync("/api/inbox"))).GetProperty("items").EnumerateArray());

        // Only the recipient may acknowledge: someone else's notification is one that does not exist.
        var notMine = await ApiTestData.ErrorsAsync(await PostAsync(gp, "/api/inbox/acknowledgements", new { notificationId = notification.GetProperty("id").GetGuid() }));
        Assert.Equal(["There is no such notification"], notMine["notificationId"]);
        var acknowledged = await OkAsync(await PostAsync(hv, "/api/inbox/acknowledgements", new { notificationId = notification.GetProperty("id").GetGuid() }));
        Assert.True(acknowledged.TryGetProperty("acknowledgedAt", out _));

        var shares = (await OkAsync(await sw.GetAsync($"/api/children/{t.Child}/shares?entryId={entry}"))).EnumerateArray().ToList();
        Assert.Equal(2, shares.Count);
        Assert.True(shares.Single(s => s.GetProperty("name").GetString() == HealthVisitor).TryGetProperty("acknowledgedAt", out _));
        Assert.False(shares.Single(s => s.GetProperty("name").GetString() == Gp).TryGetProperty("acknowledgedAt", out _));
        Assert.True(gpItem.GetProperty("notification").GetProperty("needsAcknowledgement").GetBoolean());
        await using (var db = t.App.OpenDb())
            Assert.Equal(1, await db.Entries.CountAsync(e => e.Kind == EntryKinds.InformationAcknowledged.Code && e.RecordedByProfessionalId == t.Id(HealthVisitor)));

        var noReason = await ApiTestData.ErrorsAsync(await PostAsync(sw, $"/api/children/{t.Child}/decisions-not-to-share", new { entryId = entry }));
        Assert.Equal(["Enter why the information is not being shared"], noReason["reason"]);
        var decision = await OkAsync(await PostAsync(sw, $"/api/children/{t.Child}/decisions-not-to-share", new { entryId = entry, reason = "Police asked that it go no further while they investigate" }));
        Assert.Equal("decision", decision.GetProperty("kind").GetString());
        Assert.Equal("information-sharing", decision.GetProperty("details").GetProperty("topic").GetString());
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task The_team_is_changed_with_a_reason_and_shows_who_is_working_with_the_family(Provider provider)
    {
        await using var t = await StartAsync(provider);
        var sw = await t.AsAsync(SocialWorker);

        var before = await OkAsync(await sw.GetAsync($"/api/children/{t.Child}/team"));
        Assert.Equal(t.Id(SocialWorker), before.GetProperty("leadProfessionalId").GetGuid());
        Assert.Equal(3, before.GetProperty("members").GetArrayLength());

        var noReason = await ApiTestData.ErrorsAsync(await PostAsync(sw, $"/api/children/{t.Child}/team/members", new { professionalId = t.Id(PoliceOfficer), role = "police liaison" }));
        Assert.Contains("reason", noReason.Keys);
        await OkAsync(await PostAsync(sw, $"/api/children/{t.Child}/team/members", new { professionalId = t.Id(PoliceOfficer), role = "police liaison", reason = "Police are investigating the injury" }));
        await OkAsync(await PostAsync(sw, $"/api/children/{t.Child}/team/removals", new { professionalId = t.Id(Gp), reason = "The family has registered with another practice" }));
        var lead = await ApiTestData.ErrorsAsync(await PostAsync(sw, $"/api/children/{t.Child}/team/removals", new { professionalId = t.Id(SocialWorker), reason = "Leaving" }));
        Assert.Contains("cannot be removed", lead["professionalId"][0]);

        var after = await OkAsync(await sw.GetAsync($"/api/children/{t.Child}/team"));
        var names = after.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("name").GetString()).ToList();
        Assert.Contains(PoliceOfficer, names);
        Assert.DoesNotContain(Gp, names);
        Assert.Equal("The family has registered with another practice", after.GetProperty("removed")[0].GetProperty("removal").GetProperty("reason").GetString());

        var family = await OkAsync(await sw.GetAsync($"/api/children/{t.Child}/family-workers"));
        var people = family.GetProperty("people").EnumerateArray().ToList();
        Assert.Equal(["Child T", "Mother of Child T"], people.Select(p => p.GetProperty("name").GetString()).ToList());
        Assert.Equal(3, people[0].GetProperty("workers").GetArrayLength());
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_conference_is_scheduled_with_the_GP_and_police_proposed_and_its_record_goes_to_every_invitee(Provider provider)
    {
        await using var t = await StartAsync(provider);
        var sw = await t.AsAsync(SocialWorker);
        var hv = await t.AsAsync(HealthVisitor);
        var gp = await t.AsAsync(Gp);

        var proposed = (await OkAsync(await sw.GetAsync($"/api/children/{t.Child}/meetings/proposed-invitees?type=initial-child-protection-conference"))).EnumerateArray().ToList();
        var gpProposal = proposed.Single(p => p.TryGetProperty("professionalId", out var id) && id.GetGuid() == t.Id(Gp));
        Assert.True(gpProposal.GetProperty("expected").GetBoolean());
        Assert.Contains(proposed, p => p.GetProperty("agencyId").GetGuid() == t.PoliceAgency && p.GetProperty("expected").GetBoolean());
        Assert.Contains("type", (await ApiTestData.ErrorsAsync(await sw.GetAsync($"/api/children/{t.Child}/meetings/proposed-invitees?type=tea-party"))).Keys);

        // The chair must be able to open the child, as every invitee must: the lead adds them to the team first.
        var noChair = await ApiTestData.ErrorsAsync(await PostAsync(sw, $"/api/children/{t.Child}/meetings", new
        {
            type = "initial-child-protection-conference", scheduledFor = "2015-02-20T10:00:00Z", chairProfessionalId = t.Id(Chair),
            invitees = new object[] { new { professionalId = t.Id(HealthVisitor) }, new { professionalId = t.Id(Gp) }, new { agencyId = t.PoliceAgency } },
        }));
        Assert.Equal([$"{Chair} cannot open Child T's record: add them to the team around the child first"], noChair["chairProfessionalId"]);
        await OkAsync(await PostAsync(sw, $"/api/children/{t.Child}/team/members", new { professionalId = t.Id(Chair), role = "conference chair", reason = "Chairs the initial conference" }));

        var withoutGp = await ApiTestData.ErrorsAsync(await PostAsync(sw, $"/api/children/{t.Child}/meetings", new
        {
            type = "initial-child-protection-conference", scheduledFor = "2015-02-20T10:00:00Z", chairProfessionalId = t.Id(Chair),
            invitees = new object[] { new { professionalId = t.Id(HealthVisitor) }, new { agencyId = t.PoliceAgency } },
            notInvited = new object[] { new { professionalId = t.Id(Gp) } },
        }));
        Assert.Equal(["Enter why they are not being invited"], withoutGp["notInvited[0].reason"]);

        var meeting = await OkAsync(await PostAsync(sw, $"/api/children/{t.Child}/meetings", new
        {
            type = "initial-child-protection-conference", scheduledFor = "2015-02-20T10:00:00Z", chairProfessionalId = t.Id(Chair),
            invitees = new object[] { new { professionalId = t.Id(HealthVisitor) }, new { professionalId = t.Id(Gp) }, new { agencyId = t.PoliceAgency } },
        }));
        var meetingId = meeting.GetProperty("id").GetGuid();
        var invitees = meeting.GetProperty("invitees").EnumerateArray().ToList();
        Guid Invitee(Func<JsonElement, bool> which) => invitees.Single(which).GetProperty("id").GetGuid();
        var hvInvitee = Invitee(i => i.TryGetProperty("professionalId", out var p) && p.GetGuid() == t.Id(HealthVisitor));
        var gpInvitee = Invitee(i => i.TryGetProperty("professionalId", out var p) && p.GetGuid() == t.Id(Gp));

        var noApology = await ApiTestData.ErrorsAsync(await PostAsync(sw, $"/api/children/{t.Child}/meetings/replies", new { meetingId, inviteeId = hvInvitee, reply = "not-attending" }));
        Assert.Contains("apologyReason", noApology.Keys);
        await OkAsync(await PostAsync(sw, $"/api/children/{t.Child}/meetings/replies", new { meetingId, inviteeId = hvInvitee, reply = "not-attending", apologyReason = "On leave; will send a report" }));
        await OkAsync(await PostAsync(sw, $"/api/children/{t.Child}/meetings/reports", new { meetingId, inviteeId = hvInvitee }));
        var chair = (await OkAsync(await sw.GetAsync($"/api/children/{t.Child}/meetings/detail?meetingId={meetingId}"))).GetProperty("chairView");
        Assert.Contains(chair.GetProperty("noReply").EnumerateArray(), v => v.GetProperty("name").GetString() == Gp);
        Assert.DoesNotContain(chair.GetProperty("noReport").EnumerateArray(), v => v.GetProperty("name").GetString() == HealthVisitor);

        var attendance = invitees.Where(i => i.GetProperty("invited").GetBoolean()).Select(i => new { inviteeId = i.GetProperty("id").GetGuid(), attended = i.GetProperty("id").GetGuid() != hvInvitee }).ToArray();
        var noDecision = await ApiTestData.ErrorsAsync(await PostAsync(sw, $"/api/children/{t.Child}/meetings/records", new { meetingId, attendance }));
        Assert.Equal(["Select the conference's decision"], noDecision["decision"]);
        await OkAsync(await PostAsync(sw, $"/api/children/{t.Child}/meetings/records", new
        {
            meetingId, attendance, decision = "child-protection-plan", decisions = ConferenceDecisions,
            actions = new[] { new { description = "Arrange a hearing re-screen", ownerProfessionalId = t.Id(HealthVisitor), due = "2015-03-06" } },
        }));

        var distribution = (await OkAsync(await sw.GetAsync($"/api/children/{t.Child}/meetings/detail?meetingId={meetingId}"))).GetProperty("recordDistribution").EnumerateArray().ToList();
        Assert.Contains(distribution, s => s.GetProperty("name").GetString() == Gp && s.GetProperty("needsAcknowledgement").GetBoolean());
        var gpInbox = await OkAsync(await gp.GetAsync("/api/inbox?filter=needs-acknowledgement"));
        Assert.Contains(gpInbox.GetProperty("items").EnumerateArray(), i => i.GetProperty("entryKindLabel").GetString()!.Contains("Meeting held", StringComparison.OrdinalIgnoreCase));
        var mine = (await OkAsync(await hv.GetAsync("/api/actions/mine"))).EnumerateArray().ToList();
        Assert.Contains(mine, a => a.GetProperty("description").GetString() == "Arrange a hearing re-screen" && a.GetProperty("isOverdue").GetBoolean());
        Assert.NotEqual(Guid.Empty, gpInvitee);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_plan_item_needs_an_owner_unless_drafted_and_the_case_cannot_close_while_its_action_is_open(Provider provider)
    {
        await using var t = await StartAsync(provider);
        var sw = await t.AsAsync(SocialWorker);
        var tm = await t.AsAsync(TeamManager);
        var plans = $"/api/children/{t.Child}/plans";
        object Item(Guid? owner) => new { concern = "Unexplained bruising", action = "Weekly home visits", ownerProfessionalId = owner, due = "2015-03-06", successMeasure = "Seen at home weekly" };

        var noOwner = await ApiTestData.ErrorsAsync(await PostAsync(sw, plans, new { type = "child-protection", category = "physical-abuse", items = new[] { Item(null) } }));
        Assert.Equal(["Select who owns item 1"], noOwner["items[0].ownerProfessionalId"]);
        var noCategory = await ApiTestData.ErrorsAsync(await PostAsync(sw, plans, new { type = "child-protection", items = new[] { Item(t.Id(SocialWorker)) } }));
        Assert.Contains("category", noCategory.Keys);
        await OkAsync(await PostAsync(sw, plans, new { type = "child-protection", items = new[] { Item(null) }, draft = true }));
        var plan = (await OkAsync(await PostAsync(sw, plans, new { type = "child-protection", category = "physical-abuse", items = new[] { Item(t.Id(SocialWorker)) } }))).GetProperty("id").GetGuid();

        var listed = (await OkAsync(await sw.GetAsync(plans))).EnumerateArray().ToList();
        Assert.Equal(["active", "draft"], listed.Select(p => p.GetProperty("status").GetString()).Order());
        var action = Assert.Single((await OkAsync(await sw.GetAsync("/api/actions/mine"))).EnumerateArray());
        Assert.Equal("Weekly home visits", action.GetProperty("description").GetString());

        var looseEnds = (await OkAsync(await sw.GetAsync($"/api/children/{t.Child}/closure"))).EnumerateArray().Select(l => l.GetProperty("kind").GetString()).ToList();
        Assert.Contains("open-action", looseEnds);
        Assert.Contains("open-plan", looseEnds);
        var refused = await ApiTestData.ErrorsAsync(await PostAsync(sw, $"/api/children/{t.Child}/closure", new { reason = "Family moved away" }));
        Assert.StartsWith("The case cannot close while an action is open", refused["looseEnds"][0]);

        var done = await OkAsync(await PostAsync(sw, "/api/actions/done", new { actionId = action.GetProperty("id").GetGuid(), note = "Visited weekly; the baby was seen each time" }));
        // Answered as the caller's lists show an action: its children by name where they may see them, the rest counted, no ids.
        Assert.Equal(("done", 0), (done.GetProperty("status").GetString(), done.GetProperty("childrenYouCannotSee").GetInt32()));
        Assert.False(done.TryGetProperty("childIds", out _));
        await OkAsync(await PostAsync(sw, $"{plans}/endings", new { planEntryId = plan, reason = "Review conference ended the plan" }));
        var notManager = await ApiTestData.ErrorsAsync(await PostAsync(sw, $"/api/children/{t.Child}/supervision", new { superviseeId = t.Id(SocialWorker), point = "closing", discussion = "Ready to close" }));
        Assert.Contains("supervisorId", notManager.Keys);
        await OkAsync(await PostAsync(tm, $"/api/children/{t.Child}/supervision", new { superviseeId = t.Id(SocialWorker), point = "closing", discussion = "Plan ended; no outstanding work; agreed to close" }));
        Assert.Single((await OkAsync(await tm.GetAsync($"/api/children/{t.Child}/supervision"))).EnumerateArray());

        // The entries API holds the same rules: a supervision or an absence only as their pages allow, a case closed only
        // through its closure page (which asks about what is still open), whoever sends it.
        var gp = await t.AsAsync(Gp);
        object Entry(string kind, object details) => new { kind, details, subjects = new[] { t.Child }, source = "seen-by-recorder", occurredAt = "2015-03-02T10:00:00Z" };
        var supervisionByGp = await ApiTestData.ErrorsAsync(await PostAsync(gp, "/api/entries",
            Entry("supervision", new { superviseeId = t.Id(SocialWorker), supervisorId = t.Id(TeamManager), point = "closing", discussion = "Agreed to close" })));
        Assert.Equal(["Record a supervision you gave or had: you are neither its manager nor its worker"], supervisionByGp["details.supervisorId"]);
        var absenceByGp = await ApiTestData.ErrorsAsync(await PostAsync(gp, "/api/entries", Entry("staff-absence", new { professionalId = t.Id(SocialWorker), from = "2015-03-02" })));
        Assert.Contains("details.professionalId", absenceByGp.Keys);
        var closedByHand = await ApiTestData.ErrorsAsync(await PostAsync(sw, "/api/entries", Entry("case-closure", new { stage = "closed", reason = "Family moved away" })));
        Assert.Equal([Core.Casework.StatutoryWork.ClosureThroughItsPage], closedByHand["kind"]);

        // What is left may stay only with a manager's reason: here the alert that the mother was never assessed.
        var left = (await OkAsync(await sw.GetAsync($"/api/children/{t.Child}/closure"))).EnumerateArray().ToList();
        Assert.NotEmpty(left);
        Assert.All(left, l => Assert.True(l.GetProperty("managerMayAccept").GetBoolean()));
        var unexplained = await ApiTestData.ErrorsAsync(await PostAsync(sw, $"/api/children/{t.Child}/closure", new { reason = "Family moved away; case transferred" }));
        Assert.Contains($"ask your manager, {TeamManager}, to accept it", unexplained.Values.First()[0], StringComparison.Ordinal);

        // The worker cannot accept them: neither in their manager's name nor in their own. Nothing is closed or recorded.
        var accepted = left.ToDictionary(l => l.GetProperty("key").GetString()!, _ => "The receiving authority has the mother's assessment in hand");
        var inTheirName = await ApiTestData.ErrorsAsync(await PostAsync(sw, $"/api/children/{t.Child}/closure", new { reason = "Family moved away; case transferred", managerProfessionalId = t.Id(TeamManager), acceptedLooseEnds = accepted }));
        Assert.StartsWith($"Loose ends are accepted by the manager themselves: ask {TeamManager}", Assert.Single(inTheirName["managerProfessionalId"]));
        var inTheirOwn = await ApiTestData.ErrorsAsync(await PostAsync(sw, $"/api/children/{t.Child}/closure", new { reason = "Family moved away; case transferred", acceptedLooseEnds = accepted }));
        Assert.StartsWith($"Only a manager of the case can accept loose ends: ask your manager, {TeamManager},", Assert.Single(inTheirOwn["acceptedLooseEnds"]));
        await using (var db = t.App.OpenDb())
        {
            Assert.False(await db.AlertEvents.AnyAsync(e => e.Type == Core.Safeguards.AlertEventType.Closed));
            Assert.False(await db.Entries.AnyAsync(e => e.Kind == "case-closure"));
        }

        // The manager accepts them by closing the case themselves: the alert is closed by them, the closure is theirs.
        var closed = await OkAsync(await PostAsync(tm, $"/api/children/{t.Child}/closure", new { reason = "Family moved away; case transferred", acceptedLooseEnds = accepted }));
        Assert.Contains($"Closed with loose ends accepted by {TeamManager}", closed.GetProperty("narrative").GetString());
        Assert.Contains("The receiving authority has the mother's assessment in hand", closed.GetProperty("narrative").GetString());
        Assert.Equal("case-closure", closed.GetProperty("kind").GetString());
        await using (var db = t.App.OpenDb())
        {
            Assert.Equal(t.Id(TeamManager), (await db.Entries.SingleAsync(e => e.Id == closed.GetProperty("id").GetGuid())).RecordedByProfessionalId);
            Assert.All(await db.AlertEvents.Where(e => e.Type == Core.Safeguards.AlertEventType.Closed).ToListAsync(), e => Assert.Equal(t.Id(TeamManager), e.ByProfessionalId));
            Assert.Equal(left.Count(l => l.GetProperty("kind").GetString() == "open-alert"), await db.AlertEvents.CountAsync(e => e.Type == Core.Safeguards.AlertEventType.Closed));
        }
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_manager_records_an_absence_and_reassigns_the_absent_workers_actions(Provider provider)
    {
        await using var t = await StartAsync(provider);
        var sw = await t.AsAsync(SocialWorker);
        var tm = await t.AsAsync(TeamManager);
        var hv = await t.AsAsync(HealthVisitor);
        await OkAsync(await PostAsync(sw, $"/api/children/{t.Child}/plans", new
        {
            type = "child-in-need",
            items = new[] { new { concern = "Home conditions", action = "Help the family get the heating fixed", ownerProfessionalId = t.Id(SocialWorker), due = "2015-03-06", successMeasure = "Heating works" } },
        }));

        Assert.Equal(HttpStatusCode.Forbidden, (await hv.GetAsync("/api/actions/absences")).StatusCode);
        var notManaged = await ApiTestData.ErrorsAsync(await PostAsync(tm, "/api/actions/absences", new { professionalId = t.Id(HealthVisitor), from = "2015-02-16" }));
        Assert.Equal(["Select someone you manage"], notManaged["professionalId"]);
        // A cover who may not open the absent worker's child cannot cover the work (nor silence SG-20): refused by name, on the page as in the API.
        foreach (var outsider in new[] { Chair, PoliceOfficer })
        {
            var blindCover = await ApiTestData.ErrorsAsync(await PostAsync(tm, "/api/actions/absences", new { professionalId = t.Id(SocialWorker), from = "2015-02-16", coveredByProfessionalId = t.Id(outsider) }));
            Assert.Equal([$"{outsider} cannot open Child T's record: add them to the team around the child first, or choose a cover who can"], blindCover["coveredByProfessionalId"]);
        }
        // The page offers as cover only those the same rule accepts: here the manager, not the chair nor the police officer.
        var html = await tm.GetStringAsync($"/actions/absences?professionalId={t.Id(SocialWorker)}&everyone=true");
        var form = await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html));
        var offered = form.QuerySelectorAll("#coveredByProfessionalId option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Contains(t.Id(TeamManager).ToString(), offered);
        Assert.DoesNotContain(t.Id(Chair).ToString(), offered);
        Assert.DoesNotContain(t.Id(PoliceOfficer).ToString(), offered);
        var refusedPage = await ChronicleApp.PostFormAsync(tm, "/actions/absences?handler=absence",
            new() { ["professionalId"] = t.Id(SocialWorker).ToString(), ["from"] = "16/2/2015", ["coveredByProfessionalId"] = t.Id(Chair).ToString() }, "/actions/absences");
        Assert.Contains($"{Chair} cannot open Child T's record", WebUtility.HtmlDecode(await refusedPage.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        await using (var db = t.App.OpenDb())
            Assert.False(await db.Entries.AnyAsync(e => e.Kind == "staff-absence"));
        await OkAsync(await PostAsync(tm, "/api/actions/absences", new { professionalId = t.Id(SocialWorker), from = "2015-02-16", coveredByProfessionalId = t.Id(TeamManager) }));
        var absence = Assert.Single((await OkAsync(await tm.GetAsync("/api/actions/absences"))).EnumerateArray());
        // Each open action as the manager may see it: its children named where they may open them, the rest only counted.
        var open = Assert.Single(absence.GetProperty("openActions").EnumerateArray());
        Assert.Equal(t.Child, Assert.Single(open.GetProperty("children").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal(0, open.GetProperty("childrenYouCannotSee").GetInt32());
        Assert.False(open.TryGetProperty("action", out _));

        // An action is work on its child: it goes only to someone who may open the child's record.
        var blind = await ApiTestData.ErrorsAsync(await PostAsync(tm, "/api/actions/reassignments", new { fromProfessionalId = t.Id(SocialWorker), toProfessionalId = t.Id(Chair), reason = "Social worker on sick leave" }));
        Assert.Contains("cannot open", Assert.Single(blind["toProfessionalId"]), StringComparison.Ordinal);
        Assert.Single((await OkAsync(await sw.GetAsync("/api/actions/mine"))).EnumerateArray());
        var moved = await OkAsync(await PostAsync(tm, "/api/actions/reassignments", new { fromProfessionalId = t.Id(SocialWorker), toProfessionalId = t.Id(TeamManager), reason = "Social worker on sick leave" }));
        Assert.Equal(1, moved.GetInt32());
        Assert.Empty((await OkAsync(await sw.GetAsync("/api/actions/mine"))).EnumerateArray());
        Assert.Single((await OkAsync(await tm.GetAsync("/api/actions/mine"))).EnumerateArray());
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_absence_of_someone_who_holds_no_work_now_is_recorded_with_nothing_to_reassign(Provider provider)
    {
        await using var t = await StartAsync(provider);
        var tm = await t.AsAsync(TeamManager);
        Guid newcomer;
        await using (var db = t.App.OpenDb())
        {
            var manager = await db.Professionals.SingleAsync(p => p.Id == t.Id(TeamManager));
            var joined = new Core.Record.Professional { Id = Guid.NewGuid(), PartnershipId = manager.PartnershipId, AgencyId = manager.AgencyId, Name = "Newly joined social worker", Role = Core.Record.ProfessionalRole.SocialWorker, ManagerId = manager.Id };
            db.Professionals.Add(joined);
            await db.SaveChangesAsync();
            newcomer = joined.Id;
        }
        var recorded = await PostAsync(tm, "/api/actions/absences", new { professionalId = newcomer, from = "2015-02-16" });
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        var absence = Assert.Single((await OkAsync(await tm.GetAsync("/api/actions/absences"))).EnumerateArray(), a => a.GetProperty("professionalId").GetGuid() == newcomer);
        Assert.Empty(absence.GetProperty("openActions").EnumerateArray());
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_core_group_reviews_every_item_of_the_plan_and_a_safety_plan_says_what_each_person_will_do(Provider provider)
    {
        await using var t = await StartAsync(provider);
        var sw = await t.AsAsync(SocialWorker);
        var plans = $"/api/children/{t.Child}/plans";
        await OkAsync(await PostAsync(sw, plans, new
        {
            type = "child-protection", category = "neglect",
            items = new[] { new { concern = "Missed health appointments", action = "Take the baby to the hearing re-screen", ownerProfessionalId = t.Id(HealthVisitor), due = "2015-03-06", successMeasure = "Re-screen done" } },
        }));

        var contingency = await ApiTestData.ErrorsAsync(await PostAsync(sw, plans, new
        {
            type = "safety", participants = new[] { new { role = "health visitor", professionalId = t.Id(HealthVisitor), ifConcernsEscalate = "Call the social worker the same day" } },
        }));
        Assert.Equal(["Enter what the health visitor will do if the child cannot be seen"], contingency["participants[0].ifChildCannotBeSeen"]);
        await OkAsync(await PostAsync(sw, plans, new
        {
            type = "safety", participants = new[] { new { role = "health visitor", professionalId = t.Id(HealthVisitor), ifConcernsEscalate = "Call the social worker the same day", ifChildCannotBeSeen = "Visit again within 2 days and tell the lead" } },
        }));

        var meeting = await t.App.CreateAsync(sw, $"/api/children/{t.Child}/meetings", new
        {
            type = "core-group", scheduledFor = "2015-03-02T10:00:00Z", invitees = new object[] { new { professionalId = t.Id(HealthVisitor) }, new { professionalId = t.Id(Gp) } },
        });
        var invited = (await OkAsync(await sw.GetAsync($"/api/children/{t.Child}/meetings/detail?meetingId={meeting}"))).GetProperty("chairView").GetProperty("invitees")
            .EnumerateArray().Where(i => i.GetProperty("invitee").GetProperty("invited").GetBoolean()).Select(i => new { inviteeId = i.GetProperty("invitee").GetProperty("id").GetGuid(), attended = true }).ToArray();
        var noProgress = await ApiTestData.ErrorsAsync(await PostAsync(sw, $"/api/children/{t.Child}/meetings/records", new { meetingId = meeting, attendance = invited }));
        Assert.Contains("planProgress.progress[0]", noProgress.Keys);
        await OkAsync(await PostAsync(sw, $"/api/children/{t.Child}/meetings/records", new
        {
            meetingId = meeting, attendance = invited, planProgress = new[] { new { itemIndex = 0, progress = "Re-screen done on 27 February; hearing normal", achieved = true } },
        }));

        var listed = (await OkAsync(await sw.GetAsync(plans))).EnumerateArray().ToList();
        var cp = listed.Single(p => p.GetProperty("type").GetString() == "child-protection");
        var review = Assert.Single(cp.GetProperty("reviews").EnumerateArray());
        Assert.True(review.GetProperty("progress")[0].GetProperty("achieved").GetBoolean());
        var safety = listed.Single(p => p.GetProperty("type").GetString() == "safety");
        Assert.Equal("Visit again within 2 days and tell the lead", safety.GetProperty("participants")[0].GetProperty("ifChildCannotBeSeen").GetString());
        var hv = await t.AsAsync(HealthVisitor);
        Assert.DoesNotContain((await OkAsync(await hv.GetAsync("/api/actions/mine"))).EnumerateArray(), a => a.GetProperty("description").GetString() == "Take the baby to the hearing re-screen");
    }
}

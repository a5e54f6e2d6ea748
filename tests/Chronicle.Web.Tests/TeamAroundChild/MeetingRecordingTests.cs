using Chronicle.Core.Meetings;
using Chronicle.Testing;
using Chronicle.Web.Tests.Alerts;
using Chronicle.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;
using static Chronicle.Web.Tests.Api.TeamApp;

namespace Chronicle.Web.Tests.TeamAroundChild;

/// <summary>
/// Who may record a meeting held and when, and whose replies an invitee may record: through the API, the meeting page
/// and the chronology, over Family T, whose lead social worker is the social worker.
/// </summary>
public sealed class MeetingRecordingTests : IAsyncLifetime
{
    private static readonly string[] Decisions = ["Agree a safety plan with the mother"];
    private TeamApp _t = null!;

    public async ValueTask InitializeAsync() => _t = await StartAsync(Provider.Sqlite);

    public async ValueTask DisposeAsync() => await _t.DisposeAsync();

    private static DateTimeOffset Now => TimeProvider.System.GetUtcNow();

    [Fact]
    public async Task Only_the_chair_the_organiser_or_the_lead_social_worker_records_a_meeting_held()
    {
        var sw = await _t.AsAsync(SocialWorker);
        var hv = await _t.AsAsync(HealthVisitor);
        await OkAsync(await PostAsync(sw, $"/api/children/{_t.Child}/team/members", new { professionalId = _t.Id(Chair), role = "chair", reason = "Chairs the child's meetings" }));

        var chaired = await ScheduleAsync(hv, Now.AddMinutes(-1), chair: _t.Id(Chair));
        foreach (var outsider in new[] { Gp, TeamManager })
        {
            var refused = await ApiTestData.ErrorsAsync(await RecordAsync(await _t.AsAsync(outsider), chaired));
            Assert.Equal(["Only the meeting's chair, the person who arranged it or Child T's lead social worker may record it as held"], refused["recordedByProfessionalId"]);
        }
        Assert.Equal(MeetingStatus.Scheduled, await StatusAsync(chaired));
        await OkAsync(await RecordAsync(await _t.AsAsync(Chair), chaired));
        Assert.Equal(MeetingStatus.Held, await StatusAsync(chaired));

        var byLead = await ScheduleAsync(hv, Now.AddMinutes(-1));
        await OkAsync(await RecordAsync(sw, byLead));
        var byOrganiser = await ScheduleAsync(hv, Now.AddMinutes(-1));
        await OkAsync(await RecordAsync(hv, byOrganiser));
    }

    [Fact]
    public async Task A_meeting_is_recorded_held_from_its_day_and_not_as_held_before_it()
    {
        var sw = await _t.AsAsync(SocialWorker);
        var nextWeek = await ScheduleAsync(sw, Now.AddDays(7));

        var early = await ApiTestData.ErrorsAsync(await RecordAsync(sw, nextWeek));
        Assert.StartsWith("The meeting is scheduled for ", Assert.Single(early["heldAt"]), StringComparison.Ordinal);
        Assert.Contains("it can be recorded as held from that day", early["heldAt"][0], StringComparison.Ordinal);
        Assert.Equal(MeetingStatus.Scheduled, await StatusAsync(nextWeek));
        await using (var db = _t.App.OpenDb())
            Assert.False(await db.Entries.AnyAsync(e => e.Kind == "meeting-held"));

        // The page offers no form to record it before its day, says from when it can be, and refuses a post all the same.
        var path = $"/children/{_t.Child}/meeting?meetingId={nextWeek.Id}";
        var page = await BabyRApp.OpenAsync(sw, path);
        Assert.Null(page.QuerySelector("input[name=attended]"));
        Assert.Contains("can be recorded as held from", page.QuerySelector("#record")!.ParentElement!.TextContent, StringComparison.Ordinal);
        var posted = await BabyRApp.ParseAsync(await ChronicleApp.PostFormAsync(sw, $"/children/{_t.Child}/meeting?handler=record&meetingId={nextWeek.Id}", new() { ["decisions"] = "Refer" }, path));
        Assert.Contains("it can be recorded as held from that day", posted.QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(MeetingStatus.Scheduled, await StatusAsync(nextWeek));

        var today = await ScheduleAsync(sw, Now.AddMinutes(-1));
        var before = await ApiTestData.ErrorsAsync(await RecordAsync(sw, today, heldAt: Now.AddDays(-3)));
        Assert.Contains("move this meeting to the day it met", Assert.Single(before["heldAt"]), StringComparison.Ordinal);
        Assert.NotNull((await BabyRApp.OpenAsync(sw, $"/children/{_t.Child}/meeting?meetingId={today.Id}")).QuerySelector("input[name=attended]"));
        await OkAsync(await RecordAsync(sw, today));
    }

    [Fact]
    public async Task An_invitee_records_their_own_reply_and_report_and_is_not_offered_the_record_of_the_meeting()
    {
        var sw = await _t.AsAsync(SocialWorker);
        var gp = await _t.AsAsync(Gp);
        var meeting = await ScheduleAsync(sw, Now.AddMinutes(-1));
        var path = $"/children/{_t.Child}/meeting?meetingId={meeting.Id}";

        var page = await BabyRApp.OpenAsync(gp, path);
        Assert.Null(page.QuerySelector("input[name=attended]"));
        Assert.Null(page.QuerySelector("#record"));
        var links = page.QuerySelectorAll("a.app-record-reply").ToList();
        Assert.Equal([$"invitee={meeting.Gp}"], links.Select(a => InviteeOf(a.GetAttribute("href")!)));
        Assert.StartsWith("Record your reply", links[0].TextContent, StringComparison.Ordinal);
        Assert.Null((await BabyRApp.OpenAsync(gp, $"{path}&invitee={meeting.HealthVisitor}")).QuerySelector("#record-reply"));
        var own = await BabyRApp.OpenAsync(gp, $"{path}&invitee={meeting.Gp}");
        Assert.Equal(["Your reply", "Your report"], own.QuerySelectorAll("#record-reply ~ form legend").Select(l => l.TextContent.Trim()));

        var forOther = await ApiTestData.ErrorsAsync(await PostAsync(gp, $"/api/children/{_t.Child}/meetings/replies", new { meetingId = meeting.Id, inviteeId = meeting.HealthVisitor, reply = "attending" }));
        Assert.Equal(["You may record your own reply only: the chair or the person who arranged the meeting records others'"], forOther["inviteeId"]);
        var reportForOther = await ApiTestData.ErrorsAsync(await PostAsync(gp, $"/api/children/{_t.Child}/meetings/reports", new { meetingId = meeting.Id, inviteeId = meeting.HealthVisitor }));
        Assert.Equal(["You may record your own report only: the chair or the person who arranged the meeting records others'"], reportForOther["inviteeId"]);
        var onPage = await BabyRApp.ParseAsync(await ChronicleApp.PostFormAsync(gp, $"/children/{_t.Child}/meeting?handler=reply&meetingId={meeting.Id}",
            new() { ["inviteeId"] = meeting.HealthVisitor.ToString(), ["reply"] = "attending" }, path));
        Assert.Contains("You may record your own reply only", onPage.QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
        var recordByInvitee = await BabyRApp.ParseAsync(await ChronicleApp.PostFormAsync(gp, $"/children/{_t.Child}/meeting?handler=record&meetingId={meeting.Id}", new() { ["decisions"] = "Refer" }, path));
        Assert.Contains("may record it as held", recordByInvitee.QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
        await using (var db = _t.App.OpenDb())
        {
            var hvRow = await db.MeetingInvitees.AsNoTracking().SingleAsync(i => i.Id == meeting.HealthVisitor);
            Assert.Null(hvRow.Reply);
            Assert.Null(hvRow.ReportReceivedAt);
        }

        await OkAsync(await PostAsync(gp, $"/api/children/{_t.Child}/meetings/replies", new { meetingId = meeting.Id, inviteeId = meeting.Gp, reply = "not-attending", apologyReason = "Surgery; will send a report" }));
        await OkAsync(await PostAsync(gp, $"/api/children/{_t.Child}/meetings/reports", new { meetingId = meeting.Id, inviteeId = meeting.Gp }));
        // The organiser records others' replies, offered for every invitee and worded for a third party.
        await OkAsync(await PostAsync(sw, $"/api/children/{_t.Child}/meetings/replies", new { meetingId = meeting.Id, inviteeId = meeting.HealthVisitor, reply = "attending" }));
        var organiser = await BabyRApp.OpenAsync(sw, $"{path}&invitee={meeting.HealthVisitor}");
        Assert.Equal(2, organiser.QuerySelectorAll("a.app-record-reply").Length);
        Assert.Equal("Their reply", organiser.QuerySelector("#record-reply ~ form legend")!.TextContent.Trim());
        Assert.NotNull(organiser.QuerySelector("input[name=attended]"));
    }

    [Fact]
    public async Task Only_those_who_run_the_meeting_invite_someone_to_it_and_only_they_are_offered_to()
    {
        var sw = await _t.AsAsync(SocialWorker);
        var gp = await _t.AsAsync(Gp);
        await OkAsync(await PostAsync(sw, $"/api/children/{_t.Child}/team/members", new { professionalId = _t.Id(Chair), role = "chair", reason = "Chairs the child's meetings" }));
        var meeting = await ScheduleAsync(sw, Now.AddDays(7));
        var path = $"/children/{_t.Child}/meeting?meetingId={meeting.Id}";

        var byInvitee = await ApiTestData.ErrorsAsync(await PostAsync(gp, $"/api/children/{_t.Child}/meetings/invitations", new { meetingId = meeting.Id, professionalId = _t.Id(Chair) }));
        Assert.Equal(["Only the meeting's chair, the person who arranged it or the child's lead social worker may invite someone to it"], byInvitee["invitedByProfessionalId"]);
        await using (var db = _t.App.OpenDb())
            Assert.False(await db.MeetingInvitees.AnyAsync(i => i.MeetingId == meeting.Id && i.ProfessionalId == _t.Id(Chair) && i.Invited));
        var offered = (await BabyRApp.OpenAsync(sw, path)).QuerySelectorAll("form[action*='handler=invite']").Length;
        Assert.True(offered > 0, "The organiser is offered no one to invite");
        Assert.Empty((await BabyRApp.OpenAsync(gp, path)).QuerySelectorAll("form[action*='handler=invite']"));

        await OkAsync(await PostAsync(sw, $"/api/children/{_t.Child}/meetings/invitations", new { meetingId = meeting.Id, professionalId = _t.Id(Chair) }));
    }

    [Fact]
    public async Task A_meeting_arranged_here_is_recorded_held_only_through_its_meeting_not_as_a_chronology_entry()
    {
        var sw = await _t.AsAsync(SocialWorker);
        var meeting = await ScheduleAsync(sw, Now.AddDays(7));
        var posted = await PostAsync(sw, "/api/entries", new
        {
            kind = "meeting-held",
            details = new { type = "professionals-meeting", scheduledEntryId = meeting.ScheduledEntryId, decisions = Decisions },
            occurredAt = Now.AddMinutes(-5),
            occurredPrecision = "exact",
            subjects = new[] { _t.Child },
            source = "seen-by-recorder",
        });
        var refused = await ApiTestData.ErrorsAsync(posted);
        Assert.Contains("record it as held on its meeting page", Assert.Single(refused["details.scheduledEntryId"]), StringComparison.Ordinal);
        await using var db = _t.App.OpenDb();
        Assert.False(await db.Entries.AnyAsync(e => e.Kind == "meeting-held"));
    }

    private sealed record Arranged(Guid Id, Guid ScheduledEntryId, Guid HealthVisitor, Guid Gp);

    private async Task<Arranged> ScheduleAsync(HttpClient organiser, DateTimeOffset when, Guid? chair = null)
    {
        var meeting = await OkAsync(await PostAsync(organiser, $"/api/children/{_t.Child}/meetings", new
        {
            type = "professionals-meeting", scheduledFor = when, chairProfessionalId = chair,
            invitees = new object[] { new { professionalId = _t.Id(HealthVisitor) }, new { professionalId = _t.Id(Gp) } },
        }));
        var invitees = meeting.GetProperty("invitees").EnumerateArray().ToList();
        Guid Of(string name) => invitees.Single(i => i.TryGetProperty("professionalId", out var p) && p.GetGuid() == _t.Id(name)).GetProperty("id").GetGuid();
        return new Arranged(meeting.GetProperty("id").GetGuid(), meeting.GetProperty("scheduledEntryId").GetGuid(), Of(HealthVisitor), Of(Gp));
    }

    private async Task<HttpResponseMessage> RecordAsync(HttpClient client, Arranged meeting, DateTimeOffset? heldAt = null)
    {
        List<Guid> invited;
        await using (var db = _t.App.OpenDb())
            invited = await db.MeetingInvitees.Where(i => i.MeetingId == meeting.Id && i.Invited).Select(i => i.Id).ToListAsync();
        return await PostAsync(client, $"/api/children/{_t.Child}/meetings/records", new
        {
            meetingId = meeting.Id, heldAt, attendance = invited.Select(i => new { inviteeId = i, attended = true }).ToArray(), decisions = Decisions,
        });
    }

    private async Task<MeetingStatus> StatusAsync(Arranged meeting)
    {
        await using var db = _t.App.OpenDb();
        return await db.Meetings.Where(m => m.Id == meeting.Id).Select(m => m.Status).SingleAsync();
    }

    private static string InviteeOf(string href) => href[href.IndexOf("invitee=", StringComparison.Ordinal)..].Split('&', '#')[0];
}

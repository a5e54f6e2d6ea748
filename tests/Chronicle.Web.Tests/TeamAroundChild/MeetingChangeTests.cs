using System.Net;
using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Meetings;
using Chronicle.Testing;
using Chronicle.Web.Tests.Alerts;
using Chronicle.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;
using static Chronicle.Web.Tests.Api.TeamApp;

namespace Chronicle.Web.Tests.TeamAroundChild;

/// <summary>
/// Moving and cancelling a meeting, through the API and the meeting page, over Family T: only by those who run it, each
/// with a reason, never once it is held; its history kept and shown, every invitee told, replies asked again after a
/// move, and a cancelled meeting gone from the work tray.
/// </summary>
public sealed class MeetingChangeTests : IAsyncLifetime
{
    private static readonly string[] Decisions = ["Refer"];
    private TeamApp _t = null!;

    public async ValueTask InitializeAsync() => _t = await StartAsync(Provider.Sqlite);

    public async ValueTask DisposeAsync() => await _t.DisposeAsync();

    private static DateTimeOffset Now => TimeProvider.System.GetUtcNow();

    [Fact]
    public async Task Only_those_who_run_a_meeting_move_it_with_a_reason_and_every_invitee_is_told_and_asked_to_reply_again()
    {
        var sw = await _t.AsAsync(SocialWorker);
        var gp = await _t.AsAsync(Gp);
        var meeting = await ScheduleAsync(sw, Now.AddDays(7));
        var path = $"/children/{_t.Child}/meeting?meetingId={meeting.Id}";
        await OkAsync(await PostAsync(gp, $"/api/children/{_t.Child}/meetings/replies", new { meetingId = meeting.Id, inviteeId = meeting.Gp, reply = "attending" }));

        // Its day has not come: the page offers to move it, where recording it held early would need that.
        var early = await BabyRApp.OpenAsync(sw, path);
        Assert.Contains("move this meeting to the day it met", early.QuerySelector("#record-not-yet")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(early.QuerySelector("#move-earlier"));

        var byInvitee = await ApiTestData.ErrorsAsync(await PostAsync(gp, $"/api/children/{_t.Child}/meetings/moves", new { meetingId = meeting.Id, scheduledFor = Now.AddDays(9), reason = "I am on leave" }));
        Assert.Equal(["Only the meeting's chair, the person who arranged it or the child's lead social worker may move it"], byInvitee["byProfessionalId"]);
        Assert.Null((await BabyRApp.OpenAsync(gp, path)).QuerySelector("#change"));
        var bad = await ApiTestData.ErrorsAsync(await PostAsync(sw, $"/api/children/{_t.Child}/meetings/moves", new { meetingId = meeting.Id, scheduledFor = Now.AddDays(-2), reason = " " }));
        Assert.StartsWith("The new date of the meeting cannot be before it was arranged, on ", Assert.Single(bad["scheduledFor"]), StringComparison.Ordinal);
        Assert.Equal(["Enter why the meeting is moved"], bad["reason"]);
        // The page names the same fields, in the order of the form.
        var onPage = await BabyRApp.ParseAsync(await ChronicleApp.PostFormAsync(sw, $"/children/{_t.Child}/meeting?handler=move&meetingId={meeting.Id}",
            new() { ["newTime"] = "", ["reason"] = "" }, path));
        Assert.Equal(["#scheduledFor", "#reason"], onPage.QuerySelectorAll(".govuk-error-summary a").Select(a => a.GetAttribute("href")));
        await using (var db = _t.App.OpenDb())
        {
            Assert.False(await db.MeetingChanges.AnyAsync());
            Assert.False(await db.Entries.AnyAsync(e => e.Kind == "meeting-changed"));
        }

        var first = (await SingleMeetingAsync(meeting.Id)).ScheduledFor;
        var to = new DateTimeOffset(Now.AddDays(10).UtcDateTime.Date.AddHours(10), TimeSpan.Zero);
        await OkAsync(await PostAsync(sw, $"/api/children/{_t.Child}/meetings/moves", new { meetingId = meeting.Id, scheduledFor = to, reason = "The chair is in court that day" }));

        var moved = await SingleMeetingAsync(meeting.Id);
        Assert.Equal((to, MeetingStatus.Scheduled), (moved.ScheduledFor, moved.Status));
        var change = Assert.Single(moved.Changes);
        Assert.Equal((MeetingChange.Moved, first, to, "The chair is in court that day", _t.Id(SocialWorker)), (change.Change, change.WasFor, change.MovedTo, change.Reason, change.ByProfessionalId));
        // The reply given for the old date is kept, and no longer stands: the GP is asked again.
        Assert.Equal(MeetingReply.Attending, moved.Invitees.Single(i => i.Id == meeting.Gp).Reply);
        var detail = await OkAsync(await sw.GetAsync($"/api/children/{_t.Child}/meetings/detail?meetingId={meeting.Id}"));
        Assert.Contains(detail.GetProperty("chairView").GetProperty("noReply").EnumerateArray(), v => v.GetProperty("invitee").GetProperty("id").GetGuid() == meeting.Gp);
        await using (var db = _t.App.OpenDb())
        {
            var entry = await db.Entries.AsNoTracking().SingleAsync(e => e.Kind == "meeting-changed");
            var details = Assert.IsType<MeetingChanged>(DetailsReader.ReadStored(entry.Kind, entry.Details));
            Assert.Equal((meeting.ScheduledEntryId, MeetingChange.Moved, to), (details.ScheduledEntryId!.Value, details.Change, details.MovedTo!.Value));
            // Every invitee is told, in their inbox, as the invitation reached them.
            foreach (var invitee in new[] { HealthVisitor, Gp })
                Assert.True(await db.Notifications.AnyAsync(n => n.EntryId == entry.Id && n.RecipientProfessionalId == _t.Id(invitee)), $"{invitee} was not told");
        }

        var page = await BabyRApp.OpenAsync(sw, path);
        Assert.Contains("Moved from", page.QuerySelector("#history-table")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("The chair is in court that day", page.QuerySelector("#history-table")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(SocialWorker, page.QuerySelector("#history-table")!.TextContent, StringComparison.Ordinal);
        Assert.NotEqual("", BabyRApp.Row(page.Body!, "First arranged for"));
        Assert.Contains("Given for the earlier date", page.QuerySelector("#invitee-table")!.TextContent, StringComparison.Ordinal);

        // A reply given after the move stands.
        await OkAsync(await PostAsync(gp, $"/api/children/{_t.Child}/meetings/replies", new { meetingId = meeting.Id, inviteeId = meeting.Gp, reply = "attending" }));
        detail = await OkAsync(await sw.GetAsync($"/api/children/{_t.Child}/meetings/detail?meetingId={meeting.Id}"));
        Assert.DoesNotContain(detail.GetProperty("chairView").GetProperty("noReply").EnumerateArray(), v => v.GetProperty("invitee").GetProperty("id").GetGuid() == meeting.Gp);
    }

    [Fact]
    public async Task A_cancelled_meeting_needs_a_reason_leaves_the_work_tray_and_nothing_more_is_recorded_for_it()
    {
        var sw = await _t.AsAsync(SocialWorker);
        var gp = await _t.AsAsync(Gp);
        var meeting = await ScheduleAsync(sw, Now.AddDays(3));
        var path = $"/children/{_t.Child}/meeting?meetingId={meeting.Id}";
        Assert.NotNull((await BabyRApp.OpenAsync(gp, "/")).QuerySelector($"#tray-meetings a[href*='{meeting.Id}']"));

        var byInvitee = await ApiTestData.ErrorsAsync(await PostAsync(gp, $"/api/children/{_t.Child}/meetings/cancellations", new { meetingId = meeting.Id, reason = "Not needed" }));
        Assert.Equal(["Only the meeting's chair, the person who arranged it or the child's lead social worker may cancel it"], byInvitee["byProfessionalId"]);
        var empty = await BabyRApp.ParseAsync(await ChronicleApp.PostFormAsync(sw, $"/children/{_t.Child}/meeting?handler=cancel&meetingId={meeting.Id}",
            new() { ["reason"] = " " }, $"{path}&change=cancel"));
        Assert.Equal("Enter why the meeting is cancelled", empty.QuerySelector(".govuk-error-summary a[href='#reason']")!.TextContent.Trim());
        Assert.Equal(MeetingStatus.Scheduled, (await SingleMeetingAsync(meeting.Id)).Status);

        var cancelled = await ChronicleApp.PostFormAsync(sw, $"/children/{_t.Child}/meeting?handler=cancel&meetingId={meeting.Id}",
            new() { ["reason"] = "The family has moved to another area, which holds the conference" }, $"{path}&change=cancel");
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        var after = await BabyRApp.OpenAsync(sw, cancelled.Headers.Location!.OriginalString);
        Assert.Contains("The meeting is cancelled and every invitee is told", after.QuerySelector(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Cancelled", BabyRApp.Row(after.Body!, "Status"));
        Assert.Contains("The family has moved to another area", after.QuerySelector("#history-table")!.TextContent, StringComparison.Ordinal);
        Assert.Null(after.QuerySelector("#change"));
        Assert.Empty(after.QuerySelectorAll("a.app-record-reply"));

        // Gone from everyone's meetings coming; nothing more is recorded for it.
        foreach (var client in new[] { sw, gp })
            Assert.Null((await BabyRApp.OpenAsync(client, "/")).QuerySelector($"#tray-meetings a[href*='{meeting.Id}']"));
        var reply = await ApiTestData.ErrorsAsync(await PostAsync(gp, $"/api/children/{_t.Child}/meetings/replies", new { meetingId = meeting.Id, inviteeId = meeting.Gp, reply = "attending" }));
        Assert.Equal(["This meeting was cancelled: nothing more is recorded for it"], reply["meetingId"]);
        var move = await ApiTestData.ErrorsAsync(await PostAsync(sw, $"/api/children/{_t.Child}/meetings/moves", new { meetingId = meeting.Id, scheduledFor = Now.AddDays(5), reason = "Back on" }));
        Assert.Equal(["This meeting was cancelled: it can no longer be moved"], move["meetingId"]);
        await using var db = _t.App.OpenDb();
        Assert.Single(await db.MeetingChanges.AsNoTracking().ToListAsync());
        foreach (var invitee in new[] { HealthVisitor, Gp })
            Assert.True(await db.Notifications.AnyAsync(n => n.Title.StartsWith("Meeting moved or cancelled") && n.RecipientProfessionalId == _t.Id(invitee)), $"{invitee} was not told");
    }

    [Fact]
    public async Task A_meeting_recorded_as_held_is_neither_moved_nor_cancelled_and_a_change_is_not_written_as_a_chronology_entry()
    {
        var sw = await _t.AsAsync(SocialWorker);
        var meeting = await ScheduleAsync(sw, Now.AddMinutes(-1));
        List<Guid> invited;
        await using (var db = _t.App.OpenDb())
            invited = await db.MeetingInvitees.Where(i => i.MeetingId == meeting.Id && i.Invited).Select(i => i.Id).ToListAsync();
        await OkAsync(await PostAsync(sw, $"/api/children/{_t.Child}/meetings/records", new
        {
            meetingId = meeting.Id, attendance = invited.Select(i => new { inviteeId = i, attended = true }).ToArray(), decisions = Decisions,
        }));

        var cancel = await ApiTestData.ErrorsAsync(await PostAsync(sw, $"/api/children/{_t.Child}/meetings/cancellations", new { meetingId = meeting.Id, reason = "Mistake" }));
        Assert.Equal(["This meeting is recorded as held: it can no longer be cancelled"], cancel["meetingId"]);
        var move = await ApiTestData.ErrorsAsync(await PostAsync(sw, $"/api/children/{_t.Child}/meetings/moves", new { meetingId = meeting.Id, scheduledFor = Now.AddDays(2), reason = "Mistake" }));
        Assert.Equal(["This meeting is recorded as held: it can no longer be moved"], move["meetingId"]);
        Assert.Null((await BabyRApp.OpenAsync(sw, $"/children/{_t.Child}/meeting?meetingId={meeting.Id}")).QuerySelector("#change"));

        var other = await ScheduleAsync(sw, Now.AddDays(7));
        var posted = await ApiTestData.ErrorsAsync(await PostAsync(sw, "/api/entries", new
        {
            kind = "meeting-changed",
            details = new { type = "professionals-meeting", scheduledEntryId = other.ScheduledEntryId, change = "cancelled", reason = "Not needed" },
            occurredAt = Now.AddMinutes(-5),
            occurredPrecision = "exact",
            subjects = new[] { _t.Child },
            source = "seen-by-recorder",
        }));
        Assert.Contains("move or cancel it on its meeting page", Assert.Single(posted["details.scheduledEntryId"]), StringComparison.Ordinal);
        await using (var db = _t.App.OpenDb())
        {
            Assert.False(await db.Entries.AnyAsync(e => e.Kind == "meeting-changed"));
            Assert.False(await db.MeetingChanges.AnyAsync());
        }
    }

    private sealed record Arranged(Guid Id, Guid ScheduledEntryId, Guid HealthVisitor, Guid Gp);

    private async Task<Meeting> SingleMeetingAsync(Guid id)
    {
        await using var db = _t.App.OpenDb();
        return await db.Meetings.AsNoTracking().Include(m => m.Invitees).Include(m => m.Changes).SingleAsync(m => m.Id == id);
    }

    private async Task<Arranged> ScheduleAsync(HttpClient organiser, DateTimeOffset when)
    {
        var meeting = await OkAsync(await PostAsync(organiser, $"/api/children/{_t.Child}/meetings", new
        {
            type = "professionals-meeting", scheduledFor = when,
            invitees = new object[] { new { professionalId = _t.Id(HealthVisitor) }, new { professionalId = _t.Id(Gp) } },
        }));
        var invitees = meeting.GetProperty("invitees").EnumerateArray().ToList();
        Guid Of(string name) => invitees.Single(i => i.TryGetProperty("professionalId", out var p) && p.GetGuid() == _t.Id(name)).GetProperty("id").GetGuid();
        return new Arranged(meeting.GetProperty("id").GetGuid(), meeting.GetProperty("scheduledEntryId").GetGuid(), Of(HealthVisitor), Of(Gp));
    }
}

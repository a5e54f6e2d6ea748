using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Meetings;
using Chronicle.Core.Persistence;
using Chronicle.Core.Tests.Chronology;
using Chronicle.Core.Tests.TeamAroundChild;
using Chronicle.Testing;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Tests.Security;

/// <summary>
/// What a write promises beyond its own row: services never share the clients' key space, and the work an entry leaves
/// for its observers is written with it and done even if the first attempt fails.
/// </summary>
public sealed class WriteIntegrityTests
{
    public static TheoryData<Provider> Providers => [Provider.Sqlite, Provider.Postgres];

    [Theory, MemberData(nameof(Providers))]
    public async Task A_key_someone_claimed_first_cannot_silence_the_record_of_a_meeting(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        await using var db = w.Database.Open();
        var meetings = w.Meetings(db);
        var meeting = (await meetings.ScheduleAsync(w.PartnershipId, new ScheduleMeetingInput
        {
            ChildId = w.F.Id, Type = MeetingType.ProfessionalsMeeting, ScheduledFor = TeamWorld.Uk(2, 3, 10), ChairProfessionalId = w.SocialWorker.Id,
            OrganiserProfessionalId = w.SocialWorker.Id, Invitees = [new(w.Doctor.Id)],
        })).Unwrap();
        w.Clock.Set(TeamWorld.Uk(2, 3, 12));
        // Someone else records an entry under the key the service itself once used for this meeting's record.
        var claimed = (await w.Chronology(db).RecordAsync(w.PartnershipId, new EntryInput
        {
            Kind = "observation", Details = System.Text.Json.JsonSerializer.SerializeToElement(new { topic = "home-conditions", text = "Seen" }),
            OccurredAt = TeamWorld.Uk(2, 3, 11), RecordedByProfessionalId = w.Doctor.Id, Subjects = [w.F.Id], Source = Source.SeenByRecorder,
            IdempotencyKey = $"meeting:{meeting.Id}:held",
        })).Unwrap();

        (await meetings.RecordHeldAsync(w.PartnershipId, meeting.Id, new MeetingRecordInput
        {
            RecordedByProfessionalId = w.SocialWorker.Id, HeldAt = TeamWorld.Uk(2, 3, 10),
            Attendance = [new(meeting.Invitees.Single(i => i.ProfessionalId == w.Doctor.Id).Id)], Decisions = ["Request a strategy discussion"],
        })).Unwrap();

        var held = Assert.Single(await db.Entries.AsNoTracking().Where(e => e.Kind == EntryKinds.MeetingHeld.Code).ToListAsync());
        Assert.NotEqual(claimed.Id, held.Id);
        Assert.Equal(["Request a strategy discussion"], ((MeetingHeld)DetailsReader.ReadStored(held.Kind, held.Details)).Decisions);
        Assert.Equal(held.Id, (await db.Meetings.AsNoTracking().SingleAsync(m => m.Id == meeting.Id)).HeldEntryId);
        // No entry a service writes carries a key a client could send.
        Assert.Equal([claimed.Id], await db.Entries.Where(e => e.IdempotencyKey != null).Select(e => e.Id).ToListAsync());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task An_entry_written_by_one_professional_is_not_the_answer_to_anothers_key(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        await using var db = w.Database.Open();
        EntryInput Entry(Guid by, string text) => new()
        {
            Kind = "observation", Details = System.Text.Json.JsonSerializer.SerializeToElement(new { topic = "home-conditions", text }),
            OccurredAt = TeamWorld.Uk(1, 20), RecordedByProfessionalId = by, Subjects = [w.F.Id], Source = Source.SeenByRecorder, IdempotencyKey = "form-1",
        };
        var first = (await w.Chronology(db).RecordAsync(w.PartnershipId, Entry(w.SocialWorker.Id, "Seen at home"))).Unwrap();
        var other = (await w.Chronology(db).RecordAsync(w.PartnershipId, Entry(w.Doctor.Id, "Seen at the surgery"))).Unwrap();
        var again = (await w.Chronology(db).RecordAsync(w.PartnershipId, Entry(w.SocialWorker.Id, "Seen at home"))).Unwrap();
        var changed = await w.Chronology(db).RecordAsync(w.PartnershipId, Entry(w.SocialWorker.Id, "Seen at school"));

        Assert.NotEqual(first.Id, other.Id);
        Assert.Equal(first.Id, again.Id);
        Assert.Equal("idempotencyKey", Assert.Single(changed.Errors).Field);
    }

    /// <summary>An observer that fails once, as a process that crashes mid-way would.</summary>
    private sealed class FailsOnce : IChronologyObserver
    {
        public int Runs;
        public List<Guid> Done { get; } = [];

        public async Task OnRecordedAsync(ChronicleDb db, ChronologyEntry entry, EntryDetails details, CancellationToken ct)
        {
            db.Alerts.Add(new Core.Safeguards.Alert
            {
                Id = Guid.CreateVersion7(), PartnershipId = entry.PartnershipId, SafeguardId = "SG-99", SubjectPersonId = entry.Subjects[0].PersonId, CauseKey = entry.Id.ToString(),
                Summary = "Half-done work", AskFor = "Nothing", RaisedAt = entry.RecordedAt, DueAt = entry.RecordedAt, Status = Core.Safeguards.AlertStatus.Open,
            });
            await db.SaveChangesAsync(ct);
            if (Interlocked.Increment(ref Runs) == 1) throw new IOException("The process went away");
            Done.Add(entry.Id);
        }
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Work_an_observer_did_not_finish_is_kept_with_the_entry_and_done_once_by_the_sweep(Provider provider)
    {
        await using var f = await ChronologyFixture.CreateAsync(provider);
        var observer = new FailsOnce();
        ChronologyEntry entry;
        await using (var db = f.Database.Open())
            entry = (await new ChronologyService(db, f.Clock, [observer]).RecordAsync(f.PartnershipId, f.Entry("observation", new { topic = "home-conditions", text = "Tidy" }))).Unwrap();

        await using var check = f.Database.Open();
        var item = await check.Set<ObserverWorkItem>().AsNoTracking().SingleAsync(w => w.EntryId == entry.Id);
        Assert.Null(item.DoneAt);
        Assert.Equal("IOException", item.LastError);
        // Nothing of the failed run was kept.
        Assert.Equal(0, await check.Alerts.CountAsync());

        // Not before its claim runs out; then once, whole.
        Assert.Equal(0, (await ObserverWork.SweepAsync(check, [observer], f.Clock, TimeSpan.Zero, 10, CancellationToken.None)).Done);
        f.Clock.Advance(ObserverWork.Lease + TimeSpan.FromSeconds(1));
        Assert.Equal(1, (await ObserverWork.SweepAsync(check, [observer], f.Clock, TimeSpan.Zero, 10, CancellationToken.None)).Done);
        Assert.Equal(0, (await ObserverWork.SweepAsync(check, [observer], f.Clock, TimeSpan.Zero, 10, CancellationToken.None)).Done);
        Assert.Equal([entry.Id], observer.Done);
        Assert.Equal(1, await check.Alerts.CountAsync());
        Assert.NotNull((await check.Set<ObserverWorkItem>().AsNoTracking().SingleAsync(w => w.EntryId == entry.Id)).DoneAt);
    }
}

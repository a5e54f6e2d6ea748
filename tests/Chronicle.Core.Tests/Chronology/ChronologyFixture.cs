using System.Text.Json;
using Chronicle.Core.Chronology;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Time;
using Chronicle.Testing;

namespace Chronicle.Core.Tests.Chronology;

/// <summary>A migrated database with a partnership, an agency, a social worker and a child, on a simulated clock.</summary>
public sealed class ChronologyFixture : IAsyncDisposable
{
    private ChronologyFixture(TestDatabase database, SimulatedClock clock) => (Database, Clock) = (database, clock);

    public TestDatabase Database { get; }
    public SimulatedClock Clock { get; }
    public Guid PartnershipId { get; private set; }
    public Guid WorkerId { get; private set; }
    public Guid ChildId { get; private set; }

    public static async Task<ChronologyFixture> CreateAsync(Provider provider)
    {
        var fixture = new ChronologyFixture(await TestDatabase.CreateAsync(provider), new SimulatedClock(new DateTimeOffset(2015, 2, 2, 9, 0, 0, TimeSpan.Zero)));
        await using var db = fixture.Database.Open();
        var record = new RecordService(db, fixture.Clock);
        fixture.PartnershipId = (await record.CreatePartnershipAsync("Test", "test")).Unwrap().Id;
        var agency = (await record.CreateAgencyAsync(fixture.PartnershipId, new AgencyInput("Children's Social Care", AgencyKind.ChildrensSocialCare, "Bristol"))).Unwrap();
        fixture.WorkerId = (await record.CreateProfessionalAsync(fixture.PartnershipId, new ProfessionalInput("Sam Worker", agency.Id, ProfessionalRole.SocialWorker))).Unwrap().Id;
        fixture.ChildId = (await record.CreatePersonAsync(fixture.PartnershipId, new PersonInput { Kind = PersonKind.Child, KnownAs = "Child F", DateOfBirth = new DateOnly(2011, 6, 1) })).Unwrap().Id;
        return fixture;
    }

    public ChronologyService Service(ChronicleDb db) => new(db, Clock, []);

    public EntryInput Entry(string kind, object details, string? key = null) => new()
    {
        Kind = kind,
        Details = JsonSerializer.SerializeToElement(details, ChronicleJson.Options),
        OccurredAt = Clock.GetUtcNow().AddHours(-1),
        RecordedByProfessionalId = WorkerId,
        Subjects = [ChildId],
        Source = Source.SeenByRecorder,
        IdempotencyKey = key,
    };

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}

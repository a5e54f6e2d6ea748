using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;
using Chronicle.Core.TeamAroundChild;
using Chronicle.Core.Tests.TeamAroundChild;
using Chronicle.Core.Time;
using Chronicle.Core.Validation;
using Chronicle.Testing;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Tests.Chronology;

/// <summary>
/// A decision on a contact answers a contact (or information shared with the front door) about a child it is about:
/// the safeguards and the front door's open contacts read it as that contact's answer, so naming any other entry the
/// writer may see would close the wrong contact or none.
/// </summary>
public sealed class ContactAnsweredTests
{
    public static TheoryData<Provider> Providers => [Provider.Sqlite, Provider.Postgres];

    [Theory, MemberData(nameof(Providers))]
    public async Task A_decision_answers_a_contact_about_its_child_and_not_an_entry_of_another_kind_or_another_family(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        await using var db = w.Database.Open();
        var signedIn = new ChronologyService(db, w.Clock, [], new SignedInWriter());
        var now = w.Clock.GetUtcNow();
        var stranger = new Person
        {
            Id = Guid.CreateVersion7(), PartnershipId = w.PartnershipId, Kind = PersonKind.Child, GivenName = "Unrelated", FamilyName = "Child",
            DateOfBirth = new DateOnly(2014, 3, 1), DateOfBirthPrecision = DatePrecision.Day, CreatedAt = now,
        };
        db.People.Add(stranger);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        async Task<Guid> RecordAsync(EntryDetails details, Guid about) =>
            (await signedIn.RecordAsync(w.PartnershipId, Recording.Input(details, w.SocialWorker.Id, [about], now, null))).Value!.Id;
        var contact = await RecordAsync(new ContactReceived { Concerns = "Bruise seen at nursery" }, w.F.Id);
        var observation = await RecordAsync(new Observation { Topic = ObservationTopic.Other, Text = "Seen at home" }, w.F.Id);
        var elsewhere = await RecordAsync(new ContactReceived { Concerns = "Missing from school" }, stranger.Id);
        Task<Outcome<ChronologyEntry>> DecideAsync(Guid answered) => signedIn.RecordAsync(w.PartnershipId, Recording.Input(
            new ContactDecision { ContactEntryId = answered, Decision = ContactOutcome.NoFurtherAction, Rationale = "Explained by a fall" }, w.SocialWorker.Id, [w.F.Id], now, null));

        var wrongKind = Assert.Single((await DecideAsync(observation)).Errors);
        Assert.Equal("details.contactEntryId", wrongKind.Field);
        Assert.Contains("not an entry of another kind", wrongKind.Message, StringComparison.Ordinal);
        Assert.Contains("about other people", Assert.Single((await DecideAsync(elsewhere)).Errors).Message, StringComparison.Ordinal);
        Assert.True((await DecideAsync(contact)).Succeeded);

        // A contact about the mother alone (a pregnancy before the unborn child is on record) is answered by a decision about her.
        var mother = await RecordAsync(new ContactReceived { Concerns = "Concealed pregnancy" }, w.Mother.Id);
        Assert.True((await signedIn.RecordAsync(w.PartnershipId, Recording.Input(
            new ContactDecision { ContactEntryId = mother, Decision = ContactOutcome.NoFurtherAction, Rationale = "Booked with the midwife" }, w.SocialWorker.Id, [w.Mother.Id], now, null))).Succeeded);

        // A decision recorded before the rule (by a replay, naming an observation) is still corrected for its words.
        var replay = new ChronologyService(db, w.Clock, []);
        var old = (await replay.RecordAsync(w.PartnershipId, Recording.Input(
            new ContactDecision { ContactEntryId = observation, Decision = ContactOutcome.NoFurtherAction, Rationale = "Explaned by a fall" }, w.SocialWorker.Id, [w.F.Id], now, null))).Unwrap();
        Assert.True((await signedIn.CorrectAsync(w.PartnershipId, old.Id, new CorrectionInput
        {
            Entry = Recording.Input(new ContactDecision { ContactEntryId = observation, Decision = ContactOutcome.NoFurtherAction, Rationale = "Explained by a fall" }, w.SocialWorker.Id, [w.F.Id], now, null),
            Reason = "Spelling",
        })).Succeeded);
        Assert.Equal(4, await db.Entries.CountAsync(e => e.Kind == EntryKinds.ContactDecision.Code, TestContext.Current.CancellationToken));
    }
}

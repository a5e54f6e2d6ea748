using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;
using Chronicle.Core.Security;
using Chronicle.Core.Tests.TeamAroundChild;
using Chronicle.Core.Time;
using Chronicle.Testing;

namespace Chronicle.Core.Tests.Security;

/// <summary>
/// While a contact about a child waits at the front door, the other children it asks the front door to consider
/// (sharing a parent, or living in the household) are seen by the front door, and no one else's children are.
/// </summary>
public sealed class FrontDoorFamilyTests
{
    public static TheoryData<Provider> Providers => [Provider.Sqlite, Provider.Postgres];

    [Theory, MemberData(nameof(Providers))]
    public async Task A_contact_waiting_about_a_child_marks_the_children_sharing_a_parent_or_a_home_and_no_others(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        Person stepChild, unrelated, lodger, movedOut;
        await using (var setup = w.Database.Open())
        {
            var record = new RecordService(setup, w.Clock);
            async Task<Person> ChildAsync(string name) =>
                (await record.CreatePersonAsync(w.PartnershipId, new PersonInput { Kind = PersonKind.Child, KnownAs = name, DateOfBirth = new DateOnly(2011, 3, 1) })).Unwrap();
            // The father's partner's child: no parent shared with C, no home shared.
            stepChild = await ChildAsync("Partner's child");
            (await record.AddRelationshipAsync(w.PartnershipId, new RelationshipInput(w.Father.Id, RelationshipKind.PartnerOfParent, stepChild.Id))).Unwrap();
            unrelated = await ChildAsync("Another family's child");
            // A child living in C's home today, and one who left it last year.
            lodger = await ChildAsync("Child at home");
            movedOut = await ChildAsync("Child who moved out");
            var today = WorkingDayCalendar.UkDate(w.Clock.GetUtcNow());
            (await record.CreateHouseholdAsync(w.PartnershipId, new HouseholdInput("Second home", [new(w.C.Id), new(lodger.Id), new(movedOut.Id, To: today.AddYears(-1))]))).Unwrap();
        }
        var C = w.C;
        var everyone = new[] { w.F.Id, stepChild.Id, unrelated.Id, lodger.Id, movedOut.Id };

        await using (var db = w.Database.Open())
            Assert.DoesNotContain((await ChildAccessReader.FactsAsync(db, w.PartnershipId, everyone, w.Clock.GetUtcNow(), default, contactsForOtherChildren: true)).Values,
                f => f.ContactWaitingForOtherChild);

        await w.RecordAsync(w.Teacher, new ContactReceived { Type = ContactType.Contact, Concerns = "C came to school with a burn" }, about: C);

        await using (var db = w.Database.Open())
        {
            var facts = await ChildAccessReader.FactsAsync(db, w.PartnershipId, [.. everyone, C.Id], w.Clock.GetUtcNow(), default, contactsForOtherChildren: true);
            Assert.Equal([w.F.Id, lodger.Id], everyone.Where(id => facts[id].ContactWaitingForOtherChild));
            // C's own contact is its own reason; the other children's facts give the front door no authority to grant.
            Assert.True(facts[C.Id].OpenContactAtFrontDoor);
            Assert.False(facts[w.F.Id].OpenContactAtFrontDoor);
            // Read for anyone else (an item to give, an alert's owner), the other children are not marked.
            var plain = await ChildAccessReader.FactsAsync(db, w.PartnershipId, everyone, w.Clock.GetUtcNow(), default);
            Assert.DoesNotContain(plain.Values, f => f.ContactWaitingForOtherChild);
        }
    }
}

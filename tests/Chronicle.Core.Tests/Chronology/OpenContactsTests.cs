using Chronicle.Core.Chronology;
using Chronicle.Core.Persistence;
using Chronicle.Testing;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Tests.Chronology;

/// <summary>
/// The contacts waiting for the front door's decision, kept with each write: open from the contact until a decision
/// on it, and corrections count (a decision corrected to name another contact reopens the first; a contact corrected
/// into something else is no longer waiting). What is kept is, at every step, what the record says from scratch.
/// </summary>
public sealed class OpenContactsTests
{
    public static TheoryData<Provider> Providers => [Provider.Sqlite, Provider.Postgres];

    [Theory, MemberData(nameof(Providers))]
    public async Task A_contact_is_open_until_its_decision_and_corrections_of_either_count(Provider provider)
    {
        await using var f = await ChronologyFixture.CreateAsync(provider);
        await using var db = f.Database.Open();
        var service = f.Service(db);
        async Task<Guid> Record(string kind, object details) => (await service.RecordAsync(f.PartnershipId, f.Entry(kind, details))).Unwrap().Id;
        async Task<Guid> Correct(Guid entry, string kind, object details) =>
            (await service.CorrectAsync(f.PartnershipId, entry, new CorrectionInput { Entry = f.Entry(kind, details), Reason = "recorded wrongly" })).Unwrap().Id;
        async Task Open(params Guid[] expected)
        {
            var kept = await db.OpenContacts.AsNoTracking().OrderBy(o => o.ContactEntryId).ToListAsync();
            Assert.Equal([.. expected.Order()], kept.Select(o => o.ContactEntryId));
            Assert.All(kept, o => Assert.Equal(f.ChildId, o.PersonId));
            await AssertAsFromScratchAsync(db);
        }

        var first = await Record("contact", new { type = "referral", concerns = "Bruising seen at school" });
        await Open(first);
        f.Clock.Advance(TimeSpan.FromDays(1));
        var decision = await Record("contact-decision", new { contactEntryId = first, decision = "no-further-action", rationale = "Explained by a fall" });
        await Open();
        f.Clock.Advance(TimeSpan.FromDays(1));
        var second = await Record("contact", new { type = "contact", concerns = "Missed two appointments" });
        await Open(second);

        // The decision was on the second contact, not the first: corrected, the first waits again.
        f.Clock.Advance(TimeSpan.FromDays(1));
        await Correct(decision, "contact-decision", new { contactEntryId = second, decision = "early-help", rationale = "Support offered" });
        await Open(first);

        // A decision that names no contact answers every contact about the child made before it.
        f.Clock.Advance(TimeSpan.FromDays(1));
        await Record("contact-decision", new { decision = "information-and-advice", rationale = "Advice given to the school" });
        await Open();

        // A decision on information shared, named as what it decides, answers the contacts made before it: a share to
        // the front door opens a contact of its own at the moment it is shared.
        f.Clock.Advance(TimeSpan.FromDays(1));
        var waiting = await Record("contact", new { type = "contact", concerns = "Told of an argument at home" });
        var told = await Record("observation", new { topic = "other", text = "Police attended an argument at home" });
        await Open(waiting);
        f.Clock.Advance(TimeSpan.FromHours(2));
        await Record("contact-decision", new { contactEntryId = told, decision = "information-and-advice", rationale = "Police information noted" });
        await Open();

        // A contact recorded since, and one corrected into an observation: only the first of them waits.
        f.Clock.Advance(TimeSpan.FromDays(1));
        var third = await Record("contact", new { type = "referral", concerns = "Found alone at night" });
        var fourth = await Record("contact", new { type = "contact", concerns = "Seen crying" });
        await Open(third, fourth);
        await Correct(fourth, "observation", new { topic = "other", text = "Seen crying at the gate" });
        await Open(third);

        // A database that had the record before the table was made gets the same rows.
        await db.OpenContacts.ExecuteDeleteAsync();
        await OpenContacts.BackfillAsync(db);
        await Open(third);
    }

    /// <summary>The kept rows are those worked out from every entry of the record, and the backfill writes the same.</summary>
    private static async Task AssertAsFromScratchAsync(ChronicleDb db)
    {
        var entries = (await db.Entries.AsNoTracking().Include(e => e.Subjects).ToListAsync())
            .Select(e => new Core.Safeguards.CaseEntry(e, DetailsReader.ReadStored(e.Kind, e.Details)));
        var expected = OpenContacts.RowsFor(entries, await AllocationFacts.ReadAsync(db, null, default))
            .Select(o => (o.ContactEntryId, o.PersonId, o.PartnershipId, o.ReceivedAt.ToUnixTimeMilliseconds(), o.DecidedAt?.ToUnixTimeMilliseconds())).Order().ToList();
        var kept = (await db.OpenContacts.AsNoTracking().ToListAsync())
            .Select(o => (o.ContactEntryId, o.PersonId, o.PartnershipId, o.ReceivedAt.ToUnixTimeMilliseconds(), o.DecidedAt?.ToUnixTimeMilliseconds())).Order().ToList();
        Assert.Equal(expected, kept);
    }
}

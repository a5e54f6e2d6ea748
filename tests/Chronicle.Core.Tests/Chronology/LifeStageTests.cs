using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.TeamAroundChild;
using Chronicle.Core.Tests.TeamAroundChild;
using Chronicle.Testing;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Tests.Chronology;

/// <summary>
/// What cannot be about a child as they are is refused whatever path a signed-in writer takes (the API as the page): a
/// birth for a child already born, or for an adult, would rewrite who they are.
/// </summary>
public sealed class LifeStageTests
{
    public static TheoryData<Provider> Providers => [Provider.Sqlite, Provider.Postgres];

    [Theory, MemberData(nameof(Providers))]
    public async Task A_birth_is_recorded_only_for_a_child_not_yet_born(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        await using var db = w.Database.Open();
        var signedIn = new ChronologyService(db, w.Clock, [], new SignedInWriter());
        var bornOn = await db.People.AsNoTracking().Where(p => p.Id == w.F.Id).Select(p => p.DateOfBirth).SingleAsync();

        var born = await signedIn.RecordAsync(w.PartnershipId, Recording.Input(
            new Birth { ChildPersonId = w.F.Id, BornOn = new DateOnly(2015, 1, 2) }, w.HealthVisitor.Id, [w.F.Id], w.Clock.GetUtcNow(), null));
        Assert.Contains(born.Errors, e => e.Field == "kind" && e.Message.Contains("already born", StringComparison.Ordinal));
        Assert.Contains(born.Errors, e => e.Field == "details.childPersonId");

        var adult = await signedIn.RecordAsync(w.PartnershipId, Recording.Input(
            new Birth { ChildPersonId = w.Mother.Id, BornOn = new DateOnly(2015, 1, 2) }, w.HealthVisitor.Id, [w.Mother.Id], w.Clock.GetUtcNow(), null));
        Assert.Equal("details.childPersonId", Assert.Single(adult.Errors).Field);

        Assert.Equal(0, await db.Entries.CountAsync(e => e.Kind == "birth"));
        Assert.Equal(bornOn, await db.People.AsNoTracking().Where(p => p.Id == w.F.Id).Select(p => p.DateOfBirth).SingleAsync());
    }
}

extern alias web;

using Chronicle.Core.Record;
using Chronicle.Core.Security;
using Chronicle.Core.TeamAroundChild;
using Chronicle.Core.Time;
using Chronicle.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ChildAccess = web::Chronicle.Web.Security.ChildAccess;
using CurrentUser = web::Chronicle.Web.Security.CurrentUser;

namespace Chronicle.Cli.Tests.Synthetic;

/// <summary>
/// Lists read the teams and access facts of many children together, a query for each kind of fact: on a generated
/// partnership (with a team addition and a removal), every child's team and access facts read with all the others
/// are exactly those read for that child alone, so a list decides access as the child's own page does.
/// </summary>
public sealed class TeamsReadTogetherTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Every_childs_team_and_access_facts_read_with_all_the_others_are_those_read_alone(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var socialWorker = (await Synth.WriteAsync(database, 40)).GetProperty("users").GetProperty("socialWorker").GetString()!;

        var today = WorkingDayCalendar.UkDate(DateTimeOffset.UtcNow);
        List<Guid> children;
        UserAccount worker;
        Guid addedId, removedId;
        await using (var db = database.Open())
        {
            var partnershipId = (await db.Partnerships.SingleAsync(p => p.Code == "northshire")).Id;
            children = await db.People.Where(p => p.PartnershipId == partnershipId && p.Kind != PersonKind.Adult).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync();
            worker = await db.UserAccounts.SingleAsync(a => a.UserName == socialWorker);
            var gp = await db.Professionals.Where(p => p.PartnershipId == partnershipId && p.Role == ProfessionalRole.GeneralPractitioner).OrderBy(p => p.Name).FirstAsync();
            var involved = await db.Involvements.Where(i => i.PersonId == children[1] && i.ProfessionalId != null && i.From <= today && (i.To == null || i.To >= today))
                .OrderBy(i => i.Id).Select(i => i.ProfessionalId!.Value).FirstAsync();
            var removed = await db.Professionals.SingleAsync(p => p.Id == involved);
            var now = DateTimeOffset.UtcNow;
            db.TeamChanges.Add(new TeamChange
            {
                Id = Guid.NewGuid(), PartnershipId = partnershipId, ChildPersonId = children[0], ProfessionalId = gp.Id, AgencyId = gp.AgencyId,
                Change = TeamChangeType.Added, Reason = "asked to join", ByProfessionalId = gp.Id, At = now.AddDays(-1), SequenceNumber = 1,
            });
            db.TeamChanges.Add(new TeamChange
            {
                Id = Guid.NewGuid(), PartnershipId = partnershipId, ChildPersonId = children[1], ProfessionalId = removed.Id, AgencyId = removed.AgencyId,
                Change = TeamChangeType.Removed, Reason = "no longer involved", ByProfessionalId = removed.Id, At = now.AddDays(-1), SequenceNumber = 1,
            });
            await db.SaveChangesAsync();
            (addedId, removedId) = (gp.Id, removed.Id);
        }

        // The teams: all the children at once, then each alone on a context of its own.
        Dictionary<Guid, string> together;
        await using (var db = database.Open())
            together = (await ChildTeam.LoadManyAsync(db, children, today)).ToDictionary(t => t.Key, t => Describe(t.Value));
        Assert.Equal(children.Order(), together.Keys.Order());
        var throughAdults = 0;
        foreach (var child in children)
        {
            await using var db = database.Open();
            var alone = (await ChildTeam.LoadAsync(db, child, today))!;
            Assert.Equal(Describe(alone), together[child]);
            if (alone.Members.Any(m => m.WorksWith.Any(r => r.PersonId != child))) throughAdults++;
        }
        // The comparison covered teams that come through the adults around a child, additions and removals.
        Assert.True(throughAdults > 10, $"only {throughAdults} teams include someone working with an adult around the child");
        Assert.Contains($"member professional:{addedId} ", together[children[0]]);
        Assert.Contains($"removed professional:{removedId} ", together[children[1]]);

        // The access facts: read for every child in one request, as a list reads them, and for each child in a request of its own.
        await using var app = new SynthApp(database);
        var listed = new Dictionary<Guid, string>();
        await using (var scope = app.SignedIn(worker))
        {
            var access = scope.ServiceProvider.GetRequiredService<ChildAccess>();
            await access.VisibleAmongAsync(children, default);
            foreach (var child in children) listed[child] = Describe((await access.FactsAsync(child))!);
        }
        var seen = 0;
        foreach (var child in children)
        {
            await using var scope = app.SignedIn(worker);
            var access = scope.ServiceProvider.GetRequiredService<ChildAccess>();
            Assert.Equal(Describe((await access.FactsAsync(child))!), listed[child]);
            if (await access.ChildAsync(child) is not null) seen++;
        }
        Assert.True(seen > 0, "the social worker sees none of the children");
    }

    private static string Describe(TeamView team) => string.Join("\n", [
        $"lead {team.LeadProfessionalId} social worker {team.LeadSocialWorkerId} version {team.Version}",
        .. team.Members.Select(m => $"member {m.Key} {m.Name} {m.AgencyName} {m.Source} lead {m.IsLead}: " +
            string.Join("; ", m.WorksWith.Select(r => $"{r.PersonId} {r.PersonName} {r.Role} {r.From}"))),
        .. team.Removed.Select(r => $"removed {r.Member.Key} by {r.Removal.Id}")]);

    private static string Describe(ChildAccessFacts facts) =>
        $"team {string.Join(",", facts.TeamProfessionalIds.Order())}; managers {string.Join(",", facts.ManagersOfTeam.Order())}; " +
        $"lead {facts.LeadProfessionalId} social worker {facts.LeadSocialWorkerId}; managers of lead {string.Join(",", facts.ManagersOfLead.Order())}; " +
        $"open contact {facts.OpenContactAtFrontDoor}; break glass {facts.BreakGlassActive}; created by {facts.CreatedByProfessionalId}";
}

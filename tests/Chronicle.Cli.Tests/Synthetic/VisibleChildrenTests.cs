extern alias web;

using Chronicle.Core.Record;
using Chronicle.Core.Security;
using Chronicle.Core.TeamAroundChild;
using Chronicle.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ChildAccess = web::Chronicle.Web.Security.ChildAccess;
using CurrentUser = web::Chronicle.Web.Security.CurrentUser;

namespace Chronicle.Cli.Tests.Synthetic;

/// <summary>
/// The children a user sees in lists are found from the user's side (their involvements, team changes, the children
/// they put on record, the front door's open contacts, break-glass grants): on a generated partnership they must be,
/// for every account and with the same basis, exactly the children that asking the policy about every child of the
/// partnership allows; and the children whose team they are in, asked alone, are those of that list seen through the team.
/// </summary>
public sealed class VisibleChildrenTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Every_accounts_visible_children_are_those_the_policy_allows_among_every_child_of_the_partnership(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var socialWorker = (await Synth.WriteAsync(database, 40)).GetProperty("users").GetProperty("socialWorker").GetString()!;

        // Facts the generator does not write: an addition to a team, a removal from one, and a break-glass grant.
        Guid partnershipId;
        List<Guid> children;
        List<UserAccount> accounts;
        await using (var db = database.Open())
        {
            partnershipId = (await db.Partnerships.SingleAsync(p => p.Code == "northshire")).Id;
            children = await db.People.Where(p => p.PartnershipId == partnershipId && p.Kind != PersonKind.Adult).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync();
            accounts = await db.UserAccounts.Where(a => a.PartnershipId == partnershipId).OrderBy(a => a.UserName).ToListAsync();
            var professionals = await db.Professionals.Where(p => p.PartnershipId == partnershipId).OrderBy(p => p.Name).ToListAsync();
            var gp = professionals.First(p => p.Role == ProfessionalRole.GeneralPractitioner);
            var worker = accounts.Single(a => a.UserName == socialWorker);
            var involved = await db.Involvements.Where(i => i.PersonId == children[1] && i.ProfessionalId != null).Select(i => i.ProfessionalId!.Value).FirstAsync();
            var removed = professionals.Single(p => p.Id == involved);
            var now = DateTimeOffset.UtcNow;
            db.TeamChanges.Add(new TeamChange
            {
                Id = Guid.NewGuid(), PartnershipId = partnershipId, ChildPersonId = children[0], ProfessionalId = gp.Id, AgencyId = gp.AgencyId,
                Change = TeamChangeType.Added, Reason = "asked to join", ByProfessionalId = gp.Id, At = now.AddDays(-1),
            });
            db.TeamChanges.Add(new TeamChange
            {
                Id = Guid.NewGuid(), PartnershipId = partnershipId, ChildPersonId = children[1], ProfessionalId = removed.Id, AgencyId = removed.AgencyId,
                Change = TeamChangeType.Removed, Reason = "no longer involved", ByProfessionalId = removed.Id, At = now.AddDays(-1),
            });
            db.BreakGlassGrants.Add(new BreakGlassGrant
            {
                Id = Guid.NewGuid(), PartnershipId = partnershipId, UserId = worker.Id, ChildPersonId = children[^1], Reason = "out of hours",
                GrantedAt = now.AddMinutes(-5), ExpiresAt = now.AddHours(1),
            });
            // A contact that waits for the front door's decision: one the generator wrote (all of them decided), again, today.
            var contact = await db.Entries.AsNoTracking().Include(e => e.Subjects)
                .Where(e => e.PartnershipId == partnershipId && e.Kind == Chronicle.Core.Chronology.EntryKinds.Contact.Code).OrderBy(e => e.Id).FirstAsync();
            var reopened = Guid.NewGuid();
            db.Entries.Add(new Chronicle.Core.Chronology.ChronologyEntry
            {
                Id = reopened, PartnershipId = partnershipId, Kind = contact.Kind, Details = contact.Details, OccurredAt = now.AddHours(-1), RecordedAt = now.AddHours(-1),
                RecordedByProfessionalId = contact.RecordedByProfessionalId, RecordedByAgencyId = contact.RecordedByAgencyId, Source = contact.Source,
                Significance = contact.Significance, SharingLevel = contact.SharingLevel,
                Subjects = [.. contact.Subjects.Select(s => new Chronicle.Core.Chronology.EntrySubject { EntryId = reopened, PersonId = s.PersonId })],
            });
            await db.SaveChangesAsync();
            // Kept open as a write through the chronology keeps it.
            await Chronicle.Core.Chronology.OpenContacts.RefreshAsync(db, [.. contact.Subjects.Select(s => s.PersonId)]);
        }

        await using var app = new SynthApp(database);
        // Every child's facts, asked child by child (the facts do not depend on who asks, but for break glass).
        var facts = new Dictionary<Guid, ChildAccessFacts>();
        await using (var scope = app.SignedIn(accounts[0]))
        {
            var access = scope.ServiceProvider.GetRequiredService<ChildAccess>();
            foreach (var child in children) facts[child] = (await access.FactsAsync(child))!;
        }
        List<BreakGlassGrant> grants;
        await using (var db = database.Open()) grants = await db.BreakGlassGrants.Where(g => g.PartnershipId == partnershipId).ToListAsync();
        List<(Guid, AccessBasis)> actualAll = [];
        var seeingSomeone = 0;
        foreach (var account in accounts)
        {
            await using var scope = app.SignedIn(account);
            var user = await scope.ServiceProvider.GetRequiredService<CurrentUser>().GetAsync();
            var access = scope.ServiceProvider.GetRequiredService<ChildAccess>();
            var actual = (await access.VisibleChildrenAsync()).Select(v => (v.ChildId, v.Basis)).Order().ToList();
            var glass = grants.Where(g => g.UserId == account.Id && g.IsActiveAt(DateTimeOffset.UtcNow)).Select(g => g.ChildPersonId).ToHashSet();
            var expected = user!.WorksWithChildren
                ? children.Select(c => (c, AccessPolicy.ToChild(user.Viewer, facts[c] with { BreakGlassActive = glass.Contains(c) })))
                    .Where(v => v.Item2 != AccessBasis.None).Order().ToList()
                : [];
            Assert.True(expected.SequenceEqual(actual), $"{account.UserName} ({account.Roles}): expected {expected.Count} children, saw {actual.Count}");
            actualAll.AddRange(actual);

            // The work tray's children, asked alone in a request of their own: those of the list seen through the team.
            await using var trayScope = app.SignedIn(account);
            var team = (await trayScope.ServiceProvider.GetRequiredService<ChildAccess>().TeamChildrenAsync()).Select(v => v.ChildId).Order().ToList();
            Assert.Equal([.. actual.Where(v => v.Basis == AccessBasis.Team).Select(v => v.ChildId)], team);
            if (actual.Count > 0) seeingSomeone++;
        }

        // The comparison covered every way in, not just empty lists.
        Assert.True(seeingSomeone > 20, $"only {seeingSomeone} accounts see any child");
        foreach (var basis in new[] { AccessBasis.Team, AccessBasis.ManagerOfTeamMember, AccessBasis.FrontDoor, AccessBasis.BreakGlass })
            Assert.True(actualAll.Any(v => v.Item2 == basis), $"nobody sees a child by {basis}; seen by {string.Join(", ", actualAll.Select(v => v.Item2).Distinct())}");
    }
}

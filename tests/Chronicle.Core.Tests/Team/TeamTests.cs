using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;
using Chronicle.Core.TeamAroundChild;
using Chronicle.Testing;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Tests.TeamAroundChild;

public sealed class TeamTests
{
    public static TheoryData<Provider> Providers => [Provider.Sqlite, Provider.Postgres];

    [Theory, MemberData(nameof(Providers))]
    public async Task The_team_is_everyone_working_with_the_child_the_adults_at_home_and_the_parents(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        await using var db = w.Database.Open();

        var team = (await w.Team(db).TeamAsync(w.PartnershipId, w.F.Id))!;

        Assert.Equal(
            new[] { w.SocialWorker.Id, w.Doctor.Id, w.HealthVisitor.Id, w.DrugWorker.Id, w.ProbationOfficer.Id }.Order(),
            team.Members.Select(m => m.ProfessionalId!.Value).Order());
        Assert.Equal(w.SocialWorker.Id, team.Lead!.ProfessionalId);
        // The father lives elsewhere, but his probation officer is in the team; C's school is C's, not F's.
        var probation = team.Members.Single(m => m.ProfessionalId == w.ProbationOfficer.Id);
        Assert.Equal(("offender manager", "Father L"), (probation.WorksWith.Single().Role, probation.WorksWith.Single().PersonName));
        Assert.DoesNotContain(team.Members, m => m.ProfessionalId == w.Teacher.Id);
        var doctor = team.Members.Single(m => m.ProfessionalId == w.Doctor.Id);
        Assert.Equal(["F", "Mother L"], doctor.WorksWith.Select(r => r.PersonName).Order());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Adding_and_removing_members_needs_a_reason_and_is_kept_with_who_and_when(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        await using var db = w.Database.Open();
        var service = w.Team(db);

        var noReason = await service.AddAsync(w.PartnershipId, new TeamChangeInput(w.F.Id, w.Teacher.Id, null, "school of F's sibling", " ", w.SocialWorker.Id));
        var error = Assert.Single(noReason.Errors);
        Assert.Equal(("reason", "Enter why Tom Teacher (St Anne's Primary) is being added to the team"), (error.Field, error.Message));

        w.Clock.Advance(TimeSpan.FromHours(1));
        var added = (await service.AddAsync(w.PartnershipId, new TeamChangeInput(w.F.Id, w.Teacher.Id, null, "school of F's sibling", "C's school sees the family daily", w.SocialWorker.Id))).Unwrap();
        w.Clock.Advance(TimeSpan.FromHours(1));
        (await service.RemoveAsync(w.PartnershipId, new TeamChangeInput(w.F.Id, w.HealthVisitor.Id, null, null, "Case transferred to the school nursing team", w.Manager.Id))).Unwrap();
        var lead = await service.RemoveAsync(w.PartnershipId, new TeamChangeInput(w.F.Id, w.SocialWorker.Id, null, null, "Leaving", w.Manager.Id));
        Assert.Contains("is the lead professional", Assert.Single(lead.Errors).Message);
        var twice = await service.AddAsync(w.PartnershipId, new TeamChangeInput(w.F.Id, w.Teacher.Id, null, "school", "Again", w.Manager.Id));
        Assert.Contains("already in the team", Assert.Single(twice.Errors).Message);

        var team = (await service.TeamAsync(w.PartnershipId, w.F.Id))!;
        Assert.Contains(team.Members, m => m.ProfessionalId == w.Teacher.Id && m.Source == MemberSource.Added);
        Assert.DoesNotContain(team.Members, m => m.ProfessionalId == w.HealthVisitor.Id);
        var removed = Assert.Single(team.Removed);
        Assert.Equal((w.HealthVisitor.Id, w.Manager.Id, "Case transferred to the school nursing team"), (removed.Member.ProfessionalId, removed.Removal.ByProfessionalId, removed.Removal.Reason));

        var history = await service.HistoryAsync(w.PartnershipId, w.F.Id);
        Assert.Equal([TeamChangeType.Added, TeamChangeType.Removed], history.Select(h => h.Change));
        Assert.Equal(TeamWorld.Uk(2, 2, 10), history[0].At);
        // Each change is in the chronology too, as a team-membership decision the safeguards can read.
        var decision = await db.Entries.AsNoTracking().SingleAsync(e => e.Id == added.EntryId);
        var details = Assert.IsType<DecisionRecorded>(DetailsReader.ReadStored(decision.Kind, decision.Details));
        Assert.Equal((DecisionTopic.TeamMembership, "C's school sees the family daily"), (details.Topic, details.Rationale));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Changes_made_in_the_same_instant_keep_the_order_they_were_made_in(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        await using var db = w.Database.Open();
        var service = w.Team(db);

        // The clock does not move: each addition and its removal share one instant, so only their place in the child's
        // changes says which came last (ids made in the same millisecond sort at random).
        for (var round = 1; round <= 8; round++)
        {
            (await service.AddAsync(w.PartnershipId, new TeamChangeInput(w.F.Id, w.Teacher.Id, null, "school of F's sibling", $"Asked to join ({round})", w.SocialWorker.Id))).Unwrap();
            (await service.RemoveAsync(w.PartnershipId, new TeamChangeInput(w.F.Id, w.Teacher.Id, null, null, $"No longer needed ({round})", w.Manager.Id))).Unwrap();

            var team = (await service.TeamAsync(w.PartnershipId, w.F.Id))!;
            Assert.DoesNotContain(team.Members, m => m.ProfessionalId == w.Teacher.Id);
        }
        var history = await service.HistoryAsync(w.PartnershipId, w.F.Id);
        Assert.Equal(Enumerable.Range(1, 8).SelectMany(r => new[] { $"Asked to join ({r})", $"No longer needed ({r})" }), history.Select(h => h.Reason));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Who_is_working_with_the_family_lists_each_person_and_their_professionals(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        await using var db = w.Database.Open();

        var family = (await w.Team(db).WhoIsWorkingWithFamilyAsync(w.PartnershipId, w.F.Id))!;

        Assert.Equal(["F", "Father L", "Mother L", "C"], family.People.Select(p => p.Name));
        var mother = family.People.Single(p => p.PersonId == w.Mother.Id);
        Assert.Equal(("Mother, lives with the child", true), (mother.Connection, mother.LivesWithChild));
        Assert.Equal(["GP", "substance misuse key worker"], mother.Workers.Select(x => x.Role).Order());
        Assert.Equal("Father, lives elsewhere", family.People.Single(p => p.PersonId == w.Father.Id).Connection);
        var c = family.People.Single(p => p.PersonId == w.C.Id);
        Assert.Contains(c.Workers, x => x.ProfessionalId == w.Teacher.Id && x.Email == "tom.teacher@example.org");
        Assert.True(family.People.Single(p => p.PersonId == w.F.Id).Workers.Single(x => x.ProfessionalId == w.SocialWorker.Id).IsLead);
        Assert.Contains("Probation Service", family.Agencies);
    }
}

using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Scenarios;
using Chronicle.Core.Time;
using Chronicle.Testing;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Tests.Safeguards;

/// <summary>
/// The clock's sweep evaluates only the children whose next check has come, and leaves the alerts exactly as evaluating
/// every child would; a change of policy, or of the record around a child, makes children due at once.
/// </summary>
public sealed class ClockSweepTests
{
    public static TheoryData<Provider> Providers => [Provider.Sqlite, Provider.Postgres];

    [Theory, MemberData(nameof(Providers))]
    public async Task Day_by_day_the_sweep_of_the_children_due_leaves_the_alerts_a_sweep_of_every_child_would(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        int passes = 0, evaluated = 0, childrenSwept = 0, changedByTime = 0;
        foreach (var scenario in (string[])["scenarios/live-carter-family.json", "scenarios/family-l.json", "scenarios/boundaries/sg27-police-protection-decision.json"])
        {
            var path = RepositoryFiles.Path(scenario);
            var (children, _) = await NextChangeTests.ReplayAsync(database, path);
            await using var read = database.Open();
            var partnershipId = await read.People.Where(p => p.Id == children[0]).Select(p => p.PartnershipId).SingleAsync();
            var last = await read.Entries.Where(e => e.PartnershipId == partnershipId).MaxAsync(e => e.RecordedAt);
            var clock = new SimulatedClock(last.AddMinutes(1));
            var engine = new SafeguardEngine(clock);

            for (var step = 0; step < 80; step++)
            {
                // Twice a day, as an hourly sweep would see both sides of a noon expiry and of each midnight.
                var now = clock.GetUtcNow();
                clock.Set(step % 2 == 0 ? WorkingDayCalendar.StartOfUkDay(WorkingDayCalendar.UkDate(now).AddDays(1)).AddMinutes(1) : now.AddHours(12));
                await using var db = database.Open();
                if (step > 0) changedByTime += await StaleAsync(db, engine, children, clock.GetUtcNow());
                var swept = await engine.SweepAsync(db, partnershipId, TestContext.Current.CancellationToken);
                passes++;
                evaluated += swept.Evaluated;
                childrenSwept += children.Count;
                var stale = await StaleAsync(db, engine, children, clock.GetUtcNow());
                Assert.True(stale == 0, $"{scenario}: after the sweep at {clock.GetUtcNow():o}, {stale} children's alerts differ from what evaluating them finds");
            }
        }
        Assert.True(changedByTime > 0, "the clock never changed what was found: the check proves nothing");
        Assert.True(evaluated * 2 < childrenSwept, $"{evaluated} evaluations over {passes} passes of {childrenSwept} children in all");
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_policy_change_makes_every_child_of_the_partnership_due_and_a_change_to_the_record_the_childrens_around_it(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (family, _) = await NextChangeTests.ReplayAsync(database, RepositoryFiles.Path("scenarios/emily.json"));
        await using var db = database.Open();
        var partnershipId = await db.People.Where(p => p.Id == family[0]).Select(p => p.PartnershipId).SingleAsync();
        // A second story's family in the same partnership, which a change to the record around the first family leaves alone.
        var second = RepositoryFiles.Path("scenarios/baby-r.json");
        await new ReplayRunner(database.Open).RunAsync((await ScenarioLoader.LoadAsync(second)).Value!, second, intoPartnership: partnershipId, sweep: false);
        var children = await db.People.Where(p => p.PartnershipId == partnershipId && p.Kind != PersonKind.Adult).Select(p => p.Id).ToListAsync();
        var last = await db.Entries.Where(e => e.PartnershipId == partnershipId).MaxAsync(e => e.RecordedAt);
        var clock = new SimulatedClock(last.AddDays(1));
        var engine = new SafeguardEngine(clock);
        var ct = TestContext.Current.CancellationToken;

        var first = await engine.SweepAsync(db, partnershipId, ct);
        var again = await engine.SweepAsync(db, partnershipId, ct);
        var manager = await db.Professionals.Where(p => p.PartnershipId == partnershipId).Select(p => p.Id).FirstAsync(ct);
        Assert.True((await new PolicyService(db, clock).ChangeAsync(partnershipId, "SG-19.warn", "3", manager, "Earlier warnings", ct)).Succeeded);
        var afterPolicy = await engine.SweepAsync(db, partnershipId, ct);
        var agency = await db.Agencies.Where(a => a.PartnershipId == partnershipId).Select(a => a.Id).FirstAsync(ct);
        var child = family.Order().First();
        Assert.True((await new RecordService(db, clock).AddInvolvementAsync(partnershipId,
            new InvolvementInput(child, agency, "School nurse", WorkingDayCalendar.UkDate(clock.GetUtcNow())), ct)).Succeeded);
        var aroundChild = await Family.ChildrenConcernedAsync(db, [child], ct);
        var afterRecord = await engine.SweepAsync(db, partnershipId, ct);

        Assert.Equal(children.Count, first.Evaluated);
        Assert.Equal(0, again.Evaluated);
        Assert.Equal(children.Count, afterPolicy.Evaluated);
        Assert.Equal(aroundChild.Count, afterRecord.Evaluated);
        Assert.True(aroundChild.Count < children.Count);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_child_with_no_next_check_is_due_and_one_whose_check_is_ahead_is_not(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (children, _) = await NextChangeTests.ReplayAsync(database, RepositoryFiles.Path("scenarios/baby-r.json"));
        await using var db = database.Open();
        var partnershipId = await db.People.Where(p => p.Id == children[0]).Select(p => p.PartnershipId).SingleAsync();
        var now = await db.Entries.Where(e => e.PartnershipId == partnershipId).MaxAsync(e => e.RecordedAt);
        var ct = TestContext.Current.CancellationToken;
        await db.NextChecks.Where(c => c.PartnershipId == partnershipId).ExecuteDeleteAsync(ct);
        var child = children[0];
        db.NextChecks.Add(new NextCheck { ChildId = child, PartnershipId = partnershipId, NextAt = now.AddHours(1) });
        await db.SaveChangesAsync(ct);

        var dueNow = await SafeguardEngine.DueAsync(db, partnershipId, now, null, 1000, ct);
        var dueLater = await SafeguardEngine.DueAsync(db, partnershipId, now.AddHours(1), null, 1000, ct);
        var firstOnly = await SafeguardEngine.DueAsync(db, partnershipId, now.AddHours(1), null, 1, ct);
        var afterFirst = await SafeguardEngine.DueAsync(db, partnershipId, now.AddHours(1), firstOnly[0], 1000, ct);

        Assert.Equal(children.Where(c => c != child).Order(), dueNow.Order());
        Assert.Equal(children.Order(), dueLater.Order());
        Assert.Equal(children.Count - 1, afterFirst.Count);
        Assert.DoesNotContain(firstOnly[0], afterFirst);
    }

    /// <summary>How many of the children have alerts a full evaluation now would change: a cause found and not raised, or an open alert whose cause has gone.</summary>
    private static async Task<int> StaleAsync(ChronicleDb db, SafeguardEngine engine, List<Guid> children, DateTimeOffset now)
    {
        var stale = 0;
        foreach (var child in children)
        {
            if (await CaseFileLoader.LoadAsync(db, child, now) is not { } file) continue;
            var policy = await SafeguardEngine.PolicyAsync(db, file.Child.PartnershipId);
            var found = engine.Find(file, new SafeguardContext(now, engine.Calendar, policy));
            var alerts = await db.Alerts.AsNoTracking().Where(a => a.SubjectPersonId == child).ToListAsync();
            var known = alerts.Select(a => (a.SafeguardId, a.CauseKey)).ToHashSet();
            var open = alerts.Where(a => a.IsOpen).Select(a => (a.SafeguardId, a.CauseKey));
            if (!found.Keys.All(known.Contains) || !open.All(found.ContainsKey)) stale++;
        }
        return stale;
    }
}

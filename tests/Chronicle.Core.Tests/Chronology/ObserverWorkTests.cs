using System.Collections.Concurrent;
using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Persistence;
using Chronicle.Core.Safeguards;
using Chronicle.Core.TeamAroundChild;
using Chronicle.Core.Tests.TeamAroundChild;
using Chronicle.Testing;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Tests.Chronology;

/// <summary>
/// The work a write leaves for its observers: the safeguards evaluate each child a write concerns once, after the
/// entry's share is recorded, and a crash between the entry and its share ends, once the sweep has finished the work,
/// with the alerts and shares an unbroken write has.
/// </summary>
public sealed class ObserverWorkTests
{
    public static TheoryData<Provider> Providers => [Provider.Sqlite, Provider.Postgres];

    /// <summary>A safeguard that finds nothing and notes each case file it is asked about: how often each child was evaluated.</summary>
    private sealed class Evaluations : ISafeguard
    {
        public ConcurrentDictionary<Guid, int> OfChild { get; } = new();
        public string Id => "SG-00";
        public int Version => 1;
        public string Title => "Counts evaluations";
        public Severity Severity => Severity.Prompt;
        public IReadOnlyList<Lesson> Lessons => [];
        public IReadOnlyList<SettingDefinition> Settings => [];

        public IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context)
        {
            OfChild.AddOrUpdate(file.Child.Id, 1, (_, n) => n + 1);
            return [];
        }

        public DateTimeOffset? NextChange(CaseFile file, SafeguardContext context) => null;
    }

    private static PoliceIncident Incident => new() { Type = IncidentType.DomesticAbuse, Description = "Father at the home, shouting; children present", ChildrenPresent = true };

    private static async Task<(TeamWorld World, Evaluations Evaluations)> WorldAsync(Provider provider)
    {
        var evaluations = new Evaluations();
        return (await TeamWorld.CreateAsync(provider, [.. SafeguardCatalogue.All, evaluations]), evaluations);
    }

    private static EntryInput IncidentInput(TeamWorld w) =>
        Recording.Input(Incident, w.Officer.Id, [w.Mother.Id, w.F.Id], w.Clock.GetUtcNow(), null, Significance.Significant, SharingLevel.Team);

    /// <summary>What a write left on record: its alerts (safeguard, child, status, words) and its entries by kind.</summary>
    private static async Task<(List<string> Alerts, List<string> Entries)> OutcomeAsync(TeamWorld w)
    {
        await using var db = w.Database.Open();
        var names = await db.People.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.DisplayName);
        var alerts = await db.Alerts.AsNoTracking().ToListAsync();
        var entries = await db.Entries.AsNoTracking().Select(e => e.Kind).ToListAsync();
        return ([.. alerts.Select(a => $"{a.SafeguardId} {names[a.SubjectPersonId]} {a.Status} {a.Summary}").Order(StringComparer.Ordinal)],
            [.. entries.Order(StringComparer.Ordinal)]);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task One_write_evaluates_each_child_it_concerns_once_after_its_share_is_recorded(Provider provider)
    {
        var (w, evaluations) = await WorldAsync(provider);
        await using var _ = w;
        var incident = await w.RecordAsync(w.Officer, Incident, Significance.Significant, SharingLevel.Team, w.Mother, w.F);

        await using var db = w.Database.Open();
        var share = await db.Entries.AsNoTracking().SingleAsync(e => e.Kind == EntryKinds.InformationShared.Code);
        Assert.Equal(incident.Id, ((InformationShared)DetailsReader.ReadStored(share.Kind, share.Details)).AboutEntryId);
        // The entry concerns the mother's children, F and C: each is evaluated once, not once for the entry and again for its share.
        Assert.Equal(new[] { w.F.Id, w.C.Id }.Order(), evaluations.OfChild.Keys.Order());
        Assert.All(evaluations.OfChild.Values, n => Assert.Equal(1, n));
        // Every observer's work for both entries is done.
        Assert.Equal(6, await db.Set<ObserverWorkItem>().CountAsync(i => i.DoneAt != null));
        Assert.Equal(0, await db.Set<ObserverWorkItem>().CountAsync(i => i.DoneAt == null));
        // The one evaluation saw the share: evaluating again now finds nothing new and resolves nothing.
        Assert.Equal(0, await w.Engine.EvaluateChildAsync(db, w.F.Id));
        Assert.Equal(0, await db.AlertEvents.CountAsync(e => e.Type == AlertEventType.Resolved));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_crash_between_an_entry_and_its_share_ends_with_the_alerts_and_shares_of_an_unbroken_write(Provider provider)
    {
        var (unbroken, _) = await WorldAsync(provider);
        await using var a = unbroken;
        await using (var db = unbroken.Database.Open())
            (await unbroken.Chronology(db).RecordAsync(unbroken.PartnershipId, IncidentInput(unbroken))).Unwrap();

        var (crashed, evaluations) = await WorldAsync(provider);
        await using var b = crashed;
        await using (var db = crashed.Database.Open())
        {
            // The entry and its observers' work commit; the process stops before any of that work runs.
            await using var tx = await db.Database.BeginTransactionAsync();
            (await crashed.Chronology(db).RecordAsync(crashed.PartnershipId, IncidentInput(crashed))).Unwrap();
            await tx.CommitAsync();
        }
        await using (var db = crashed.Database.Open())
        {
            Assert.Equal(0, await db.Entries.CountAsync(e => e.Kind == EntryKinds.InformationShared.Code));
            Assert.Equal(3, await db.Set<ObserverWorkItem>().CountAsync(i => i.DoneAt == null));
        }
        await using (var db = crashed.Database.Open())
        {
            Assert.Equal(3, (await ObserverWork.SweepAsync(db, [crashed.Sharing, crashed.Tracker, crashed.Engine], crashed.Clock, TimeSpan.Zero, 100, CancellationToken.None)).Done);
            Assert.Equal(0, await db.Set<ObserverWorkItem>().CountAsync(i => i.DoneAt == null));
        }

        var expected = await OutcomeAsync(unbroken);
        var recovered = await OutcomeAsync(crashed);
        Assert.Contains(EntryKinds.InformationShared.Code, recovered.Entries);
        Assert.NotEmpty(expected.Alerts);
        Assert.Equal(expected.Entries, recovered.Entries);
        Assert.Equal(expected.Alerts, recovered.Alerts);
        // The sweep, too, evaluated each child once, with the share it had just recorded.
        Assert.All(evaluations.OfChild.Values, n => Assert.Equal(1, n));
    }
}

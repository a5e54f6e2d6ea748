using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Scenarios;
using Chronicle.Core.Synthetic;
using Chronicle.Core.Time;
using Chronicle.Testing;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Tests.Safeguards;

/// <summary>
/// The property the clock's sweep rests on: from an evaluation up to (just before) the next change the safeguards name,
/// what the engine finds (the alerts it would raise) stays the same, so a child need not be evaluated in between. Checked
/// over every scenario at moments through its story, and over a generated partnership at and after its moment.
/// </summary>
public sealed class NextChangeTests
{
    private static readonly SafeguardEngine Engine = new(TimeProvider.System);

    /// <summary>A fixed "today" for the stories told in dates relative to today.</summary>
    private static readonly DateOnly Today = new(2026, 3, 4);

    [Fact]
    public async Task Over_every_scenario_what_the_engine_finds_holds_until_the_next_change()
    {
        var violations = new List<string>();
        var checkedMoments = 0;
        foreach (var path in ScenarioPaths())
        {
            await using var database = await TestDatabase.CreateAsync(Provider.Sqlite);
            var (children, moments) = await ReplayAsync(database, path);
            await using var db = database.Open();
            foreach (var child in children)
                foreach (var t in moments)
                {
                    if (await KnownAtAsync(db, child, t) is not { } file) continue;
                    checkedMoments++;
                    violations.AddRange(Violations(Engine, file, t, PolicySettings.Defaults, $"{Path.GetFileName(path)}, {file.Child.DisplayName}"));
                }
        }
        Assert.True(checkedMoments > 200, $"only {checkedMoments} moments checked");
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations.Take(20)));
    }

    [Fact]
    public void Over_a_generated_partnership_what_the_engine_finds_holds_until_the_next_change()
    {
        var partnership = SyntheticPartnership.Generate(new SyntheticOptions { Children = 150, Seed = 7 });
        var violations = new List<string>();
        foreach (var file in partnership.CaseFiles)
            foreach (var t in AfterTheRecord(partnership.Options.Now))
                violations.AddRange(Violations(Engine, file, t, PolicySettings.Defaults, file.Child.DisplayName));
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations.Take(20)));
    }

    [Fact]
    public void A_next_change_that_comes_too_late_is_caught()
    {
        // The same catalogue, each safeguard claiming time never changes what it finds: the check must notice.
        var never = new SafeguardEngine([.. SafeguardCatalogue.All.Select(s => (ISafeguard)new NeverChanges(s))], WorkingDayCalendar.EnglandAndWales, TimeProvider.System);
        var partnership = SyntheticPartnership.Generate(new SyntheticOptions { Children = 150, Seed = 7 });
        var caught = partnership.CaseFiles.Count(file => Violations(never, file, partnership.Options.Now, PolicySettings.Defaults, file.Child.DisplayName).Any());
        Assert.True(caught > 0);
    }

    [Fact]
    public void Most_children_of_a_generated_partnership_are_not_due_again_today()
    {
        var partnership = SyntheticPartnership.Generate(new SyntheticOptions { Children = 300, Seed = 11 });
        var now = partnership.Options.Now;
        var endOfToday = WorkingDayCalendar.EndOfUkDay(WorkingDayCalendar.UkDate(now));
        var context = new SafeguardContext(now, Engine.Calendar, PolicySettings.Defaults);
        var nexts = partnership.CaseFiles.Select(f => Engine.NextChange(f, context)).ToList();
        Assert.All(nexts, n => Assert.True(n is null || n > now));
        var dueToday = nexts.Count(n => n is { } at && at <= endOfToday);
        Assert.True(dueToday * 2 < nexts.Count, $"{dueToday} of {nexts.Count} children are due again today");
    }

    /// <summary>The alerts the engine finds at each moment from <paramref name="t"/> up to its next change, where they differ from those at t.</summary>
    public static IEnumerable<string> Violations(SafeguardEngine engine, CaseFile file, DateTimeOffset t, PolicySettings policy, string label)
    {
        var context = new SafeguardContext(t, engine.Calendar, policy);
        var at = Keys(engine.Find(file, context));
        var next = engine.NextChange(file, context);
        if (next is { } n && n <= t)
        {
            yield return $"{label} at {t:o}: the next change {n:o} is not after the moment";
            yield break;
        }
        foreach (var m in Moments(file, t, next))
        {
            var then = Keys(engine.Find(file, context with { Now = m }));
            if (then.SetEquals(at)) continue;
            yield return $"{label} at {t:o}: what is found changes by {m:o}, before the next change {(next is { } x ? x.ToString("o") : "(never)")}: " +
                         $"+[{string.Join(", ", then.Except(at))}] -[{string.Join(", ", at.Except(then))}]";
            yield break;
        }
    }

    /// <summary>
    /// Moments after t and before the next change: just after t, just after the end of each UK day and at noon for 45
    /// days, around each entry's time and 24, 48 and 72 hours after it, just before the next change, and (with none)
    /// 100 and 400 days on.
    /// </summary>
    private static IEnumerable<DateTimeOffset> Moments(CaseFile file, DateTimeOffset t, DateTimeOffset? next)
    {
        var end = next ?? DateTimeOffset.MaxValue;
        var horizon = t.AddDays(45) < end ? t.AddDays(45) : end;
        var moments = new SortedSet<DateTimeOffset> { t.AddTicks(1), t.AddSeconds(1) };
        for (var day = WorkingDayCalendar.UkDate(t); day <= WorkingDayCalendar.UkDate(horizon); day = day.AddDays(1))
        {
            moments.Add(WorkingDayCalendar.EndOfUkDay(day).AddTicks(1));
            moments.Add(WorkingDayCalendar.StartOfUkDay(day).AddHours(12));
        }
        foreach (var entry in file.Entries)
            foreach (var hours in (int[])[0, 24, 48, 72])
            {
                var at = entry.When.AddHours(hours);
                moments.Add(at);
                moments.Add(at.AddTicks(1));
            }
        if (next is { } n) moments.Add(n.AddTicks(-1));
        else
        {
            moments.Add(t.AddDays(100));
            moments.Add(t.AddDays(400));
        }
        return moments.Where(m => m > t && m < end && (m <= horizon || m == end.AddTicks(-1) || next is null));
    }

    private static HashSet<(string, string)> Keys(IReadOnlyDictionary<(string SafeguardId, string CauseKey), (ISafeguard Safeguard, Finding Finding)> found) =>
        [.. found.Keys];

    private static IEnumerable<DateTimeOffset> AfterTheRecord(DateTimeOffset now) => [now, now.AddDays(3).AddHours(5), now.AddDays(40)];

    private static IEnumerable<string> ScenarioPaths() =>
        Directory.GetFiles(RepositoryFiles.Path("scenarios"), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    /// <summary>Plays a scenario with no sweep; its children, and moments through its story: after steps, and after its end.</summary>
    public static async Task<(List<Guid> Children, List<DateTimeOffset> Moments)> ReplayAsync(TestDatabase database, string path)
    {
        var scenario = (await ScenarioLoader.LoadAsync(path, Today)).Value!;
        var played = WorkingDayCalendar.StartOfUkDay(Today).AddHours(20);
        var result = await new ReplayRunner(database.Open).RunAsync(scenario, path, sweep: false, playedAt: played);
        await using var db = database.Open();
        var children = await db.People.AsNoTracking().Where(p => p.PartnershipId == result.PartnershipId && p.Kind != PersonKind.Adult).Select(p => p.Id).ToListAsync();
        var recorded = (await db.Entries.AsNoTracking().Where(e => e.PartnershipId == result.PartnershipId).Select(e => e.RecordedAt).ToListAsync())
            .Distinct().Order().ToList();
        // A few moments through the story (each a little after a step, before the next), and after its end.
        var moments = recorded.Where((_, i) => i % Math.Max(1, recorded.Count / 6) == 0).Select(r => r.AddHours(2)).ToList();
        if (recorded.Count > 0) moments.Add(recorded[^1].AddDays(1));
        return (children, moments);
    }

    /// <summary>A child's case file with only what had been recorded by <paramref name="t"/>: nothing new recorded since.</summary>
    public static async Task<CaseFile?> KnownAtAsync(ChronicleDb db, Guid child, DateTimeOffset t)
    {
        if (await CaseFileLoader.LoadAsync(db, child, t) is not { } file) return null;
        return new CaseFile
        {
            Child = file.Child,
            People = file.People,
            Relationships = [.. file.Relationships.Where(r => r.RecordedAt <= t)],
            Households = [.. file.Households.Where(m => m.RecordedAt <= t)],
            Involvements = [.. file.Involvements.Where(i => i.RecordedAt <= t)],
            Addresses = file.Addresses,
            Professionals = file.Professionals,
            Agencies = file.Agencies,
            Entries = file.Entries,
            CorrectedBy = file.CorrectedBy,
        };
    }

    /// <summary>A safeguard that finds what another finds but claims time never changes it.</summary>
    private sealed class NeverChanges(ISafeguard inner) : ISafeguard
    {
        public string Id => inner.Id;
        public int Version => inner.Version;
        public string Title => inner.Title;
        public Severity Severity => inner.Severity;
        public IReadOnlyList<Lesson> Lessons => inner.Lessons;
        public IReadOnlyList<SettingDefinition> Settings => inner.Settings;
        public IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context) => inner.Evaluate(file, context);
        public DateTimeOffset? NextChange(CaseFile file, SafeguardContext context) => null;
    }
}

using Chronicle.Core.Scenarios;
using Chronicle.Core.Time;
using Chronicle.Testing;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Tests.Scenarios;

/// <summary>
/// The demo's stories leave no child waiting for allocation at the front door: a story told in dates is closed as
/// history at its end, and the live story allocates a social worker after its decision, as the demo loads them.
/// </summary>
public sealed class DemoAllocationTests
{
    public static TheoryData<string> DemoFiles() =>
        [.. Directory.GetFiles(RepositoryFiles.Path("scenarios"), "*.json").Order(StringComparer.Ordinal).Select(f => Path.GetFileName(f))];

    [Theory, MemberData(nameof(DemoFiles))]
    public async Task No_child_of_a_demo_story_is_left_waiting_for_allocation(string file)
    {
        await using var database = await TestDatabase.CreateAsync(Provider.Sqlite);
        var path = RepositoryFiles.Path(Path.Combine("scenarios", file));
        var today = WorkingDayCalendar.UkDate(TimeProvider.System.GetUtcNow());
        var scenario = (await ScenarioLoader.LoadAsync(path, today, TestContext.Current.CancellationToken)).Value!;
        await new ReplayRunner(database.Open).RunAsync(scenario, path, sweep: false, playedAt: WorkingDayCalendar.StartOfUkDay(today).AddHours(8),
            closeAtEnd: scenario.IsLive ? null : "Closed as history", safeguards: false, ct: TestContext.Current.CancellationToken);

        await using var db = database.Open();
        Assert.Empty(await db.OpenContacts.AsNoTracking().Where(o => o.DecidedAt != null).Select(o => o.PersonId).ToListAsync(TestContext.Current.CancellationToken));
    }
}

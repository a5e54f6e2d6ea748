using Chronicle.Testing;
using Chronicle.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Tests.Hosting;

public sealed class DemoPartnershipTests
{
    [Fact]
    public async Task The_demo_partnership_loads_the_scenarios_and_skips_a_faulty_one_by_file_name()
    {
        await using var app = await ChronicleApp.StartAsync(Provider.Sqlite, ["broken.json", "family-a.json", "unreadable.json"]);

        await using var db = app.OpenDb();
        var partnership = await db.Partnerships.SingleAsync();
        Assert.Equal((DemoPartnership.Name, DemoPartnership.Code), (partnership.Name, partnership.Code));
        Assert.Equal(["Child A", "Father of Child A", "Mother of Child A"], await db.People.OrderBy(p => p.KnownAs).Select(p => p.KnownAs!).ToListAsync());
        Assert.DoesNotContain(await db.Agencies.Select(a => a.Name).ToListAsync(), n => n.StartsWith("Broken", StringComparison.Ordinal));
        Assert.Contains(app.Logs.Lines, l => l.StartsWith("Warning: Scenario broken.json was skipped", StringComparison.Ordinal));
        Assert.Contains(app.Logs.Lines, l => l.StartsWith("Warning: Scenario unreadable.json was skipped", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_database_that_already_has_a_partnership_is_left_as_it_is()
    {
        await using var app = await ChronicleApp.StartAsync(Provider.Sqlite, ["family-a.json"]);
        var loader = app.Services.GetService(typeof(DemoPartnership)) as DemoPartnership;

        await loader!.LoadIfEmptyAsync();

        await using var db = app.OpenDb();
        Assert.Equal(1, await db.Partnerships.CountAsync());
        Assert.Equal(1, await db.People.CountAsync(p => p.KnownAs == "Child A"));
    }
}

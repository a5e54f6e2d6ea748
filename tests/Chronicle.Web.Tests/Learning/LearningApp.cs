using Chronicle.Core.Learning;
using Chronicle.Testing;
using Chronicle.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Tests.Learning;

/// <summary>
/// The web app whose demo partnership replays Child BF's story (scenarios/child-bf.json) and holds the five seed
/// reviews, with sessions for the business unit officer, the scrutineer and a practitioner.
/// </summary>
public sealed class LearningApp : IAsyncLifetime
{
    public ChronicleApp App { get; private set; } = null!;
    public HttpClient BusinessUnit { get; private set; } = null!;
    public HttpClient Practitioner { get; private set; } = null!;
    public Guid ChildBf { get; private set; }
    public Guid BabyR { get; private set; }

    public async ValueTask InitializeAsync()
    {
        App = await ChronicleApp.StartAsync(Provider.Sqlite, ["scenarios/child-bf.json"]);
        BusinessUnit = await App.SignInAsync(await App.UserNameOfAsync(DemoAccounts.BusinessUnitOfficer));
        await using var db = App.OpenDb();
        var worker = await db.UserAccounts.Where(a => a.Roles == "Practitioner").OrderBy(a => a.CreatedAt).Select(a => a.UserName).FirstAsync();
        Practitioner = await App.SignInAsync(worker);
        ChildBf = await ReviewIdAsync("004_74f6bd7529b317a6.txt");
        BabyR = await ReviewIdAsync("000_9d0370fb483dd210.txt");
    }

    public async Task<Guid> ReviewIdAsync(string seedFile)
    {
        await using var db = App.OpenDb();
        return await db.Reviews.Where(r => r.SourceDocument == seedFile && r.Status != ReviewStatus.Draft).Select(r => r.Id).SingleAsync();
    }

    public async ValueTask DisposeAsync()
    {
        BusinessUnit.Dispose();
        Practitioner.Dispose();
        await App.DisposeAsync();
    }
}

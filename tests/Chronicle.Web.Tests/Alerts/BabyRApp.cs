using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using Chronicle.Core.Safeguards;
using Chronicle.Testing;
using Chronicle.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Tests.Alerts;

/// <summary>
/// The web app with Baby R's story (scenarios/baby-r.json) replayed into the demo partnership, as the Run command
/// loads it, with the demo accounts and a GP at a practice that has nothing to do with the family.
/// </summary>
public sealed class BabyRApp : IAsyncLifetime
{
    public const string SocialWorker = "Social worker (Baby R)";
    public const string TeamManager = "Team manager (Baby R)";

    public ChronicleApp App { get; private set; } = null!;
    public Guid BabyR { get; private set; }
    public string OutsideGp { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        App = await ChronicleApp.StartAsync(Provider.Sqlite, ["scenarios/baby-r.json"]);
        var admin = await App.SignInAsync(await App.UserNameOfAsync(DemoAccounts.Administrator));
        var practice = await App.CreateAsync(admin, "/api/agencies", new { name = "Riverside Medical Practice", kind = "general-practice", area = "Bristol" });
        var gp = await App.CreateAsync(admin, "/api/professionals", new { name = "GP (Riverside Medical Practice)", agencyId = practice, role = "general-practitioner" });
        OutsideGp = await App.AddAccountAsync(gp);
        await using var db = App.OpenDb();
        BabyR = await db.People.Where(p => p.KnownAs == "Baby R").Select(p => p.Id).SingleAsync();
    }

    public async Task<HttpClient> SignInAsync(string professional) => await App.SignInAsync(await App.UserNameOfAsync(professional));

    public async Task<Guid> ProfessionalAsync(string name)
    {
        await using var db = App.OpenDb();
        return await db.Professionals.Where(p => p.Name == name).Select(p => p.Id).SingleAsync();
    }

    /// <summary>Baby R's open alerts of one safeguard, oldest first.</summary>
    public async Task<List<Alert>> OpenAlertsAsync(string safeguardId)
    {
        await using var db = App.OpenDb();
        return [.. (await db.Alerts.AsNoTracking().Where(a => a.SubjectPersonId == BabyR && a.SafeguardId == safeguardId && a.Status == AlertStatus.Open).ToListAsync())
            .OrderBy(a => a.RaisedAt)];
    }

    public async Task<Alert> AlertAsync(Guid id)
    {
        await using var db = App.OpenDb();
        return await db.Alerts.AsNoTracking().SingleAsync(a => a.Id == id);
    }

    public async Task<List<AlertEvent>> EventsAsync(Guid alertId)
    {
        await using var db = App.OpenDb();
        return [.. (await db.AlertEvents.AsNoTracking().Where(e => e.AlertId == alertId).ToListAsync()).OrderBy(e => e.At)];
    }

    public static async Task<IDocument> OpenAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}");
        return await ParseAsync(response);
    }

    public static async Task<IDocument> ParseAsync(HttpResponseMessage response)
    {
        var document = await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(response.Content.ReadAsStream()));
        RazorLeak.AssertNone(response.RequestMessage?.RequestUri?.ToString() ?? "a page", document.Body?.TextContent ?? "");
        return document;
    }

    /// <summary>The value of a summary list row, by its key ("" when there is no such row), with white space collapsed.</summary>
    public static string Row(IElement card, string key) =>
        card.QuerySelectorAll(".govuk-summary-list__row").FirstOrDefault(r => r.QuerySelector(".govuk-summary-list__key")!.TextContent.Trim() == key)
            ?.QuerySelector(".govuk-summary-list__value")!.TextContent.Trim() is { } value
            ? System.Text.RegularExpressions.Regex.Replace(value, @"\s+", " ")
            : "";

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class BabyRCollection : ICollectionFixture<BabyRApp>
{
    public const string Name = "Baby R";
}

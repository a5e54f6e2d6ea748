using System.Net.Http.Json;
using System.Text.Json;
using Chronicle.Testing;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Tests.Api;

/// <summary>
/// The web app over Family T (Scenarios/team-family.json): Child T and her mother, the lead social worker and her
/// team manager, a health visitor, a GP, a conference chair and a police force not yet in the team; with a signed-in
/// session for each professional.
/// </summary>
public sealed class TeamApp : IAsyncDisposable
{
    public const string SocialWorker = "Social worker (Family T)";
    public const string TeamManager = "Team manager (Family T)";
    public const string Chair = "Conference chair (Testshire)";
    public const string HealthVisitor = "Health visitor (Family T)";
    public const string Gp = "GP (Family T)";
    public const string PoliceOfficer = "Police officer (Testshire)";

    private readonly Dictionary<string, HttpClient> _clients = [];

    private TeamApp(ChronicleApp app) => App = app;

    public ChronicleApp App { get; }
    public Guid Child { get; private set; }
    public Guid Mother { get; private set; }
    public Guid PoliceAgency { get; private set; }
    public IReadOnlyDictionary<string, Guid> Professionals { get; private set; } = new Dictionary<string, Guid>();

    public static async Task<TeamApp> StartAsync(Provider provider, bool kestrel = false, Dictionary<string, string?>? settings = null)
    {
        var team = new TeamApp(await ChronicleApp.StartAsync(provider, ["team-family.json"], kestrel, settings));
        await using var db = team.App.OpenDb();
        team.Child = await db.People.Where(p => p.KnownAs == "Child T").Select(p => p.Id).SingleAsync();
        team.Mother = await db.People.Where(p => p.KnownAs == "Mother of Child T").Select(p => p.Id).SingleAsync();
        team.PoliceAgency = await db.Agencies.Where(a => a.Name == "Testshire Police").Select(a => a.Id).SingleAsync();
        team.Professionals = await db.Professionals.ToDictionaryAsync(p => p.Name, p => p.Id);
        return team;
    }

    public Guid Id(string professional) => Professionals[professional];

    /// <summary>A session signed in as the professional of this name (kept for the app's life).</summary>
    public async Task<HttpClient> AsAsync(string professional)
    {
        if (_clients.TryGetValue(professional, out var client)) return client;
        return _clients[professional] = await App.SignInAsync(await App.UserNameOfAsync(professional));
    }

    public static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body) => client.PostAsJsonAsync(path, body, ChronicleApp.Json);

    /// <summary>A significant observation about the child, recorded by whoever the client is.</summary>
    public async Task<Guid> RecordSignificantAsync(HttpClient client, string text = "Bruising seen on the baby's arm; mother could not explain it") =>
        await App.CreateAsync(client, "/api/entries", new
        {
            kind = "observation",
            details = new { topic = "other", text },
            occurredAt = "2015-02-10T10:30:00Z",
            occurredPrecision = "exact",
            subjects = new[] { Child },
            source = "seen-by-recorder",
            significance = "significant",
        });

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients.Values) client.Dispose();
        await App.DisposeAsync();
    }
}

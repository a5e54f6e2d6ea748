using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chronicle.Core.Record;
using Chronicle.Testing;
using Chronicle.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Tests.Security.Attacks;

/// <summary>Who attacks, each with an ordinary account of the demo partnership (docs/security.md, "Threat model").</summary>
public enum Attacker
{
    /// <summary>The GP of Baby R's family: a practitioner of another family, who sees Baby R and her sibling.</summary>
    OtherFamilyGp,
    /// <summary>The primary school's designated safeguarding lead: in the team of three of Emily's siblings, not of the others or of Emily.</summary>
    PartialTeam,
    /// <summary>A GP at another practice, who works with nobody: break glass is their only way in.</summary>
    BreakGlass,
    /// <summary>Bradford's front door: sees a child only while a contact about them waits for a decision.</summary>
    FrontDoor,
    /// <summary>The front door's team manager: a manager, but of another team than Emily's social worker's.</summary>
    OtherTeamManager,
}

/// <summary>
/// The web app with two families of the demo partnership (Emily's, scenarios/emily.json; Baby R's,
/// scenarios/baby-r.json) and the attackers' accounts, for the adversarial tests. Each test that changes the record
/// leaves the attackers as it found them (what it creates is its own).
/// </summary>
public sealed class AttackApp : IAsyncLifetime
{
    public ChronicleApp App { get; private set; } = null!;
    public Guid Emily { get; private set; }
    public Guid EmilysMother { get; private set; }
    public Guid EmilysHousehold { get; private set; }
    /// <summary>Emily's birth entry: an entry only her team may see.</summary>
    public Guid EmilysEntry { get; private set; }
    /// <summary>An entry about Baby R's sibling that Baby R's GP may see.</summary>
    public Guid BabyRsEntry { get; private set; }
    /// <summary>Sibling 1 (eldest) and Sibling 4: the primary school sees Sibling 4 (with 3 and 5), not Sibling 1.</summary>
    public Guid Sibling1 { get; private set; }
    public Guid Sibling4 { get; private set; }
    public Guid BabyR { get; private set; }
    public Guid BabyRsSibling { get; private set; }
    public Guid BabyRsMother { get; private set; }
    public Guid BabyRsHousehold { get; private set; }
    /// <summary>Emily's lead: her social worker.</summary>
    public Guid EmilysSocialWorker { get; private set; }
    public Guid EmilysTeamManager { get; private set; }
    public Guid EmilysGp { get; private set; }
    public Guid OtherFamilyGp { get; private set; }
    public Guid OutsideGp { get; private set; }
    public Guid OutsidePracticeAgency { get; private set; }
    public Guid FrontDoorWorker { get; private set; }
    public Guid FrontDoorManager { get; private set; }
    public Guid PrimaryDsl { get; private set; }

    public IReadOnlyDictionary<Attacker, string> UserNames { get; private set; } = new Dictionary<Attacker, string>();
    public string EmilysLeadUser { get; private set; } = "";
    public string EmilysGpUser { get; private set; } = "";
    public string EmilysManagerUser { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        App = await ChronicleApp.StartAsync(Provider.Sqlite, ["scenarios/emily.json", "scenarios/baby-r.json"]);
        var admin = await App.SignInAsync(await App.UserNameOfAsync(DemoAccounts.Administrator));
        OutsidePracticeAgency = await App.CreateAsync(admin, "/api/agencies", new { name = "Riverside Medical Practice", kind = "general-practice", area = "Bradford" });
        OutsideGp = await App.CreateAsync(admin, "/api/professionals", new { name = "GP (Riverside Medical Practice)", agencyId = OutsidePracticeAgency, role = "general-practitioner" });

        await using var db = App.OpenDb();
        async Task<Guid> Person(string knownAs) => await db.People.Where(p => p.KnownAs == knownAs).Select(p => p.Id).SingleAsync();
        async Task<Guid> Professional(string name) => await db.Professionals.Where(p => p.Name == name).Select(p => p.Id).SingleAsync();
        Emily = await Person("Emily");
        EmilysMother = await Person("Mother of Emily");
        Sibling1 = await Person("Sibling 1 (eldest)");
        Sibling4 = await Person("Sibling 4");
        BabyR = await Person("Baby R");
        BabyRsSibling = await Person("Sibling of Baby R");
        BabyRsMother = await Person("Mother of Baby R");
        EmilysHousehold = await db.HouseholdMemberships.Where(m => m.PersonId == Emily).Select(m => m.HouseholdId).FirstAsync();
        BabyRsHousehold = await db.HouseholdMemberships.Where(m => m.PersonId == BabyRsMother).Select(m => m.HouseholdId).FirstAsync();
        EmilysEntry = await db.Entries.Where(e => e.Kind == "birth" && e.Subjects.Any(s => s.PersonId == Emily)).Select(e => e.Id).SingleAsync();
        BabyRsEntry = await db.Entries.Where(e => e.SharingLevel == Core.Chronology.SharingLevel.Team && e.Subjects.Any(s => s.PersonId == BabyRsSibling)).OrderBy(e => e.RecordedAt).Select(e => e.Id).FirstAsync();
        EmilysSocialWorker = await Professional("Social worker (Emily's family)");
        EmilysTeamManager = await Professional("Team manager (Emily's family)");
        EmilysGp = await Professional("GP (Emily's family)");
        OtherFamilyGp = await Professional("GP (Baby R's family)");
        FrontDoorWorker = await Professional("Front door social worker (Bradford)");
        FrontDoorManager = await Professional("Front door team manager (Bradford)");
        PrimaryDsl = await Professional("Designated safeguarding lead (primary school)");

        UserNames = new Dictionary<Attacker, string>
        {
            [Attacker.OtherFamilyGp] = await App.UserNameOfAsync("GP (Baby R's family)"),
            [Attacker.PartialTeam] = await App.UserNameOfAsync("Designated safeguarding lead (primary school)"),
            [Attacker.BreakGlass] = await App.AddAccountAsync(OutsideGp),
            [Attacker.FrontDoor] = await App.UserNameOfAsync("Front door social worker (Bradford)"),
            [Attacker.OtherTeamManager] = await App.UserNameOfAsync("Front door team manager (Bradford)"),
        };
        EmilysLeadUser = await App.UserNameOfAsync("Social worker (Emily's family)");
        EmilysGpUser = await App.UserNameOfAsync("GP (Emily's family)");
        EmilysManagerUser = await App.UserNameOfAsync("Team manager (Emily's family)");
    }

    public Task<HttpClient> AsAsync(Attacker attacker) => App.SignInAsync(UserNames[attacker]);

    public Task<HttpClient> AsAsync(string userName) => App.SignInAsync(userName);

    /// <summary>The ids of the children the client's home list shows.</summary>
    public static async Task<IReadOnlyList<Guid>> ChildrenAsync(HttpClient client) =>
        [.. (await client.GetFromJsonAsync<JsonElement>("/api/children", ChronicleApp.Json)).EnumerateArray().Select(c => c.GetProperty("id").GetGuid())];

    /// <summary>An entry body, recorded now, about these people.</summary>
    public static object Entry(string kind, object details, params Guid[] subjects) => new
    {
        kind,
        details,
        occurredAt = "2024-05-01T10:00:00Z",
        occurredPrecision = "exact",
        subjects,
        source = "seen-by-recorder",
    };

    /// <summary>What the record holds that the attacks try to change: counted before and after.</summary>
    public async Task<string> FingerprintAsync()
    {
        await using var db = App.OpenDb();
        var emily = await db.People.AsNoTracking().SingleAsync(p => p.Id == Emily);
        return string.Join("|",
            await db.Entries.CountAsync(), await db.Involvements.CountAsync(), await db.Relationships.CountAsync(), await db.HouseholdMemberships.CountAsync(),
            await db.HouseholdMemberships.CountAsync(m => m.To != null), await db.Households.CountAsync(), await db.TeamChanges.CountAsync(), await db.AddressFacts.CountAsync(),
            emily.DateOfBirth, emily.Kind);
    }

    /// <summary>The body of an answer with its trace id taken out, for comparing a hidden record's answer with a missing one's.</summary>
    public static async Task<string> BodyAsync(HttpResponseMessage response) =>
        System.Text.RegularExpressions.Regex.Replace(await response.Content.ReadAsStringAsync(), "\"traceId\":\"[^\"]*\"", "");

    public static void AssertRefused(HttpResponseMessage response, string what) =>
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.Forbidden,
            $"{what} answered {(int)response.StatusCode}, not a refusal");

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class AttackCollection : ICollectionFixture<AttackApp>
{
    public const string Name = "Attacks";
}

using Chronicle.Core.Record;
using Chronicle.Testing;
using Chronicle.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Tests.Security;

/// <summary>Who signs in, by their relationship to Emily.</summary>
public enum Actor
{
    /// <summary>Emily's social worker, her lead professional.</summary>
    TeamPractitioner,
    /// <summary>Her mother's GP: in the team through the household.</summary>
    TeamGp,
    /// <summary>A GP at another practice: not in Emily's team.</summary>
    OutsideGp,
    /// <summary>The team manager of Emily's social worker.</summary>
    ManagerOfTeamMember,
    /// <summary>Bradford's front door: Emily has no contact being decided.</summary>
    FrontDoor,
    BusinessUnit,
    Reviewer,
    InformationGovernance,
    Administrator,
    Anonymous,
}

/// <summary>
/// The web app with Emily's story (scenarios/emily.json) in the demo partnership, the demo accounts, and a GP
/// practice that has nothing to do with her family. Emily is given an NHS number so that she can be searched for by it.
/// </summary>
public sealed class EmilyApp : IAsyncLifetime
{
    public const string EmilyNhsNumber = "9434765919";

    public ChronicleApp App { get; private set; } = null!;
    public Guid Emily { get; private set; }
    public Guid Sibling { get; private set; }
    public Guid Mother { get; private set; }
    public Guid Household { get; private set; }
    public Guid Entry { get; private set; }
    public Guid Involvement { get; private set; }
    public Guid Agency { get; private set; }
    public Guid Team { get; private set; }
    public Guid Professional { get; private set; }
    /// <summary>One of Emily's alerts that is already resolved.</summary>
    public Guid ResolvedAlert { get; private set; }
    public Guid OtherPracticeAgency { get; private set; }
    /// <summary>The learning cycle's records the routes name: a seed review, one of its lessons and actions, and a serious incident.</summary>
    public Guid LearningReview { get; private set; }
    public Guid LearningLesson { get; private set; }
    public Guid LearningAction { get; private set; }
    public Guid LearningIncident { get; private set; }
    /// <summary>The administrator's own account: an account route the administrator reaches and that refuses to change it.</summary>
    public Guid AdministratorAccount { get; private set; }
    /// <summary>Words that identify Emily and must never reach someone who may not see her.</summary>
    public IReadOnlyList<string> EmilysPersonalData { get; private set; } = [];
    public IReadOnlyDictionary<Actor, string> UserNames { get; private set; } = new Dictionary<Actor, string>();
    public string SecondOutsideGp { get; private set; } = "";

    private readonly Dictionary<Actor, HttpClient> _clients = [];

    public async ValueTask InitializeAsync()
    {
        App = await ChronicleApp.StartAsync(Provider.Sqlite, ["scenarios/emily.json"]);
        var admin = await App.SignInAsync(await App.UserNameOfAsync(DemoAccounts.Administrator));
        OtherPracticeAgency = await App.CreateAsync(admin, "/api/agencies", new { name = "Riverside Medical Practice", kind = "general-practice", area = "Bradford" });
        Team = await App.CreateAsync(admin, "/api/teams", new { agencyId = OtherPracticeAgency, name = "Partners" });
        var outsider = await App.CreateAsync(admin, "/api/professionals", new { name = "GP (Riverside Medical Practice)", agencyId = OtherPracticeAgency, role = "general-practitioner" });
        var second = await App.CreateAsync(admin, "/api/professionals", new { name = "Locum GP (Riverside Medical Practice)", agencyId = OtherPracticeAgency, role = "general-practitioner" });
        SecondOutsideGp = await App.AddAccountAsync(second);

        await using var db = App.OpenDb();
        var emily = await db.People.SingleAsync(p => p.KnownAs == "Emily");
        Emily = emily.Id;
        db.PersonIdentifiers.Add(new PersonIdentifier { Id = Guid.NewGuid(), PersonId = Emily, Scheme = IdentifierScheme.NhsNumber, Value = EmilyNhsNumber, Issuer = "NHS England" });
        await db.SaveChangesAsync();
        Sibling = await db.People.Where(p => p.KnownAs == "Sibling 1 (eldest)").Select(p => p.Id).SingleAsync();
        Mother = await db.People.Where(p => p.KnownAs == "Mother of Emily").Select(p => p.Id).SingleAsync();
        Household = await db.HouseholdMemberships.Where(m => m.PersonId == Emily).Select(m => m.HouseholdId).FirstAsync();
        Entry = await db.Entries.Where(e => e.Kind == "birth").Select(e => e.Id).SingleAsync();
        Involvement = await db.Involvements.Where(i => i.PersonId == Emily && i.IsLead).Select(i => i.Id).FirstAsync();
        ResolvedAlert = await db.Alerts.Where(a => a.SubjectPersonId == Emily && a.Status == Chronicle.Core.Safeguards.AlertStatus.Resolved).Select(a => a.Id).FirstAsync();
        Professional = outsider;
        var review = await db.Reviews.Where(r => db.ResponseActions.Any(a => a.ReviewId == r.Id) && db.ReviewItems.Any(i => i.ReviewId == r.Id && i.Type == Core.Learning.ReviewItemType.Lesson)).OrderBy(r => r.Title).FirstAsync();
        LearningReview = review.Id;
        LearningAction = await db.ResponseActions.Where(a => a.ReviewId == review.Id).Select(a => a.Id).FirstAsync();
        LearningLesson = await db.ReviewItems.Where(i => i.ReviewId == review.Id && i.Type == Core.Learning.ReviewItemType.Lesson).Select(i => i.Id).FirstAsync();
        var incident = new Core.Learning.SeriousIncident
        {
            Id = Guid.NewGuid(),
            PartnershipId = review.PartnershipId,
            Title = "Child M",
            Summary = "A serious incident for the matrix",
            AwareOn = new DateOnly(2024, 3, 4),
        };
        db.SeriousIncidents.Add(incident);
        await db.SaveChangesAsync();
        LearningIncident = incident.Id;
        Agency = OtherPracticeAgency;
        var adminName = await App.UserNameOfAsync(DemoAccounts.Administrator);
        AdministratorAccount = await db.UserAccounts.Where(a => a.UserName == adminName).Select(a => a.Id).SingleAsync();
        EmilysPersonalData = ["Emily", "Mother of Emily", EmilyNhsNumber, NhsNumber.Format(EmilyNhsNumber), "Sibling 1 (eldest)"];

        UserNames = new Dictionary<Actor, string>
        {
            [Actor.TeamPractitioner] = await App.UserNameOfAsync("Social worker (Emily's family)"),
            [Actor.TeamGp] = await App.UserNameOfAsync("GP (Emily's family)"),
            [Actor.OutsideGp] = await App.AddAccountAsync(outsider),
            [Actor.ManagerOfTeamMember] = await App.UserNameOfAsync("Team manager (Emily's family)"),
            [Actor.FrontDoor] = await App.UserNameOfAsync("Front door social worker (Bradford)"),
            [Actor.BusinessUnit] = await App.UserNameOfAsync(DemoAccounts.BusinessUnitOfficer),
            [Actor.Reviewer] = await App.UserNameOfAsync(DemoAccounts.Scrutineer),
            [Actor.InformationGovernance] = await App.UserNameOfAsync(DemoAccounts.InformationGovernance),
            [Actor.Administrator] = await App.UserNameOfAsync(DemoAccounts.Administrator),
        };
    }

    /// <summary>A signed-in session for the actor (kept for the fixture's life), or a client with no session.</summary>
    public async Task<HttpClient> ClientAsync(Actor actor)
    {
        if (_clients.TryGetValue(actor, out var client)) return client;
        client = actor == Actor.Anonymous ? App.NewClient() : await App.SignInAsync(UserNames[actor]);
        return _clients[actor] = client;
    }

    /// <summary>Fails if the text holds anything that identifies Emily.</summary>
    public void AssertNothingOfEmily(string text, string where, string[]? except = null)
    {
        foreach (var typed in except ?? []) text = text.Replace(typed, "", StringComparison.OrdinalIgnoreCase);
        foreach (var data in EmilysPersonalData)
            Assert.False(text.Contains(data, StringComparison.OrdinalIgnoreCase), $"{where} reveals '{data}'");
        Assert.DoesNotContain(Emily.ToString(), text.Replace($"childId={Emily}", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients.Values) client.Dispose();
        await App.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class EmilyCollection : ICollectionFixture<EmilyApp>
{
    public const string Name = "Emily";
}

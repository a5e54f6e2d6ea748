using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Chronicle.Core.Audit;
using Chronicle.Core.Identity;
using Chronicle.Core.Security;
using Chronicle.Testing;
using Chronicle.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Tests.Identity;

/// <summary>The front door's review queue: every kind of item opens, people the reviewer does not work with are shown masked, every look is audited, and of two decisions the second is refused.</summary>
public sealed partial class ReviewQueueTests
{
    internal sealed record World(ChronicleApp App, HttpClient Worker, Guid WorkerId, Guid Child, Guid Mother, Guid OutsiderId, Guid OutsiderAgency);

    /// <summary>A child and her mother in one team, with NHS numbers and addresses; an outsider in another agency who sees neither.</summary>
    internal static async Task<World> WorldAsync(Provider provider = Provider.Sqlite, Dictionary<string, string?>? settings = null, bool kestrel = false)
    {
        var app = await ChronicleApp.StartAsync(provider, kestrel: kestrel, settings: settings);
        var (worker, _, agency, workerId) = await ApiTestData.WorkerAsync(app);
        var child = await app.CreateAsync(worker, "/api/people", new
        {
            kind = "child", givenName = "Katherine", familyName = "Okafor", dateOfBirth = "2019-03-04", sex = "female",
            identifiers = new[] { new { scheme = "nhs-number", value = "943 476 5919" } },
        });
        await app.CreateAsync(worker, "/api/involvements", new { personId = child, agencyId = agency, role = "allocated social worker", from = "2024-01-02", professionalId = workerId });
        var mother = await app.CreateAsync(worker, "/api/people", new
        {
            kind = "adult", givenName = "Grace", familyName = "Okafor", dateOfBirth = "1990-06-15", sex = "female",
            identifiers = new[] { new { scheme = "nhs-number", value = "401 023 2137" } },
        });
        await app.CreateAsync(worker, "/api/relationships", new { personId = mother, kind = "mother", relatedPersonId = child, hasParentalResponsibility = true });
        foreach (var person in new[] { child, mother })
            Assert.True((await worker.PostAsJsonAsync("/api/addresses", new { personId = person, address = "12 Mill Road, Northtown", postcode = "NS1 4AB" }, ChronicleApp.Json)).IsSuccessStatusCode);
        var (_, _, outsiderAgency, outsiderId) = await ApiTestData.WorkerAsync(app, "Alex Outsider", "Othershire Police");
        return new World(app, worker, workerId, child, mother, outsiderId, outsiderAgency);
    }

    /// <summary>An item of each kind: someone outside the family's team adding the mother (a hidden candidate), and a row of the outsider agency's list that may be the child.</summary>
    internal static async Task<(Guid Hidden, Guid Listed)> ItemsAsync(World w)
    {
        var outsider = await w.App.SignInAsync(await w.App.AddAccountAsync(w.OutsiderId, Role.Practitioner));
        var check = await outsider.PostAsJsonAsync("/api/people/matches", new { kind = "adult", givenName = "Grace", familyName = "Okafor", dateOfBirth = "1990-06-15", sex = "female" }, ChronicleApp.Json);
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        var uploader = await w.App.SignInAsync(await w.App.AddAccountAsync(w.OutsiderId, Role.FrontDoor));
        var csv = "agency_record_id,given_name,family_name,date_of_birth,sex,nhs_number,postcode,address\nP-1,Katherine,Okafor,2019-03-07,F,,LS1 1AA,9 Quarry Hill\n";
        Assert.Equal(HttpStatusCode.OK, (await IdentityPagesTests.UploadAsync(uploader, w.OutsiderAgency, csv)).StatusCode);
        await using var db = w.App.OpenDb();
        var items = await db.Set<IdentityReview>().ToListAsync();
        return (items.Single(i => i.Kind == ReviewKind.HiddenCandidate).Id, items.Single(i => i.Kind == ReviewKind.LinkPossible).Id);
    }

    public static TheoryData<Role[]> Deciders => new() { new[] { Role.FrontDoor }, new[] { Role.FrontDoor, Role.Practitioner }, new[] { Role.FrontDoor, Role.TeamManager } };

    [Theory]
    [MemberData(nameof(Deciders))]
    public async Task Every_kind_of_review_item_opens_for_each_role_that_may_decide_it(Role[] roles)
    {
        var w = await WorldAsync();
        await using var _ = w.App;
        var (hidden, listed) = await ItemsAsync(w);
        var reviewer = await w.App.SignInAsync(await w.App.AddAccountAsync(w.OutsiderId, roles));

        var queue = await reviewer.GetAsync("/identity/reviews");
        Assert.Equal(HttpStatusCode.OK, queue.StatusCode);
        var links = ReviewLink().Matches(await queue.Content.ReadAsStringAsync()).Select(m => m.Value).ToHashSet();
        Assert.Equal([$"/identity/review?id={hidden}", $"/identity/review?id={listed}"], links.Order());
        foreach (var (id, born) in new[] { (hidden, "15 June 1990"), (listed, "4 March 2019") })
        {
            var response = await reviewer.GetAsync($"/identity/review?id={id}");
            var page = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode} {string.Join("\n", w.App.Logs.Lines.Where(l => l.Contains("xception")).Take(3))}");
            Assert.Contains(born, page);
            Assert.Contains("Someone not on record", page);
        }
    }

    [Fact]
    public async Task A_reviewer_sees_only_part_of_a_person_they_do_not_work_with_and_every_look_is_audited_against_the_person_and_their_child()
    {
        var w = await WorldAsync();
        await using var _ = w.App;
        var (hidden, _) = await ItemsAsync(w);
        var outsiderFrontDoor = await w.App.SignInAsync(await w.App.AddAccountAsync(w.OutsiderId, Role.FrontDoor));
        Assert.Equal(HttpStatusCode.NotFound, (await outsiderFrontDoor.GetAsync($"/api/people/{w.Mother}")).StatusCode);
        // Another name of hers, as a police list gave it: comparing needs the name, not which agency knows her.
        await using (var names = w.App.OpenDb())
        {
            var partnershipId = await names.People.Where(p => p.Id == w.Mother).Select(p => p.PartnershipId).SingleAsync();
            names.Set<PersonName>().Add(new PersonName { Id = Guid.NewGuid(), PartnershipId = partnershipId, PersonId = w.Mother, GivenName = "Gracie", FamilyName = "Okafor", Source = "police list", RecordedAt = DateTimeOffset.UtcNow });
            await names.SaveChangesAsync();
        }

        var masked = await outsiderFrontDoor.GetStringAsync($"/identity/review?id={hidden}");
        Assert.Contains("Grace Okafor", masked);
        Assert.Contains("ending 137", masked);
        Assert.Contains("in NS1", masked);
        Assert.DoesNotContain("401 023 2137", masked);
        Assert.DoesNotContain("4010232137", masked);
        Assert.DoesNotContain("Mill Road", masked);
        Assert.DoesNotContain("NS1 4AB", masked);
        Assert.DoesNotContain("NS14AB", masked);
        Assert.Contains("Gracie Okafor", masked);
        Assert.DoesNotContain("police list", masked);

        // The family's own worker at the front door works with the mother: they see her whole record.
        var teamFrontDoor = await w.App.SignInAsync(await w.App.AddAccountAsync(w.WorkerId, Role.Practitioner, Role.FrontDoor));
        var whole = await teamFrontDoor.GetStringAsync($"/identity/review?id={hidden}");
        Assert.Contains("401 023 2137", whole);
        Assert.Contains("12 Mill Road, Northtown (NS1 4AB)", whole);
        Assert.Contains("Gracie Okafor (police list)", whole);

        await using var db = w.App.OpenDb();
        var reads = await db.AuditEntries.Where(e => e.Action == AuditAction.Read && e.Target.StartsWith("GET /identity/review") && e.Detail == "identity review").ToListAsync();
        foreach (var professional in new[] { w.OutsiderId, w.WorkerId })
        {
            var accounts = await db.UserAccounts.Where(a => a.ProfessionalId == professional).Select(a => (Guid?)a.Id).ToListAsync();
            var looks = reads.Where(r => accounts.Contains(r.UserId)).Select(r => r.SubjectPersonId).ToList();
            Assert.Contains(w.Mother, looks);
            Assert.Contains(w.Child, looks);
        }
    }

    [Fact]
    public async Task Of_two_decisions_on_one_item_the_second_is_answered_409_and_changes_nothing()
    {
        var w = await WorldAsync();
        await using var _ = w.App;
        var (hidden, listed) = await ItemsAsync(w);
        var first = await w.App.SignInAsync(await w.App.AddAccountAsync(w.WorkerId, Role.Practitioner, Role.FrontDoor));
        var second = await w.App.SignInAsync(await w.App.AddAccountAsync(w.OutsiderId, Role.FrontDoor));
        foreach (var (id, person) in new[] { (hidden, w.Mother), (listed, w.Child) })
        {
            var path = $"/identity/review?id={id}";
            // Both open the item before either decides: the form each holds is the one they were shown.
            var token = TokenField().Match(await second.GetStringAsync(path));
            Assert.True(token.Success);
            var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) };
            var decided = await ChronicleApp.PostFormAsync(first, path, new() { ["choice"] = person.ToString() });
            Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
            var late = await second.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>(form) { ["choice"] = "new" }));
            Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
            Assert.Contains("Someone else decided this item", await late.Content.ReadAsStringAsync());
            await using var db = w.App.OpenDb();
            var item = await db.Set<IdentityReview>().SingleAsync(r => r.Id == id);
            Assert.Equal((ReviewStatus.Decided, "existing", (Guid?)person), (item.Status, item.Decision, item.PersonId));
        }
        await using (var db = w.App.OpenDb())
            Assert.False(await db.People.AnyAsync(p => p.FamilyName == "Okafor" && p.Id != w.Child && p.Id != w.Mother));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("/identity/review\\?id=[0-9a-f-]+")]
    private static partial Regex ReviewLink();
}

using System.Net;
using System.Net.Http.Json;
using Chronicle.Core.Identity;
using Chronicle.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Tests.Identity;

/// <summary>The duplicate check says nothing of people the user may not see, and cannot be used to flood the front door.</summary>
public sealed class DuplicateCheckTests
{
    private static object Adult(string given, string family, string dob, string? knownAs = null) => new { kind = "adult", givenName = given, familyName = family, knownAs, dateOfBirth = dob, sex = "female" };

    [Fact]
    public async Task The_check_answers_alike_whether_or_not_someone_hidden_from_the_user_matches_and_only_the_front_door_learns_which()
    {
        var w = await ReviewQueueTests.WorldAsync();
        await using var _ = w.App;
        var outsider = await w.App.SignInAsync(await w.App.AddAccountAsync(w.OutsiderId, Role.Practitioner));

        var hidden = await outsider.PostAsJsonAsync("/api/people/matches", Adult("Grace", "Okafor", "1990-06-15"), ChronicleApp.Json);
        var nobody = await outsider.PostAsJsonAsync("/api/people/matches", Adult("Zofia", "Quennell", "1987-02-11"), ChronicleApp.Json);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (hidden.StatusCode, nobody.StatusCode));
        Assert.Equal(await nobody.Content.ReadAsStringAsync(), await hidden.Content.ReadAsStringAsync());

        await using var db = w.App.OpenDb();
        var item = Assert.Single(await db.Set<IdentityReview>().ToListAsync());
        Assert.Contains(w.Mother.ToString(), item.Candidates);
    }

    [Fact]
    public async Task Checks_are_limited_per_account_alike_whatever_they_find_and_one_hidden_person_is_put_to_the_front_door_once()
    {
        var w = await ReviewQueueTests.WorldAsync(settings: new() { ["Chronicle:Identity:ChecksPerHour"] = "4" });
        await using var _ = w.App;
        var outsider = await w.App.SignInAsync(await w.App.AddAccountAsync(w.OutsiderId, Role.Practitioner));

        // Three checks for the same hidden person, each worded differently, and one for nobody: all answered.
        foreach (var knownAs in new[] { "Gracie", "Grace O", "G" })
            Assert.Equal(HttpStatusCode.OK, (await outsider.PostAsJsonAsync("/api/people/matches", Adult("Grace", "Okafor", "1990-06-15", knownAs), ChronicleApp.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await outsider.PostAsJsonAsync("/api/people/matches", Adult("Zofia", "Quennell", "1987-02-11"), ChronicleApp.Json)).StatusCode);

        // The allowance is spent: the next check is refused alike, whatever it would have found, and creating a person is too.
        foreach (var body in new[] { Adult("Grace", "Okafor", "1990-06-15"), Adult("Zofia", "Quennell", "1987-02-11") })
        {
            var refused = await outsider.PostAsJsonAsync("/api/people/matches", body, ChronicleApp.Json);
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Contains("too many times in the last hour", await refused.Content.ReadAsStringAsync());
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await outsider.PostAsJsonAsync("/api/people", Adult("Ursula", "Pemberton", "1979-01-01"), ChronicleApp.Json)).StatusCode);
        // Another account has its own allowance.
        Assert.Equal(HttpStatusCode.OK, (await w.Worker.PostAsJsonAsync("/api/people/matches", Adult("Zofia", "Quennell", "1987-02-11"), ChronicleApp.Json)).StatusCode);

        await using var db = w.App.OpenDb();
        var item = Assert.Single(await db.Set<IdentityReview>().ToListAsync());
        Assert.Contains(w.Mother.ToString(), item.Candidates);
        Assert.False(await db.People.AnyAsync(p => p.FamilyName == "Pemberton"));
    }
}

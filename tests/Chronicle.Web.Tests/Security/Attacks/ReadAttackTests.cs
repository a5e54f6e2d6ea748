using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Tests.Security.Attacks;

/// <summary>
/// Issue 11, "one access rule for every reference", on the read side: an entry the reader may see can name people
/// they may not (a sibling outside their team); reading it shows those people only as "someone you do not have
/// access to", never their names or ids.
/// </summary>
[Collection(AttackCollection.Name)]
public sealed class ReadAttackTests(AttackApp app)
{
    private ChronicleApp App => app.App;

    [Fact]
    public async Task An_entry_about_a_sibling_the_reader_may_not_see_is_not_on_the_childs_chronology_while_what_was_written_is_shown_to_those_who_may()
    {
        // The lead, who sees every sibling, records a home visit about Sibling 1 alone; the school sees Sibling 4 only.
        var lead = await app.AsAsync(app.EmilysLeadUser);
        var school = await app.AsAsync(Attacker.PartialTeam);
        var (schoolBefore, leadBefore) = (await TotalAsync(school, app.Sibling4), await TotalAsync(lead, app.Sibling4));
        var observations = $"Seen alone in the bedroom, {Guid.NewGuid():N}";
        var visit = await App.CreateAsync(lead, "/api/entries", AttackApp.Entry("home-visit", new { childSeen = true, childSeenAlone = true, observations }, app.Sibling1));

        Assert.Equal(schoolBefore, await TotalAsync(school, app.Sibling4));
        // The lead's count grows by the visit and by the record of its sharing.
        Assert.True(await TotalAsync(lead, app.Sibling4) > leadBefore);
        // The child's page lists the newest entries first: the visit would be at the top of it.
        foreach (var path in new[] { $"/children/{app.Sibling4}", $"/children/{app.Sibling4}/chronology?entry={visit}" })
        {
            var response = await school.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain(visit.ToString(), body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(observations, body, StringComparison.Ordinal);
        }
        // Nor is it read by its id through the sibling the school may see: it is Sibling 1's.
        Assert.Equal(HttpStatusCode.NotFound, (await school.GetAsync($"/api/entries/{visit}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await lead.GetAsync($"/api/entries/{visit}")).StatusCode);

        // The lead, who may see Sibling 1, finds the visit in the family's context on Sibling 4's chronology, with
        // what was written at it (not only "child seen alone").
        var page = await lead.GetStringAsync($"/children/{app.Sibling4}/chronology?entry={visit}");
        Assert.Contains($"entry-{visit}", page, StringComparison.Ordinal);
        Assert.Contains(observations, page, StringComparison.Ordinal);
        Assert.Contains(observations, await lead.GetStringAsync($"/children/{app.Sibling1}/chronology?entry={visit}"), StringComparison.Ordinal);

        static async Task<int> TotalAsync(HttpClient client, Guid child) =>
            int.Parse((await client.GetAsync($"/api/children/{child}/chronology?pageSize=1")).Headers.GetValues("X-Total-Count").Single(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task An_entry_about_a_child_the_reader_may_not_see_and_their_parent_is_not_on_a_siblings_page_while_one_about_the_parent_alone_is()
    {
        // The lead records an observation about Sibling 1 and the mother: on Sibling 4's record through the mother, it
        // is about no child the school may see, and its text tells of Sibling 1.
        var lead = await app.AsAsync(app.EmilysLeadUser);
        var school = await app.AsAsync(Attacker.PartialTeam);
        var aboutEldest = $"Mother says the eldest is scared to come home, {Guid.NewGuid():N}";
        var eldest = await App.CreateAsync(lead, "/api/entries", AttackApp.Entry("observation", new { topic = "other", text = aboutEldest }, app.Sibling1, app.EmilysMother));
        var aboutMother = $"Mother started a parenting course, {Guid.NewGuid():N}";
        var mother = await App.CreateAsync(lead, "/api/entries", AttackApp.Entry("observation", new { topic = "other", text = aboutMother }, app.EmilysMother));

        foreach (var path in new[] { $"/children/{app.Sibling4}", $"/children/{app.Sibling4}/chronology?entry={eldest}" })
        {
            var body = await school.GetStringAsync(path);
            Assert.DoesNotContain(eldest.ToString(), body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(aboutEldest, body, StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await school.GetAsync($"/api/entries/{eldest}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await school.GetAsync($"/api/entries/{mother}")).StatusCode);
        // About the mother alone, it is Sibling 4's context; the lead, who may see Sibling 1, sees both.
        Assert.Contains(aboutMother, await school.GetStringAsync($"/children/{app.Sibling4}/chronology?entry={mother}"), StringComparison.Ordinal);
        Assert.Contains(aboutEldest, await lead.GetStringAsync($"/children/{app.Sibling4}/chronology?entry={eldest}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reading_an_entry_the_school_may_see_does_not_name_or_identify_the_sibling_it_may_not()
    {
        // Emily's social worker sees every sibling and records two entries about Sibling 4 that also name Sibling 1.
        var lead = await app.AsAsync(app.EmilysLeadUser);
        var visit = await App.CreateAsync(lead, "/api/entries", AttackApp.Entry("home-visit",
            new { childSeen = true, peopleSeen = new[] { app.Sibling4, app.Sibling1 }, observations = "Both children at home" }, app.Sibling4, app.Sibling1));
        var discharge = await App.CreateAsync(lead, "/api/entries", AttackApp.Entry("discharge-decision",
            new { carerPersonId = app.Sibling1, safetyPlan = "Eldest sibling to stay with the child overnight", dischargeAgreed = true }, app.Sibling4));
        string hiddenName;
        await using (var db = App.OpenDb()) hiddenName = (await db.People.SingleAsync(p => p.Id == app.Sibling1)).DisplayName;
        var hiddenId = app.Sibling1.ToString();

        var school = await app.AsAsync(Attacker.PartialTeam);
        Assert.Equal(HttpStatusCode.NotFound, (await school.GetAsync($"/api/people/{app.Sibling1}")).StatusCode);

        foreach (var id in new[] { visit, discharge })
        {
            var response = await school.GetAsync($"/api/entries/{id}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain(hiddenId, body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(hiddenName, body, StringComparison.Ordinal);
            Assert.Contains("someone you do not have access to", body, StringComparison.Ordinal);
            var entry = JsonDocument.Parse(body).RootElement;
            Assert.Equal([app.Sibling4], entry.GetProperty("subjects").EnumerateArray().Select(s => s.GetGuid()));
        }
        var visitDetails = JsonDocument.Parse(await school.GetStringAsync($"/api/entries/{visit}")).RootElement.GetProperty("details");
        Assert.Equal([app.Sibling4.ToString(), null], visitDetails.GetProperty("peopleSeen").EnumerateArray().Select(p => p.GetString()));

        // The chronology, the child's page, its chronology page, its people and the correction form alike.
        foreach (var path in new[] { $"/api/children/{app.Sibling4}/chronology", $"/children/{app.Sibling4}", $"/children/{app.Sibling4}/chronology", $"/children/{app.Sibling4}/people", $"/children/{app.Sibling4}/entries/new?corrects={visit}" })
        {
            var response = await school.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain(hiddenId, body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(hiddenName, body, StringComparison.Ordinal);
        }
        Assert.Contains("someone you do not have access to", await school.GetStringAsync($"/children/{app.Sibling4}/chronology"), StringComparison.Ordinal);
        // What was shared with the school reaches its inbox and work tray with the sibling withheld there too.
        Assert.Contains(visit.ToString(), await school.GetStringAsync("/api/inbox"), StringComparison.OrdinalIgnoreCase);
        foreach (var path in new[] { "/api/inbox", "/inbox", "/" })
        {
            var body = await school.GetStringAsync(path);
            Assert.DoesNotContain(hiddenId, body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(hiddenName, body, StringComparison.Ordinal);
        }

        // A correction from the school would drop the sibling it cannot see from the record: refused, nothing written.
        var fingerprint = await app.FingerprintAsync();
        var correction = await school.PostAsJsonAsync($"/api/entries/{visit}/corrections", new
        {
            reason = "Wrong observation",
            entry = AttackApp.Entry("home-visit", new { childSeen = true, peopleSeen = new[] { app.Sibling4 }, observations = "The child at home" }, app.Sibling4),
        }, ChronicleApp.Json);
        Assert.Equal(HttpStatusCode.BadRequest, correction.StatusCode);
        Assert.Contains("names people you do not have access to", await correction.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("names people you do not have access to", await school.GetStringAsync($"/children/{app.Sibling4}/entries/new?corrects={visit}"), StringComparison.Ordinal);
        Assert.Equal(fingerprint, await app.FingerprintAsync());
        // The refusal is about the entry, not the chronology: one naming only people the school sees it may correct.
        var plain = await App.CreateAsync(lead, "/api/entries", AttackApp.Entry("home-visit", new { childSeen = true, peopleSeen = new[] { app.Sibling4 }, observations = "The child at home" }, app.Sibling4));
        var form = await school.GetAsync($"/children/{app.Sibling4}/entries/new?corrects={plain}");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.DoesNotContain("names people you do not have access to", await form.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The lead, who sees everyone the entry names, may correct it.
        var byLead = await lead.PostAsJsonAsync($"/api/entries/{visit}/corrections", new
        {
            reason = "Wrong observation",
            entry = AttackApp.Entry("home-visit", new { childSeen = true, peopleSeen = new[] { app.Sibling4, app.Sibling1 }, observations = "Both children at home, asleep" }, app.Sibling4, app.Sibling1),
        }, ChronicleApp.Json);
        Assert.Equal(HttpStatusCode.Created, byLead.StatusCode);

        // The social worker, who may see both, is shown both.
        Assert.Contains(hiddenName, await lead.GetStringAsync($"/children/{app.Sibling4}/people"), StringComparison.Ordinal);
        var full = await lead.GetStringAsync($"/api/entries/{discharge}");
        Assert.Contains(hiddenId, full, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(hiddenName, full, StringComparison.Ordinal);
    }
}

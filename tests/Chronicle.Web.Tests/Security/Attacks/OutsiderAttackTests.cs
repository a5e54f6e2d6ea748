using System.Net;
using System.Net.Http.Json;
using Chronicle.Core.Identity;
using Chronicle.Web.Hosting;
using Chronicle.Web.Tests.Api;
using Chronicle.Web.Tests.Identity;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Tests.Security.Attacks;

/// <summary>
/// Ways in that go round the rules a form or the API applies: a file uploaded instead of a field typed (an agency's
/// list, a learning document), an administrator who sets a password and then the role, and a write to the API posted
/// from another site's page.
/// </summary>
[Collection(AttackCollection.Name)]
public sealed class OutsiderAttackTests(AttackApp app)
{
    private const string Header = "agency_record_id,given_name,family_name,date_of_birth,sex,nhs_number,postcode,address\n";
    private static readonly string[] AdministratorRole = ["administrator"];
    private static readonly string[] InformationGovernanceRole = ["information-governance"];
    private static readonly string[] PractitionerAndManager = ["practitioner", "team-manager"];
    private static readonly string[] PractitionerAndInformationGovernance = ["practitioner", "information-governance"];
    private ChronicleApp App => app.App;

    private async Task<int> AgencyRecordsAsync(params string[] ids)
    {
        await using var db = App.OpenDb();
        return await db.Set<AgencyRecord>().CountAsync(r => ids.Contains(r.AgencyRecordId));
    }

    [Fact]
    public async Task An_agency_list_naming_people_with_direction_or_control_characters_or_over_long_names_is_refused_by_line_and_links_nothing()
    {
        var frontDoor = await app.AsAsync(Attacker.FrontDoor);
        var rows = new Dictionary<string, string>
        {
            // U+202E turns the rest of the name round: "Emily Smith" could be made to read as someone else.
            ["ATK-RLO"] = $"ATK-RLO,Jo\u202Ey,Smith,2016-05-21,F,,LS1 1AA,9 Quarry Hill\n",
            ["ATK-BEL"] = $"ATK-BEL,Joy,Sm\u0007ith,2016-05-21,F,,LS1 1AA,9 Quarry Hill\n",
            ["ATK-LONG"] = $"ATK-LONG,{new string('J', 201)},Smith,2016-05-21,F,,LS1 1AA,9 Quarry Hill\n",
            ["ATK-ADDRESS"] = $"ATK-ADDRESS,Joy,Smith,2016-05-21,F,,LS1 1AA,\"9 Quarry Hill\u001b[2J\"\n",
            ["ATK\u202EID"] = $"ATK\u202EID,Joy,Smith,2016-05-21,F,,LS1 1AA,9 Quarry Hill\n",
        };
        foreach (var (id, row) in rows)
        {
            var answer = await (await IdentityPagesTests.UploadAsync(frontDoor, Guid.Empty, Header + row)).Content.ReadAsStringAsync();
            Assert.Contains("line 2", answer, StringComparison.Ordinal);
            Assert.Equal(0, await AgencyRecordsAsync(id));
        }
        Assert.Contains("must not contain characters that change the direction of text",
            await (await IdentityPagesTests.UploadAsync(frontDoor, Guid.Empty, Header + rows["ATK-RLO"])).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // FHIR is held to the same limits.
        var fhir = """{"resourceType":"Patient","id":"ATK-FHIR","name":[{"family":"Sm\u202Eith","given":["Joy"]}],"birthDate":"2016-05-21"}""";
        var refused = await (await IdentityPagesTests.UploadAsync(frontDoor, Guid.Empty, fhir)).Content.ReadAsStringAsync();
        Assert.Contains("entry 1", refused, StringComparison.Ordinal);
        Assert.Equal(0, await AgencyRecordsAsync("ATK-FHIR"));

        // The same row without the character is linked.
        await IdentityPagesTests.UploadAsync(frontDoor, Guid.Empty, Header + "ATK-CLEAN,Joy,Smith,2016-05-21,F,,LS1 1AA,9 Quarry Hill\n");
        Assert.Equal(1, await AgencyRecordsAsync("ATK-CLEAN"));
    }

    [Fact]
    public async Task A_learning_document_uploaded_as_a_file_is_held_to_the_limits_of_one_pasted_and_a_refused_one_makes_no_draft()
    {
        var unit = await App.SignInAsync(await App.UserNameOfAsync(DemoAccounts.BusinessUnitOfficer));
        const string document = "Learning Review of Child Q\n\nWHAT WE HAVE LEARNT\n\n- Fathers must be assessed.\n";
        async Task<HttpResponseMessage> UploadAsync(string fileName, string text)
        {
            var form = await unit.GetStringAsync("/learning/import");
            var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
            using var content = new MultipartFormDataContent
            {
                { new StringContent(WebUtility.HtmlDecode(token)), "__RequestVerificationToken" },
                { new StringContent(text), "upload", fileName },
            };
            return await unit.PostAsync("/learning/import", content);
        }
        async Task<int> DraftsAsync()
        {
            await using var db = App.OpenDb();
            return await db.Reviews.CountAsync(r => r.Status == Core.Learning.ReviewStatus.Draft);
        }

        var before = await DraftsAsync();
        var control = await UploadAsync("brief.txt", document.Replace("Fathers", "Fathers\u001b[2J", StringComparison.Ordinal));
        Assert.NotEqual(HttpStatusCode.Redirect, control.StatusCode);
        Assert.Contains("must not contain control characters", await control.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The file's name becomes the review's source document, a name: no direction characters.
        var name = await UploadAsync("brief\u202Etxt.exe.txt", document);
        Assert.NotEqual(HttpStatusCode.Redirect, name.StatusCode);
        Assert.Contains("must not contain characters that change the direction of text", await name.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await DraftsAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync("brief.txt", document)).StatusCode);
        Assert.Equal(before + 1, await DraftsAsync());
    }

    [Fact]
    public async Task An_administrator_who_set_an_accounts_password_cannot_then_make_it_an_administrator_or_information_governance()
    {
        var admin = await App.SignInAsync(await App.UserNameOfAsync(DemoAccounts.Administrator));
        async Task<(Guid Account, string UserName)> NewAccountAsync(string name)
        {
            var id = await App.CreateAsync(admin, "/api/professionals", new { name, agencyId = app.OutsidePracticeAgency, role = "general-practitioner" });
            var userName = await App.AddAccountAsync(id);
            await using var db = App.OpenDb();
            return (await db.UserAccounts.Where(a => a.UserName == userName).Select(a => a.Id).SingleAsync(), userName);
        }

        var (account, userName) = await NewAccountAsync("Practice nurse (Riverside, password then role)");
        const string known = "a password the administrator knows";
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/accounts/{account}/password", new { password = known }, ChronicleApp.Json)).StatusCode);
        // The administrator now knows the password: the account's next role must not be one whose password they may not set.
        foreach (var privileged in new[] { AdministratorRole, InformationGovernanceRole, PractitionerAndInformationGovernance })
        {
            var refused = await ApiTestData.ErrorsAsync(await admin.PutAsJsonAsync($"/api/accounts/{account}/roles", new { roles = privileged }, ChronicleApp.Json));
            Assert.Contains("roles", refused.Keys);
        }
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/accounts/{account}/roles", new { roles = PractitionerAndManager }, ChronicleApp.Json)).StatusCode);
        var asHolder = await App.SignInAsync(userName, known);
        Assert.Equal(HttpStatusCode.Forbidden, (await asHolder.GetAsync("/break-glass/granted")).StatusCode);
        await using (var db = App.OpenDb())
        {
            var roles = await db.UserAccounts.Where(a => a.Id == account).Select(a => a.Roles).SingleAsync();
            Assert.DoesNotContain("Administrator", roles, StringComparison.Ordinal);
            Assert.DoesNotContain("InformationGovernance", roles, StringComparison.Ordinal);
        }

        // An account whose password its holder set may be given the role, and then its password is its holder's alone.
        var (other, _) = await NewAccountAsync("Practice nurse (Riverside, role only)");
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/accounts/{other}/roles", new { roles = InformationGovernanceRole }, ChronicleApp.Json)).StatusCode);
        Assert.Contains("id", (await ApiTestData.ErrorsAsync(await admin.PostAsJsonAsync($"/api/accounts/{other}/password", new { password = known }, ChronicleApp.Json))).Keys);
    }

    [Fact]
    public async Task Break_glass_cannot_take_a_colleague_out_of_the_team_nor_rewrite_what_someone_else_recorded_but_corrects_its_own_entry()
    {
        // A locum at Emily's own GP practice, outside her team: the practice's involvement with her mother, which puts
        // the family's GP in Emily's team (and her siblings'), is "their agency's".
        Guid practice, involvement;
        DateOnly dob;
        await using (var db = App.OpenDb())
        {
            practice = (await db.Professionals.SingleAsync(p => p.Id == app.EmilysGp)).AgencyId;
            dob = (await db.People.SingleAsync(p => p.Id == app.Emily)).DateOfBirth!.Value;
            involvement = await db.Involvements.Where(i => i.PersonId == app.EmilysMother && i.AgencyId == practice && i.To == null).Select(i => i.Id).FirstAsync();
        }
        var admin = await App.SignInAsync(await App.UserNameOfAsync(DemoAccounts.Administrator));
        var locum = await App.CreateAsync(admin, "/api/professionals", new { name = "Locum GP (Emily's practice)", agencyId = practice, role = "general-practitioner" });
        var gp = await App.SignInAsync(await App.AddAccountAsync(locum));
        Assert.Equal(HttpStatusCode.Redirect, (await ChronicleApp.PostFormAsync(gp, "/break-glass",
            new() { ["name"] = "emily", ["dateOfBirth"] = $"{dob.Day}/{dob.Month}/{dob.Year}", ["reason"] = "Child seen by the locum out of hours, need her history" })).StatusCode);
        var lead = await app.AsAsync(app.EmilysLeadUser);
        var leadsEntry = await App.CreateAsync(lead, "/api/entries", AttackApp.Entry("observation", new { topic = "other", text = "Bruise on the left cheek, explanation not consistent" }, app.Emily));
        var fingerprint = await app.FingerprintAsync();

        var ended = await gp.PostAsJsonAsync($"/api/involvements/{involvement}/end", new { to = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }, ChronicleApp.Json);
        Assert.Equal(HttpStatusCode.Forbidden, ended.StatusCode);
        var correction = new
        {
            reason = "Cause was accidental",
            entry = AttackApp.Entry("observation", new { topic = "other", text = "Bruise on the left cheek, from a fall" }, app.Emily),
        };
        Assert.Equal(HttpStatusCode.Forbidden, (await gp.PostAsJsonAsync($"/api/entries/{leadsEntry}/corrections", correction, ChronicleApp.Json)).StatusCode);
        var page = $"/children/{app.Emily}/entries/new?corrects={leadsEntry}";
        var formCorrection = await ChronicleApp.PostFormAsync(gp, page, new()
        {
            ["occurredAt"] = "1/5/2024", ["source"] = "seen-by-recorder", ["significance"] = "routine", ["details.topic"] = "other",
            ["details.text"] = "Bruise on the left cheek, from a fall", ["reason"] = "Cause was accidental",
        });
        Assert.True(formCorrection.StatusCode == HttpStatusCode.Forbidden, $"The form answered {(int)formCorrection.StatusCode}: {await formCorrection.Content.ReadAsStringAsync()}");
        Assert.Equal(fingerprint, await app.FingerprintAsync());
        await using (var db = App.OpenDb()) Assert.Null(await db.Involvements.Where(i => i.Id == involvement).Select(i => i.To).SingleAsync());
        var emilysGp = await app.AsAsync(app.EmilysGpUser);
        Assert.Equal(HttpStatusCode.OK, (await emilysGp.GetAsync($"/api/children/{app.Emily}/chronology")).StatusCode);

        // What the locum recorded is theirs to correct.
        var own = await App.CreateAsync(gp, "/api/entries", AttackApp.Entry("observation", new { topic = "other", text = "Seen at the out-of-hours clinic" }, app.Emily));
        var corrected = await gp.PostAsJsonAsync($"/api/entries/{own}/corrections",
            new { reason = "Wrong clinic", entry = AttackApp.Entry("observation", new { topic = "other", text = "Seen at the walk-in centre" }, app.Emily) }, ChronicleApp.Json);
        Assert.Equal(HttpStatusCode.Created, corrected.StatusCode);
    }

    [Fact]
    public async Task A_field_that_names_who_someone_is_refuses_direction_characters_as_a_name_does()
    {
        var lead = await app.AsAsync(app.EmilysLeadUser);
        var spoofed = "Dr Patel\u202E (police)";
        var handedOn = await ApiTestData.ErrorsAsync(await lead.PostAsync("/api/actions/handed-on",
            new StringContent($$"""{"actionId":"{{Guid.NewGuid()}}","to":"{{spoofed}}","reason":"Moved area"}""", System.Text.Encoding.UTF8, "application/json")));
        Assert.Contains("to", handedOn.Keys);
        var entry = await ApiTestData.ErrorsAsync(await lead.PostAsync("/api/entries", new StringContent(
            $$"""{"kind":"injury","details":{"explanationGivenBy":"{{spoofed}}"},"subjects":["{{app.Emily}}"],"occurredAt":"2024-05-01T10:00:00Z","occurredPrecision":"exact","source":"seen-by-recorder"}""",
            System.Text.Encoding.UTF8, "application/json")));
        Assert.Contains("details.explanationGivenBy", entry.Keys);
    }

    [Fact]
    public async Task A_write_to_the_API_posted_from_another_sites_page_is_refused_even_when_it_has_no_body()
    {
        var admin = await App.SignInAsync(await App.UserNameOfAsync(DemoAccounts.Administrator));
        var nurse = await App.CreateAsync(admin, "/api/professionals", new { name = "Practice nurse (Riverside, forged post)", agencyId = app.OutsidePracticeAgency, role = "general-practitioner" });
        var userName = await App.AddAccountAsync(nurse);
        Guid account;
        await using (var db = App.OpenDb()) account = await db.UserAccounts.Where(a => a.UserName == userName).Select(a => a.Id).SingleAsync();

        // A form on a sibling site (or any other) posts to an endpoint that reads no body; the browser sends the session cookie to a same-site POST.
        var forged = new Dictionary<string, string>[]
        {
            new() { ["Origin"] = "https://intranet.example.gov.uk", ["Sec-Fetch-Site"] = "same-site" },
            new() { ["Origin"] = "https://evil.example" },
            new() { ["Sec-Fetch-Site"] = "cross-site" },
            new() { ["Origin"] = "null" },
        };
        foreach (var headers in forged)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/accounts/{account}/disable")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["x"] = "y" }),
            };
            foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
            var response = await admin.SendAsync(request);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
        await using (var db = App.OpenDb()) Assert.Null(await db.UserAccounts.Where(a => a.Id == account).Select(a => a.DisabledAt).SingleAsync());
        Assert.Equal(HttpStatusCode.OK, (await (await App.SignInAsync(userName)).GetAsync("/api/children")).StatusCode);

        // From Chronicle's own origin, or from a client that is not a browser, the write is made.
        using var own = new HttpRequestMessage(HttpMethod.Post, $"/api/accounts/{account}/disable") { Content = JsonContent.Create(new { }) };
        own.Headers.TryAddWithoutValidation("Origin", $"http://{admin.BaseAddress!.Authority}");
        own.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "same-origin");
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(own)).StatusCode);
        await using (var db = App.OpenDb()) Assert.NotNull(await db.UserAccounts.Where(a => a.Id == account).Select(a => a.DisabledAt).SingleAsync());
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Chronicle.Core.Identity;
using Chronicle.Core.Security;
using Chronicle.Testing;
using Chronicle.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Tests.Identity;

public sealed partial class IdentityPagesTests
{
    [Fact]
    public async Task The_page_that_adds_a_person_offers_the_existing_record_and_records_the_choice()
    {
        await using var app = await ChronicleApp.StartAsync(Provider.Sqlite);
        var (worker, _, agency, workerId) = await ApiTestData.WorkerAsync(app);
        var child = await app.CreateAsync(worker, "/api/people", new { kind = "child", givenName = "Mohammed", familyName = "Khan", dateOfBirth = "2018-02-09", sex = "male" });
        await app.CreateAsync(worker, "/api/involvements", new { personId = child, agencyId = agency, role = "allocated social worker", from = "2024-01-02", professionalId = workerId });

        var fields = new Dictionary<string, string> { ["kind"] = "child", ["givenName"] = "Muhammad", ["familyName"] = "Khan", ["dateOfBirth"] = "2/9/2018", ["sex"] = "male" };
        var offered = await ChronicleApp.PostFormAsync(worker, "/people/new", new(fields));
        var page = await offered.Content.ReadAsStringAsync();
        Assert.True(offered.StatusCode == HttpStatusCode.OK, string.Join("\n", app.Logs.Lines.Where(l => l.Contains("xception")).Take(3)));
        Assert.Contains("This person may already be on record", page);
        Assert.Contains($"value=\"{child}\"", page);
        Assert.Contains("forms of one name", page);
        Assert.Contains("day and month swapped", page);

        var chosen = await ChronicleApp.PostFormAsync(worker, "/people/new", new(fields) { ["choice"] = child.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        Assert.Equal($"/children/{child}", chosen.Headers.Location?.OriginalString);
        await using var db = app.OpenDb();
        var decision = Assert.Single(await db.Set<MatchDecision>().ToListAsync());
        Assert.Equal((MatchChoice.Existing, child), (decision.Choice, decision.PersonId));
        Assert.Equal(1, await db.People.CountAsync(p => p.FamilyName == "Khan"));

        // A child like no one on record is put on record, and their page says so.
        var added = await ChronicleApp.PostFormAsync(worker, "/people/new", new() { ["kind"] = "child", ["givenName"] = "Priya", ["familyName"] = "Raman", ["dateOfBirth"] = "14/3/2017", ["sex"] = "female" });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var location = added.Headers.Location!.OriginalString;
        Assert.EndsWith("?done=added", location, StringComparison.Ordinal);
        Assert.Contains("The child is on record", await worker.GetStringAsync(location));
    }

    [Fact]
    public async Task An_uploaded_list_s_possible_match_is_compared_side_by_side_and_decided_in_the_review_queue()
    {
        await using var app = await ChronicleApp.StartAsync(Provider.Sqlite);
        var (worker, _, agency, workerId) = await ApiTestData.WorkerAsync(app);
        var child = await app.CreateAsync(worker, "/api/people", new { kind = "child", givenName = "Lily", familyName = "Hartley", dateOfBirth = "2016-05-21", sex = "female" });
        await app.CreateAsync(worker, "/api/involvements", new { personId = child, agencyId = agency, role = "allocated social worker", from = "2024-01-02", professionalId = workerId });
        Assert.True((await worker.PostAsJsonAsync("/api/addresses", new { personId = child, address = "3 Kirk Lane, Holmfirth", postcode = "HD9 3AA" }, ChronicleApp.Json)).IsSuccessStatusCode);
        Guid workerProfessional;
        await using (var db = app.OpenDb()) workerProfessional = (await db.UserAccounts.FirstAsync(a => a.DisplayName == "Sam Worker")).ProfessionalId!.Value;
        var manager = await app.SignInAsync(await app.AddAccountAsync(workerProfessional, Role.Practitioner, Role.FrontDoor));

        // The same name, a date one digit out and another address: possible, not certain.
        var csv = "agency_record_id,given_name,family_name,date_of_birth,sex,nhs_number,postcode,address\nS-1,Lily,Hartley,2016-05-27,F,,LS1 1AA,9 Quarry Hill\nS-2,Priya,Raman,2012-01-01,F,,LS1 1AB,1 Quarry Hill\n";
        var upload = await UploadAsync(manager, agency, csv);
        var page = await upload.Content.ReadAsStringAsync();
        Assert.Contains("2 rows read: 0 unchanged since an earlier run, 0 added to people you work with, and 2 for the front door to link", page);

        var queue = await manager.GetStringAsync("/identity/reviews");
        var link = ReviewLink().Match(queue);
        Assert.True(link.Success, queue);
        var review = await manager.GetStringAsync(link.Value.Replace("&amp;", "&"));
        Assert.Contains("27 May 2016", review);
        Assert.Contains("21 May 2016", review);
        Assert.Contains("9 Quarry Hill", review);
        var decided = await ChronicleApp.PostFormAsync(manager, link.Value, new() { ["choice"] = child.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        await using (var db = app.OpenDb())
        {
            var row = await db.Set<AgencyRecord>().SingleAsync(r => r.AgencyRecordId == "S-1");
            Assert.Equal((LinkOutcome.Reviewed, child), (row.Outcome, row.PersonId!.Value));
            Assert.True(await db.AddressFacts.AnyAsync(a => a.PersonId == child && a.Address == "9 Quarry Hill"));
            Assert.True(await db.PersonIdentifiers.AnyAsync(i => i.PersonId == child && i.Value == "S-1"));
        }
        Assert.Contains("Nothing is waiting", await manager.GetStringAsync("/identity/reviews"));
        var again = await (await UploadAsync(manager, agency, csv)).Content.ReadAsStringAsync();
        Assert.Contains("2 unchanged", again);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync("/identity/reviews")).StatusCode);
    }

    [Fact]
    public async Task Only_the_front_door_opens_the_review_queue_and_each_view_is_audited_against_the_people_shown()
    {
        await using var app = await ChronicleApp.StartAsync(Provider.Sqlite);
        var (worker, _, agency, workerId) = await ApiTestData.WorkerAsync(app);
        var child = await app.CreateAsync(worker, "/api/people", new { kind = "child", givenName = "Lily", familyName = "Hartley", dateOfBirth = "2016-05-21", sex = "female" });
        await app.CreateAsync(worker, "/api/involvements", new { personId = child, agencyId = agency, role = "allocated social worker", from = "2024-01-02", professionalId = workerId });
        Assert.True((await worker.PostAsJsonAsync("/api/addresses", new { personId = child, address = "3 Kirk Lane, Holmfirth", postcode = "HD9 3AA" }, ChronicleApp.Json)).IsSuccessStatusCode);
        var (_, _, outsiderAgency, outsiderId) = await ApiTestData.WorkerAsync(app, "Alex Outsider", "Othershire Police");
        var frontDoor = await app.SignInAsync(await app.AddAccountAsync(outsiderId, Role.FrontDoor));
        Assert.Equal(HttpStatusCode.NotFound, (await frontDoor.GetAsync($"/api/people/{child}")).StatusCode);
        // The front door links its agency's list: a row that may be Lily, whom the front door cannot see, is queued naming her.
        var csv = "agency_record_id,given_name,family_name,date_of_birth,sex,nhs_number,postcode,address\nS-1,Lily,Hartley,2016-05-27,F,,LS1 1AA,9 Quarry Hill\n";
        Assert.Contains("1 for the front door to link", await (await UploadAsync(frontDoor, outsiderAgency, csv)).Content.ReadAsStringAsync());
        Guid reviewId;
        await using (var db = app.OpenDb()) reviewId = (await db.Set<IdentityReview>().SingleAsync()).Id;

        var manager = await app.SignInAsync(await app.AddAccountAsync(outsiderId, Role.Practitioner, Role.TeamManager));
        foreach (var path in new[] { "/identity/reviews", $"/identity/review?id={reviewId}", "/identity/link" })
            Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync(path)).StatusCode);

        var response = await frontDoor.GetAsync($"/identity/review?id={reviewId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("21 May 2016", page);
        await using (var db = app.OpenDb())
        {
            var reads = await db.AuditEntries.Where(e => e.Action == Core.Audit.AuditAction.Read && e.SubjectPersonId == child && e.Target.StartsWith("GET /identity/review")).ToListAsync();
            var read = Assert.Single(reads);
            Assert.Equal("identity review", read.Detail);
        }
    }

    [Fact]
    public async Task A_list_is_always_the_uploader_s_own_agency_s_whatever_the_form_or_the_file_names()
    {
        await using var app = await ChronicleApp.StartAsync(Provider.Sqlite);
        var (_, _, agency, _) = await ApiTestData.WorkerAsync(app);
        var (_, _, outsiderAgency, outsiderId) = await ApiTestData.WorkerAsync(app, "Alex Outsider", "Othershire Police");
        var frontDoor = await app.SignInAsync(await app.AddAccountAsync(outsiderId, Role.FrontDoor));
        var csv = $"agency_record_id,given_name,family_name,date_of_birth,sex,nhs_number,postcode,address,agency\nS-1,Priya,Raman,2012-01-01,F,,LS1 1AB,1 Quarry Hill,{agency}\n";

        // The form names the other agency and so does the file: neither counts.
        var page = await (await UploadAsync(frontDoor, agency, csv)).Content.ReadAsStringAsync();
        Assert.Contains("1 rows read", page);
        await using var db = app.OpenDb();
        var row = await db.Set<AgencyRecord>().SingleAsync();
        Assert.Equal(outsiderAgency, row.AgencyId);
        var raman = await db.People.SingleAsync(p => p.FamilyName == "Raman");
        Assert.Equal([outsiderAgency], await db.AddressFacts.Where(a => a.PersonId == raman.Id).Select(a => a.ReportedByAgencyId).ToListAsync());
        Assert.Equal(["Othershire Police"], await db.PersonIdentifiers.Where(i => i.PersonId == raman.Id).Select(i => i.Issuer).ToListAsync());
    }

    [Fact]
    public async Task A_list_matching_someone_the_uploader_may_not_see_is_audited_against_them_and_its_summary_reads_as_if_nobody_matched()
    {
        await using var app = await ChronicleApp.StartAsync(Provider.Sqlite);
        var (worker, _, agency, workerId) = await ApiTestData.WorkerAsync(app);
        var child = await app.CreateAsync(worker, "/api/people", new
        {
            kind = "child", givenName = "Lily", familyName = "Hartley", dateOfBirth = "2016-05-21", sex = "female",
            identifiers = new[] { new { scheme = "nhs-number", value = "943 476 5919" } },
        });
        await app.CreateAsync(worker, "/api/involvements", new { personId = child, agencyId = agency, role = "allocated social worker", from = "2024-01-02", professionalId = workerId });
        var (_, _, outsiderAgency, outsiderId) = await ApiTestData.WorkerAsync(app, "Alex Outsider", "Othershire Police");
        var frontDoor = await app.SignInAsync(await app.AddAccountAsync(outsiderId, Role.FrontDoor));
        const string header = "agency_record_id,given_name,family_name,date_of_birth,sex,nhs_number,postcode,address\n";

        var hidden = await (await UploadAsync(frontDoor, outsiderAgency, header + "S-1,Lily,Hartley,2016-05-21,F,9434765919,LS1 1AA,9 Quarry Hill\n")).Content.ReadAsStringAsync();
        var nobody = await (await UploadAsync(frontDoor, outsiderAgency, header + "S-2,Zofia,Quennell,2011-08-30,F,,LS2 2BB,4 Tower Street\n")).Content.ReadAsStringAsync();
        Assert.Equal(Summary().Match(nobody).Value, Summary().Match(hidden).Value);
        Assert.Contains("1 for the front door to link", hidden);

        await using var db = app.OpenDb();
        Assert.Equal(child, (await db.Set<AgencyRecord>().SingleAsync(r => r.AgencyRecordId == "S-1")).PersonId);
        Assert.True(await db.AddressFacts.AnyAsync(a => a.PersonId == child && a.Address == "9 Quarry Hill" && a.ReportedByAgencyId == outsiderAgency));
        var writes = await db.AuditEntries.Where(e => e.Action == Core.Audit.AuditAction.Write && e.SubjectPersonId == child).ToListAsync();
        var write = Assert.Single(writes, e => e.Target.StartsWith("POST /identity/link", StringComparison.Ordinal));
        Assert.Equal("agency list linked", write.Detail);
    }

    [GeneratedRegex("id=\"link-summary\">[^<]*")]
    private static partial Regex Summary();

    internal static async Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid agency, string csv)
    {
        var form = await client.GetStringAsync("/identity/link");
        var token = Token().Match(form).Groups[1].Value;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(WebUtility.HtmlDecode(token)), "__RequestVerificationToken" },
            { new StringContent(agency.ToString()), "agencyId" },
            { new StringContent(csv), "file", "social-care.csv" },
        };
        return await client.PostAsync("/identity/link", content);
    }

    [GeneratedRegex("/identity/review\\?id=[0-9a-f-]+")]
    private static partial Regex ReviewLink();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using Chronicle.Testing;
using Chronicle.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Tests.Api;

public sealed class RecordApiTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_person_with_an_NHS_number_is_created_and_read_back(Provider provider)
    {
        await using var app = await ChronicleApp.StartAsync(provider);
        var (client, _, _, _) = await ApiTestData.WorkerAsync(app);

        var created = await client.PostAsJsonAsync("/api/people", new
        {
            kind = "child",
            givenName = "Ada",
            familyName = "Test",
            dateOfBirth = "2014-11-03",
            identifiers = new[] { new { scheme = "nhs-number", value = "943 476 5919" } },
        }, ChronicleApp.Json);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await ApiTestData.ReadAsync(created)).GetProperty("id").GetGuid();
        Assert.Equal($"/api/people/{id}", created.Headers.Location?.OriginalString);
        var read = await ApiTestData.ReadAsync(await client.GetAsync($"/api/people/{id}"));
        Assert.Equal("Ada Test", read.GetProperty("displayName").GetString());
        Assert.Equal("2014-11-03", read.GetProperty("dateOfBirth").GetString());
        var identifier = Assert.Single(read.GetProperty("identifiers").EnumerateArray());
        Assert.Equal("nhs-number", identifier.GetProperty("scheme").GetString());
        Assert.Equal("9434765919", identifier.GetProperty("value").GetString());
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_wrong_NHS_check_digit_is_refused_by_field_and_nothing_is_written(Provider provider)
    {
        await using var app = await ChronicleApp.StartAsync(provider);
        var (client, _, _, _) = await ApiTestData.WorkerAsync(app);

        var response = await client.PostAsJsonAsync("/api/people", new
        {
            kind = "child",
            knownAs = "Child W",
            identifiers = new[] { new { scheme = "nhs-number", value = "943 476 5918" } },
        }, ChronicleApp.Json);

        var errors = await ApiTestData.ErrorsAsync(response);
        Assert.Contains("check digit", Assert.Single(errors["identifiers[0].value"]));
        await using var db = app.OpenDb();
        Assert.Equal(0, await db.People.CountAsync());
        Assert.Equal(0, await db.PersonIdentifiers.CountAsync());
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task An_agency_and_its_professional_are_created_and_read_back(Provider provider)
    {
        await using var app = await ChronicleApp.StartAsync(provider);
        var client = await app.SignInAsync(await app.UserNameOfAsync(DemoAccounts.Administrator));

        var agency = await app.CreateAsync(client, "/api/agencies", new { name = "Testshire Police", kind = "police" });
        var team = await app.CreateAsync(client, "/api/teams", new { agencyId = agency, name = "Public protection unit" });
        var professional = await app.CreateAsync(client, "/api/professionals", new { name = "PC Test", agencyId = agency, teamId = team, role = "police-officer", jobTitle = "Detective constable" });

        var readAgency = await ApiTestData.ReadAsync(await client.GetAsync($"/api/agencies/{agency}"));
        Assert.Equal("Testshire Police", readAgency.GetProperty("name").GetString());
        Assert.Equal("police", readAgency.GetProperty("kind").GetString());
        var readProfessional = await ApiTestData.ReadAsync(await client.GetAsync($"/api/professionals/{professional}"));
        Assert.Equal(agency, readProfessional.GetProperty("agencyId").GetGuid());
        Assert.Equal(team, readProfessional.GetProperty("teamId").GetGuid());
        Assert.Equal("police-officer", readProfessional.GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/professionals/{Guid.NewGuid()}")).StatusCode);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Households_addresses_and_involvements_are_recorded_against_people(Provider provider)
    {
        await using var app = await ChronicleApp.StartAsync(provider);
        var data = await ApiTestData.CreateAsync(app);
        var client = data.Client;

        var household = await app.CreateAsync(client, "/api/households", new { name = "Test household", members = new[] { new { personId = data.MotherId, from = "2014-01-01" } } });
        var member = await client.PostAsJsonAsync($"/api/households/{household}/members", new { personId = data.ChildId, from = "2014-11-03" }, ChronicleApp.Json);
        await app.CreateAsync(client, "/api/addresses", new { personId = data.MotherId, address = "1 Test Street", reportedByAgencyId = data.AgencyId, from = "2014-01-01" });
        var involvement = await app.CreateAsync(client, "/api/involvements", new { personId = data.ChildId, agencyId = data.AgencyId, professionalId = data.WorkerId, role = "allocated social worker", from = "2015-01-05", isLead = true });

        Assert.Equal(HttpStatusCode.Created, member.StatusCode);
        var readHousehold = await ApiTestData.ReadAsync(await client.GetAsync($"/api/households/{household}"));
        Assert.Equal(2, readHousehold.GetProperty("members").GetArrayLength());
        var addresses = await ApiTestData.ReadAsync(await client.GetAsync($"/api/people/{data.MotherId}/addresses"));
        Assert.Equal("1 Test Street", Assert.Single(addresses.EnumerateArray()).GetProperty("address").GetString());
        var involvements = await ApiTestData.ReadAsync(await client.GetAsync($"/api/people/{data.ChildId}/involvements"));
        Assert.Equal(involvement, Assert.Single(involvements.EnumerateArray()).GetProperty("id").GetGuid());
        var relationships = await ApiTestData.ReadAsync(await client.GetAsync($"/api/people/{data.ChildId}/relationships"));
        Assert.Equal("mother", Assert.Single(relationships.EnumerateArray()).GetProperty("kind").GetString());
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Malformed_JSON_and_wrong_types_are_a_400_naming_the_field_never_a_500(Provider provider)
    {
        await using var app = await ChronicleApp.StartAsync(provider);
        var (client, admin, _, _) = await ApiTestData.WorkerAsync(app);
        int agencies;
        await using (var before = app.OpenDb()) agencies = await before.Agencies.CountAsync();

        var truncated = await client.PostAsync("/api/people", new StringContent("{\"kind\": \"child\", ", Encoding.UTF8, "application/json"));
        var wrongType = await client.PostAsync("/api/people", new StringContent("{\"kind\": \"child\", \"knownAs\": \"X\", \"dateOfBirth\": 20141103}", Encoding.UTF8, "application/json"));
        var badEnum = await admin.PostAsync("/api/agencies", new StringContent("{\"name\": \"X\", \"kind\": \"spaceship\"}", Encoding.UTF8, "application/json"));
        var unknown = await admin.PostAsync("/api/agencies", new StringContent("{\"name\": \"X\", \"kind\": \"police\", \"colour\": \"blue\"}", Encoding.UTF8, "application/json"));
        var nested = await client.PostAsync("/api/people", new StringContent("{\"kind\": \"child\", \"knownAs\": \"X\", \"identifiers\": [{\"scheme\": \"nhs-number\", \"value\": 9434765919}]}", Encoding.UTF8, "application/json"));

        Assert.Contains("body", (await ApiTestData.ErrorsAsync(truncated)).Keys);
        Assert.Contains("dateOfBirth", (await ApiTestData.ErrorsAsync(wrongType)).Keys);
        Assert.Contains("kind", (await ApiTestData.ErrorsAsync(badEnum)).Keys);
        Assert.Contains("colour", (await ApiTestData.ErrorsAsync(unknown)).Keys);
        Assert.Contains("identifiers[0].value", (await ApiTestData.ErrorsAsync(nested)).Keys);
        await using var db = app.OpenDb();
        Assert.Equal(0, await db.People.CountAsync());
        Assert.Equal(agencies, await db.Agencies.CountAsync());
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_retried_write_with_the_same_idempotency_key_writes_once_and_a_different_body_is_refused(Provider provider)
    {
        await using var app = await ChronicleApp.StartAsync(provider);
        var (client, _, _, _) = await ApiTestData.WorkerAsync(app);
        var body = new { kind = "child", knownAs = "Child I", dateOfBirth = "2014-11-03" };

        var first = await Send(client, body, "key-1");
        var retry = await Send(client, body, "key-1");
        var changed = await Send(client, body with { knownAs = "Child J" }, "key-1");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, changed.StatusCode);
        Assert.Contains("different request", (await ApiTestData.ReadAsync(changed)).GetProperty("title").GetString());
        await using var db = app.OpenDb();
        Assert.Equal(1, await db.People.CountAsync());
        var record = Assert.Single(await db.IdempotencyRecords.ToListAsync());
        Assert.Equal("key-1", record.Key);
        Assert.Equal(201, record.StatusCode);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_refused_write_with_an_idempotency_key_keeps_nothing_so_the_corrected_request_can_use_it(Provider provider)
    {
        await using var app = await ChronicleApp.StartAsync(provider);
        var (client, _, _, _) = await ApiTestData.WorkerAsync(app);

        var refused = await Send(client, new { kind = "child", knownAs = "", dateOfBirth = "2014-11-03" }, "key-2");
        var corrected = await Send(client, new { kind = "child", knownAs = "Child K", dateOfBirth = "2014-11-03" }, "key-2");

        Assert.Contains("givenName", (await ApiTestData.ErrorsAsync(refused)).Keys);
        Assert.Equal(HttpStatusCode.Created, corrected.StatusCode);
        await using var db = app.OpenDb();
        Assert.Equal(1, await db.People.CountAsync());
    }

    private static Task<HttpResponseMessage> Send<T>(HttpClient client, T body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/people") { Content = JsonContent.Create(body, options: ChronicleApp.Json) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }
}

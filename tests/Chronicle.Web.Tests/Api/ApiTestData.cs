using System.Net.Http.Json;
using System.Text.Json;
using Chronicle.Web.Hosting;

namespace Chronicle.Web.Tests.Api;

/// <summary>
/// A small record made through the API: the administrator adds an agency and a social worker, who signs in and
/// records a child and her mother. <see cref="Client"/> is the social worker's session, <see cref="Admin"/> the administrator's.
/// </summary>
public sealed record ApiTestData(HttpClient Client, HttpClient Admin, Guid AgencyId, Guid WorkerId, Guid ChildId, Guid MotherId)
{
    public static async Task<ApiTestData> CreateAsync(ChronicleApp app)
    {
        var (client, admin, agency, worker) = await WorkerAsync(app);
        var child = await app.CreateAsync(client, "/api/people", new { kind = "child", knownAs = "Child T", dateOfBirth = "2014-11-03" });
        var mother = await app.CreateAsync(client, "/api/people", new { kind = "adult", knownAs = "Mother of Child T" });
        await app.CreateAsync(client, "/api/relationships", new { personId = mother, kind = "mother", relatedPersonId = child, hasParentalResponsibility = true });
        return new ApiTestData(client, admin, agency, worker, child, mother);
    }

    /// <summary>The administrator's session, and a social worker's in a new agency.</summary>
    public static async Task<(HttpClient Worker, HttpClient Admin, Guid AgencyId, Guid WorkerId)> WorkerAsync(ChronicleApp app, string name = "Sam Worker", string agencyName = "Testshire Children's Social Care")
    {
        var admin = await app.SignInAsync(await app.UserNameOfAsync(DemoAccounts.Administrator));
        var agency = await app.CreateAsync(admin, "/api/agencies", new { name = agencyName, kind = "childrens-social-care", area = "Testshire" });
        var worker = await app.CreateAsync(admin, "/api/professionals", new { name, agencyId = agency, role = "social-worker" });
        return (await app.SignInAsync(await app.AddAccountAsync(worker)), admin, agency, worker);
    }

    public object Entry(string kind, object details, Guid? about = null, string occurredAt = "2015-01-26T10:30:00Z") => new
    {
        kind,
        details,
        occurredAt,
        occurredPrecision = "exact",
        recordedByProfessionalId = WorkerId,
        subjects = new[] { about ?? ChildId },
        source = "seen-by-recorder",
        significance = "significant",
    };

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    /// <summary>The 400's errors, by field path.</summary>
    public static async Task<Dictionary<string, string[]>> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return problem.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
    }
}

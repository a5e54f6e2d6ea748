using System.Net.Http.Json;
using System.Text.Json;

namespace Chronicle.Web.Tests.Api;

/// <summary>A small record made through the API: an agency, a social worker, a child and her mother.</summary>
public sealed record ApiTestData(Guid AgencyId, Guid WorkerId, Guid ChildId, Guid MotherId)
{
    public static async Task<ApiTestData> CreateAsync(ChronicleApp app, HttpClient client)
    {
        var agency = await app.CreateAsync(client, "/api/agencies", new { name = "Testshire Children's Social Care", kind = "childrens-social-care", area = "Testshire" });
        var worker = await app.CreateAsync(client, "/api/professionals", new { name = "Sam Worker", agencyId = agency, role = "social-worker" });
        var child = await app.CreateAsync(client, "/api/people", new { kind = "child", knownAs = "Child T", dateOfBirth = "2014-11-03" });
        var mother = await app.CreateAsync(client, "/api/people", new { kind = "adult", knownAs = "Mother of Child T" });
        await app.CreateAsync(client, "/api/relationships", new { personId = mother, kind = "mother", relatedPersonId = child, hasParentalResponsibility = true });
        return new ApiTestData(agency, worker, child, mother);
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

using System.Text.Json;
using Chronicle.Testing;
using Chronicle.Web.Hosting;

namespace Chronicle.Web.Tests.Api;

public sealed class OpenApiTests
{
    [Fact]
    public async Task The_OpenAPI_document_is_served_and_lists_the_endpoints()
    {
        await using var app = await ChronicleApp.StartAsync(Provider.Sqlite);
        var client = await app.SignInAsync(await app.UserNameOfAsync(DemoAccounts.Administrator));

        var response = await client.GetAsync("/openapi/v1.json");

        response.EnsureSuccessStatusCode();
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var path in new[]
        {
            "/api/agencies", "/api/teams", "/api/professionals", "/api/people", "/api/people/{id}", "/api/relationships", "/api/households",
            "/api/households/{id}/members", "/api/addresses", "/api/involvements", "/api/entries", "/api/entries/{id}",
            "/api/entries/{id}/corrections", "/api/children", "/api/children/{id}/chronology",
        })
            Assert.Contains(path, paths);
        var post = document.GetProperty("paths").GetProperty("/api/entries").GetProperty("post");
        Assert.Contains(post.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "Idempotency-Key");
        Assert.True(post.GetProperty("responses").TryGetProperty("400", out _));
    }
}

using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Chronicle.Core.Validation;
using Chronicle.Web.Api;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chronicle.Web.Tests.Security;

/// <summary>
/// Every write in the API's route table, sent bodies broken in each way an attacker or a faulty client would
/// break them: null or a value of the wrong type for each field, null inside each list, a key given twice, texts over
/// their limit, control and direction characters. None may answer 500; the ones the limits name are a 400 naming the field.
/// </summary>
public sealed class InputLimitsTests(InputLimitsTests.App emily) : IClassFixture<InputLimitsTests.App>
{
    /// <summary>Emily's story on an app of these tests' own, since some broken bodies are still valid writes.</summary>
    public sealed class App : IAsyncLifetime
    {
        public EmilyApp Emily { get; } = new();
        public ValueTask InitializeAsync() => Emily.InitializeAsync();
        public ValueTask DisposeAsync() => Emily.DisposeAsync();
    }

    private EmilyApp Emily => emily.Emily;

    /// <summary>One write: the path with real ids, the C# type its body binds to, and who may send it.</summary>
    private sealed record Write(string Method, string Path, Type Body, HttpClient Client)
    {
        public override string ToString() => $"{Method} {Path}";
    }

    /// <summary>A route with ids that exist and that the sender may reach, so that the body is what is tested.</summary>
    private string Fill(string pattern)
    {
        var path = System.Text.RegularExpressions.Regex.Replace(pattern, ":[a-z]+}", "}").TrimEnd('/');
        return path
            .Replace("/children/{id}", $"/children/{Emily.Emily}", StringComparison.Ordinal)
            .Replace("/entries/{id}", $"/entries/{Emily.Entry}", StringComparison.Ordinal)
            .Replace("/households/{id}", $"/households/{Emily.Household}", StringComparison.Ordinal)
            .Replace("/involvements/{id}", $"/involvements/{Emily.Involvement}", StringComparison.Ordinal)
            .Replace("/alerts/{id}", $"/alerts/{Emily.ResolvedAlert}", StringComparison.Ordinal)
            .Replace("/reviews/{id}", $"/reviews/{Emily.LearningReview}", StringComparison.Ordinal)
            .Replace("/lessons/{id}", $"/lessons/{Emily.LearningLesson}", StringComparison.Ordinal)
            .Replace("/actions/{id}", $"/actions/{Emily.LearningAction}", StringComparison.Ordinal)
            .Replace("/incidents/{id}", $"/incidents/{Emily.LearningIncident}", StringComparison.Ordinal)
            .Replace("/accounts/{id}", $"/accounts/{Emily.AdministratorAccount}", StringComparison.Ordinal)
            .Replace("/policy/{key}", "/policy/SG-01.strategy-discussion", StringComparison.Ordinal);
    }

    /// <summary>Every API endpoint in the app's route table that takes a JSON body, with the first kind of user it lets in.</summary>
    private async Task<IReadOnlyList<Write>> WritesAsync()
    {
        var actors = new[] { Actor.TeamPractitioner, Actor.ManagerOfTeamMember, Actor.FrontDoor, Actor.Administrator, Actor.BusinessUnit, Actor.Reviewer, Actor.InformationGovernance };
        var writes = new List<Write>();
        var endpoints = Emily.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true);
        foreach (var endpoint in endpoints)
        {
            if (endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType is not { } body) continue;
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
            {
                var path = Fill(endpoint.RoutePattern.RawText!);
                Assert.DoesNotContain("{", path, StringComparison.Ordinal);
                // The first kind of user the endpoint lets in (a body of the wrong shape is then its business, not a 401, 403 or 404).
                HttpClient? client = null;
                foreach (var actor in actors)
                {
                    var candidate = await Emily.ClientAsync(actor);
                    using var probe = await SendAsync(candidate, method, path, "[]");
                    if (probe.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound))
                    {
                        client = candidate;
                        break;
                    }
                }
                Assert.True(client is not null, $"No demo user may {method} {path}");
                writes.Add(new Write(method, path, body, client!));
            }
        }
        return writes;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path, string body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        return await client.SendAsync(request);
    }

    private static Type Plain(Type type) => Nullable.GetUnderlyingType(type) ?? type;

    private static Type? ItemOf(Type type) => type == typeof(string) || type == typeof(JsonElement) ? null
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    private static bool IsObject(Type type) => type.IsClass && type != typeof(string) && ItemOf(type) is null;

    /// <summary>The JSON fields a body type takes: its settable properties, named as the API names them.</summary>
    private static IEnumerable<(string Name, Type Type)> Fields(Type type) =>
        type.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance)
            .Where(p => p.SetMethod is not null && p.GetIndexParameters().Length == 0 && p.GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonIgnoreAttribute), true).Length == 0)
            .Select(p => (Chronicle.Core.ChronicleJson.Options.PropertyNamingPolicy!.ConvertName(p.Name), p.PropertyType));

    /// <summary>A value the field's type takes, so that a body is well-formed apart from the field being broken.</summary>
    private static JsonNode? Sample(Type type, int depth = 0)
    {
        type = Plain(type);
        if (type == typeof(string)) return JsonValue.Create("Sample text");
        if (type.IsEnum) return JsonSerializer.SerializeToNode(Enum.GetValues(type).GetValue(0), type, Chronicle.Core.ChronicleJson.Options);
        if (type == typeof(Guid)) return JsonValue.Create(Guid.NewGuid().ToString());
        if (type == typeof(DateOnly)) return JsonValue.Create("2020-01-01");
        if (type == typeof(DateTimeOffset) || type == typeof(DateTime)) return JsonValue.Create("2020-01-01T10:00:00Z");
        if (type == typeof(TimeSpan)) return JsonValue.Create("01:00:00");
        if (type == typeof(int) || type == typeof(long) || type == typeof(decimal) || type == typeof(double)) return JsonValue.Create(1);
        if (type == typeof(bool)) return JsonValue.Create(true);
        if (type == typeof(JsonElement)) return new JsonObject();
        if (ItemOf(type) is not null) return new JsonArray();
        return IsObject(type) && depth < 3 ? Object(type, depth + 1) : null;
    }

    private static JsonObject Object(Type type, int depth = 0)
    {
        var body = new JsonObject();
        foreach (var (name, fieldType) in Fields(type)) body[name] = Sample(fieldType, depth);
        return body;
    }

    /// <summary>Values of types the field does not take.</summary>
    private static IEnumerable<JsonNode?> WrongTypes(Type type)
    {
        type = Plain(type);
        if (type == typeof(JsonElement)) yield break;
        if (type != typeof(string)) yield return JsonValue.Create("not-this");
        if (!IsObject(type)) yield return new JsonObject { ["x"] = 1 };
        if (ItemOf(type) is null) yield return new JsonArray(1, 2);
        yield return JsonValue.Create(12345);
        yield return JsonValue.Create(false);
    }

    [Fact]
    public async Task Every_write_in_the_route_table_answers_broken_bodies_with_a_4xx_never_a_500()
    {
        var writes = await WritesAsync();
        Assert.True(writes.Count >= 40, $"only {writes.Count} writes with a JSON body found");
        var failures = new List<string>();
        var sent = 0;

        async Task TryAsync(Write write, JsonNode? body, string how)
        {
            sent++;
            var text = body?.ToJsonString() ?? "null";
            using var response = await SendAsync(write.Client, write.Method, write.Path, text);
            if ((int)response.StatusCode >= 500)
                failures.Add($"{(int)response.StatusCode} {write} ({how}): {(text.Length > 200 ? text[..200] + "..." : text)}");
        }

        foreach (var write in writes)
        {
            var valid = Object(write.Body);
            foreach (var root in new JsonNode?[] { null, new JsonArray(), new JsonArray((JsonNode?)null), JsonValue.Create("text"), JsonValue.Create(42), new JsonObject() })
                await TryAsync(write, root, "the whole body");
            foreach (var (name, type) in Fields(write.Body))
            {
                JsonObject With(JsonNode? value)
                {
                    var body = (JsonObject)valid.DeepClone();
                    body[name] = value?.DeepClone();
                    return body;
                }
                await TryAsync(write, With(null), $"{name} null");
                foreach (var wrong in WrongTypes(type)) await TryAsync(write, With(wrong), $"{name} of the wrong type");
                if (ItemOf(Plain(type)) is { } item)
                {
                    await TryAsync(write, With(new JsonArray((JsonNode?)null)), $"{name} holding null");
                    await TryAsync(write, With(new JsonArray(Sample(item))), $"{name} holding a plain item");
                    foreach (var wrong in WrongTypes(item)) await TryAsync(write, With(new JsonArray(wrong)), $"{name} holding an item of the wrong type");
                    if (IsObject(Plain(item)))
                        foreach (var (inner, innerType) in Fields(Plain(item)))
                        {
                            var element = Object(Plain(item));
                            element[inner] = null;
                            await TryAsync(write, With(new JsonArray(element.DeepClone())), $"{name}[0].{inner} null");
                            foreach (var wrong in WrongTypes(innerType))
                            {
                                element[inner] = wrong;
                                await TryAsync(write, With(new JsonArray(element.DeepClone())), $"{name}[0].{inner} of the wrong type");
                            }
                        }
                }
                if (IsObject(Plain(type)))
                    foreach (var (inner, innerType) in Fields(Plain(type)))
                    {
                        var nested = Object(Plain(type));
                        nested[inner] = null;
                        await TryAsync(write, With(nested.DeepClone()), $"{name}.{inner} null");
                        foreach (var wrong in WrongTypes(innerType))
                        {
                            nested[inner] = wrong;
                            await TryAsync(write, With(nested.DeepClone()), $"{name}.{inner} of the wrong type");
                        }
                    }
            }
        }

        Assert.True(sent > 1000, $"only {sent} bodies sent");
        Assert.True(failures.Count == 0, $"{failures.Count} broken bodies answered 500:\n{string.Join("\n", failures.Take(60))}");
    }

    [Fact]
    public async Task Every_write_refuses_a_null_in_a_list_a_repeated_key_and_texts_over_their_limit_or_with_control_characters_naming_the_field()
    {
        var writes = await WritesAsync();
        var failures = new List<string>();
        var checks = 0;

        async Task ExpectAsync(Write write, string body, string field, string how)
        {
            checks++;
            using var response = await SendAsync(write.Client, write.Method, write.Path, body);
            var text = await response.Content.ReadAsStringAsync();
            var named = response.StatusCode == HttpStatusCode.BadRequest
                && JsonNode.Parse(text)?["errors"]?.AsObject().Any(e => e.Key == field) == true;
            if (!named) failures.Add($"{(int)response.StatusCode} {write} ({how}, expected 400 naming {field}): {(text.Length > 300 ? text[..300] : text)}");
        }

        foreach (var write in writes)
        {
            var valid = Object(write.Body);
            var fields = Fields(write.Body).ToList();
            if (fields.Count > 0)
            {
                var first = fields[0].Name;
                await ExpectAsync(write, "{" + $"\"{first}\":null," + valid.ToJsonString()[1..], first, "a key given twice");
            }
            foreach (var (name, type) in fields)
            {
                string With(JsonNode? value)
                {
                    var body = (JsonObject)valid.DeepClone();
                    body[name] = value?.DeepClone();
                    return body.ToJsonString();
                }
                if (ItemOf(Plain(type)) is { } item)
                {
                    await ExpectAsync(write, With(new JsonArray((JsonNode?)null)), $"{name}[0]", "null in a list");
                    if (Plain(item) == typeof(string))
                        await ExpectAsync(write, With(new JsonArray(JsonValue.Create("a\u0000b"))), $"{name}[0]", "a NUL in a list");
                }
                if (Plain(type) != typeof(string)) continue;
                var kind = TextLimits.KindOf(name, write.Path.EndsWith("/imports", StringComparison.Ordinal));
                if (kind != TextKind.Document)
                    await ExpectAsync(write, With(JsonValue.Create(new string('x', TextLimits.MaxLength(kind) + 1))), name, "one character too long");
                await ExpectAsync(write, With(JsonValue.Create("Emily\u0000")), name, "a NUL");
                await ExpectAsync(write, With(JsonValue.Create("Emily\u001Fand more")), name, "the unit separator");
                if (kind is TextKind.Name or TextKind.Identifier)
                    await ExpectAsync(write, With(JsonValue.Create("\u202EylimE")), name, "a right-to-left override");
            }
        }

        Assert.True(checks > 200, $"only {checks} bodies checked");
        Assert.True(failures.Count == 0, $"{failures.Count} bodies not refused by field:\n{string.Join("\n", failures.Take(40))}");
    }

    [Fact]
    public async Task A_household_whose_members_list_holds_null_is_a_400_naming_the_item_and_writes_nothing()
    {
        var worker = await Emily.ClientAsync(Actor.TeamPractitioner);
        await using var before = Emily.App.OpenDb();
        var households = await before.Households.CountAsync();

        using var response = await SendAsync(worker, "post", "/api/households", "{\"name\":\"The Null household\",\"members\":[null]}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        Assert.Contains("members[0]", errors.Select(e => e.Key));
        await using var after = Emily.App.OpenDb();
        Assert.Equal(households, await after.Households.CountAsync());
    }

    [Fact]
    public async Task A_repeated_key_is_refused_naming_it_even_inside_an_entrys_details()
    {
        var worker = await Emily.ClientAsync(Actor.TeamPractitioner);
        var body = $$"""{"kind":"home-visit","details":{"childSeen":true,"childSeen":false},"occurredAt":"2020-01-01T10:00:00Z","subjects":["{{Emily.Emily}}"],"source":"seen-by-recorder"}""";

        using var response = await SendAsync(worker, "post", "/api/entries", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        Assert.Contains("details.childSeen", errors.Select(e => e.Key));
    }

    [Fact]
    public async Task A_5_MB_narrative_is_refused_and_one_over_the_limit_is_a_400_naming_the_narrative()
    {
        var worker = await Emily.ClientAsync(Actor.TeamPractitioner);
        string Entry(string narrative) => new JsonObject
        {
            ["kind"] = "home-visit", ["details"] = new JsonObject { ["childSeen"] = true }, ["narrative"] = narrative,
            ["occurredAt"] = "2020-01-01T10:00:00Z", ["subjects"] = new JsonArray(Emily.Emily.ToString()), ["source"] = "seen-by-recorder",
        }.ToJsonString();
        using var huge = await SendAsync(worker, "post", "/api/entries", Entry(new string('a', 5 * 1024 * 1024)));
        using var over = await SendAsync(worker, "post", "/api/entries", Entry(new string('a', TextLimits.MaxLength(TextKind.FreeText) + 1)));
        using var within = await SendAsync(worker, "post", "/api/entries", Entry(new string('a', TextLimits.MaxLength(TextKind.FreeText))));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Equal("application/problem+json", huge.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, over.StatusCode);
        Assert.Contains("must be 20,000 characters or fewer", JsonNode.Parse(await over.Content.ReadAsStringAsync())!["errors"]!["narrative"]![0]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, within.StatusCode);
        await using var db = Emily.App.OpenDb();
        Assert.Equal(0, await db.Entries.CountAsync(e => e.Narrative != null && e.Narrative.Length > TextLimits.MaxLength(TextKind.FreeText)));
        Assert.Equal(1, await db.Entries.CountAsync(e => e.Narrative != null && e.Narrative.Length == TextLimits.MaxLength(TextKind.FreeText)));
    }

    [Theory]
    [InlineData("Emily\u0000", "control characters")]
    [InlineData("Emi\u001Fly", "control characters")]
    [InlineData("\u202Eylime", "direction")]
    [InlineData("Emily\u2066Smith\u2069", "direction")]
    [InlineData("Emily\nSmith", "one line")]
    public async Task A_persons_name_refuses_control_and_direction_characters(string name, string words)
    {
        var worker = await Emily.ClientAsync(Actor.TeamPractitioner);

        using var response = await SendAsync(worker, "post", "/api/people", new JsonObject { ["kind"] = "child", ["givenName"] = name }.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(words, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!["givenName"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task A_form_with_a_name_holding_a_control_character_or_an_oversized_narrative_gets_a_GOV_UK_error_naming_the_field()
    {
        var worker = await Emily.ClientAsync(Actor.TeamPractitioner);
        await using var before = Emily.App.OpenDb();
        var entries = await before.Entries.CountAsync();
        var grants = await before.BreakGlassGrants.CountAsync();

        var breakGlass = await ChronicleApp.PostFormAsync(worker, "/break-glass", new() { ["name"] = "Emily\u0000", ["dateOfBirth"] = "2015-01-01", ["reason"] = new string('r', 30) });
        var entry = await ChronicleApp.PostFormAsync(worker, $"/children/{Emily.Emily}/entries/new?kind=home-visit",
            new() { ["kind"] = "home-visit", ["narrative"] = new string('n', 30_000), ["occurredOn"] = "2020-01-01" });
        var huge = await ChronicleApp.PostFormAsync(worker, $"/children/{Emily.Emily}/entries/new?kind=home-visit",
            new() { ["kind"] = "home-visit", ["narrative"] = new string('n', 5 * 1024 * 1024), ["occurredOn"] = "2020-01-01" });

        Assert.True(breakGlass.StatusCode == HttpStatusCode.BadRequest, string.Join("\n", Emily.App.Logs.Lines.Where(l => l.StartsWith("Error", StringComparison.Ordinal)).Select(l => l.Length > 1500 ? l[..1500] : l)));
        var page = await breakGlass.Content.ReadAsStringAsync();
        Assert.Contains("govuk-error-summary", page);
        Assert.Contains("The name must not contain control characters", page);
        Assert.Equal(HttpStatusCode.BadRequest, entry.StatusCode);
        Assert.Contains("The narrative must be 20,000 characters or fewer", await entry.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        await using var after = Emily.App.OpenDb();
        Assert.Equal(entries, await after.Entries.CountAsync());
        Assert.Equal(grants, await after.BreakGlassGrants.CountAsync());
    }

    [Fact]
    public void The_limits_are_the_documented_ones()
    {
        var security = File.ReadAllText(Chronicle.Testing.RepositoryFiles.Path("docs/security.md"));
        foreach (var kind in Enum.GetValues<TextKind>())
            Assert.Contains(TextLimits.MaxLength(kind).ToString("N0", System.Globalization.CultureInfo.InvariantCulture), security);
        Assert.Contains($"{RequestLimits.DefaultMaxBodyBytes / (1024 * 1024)} MB", security);
        Assert.Equal(TextKind.Name, TextLimits.KindOf("members[0].givenName"));
        Assert.Equal(TextKind.Identifier, TextLimits.KindOf("identifiers[2].value"));
        Assert.Equal(TextKind.FreeText, TextLimits.KindOf("narrative"));
        Assert.Equal(TextKind.Reason, TextLimits.KindOf("Reason"));
        Assert.Equal(TextKind.Document, TextLimits.KindOf("text", documentImport: true));
    }
}

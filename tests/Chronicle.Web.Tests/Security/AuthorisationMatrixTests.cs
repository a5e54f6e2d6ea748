using System.Net;
using System.Text;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chronicle.Web.Tests.Security;

/// <summary>
/// Every page and API endpoint, read from the app's own route table, tried by every kind of user against Emily's
/// record: each answer must be the one its declared permission allows. An endpoint without a permission, or with one
/// this matrix does not know, fails the test.
/// </summary>
[Collection(EmilyCollection.Name)]
public sealed class AuthorisationMatrixTests(EmilyApp emily)
{
    public enum Outcome { Allowed, SignIn, Forbidden, Hidden }

    private static readonly Actor[] ChildRoles = [Actor.TeamPractitioner, Actor.TeamGp, Actor.OutsideGp, Actor.ManagerOfTeamMember, Actor.FrontDoor];

    /// <summary>What each permission allows each actor, for Emily's record.</summary>
    public static Outcome Expected(string permission, Actor actor) => permission switch
    {
        Permissions.Anonymous => Outcome.Allowed,
        _ when actor == Actor.Anonymous => Outcome.SignIn,
        Permissions.SignedIn or Permissions.ListChildren => Outcome.Allowed,
        Permissions.ReadChild or Permissions.ReadPerson or Permissions.ReadEntry or Permissions.ReadHousehold =>
            actor is Actor.TeamPractitioner or Actor.TeamGp or Actor.ManagerOfTeamMember ? Outcome.Allowed : Outcome.Hidden,
        Permissions.ReadViewingHistory => actor is Actor.TeamPractitioner or Actor.InformationGovernance ? Outcome.Allowed : Outcome.Hidden,
        // Writes name their people in the body: someone outside the team is refused there (EmilyAccessTests).
        Permissions.WriteRecord or Permissions.BreakGlass => ChildRoles.Contains(actor) ? Outcome.Allowed : Outcome.Forbidden,
        Permissions.ReadBreakGlassLog => actor == Actor.InformationGovernance ? Outcome.Allowed : Outcome.Forbidden,
        Permissions.Administer => actor == Actor.Administrator ? Outcome.Allowed : Outcome.Forbidden,
        // Emily's alert in the route is one that is already resolved, so that the matrix's posts change nothing.
        Permissions.ActOnAlert => Expected(Permissions.ReadChild, actor),
        Permissions.CloseAlert => actor == Actor.ManagerOfTeamMember ? Outcome.Allowed : actor is Actor.TeamPractitioner or Actor.TeamGp ? Outcome.Forbidden : Outcome.Hidden,
        Permissions.MyAlerts => ChildRoles.Contains(actor) ? Outcome.Allowed : Outcome.Forbidden,
        Permissions.AlertsOverview => actor is Actor.ManagerOfTeamMember or Actor.BusinessUnit ? Outcome.Allowed : Outcome.Forbidden,
        Permissions.SetPolicy => actor == Actor.BusinessUnit ? Outcome.Allowed : Outcome.Forbidden,
        // The team's work on a case is open to whoever may see the child; the inbox and actions are everyone's own.
        Permissions.WorkOnCase => Expected(Permissions.ReadChild, actor),
        Permissions.OwnWork => Outcome.Allowed,
        Permissions.ManageStaff => actor == Actor.ManagerOfTeamMember ? Outcome.Allowed : Outcome.Forbidden,
        // Learning pages hold the reviews' own words, no child's record: anyone signed in reads them; the practitioners
        // they are for give feedback.
        Permissions.ReadLearning => Outcome.Allowed,
        Permissions.GiveBriefingFeedback => ChildRoles.Contains(actor) ? Outcome.Allowed : Outcome.Forbidden,
        Permissions.WriteLearning => actor is Actor.BusinessUnit or Actor.Reviewer ? Outcome.Allowed : Outcome.Forbidden,
        Permissions.ScrutiniseLearning => actor is Actor.BusinessUnit or Actor.Reviewer or Actor.ManagerOfTeamMember ? Outcome.Allowed : Outcome.Forbidden,
        // The review queue names people whoever may see them: only the front door, which resolves identity, holds it.
        Permissions.ResolveIdentity => actor == Actor.FrontDoor ? Outcome.Allowed : Outcome.Forbidden,
        _ => throw new InvalidOperationException($"The authorisation matrix does not know the permission '{permission}': add what it allows to Expected"),
    };

    public sealed record Route(string Pattern, string Method, string Permission, bool IsPage);

    private List<Route> Routes()
    {
        var routes = new List<Route>();
        foreach (var endpoint in emily.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/');
            var permission = endpoint.Metadata.GetOrderedMetadata<IPermissionMetadata>();
            Assert.True(permission.Count == 1, $"{endpoint.DisplayName} ({pattern}) declares {permission.Count} permissions: every page and endpoint declares exactly one");
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
            var isPage = methods is null;
            foreach (var method in methods ?? ["GET", "POST"]) routes.Add(new Route(pattern, method, permission[0].Permission, isPage));
        }
        return routes;
    }

    [Fact]
    public void Every_endpoint_declares_one_permission_the_matrix_knows_and_the_matrix_knows_every_permission()
    {
        var routes = Routes();

        Assert.Contains(routes, r => r.Pattern == "/api/entries" && r.Method == "POST" && r.Permission == Permissions.WriteRecord);
        Assert.Contains(routes, r => r.Pattern == "/children/{id:guid}" && r.Permission == Permissions.ReadChild);
        Assert.True(routes.Count > 30, $"only {routes.Count} routes were found");
        foreach (var permission in Permissions.All)
            foreach (var actor in Enum.GetValues<Actor>())
                Expected(permission, actor);
        foreach (var route in routes) Expected(route.Permission, Actor.TeamPractitioner);
    }

    [Fact]
    public async Task Every_route_answers_each_kind_of_user_as_its_permission_says_and_a_refusal_carries_nothing_of_Emily()
    {
        var problems = new List<string>();
        foreach (var route in Routes())
        {
            var path = Fill(route.Pattern);
            foreach (var actor in Enum.GetValues<Actor>())
            {
                var client = await emily.ClientAsync(actor);
                using var request = new HttpRequestMessage(new HttpMethod(route.Method), path);
                if (route.Method != "GET") request.Content = route.IsPage
                    ? new FormUrlEncodedContent(new Dictionary<string, string>())
                    : new StringContent("{}", Encoding.UTF8, "application/json");
                using var response = await client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                var outcome = Classify(response);
                var expected = Expected(route.Permission, actor);
                // A write to a record named in the route is not found by someone who may not see it (or refused first, if the body cannot be read).
                if (route.Permission == Permissions.WriteRecord && route.Pattern.Contains("{id", StringComparison.Ordinal) && expected == Outcome.Allowed
                    && Expected(Permissions.ReadChild, actor) == Outcome.Hidden && response.StatusCode != HttpStatusCode.BadRequest)
                    expected = Outcome.Hidden;
                // An escalation opens only to the manager it was sent to: the one named is sent to none of these actors
                // (a post is refused for its missing antiforgery token first, as every form's is).
                if (route.Pattern.StartsWith("/inbox/escalations/", StringComparison.Ordinal) && route.Method == "GET" && expected == Outcome.Allowed) expected = Outcome.Hidden;
                var where = $"{route.Method} {path} as {actor}";
                if ((int)response.StatusCode >= 500) problems.Add($"{where}: {(int)response.StatusCode}");
                else if (outcome != expected) problems.Add($"{where}: expected {expected}, got {outcome} ({(int)response.StatusCode})");
                else if (route.Method != "GET" && response.IsSuccessStatusCode && route.Permission != Permissions.Anonymous)
                    problems.Add($"{where}: an empty request was accepted ({(int)response.StatusCode})");
                else if (route.IsPage && route.Method == "POST" && outcome == Outcome.Allowed && route.Pattern != "/error" && response.StatusCode != HttpStatusCode.BadRequest)
                    problems.Add($"{where}: a form post without an antiforgery token answered {(int)response.StatusCode}, not 400");
                if (outcome != Outcome.Allowed && Expected(Permissions.ReadChild, actor) != Outcome.Allowed)
                {
                    try { emily.AssertNothingOfEmily(body, where); }
                    catch (Exception ex) { problems.Add(ex.Message); }
                }
                if (outcome == Outcome.SignIn && !route.IsPage && (response.StatusCode != HttpStatusCode.Unauthorized || response.Content.Headers.ContentType?.MediaType != "application/problem+json"))
                    problems.Add($"{where}: the API asks for sign-in with {(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType}, not a 401 problem in JSON");
            }
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    /// <summary>
    /// Every write endpoint, with a body built from its request type in which every id-bearing field names one of
    /// Emily's records (her, her mother, her household, her entry, her involvement) and only the subjects name a
    /// person the caller made: refused to a GP who may not see her, on every route and every kind of entry, and
    /// nothing of the record changes (docs/security.md, "One access rule for every reference").
    /// </summary>
    [Fact]
    public async Task Every_write_naming_Emilys_records_in_its_body_is_refused_to_someone_who_may_not_see_her_and_changes_nothing()
    {
        var gp = await emily.ClientAsync(Actor.OutsideGp);
        var own = await emily.App.CreateAsync(gp, "/api/people", new { kind = "adult", givenName = "Own", familyName = "Patient" });
        var before = await FingerprintAsync();
        var problems = new List<string>();
        var sent = 0;
        foreach (var endpoint in emily.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/');
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
            var body = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.RequestType;
            if (!pattern.StartsWith("/api/", StringComparison.Ordinal) || body is null || !methods.Any(m => m is "POST" or "PUT")) continue;
            var bodies = body == typeof(Core.Chronology.EntryInput) || body == typeof(Core.Chronology.CorrectionInput)
                ? Core.Chronology.EntryKinds.All.Select(k => EntryBody(k, own, body == typeof(Core.Chronology.CorrectionInput))).ToList()
                : [Body(body, own)];
            foreach (var json in bodies)
            {
                if (!json.ToJsonString().Contains(emily.Emily.ToString(), StringComparison.OrdinalIgnoreCase)
                    && !json.ToJsonString().Contains(emily.Household.ToString(), StringComparison.OrdinalIgnoreCase)
                    && !json.ToJsonString().Contains(emily.Entry.ToString(), StringComparison.OrdinalIgnoreCase)
                    && !json.ToJsonString().Contains(emily.Mother.ToString(), StringComparison.OrdinalIgnoreCase)) continue;
                using var request = new HttpRequestMessage(new HttpMethod(methods.First(m => m is "POST" or "PUT")), Fill(pattern)) { Content = new StringContent(json.ToJsonString(), Encoding.UTF8, "application/json") };
                using var response = await gp.SendAsync(request);
                sent++;
                if (response.IsSuccessStatusCode) problems.Add($"{request.Method} {pattern} with {json.ToJsonString()}: {(int)response.StatusCode}");
                else if ((int)response.StatusCode >= 500) problems.Add($"{request.Method} {pattern}: {(int)response.StatusCode}");
                else
                {
                    try { emily.AssertNothingOfEmily(await response.Content.ReadAsStringAsync(), $"{request.Method} {pattern}"); }
                    catch (Exception ex) { problems.Add(ex.Message); }
                }
            }
        }
        Assert.True(sent > 40, $"only {sent} writes were tried");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.Equal(before, await FingerprintAsync());
    }

    private System.Text.Json.Nodes.JsonObject EntryBody(Core.Chronology.EntryKind kind, Guid own, bool correction)
    {
        var details = Attacks.DetailsGenerator.Build(kind.DetailsType, (_, target) => IdOf(target));
        var entry = new System.Text.Json.Nodes.JsonObject
        {
            ["kind"] = kind.Code, ["details"] = details, ["occurredAt"] = "2024-05-01T10:00:00Z", ["occurredPrecision"] = "exact",
            ["subjects"] = new System.Text.Json.Nodes.JsonArray(own.ToString()), ["source"] = "seen-by-recorder",
        };
        return correction ? new System.Text.Json.Nodes.JsonObject { ["entry"] = entry, ["reason"] = "It was wrong" } : entry;
    }

    private Guid IdOf(Core.Chronology.ReferenceTarget target) => target switch
    {
        Core.Chronology.ReferenceTarget.Person => emily.Emily,
        Core.Chronology.ReferenceTarget.Entry => emily.Entry,
        Core.Chronology.ReferenceTarget.Household => emily.Household,
        Core.Chronology.ReferenceTarget.Agency => emily.Agency,
        _ => emily.Professional,
    };

    /// <summary>A body of the request type: ids by what their names say they name (Emily's records; the caller's own directory entries), plausible values elsewhere.</summary>
    private System.Text.Json.Nodes.JsonObject Body(Type type, Guid own)
    {
        var json = new System.Text.Json.Nodes.JsonObject();
        foreach (var property in type.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance).Where(p => p.Name != "EqualityContract"))
        {
            var name = char.ToLowerInvariant(property.Name[0]) + property.Name[1..];
            var t = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var element = t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? t.GetGenericArguments()[0] : null;
            Guid IdFor(string n) => n switch
            {
                _ when n.Contains("Entry", StringComparison.Ordinal) => emily.Entry,
                _ when n.Contains("Household", StringComparison.Ordinal) => emily.Household,
                _ when n.Contains("Involvement", StringComparison.Ordinal) => emily.Involvement,
                _ when n.Contains("Alert", StringComparison.Ordinal) => emily.ResolvedAlert,
                _ when n.Contains("Agency", StringComparison.Ordinal) => emily.Agency,
                _ when n.Contains("Professional", StringComparison.Ordinal) || n.Contains("Supervisee", StringComparison.Ordinal) || n.Contains("Chair", StringComparison.Ordinal) => emily.Professional,
                _ when n.Contains("Related", StringComparison.Ordinal) || n.Contains("Parent", StringComparison.Ordinal) => emily.Mother,
                _ => emily.Emily,
            };
            System.Text.Json.Nodes.JsonNode? value = (t, element) switch
            {
                _ when t == typeof(Guid) => IdFor(property.Name).ToString(),
                _ when element == typeof(Guid) => new System.Text.Json.Nodes.JsonArray(IdFor(property.Name).ToString()),
                _ when t == typeof(string) => "A reason that is long enough to be taken",
                _ when t.IsEnum => System.Text.Json.JsonSerializer.SerializeToNode(Enum.GetValues(t).GetValue(0), t, ChronicleApp.Json),
                _ when t == typeof(DateOnly) => "2024-05-01",
                _ when t == typeof(DateTimeOffset) => "2024-05-01T10:00:00Z",
                _ when t == typeof(bool) => true,
                _ when t == typeof(int) => 0,
                _ when element is not null && element.IsClass && element != typeof(string) => new System.Text.Json.Nodes.JsonArray(Body(element, own)),
                _ => null,
            };
            if (value is not null) json[name] = value;
        }
        return json;
    }

    private async Task<string> FingerprintAsync()
    {
        await using var db = emily.App.OpenDb();
        var child = await db.People.AsNoTracking().SingleAsync(p => p.Id == emily.Emily);
        return string.Join("|", await db.Entries.CountAsync(), await db.Involvements.CountAsync(), await db.Relationships.CountAsync(), await db.HouseholdMemberships.CountAsync(),
            await db.HouseholdMemberships.CountAsync(m => m.To != null), await db.TeamChanges.CountAsync(), await db.AddressFacts.CountAsync(), await db.AccessProposals.CountAsync(),
            await db.Actions.CountAsync(a => a.Status != Core.Actions.ActionStatus.Open), child.DateOfBirth, child.Kind);
    }

    private static Outcome Classify(HttpResponseMessage response) => response.StatusCode switch
    {
        HttpStatusCode.Unauthorized => Outcome.SignIn,
        HttpStatusCode.Redirect when response.Headers.Location?.OriginalString.Contains("/sign-in", StringComparison.Ordinal) == true => Outcome.SignIn,
        HttpStatusCode.Forbidden => Outcome.Forbidden,
        HttpStatusCode.NotFound => Outcome.Hidden,
        _ => Outcome.Allowed,
    };

    /// <summary>The route with its {id} filled with a record of Emily's (or a directory entry for the directory).</summary>
    private string Fill(string pattern)
    {
        pattern = pattern.Replace("{documentName}", "v1", StringComparison.Ordinal);
        pattern = pattern.Replace("{safeguardId}", "SG-01", StringComparison.Ordinal).Replace("{key}", "SG-01.age-threshold", StringComparison.Ordinal);
        if (!pattern.Contains('{', StringComparison.Ordinal)) return pattern;
        var id = pattern switch
        {
            _ when pattern.StartsWith("/children/", StringComparison.Ordinal) || pattern.StartsWith("/api/children/", StringComparison.Ordinal) => emily.Emily,
            _ when pattern.StartsWith("/api/people/", StringComparison.Ordinal) => emily.Mother,
            _ when pattern.StartsWith("/api/entries/", StringComparison.Ordinal) => emily.Entry,
            _ when pattern.StartsWith("/api/households/", StringComparison.Ordinal) => emily.Household,
            _ when pattern.StartsWith("/api/involvements/", StringComparison.Ordinal) => emily.Involvement,
            _ when pattern.StartsWith("/api/agencies/", StringComparison.Ordinal) => emily.Agency,
            _ when pattern.StartsWith("/api/teams/", StringComparison.Ordinal) => emily.Team,
            _ when pattern.StartsWith("/api/professionals/", StringComparison.Ordinal) => emily.Professional,
            _ when pattern.StartsWith("/api/accounts/", StringComparison.Ordinal) || pattern.StartsWith("/accounts/", StringComparison.Ordinal) => emily.AdministratorAccount,
            _ when pattern.StartsWith("/alerts/", StringComparison.Ordinal) || pattern.StartsWith("/api/alerts/", StringComparison.Ordinal) => emily.ResolvedAlert,
            _ when pattern.Contains("learning/incidents/", StringComparison.Ordinal) => emily.LearningIncident,
            _ when pattern.Contains("learning/reviews/", StringComparison.Ordinal) => emily.LearningReview,
            _ when pattern.Contains("learning/actions/", StringComparison.Ordinal) => emily.LearningAction,
            _ when pattern.Contains("learning/lessons/", StringComparison.Ordinal) => emily.LearningLesson,
            _ when pattern.StartsWith("/inbox/escalations/", StringComparison.Ordinal) => emily.Entry,
            _ => throw new InvalidOperationException($"The authorisation matrix does not know what to put in {pattern}: add it to Fill"),
        };
        return System.Text.RegularExpressions.Regex.Replace(pattern, @"\{(id|[a-z]+Id)(:[a-z]+)?\}", id.ToString());
    }
}

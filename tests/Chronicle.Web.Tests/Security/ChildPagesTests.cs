using System.Net;
using Chronicle.Web.Children;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Chronicle.Web.Tests.Security;

/// <summary>
/// Every page about one child (its route names the child, in the child folders), read from the app's own route table
/// so that a new page is covered as soon as it exists: each opens the child through <see cref="OpenChildFilter"/>,
/// and each answers 404, on a GET and on every form it posts, for a child the user may not see.
/// </summary>
[Collection(EmilyCollection.Name)]
public sealed class ChildPagesTests(EmilyApp emily)
{
    public sealed record ChildPage(string Route, CompiledPageActionDescriptor Page)
    {
        public bool OwnAccessRule => Page.HandlerTypeInfo.IsDefined(typeof(OwnAccessRuleAttribute), inherit: false);
        public IEnumerable<string?> PostHandlers => Page.HandlerMethods.Where(h => h.HttpMethod == "Post").Select(h => h.Name).Distinct();
        public string Path(Guid child) => "/" + Route.Trim('/').Replace("{id:guid}", child.ToString(), StringComparison.Ordinal);
    }

    private async Task<List<ChildPage>> ChildPagesAsync()
    {
        var loader = emily.App.Services.GetRequiredService<PageLoader>();
        var pages = new List<ChildPage>();
        foreach (var endpoint in emily.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not { } page) continue;
            var route = endpoint.RoutePattern.RawText ?? "";
            if (!OpenChildFilter.Folders.Any(f => page.ViewEnginePath.StartsWith(f + "/", StringComparison.Ordinal)) || !route.Contains("{id", StringComparison.Ordinal)) continue;
            pages.Add(new ChildPage(route, await loader.LoadAsync(page, endpoint.Metadata)));
        }
        return pages;
    }

    [Fact]
    public async Task Every_page_naming_a_child_in_its_route_opens_the_child_through_the_one_filter()
    {
        var pages = await ChildPagesAsync();

        Assert.True(pages.Count >= 16, $"only {pages.Count} pages about a child were found");
        foreach (var folder in OpenChildFilter.Folders)
            Assert.Contains(pages, p => p.Page.ViewEnginePath.StartsWith(folder + "/", StringComparison.Ordinal));
        Assert.Contains(pages, p => p.Route == "children/{id:guid}");
        Assert.Contains(pages, p => p.Route == "children/{id:guid}/entries/new");
        foreach (var page in pages.Where(p => !p.OwnAccessRule))
        {
            Assert.True(typeof(ChildPageModel).IsAssignableFrom(page.Page.ModelTypeInfo), $"{page.Route}'s model is not a {nameof(ChildPageModel)}");
            Assert.True(page.Page.FilterDescriptors.Any(f => f.Filter is ServiceFilterAttribute { ServiceType: var t } && t == typeof(OpenChildFilter)),
                $"{page.Route} does not open its child through {nameof(OpenChildFilter)}");
        }
        // Only the viewing history has its own rule (information governance reads it without seeing the child).
        Assert.Equal(["children/{id:guid}/viewers"], pages.Where(p => p.OwnAccessRule).Select(p => p.Route));
    }

    [Fact]
    public async Task Every_page_naming_a_child_answers_404_for_a_child_the_user_may_not_see_on_GET_and_on_every_POST()
    {
        var pages = await ChildPagesAsync();
        // Emily to those who may not see her, and to her own social worker a child who does not exist: the same answer.
        (Actor Actor, Guid Child)[] attempts = [(Actor.OutsideGp, emily.Emily), (Actor.FrontDoor, emily.Emily), (Actor.TeamPractitioner, Guid.NewGuid())];
        var problems = new List<string>();
        var tried = 0;
        foreach (var (actor, child) in attempts)
        {
            var client = await emily.ClientAsync(actor);
            foreach (var page in pages)
            {
                var path = page.Path(child);
                var requests = new List<(string Method, string Path)> { ("GET", path) };
                // A POST with no handler is tried too: a page without OnPost must not answer it with the child either.
                requests.AddRange(page.PostHandlers.Append(null).Distinct().Select(h => ("POST", h is null ? path : $"{path}?handler={h}")));
                foreach (var (method, target) in requests)
                {
                    using var response = method == "GET"
                        ? await client.GetAsync(target)
                        // With a valid antiforgery token, so that nothing but the child can refuse it.
                        : await ChronicleApp.PostFormAsync(client, target, new() { ["id"] = emily.Emily.ToString() }, formPage: "/");
                    tried++;
                    var body = await response.Content.ReadAsStringAsync();
                    var where = $"{method} {target} as {actor}";
                    if (response.StatusCode != HttpStatusCode.NotFound) problems.Add($"{where}: {(int)response.StatusCode}, not 404");
                    if (child != emily.Emily) continue;
                    try { emily.AssertNothingOfEmily(body, where); }
                    catch (Exception ex) { problems.Add(ex.Message); }
                }
            }
        }
        Assert.True(tried > pages.Count * attempts.Length * 2, $"only {tried} requests were tried");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}

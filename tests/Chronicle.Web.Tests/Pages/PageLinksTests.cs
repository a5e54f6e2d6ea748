using System.Text.RegularExpressions;
using Chronicle.Testing;

namespace Chronicle.Web.Tests.Pages;

/// <summary>
/// Links and forms to Chronicle's own pages are made by page name (<c>asp-page</c>, <c>Url.Page</c>, <c>RedirectToPage</c>), so
/// that a page's address is written once, in its <c>@page</c> directive. Only files are linked by path: GOV.UK
/// Frontend's assets (/assets) and Chronicle's own script and CSS (each folder of wwwroot).
/// </summary>
public sealed partial class PageLinksTests
{
    private static readonly string Web = RepositoryFiles.Path(Path.Combine("src", "Chronicle.Web"));

    /// <summary>The paths of files, which are no page: GOV.UK Frontend's under /assets, and each folder of wwwroot.</summary>
    private static readonly string[] FilePaths = ["/assets/", .. Directory.GetDirectories(Path.Combine(Web, "wwwroot")).Select(d => $"/{Path.GetFileName(d)}/")];

    [GeneratedRegex("""\b(?:href|action|formaction)\s*=\s*["'](/[^"']*)["']""")]
    private static partial Regex LiteralHref();

    [GeneratedRegex("""\b(?:Local)?Redirect\(\s*\$?@?"(/[^"]*)""")]
    private static partial Regex LiteralRedirect();

    /// <summary>Each literal link (href) or form address (action, formaction) in this markup to a path that is not a file, as "line: path".</summary>
    public static IEnumerable<string> LiteralPageLinks(string markup) =>
        markup.Split('\n').SelectMany((line, i) => LiteralHref().Matches(line)
            .Select(m => m.Groups[1].Value)
            .Where(href => !FilePaths.Any(f => href.StartsWith(f, StringComparison.Ordinal)))
            .Select(href => $"{i + 1}: {href}"));

    /// <summary>A path built in code from its parts ($"/children/{id}/chronology?page={n}"): a page's address written again.</summary>
    [GeneratedRegex("""(?:\$@?|@\$)"(/[^"]*\{[^"]*)""")]
    private static partial Regex BuiltPath();

    /// <summary>Each address built from a path by interpolation in this code or markup, as "line: path".</summary>
    public static IEnumerable<string> BuiltPaths(string code) =>
        code.Split('\n').SelectMany((line, i) => BuiltPath().Matches(line).Select(m => $"{i + 1}: {m.Groups[1].Value}"));

    public static IEnumerable<string> LiteralPageRedirects(string code) =>
        code.Split('\n').SelectMany((line, i) => LiteralRedirect().Matches(line).Select(m => $"{i + 1}: {m.Groups[1].Value}"));

    [Fact]
    public void The_scan_finds_a_literal_link_to_a_page_and_leaves_files_and_fragments_alone()
    {
        Assert.Equal(["2: /children/@Model.Id/chronology", "3: /", "5: /sign-out", "5: /alerts/@a.Id?handler=resolve"],
            LiteralPageLinks("<link rel=\"stylesheet\" href=\"/assets/govuk-frontend.min.css\">\n<a class=\"govuk-link\" href=\"/children/@Model.Id/chronology\">\n<a href='/'> <a href=\"#main-content\"> <script src=\"/js/init.js\"></script>\n<link href=\"/css/chronicle.css\">\n<form method=\"post\" action=\"/sign-out\"><button formaction=\"/alerts/@a.Id?handler=resolve\">"));
        Assert.Equal(["1: /children/{Id}/team?done=added", "2: /"],
            LiteralPageRedirects("return Redirect($\"/children/{Id}/team?done=added\");\nreturn Redirect(\"/\");\nreturn RedirectToPage(\"/Index\");\nreturn LocalRedirect(returnUrl);"));
    }

    [Fact]
    public void No_page_links_to_another_of_Chronicles_pages_by_a_literal_path()
    {
        var files = Directory.GetFiles(Web, "*.cshtml", SearchOption.AllDirectories).Where(f => !IsBuildOutput(f)).ToList();
        Assert.True(files.Count > 50, $"only {files.Count} .cshtml files were found under {Web}");
        var found = files.SelectMany(f => LiteralPageLinks(File.ReadAllText(f)).Select(l => $"{Path.GetRelativePath(Web, f)}:{l}")).ToList();
        Assert.True(found.Count == 0, "Link to pages and post forms to them by name (asp-page, asp-page-handler and asp-route-*, or Url.Page), not by path:" + Environment.NewLine + string.Join(Environment.NewLine, found));
    }

    [Fact]
    public void The_scan_finds_an_address_built_from_a_path()
    {
        Assert.Equal(["1: /reminders?page={page}", "2: /children/{Id}/chronology{(query)}"],
            BuiltPaths("public static string PageHref(int page) => $\"/reminders?page={page}\";\nreturn $@\"/children/{Id}/chronology{(query)}\";\nvar p = Url.Page(\"/Reminders/Index\");\nif (path.StartsWith(\"/children/\")) { }"));
    }

    /// <summary>A list's pages and forms are addressed by the page's name too (GovUk.Pagination.Address), never by a path a page or page model builds.</summary>
    [Fact]
    public void No_page_builds_an_address_from_a_path()
    {
        var pages = Path.Combine(Web, "Pages");
        var files = Directory.GetFiles(pages, "*.cs", SearchOption.AllDirectories).Concat(Directory.GetFiles(pages, "*.cshtml", SearchOption.AllDirectories)).Where(f => !IsBuildOutput(f)).ToList();
        Assert.True(files.Count > 100, $"only {files.Count} pages and page models were found");
        var found = files.SelectMany(f => BuiltPaths(File.ReadAllText(f)).Select(l => $"{Path.GetRelativePath(Web, f)}:{l}")).ToList();
        Assert.True(found.Count == 0, "Address pages by name (Url.Page, or GovUk.Pagination.Address for a list's pages), not by a path built in code:" + Environment.NewLine + string.Join(Environment.NewLine, found));
    }

    [Fact]
    public void No_page_model_redirects_to_a_literal_path()
    {
        var files = Directory.GetFiles(Path.Combine(Web, "Pages"), "*.cs", SearchOption.AllDirectories).Where(f => !IsBuildOutput(f)).ToList();
        Assert.True(files.Count > 50, $"only {files.Count} page models were found");
        var found = files.SelectMany(f => LiteralPageRedirects(File.ReadAllText(f)).Select(l => $"{Path.GetRelativePath(Web, f)}:{l}")).ToList();
        Assert.True(found.Count == 0, "Redirect to pages by name (RedirectToPage), not by path:" + Environment.NewLine + string.Join(Environment.NewLine, found));
    }

    private static bool IsBuildOutput(string file) =>
        file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
        || file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
        || file.Contains($"{Path.DirectorySeparatorChar}node_modules{Path.DirectorySeparatorChar}", StringComparison.Ordinal);
}

using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Chronicle.Core.Validation;
using Chronicle.Testing;
using Chronicle.Web.GovUk;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Chronicle.Web.Tests.GovUk;

/// <summary>
/// Chronicle's GOV.UK tag helpers render what govuk-frontend's own templates render: each is checked against the
/// expected HTML in the fixtures.json that the npm package ships, compared as a tree (whitespace and attribute
/// order aside).
/// </summary>
public sealed class ComponentFixtureTests
{
    [Fact]
    public async Task Tag() => AssertSameHtml(Fixture("tag", "default"), await RenderAsync(new TagTagHelper(), "govuk-tag", Text("Alpha")));

    [Fact]
    public async Task Back_link() => AssertSameHtml(Fixture("back-link", "default"), await RenderAsync(new BackLinkTagHelper(), "govuk-back-link"));

    [Fact]
    public async Task Button() => AssertSameHtml(Fixture("button", "default"), await RenderAsync(new ButtonTagHelper(), "govuk-button", Text("Save and continue")));

    [Fact]
    public async Task Secondary_button() =>
        AssertSameHtml(Fixture("button", "secondary"), await RenderAsync(new ButtonTagHelper { Secondary = true, Name = "secondary" }, "govuk-button", Text("Secondary button")));

    [Fact]
    public async Task Notification_banner() =>
        AssertSameHtml(Fixture("notification-banner", "default"), await RenderAsync(new NotificationBannerTagHelper { Heading = "This publication was withdrawn on 7 March 2014." }, "govuk-notification-banner"));

    [Fact]
    public async Task Success_notification_banner() =>
        AssertSameHtml(Fixture("notification-banner", "with type as success"), await RenderAsync(new NotificationBannerTagHelper { Success = true, Heading = "Email sent to example@email.com" }, "govuk-notification-banner"));

    [Fact]
    public async Task Notification_banner_encodes_text() =>
        AssertSameHtml(Fixture("notification-banner", "html as text"), await RenderAsync(new NotificationBannerTagHelper { Heading = "<span>This publication was withdrawn on 7 March 2014.</span>" }, "govuk-notification-banner"));

    [Fact]
    public async Task Error_summary() => AssertSameHtml(Fixture("error-summary", "default"), await RenderAsync(new ErrorSummaryTagHelper
    {
        Errors = [new FieldError("example-error-1", "The date your passport was issued must be in the past"), new FieldError("example-error-2", "Enter a postcode, like AA1 1AA")],
    }, "govuk-error-summary"));

    [Fact]
    public async Task Summary_card()
    {
        var rows = await RenderAsync(new SummaryListRowTagHelper { Key = "Name" }, "govuk-summary-list-row", Text("Firstname Lastname"))
            + await RenderAsync(new SummaryListRowTagHelper { Key = "Date of birth" }, "govuk-summary-list-row", Text("13/08/1980"));

        var html = await RenderAsync(new SummaryListTagHelper { CardTitle = "Undergraduate teaching assistant" }, "govuk-summary-list", rows);

        AssertSameHtml(Fixture("summary-list", "as a summary card with a text header"), html);
    }

    [Fact]
    public async Task Input_with_an_error() => AssertSameHtml(Fixture("input", "with error message"), await RenderAsync(new InputTagHelper
    {
        Id = "input-with-error-message",
        Name = "test-name-3",
        Label = "National Insurance number",
        Error = "Enter a National Insurance number in the correct format",
    }, "govuk-input"));

    [Fact]
    public async Task Input_with_a_hint() => AssertSameHtml(Fixture("input", "with hint text"), await RenderAsync(new InputTagHelper
    {
        Id = "input-with-hint-text",
        Name = "test-name-2",
        Label = "National insurance number",
        Hint = "It’s on your National Insurance card, benefit letter, payslip or P60. For example, ‘QQ 12 34 56 C’.",
    }, "govuk-input"));

    [Fact]
    public async Task Select() => AssertSameHtml(Fixture("select", "default"), await RenderAsync(new SelectTagHelper
    {
        Id = "select-1",
        Label = "Label text goes here",
        Items = [new("GOV.UK frontend option 1", "1"), new("GOV.UK frontend option 2", "2", selected: true), new("GOV.UK frontend option 3", "3") { Disabled = true }],
    }, "govuk-select"));

    [Fact]
    public async Task Select_with_a_hint_and_an_error() => AssertSameHtml(Fixture("select", "with hint text and error message"), await RenderAsync(new SelectTagHelper
    {
        Id = "select-2",
        Label = "Label text goes here",
        Hint = "Hint text goes here",
        Error = "Error message goes here",
        Items = [new("GOV.UK frontend option 1", "1"), new("GOV.UK frontend option 2", "2"), new("GOV.UK frontend option 3", "3")],
    }, "govuk-select"));

    /// <summary>Every fixture of the pagination, its options read as Chronicle's <see cref="Pagination"/>: none is left out.</summary>
    [Fact]
    public async Task Pagination_renders_every_fixture()
    {
        var path = RepositoryFiles.Path("src/Chronicle.Web/node_modules/govuk-frontend/dist/govuk/components/pagination/fixtures.json");
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var fixtures = json.RootElement.GetProperty("fixtures").EnumerateArray().ToList();
        Assert.True(fixtures.Count >= 15, $"govuk-frontend ships {fixtures.Count} pagination fixtures");
        var different = new List<string>();
        foreach (var fixture in fixtures)
        {
            var options = fixture.GetProperty("options");
            var helper = new PaginationTagHelper
            {
                Pages = new Pagination(
                    options.TryGetProperty("items", out var items) ? [.. items.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object && i.EnumerateObject().Any()).Select(Item)] : [],
                    Link(options, "previous"), Link(options, "next")),
                LandmarkLabel = String(options, "landmarkLabel"),
                Classes = String(options, "classes"),
            };
            var attributes = options.TryGetProperty("attributes", out var a) ? a.EnumerateObject().Select(p => new TagHelperAttribute(p.Name, p.Value.GetString())).ToList() : [];
            var html = await RenderAsync(helper, "govuk-pagination", attributes: attributes);
            if (Describe(Body(fixture.GetProperty("html").GetString()!)) != Describe(Body(html))) different.Add($"{fixture.GetProperty("name").GetString()}: {html}");
        }
        Assert.Empty(different);

        static PaginationItem Item(JsonElement i) => new(
            i.TryGetProperty("number", out var n) ? (n.ValueKind == JsonValueKind.Number ? n.GetRawText() : n.GetString()) : null,
            String(i, "href"), i.TryGetProperty("current", out var c) && c.GetBoolean(), i.TryGetProperty("ellipsis", out var e) && e.GetBoolean(), String(i, "visuallyHiddenText"));
        static PaginationLink? Link(JsonElement options, string name) =>
            options.TryGetProperty(name, out var l) ? new PaginationLink(String(l, "href")!, String(l, "text"), String(l, "labelText")) : null;
        static string? String(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetString() : null;
    }

    [Fact]
    public void Pagination_of_many_pages_shows_the_first_the_last_and_those_either_side_of_the_current_one()
    {
        var middle = Pagination.Of(5, 9, p => $"/list?page={p}")!;
        var first = Pagination.Of(1, 2, p => $"/list?page={p}")!;

        Assert.Equal(["1", "…", "4", "5", "6", "…", "9"], middle.Items.Select(i => i.Ellipsis ? "…" : i.Number));
        Assert.Equal("5", middle.Items.Single(i => i.Current).Number);
        Assert.Equal(("/list?page=4", "/list?page=6"), (middle.Previous?.Href, middle.Next?.Href));
        Assert.Null(first.Previous);
        Assert.Equal("/list?page=2", first.Next?.Href);
        Assert.Null(Pagination.Of(1, 1, p => $"/list?page={p}"));
    }

    [Fact]
    public void The_comparison_notices_a_difference()
    {
        Assert.ThrowsAny<Exception>(() => AssertSameHtml("<strong class=\"govuk-tag\">Alpha</strong>", "<strong class=\"govuk-tag govuk-tag--red\">Alpha</strong>"));
        Assert.ThrowsAny<Exception>(() => AssertSameHtml("<strong class=\"govuk-tag\">Alpha</strong>", "<strong class=\"govuk-tag\">Beta</strong>"));
    }

    private static string Text(string text) => HtmlEncoder.Default.Encode(text);

    private static string Fixture(string component, string name)
    {
        var path = RepositoryFiles.Path($"src/Chronicle.Web/node_modules/govuk-frontend/dist/govuk/components/{component}/fixtures.json");
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        return json.RootElement.GetProperty("fixtures").EnumerateArray().Single(f => f.GetProperty("name").GetString() == name).GetProperty("html").GetString()!;
    }

    /// <summary>Runs a tag helper as Razor would, with the given (already encoded) child content.</summary>
    private static async Task<string> RenderAsync(TagHelper helper, string tagName, string childHtml = "", IEnumerable<TagHelperAttribute>? attributes = null)
    {
        var context = new TagHelperContext(tagName, [], new Dictionary<object, object>(), Guid.NewGuid().ToString("N"));
        var output = new TagHelperOutput(tagName, [.. attributes ?? []], (_, _) => Task.FromResult<TagHelperContent>(new DefaultTagHelperContent().SetHtmlContent(childHtml)));
        helper.Init(context);
        await helper.ProcessAsync(context, output);
        if (!output.IsContentModified) output.Content.SetHtmlContent(await output.GetChildContentAsync());
        using var writer = new StringWriter();
        output.WriteTo(writer, HtmlEncoder.Default);
        return writer.ToString();
    }

    private static void AssertSameHtml(string expected, string actual) => Assert.Equal(Describe(Body(expected)), Describe(Body(actual)));

    private static IElement Body(string html) => new HtmlParser().ParseDocument($"<body>{html}</body>").Body!;

    /// <summary>A node tree as text: elements with sorted attributes (classes as a sorted set), text with whitespace collapsed.</summary>
    private static string Describe(INode node) => node switch
    {
        IElement e => $"<{e.LocalName}{string.Concat(e.Attributes.OrderBy(a => a.Name, StringComparer.Ordinal).Select(a => $" {a.Name}=\"{(a.Name == "class" ? string.Join(' ', a.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)) : a.Value)}\""))}>"
            + string.Concat(e.ChildNodes.Select(Describe)) + $"</{e.LocalName}>",
        IText t => Regex.Replace(t.Data, @"\s+", " ").Trim() is { Length: > 0 } s ? $"[{s}]" : "",
        _ => "",
    };
}

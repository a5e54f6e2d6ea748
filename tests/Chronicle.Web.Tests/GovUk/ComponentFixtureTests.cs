using System.Text;
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
    /// <summary>
    /// Every fixture govuk-frontend ships for a component Chronicle renders through a tag helper is either rendered
    /// alike, its options read as the tag helper's, or uses an option Chronicle does not offer, each such option with
    /// its reason below. A fixture using an option in neither list fails the test (a new govuk-frontend brings new
    /// fixtures), and so does a reason no fixture needs.
    /// </summary>
    [Theory]
    [InlineData("tag")]
    [InlineData("back-link")]
    [InlineData("button")]
    [InlineData("summary-list")]
    [InlineData("notification-banner")]
    [InlineData("error-summary")]
    [InlineData("input")]
    [InlineData("select")]
    public async Task Every_fixture_renders_alike_or_is_left_out_for_a_stated_reason(string name)
    {
        var component = Components.Single(c => c.Name == name);
        var path = RepositoryFiles.Path($"src/Chronicle.Web/node_modules/govuk-frontend/dist/govuk/components/{name}/fixtures.json");
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var fixtures = json.RootElement.GetProperty("fixtures").EnumerateArray().ToList();
        var unexplained = new List<string>();
        var different = new List<string>();
        var reasonsUsed = new HashSet<string>();
        var compared = 0;
        foreach (var fixture in fixtures)
        {
            var fixtureName = fixture.GetProperty("name").GetString()!;
            var options = fixture.GetProperty("options");
            var uses = Paths(options, "").Concat(component.Uses?.Invoke(options) ?? []).Where(p => !component.Supported.Contains(p)).ToList();
            if (uses.Count > 0)
            {
                foreach (var use in uses)
                {
                    if (component.LeftOut.Keys.FirstOrDefault(k => use == k || use.StartsWith(k + ".", StringComparison.Ordinal) || use.StartsWith(k + "[]", StringComparison.Ordinal)) is { } reason)
                        reasonsUsed.Add(reason);
                    else unexplained.Add($"{fixtureName}: {use}");
                }
                continue;
            }
            compared++;
            var html = await component.Render(options);
            if (Describe(Body(fixture.GetProperty("html").GetString()!)) != Describe(Body(html))) different.Add($"{fixtureName}:\n{html}");
        }
        Assert.Empty(unexplained);
        Assert.Empty(different);
        Assert.Empty(component.LeftOut.Keys.Except(reasonsUsed));
        Assert.True(compared > 0, $"{name}: none of its {fixtures.Count} fixtures compared");
    }

    /// <summary>A component: the options its tag helper offers, those it does not and why, and how a fixture's options become the tag helper.</summary>
    private sealed record Component(string Name, string[] Supported, Dictionary<string, string> LeftOut, Func<JsonElement, Task<string>> Render, Func<JsonElement, IEnumerable<string>>? Uses = null);

    private const string PlainWords = "Chronicle's components show plain words, always encoded; only content written in Razor is HTML";

    private static readonly Component[] Components =
    [
        new("tag", ["text", "html", "classes", "attributes"], [],
            o => RenderAsync(new TagTagHelper { Classes = String(o, "classes") }, "govuk-tag", Content(o), Attributes(o))),
        new("back-link", ["text", "html", "href", "classes", "attributes"], [],
            o => RenderAsync(new BackLinkTagHelper { Href = String(o, "href") ?? "#", Classes = String(o, "classes") }, "govuk-back-link", Content(o), Attributes(o))),
        new("button", ["text", "html", "name", "value", "type", "id", "classes", "attributes", "preventDoubleClick"],
            new()
            {
                ["href"] = "A button sends its form; a link to another page is a link, never drawn as a button",
                ["isStartButton"] = "Chronicle has no start pages: its users sign in to their work",
                ["disabled"] = "No button is shown disabled: the GOV.UK guidance is to let it be pressed and say what is missing",
            },
            o => RenderAsync(new ButtonTagHelper
            {
                Name = String(o, "name"), Value = String(o, "value"), Type = String(o, "type") ?? "submit", Classes = String(o, "classes"), PreventDoubleClick = Bool(o, "preventDoubleClick"),
            }, "govuk-button", Content(o), [.. Attributes(o), .. String(o, "id") is { } id ? new[] { new TagHelperAttribute("id", id) } : []])),
        new("summary-list", ["rows", "rows[].key.text", "rows[].value.text", "rows[].value.html", "rows[].classes", "classes", "attributes", "card.title.text", "card.title.headingLevel", "card.classes", "card.attributes"],
            new()
            {
                ["rows[].key.html"] = PlainWords,
                ["card.title.html"] = PlainWords,
                ["rows[].key.classes"] = "Keys and values take the list's own widths",
                ["rows[].value.classes"] = "Keys and values take the list's own widths",
                ["rows[].actions"] = "No row of a summary list has its own actions: a record is changed through its own forms, each a page",
                ["card.actions"] = "A card's actions are links the page writes under the card's title (the learning drafts)",
                ["card without a title"] = "Every summary card Chronicle shows has a title",
            },
            async o =>
            {
                var rows = new StringBuilder();
                foreach (var row in o.GetProperty("rows").EnumerateArray().Where(r => r.ValueKind == JsonValueKind.Object))
                    rows.Append(await RenderAsync(new SummaryListRowTagHelper { Key = String(row.GetProperty("key"), "text") ?? "", Classes = String(row, "classes") }, "govuk-summary-list-row", Content(row.GetProperty("value"))));
                var card = o.TryGetProperty("card", out var c) ? c : (JsonElement?)null;
                var title = card is { } t && t.TryGetProperty("title", out var tt) ? tt : (JsonElement?)null;
                return await RenderAsync(new SummaryListTagHelper
                {
                    CardTitle = title is { } x ? String(x, "text") : null,
                    CardHeadingLevel = title is { } y && y.TryGetProperty("headingLevel", out var level) ? level.GetInt32() : 2,
                    Classes = card is { } z ? String(z, "classes") : String(o, "classes"),
                }, "govuk-summary-list", rows.ToString(), Attributes(card ?? o));
            },
            o => o.TryGetProperty("card", out var card) && !card.TryGetProperty("title", out _) ? ["card without a title"] : []),
        new("notification-banner", ["text", "html", "type", "titleText", "titleId", "titleHeadingLevel", "role", "classes", "attributes", "disableAutoFocus"],
            new() { ["titleHtml"] = PlainWords },
            o => RenderAsync(new NotificationBannerTagHelper
            {
                Heading = String(o, "text"), Success = String(o, "type") == "success", Title = String(o, "titleText"), TitleId = String(o, "titleId") ?? "govuk-notification-banner-title",
                TitleHeadingLevel = o.TryGetProperty("titleHeadingLevel", out var level) ? level.GetInt32() : 2, Role = String(o, "role"), Classes = String(o, "classes"),
                DisableAutoFocus = Bool(o, "disableAutoFocus"),
            }, "govuk-notification-banner", o.TryGetProperty("html", out var html) ? html.GetString()! : "", Attributes(o))),
        new("error-summary", ["titleText", "descriptionText", "errorList", "errorList[].text", "errorList[].href", "classes", "attributes", "disableAutoFocus"],
            new()
            {
                ["titleHtml"] = PlainWords,
                ["descriptionHtml"] = PlainWords,
                ["errorList[].html"] = PlainWords,
                ["errorList[].attributes"] = "An error's link needs nothing but where its field is",
                ["no errors listed"] = "The summary is shown only when something is wrong, listing what",
            },
            o => RenderAsync(new ErrorSummaryTagHelper
            {
                Title = String(o, "titleText") ?? "There is a problem", Description = String(o, "descriptionText"), Classes = String(o, "classes"), DisableAutoFocus = Bool(o, "disableAutoFocus"),
                Errors = [.. o.GetProperty("errorList").EnumerateArray().Select(e => new FieldError(String(e, "href") is { } href ? href.TrimStart('#') : "", String(e, "text")!))],
            }, "govuk-error-summary", "", Attributes(o)),
            o => !o.TryGetProperty("errorList", out var list) || list.GetArrayLength() == 0 ? ["no errors listed"]
                : list.EnumerateArray().Any(e => String(e, "href") is { } href && !href.StartsWith('#')) ? ["an error linked outside the page"] : []),
        new("input", ["id", "name", "label.text", "hint.text", "errorMessage.text", "classes", "value", "type", "autocomplete", "spellcheck", "attributes"],
            new()
            {
                ["prefix"] = "Chronicle asks for no amounts or measures, so no field has a prefix, suffix or wrapper",
                ["suffix"] = "Chronicle asks for no amounts or measures, so no field has a prefix, suffix or wrapper",
                ["inputWrapper"] = "Chronicle asks for no amounts or measures, so no field has a prefix, suffix or wrapper",
                ["label.html"] = PlainWords,
                ["label.classes"] = "Labels are plain labels: every form has its own page heading",
                ["label.isPageHeading"] = "Labels are plain labels: every form has its own page heading",
                ["describedBy"] = "A field is described only by its own hint and error",
                ["inputmode"] = "The numbers Chronicle asks for (NHS numbers, dates) are typed as text, with spaces and slashes",
                ["pattern"] = "The numbers Chronicle asks for (NHS numbers, dates) are typed as text, with spaces and slashes",
                ["autocapitalize"] = "Names are taken as typed",
                ["disabled"] = "A field Chronicle will not take is not shown, never shown disabled",
                ["formGroup"] = "No form group needs classes of its own",
            },
            o => RenderAsync(new InputTagHelper
            {
                Id = String(o, "id") ?? String(o, "name")!, Name = String(o, "name"), Label = String(o.GetProperty("label"), "text") ?? "",
                Hint = o.TryGetProperty("hint", out var hint) ? String(hint, "text") : null, Error = o.TryGetProperty("errorMessage", out var error) ? String(error, "text") : null,
                Classes = String(o, "classes"), Value = String(o, "value"), Type = String(o, "type") ?? "text", Autocomplete = String(o, "autocomplete"), Spellcheck = Bool(o, "spellcheck"),
            }, "govuk-input", "", Attributes(o))),
        new("select", ["id", "name", "label.text", "hint.text", "errorMessage.text", "classes", "attributes", "items", "items[].value", "items[].text", "items[].selected", "items[].disabled", "value"],
            new()
            {
                ["label.classes"] = "Labels are plain labels: every form has its own page heading",
                ["label.isPageHeading"] = "Labels are plain labels: every form has its own page heading",
                ["describedBy"] = "A field is described only by its own hint and error",
                ["items[].attributes"] = "A choice needs nothing but its value and words",
                ["formGroup"] = "No form group needs classes of its own",
                ["a choice without a value"] = "Every choice has a value, so none is ever sent as its words",
            },
            o => RenderAsync(new SelectTagHelper
            {
                Id = String(o, "id") ?? String(o, "name")!, Name = String(o, "name"), Label = String(o.GetProperty("label"), "text") ?? "",
                Hint = o.TryGetProperty("hint", out var hint) ? String(hint, "text") : null, Error = o.TryGetProperty("errorMessage", out var error) ? String(error, "text") : null,
                Classes = String(o, "classes"),
                Items = o.TryGetProperty("items", out var items)
                    ? [.. items.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object).Select(i => new SelectListItem(String(i, "text"), String(i, "value"),
                        Bool(i, "selected") ?? (String(o, "value") is { } chosen && String(i, "value") == chosen)) { Disabled = Bool(i, "disabled") ?? false })]
                    : [],
            }, "govuk-select", "", Attributes(o)),
            o => o.TryGetProperty("items", out var items) && items.EnumerateArray().Any(i => i.ValueKind == JsonValueKind.Object && !i.TryGetProperty("value", out _)) ? ["a choice without a value"] : []),
    ];

    /// <summary>Each option a fixture sets, as a path ("label.text", "rows[].value.html"); attributes are one option.</summary>
    private static IEnumerable<string> Paths(JsonElement options, string prefix)
    {
        foreach (var option in options.EnumerateObject())
        {
            var path = prefix + option.Name;
            if (option.Name == "attributes" || option.Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
                yield return path;
            else if (option.Value.ValueKind == JsonValueKind.Object)
                foreach (var inner in Paths(option.Value, path + ".")) yield return inner;
            else
            {
                yield return path;
                foreach (var item in option.Value.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object))
                    foreach (var inner in Paths(item, path + "[].")) yield return inner;
            }
        }
    }

    /// <summary>A text or number option as the template writes it.</summary>
    private static string? String(JsonElement e, string name) => e.TryGetProperty(name, out var v)
        ? v.ValueKind switch { JsonValueKind.String => v.GetString(), JsonValueKind.Number => v.GetRawText(), JsonValueKind.True => "true", JsonValueKind.False => "false", _ => null }
        : null;

    private static bool? Bool(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;

    /// <summary>The child content Razor would pass: HTML as written, or text encoded.</summary>
    private static string Content(JsonElement o) => o.TryGetProperty("html", out var html) ? html.GetString()! : String(o, "text") is { } text ? Text(text) : "";

    private static List<TagHelperAttribute> Attributes(JsonElement o) =>
        o.TryGetProperty("attributes", out var a) ? [.. a.EnumerateObject().Select(p => new TagHelperAttribute(p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText()))] : [];

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

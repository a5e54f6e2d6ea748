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
    [InlineData("textarea")]
    [InlineData("label")]
    [InlineData("hint")]
    [InlineData("error-message")]
    [InlineData("fieldset")]
    [InlineData("radios")]
    [InlineData("checkboxes")]
    [InlineData("details")]
    [InlineData("inset-text")]
    [InlineData("warning-text")]
    [InlineData("skip-link")]
    [InlineData("table")]
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
        new("textarea", ["id", "name", "label.text", "label.classes", "hint.text", "errorMessage.text", "value", "rows", "classes", "autocomplete", "spellcheck", "attributes"],
            new()
            {
                ["label.isPageHeading"] = "Labels are plain labels: every form has its own page heading",
                ["describedBy"] = "A field is described only by its own hint and error",
                ["formGroup"] = "No form group needs classes of its own",
            },
            o => RenderAsync(new TextareaTagHelper
            {
                Id = String(o, "id") ?? String(o, "name")!, Name = String(o, "name"), Label = String(o.GetProperty("label"), "text") ?? "", LabelClasses = String(o.GetProperty("label"), "classes"),
                Hint = o.TryGetProperty("hint", out var hint) ? String(hint, "text") : null, Error = o.TryGetProperty("errorMessage", out var error) ? String(error, "text") : null,
                Value = String(o, "value"), Rows = o.TryGetProperty("rows", out var rows) ? rows.GetInt32() : 5, Classes = String(o, "classes"), Autocomplete = String(o, "autocomplete"), Spellcheck = Bool(o, "spellcheck"),
            }, "govuk-textarea", "", Attributes(o))),
        new("label", ["text", "html", "classes", "isPageHeading", "for", "attributes"], [],
            o => RenderAsync(new LabelTagHelper { For = String(o, "for"), Classes = String(o, "classes"), IsPageHeading = Bool(o, "isPageHeading") ?? false }, "govuk-label", Content(o), Attributes(o))),
        new("hint", ["text", "html", "id", "classes", "attributes"], [],
            o => RenderAsync(new HintTagHelper { Classes = String(o, "classes") }, "govuk-hint", Content(o), [.. Attributes(o), .. Id(o)])),
        new("error-message", ["text", "html", "id", "classes", "visuallyHiddenText", "attributes"], [],
            o => RenderAsync(new ErrorMessageTagHelper { Classes = String(o, "classes"), VisuallyHiddenText = String(o, "visuallyHiddenText") ?? "Error" }, "govuk-error-message", Content(o), [.. Attributes(o), .. Id(o)])),
        new("fieldset", ["legend.text", "legend.classes", "legend.isPageHeading", "html", "describedBy", "classes", "role", "attributes"],
            new() { ["legend.html"] = PlainWords },
            o => RenderAsync(new FieldsetTagHelper
            {
                Legend = o.TryGetProperty("legend", out var legend) ? String(legend, "text") : null, LegendClasses = o.TryGetProperty("legend", out var l) ? String(l, "classes") : null,
                LegendIsPageHeading = o.TryGetProperty("legend", out var h) && (Bool(h, "isPageHeading") ?? false), DescribedBy = String(o, "describedBy"), Classes = String(o, "classes"),
            }, "govuk-fieldset", Content(o), [.. Attributes(o), .. String(o, "role") is { } role ? new[] { new TagHelperAttribute("role", role) } : []])),
        Choices("radios"),
        Choices("checkboxes"),
        new("details", ["summaryText", "text", "html", "id", "open", "classes", "attributes"],
            new() { ["summaryHtml"] = "A summary with markup of its own is written in Razor, as a govuk-details-summary inside" },
            o => RenderAsync(new DetailsTagHelper { Summary = String(o, "summaryText"), Open = Bool(o, "open") ?? false, Classes = String(o, "classes") }, "govuk-details", Content(o), [.. Attributes(o), .. Id(o)])),
        new("inset-text", ["text", "html", "id", "classes", "attributes"], [],
            o => RenderAsync(new InsetTextTagHelper { Classes = String(o, "classes") }, "govuk-inset-text", Content(o), [.. Attributes(o), .. Id(o)])),
        new("warning-text", ["text", "html", "iconFallbackText", "classes", "attributes"], [],
            o => RenderAsync(new WarningTextTagHelper { IconFallbackText = String(o, "iconFallbackText"), Classes = String(o, "classes") }, "govuk-warning-text", Content(o), Attributes(o))),
        new("skip-link", ["text", "html", "href", "classes", "attributes"], [],
            o => RenderAsync(new SkipLinkTagHelper { Href = String(o, "href"), Classes = String(o, "classes") }, "govuk-skip-link", Content(o), Attributes(o))),
        new("table", ["rows", "rows[].text", "rows[].html", "rows[].format", "rows[].classes", "rows[].colspan", "rows[].rowspan", "rows[].attributes", "head", "head[].text", "head[].html", "head[].format", "head[].classes", "head[].colspan", "head[].rowspan", "head[].attributes", "caption", "captionClasses", "firstCellIsHeader", "classes", "attributes"],
            new() { ["a missing row"] = "Razor writes the rows there are: no empty row keeps a place" },
            o => Element(new TableTagHelper { FirstCellIsHeader = Bool(o, "firstCellIsHeader") ?? false, Classes = String(o, "classes") }, "govuk-table",
                All([
                    .. String(o, "caption") is { } caption ? [Element(new TableCaptionTagHelper { Classes = String(o, "captionClasses") }, "govuk-table-caption", Html(Text(caption)))] : Array.Empty<Node>(),
                    .. o.TryGetProperty("head", out var head)
                        ? [Element(new TableHeadTagHelper(), "govuk-table-head", All([.. head.EnumerateArray().Select(c => Element(new TableHeaderTagHelper { Format = String(c, "format"), Classes = String(c, "classes") }, "govuk-table-header", Html(Content(c)), Cell(c)))]))]
                        : Array.Empty<Node>(),
                    Element(new TableBodyTagHelper(), "govuk-table-body", All([.. o.GetProperty("rows").EnumerateArray().Where(r => r.ValueKind == JsonValueKind.Array).Select(r =>
                        Element(new TableRowTagHelper(), "govuk-table-row", All([.. r.EnumerateArray().Select(c => Element(new TableCellTagHelper { Format = String(c, "format"), Classes = String(c, "classes") }, "govuk-table-cell", Html(Content(c)), Cell(c)))])))])),
                ]), Attributes(o))(new Dictionary<object, object>()),
            o => o.GetProperty("rows").EnumerateArray().Any(r => r.ValueKind != JsonValueKind.Array) ? ["a missing row"] : []),
    ];

    /// <summary>Radios or checkboxes: the group, and each item inside it rendered as Razor would.</summary>
    private static Component Choices(string name)
    {
        var radios = name == "radios";
        var item = radios ? "govuk-radio" : "govuk-checkbox";
        var leftOut = new Dictionary<string, string>
        {
            ["items[].conditional"] = "No choice reveals more questions: each form asks only what the case needs, all of it shown",
            ["items[].attributes"] = "A choice needs nothing but its value and words",
            ["items[].label"] = "A choice needs nothing but its value and words",
            ["fieldset.describedBy"] = "A field is described only by its own hint and error",
            ["formGroup"] = "No form group needs classes of its own",
            ["fieldset.classes"] = "A group's fieldset needs nothing but its legend",
            ["fieldset.attributes"] = "A group's fieldset needs nothing but its legend",
            ["fieldset.legend.html"] = PlainWords,
            ["a missing item"] = "Razor writes the items there are: no empty item keeps a place",
        };
        if (!radios)
        {
            leftOut["items[].behaviour"] = "No checkboxes offer a \"none of these\" that clears the others";
            leftOut["describedBy"] = "A field is described only by its own hint and error";
        }
        return new(name, ["name", "idPrefix", "fieldset.legend.text", "fieldset.legend.classes", "fieldset.legend.isPageHeading", "hint.text", "errorMessage.text", "classes", "attributes",
                "items", "items[].value", "items[].text", "items[].html", "items[].checked", "items[].disabled", "items[].hint.text", "items[].id", "items[].divider", radios ? "value" : "values", .. radios ? Array.Empty<string>() : ["items[].name"]],
            leftOut,
            o =>
            {
                List<string> chosen = radios ? (String(o, "value") is { } v ? [v] : [])
                    : o.TryGetProperty("values", out var values) ? [.. values.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? x.GetString()! : x.GetRawText())] : [];
                var fieldset = o.TryGetProperty("fieldset", out var f) && f.TryGetProperty("legend", out var legend) ? legend : (JsonElement?)null;
                return Element(new ChoicesTagHelper
                {
                    Name = String(o, "name")!, IdPrefix = String(o, "idPrefix"), Legend = fieldset is { } l1 ? String(l1, "text") : null, LegendClasses = fieldset is { } l2 ? String(l2, "classes") : null,
                    LegendIsPageHeading = fieldset is { } l3 && (Bool(l3, "isPageHeading") ?? false), Hint = o.TryGetProperty("hint", out var hint) ? String(hint, "text") : null,
                    Error = o.TryGetProperty("errorMessage", out var error) ? String(error, "text") : null, Classes = String(o, "classes"),
                }, $"govuk-{name}", All([.. o.GetProperty("items").EnumerateArray().Select(i => String(i, "divider") is { } divider
                    ? Element(new ChoiceDividerTagHelper(), $"govuk-{name}-divider", Html(Text(divider)))
                    : Element(new ChoiceTagHelper
                    {
                        Value = String(i, "value") ?? "", Id = String(i, "id"), Name = String(i, "name"), Disabled = Bool(i, "disabled") ?? false,
                        Checked = Bool(i, "checked") ?? (String(i, "value") is { } value && chosen.Contains(value)), Hint = i.TryGetProperty("hint", out var h) ? String(h, "text") : null,
                    }, item, Html(Content(i))))]), Attributes(o))(new Dictionary<object, object>());
            },
            o => (o.GetProperty("items").EnumerateArray().Any(i => i.ValueKind != JsonValueKind.Object) ? ["a missing item"] : Array.Empty<string>())
                .Concat(o.TryGetProperty("fieldset", out var f) && !f.TryGetProperty("legend", out _) ? ["a fieldset without a legend"] : []));
    }

    private static IEnumerable<TagHelperAttribute> Id(JsonElement o) => String(o, "id") is { } id ? [new TagHelperAttribute("id", id)] : [];

    /// <summary>A table cell's own attributes: its span and any others.</summary>
    private static List<TagHelperAttribute> Cell(JsonElement c) =>
        [.. String(c, "colspan") is { } colspan ? new[] { new TagHelperAttribute("colspan", colspan) } : [], .. String(c, "rowspan") is { } rowspan ? new[] { new TagHelperAttribute("rowspan", rowspan) } : [], .. Attributes(c)];

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
    private static Task<string> RenderAsync(TagHelper helper, string tagName, string childHtml = "", IEnumerable<TagHelperAttribute>? attributes = null) =>
        Element(helper, tagName, Html(childHtml), attributes)(new Dictionary<object, object>());

    /// <summary>Content inside a tag helper, given what its parent shares with what is inside it (context.Items).</summary>
    private delegate Task<string> Node(IDictionary<object, object> parentItems);

    private static Node Html(string html) => _ => Task.FromResult(html);

    private static Node All(IEnumerable<Node> nodes) => async items =>
    {
        var html = new StringBuilder();
        foreach (var node in nodes) html.Append(await node(items));
        return html.ToString();
    };

    /// <summary>A tag helper run as Razor runs one inside another: its items a copy of its parent's, its content run once, when first asked for.</summary>
    private static Node Element(TagHelper helper, string tagName, Node children, IEnumerable<TagHelperAttribute>? attributes = null) => async parentItems =>
    {
        var context = new TagHelperContext(tagName, [], new Dictionary<object, object>(parentItems), Guid.NewGuid().ToString("N"));
        Task<string>? childHtml = null;
        var output = new TagHelperOutput(tagName, [.. attributes ?? []], async (_, _) => new DefaultTagHelperContent().SetHtmlContent(await (childHtml ??= children(context.Items))));
        helper.Init(context);
        await helper.ProcessAsync(context, output);
        if (!output.IsContentModified) output.Content.SetHtmlContent(await output.GetChildContentAsync());
        using var writer = new StringWriter();
        output.WriteTo(writer, HtmlEncoder.Default);
        return writer.ToString();
    };

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

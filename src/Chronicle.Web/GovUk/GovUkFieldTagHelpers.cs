using System.Globalization;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Chronicle.Web.GovUk;

// The GOV.UK form components beyond a text input and a select: textarea, label, hint, error message, fieldset, radios
// and checkboxes, in govuk-frontend's markup (checked against its fixtures.json). Text is always encoded; only child
// content written in Razor is passed through.

/// <summary><c>&lt;govuk-textarea id="reason" label="Why" rows="3" value="..." error="..." /&gt;</c>: a textarea with its label, hint and error message.</summary>
[HtmlTargetElement("govuk-textarea", TagStructure = TagStructure.WithoutEndTag)]
public sealed class TextareaTagHelper : TagHelper
{
    public string Id { get; set; } = "";
    public string? Name { get; set; }
    public string Label { get; set; } = "";
    /// <summary>Extra classes for the label, such as govuk-label--s.</summary>
    public string? LabelClasses { get; set; }
    public string? Hint { get => _hint; set => _hint = string.IsNullOrEmpty(value) ? null : value; }
    /// <summary>The error message; empty means none (Razor renders a null attribute value as "").</summary>
    public string? Error { get => _error; set => _error = string.IsNullOrEmpty(value) ? null : value; }
    private string? _hint;
    private string? _error;
    public string? Value { get; set; }
    public int Rows { get; set; } = 5;
    public string? Classes { get; set; }
    public string? Autocomplete { get; set; }
    public bool? Spellcheck { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var attributes = FormGroup.Open(output, Id, Label, Hint, Error, LabelClasses);
        var content = output.Content.Clear();
        content.AppendHtml("<textarea class=\"").Append(GovUkClasses.Of("govuk-textarea", Error is null ? null : "govuk-textarea--error", Classes))
            .AppendHtml("\" id=\"").Append(Id).AppendHtml("\" name=\"").Append(Name ?? Id).AppendHtml("\" rows=\"").Append(Rows.ToString(CultureInfo.InvariantCulture)).AppendHtml("\"");
        if (Spellcheck is { } spellcheck) content.AppendHtml(spellcheck ? " spellcheck=\"true\"" : " spellcheck=\"false\"");
        if (FormGroup.DescribedBy(Id, Hint, Error) is { } described) content.AppendHtml(" aria-describedby=\"").Append(described).AppendHtml("\"");
        if (Autocomplete is { Length: > 0 } autocomplete) content.AppendHtml(" autocomplete=\"").Append(autocomplete).AppendHtml("\"");
        FormGroup.Append(content, attributes);
        content.AppendHtml(">").Append(Value ?? "").AppendHtml("</textarea>");
    }
}

/// <summary><c>&lt;govuk-label for="file"&gt;The file&lt;/govuk-label&gt;</c>: a label for a field the page writes itself (a file upload); nothing when empty.</summary>
[HtmlTargetElement("govuk-label")]
public sealed class LabelTagHelper : TagHelper
{
    public string? For { get; set; }
    public string? Classes { get; set; }
    /// <summary>True: the label is the page's heading (an h1 around it).</summary>
    public bool IsPageHeading { get; set; }

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var content = await output.GetChildContentAsync();
        if (content.IsEmptyOrWhiteSpace)
        {
            output.SuppressOutput();
            return;
        }
        output.TagName = "label";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", GovUkClasses.Of("govuk-label", Classes));
        if (For is { Length: > 0 } target) output.Attributes.SetAttribute("for", target);
        if (IsPageHeading)
        {
            output.PreElement.AppendHtml("<h1 class=\"govuk-label-wrapper\">");
            output.PostElement.AppendHtml("</h1>");
        }
    }
}

/// <summary><c>&lt;govuk-hint id="file-hint"&gt;A text file&lt;/govuk-hint&gt;</c></summary>
[HtmlTargetElement("govuk-hint")]
public sealed class HintTagHelper : TagHelper
{
    public string? Classes { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", GovUkClasses.Of("govuk-hint", Classes));
    }
}

/// <summary><c>&lt;govuk-error-message id="file-error"&gt;Choose a file&lt;/govuk-error-message&gt;</c>: "Error:" read before it by screen readers.</summary>
[HtmlTargetElement("govuk-error-message")]
public sealed class ErrorMessageTagHelper : TagHelper
{
    public string? Classes { get; set; }
    /// <summary>What a screen reader hears first ("Error" when not given; empty for nothing).</summary>
    public string VisuallyHiddenText { get; set; } = "Error";

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "p";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", GovUkClasses.Of("govuk-error-message", Classes));
        if (VisuallyHiddenText.Length > 0) output.PreContent.AppendHtml("<span class=\"govuk-visually-hidden\">").Append(VisuallyHiddenText + ":").AppendHtml("</span> ");
    }
}

/// <summary><c>&lt;govuk-fieldset legend="Participant 1" legend-classes="govuk-fieldset__legend--s"&gt;...&lt;/govuk-fieldset&gt;</c></summary>
[HtmlTargetElement("govuk-fieldset")]
public sealed class FieldsetTagHelper : TagHelper
{
    public string? Legend { get; set; }
    /// <summary>Extra classes for the legend, such as govuk-fieldset__legend--m.</summary>
    public string? LegendClasses { get; set; }
    /// <summary>True: the legend is the page's heading.</summary>
    public bool LegendIsPageHeading { get; set; }
    /// <summary>The ids of what describes the fieldset (its hint, its error), if any.</summary>
    public string? DescribedBy { get; set; }
    public string? Classes { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "fieldset";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", GovUkClasses.Of("govuk-fieldset", Classes));
        if (DescribedBy is { Length: > 0 } described) output.Attributes.SetAttribute("aria-describedby", described);
        if (Legend is { Length: > 0 } legend) Fieldset.AppendLegend(output.PreContent, legend, LegendClasses, LegendIsPageHeading);
    }
}

internal static class Fieldset
{
    public static void AppendLegend(TagHelperContent content, string legend, string? classes, bool isPageHeading)
    {
        content.AppendHtml("<legend class=\"").Append(GovUkClasses.Of("govuk-fieldset__legend", classes)).AppendHtml("\">");
        if (isPageHeading) content.AppendHtml("<h1 class=\"govuk-fieldset__heading\">").Append(legend).AppendHtml("</h1>");
        else content.Append(legend);
        content.AppendHtml("</legend>");
    }
}

/// <summary>
/// Radios or checkboxes in their form group, in a fieldset when there is a legend, with a hint and error message:
/// <c>&lt;govuk-radios name="choice" legend="Who is it?"&gt;&lt;govuk-radio value="new"&gt;Someone new&lt;/govuk-radio&gt;&lt;/govuk-radios&gt;</c>.
/// The items inside (<c>govuk-radio</c> or <c>govuk-checkbox</c>, and dividers) take their name and ids from it: the
/// first item's id is <see cref="IdPrefix"/> (the name when not given), so an error summary can link to it. Other
/// attributes (an id) are kept on the element around the items.
/// </summary>
[HtmlTargetElement("govuk-radios")]
[HtmlTargetElement("govuk-checkboxes")]
public sealed class ChoicesTagHelper : TagHelper
{
    public string Name { get; set; } = "";
    public string? IdPrefix { get; set; }
    public string? Legend { get; set; }
    public string? LegendClasses { get; set; }
    public bool LegendIsPageHeading { get; set; }
    public string? Hint { get => _hint; set => _hint = string.IsNullOrEmpty(value) ? null : value; }
    /// <summary>The error message; empty means none (Razor renders a null attribute value as "").</summary>
    public string? Error { get => _error; set => _error = string.IsNullOrEmpty(value) ? null : value; }
    private string? _hint;
    private string? _error;
    /// <summary>Extra classes for the element around the items, such as govuk-radios--inline or govuk-checkboxes--small.</summary>
    public string? Classes { get; set; }

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var kind = context.TagName == "govuk-radios" ? "radios" : "checkboxes";
        var prefix = IdPrefix is { Length: > 0 } p ? p : Name;
        var described = string.Join(' ', new[] { Hint is null ? null : prefix + "-hint", Error is null ? null : prefix + "-error" }.Where(x => x is not null));
        // Checkboxes outside a fieldset are each described by the group's hint and error; in one, the fieldset is.
        context.Items[typeof(Choices)] = new Choices(kind, Name, prefix, kind == "checkboxes" && Legend is null ? described : "");
        var items = await output.GetChildContentAsync();
        var attributes = output.Attributes.ToList();
        output.Attributes.Clear();
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", Error is null ? "govuk-form-group" : "govuk-form-group govuk-form-group--error");
        var content = output.Content.Clear();
        if (Legend is not null)
        {
            content.AppendHtml("<fieldset class=\"govuk-fieldset\"");
            if (described.Length > 0) content.AppendHtml(" aria-describedby=\"").Append(described).AppendHtml("\"");
            content.AppendHtml(">");
            Fieldset.AppendLegend(content, Legend, LegendClasses, LegendIsPageHeading);
        }
        if (Hint is not null) content.AppendHtml("<div id=\"").Append(prefix + "-hint").AppendHtml("\" class=\"govuk-hint\">").Append(Hint).AppendHtml("</div>");
        if (Error is not null)
            content.AppendHtml("<p id=\"").Append(prefix + "-error").AppendHtml("\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> ").Append(Error).AppendHtml("</p>");
        content.AppendHtml("<div class=\"").Append(GovUkClasses.Of("govuk-" + kind, Classes)).AppendHtml("\"");
        FormGroup.Append(content, attributes);
        content.AppendHtml(" data-module=\"govuk-" + kind + "\">").AppendHtml(items).AppendHtml("</div>");
        if (Legend is not null) content.AppendHtml("</fieldset>");
    }
}

/// <summary>What the items of radios or checkboxes take from them: their name, their ids' prefix and how many came before.</summary>
internal sealed class Choices(string kind, string name, string idPrefix, string describedBy)
{
    public string Kind { get; } = kind;
    public string Name { get; } = name;
    public string IdPrefix { get; } = idPrefix;
    public string DescribedBy { get; } = describedBy;
    public int Count { get; set; }

    public static Choices Of(TagHelperContext context) => context.Items.TryGetValue(typeof(Choices), out var c) && c is Choices choices
        ? choices : throw new InvalidOperationException($"<{context.TagName}> belongs inside <govuk-radios> or <govuk-checkboxes>.");

    /// <summary>The next item's id: the prefix for the first, then prefix-2, prefix-3 (dividers count).</summary>
    public string NextId() => ++Count == 1 ? IdPrefix : $"{IdPrefix}-{Count}";
}

/// <summary><c>&lt;govuk-radio value="yes" checked="..." hint="..."&gt;Yes&lt;/govuk-radio&gt;</c> (or govuk-checkbox): one item, its label the content.</summary>
[HtmlTargetElement("govuk-radio")]
[HtmlTargetElement("govuk-checkbox")]
public sealed class ChoiceTagHelper : TagHelper
{
    public string Value { get; set; } = "";
    /// <summary>The item's own id, when an error or a link must reach it by a name of its own.</summary>
    public string? Id { get; set; }
    /// <summary>A checkbox's own name, when it is not the group's.</summary>
    public string? Name { get; set; }
    public bool Checked { get; set; }
    public bool Disabled { get; set; }
    public string? Hint { get => _hint; set => _hint = string.IsNullOrEmpty(value) ? null : value; }
    private string? _hint;

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var choices = Choices.Of(context);
        var next = choices.NextId();
        var id = Id is { Length: > 0 } own ? own : next;
        var written = new ChoiceHint();
        context.Items[typeof(ChoiceHint)] = written;
        var label = await output.GetChildContentAsync();
        var hint = written.Content is { } html ? (object)html : Hint;
        var kind = choices.Kind;
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", $"govuk-{kind}__item");
        var described = string.Join(' ', new[] { choices.DescribedBy, hint is null ? "" : id + "-item-hint" }.Where(x => x.Length > 0));
        var content = output.Content.Clear();
        content.AppendHtml($"<input class=\"govuk-{kind}__input\" id=\"").Append(id).AppendHtml("\" name=\"").Append(kind == "checkboxes" && Name is { Length: > 0 } name ? name : choices.Name)
            .AppendHtml(kind == "radios" ? "\" type=\"radio\" value=\"" : "\" type=\"checkbox\" value=\"").Append(Value).AppendHtml("\"")
            .AppendHtml(Checked ? " checked" : "").AppendHtml(Disabled ? " disabled" : "");
        if (described.Length > 0) content.AppendHtml(" aria-describedby=\"").Append(described).AppendHtml("\"");
        content.AppendHtml($"><label class=\"govuk-label govuk-{kind}__label\" for=\"").Append(id).AppendHtml("\">").AppendHtml(label).AppendHtml("</label>");
        if (hint is null) return;
        content.AppendHtml("<div id=\"").Append(id + "-item-hint").AppendHtml($"\" class=\"govuk-hint govuk-{kind}__hint\">");
        if (hint is TagHelperContent writtenHint) content.AppendHtml(writtenHint);
        else content.Append((string)hint);
        content.AppendHtml("</div>");
    }
}

internal sealed class ChoiceHint
{
    public TagHelperContent? Content { get; set; }
}

/// <summary><c>&lt;govuk-choice-hint&gt;...&lt;/govuk-choice-hint&gt;</c> inside a govuk-radio or govuk-checkbox: its hint, when the hint is more than words (a list).</summary>
[HtmlTargetElement("govuk-choice-hint")]
public sealed class ChoiceHintTagHelper : TagHelper
{
    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var hint = context.Items.TryGetValue(typeof(ChoiceHint), out var h) && h is ChoiceHint found
            ? found : throw new InvalidOperationException("<govuk-choice-hint> belongs inside <govuk-radio> or <govuk-checkbox>.");
        hint.Content = await output.GetChildContentAsync();
        output.SuppressOutput();
    }
}

/// <summary><c>&lt;govuk-radios-divider&gt;or&lt;/govuk-radios-divider&gt;</c> (or govuk-checkboxes-divider): words between two items.</summary>
[HtmlTargetElement("govuk-radios-divider")]
[HtmlTargetElement("govuk-checkboxes-divider")]
public sealed class ChoiceDividerTagHelper : TagHelper
{
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var choices = Choices.Of(context);
        choices.NextId();
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", $"govuk-{choices.Kind}__divider");
    }
}

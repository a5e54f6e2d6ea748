using Chronicle.Core.Validation;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Chronicle.Web.GovUk;

// GOV.UK Design System components as tag helpers, producing the markup of govuk-frontend's own templates (checked
// against the fixtures.json files the npm package ships). Text is always encoded; only child content written in
// Razor (itself encoded) is passed through.

/// <summary><c>&lt;govuk-tag colour="yellow"&gt;Inconclusive&lt;/govuk-tag&gt;</c></summary>
[HtmlTargetElement("govuk-tag")]
public sealed class TagTagHelper : TagHelper
{
    public string? Colour { get; set; }
    public string? Classes { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "strong";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", GovUkClasses.Of("govuk-tag", Colour is { Length: > 0 } c ? $"govuk-tag--{c}" : null, Classes));
    }
}

/// <summary><c>&lt;govuk-back-link href="/"&gt;Back&lt;/govuk-back-link&gt;</c></summary>
[HtmlTargetElement("govuk-back-link")]
public sealed class BackLinkTagHelper : TagHelper
{
    public string Href { get; set; } = "#";
    public string? Classes { get; set; }

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var content = await output.GetChildContentAsync();
        output.TagName = "a";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("href", Href);
        output.Attributes.SetAttribute("class", GovUkClasses.Of("govuk-back-link", Classes));
        if (content.IsEmptyOrWhiteSpace) output.Content.SetContent("Back");
    }
}

/// <summary>A summary list, or with <see cref="CardTitle"/> (not empty) a summary card around one.</summary>
[HtmlTargetElement("govuk-summary-list")]
public sealed class SummaryListTagHelper : TagHelper
{
    public string? CardTitle { get; set; }
    public int CardHeadingLevel { get; set; } = 2;
    /// <summary>Extra classes for the card (or the list when there is no card).</summary>
    public string? Classes { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var extra = Classes is { Length: > 0 } c ? " " + c : "";
        if (string.IsNullOrEmpty(CardTitle))
        {
            output.TagName = "dl";
            output.TagMode = TagMode.StartTagAndEndTag;
            output.Attributes.SetAttribute("class", "govuk-summary-list" + extra);
            return;
        }
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "govuk-summary-card" + extra);
        var h = $"h{Math.Clamp(CardHeadingLevel, 2, 6)}";
        output.PreContent.AppendHtml($"<div class=\"govuk-summary-card__title-wrapper\"><{h} class=\"govuk-summary-card__title\">")
            .Append(CardTitle)
            .AppendHtml($"</{h}></div><div class=\"govuk-summary-card__content\"><dl class=\"govuk-summary-list\">");
        output.PostContent.AppendHtml("</dl></div>");
    }
}

/// <summary><c>&lt;govuk-summary-list-row key="Name"&gt;value&lt;/govuk-summary-list-row&gt;</c></summary>
[HtmlTargetElement("govuk-summary-list-row", ParentTag = "govuk-summary-list")]
public sealed class SummaryListRowTagHelper : TagHelper
{
    public string Key { get; set; } = "";
    /// <summary>Extra classes for the row, such as govuk-summary-list__row--no-border.</summary>
    public string? Classes { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", GovUkClasses.Of("govuk-summary-list__row", Classes));
        output.PreContent.AppendHtml("<dt class=\"govuk-summary-list__key\">").Append(Key).AppendHtml("</dt><dd class=\"govuk-summary-list__value\">");
        output.PostContent.AppendHtml("</dd>");
    }
}

/// <summary>A notification banner: "Important" by default, or a success banner.</summary>
[HtmlTargetElement("govuk-notification-banner")]
public sealed class NotificationBannerTagHelper : TagHelper
{
    public string? Title { get; set; }
    public bool Success { get; set; }
    /// <summary>The banner's one-line heading; any child content follows it.</summary>
    public string? Heading { get; set; }
    public string? Classes { get; set; }
    /// <summary>The title's id, which labels the banner: give each banner its own when a page shows more than one.</summary>
    public string TitleId { get; set; } = "govuk-notification-banner-title";
    public int TitleHeadingLevel { get; set; } = 2;
    /// <summary>Overrides the role ("alert" for success, "region" otherwise).</summary>
    public string? Role { get; set; }
    /// <summary>True: a success banner does not take the focus when the page loads.</summary>
    public bool? DisableAutoFocus { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", GovUkClasses.Of("govuk-notification-banner", Success ? "govuk-notification-banner--success" : null, Classes));
        output.Attributes.SetAttribute("role", Role ?? (Success ? "alert" : "region"));
        output.Attributes.SetAttribute("aria-labelledby", TitleId);
        output.Attributes.SetAttribute("data-module", "govuk-notification-banner");
        if (DisableAutoFocus is { } disable) output.Attributes.SetAttribute("data-disable-auto-focus", disable ? "true" : "false");
        var h = $"h{Math.Clamp(TitleHeadingLevel, 1, 6)}";
        output.PreContent.AppendHtml($"<div class=\"govuk-notification-banner__header\"><{h} class=\"govuk-notification-banner__title\" id=\"").Append(TitleId).AppendHtml("\">")
            .Append(Title ?? (Success ? "Success" : "Important"))
            .AppendHtml($"</{h}></div><div class=\"govuk-notification-banner__content\">");
        if (Heading is not null) output.PreContent.AppendHtml("<p class=\"govuk-notification-banner__heading\">").Append(Heading).AppendHtml("</p>");
        output.PostContent.AppendHtml("</div>");
    }
}

/// <summary>The error summary at the top of a page, linking each error to its field (<c>#field</c>).</summary>
[HtmlTargetElement("govuk-error-summary")]
public sealed class ErrorSummaryTagHelper : TagHelper
{
    /// <summary>The errors, each linked to its field; an error with no field (a refusal of the whole form) is shown unlinked.</summary>
    public IEnumerable<FieldError> Errors { get; set; } = [];
    public string Title { get; set; } = "There is a problem";
    /// <summary>A line under the title, before the list.</summary>
    public string? Description { get; set; }
    public string? Classes { get; set; }
    /// <summary>True: the summary does not take the focus when the page loads.</summary>
    public bool? DisableAutoFocus { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var errors = Errors.ToList();
        if (errors.Count == 0)
        {
            output.SuppressOutput();
            return;
        }
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", GovUkClasses.Of("govuk-error-summary", Classes));
        output.Attributes.SetAttribute("data-module", "govuk-error-summary");
        if (DisableAutoFocus is { } disable) output.Attributes.SetAttribute("data-disable-auto-focus", disable ? "true" : "false");
        var content = output.Content.Clear();
        content.AppendHtml("<div role=\"alert\"><h2 class=\"govuk-error-summary__title\">").Append(Title).AppendHtml("</h2><div class=\"govuk-error-summary__body\">");
        if (Description is { Length: > 0 } description) content.AppendHtml("<p>").Append(description).AppendHtml("</p>");
        content.AppendHtml("<ul class=\"govuk-list govuk-error-summary__list\">");
        foreach (var error in errors)
        {
            if (error.Field.Length == 0) content.AppendHtml("<li>").Append(error.Message).AppendHtml("</li>");
            else content.AppendHtml("<li><a href=\"").Append("#" + error.Field).AppendHtml("\">").Append(error.Message).AppendHtml("</a></li>");
        }
        content.AppendHtml("</ul></div></div>");
    }
}

/// <summary><c>&lt;govuk-button&gt;Save&lt;/govuk-button&gt;</c>: a submit button.</summary>
[HtmlTargetElement("govuk-button")]
public sealed class ButtonTagHelper : TagHelper
{
    public bool Secondary { get; set; }
    public string? Name { get; set; }
    public string? Value { get; set; }
    /// <summary>"submit" (the default) or "button".</summary>
    public string Type { get; set; } = "submit";
    public string? Classes { get; set; }
    /// <summary>True: a second click within a second is ignored (the form is sent once).</summary>
    public bool? PreventDoubleClick { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "button";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("type", Type);
        if (Name is not null) output.Attributes.SetAttribute("name", Name);
        if (Value is not null) output.Attributes.SetAttribute("value", Value);
        if (PreventDoubleClick is { } prevent) output.Attributes.SetAttribute("data-prevent-double-click", prevent ? "true" : "false");
        output.Attributes.SetAttribute("class", GovUkClasses.Of("govuk-button", Secondary ? "govuk-button--secondary" : null, Classes));
        output.Attributes.SetAttribute("data-module", "govuk-button");
    }
}

/// <summary>A text input with its label, hint and error message.</summary>
[HtmlTargetElement("govuk-input", TagStructure = TagStructure.WithoutEndTag)]
public sealed class InputTagHelper : TagHelper
{
    public string Id { get; set; } = "";
    public string? Name { get; set; }
    public string Label { get; set; } = "";
    public string? Hint { get => _hint; set => _hint = string.IsNullOrEmpty(value) ? null : value; }
    /// <summary>The error message; empty means none (Razor renders a null attribute value as "").</summary>
    public string? Error { get => _error; set => _error = string.IsNullOrEmpty(value) ? null : value; }
    private string? _hint;
    private string? _error;
    public string? Value { get; set; }
    public string Type { get; set; } = "text";
    /// <summary>Extra classes for the input, such as govuk-input--width-10.</summary>
    public string? Classes { get; set; }
    /// <summary>The browser's autocomplete hint ("username", "current-password"), if any.</summary>
    public string? Autocomplete { get; set; }
    /// <summary>False for values that are not words (user names, identifiers).</summary>
    public bool? Spellcheck { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var attributes = FormGroup.Open(output, Id, Label, Hint, Error);
        var described = FormGroup.DescribedBy(Id, Hint, Error);
        var content = output.Content.Clear();
        content.AppendHtml("<input class=\"").Append(GovUkClasses.Of("govuk-input", Classes, Error is null ? null : "govuk-input--error"))
            .AppendHtml("\" id=\"").Append(Id).AppendHtml("\" name=\"").Append(Name ?? Id).AppendHtml("\" type=\"").Append(Type).AppendHtml("\"");
        if (!string.IsNullOrEmpty(Value)) content.AppendHtml(" value=\"").Append(Value).AppendHtml("\"");
        if (described is not null) content.AppendHtml(" aria-describedby=\"").Append(described).AppendHtml("\"");
        if (Autocomplete is { Length: > 0 } autocomplete) content.AppendHtml(" autocomplete=\"").Append(autocomplete).AppendHtml("\"");
        if (Spellcheck is { } spellcheck) content.AppendHtml(spellcheck ? " spellcheck=\"true\"" : " spellcheck=\"false\"");
        FormGroup.Append(content, attributes);
        content.AppendHtml(">");
    }
}

/// <summary>A select with its label, hint and error message.</summary>
[HtmlTargetElement("govuk-select", TagStructure = TagStructure.WithoutEndTag)]
public sealed class SelectTagHelper : TagHelper
{
    public string Id { get; set; } = "";
    public string? Name { get; set; }
    public string Label { get; set; } = "";
    public string? Hint { get => _hint; set => _hint = string.IsNullOrEmpty(value) ? null : value; }
    /// <summary>The error message; empty means none (Razor renders a null attribute value as "").</summary>
    public string? Error { get => _error; set => _error = string.IsNullOrEmpty(value) ? null : value; }
    private string? _hint;
    private string? _error;
    public IEnumerable<SelectListItem> Items { get; set; } = [];
    /// <summary>Extra classes for the select, such as govuk-!-width-full.</summary>
    public string? Classes { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var attributes = FormGroup.Open(output, Id, Label, Hint, Error);
        var described = FormGroup.DescribedBy(Id, Hint, Error);
        var content = output.Content.Clear();
        content.AppendHtml("<select class=\"").Append(GovUkClasses.Of("govuk-select", Classes, Error is null ? null : "govuk-select--error"))
            .AppendHtml("\" id=\"").Append(Id).AppendHtml("\" name=\"").Append(Name ?? Id).AppendHtml("\"");
        if (described is not null) content.AppendHtml(" aria-describedby=\"").Append(described).AppendHtml("\"");
        FormGroup.Append(content, attributes);
        content.AppendHtml(">");
        // Items that name a group (SelectListGroup) are given under it, as an optgroup, in the order they come.
        SelectListGroup? group = null;
        foreach (var item in Items)
        {
            if (item.Group != group)
            {
                if (group is not null) content.AppendHtml("</optgroup>");
                if (item.Group is not null) content.AppendHtml("<optgroup label=\"").Append(item.Group.Name).AppendHtml("\">");
                group = item.Group;
            }
            // Every option has a value, even a null one (""), so no choice is ever sent as its text.
            content.AppendHtml("<option value=\"").Append(item.Value ?? "").AppendHtml("\"").AppendHtml(item.Selected ? " selected" : "").AppendHtml(item.Disabled ? " disabled" : "").AppendHtml(">")
                .Append(item.Text).AppendHtml("</option>");
        }
        if (group is not null) content.AppendHtml("</optgroup>");
        content.AppendHtml("</select>");
    }
}

/// <summary>The form group shared by inputs, selects and textareas: label, hint, error message.</summary>
internal static class FormGroup
{
    /// <summary>Opens the group and returns the attributes written on the element, which belong on the field, not the group.</summary>
    public static List<TagHelperAttribute> Open(TagHelperOutput output, string id, string label, string? hint, string? error, string? labelClasses = null)
    {
        var attributes = output.Attributes.ToList();
        output.Attributes.Clear();
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", error is null ? "govuk-form-group" : "govuk-form-group govuk-form-group--error");
        output.PreContent.AppendHtml("<label class=\"").Append(GovUkClasses.Of("govuk-label", labelClasses)).AppendHtml("\" for=\"").Append(id).AppendHtml("\">").Append(label).AppendHtml("</label>");
        if (hint is not null) output.PreContent.AppendHtml("<div id=\"").Append(id + "-hint").AppendHtml("\" class=\"govuk-hint\">").Append(hint).AppendHtml("</div>");
        if (error is not null)
            output.PreContent.AppendHtml("<p id=\"").Append(id + "-error").AppendHtml("\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> ")
                .Append(error).AppendHtml("</p>");
        return attributes;
    }

    /// <summary>Attributes written on the tag helper's element, given to the field.</summary>
    public static void Append(TagHelperContent content, IEnumerable<TagHelperAttribute> attributes)
    {
        foreach (var attribute in attributes)
        {
            content.AppendHtml(" ").Append(attribute.Name);
            if (attribute.ValueStyle != HtmlAttributeValueStyle.Minimized) content.AppendHtml("=\"").Append(attribute.Value?.ToString() ?? "").AppendHtml("\"");
        }
    }

    public static string? DescribedBy(string id, string? hint, string? error) =>
        string.Join(' ', new[] { hint is null ? null : id + "-hint", error is null ? null : id + "-error" }.Where(x => x is not null)) is { Length: > 0 } s ? s : null;
}

/// <summary>A component's class attribute: its own class, then its modifiers and any extra classes given.</summary>
internal static class GovUkClasses
{
    public static string Of(params string?[] classes) => string.Join(' ', classes.Where(c => !string.IsNullOrWhiteSpace(c)));
}

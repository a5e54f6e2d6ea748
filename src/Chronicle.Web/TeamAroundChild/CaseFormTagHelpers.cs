using Chronicle.Web.GovUk;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Chronicle.Web.TeamAroundChild;

// The GOV.UK form components the team's pages need beyond the shared ones (GovUk/): a textarea, a single
// checkbox and radios, in govuk-frontend's markup. Text is always encoded.

/// <summary><c>&lt;case-textarea id="reason" label="Why" value="..." error="..." /&gt;</c></summary>
[HtmlTargetElement("case-textarea", TagStructure = TagStructure.WithoutEndTag)]
public sealed class CaseTextareaTagHelper : TagHelper
{
    public string Id { get; set; } = "";
    public string? Name { get; set; }
    public string Label { get; set; } = "";
    public string? Hint { get => _hint; set => _hint = string.IsNullOrEmpty(value) ? null : value; }
    public string? Error { get => _error; set => _error = string.IsNullOrEmpty(value) ? null : value; }
    private string? _hint;
    private string? _error;
    public string? Value { get; set; }
    public int Rows { get; set; } = 3;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        FormGroup.Open(output, Id, Label, Hint, Error);
        var content = output.Content.Clear();
        content.AppendHtml("<textarea class=\"").Append(Error is null ? "govuk-textarea" : "govuk-textarea govuk-textarea--error")
            .AppendHtml("\" id=\"").Append(Id).AppendHtml("\" name=\"").Append(Name ?? Id).AppendHtml("\" rows=\"").Append(Rows.ToString(System.Globalization.CultureInfo.InvariantCulture)).AppendHtml("\"");
        if (FormGroup.DescribedBy(Id, Hint, Error) is { } described) content.AppendHtml(" aria-describedby=\"").Append(described).AppendHtml("\"");
        content.AppendHtml(">").Append(Value ?? "").AppendHtml("</textarea>");
    }
}

/// <summary>One checkbox with its label: <c>&lt;case-checkbox id="draft" label="Save as a draft" checked="true" /&gt;</c>.</summary>
[HtmlTargetElement("case-checkbox", TagStructure = TagStructure.WithoutEndTag)]
public sealed class CaseCheckboxTagHelper : TagHelper
{
    public string Id { get; set; } = "";
    public string? Name { get; set; }
    public string Label { get; set; } = "";
    public string? Hint { get; set; }
    public string Value { get; set; } = "true";
    public bool Checked { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "govuk-checkboxes__item");
        var content = output.Content.Clear();
        content.AppendHtml("<input class=\"govuk-checkboxes__input\" id=\"").Append(Id).AppendHtml("\" name=\"").Append(Name ?? Id)
            .AppendHtml("\" type=\"checkbox\" value=\"").Append(Value).AppendHtml("\"").AppendHtml(Checked ? " checked" : "");
        if (Hint is { Length: > 0 }) content.AppendHtml(" aria-describedby=\"").Append(Id + "-hint").AppendHtml("\"");
        content.AppendHtml("><label class=\"govuk-label govuk-checkboxes__label\" for=\"").Append(Id).AppendHtml("\">").Append(Label).AppendHtml("</label>");
        if (Hint is { Length: > 0 }) content.AppendHtml("<div id=\"").Append(Id + "-hint").AppendHtml("\" class=\"govuk-hint govuk-checkboxes__hint\">").Append(Hint).AppendHtml("</div>");
    }
}

/// <summary>Radios in a fieldset with its legend and error: <c>&lt;case-radios id="reply" legend="..." items="..." /&gt;</c>.</summary>
[HtmlTargetElement("case-radios", TagStructure = TagStructure.WithoutEndTag)]
public sealed class CaseRadiosTagHelper : TagHelper
{
    public string Id { get; set; } = "";
    public string? Name { get; set; }
    public string Legend { get; set; } = "";
    public string? Error { get => _error; set => _error = string.IsNullOrEmpty(value) ? null : value; }
    private string? _error;
    public bool Inline { get; set; }
    public IEnumerable<SelectListItem> Items { get; set; } = [];

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", Error is null ? "govuk-form-group" : "govuk-form-group govuk-form-group--error");
        var content = output.Content.Clear();
        content.AppendHtml("<fieldset class=\"govuk-fieldset\"");
        if (Error is not null) content.AppendHtml(" aria-describedby=\"").Append(Id + "-error").AppendHtml("\"");
        content.AppendHtml("><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">").Append(Legend).AppendHtml("</legend>");
        if (Error is not null)
            content.AppendHtml("<p id=\"").Append(Id + "-error").AppendHtml("\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> ").Append(Error).AppendHtml("</p>");
        content.AppendHtml(Inline ? "<div class=\"govuk-radios govuk-radios--inline\" data-module=\"govuk-radios\">" : "<div class=\"govuk-radios\" data-module=\"govuk-radios\">");
        var n = 0;
        foreach (var item in Items)
        {
            var id = n++ == 0 ? Id : $"{Id}-{n}";
            content.AppendHtml("<div class=\"govuk-radios__item\"><input class=\"govuk-radios__input\" id=\"").Append(id).AppendHtml("\" name=\"").Append(Name ?? Id)
                .AppendHtml("\" type=\"radio\" value=\"").Append(item.Value).AppendHtml("\"").AppendHtml(item.Selected ? " checked" : "")
                .AppendHtml("><label class=\"govuk-label govuk-radios__label\" for=\"").Append(id).AppendHtml("\">").Append(item.Text).AppendHtml("</label></div>");
        }
        content.AppendHtml("</div></fieldset>");
    }
}

using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Chronicle.Web.GovUk;

// The GOV.UK components that hold a page's words: details, inset text, warning text, the skip link and tables, in
// govuk-frontend's markup (checked against its fixtures.json). Their content is written in Razor, itself encoded.

/// <summary>
/// <c>&lt;govuk-details summary="Help with this"&gt;...&lt;/govuk-details&gt;</c>: a summary that opens to show the
/// content. A summary with markup of its own (words only a screen reader hears) is a <c>govuk-details-summary</c>
/// inside instead. Other attributes (an id) are kept on the details element.
/// </summary>
[HtmlTargetElement("govuk-details")]
public sealed class DetailsTagHelper : TagHelper
{
    public string? Summary { get; set; }
    public bool Open { get; set; }
    public string? Classes { get; set; }

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var summary = new DetailsSummary();
        context.Items[typeof(DetailsSummary)] = summary;
        var content = await output.GetChildContentAsync();
        output.TagName = "details";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", GovUkClasses.Of("govuk-details", Classes));
        if (Open) output.Attributes.SetAttribute(new TagHelperAttribute("open"));
        output.PreContent.AppendHtml("<summary class=\"govuk-details__summary\"><span class=\"govuk-details__summary-text\">");
        if (summary.Content is { } written) output.PreContent.AppendHtml(written);
        else output.PreContent.Append(Summary ?? "");
        output.PreContent.AppendHtml("</span></summary><div class=\"govuk-details__text\">");
        output.Content.SetHtmlContent(content);
        output.PostContent.AppendHtml("</div>");
    }
}

internal sealed class DetailsSummary
{
    public TagHelperContent? Content { get; set; }
}

/// <summary><c>&lt;govuk-details-summary&gt;Escalate&lt;span class="govuk-visually-hidden"&gt; (the alert)&lt;/span&gt;&lt;/govuk-details-summary&gt;</c>: the summary of the details around it.</summary>
[HtmlTargetElement("govuk-details-summary")]
public sealed class DetailsSummaryTagHelper : TagHelper
{
    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var summary = context.Items.TryGetValue(typeof(DetailsSummary), out var s) && s is DetailsSummary found
            ? found : throw new InvalidOperationException("<govuk-details-summary> belongs inside <govuk-details>.");
        summary.Content = await output.GetChildContentAsync();
        output.SuppressOutput();
    }
}

/// <summary><c>&lt;govuk-inset-text&gt;...&lt;/govuk-inset-text&gt;</c></summary>
[HtmlTargetElement("govuk-inset-text")]
public sealed class InsetTextTagHelper : TagHelper
{
    public string? Classes { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", GovUkClasses.Of("govuk-inset-text", Classes));
    }
}

/// <summary><c>&lt;govuk-warning-text&gt;Your name is recorded.&lt;/govuk-warning-text&gt;</c>: "Warning" read before it by screen readers.</summary>
[HtmlTargetElement("govuk-warning-text")]
public sealed class WarningTextTagHelper : TagHelper
{
    /// <summary>What a screen reader hears in place of the icon ("Warning" when not given).</summary>
    public string? IconFallbackText { get; set; }
    public string? Classes { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", GovUkClasses.Of("govuk-warning-text", Classes));
        output.PreContent.AppendHtml("<span class=\"govuk-warning-text__icon\" aria-hidden=\"true\">!</span><strong class=\"govuk-warning-text__text\"><span class=\"govuk-visually-hidden\">")
            .Append(IconFallbackText is { Length: > 0 } fallback ? fallback : "Warning").AppendHtml("</span> ");
        output.PostContent.AppendHtml("</strong>");
    }
}

/// <summary><c>&lt;govuk-skip-link href="#main-content"&gt;Skip to main content&lt;/govuk-skip-link&gt;</c></summary>
[HtmlTargetElement("govuk-skip-link")]
public sealed class SkipLinkTagHelper : TagHelper
{
    public string? Href { get; set; }
    public string? Classes { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "a";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("href", Href is { Length: > 0 } href ? href : "#content");
        output.Attributes.SetAttribute("class", GovUkClasses.Of("govuk-skip-link", Classes));
        output.Attributes.SetAttribute("data-module", "govuk-skip-link");
    }
}

/// <summary>
/// <c>&lt;govuk-table&gt;</c> around an optional <c>govuk-table-caption</c>, a <c>govuk-table-head</c> of
/// <c>govuk-table-header</c>s and a <c>govuk-table-body</c> of <c>govuk-table-row</c>s of <c>govuk-table-cell</c>s.
/// With <see cref="FirstCellIsHeader"/>, the first cell of each row heads it. Other attributes (an id) are kept on the table.
/// </summary>
[HtmlTargetElement("govuk-table")]
public sealed class TableTagHelper : TagHelper
{
    public bool FirstCellIsHeader { get; set; }
    public string? Classes { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        context.Items[typeof(TableTagHelper)] = this;
        output.TagName = "table";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", GovUkClasses.Of("govuk-table", Classes));
    }
}

/// <summary>The table's caption; <c>classes="govuk-table__caption--m"</c> sizes it.</summary>
[HtmlTargetElement("govuk-table-caption")]
public sealed class TableCaptionTagHelper : TagHelper
{
    public string? Classes { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "caption";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", GovUkClasses.Of("govuk-table__caption", Classes));
    }
}

/// <summary>The table's head: one row of <c>govuk-table-header</c>s.</summary>
[HtmlTargetElement("govuk-table-head")]
public sealed class TableHeadTagHelper : TagHelper
{
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "thead";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "govuk-table__head");
        output.PreContent.AppendHtml("<tr class=\"govuk-table__row\">");
        output.PostContent.AppendHtml("</tr>");
    }
}

/// <summary>A column's heading; <c>format="numeric"</c> aligns it with numbers.</summary>
[HtmlTargetElement("govuk-table-header")]
public sealed class TableHeaderTagHelper : TagHelper
{
    public string? Format { get; set; }
    public string? Classes { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "th";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("scope", "col");
        output.Attributes.SetAttribute("class", GovUkClasses.Of("govuk-table__header", Format is { Length: > 0 } f ? $"govuk-table__header--{f}" : null, Classes));
    }
}

/// <summary>The table's body, its rows inside.</summary>
[HtmlTargetElement("govuk-table-body")]
public sealed class TableBodyTagHelper : TagHelper
{
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "tbody";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "govuk-table__body");
    }
}

/// <summary>A row of the table's body; <c>classes</c> are added to its own. Other attributes (an id, data-) are kept on it.</summary>
[HtmlTargetElement("govuk-table-row")]
public sealed class TableRowTagHelper : TagHelper
{
    internal int Cells { get; set; }
    public string? Classes { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        context.Items[typeof(TableRowTagHelper)] = this;
        output.TagName = "tr";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", GovUkClasses.Of("govuk-table__row", Classes));
    }
}

/// <summary>A cell of a row; <c>header="true"</c> (or the table's first-cell-is-header, for the first) makes it the row's heading.</summary>
[HtmlTargetElement("govuk-table-cell")]
public sealed class TableCellTagHelper : TagHelper
{
    public bool Header { get; set; }
    public string? Format { get; set; }
    public string? Classes { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var row = context.Items.TryGetValue(typeof(TableRowTagHelper), out var r) ? r as TableRowTagHelper : null;
        var first = row is null || row.Cells++ == 0;
        var table = context.Items.TryGetValue(typeof(TableTagHelper), out var t) ? t as TableTagHelper : null;
        output.TagMode = TagMode.StartTagAndEndTag;
        if (Header || (first && table is { FirstCellIsHeader: true }))
        {
            output.TagName = "th";
            output.Attributes.SetAttribute("scope", "row");
            output.Attributes.SetAttribute("class", GovUkClasses.Of("govuk-table__header", Classes));
            return;
        }
        output.TagName = "td";
        output.Attributes.SetAttribute("class", GovUkClasses.Of("govuk-table__cell", Format is { Length: > 0 } f ? $"govuk-table__cell--{f}" : null, Classes));
    }
}

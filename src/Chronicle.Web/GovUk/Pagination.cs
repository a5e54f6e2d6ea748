using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;

namespace Chronicle.Web.GovUk;

/// <summary>The previous or next link of a pagination: its address, and optionally its own text and a label under it.</summary>
public sealed record PaginationLink(string Href, string? Text = null, string? LabelText = null);

/// <summary>A numbered page of a pagination (or, with <see cref="Ellipsis"/>, the pages left out between two).</summary>
public sealed record PaginationItem(string? Number = null, string? Href = null, bool Current = false, bool Ellipsis = false, string? VisuallyHiddenText = null);

/// <summary>What a GOV.UK pagination shows: the numbered pages, and the previous and next links.</summary>
public sealed record Pagination(IReadOnlyList<PaginationItem> Items, PaginationLink? Previous, PaginationLink? Next)
{
    /// <summary>
    /// Page <paramref name="page"/> of <paramref name="pages"/>, each page's address from <paramref name="href"/>: the
    /// first and last pages and those either side of this one, the rest as ellipses, as the Design System advises.
    /// Nothing (null) when there is one page or none.
    /// </summary>
    public static Pagination? Of(int page, int pages, Func<int, string> href)
    {
        if (pages <= 1) return null;
        var items = new List<PaginationItem>();
        for (var p = 1; p <= pages; p++)
        {
            if (p != 1 && p != pages && Math.Abs(p - page) > 1)
            {
                if (p == 2 || p == pages - 1) items.Add(new PaginationItem(Ellipsis: true));
                continue;
            }
            items.Add(new PaginationItem(p.ToString(System.Globalization.CultureInfo.InvariantCulture), href(p), Current: p == page));
        }
        return new Pagination(items, page > 1 ? new PaginationLink(href(page - 1)) : null, page < pages ? new PaginationLink(href(page + 1)) : null);
    }

    /// <summary>The pages of the list the page being shown holds, each addressed by <see cref="Address"/>.</summary>
    public static Pagination? Of(int page, int pages, IUrlHelper url, RouteValueDictionary values) => Of(page, pages, p => Address(url, values, p));

    /// <summary>
    /// The address of page <paramref name="page"/> of the list the page being shown holds, made by name: the page's
    /// own address from the URL helper, with <paramref name="values"/> (its route values and the list's filters) and
    /// the handler, if any; past the first page, the number is added to the query as <c>page=</c>, since Razor Pages
    /// keeps the route value "page" for a page's own name.
    /// </summary>
    public static string Address(IUrlHelper url, RouteValueDictionary values, int page, string? handler = null)
    {
        var address = url.Page(null, handler, values) ?? throw new InvalidOperationException("The page being shown has no address.");
        return page > 1 ? QueryHelpers.AddQueryString(address, "page", page.ToString(CultureInfo.InvariantCulture)) : address;
    }
}

/// <summary>
/// <c>&lt;govuk-pagination pages="Model.Pages" landmark-label="Pages of alerts" id="alert-pages" /&gt;</c>: GOV.UK's
/// pagination, or nothing when <see cref="Pages"/> is null. Other attributes (an id) are kept on the nav element.
/// </summary>
[HtmlTargetElement("govuk-pagination", TagStructure = TagStructure.WithoutEndTag)]
public sealed class PaginationTagHelper : TagHelper
{
    private const string ArrowPrevious = "<svg class=\"govuk-pagination__icon govuk-pagination__icon--prev\" xmlns=\"http://www.w3.org/2000/svg\" height=\"13\" width=\"15\" aria-hidden=\"true\" focusable=\"false\" viewBox=\"0 0 15 13\"><path d=\"m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z\"></path></svg>";
    private const string ArrowNext = "<svg class=\"govuk-pagination__icon govuk-pagination__icon--next\" xmlns=\"http://www.w3.org/2000/svg\" height=\"13\" width=\"15\" aria-hidden=\"true\" focusable=\"false\" viewBox=\"0 0 15 13\"><path d=\"m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z\"></path></svg>";

    public Pagination? Pages { get; set; }
    /// <summary>What the navigation landmark is called ("Pagination" when not given).</summary>
    public string? LandmarkLabel { get; set; }
    /// <summary>Extra classes for the nav element.</summary>
    public string? Classes { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (Pages is null)
        {
            output.SuppressOutput();
            return;
        }
        // Previous and next alone (no numbered pages) are shown as a block, the arrows before the words.
        var block = Pages.Items.Count == 0 && (Pages.Previous is not null || Pages.Next is not null);
        output.TagName = "nav";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "govuk-pagination" + (block ? " govuk-pagination--block" : "") + (Classes is { Length: > 0 } c ? " " + c : ""));
        output.Attributes.SetAttribute("aria-label", LandmarkLabel is { Length: > 0 } label ? label : "Pagination");
        var content = output.Content.Clear();
        if (Pages.Previous is { Href.Length: > 0 } previous) Arrow(content, previous, "prev", block);
        if (Pages.Items.Count > 0)
        {
            content.AppendHtml("<ul class=\"govuk-pagination__list\">");
            foreach (var item in Pages.Items)
            {
                content.AppendHtml("<li class=\"govuk-pagination__item").AppendHtml(item.Current ? " govuk-pagination__item--current" : "")
                    .AppendHtml(item.Ellipsis ? " govuk-pagination__item--ellipsis" : "").AppendHtml("\">");
                if (item.Ellipsis)
                {
                    content.AppendHtml("&ctdot;");
                }
                else
                {
                    content.AppendHtml("<a class=\"govuk-link govuk-pagination__link\" href=\"").Append(item.Href ?? "")
                        .AppendHtml("\" aria-label=\"").Append(item.VisuallyHiddenText is { Length: > 0 } hidden ? hidden : $"Page {item.Number}").AppendHtml("\"")
                        .AppendHtml(item.Current ? " aria-current=\"page\"" : "").AppendHtml(">").Append(item.Number ?? "").AppendHtml("</a>");
                }
                content.AppendHtml("</li>");
            }
            content.AppendHtml("</ul>");
        }
        if (Pages.Next is { Href.Length: > 0 } next) Arrow(content, next, "next", block);
    }

    private static void Arrow(TagHelperContent content, PaginationLink link, string type, bool block)
    {
        var arrow = type == "prev" ? ArrowPrevious : ArrowNext;
        content.AppendHtml($"<div class=\"govuk-pagination__{type}\"><a class=\"govuk-link govuk-pagination__link\" href=\"").Append(link.Href).AppendHtml($"\" rel=\"{type}\">");
        if (block || type == "prev") content.AppendHtml(arrow);
        content.AppendHtml(block && link.LabelText is null ? "<span class=\"govuk-pagination__link-title govuk-pagination__link-title--decorated\">" : "<span class=\"govuk-pagination__link-title\">");
        if (link.Text is { Length: > 0 } text) content.Append(text);
        else content.AppendHtml(type == "prev" ? "Previous<span class=\"govuk-visually-hidden\"> page</span>" : "Next<span class=\"govuk-visually-hidden\"> page</span>");
        content.AppendHtml("</span>");
        if (block && link.LabelText is { } label)
            content.AppendHtml("<span class=\"govuk-visually-hidden\">:</span><span class=\"govuk-pagination__link-label\">").Append(label).AppendHtml("</span>");
        if (!block && type == "next") content.AppendHtml(arrow);
        content.AppendHtml("</a></div>");
    }
}

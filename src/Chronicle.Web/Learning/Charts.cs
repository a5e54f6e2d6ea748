using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Chronicle.Core.Learning;
using Microsoft.AspNetCore.Html;

namespace Chronicle.Web.Learning;

/// <summary>
/// Charts drawn on the server as inline SVG: no script, styled by attributes (the content security policy allows no
/// inline styles), each with a title and a description for screen readers. Every chart is shown beside a table of
/// the same figures, which is the accessible alternative.
/// </summary>
public static class Charts
{
    private const int Width = 640;
    private const int Height = 240;
    private const int Left = 40;
    private const int Bottom = 40;
    private const int Top = 20;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Every month from the first to the last, those with nothing counted as 0.</summary>
    public static IReadOnlyList<MonthCount> Months(IEnumerable<MonthCount> counts)
    {
        var byMonth = counts.GroupBy(c => c.Month).ToDictionary(g => g.Key, g => g.Sum(c => c.Raised));
        if (byMonth.Count == 0) return [];
        var months = new List<MonthCount>();
        for (var m = byMonth.Keys.Min(); m <= byMonth.Keys.Max(); m = m.AddMonths(1)) months.Add(new MonthCount(m, byMonth.GetValueOrDefault(m)));
        return months;
    }

    /// <summary>Alerts raised each month as bars, with a line at the month the review was published.</summary>
    public static IHtmlContent MonthlyBars(string id, IReadOnlyList<MonthCount> months, DateOnly? publishedOn, string title, string description)
    {
        var svg = Open(id, title, description);
        var max = Math.Max(1, months.Count == 0 ? 1 : months.Max(m => m.Raised));
        var plotWidth = Width - Left - 10;
        var plotHeight = Height - Top - Bottom;
        Axes(svg, max, plotHeight);
        var slot = months.Count == 0 ? plotWidth : (double)plotWidth / months.Count;
        var labelEvery = Math.Max(1, (int)Math.Ceiling(months.Count / 12.0));
        for (var i = 0; i < months.Count; i++)
        {
            var h = plotHeight * months[i].Raised / (double)max;
            var x = Left + i * slot + slot * 0.15;
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"app-chart__bar\" x=\"{F(x)}\" y=\"{F(Top + plotHeight - h)}\" width=\"{F(slot * 0.7)}\" height=\"{F(h)}\" fill=\"#1d70b8\"><title>")
                .Append(Encode($"{MonthName(months[i].Month)}: {months[i].Raised}")).Append("</title></rect>");
            if (i % labelEvery == 0)
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(Left + i * slot + slot / 2)}\" y=\"{Height - Bottom + 16}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#0b0c0c\">")
                    .Append(Encode(months[i].Month.ToString("MMM yy", Invariant))).Append("</text>");
        }
        if (publishedOn is { } published && months.Count > 0)
        {
            var month = new DateOnly(published.Year, published.Month, 1);
            var index = month < months[0].Month ? 0 : months.ToList().FindIndex(m => m.Month == month) is var found and >= 0 ? found : months.Count;
            var x = Left + index * slot;
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"app-chart__published\" x1=\"{F(x)}\" y1=\"{Top}\" x2=\"{F(x)}\" y2=\"{Top + plotHeight}\" stroke=\"#d4351c\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{F(Math.Min(x + 4, Width - 90))}\" y=\"{Top + 12}\" font-size=\"12\" fill=\"#d4351c\">Published</text>");
        }
        return Close(svg);
    }

    /// <summary>One horizontal bar per label.</summary>
    public static IHtmlContent HorizontalBars(string id, IReadOnlyList<(string Label, int Value)> bars, string title, string description)
    {
        const int labelWidth = 230;
        const int row = 26;
        var height = Top + Math.Max(1, bars.Count) * row + 10;
        var svg = Open(id, title, description, height);
        var max = Math.Max(1, bars.Count == 0 ? 1 : bars.Max(b => b.Value));
        var plotWidth = Width - labelWidth - 40;
        for (var i = 0; i < bars.Count; i++)
        {
            var y = Top + i * row;
            var w = plotWidth * bars[i].Value / (double)max;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth - 6}\" y=\"{y + 15}\" font-size=\"12\" text-anchor=\"end\" fill=\"#0b0c0c\">").Append(Encode(bars[i].Label)).Append("</text>")
                .Append(CultureInfo.InvariantCulture, $"<rect class=\"app-chart__bar\" x=\"{labelWidth}\" y=\"{y + 3}\" width=\"{F(w)}\" height=\"{row - 8}\" fill=\"#1d70b8\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{F(labelWidth + w + 6)}\" y=\"{y + 15}\" font-size=\"12\" fill=\"#0b0c0c\">{bars[i].Value}</text>");
        }
        return Close(svg);
    }

    public static string MonthName(DateOnly month) => month.ToString("MMMM yyyy", Invariant);

    private static StringBuilder Open(string id, string title, string description, int height = Height) =>
        new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<svg class=\"app-chart\" id=\"{Encode(id)}\" role=\"img\" aria-labelledby=\"{Encode(id)}-title {Encode(id)}-desc\" viewBox=\"0 0 {Width} {height}\" width=\"100%\" font-family=\"GDS Transport, arial, sans-serif\" preserveAspectRatio=\"xMinYMin meet\" xmlns=\"http://www.w3.org/2000/svg\">")
            .Append(CultureInfo.InvariantCulture, $"<title id=\"{Encode(id)}-title\">").Append(Encode(title)).Append("</title>")
            .Append(CultureInfo.InvariantCulture, $"<desc id=\"{Encode(id)}-desc\">").Append(Encode(description)).Append("</desc>");

    private static void Axes(StringBuilder svg, int max, int plotHeight)
    {
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top + plotHeight}\" x2=\"{Width - 10}\" y2=\"{Top + plotHeight}\" stroke=\"#0b0c0c\"/>")
            .Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Top + plotHeight}\" stroke=\"#0b0c0c\"/>")
            .Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{Top + 4}\" font-size=\"11\" text-anchor=\"end\" fill=\"#0b0c0c\">{max}</text>")
            .Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{Top + plotHeight + 4}\" font-size=\"11\" text-anchor=\"end\" fill=\"#0b0c0c\">0</text>");
    }

    private static HtmlString Close(StringBuilder svg) => new(svg.Append("</svg>").ToString());

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);

    private static string F(double value) => value.ToString("0.#", Invariant);
}

using AngleSharp;
using Chronicle.Core.Learning;
using Chronicle.Web.Learning;

namespace Chronicle.Web.Tests.Learning;

public sealed class ChartsTests
{
    [Fact]
    public void Months_fill_the_gaps_between_the_first_and_the_last_with_zero()
    {
        var months = Charts.Months([new MonthCount(new DateOnly(2015, 1, 1), 2), new MonthCount(new DateOnly(2015, 4, 1), 1), new MonthCount(new DateOnly(2015, 1, 1), 3)]);

        Assert.Equal([5, 0, 0, 1], months.Select(m => m.Raised));
        Assert.Equal(new DateOnly(2015, 3, 1), months[2].Month);
    }

    [Fact]
    public async Task The_monthly_chart_is_an_image_with_a_title_one_bar_a_month_and_a_line_at_publication()
    {
        var months = Charts.Months([new MonthCount(new DateOnly(2015, 1, 1), 4), new MonthCount(new DateOnly(2015, 6, 1), 1)]);
        var svg = Render(Charts.MonthlyBars("c", months, new DateOnly(2015, 3, 17), "Alerts <by> month", "Five alerts"));

        var doc = await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content($"<body>{svg}</body>"));
        var chart = doc.QuerySelector("svg")!;
        Assert.Equal("img", chart.GetAttribute("role"));
        Assert.Equal("Alerts <by> month", chart.QuerySelector("title")!.TextContent);
        Assert.Equal(6, chart.QuerySelectorAll("rect.app-chart__bar").Length);
        Assert.NotNull(chart.QuerySelector("line.app-chart__published"));
        Assert.DoesNotContain("style=", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_publication_date_the_chart_draws_no_publication_line()
    {
        var svg = Render(Charts.MonthlyBars("c", Charts.Months([new MonthCount(new DateOnly(2015, 1, 1), 4)]), null, "t", "d"));

        Assert.DoesNotContain("app-chart__published", svg, StringComparison.Ordinal);
    }

    private static string Render(Microsoft.AspNetCore.Html.IHtmlContent content)
    {
        using var writer = new StringWriter();
        content.WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        return writer.ToString();
    }
}

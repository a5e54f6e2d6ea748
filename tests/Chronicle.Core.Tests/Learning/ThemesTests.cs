using Chronicle.Core.Learning;
using Chronicle.Core.Learning.Import;
using Xunit;

namespace Chronicle.Core.Tests.Learning;

public sealed class ThemesTests
{
    [Fact]
    public void The_taxonomy_has_nineteen_themes_with_distinct_codes_and_phrases()
    {
        Assert.Equal(19, Themes.All.Count);
        Assert.Equal(Themes.All.Count, Themes.All.Select(t => t.Code).Distinct().Count());
        Assert.All(Themes.All, t =>
        {
            Assert.Matches("^[a-z]+(-[a-z]+)*$", t.Code);
            Assert.NotEmpty(t.Label);
            Assert.NotEmpty(t.Covers);
            Assert.NotEmpty(t.Phrases);
        });
    }

    [Fact]
    public void A_theme_is_found_by_its_code()
    {
        Assert.Equal("Was not brought", Themes.Find(Themes.WasNotBrought)?.Label);
        Assert.Null(Themes.Find("not-a-theme"));
    }

    [Fact]
    public void Phrases_match_whole_words_ignoring_case_hyphens_and_endings()
    {
        var pattern = ThemeSuggester.Compile(["non-mobile", "father*", "information * shared"]);

        Assert.Equal(
            ["Non mobile", "fathers", "Father’s", "information was shared"],
            pattern.Matches("Non mobile babies; fathers; Father’s role; information was shared; grandfather; nonmobilexyz")
                .Select(m => m.Value).ToArray());
    }

    [Fact]
    public void Suggestions_are_ranked_by_mentions_with_the_words_that_suggested_them()
    {
        var themes = ThemeSuggester.Suggest(["The father was not seen.", "Supervision was missed; supervision matters; no father at conference."]);

        Assert.Equal([Themes.FathersAndSignificantAdults, Themes.Supervision], themes.Select(t => t.Code).ToArray());
        Assert.Equal(["father"], themes[0].Evidence);
        Assert.Equal(2, themes[1].Hits);
        Assert.Equal(["Supervision"], themes[1].Evidence);
    }
}

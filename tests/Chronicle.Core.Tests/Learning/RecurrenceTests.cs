using Chronicle.Core.Learning;

namespace Chronicle.Core.Tests.Learning;

public sealed class RecurrenceTests
{
    [Fact]
    public void The_library_holds_the_five_seed_reviews()
    {
        Assert.Equal(5, SeedLibrary.All.Count);
        Assert.Contains(SeedLibrary.All, d => d.Brief.Title == "Serious Case Review in relation to Child BF" && d.Brief.Findings.Count == 7);
    }

    [Fact]
    public void A_finding_about_gps_missing_from_conferences_mirrors_child_BF()
    {
        var matches = Recurrence.Find(
            "Not all agencies holding information were invited to the child protection conference; the GP was not invited and did not receive the record.",
            Recurrence.Library());
        var first = matches[0];
        Assert.Equal(("Serious Case Review in relation to Child BF", "BF6.1"), (first.Review, first.Number));
        Assert.Contains("multi-agency-meetings", first.SharedThemes);
    }

    [Fact]
    public void Unrelated_text_mirrors_nothing()
    {
        Assert.Empty(Recurrence.Find("The annual budget was agreed by the board and the website was refreshed.", Recurrence.Library()));
    }
}

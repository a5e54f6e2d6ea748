using Chronicle.Core.Safeguards;
using Chronicle.Web.Alerts;

namespace Chronicle.Web.Tests.Alerts;

public sealed class SafeguardGuidesTests
{
    [Fact]
    public void Every_safeguard_in_the_catalogue_is_explained_and_nothing_else_is()
    {
        Assert.Equal(SafeguardCatalogue.All.Select(s => s.Id), SafeguardGuides.All.Keys.Order(StringComparer.Ordinal));
        Assert.All(SafeguardGuides.All.Values, g =>
        {
            Assert.False(string.IsNullOrWhiteSpace(g.FiresWhen));
            Assert.False(string.IsNullOrWhiteSpace(g.AsksFor));
            Assert.False(string.IsNullOrWhiteSpace(g.Told));
        });
    }
}

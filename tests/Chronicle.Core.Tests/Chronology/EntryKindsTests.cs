using System.Reflection;
using System.Text.Json;
using Chronicle.Core.Chronology;
using Chronicle.Testing;

namespace Chronicle.Core.Tests.Chronology;

public sealed class EntryKindsTests
{
    [Fact]
    public void Codes_are_unique_and_every_details_type_has_one_kind()
    {
        Assert.Equal(EntryKinds.All.Count, EntryKinds.All.Select(k => k.Code).Distinct().Count());
        var detailTypes = typeof(EntryKinds).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false } && t.IsSubclassOf(typeof(Core.Chronology.Details.EntryDetails))).ToHashSet();
        Assert.Equal(detailTypes, EntryKinds.All.Select(k => k.DetailsType).ToHashSet());
    }

    [Fact]
    public void Every_kind_and_every_field_is_documented()
    {
        var doc = File.ReadAllText(RepositoryFiles.Path("docs/entry-kinds.md"));
        foreach (var kind in EntryKinds.All)
        {
            Assert.Contains($"## `{kind.Code}`", doc);
            foreach (var property in kind.DetailsType.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
                Assert.Contains($"`{JsonNamingPolicy.CamelCase.ConvertName(property.Name)}`", doc);
        }
    }
}

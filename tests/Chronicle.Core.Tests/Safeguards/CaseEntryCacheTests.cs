using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Safeguards;

namespace Chronicle.Core.Tests.Safeguards;

public sealed class CaseEntryCacheTests
{
    [Fact]
    public void Entries_kept_are_found_and_the_others_named_missing_in_the_order_asked()
    {
        var cache = new CaseEntryCache(10);
        var kept = Enumerable.Range(0, 3).Select(_ => Entry()).ToList();
        cache.Add(kept);
        var unknown = Guid.NewGuid();
        var missing = new List<Guid>();

        var found = cache.Find([kept[2].Id, unknown, kept[0].Id], missing);

        Assert.Equal([kept[2].Id, kept[0].Id], found.Keys);
        Assert.Same(kept[2], found[kept[2].Id]);
        Assert.Equal([unknown], missing);
    }

    [Fact]
    public void The_cache_never_keeps_more_than_its_capacity_and_keeps_what_was_asked_for_lately()
    {
        var cache = new CaseEntryCache(6);
        var first = Entry();
        cache.Add([first]);
        for (var i = 0; i < 20; i++)
        {
            cache.Add([Entry()]);
            Assert.True(cache.Count <= 6, $"{cache.Count} entries kept in a cache of 6");
            // Asked for after every entry added: never dropped, however many come after it.
            Assert.Single(cache.Find([first.Id], []));
        }
        var old = Entry();
        cache.Add([old]);
        for (var i = 0; i < 6; i++) cache.Add([Entry()]);
        // Not asked for while six others came: dropped.
        var missing = new List<Guid>();
        Assert.Empty(cache.Find([old.Id], missing));
        Assert.Equal([old.Id], missing);
    }

    [Fact]
    public void A_cache_of_fewer_than_two_entries_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new CaseEntryCache(1));

    private static CaseEntry Entry() =>
        new(new ChronologyEntry { Id = Guid.NewGuid(), Kind = "observation", Details = "{}" }, new Observation { Topic = ObservationTopic.Other, Text = "Seen" });
}

using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Safeguards;

namespace Chronicle.Core.Tests.Safeguards;

public sealed class CaseEntryCacheTests
{
    [Fact]
    public void Entries_kept_are_found_and_the_others_named_missing_in_the_order_asked()
    {
        var cache = new CaseEntryCache(10 * CaseEntryCache.SizeOf(Entry()));
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
    public void The_cache_never_keeps_more_than_its_bound_and_keeps_what_was_asked_for_lately()
    {
        var bound = 6 * CaseEntryCache.SizeOf(Entry());
        var cache = new CaseEntryCache(bound);
        var first = Entry();
        cache.Add([first]);
        for (var i = 0; i < 20; i++)
        {
            cache.Add([Entry()]);
            Assert.True(cache.Bytes <= bound, $"{cache.Bytes} bytes kept in a cache of {bound}");
            Assert.True(cache.Count <= 6, $"{cache.Count} entries kept where six fit");
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
    public void Long_texts_count_for_more_and_an_entry_larger_than_half_the_bound_is_not_kept()
    {
        var shortEntry = Entry();
        var longEntry = Entry(new string('x', 20_000));
        Assert.Equal(2 * 20_000, CaseEntryCache.SizeOf(longEntry) - CaseEntryCache.SizeOf(shortEntry));

        var cache = new CaseEntryCache(CaseEntryCache.SizeOf(longEntry));
        cache.Add([longEntry, shortEntry]);
        var missing = new List<Guid>();
        Assert.Single(cache.Find([longEntry.Id, shortEntry.Id], missing));
        Assert.Equal([longEntry.Id], missing);
    }

    [Fact]
    public void A_cache_of_no_bytes_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new CaseEntryCache(0));

    private static CaseEntry Entry(string? narrative = null) =>
        new(new ChronologyEntry { Id = Guid.NewGuid(), Kind = "observation", Details = "{\"topic\":\"Other\",\"text\":\"Seen\"}", Narrative = narrative },
            new Observation { Topic = ObservationTopic.Other, Text = "Seen" });
}

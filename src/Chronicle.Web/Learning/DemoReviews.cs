using Chronicle.Core.Learning;
using Chronicle.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Learning;

/// <summary>
/// The demo partnership's reviews: the five seed documents of Chronicle's library, imported and confirmed as a
/// reviewer would, each lesson linked to the safeguards that carry it, and held as what they are: finished reviews
/// whose learning has been issued (published history, not work in progress). The seeds give months, seasons and
/// years, never days, so no incident, decision or publication day is recorded for them: what they do say of their
/// dates is kept in their words (<see cref="Review.DatesAsGiven"/>), and what they say about delay as slippage.
/// </summary>
public static class DemoReviews
{
    /// <summary>Slippage the seeds report, by seed file: the review's own account of why it was late.</summary>
    private static readonly IReadOnlyDictionary<string, string> Slippage = new Dictionary<string, string>
    {
        ["003_94151bc4743da5b9.txt"] = "As the seed records: there was a delay in finding an independent author, and work on the review was suspended when Covid restrictions were imposed in March 2020; it resumed in September 2020 and the report was presented in February 2021.",
        ["004_74f6bd7529b317a6.txt"] = "As the seed records: publication was delayed by ongoing legal proceedings.",
    };

    /// <summary>What each seed says of its dates, in its words; a seed not listed gives none.</summary>
    public static readonly IReadOnlyDictionary<string, string> DatesAsGiven = new Dictionary<string, string>
    {
        ["000_9d0370fb483dd210.txt"] = "The briefing gives no date for the review, its decision or its report; as it says, child protection incident reviews are not published, and their learning is shared in briefings such as this one.",
        ["001_0b0af10d9d3f9a29.txt"] = "The briefing gives no date for the review, its decision or its report; as it says, child protection incident reviews are not published, and their learning is shared in briefings such as this one.",
        ["002_3cd9565218645f4f.txt"] = "The serious case review was completed in 2016; the synopsis of its learning is dated February 2017, and its survey (signed July 2018) closed on 30 September 2018.",
        ["003_94151bc4743da5b9.txt"] = "The review was commissioned in the autumn of 2019 and its report presented to the partnership in February 2021; the response gives no date of publication.",
        ["004_74f6bd7529b317a6.txt"] = "The review began in June 2017; the overview report was published alongside the partnership's response, dated May 2020.",
    };

    public static async Task<int> LoadAsync(Func<ChronicleDb> open, TimeProvider clock, Guid partnershipId, CancellationToken ct = default)
    {
        await using var db = open();
        var loaded = 0;
        foreach (var seed in SeedLibrary.All)
        {
            if (await db.Reviews.AnyAsync(r => r.PartnershipId == partnershipId && r.SourceDocument == seed.File, ct)) continue;
            var draft = await DraftReviews.CreateAsync(db, clock, partnershipId, seed.Brief, seed.File, ct);
            var learning = new LearningService(db, clock);
            await learning.ConfirmDraftAsync(partnershipId, draft.Id, ct);
            await LinkFromCatalogueAsync(db, learning, partnershipId, draft.Id, seed.File, ct);
            if (Agencies(seed.Text) is { Count: > 0 } agencies) draft.AgenciesScrutinised = string.Join('\n', agencies);
            // Finished and issued: published history, with no day the document does not give.
            draft.Status = ReviewStatus.Published;
            draft.DatesAsGiven = DatesAsGiven.GetValueOrDefault(seed.File);
            await db.SaveChangesAsync(ct);
            if (Slippage.TryGetValue(seed.File, out var reason)) await learning.RecordSlippageAsync(partnershipId, draft.Id, reason, null, ct);
            loaded++;
        }
        return loaded;
    }

    /// <summary>
    /// A lesson the theme suggestions left without a safeguard is linked to the safeguards whose catalogue entry
    /// cites it: by its number ("Lesson BF6.1") or its finding's, or by the quoted words. A recommendation the
    /// catalogue quotes is linked too: Emily's review states its learning only as recommendations.
    /// </summary>
    private static async Task LinkFromCatalogueAsync(ChronicleDb db, LearningService learning, Guid partnershipId, Guid reviewId, string seedFile, CancellationToken ct)
    {
        var seed = seedFile[..3];
        var items = await db.ReviewItems.AsNoTracking().Where(i => i.ReviewId == reviewId).ToListAsync(ct);
        var linked = await db.LessonSafeguards.AsNoTracking().Where(l => items.Select(i => i.Id).Contains(l.LessonItemId)).Select(l => l.LessonItemId).ToListAsync(ct);
        foreach (var lesson in items.Where(i => i.Type is ReviewItemType.Lesson or ReviewItemType.Recommendation && !linked.Contains(i.Id)))
        {
            // A recommendation is linked only by the catalogue's quoting it, never through its finding.
            var finding = lesson.Type == ReviewItemType.Lesson ? items.FirstOrDefault(i => i.Id == lesson.ParentItemId)?.Number : null;
            var ids = Core.Safeguards.SafeguardCatalogue.All
                .Where(sg => sg.Lessons.Any(l => l.Seed == seed && Cites(l, lesson, finding)))
                .Select(sg => sg.Id).Order(StringComparer.Ordinal).ToList();
            if (ids.Count > 0) await learning.LinkSafeguardsAsync(partnershipId, lesson.Id, ids, ct);
        }
    }

    private static bool Cites(Core.Safeguards.Lesson cited, ReviewItem lesson, string? findingNumber)
    {
        var labels = cited.Finding.Split(',', StringSplitOptions.TrimEntries);
        if (lesson.Number is { } number && labels.Contains($"Lesson {number}")) return true;
        if (findingNumber is not null && labels.Contains($"Finding {findingNumber}") && !labels.Any(l => l.StartsWith("Lesson ", StringComparison.Ordinal))) return true;
        return FuzzySharp.Fuzz.TokenSetRatio(cited.Quote.ToLowerInvariant(), lesson.Text.ToLowerInvariant()) >= 80;
    }

    /// <summary>The agencies a document lists after "scrutinised the work of the following agencies", as bullets.</summary>
    public static IReadOnlyList<string> Agencies(string text)
    {
        var lines = text.Split('\n').Select(l => l.Trim()).ToList();
        var start = lines.FindIndex(l => l.Contains("scrutinised the work of the following agencies", StringComparison.OrdinalIgnoreCase));
        if (start < 0) return [];
        var agencies = new List<string>();
        foreach (var line in lines.Skip(start + 1))
        {
            if (line.Length == 0 && agencies.Count == 0) continue;
            if (!line.StartsWith("- ", StringComparison.Ordinal)) break;
            agencies.Add(line[2..].Trim());
        }
        return agencies;
    }
}

using Chronicle.Core.Learning;
using Chronicle.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Learning;

/// <summary>The earlier findings a new one is compared with: the partnership's own confirmed reviews, then Chronicle's library.</summary>
public static class LearningRecurrence
{
    public const string OwnReviews = "This partnership's reviews";

    public static async Task<IReadOnlyList<Recurrence.Candidate>> CandidatesAsync(ChronicleDb db, Guid partnershipId, Guid? exceptReviewId, CancellationToken ct = default)
    {
        var own = await db.ReviewItems.AsNoTracking()
            .Join(db.Reviews.Where(r => r.PartnershipId == partnershipId && r.Status != ReviewStatus.Draft && r.Id != exceptReviewId), i => i.ReviewId, r => r.Id, (i, r) => new { i, r.Title })
            .Where(x => x.i.Type == ReviewItemType.Finding || x.i.Type == ReviewItemType.Lesson)
            .ToListAsync(ct);
        var candidates = own.Select(x => new Recurrence.Candidate(x.Title, x.i.Number, x.i.Text, x.i.ThemeCodes, OwnReviews)).ToList();
        var seen = candidates.Select(c => (c.Review, c.Text)).ToHashSet();
        candidates.AddRange(Recurrence.Library().Where(c => !seen.Contains((c.Review, c.Text))));
        return candidates;
    }

    /// <summary>For each finding and lesson of a draft, the earlier ones it mirrors.</summary>
    public static async Task<IReadOnlyDictionary<Guid, IReadOnlyList<EarlierFinding>>> ForDraftAsync(ChronicleDb db, Guid partnershipId, ReviewRecord draft, CancellationToken ct = default)
    {
        var candidates = await CandidatesAsync(db, partnershipId, draft.Review.Id, ct);
        return draft.Items.Where(i => i.Type is ReviewItemType.Finding or ReviewItemType.Lesson)
            .ToDictionary(i => i.Id, i => Recurrence.Find(i.Text, candidates, max: 3));
    }
}

using Chronicle.Core.Learning;
using Chronicle.Core.Security;
using Chronicle.Web.Security;

namespace Chronicle.Web.Learning;

/// <summary>
/// Who manages the learning cycle (the business unit and reviewers), and what everyone else may read of it: never a
/// draft, whose imported text they have not yet checked, nor perhaps redacted. The pages and the API both ask this.
/// </summary>
public static class LearningAccess
{
    public static bool Manages(SignedInUser user) => user.Viewer.Has(Role.BusinessUnit) || user.Viewer.Has(Role.Reviewer);

    public static bool MayRead(Review review, bool manages) => manages || review.Status != ReviewStatus.Draft;

    public static IQueryable<Review> ReadableBy(this IQueryable<Review> reviews, bool manages) =>
        manages ? reviews : reviews.Where(r => r.Status != ReviewStatus.Draft);
}

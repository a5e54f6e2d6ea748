using System.Globalization;
using Chronicle.Core.Learning.Import;
using Chronicle.Core.Persistence;
using Chronicle.Core.Time;

namespace Chronicle.Core.Learning;

/// <summary>
/// Turns an imported learning document into a draft review for a person to check and confirm: its findings,
/// lessons, recommendations (each under its finding where the document shows it), actions with owner, deadline and
/// "how will we know", good practice, suggested themes per item, and suggested safeguards for each lesson.
/// </summary>
public static class DraftReviews
{
    public static async Task<Review> CreateAsync(ChronicleDb db, TimeProvider clock, Guid partnershipId, ImportedBrief brief, string? sourceDocument, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        Guid Id() => Guid.CreateVersion7(now);
        var review = new Review
        {
            Id = Id(), PartnershipId = partnershipId, Title = brief.Title.Length > 0 ? brief.Title : "Untitled review", Type = TypeOf(brief.Title),
            Status = ReviewStatus.Draft, Summary = brief.Summary, Focus = brief.Focus, SourceDocument = sourceDocument, CreatedAt = now,
        };
        db.Reviews.Add(review);

        var findings = new Dictionary<string, Guid>(StringComparer.Ordinal);
        var recommendations = new Dictionary<string, Guid>(StringComparer.Ordinal);
        ReviewItem Item(ReviewItemType type, string? number, string text, int position, Guid? parent = null)
        {
            var item = new ReviewItem
            {
                Id = Id(), ReviewId = review.Id, Type = type, Number = number, Text = text, ParentItemId = parent, Position = position,
                Themes = string.Join(',', ThemeSuggester.Suggest([text]).Select(t => t.Code)),
            };
            db.ReviewItems.Add(item);
            return item;
        }

        foreach (var (f, i) in brief.Findings.Select((f, i) => (f, i)))
        {
            var item = Item(ReviewItemType.Finding, f.Number, f.Text, i);
            if (f.Number is not null) findings.TryAdd(f.Number, item.Id);
        }
        foreach (var (l, i) in brief.Lessons.Select((l, i) => (l, i)))
        {
            var item = Item(ReviewItemType.Lesson, l.Number, l.Text, i, l.FindingNumber is { } fn && findings.TryGetValue(fn, out var p) ? p : null);
            foreach (var safeguard in ThemeSafeguards.Suggest(item.ThemeCodes, sourceDocument))
                db.LessonSafeguards.Add(new LessonSafeguard { LessonItemId = item.Id, SafeguardId = safeguard });
        }
        foreach (var (r, i) in brief.Recommendations.Select((r, i) => (r, i)))
        {
            var item = Item(ReviewItemType.Recommendation, r.Number, r.Text, i, r.FindingNumber is { } fn && findings.TryGetValue(fn, out var p) ? p : null);
            if (r.Number is not null) recommendations.TryAdd(r.Number, item.Id);
        }
        foreach (var (g, i) in brief.GoodPractice.Select((g, i) => (g, i)))
            Item(ReviewItemType.GoodPractice, g.Number, g.Text, i);
        foreach (var a in brief.Actions)
        {
            db.ResponseActions.Add(new ResponseAction
            {
                Id = Id(), ReviewId = review.Id, Description = a.Text, Owner = a.Owner, Deadline = ParseDate(a.Deadline), HowWeWillKnow = a.HowWeWillKnow,
                ItemId = a.RecommendationNumbers.Select(n => recommendations.TryGetValue(n, out var id) ? id : (Guid?)null).FirstOrDefault(id => id is not null),
                Status = ActionStatus.NotStarted, CreatedAt = now,
            });
        }
        await db.SaveChangesAsync(ct);
        return review;
    }

    public static ReviewType TypeOf(string title) => title switch
    {
        _ when title.Contains("Incident Review", StringComparison.OrdinalIgnoreCase) => ReviewType.ChildProtectionIncidentReview,
        _ when title.Contains("Serious Case Review", StringComparison.OrdinalIgnoreCase) => ReviewType.SeriousCaseReview,
        _ when title.Contains("CSPR", StringComparison.Ordinal) || title.Contains("Practice Review", StringComparison.OrdinalIgnoreCase) => ReviewType.ChildSafeguardingPracticeReview,
        _ => ReviewType.Other,
    };

    private static DateOnly? ParseDate(string? text) =>
        text is not null && DateOnly.TryParse(text, CultureInfo.GetCultureInfo("en-GB"), DateTimeStyles.None, out var d) ? d : null;
}

using Chronicle.Core.Learning;
using Chronicle.Core.Safeguards;

namespace Chronicle.Web.Learning;

/// <summary>A point of a briefing section, numbered as the review numbers it, with a link where there is one.</summary>
public sealed record BriefingPoint(string Text, string? Number = null, string? Href = null);

/// <summary>One of the briefing's seven sections.</summary>
public sealed record BriefingSection(string Id, string Heading, string? Text, IReadOnlyList<BriefingPoint> Points);

/// <summary>
/// A learning briefing generated from a review, in the shape of the seed briefings (Bristol's CPIR briefings): what
/// happened, our focus, the good practice we identified, what we have learnt, what we can do differently, guidance,
/// and how to give feedback. It says only what the review records; an empty section says so rather than invent.
/// </summary>
public sealed record Briefing(string Title, string Kind, IReadOnlyList<BriefingSection> Sections)
{
    public static readonly IReadOnlyList<string> Headings =
    [
        "What we know about the family and what happened",
        "Our focus in this review",
        "The good practice that we identified",
        "What we have learnt",
        "What we can do differently in the future",
        "Good practice guidance related to this review",
        "Feedback, suggestions and ideas",
    ];

    public static Briefing From(ReviewRecord record, string feedbackUrl, string reviewUrl)
    {
        var review = record.Review;
        var findings = record.Of(ReviewItemType.Finding).ToList();
        var lessons = record.Of(ReviewItemType.Lesson).ToList();
        var recommendations = record.Of(ReviewItemType.Recommendation).ToList();
        var learnt = lessons.Count > 0 ? lessons : findings;
        var differently = recommendations.Count > 0
            ? recommendations.Select(Point).ToList()
            : [.. record.Actions.Select(a => new BriefingPoint(a.Action.Description))];
        var themes = record.Themes.Select(LearningLabels.Theme).ToList();
        var focus = review.Focus
            ?? (themes.Count > 0 ? $"The review's findings concern {JoinWords(themes.Take(5).Select(t => t.ToLowerInvariant()).ToList())}." : null);
        var guidance = record.AllSafeguards.Select(id => new BriefingPoint(
            $"{id}: {SafeguardCatalogue.Find(id)?.Title ?? id}. Chronicle raises an alert when a child's record shows this again.", Href: $"/safeguards/{id}")).ToList();
        guidance.Add(new BriefingPoint("The full review and the partnership's response to it, with live figures from Chronicle", Href: reviewUrl));

        return new Briefing(review.Title, LearningLabels.Of(review.Type),
        [
            new("what-happened", Headings[0], review.Summary ?? record.Incident?.Summary ?? "The review records no account of what happened.", []),
            new("our-focus", Headings[1], focus ?? "The review records no focus.", []),
            new("good-practice", Headings[2], record.Of(ReviewItemType.GoodPractice).Any() ? null : "The review records no good practice.",
                [.. record.Of(ReviewItemType.GoodPractice).Select(Point)]),
            new("what-we-learnt", Headings[3], learnt.Count > 0 ? null : "The review records no lessons.", [.. learnt.Select(Point)]),
            new("what-we-can-do-differently", Headings[4], differently.Count > 0 ? null : "The review records no recommendations.", differently),
            new("guidance", Headings[5], null, guidance),
            new("feedback", Headings[6], "Tell the partnership how you have used this briefing to improve practice, and what would help you learn from this review.",
                [new BriefingPoint("Give your feedback in Chronicle", Href: feedbackUrl)]),
        ]);
    }

    private static BriefingPoint Point(ReviewItem item) => new(item.Text, item.Number);

    private static string JoinWords(IReadOnlyList<string> words) =>
        words.Count <= 1 ? string.Concat(words) : string.Join(", ", words.Take(words.Count - 1)) + " and " + words[^1];
}

using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Chronicle.Core.Learning.Import;

/// <summary>
/// A draft review read from a learning document, for a reviewer to check before it is saved. Lists are empty, never
/// null, when the document has none of that kind.
/// </summary>
public sealed record ImportedBrief(
    string Title,
    IReadOnlyList<ImportedFinding> Findings,
    IReadOnlyList<ImportedLesson> Lessons,
    IReadOnlyList<ImportedRecommendation> Recommendations,
    IReadOnlyList<ImportedAction> Actions,
    IReadOnlyList<ImportedGoodPractice> GoodPractice,
    IReadOnlyList<ThemeSuggestion> Themes,
    string? Summary = null,
    string? Focus = null)
{
    public string ToJson(bool indented = false) =>
        JsonSerializer.Serialize(this, indented ? IndentedJson : ChronicleJson.Options);

    // Indented output is for people to read, so quotes and typographic characters are written as themselves.
    private static readonly JsonSerializerOptions IndentedJson = new(ChronicleJson.Options)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}

// Number stays in the JSON as null when the document does not number an item, so every item has the same shape.

/// <summary>A finding of the review: what it found about the case and the system.</summary>
public sealed record ImportedFinding(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Number,
    string Text,
    string? Heading = null);

/// <summary>A lesson: what practitioners should take from the case. Heading is the theme or sub-heading it sits under.</summary>
public sealed record ImportedLesson(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Number,
    string Text,
    string? FindingNumber = null,
    string? Heading = null);

/// <summary>A recommendation, or an outcome the partnership is asked to achieve.</summary>
public sealed record ImportedRecommendation(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Number,
    string Text,
    string? FindingNumber = null,
    string? Heading = null);

/// <summary>
/// Something an agency or the partnership has done or will do. RecommendationNumbers are the recommendations it
/// answers, as far as the document's layout shows; HowWeWillKnow is how its impact will be evidenced.
/// </summary>
public sealed record ImportedAction(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Number,
    string Text,
    IReadOnlyList<string> RecommendationNumbers,
    string? FindingNumber = null,
    string? Heading = null,
    string? Owner = null,
    string? Deadline = null,
    string? HowWeWillKnow = null);

/// <summary>Practice the review found to be good.</summary>
public sealed record ImportedGoodPractice(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Number,
    string Text,
    string? Heading = null);

/// <summary>A theme of the taxonomy the document appears to be about, with the document's own words that suggest it.</summary>
public sealed record ThemeSuggestion(string Code, string Label, int Hits, IReadOnlyList<string> Evidence);

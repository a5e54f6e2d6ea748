using System.Text.RegularExpressions;

namespace Chronicle.Core.Learning.Import;

internal enum SectionKind
{
    Unknown,
    Ignore,
    Summary,
    Focus,
    Findings,
    Lessons,
    Recommendations,
    GoodPractice,
    Actions,
    HowWeWillKnow,
}

/// <summary>What a section of a learning document holds, judged from the wording of its heading.</summary>
internal static partial class SectionHeadings
{
    public static SectionKind Classify(string heading)
    {
        var text = heading.Trim().TrimEnd(':', '?', '.').Trim();
        // Order matters: "good practice guidance" is a reading list, not good practice.
        if (Ignore().IsMatch(text)) return SectionKind.Ignore;
        if (HowWeWillKnow().IsMatch(text)) return SectionKind.HowWeWillKnow;
        if (GoodPractice().IsMatch(text)) return SectionKind.GoodPractice;
        if (Focus().IsMatch(text)) return SectionKind.Focus;
        if (Summary().IsMatch(text)) return SectionKind.Summary;
        if (Recommendations().IsMatch(text)) return SectionKind.Recommendations;
        if (Findings().IsMatch(text)) return SectionKind.Findings;
        if (Lessons().IsMatch(text)) return SectionKind.Lessons;
        if (Actions().IsMatch(text) || AgencyActions().IsMatch(text)) return SectionKind.Actions;
        return SectionKind.Unknown;
    }

    /// <summary>The agency named by an actions heading such as "CSCP Context / Actions already taken/ CSCP Action".</summary>
    public static string? ActionOwner(string heading) =>
        AgencyActions().Match(heading.Trim()) is { Success: true } m ? m.Groups["owner"].Value : null;

    /// <summary>What the review focused on, from a heading such as "OUR FOCUS IN THIS REVIEW: THE SHARING OF INFORMATION".</summary>
    public static string? FocusSubject(string heading)
    {
        var colon = heading.IndexOf(':');
        return colon < 0 || colon == heading.Length - 1 ? null : heading[(colon + 1)..].Trim();
    }

    [GeneratedRegex(@"^what is an? |feedback|guidance related|further reading|useful links|^resources|^references|makes? a difference|^thank you|^contact", RegexOptions.IgnoreCase)]
    private static partial Regex Ignore();

    [GeneratedRegex(@"^how (will we|we will) know|^evidence of impact$|^expected impact$", RegexOptions.IgnoreCase)]
    private static partial Regex HowWeWillKnow();

    [GeneratedRegex(@"good practice|what went well|^strengths", RegexOptions.IgnoreCase)]
    private static partial Regex GoodPractice();

    [GeneratedRegex(@"^our focus|^focus of (the|this) review|^the focus of", RegexOptions.IgnoreCase)]
    private static partial Regex Focus();

    [GeneratedRegex(@"^what we know about|^what happened|background|^introduction|^case summary|^summary of the case", RegexOptions.IgnoreCase)]
    private static partial Regex Summary();

    [GeneratedRegex(@"what we can do differently|what we will do differently|what needs to change|^recommendations?$|^recommendations? (of|from|for) ", RegexOptions.IgnoreCase)]
    private static partial Regex Recommendations();

    [GeneratedRegex(@"^(key )?findings?( of the review| from the review)?$|^what we found", RegexOptions.IgnoreCase)]
    private static partial Regex Findings();

    [GeneratedRegex(@"^(key )?learning( points?| from (the|this) review)?$|what we have learn|^lessons?( learn\w*| for practice| from (the|this) review)?$|^learning points", RegexOptions.IgnoreCase)]
    private static partial Regex Lessons();

    [GeneratedRegex(@"^actions?( plan| taken)?$|actions? already taken|^what we have done|^what has been done", RegexOptions.IgnoreCase)]
    private static partial Regex Actions();

    // Case-sensitive on purpose: the owner is an agency's initials ("CSCP Action"), not an ordinary word.
    [GeneratedRegex(@"(?:^|\W)(?<owner>[A-Z][A-Z&]{1,9})\s+Actions?$")]
    private static partial Regex AgencyActions();
}

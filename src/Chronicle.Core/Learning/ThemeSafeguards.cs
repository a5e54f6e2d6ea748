using Chronicle.Core.Safeguards;

namespace Chronicle.Core.Learning;

/// <summary>
/// Which safeguards carry a lesson on a theme into daily practice. A person confirms the links; these are the
/// suggestions, narrowed, where a safeguard cites the same seed review, to the ones that do.
/// </summary>
public static class ThemeSafeguards
{
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ByTheme { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        [Themes.InformationSharing] = ["SG-04", "SG-08", "SG-09", "SG-11"],
        [Themes.FathersAndSignificantAdults] = ["SG-12"],
        [Themes.NonMobileInjuries] = ["SG-01", "SG-02", "SG-28"],
        [Themes.RuleOfOptimism] = ["SG-03", "SG-05"],
        [Themes.AccurateRecording] = ["SG-03", "SG-05", "SG-06"],
        [Themes.Supervision] = ["SG-21"],
        [Themes.DriftAndStaffing] = ["SG-19", "SG-20"],
        [Themes.MultiAgencyMeetings] = ["SG-10"],
        [Themes.Plans] = ["SG-23", "SG-24"],
        [Themes.MovesAndTransitions] = ["SG-11", "SG-13", "SG-26"],
        [Themes.PreBirth] = ["SG-25"],
        [Themes.NeglectAndCumulativeHarm] = ["SG-15", "SG-18"],
        [Themes.DomesticAbuse] = ["SG-07", "SG-18"],
        [Themes.ParentalSubstanceMisuse] = ["SG-05", "SG-18"],
        [Themes.ParentalMentalHealth] = ["SG-18"],
        [Themes.EngagementAndDisguisedCompliance] = ["SG-17"],
        [Themes.WasNotBrought] = ["SG-16"],
        [Themes.EscalationAndChallenge] = ["SG-03", "SG-22"],
        [Themes.VoiceOfTheChild] = [],
    };

    /// <summary>Safeguards suggested for a lesson with these themes, from the review of this seed (if it is one).</summary>
    public static IReadOnlyList<string> Suggest(IEnumerable<string> themes, string? seedFile = null)
    {
        var byTheme = themes.SelectMany(t => ByTheme.GetValueOrDefault(t) ?? []).Distinct().ToList();
        var seed = seedFile is { Length: >= 3 } ? seedFile[..3] : null;
        if (seed is not null)
        {
            var citing = byTheme.Where(id => SafeguardCatalogue.Find(id)?.Lessons.Any(l => l.Seed == seed) == true).ToList();
            if (citing.Count > 0) return [.. citing.Order(StringComparer.Ordinal)];
        }
        return [.. byTheme.Order(StringComparer.Ordinal)];
    }
}

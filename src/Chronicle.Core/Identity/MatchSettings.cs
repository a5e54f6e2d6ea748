namespace Chronicle.Core.Identity;

/// <summary>One comparison level: m, the chance two records of the same person reach it; u, the chance two records of different people do.</summary>
public sealed record LevelProbabilities(double M, double U)
{
    public double Weight => Math.Log2(M / U);
}

/// <summary>
/// The matching rules' numbers: every comparison level's m and u, the prior (how likely two records drawn at random
/// are the same person), the bands' thresholds and the date tolerances. The defaults are Chronicle's; a partnership
/// tunes them (docs/identity.md) by giving its own values, for example from a clerical review of a sample of pairs.
/// </summary>
public sealed record MatchSettings
{
    /// <summary>A match at or above this probability (the DfE SUI Matcher's "Match" threshold).</summary>
    public double MatchThreshold { get; init; } = 0.95;
    /// <summary>A possible match, for a person to decide, at or above this probability (the SUI Matcher's "Potential match").</summary>
    public double PossibleThreshold { get; init; } = 0.85;
    /// <summary>log2 of the prior odds that two records sharing a blocking key are one person (about one in 65,000).</summary>
    public double PriorWeight { get; init; } = -16;
    public int DateOfBirthToleranceDays { get; init; } = 7;
    public int ApproximateDateToleranceDays { get; init; } = 45;
    /// <summary>Jaro-Winkler similarity at or above which two names count as spelled almost alike.</summary>
    public double CloseNameSimilarity { get; init; } = 0.9;

    public static readonly IReadOnlyDictionary<string, LevelProbabilities> DefaultLevels = new Dictionary<string, LevelProbabilities>
    {
        // NHS numbers are issued once; a valid number on both sides that differs is usually two people (or a
        // mistyped number that still passes its check, about one slip in eleven).
        ["nhsNumber.same"] = new(0.97, 0.000001),
        ["nhsNumber.different"] = new(0.03, 0.999),
        ["givenName.exact"] = new(0.85, 0.006),
        ["givenName.nickname"] = new(0.05, 0.0008),
        ["givenName.phonetic"] = new(0.04, 0.002),
        ["givenName.similar"] = new(0.04, 0.004),
        ["givenName.initial"] = new(0.01, 0.03),
        ["givenName.different"] = new(0.001, 0.957),
        ["familyName.exact"] = new(0.84, 0.003),
        ["familyName.part"] = new(0.04, 0.0005),
        ["familyName.phonetic"] = new(0.04, 0.002),
        ["familyName.similar"] = new(0.03, 0.004),
        ["familyName.different"] = new(0.05, 0.99),
        // A given name and family name written the other way round: a small penalty on top of the two agreements.
        ["name.reordered"] = new(0.5, 1),
        ["dateOfBirth.exact"] = new(0.88, 0.00016),
        ["dateOfBirth.swapped"] = new(0.025, 0.00016),
        ["dateOfBirth.digit"] = new(0.05, 0.0025),
        ["dateOfBirth.near"] = new(0.02, 0.002),
        ["dateOfBirth.sameMonth"] = new(0.9, 0.005),
        ["dateOfBirth.sameYear"] = new(0.9, 0.06),
        ["dateOfBirth.different"] = new(0.015, 0.99),
        ["sex.same"] = new(0.97, 0.5),
        ["sex.different"] = new(0.03, 0.5),
        // Members of one household share addresses, so an address adds less than its rarity suggests.
        ["address.same"] = new(0.5, 0.04),
        ["address.postcode"] = new(0.1, 0.01),
        ["address.district"] = new(0.1, 0.05),
        ["address.different"] = new(0.3, 0.9),
        // Siblings share a mother too: the same mother adds little; a different mother takes much away.
        ["mother.same"] = new(0.95, 0.5),
        ["mother.different"] = new(0.02, 0.8),
    };

    /// <summary>Each level by "field.level": the defaults, or the partnership's own.</summary>
    public IReadOnlyDictionary<string, LevelProbabilities> Levels { get; init; } = DefaultLevels;

    public static MatchSettings Default { get; } = new();

    public double Weight(string key) =>
        Levels.TryGetValue(key, out var p) ? p.Weight : throw new KeyNotFoundException($"No weight for {key}");
}

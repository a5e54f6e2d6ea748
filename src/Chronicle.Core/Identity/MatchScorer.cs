using Chronicle.Core.Record;
using Chronicle.Core.Time;

namespace Chronicle.Core.Identity;

public enum MatchBand
{
    NoMatch,
    Possible,
    Match,
}

/// <summary>How two records compare on one field: the level reached, its weight, and the reason shown to the user.</summary>
public sealed record FieldComparison(string Key, double Weight, string Reason)
{
    public string Field => Key[..Key.IndexOf('.')];
    public string Level => Key[(Key.IndexOf('.') + 1)..];
}

/// <summary>A scored pair: the match probability, the summed weight, the band and each field's comparison.</summary>
public sealed record MatchResult(double Probability, double Weight, MatchBand Band, IReadOnlyList<FieldComparison> Fields)
{
    /// <summary>What the user sees: each field that moved the score, strongest first.</summary>
    public IReadOnlyList<string> Reasons => [.. Fields.Where(f => f.Weight != 0).OrderByDescending(f => Math.Abs(f.Weight)).Select(f => f.Reason)];
}

/// <summary>
/// Fellegi-Sunter scoring: each field's comparison level carries a weight, log2(m/u), where m is how often two
/// records of the same person reach that level and u how often two records of different people do. The weights and
/// the prior add up to a match weight, turned into a probability; the partnership's thresholds band it. A field
/// missing on either side weighs nothing (unknown is never counted as a disagreement). docs/identity.md explains
/// every level and how to tune it.
/// </summary>
public sealed class MatchScorer(MatchSettings settings)
{
    private readonly Dictionary<string, double> _weights = settings.Levels.ToDictionary(l => l.Key, l => l.Value.Weight);

    public MatchSettings Settings => settings;

    public static MatchScorer Default { get; } = new(MatchSettings.Default);

    public MatchResult Score(MatchRecord a, MatchRecord b)
    {
        var fields = new List<FieldComparison>(7);
        var nhs = CompareNhs(a, b);
        if (nhs is not null) fields.Add(nhs);
        fields.AddRange(CompareNames(a, b));
        if (CompareDateOfBirth(a, b) is { } dob) fields.Add(dob);
        if (CompareSex(a, b) is { } sex) fields.Add(sex);
        if (CompareAddress(a, b) is { } address) fields.Add(address);
        if (CompareMother(a, b) is { } mother) fields.Add(mother);
        var weight = settings.PriorWeight + fields.Sum(f => f.Weight);
        var probability = 1.0 / (1.0 + Math.Pow(2, -weight));
        var band = probability >= settings.MatchThreshold ? MatchBand.Match : probability >= settings.PossibleThreshold ? MatchBand.Possible : MatchBand.NoMatch;
        // An NHS number on both sides that differs is strong evidence of two people: never an automatic match.
        if (band == MatchBand.Match && nhs?.Key == "nhsNumber.different") band = MatchBand.Possible;
        return new MatchResult(probability, weight, band, fields);
    }

    private FieldComparison Level(string key, string reason) =>
        new(key, _weights.TryGetValue(key, out var w) ? w : throw new KeyNotFoundException($"No weight for {key}"), reason);

    private FieldComparison? CompareNhs(MatchRecord a, MatchRecord b)
    {
        if (a.NhsNumbers.Count == 0 || b.NhsNumbers.Count == 0) return null;
        foreach (var n in a.NhsNumbers)
            if (b.NhsNumbers.Contains(n)) return Level("nhsNumber.same", "The same NHS number");
        return Level("nhsNumber.different", "Different NHS numbers");
    }

    private IEnumerable<FieldComparison> CompareNames(MatchRecord a, MatchRecord b)
    {
        if (a.Names.Count == 0 || b.Names.Count == 0) yield break;
        FieldComparison? bestGiven = null, bestFamily = null;
        var bestTotal = double.NegativeInfinity;
        foreach (var x in a.Names)
            foreach (var y in b.Names)
            {
                var given = x.HasGiven && y.HasGiven ? CompareGiven(x.Given, x.GivenPhonetic, x.GivenGroup, y.Given, y.GivenPhonetic, y.GivenGroup) : null;
                var family = x.HasFamily && y.HasFamily ? CompareFamily(x, y) : null;
                var total = (given?.Weight ?? 0) + (family?.Weight ?? 0);
                if (total > bestTotal) (bestTotal, bestGiven, bestFamily) = (total, given, family);
                // Names recorded the other way round (family name in the given name's place).
                if (x.HasGiven && x.HasFamily && y.HasGiven && y.HasFamily && x.FamilyParts.Length == 1 && y.FamilyParts.Length == 1)
                {
                    var g2 = CompareGiven(x.Given, x.GivenPhonetic, x.GivenGroup, y.Family, y.FamilyPhonetics[0], y.Family);
                    var f2 = CompareGiven(x.Family, x.FamilyPhonetics[0], x.Family, y.Given, y.GivenPhonetic, y.GivenGroup);
                    if (g2.Level is "exact" or "phonetic" or "similar" && f2.Level is "exact" or "phonetic" or "similar")
                    {
                        var swapped = g2.Weight + f2.Weight + _weights["name.reordered"];
                        if (swapped > bestTotal)
                        {
                            bestTotal = swapped;
                            bestGiven = g2 with { Reason = "Given and family names recorded the other way round" };
                            bestFamily = f2 with { Key = "familyName." + f2.Level, Weight = f2.Weight + _weights["name.reordered"], Reason = "Given and family names recorded the other way round" };
                        }
                    }
                }
            }
        if (bestGiven is not null) yield return bestGiven;
        if (bestFamily is not null) yield return bestFamily;
    }

    private FieldComparison CompareGiven(string x, string xPhonetic, string xGroup, string y, string yPhonetic, string yGroup)
    {
        if (x == y) return Level("givenName.exact", "The same given name");
        if (xGroup == yGroup) return Level("givenName.nickname", "Given names that are forms of one name");
        var jw = Names.JaroWinkler(x, y);
        if (xPhonetic.Length > 0 && xPhonetic == yPhonetic && jw >= 0.75) return Level("givenName.phonetic", "Given names that sound alike");
        if (jw >= settings.CloseNameSimilarity) return Level("givenName.similar", "Given names spelled almost alike");
        if (x.Length == 1 || y.Length == 1) return x[0] == y[0] ? Level("givenName.initial", "A given name's initial agrees") : Level("givenName.different", "Different given names");
        return Level("givenName.different", "Different given names");
    }

    private FieldComparison CompareFamily(MatchName x, MatchName y)
    {
        if (x.Family == y.Family) return Level("familyName.exact", "The same family name");
        if (x.FamilyParts.Any(p => p.Length > 1 && y.FamilyParts.Contains(p)))
            return Level("familyName.part", "One part of a hyphenated or double family name agrees");
        if (x.FamilyPhonetics.Any(p => p.Length > 0 && y.FamilyPhonetics.Contains(p)) && Names.JaroWinkler(x.Family, y.Family) >= 0.75)
            return Level("familyName.phonetic", "Family names that sound alike");
        if (Names.JaroWinkler(x.Family, y.Family) >= settings.CloseNameSimilarity) return Level("familyName.similar", "Family names spelled almost alike");
        return Level("familyName.different", "Different family names");
    }

    private FieldComparison? CompareDateOfBirth(MatchRecord a, MatchRecord b)
    {
        if (!a.HasDateOfBirth || !b.HasDateOfBirth) return null;
        var x = a.DateOfBirth!.Value;
        var y = b.DateOfBirth!.Value;
        var coarsest = Coarsest(a.DateOfBirthPrecision, b.DateOfBirthPrecision);
        switch (coarsest)
        {
            case DatePrecision.Year:
                return x.Year == y.Year ? Level("dateOfBirth.sameYear", "Dates of birth agree to the year, as far as one is known")
                    : Level("dateOfBirth.different", "Different dates of birth");
            case DatePrecision.Month:
                return x.Year == y.Year && x.Month == y.Month ? Level("dateOfBirth.sameMonth", "Dates of birth agree to the month, as far as one is known")
                    : Level("dateOfBirth.different", "Different dates of birth");
            case DatePrecision.Approximate:
                return Math.Abs(x.DayNumber - y.DayNumber) <= settings.ApproximateDateToleranceDays
                    ? Level("dateOfBirth.sameMonth", "An approximate date of birth close to the other")
                    : Level("dateOfBirth.different", "Different dates of birth");
        }
        if (x == y) return Level("dateOfBirth.exact", "The same date of birth");
        if (x.Year == y.Year && x.Day == y.Month && x.Month == y.Day) return Level("dateOfBirth.swapped", "Dates of birth with the day and month swapped");
        if (DigitSlip(x, y)) return Level("dateOfBirth.digit", "Dates of birth one mistyped or transposed digit apart");
        if (Math.Abs(x.DayNumber - y.DayNumber) <= settings.DateOfBirthToleranceDays) return Level("dateOfBirth.near", $"Dates of birth within {settings.DateOfBirthToleranceDays} days");
        return Level("dateOfBirth.different", "Different dates of birth");
    }

    private static DatePrecision Coarsest(DatePrecision a, DatePrecision b)
    {
        static int Rank(DatePrecision p) => p switch { DatePrecision.Year => 3, DatePrecision.Approximate => 2, DatePrecision.Month => 1, _ => 0 };
        return Rank(a) >= Rank(b) ? (Rank(a) == 0 ? DatePrecision.Day : a) : b;
    }

    /// <summary>Written as yyyymmdd, the two dates differ in one digit, or by two neighbouring digits swapped.</summary>
    public static bool DigitSlip(DateOnly x, DateOnly y)
    {
        Span<char> a = stackalloc char[8];
        Span<char> b = stackalloc char[8];
        x.TryFormat(a, out _, "yyyyMMdd");
        y.TryFormat(b, out _, "yyyyMMdd");
        int first = -1, count = 0;
        for (var i = 0; i < 8; i++)
            if (a[i] != b[i]) { if (first < 0) first = i; count++; }
        if (count == 1) return true;
        return count == 2 && first < 7 && a[first] == b[first + 1] && a[first + 1] == b[first];
    }

    private FieldComparison? CompareSex(MatchRecord a, MatchRecord b)
    {
        if (a.Sex is Sex.NotKnown or Sex.Indeterminate || b.Sex is Sex.NotKnown or Sex.Indeterminate) return null;
        return a.Sex == b.Sex ? Level("sex.same", "The same sex") : Level("sex.different", "Different sex recorded");
    }

    private FieldComparison? CompareAddress(MatchRecord a, MatchRecord b)
    {
        if ((a.Addresses.Count == 0 && a.Postcodes.Count == 0) || (b.Addresses.Count == 0 && b.Postcodes.Count == 0)) return null;
        foreach (var x in a.Addresses)
            if (b.Addresses.Contains(x)) return Level("address.same", "An address both records hold");
        foreach (var x in a.Postcodes)
            if (b.Postcodes.Contains(x)) return Level("address.postcode", "A postcode both records hold");
        foreach (var x in a.Postcodes)
            if (b.Postcodes.Any(y => MatchRecord.District(y) == MatchRecord.District(x))) return Level("address.district", "Addresses in the same postcode district");
        return Level("address.different", "No address in common");
    }

    private FieldComparison? CompareMother(MatchRecord a, MatchRecord b)
    {
        if (a.MotherId is null || b.MotherId is null) return null;
        return a.MotherId == b.MotherId ? Level("mother.same", "The same mother") : Level("mother.different", "Different mothers");
    }
}

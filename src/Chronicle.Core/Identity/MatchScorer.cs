using System.Globalization;
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
    private readonly double _reordered = settings.Weight("name.reordered");

    // Every level's comparison, made once: scoring a pair allocates none of them.
    private readonly FieldComparison _nhsNumberSame = Level(settings, "nhsNumber.same", "The same NHS number");
    private readonly FieldComparison _nhsNumberDifferent = Level(settings, "nhsNumber.different", "Different NHS numbers");
    private readonly FieldComparison _givenNameExact = Level(settings, "givenName.exact", "The same given name");
    private readonly FieldComparison _givenNameNickname = Level(settings, "givenName.nickname", "Given names that are forms of one name");
    private readonly FieldComparison _givenNamePhonetic = Level(settings, "givenName.phonetic", "Given names that sound alike");
    private readonly FieldComparison _givenNameSimilar = Level(settings, "givenName.similar", "Given names spelled almost alike");
    private readonly FieldComparison _givenNameInitial = Level(settings, "givenName.initial", "A given name's initial agrees");
    private readonly FieldComparison _givenNameDifferent = Level(settings, "givenName.different", "Different given names");
    private readonly FieldComparison _familyNameExact = Level(settings, "familyName.exact", "The same family name");
    private readonly FieldComparison _familyNamePart = Level(settings, "familyName.part", "One part of a hyphenated or double family name agrees");
    private readonly FieldComparison _familyNamePhonetic = Level(settings, "familyName.phonetic", "Family names that sound alike");
    private readonly FieldComparison _familyNameSimilar = Level(settings, "familyName.similar", "Family names spelled almost alike");
    private readonly FieldComparison _familyNameDifferent = Level(settings, "familyName.different", "Different family names");
    private readonly FieldComparison _dateOfBirthSameYear = Level(settings, "dateOfBirth.sameYear", "Dates of birth agree to the year, as far as one is known");
    private readonly FieldComparison _dateOfBirthDifferent = Level(settings, "dateOfBirth.different", "Different dates of birth");
    private readonly FieldComparison _dateOfBirthSameMonth = Level(settings, "dateOfBirth.sameMonth", "Dates of birth agree to the month, as far as one is known");
    private readonly FieldComparison _dateOfBirthApproximate = Level(settings, "dateOfBirth.sameMonth", "An approximate date of birth close to the other");
    private readonly FieldComparison _dateOfBirthExact = Level(settings, "dateOfBirth.exact", "The same date of birth");
    private readonly FieldComparison _dateOfBirthSwapped = Level(settings, "dateOfBirth.swapped", "Dates of birth with the day and month swapped");
    private readonly FieldComparison _dateOfBirthDigit = Level(settings, "dateOfBirth.digit", "Dates of birth one mistyped or transposed digit apart");
    private readonly FieldComparison _dateOfBirthNear = Level(settings, "dateOfBirth.near", $"Dates of birth within {settings.DateOfBirthToleranceDays} days");
    private readonly FieldComparison _sexSame = Level(settings, "sex.same", "The same sex");
    private readonly FieldComparison _sexDifferent = Level(settings, "sex.different", "Different sex recorded");
    private readonly FieldComparison _addressSame = Level(settings, "address.same", "An address both records hold");
    private readonly FieldComparison _addressPostcode = Level(settings, "address.postcode", "A postcode both records hold");
    private readonly FieldComparison _addressDistrict = Level(settings, "address.district", "Addresses in the same postcode district");
    private readonly FieldComparison _addressDifferent = Level(settings, "address.different", "No address in common");
    private readonly FieldComparison _motherSame = Level(settings, "mother.same", "The same mother");
    private readonly FieldComparison _motherDifferent = Level(settings, "mother.different", "Different mothers");

    public MatchSettings Settings => settings;

    public static MatchScorer Default { get; } = new(MatchSettings.Default);

    public MatchResult Score(MatchRecord a, MatchRecord b) => Score(a, b, evenNoMatch: true)!;

    /// <summary>The pair's score if it reaches the possible band, or null: linking compares a row with many people and keeps few, so a pair it drops allocates nothing.</summary>
    public MatchResult? ScoreIfBanded(MatchRecord a, MatchRecord b) => Score(a, b, evenNoMatch: false);

    private MatchResult? Score(MatchRecord a, MatchRecord b, bool evenNoMatch)
    {
        var nhs = CompareNhs(a, b);
        var (given, family) = CompareNames(a, b);
        var dob = CompareDateOfBirth(a, b);
        var sex = CompareSex(a, b);
        var address = CompareAddress(a, b);
        var mother = CompareMother(a, b);
        ReadOnlySpan<FieldComparison?> compared = [nhs, given, family, dob, sex, address, mother];
        // Summed in this order, from nought, then added to the prior.
        var sum = 0.0;
        foreach (var f in compared)
            if (f is not null) sum += f.Weight;
        var weight = settings.PriorWeight + sum;
        var probability = 1.0 / (1.0 + Math.Pow(2, -weight));
        var band = probability >= settings.MatchThreshold ? MatchBand.Match : probability >= settings.PossibleThreshold ? MatchBand.Possible : MatchBand.NoMatch;
        // An NHS number on both sides that differs is strong evidence of two people: never an automatic match.
        if (band == MatchBand.Match && nhs?.Key == "nhsNumber.different") band = MatchBand.Possible;
        if (band == MatchBand.NoMatch && !evenNoMatch) return null;
        var fields = new List<FieldComparison>(7);
        foreach (var f in compared)
            if (f is not null) fields.Add(f);
        return new MatchResult(probability, weight, band, fields);
    }

    private static FieldComparison Level(MatchSettings settings, string key, string reason) => new(key, settings.Weight(key), reason);

    private FieldComparison? CompareNhs(MatchRecord a, MatchRecord b)
    {
        if (a.NhsNumbers.Count == 0 || b.NhsNumbers.Count == 0) return null;
        foreach (var n in a.NhsNumbers)
            if (b.NhsNumbers.Contains(n)) return _nhsNumberSame;
        return _nhsNumberDifferent;
    }

    private (FieldComparison? Given, FieldComparison? Family) CompareNames(MatchRecord a, MatchRecord b)
    {
        if (a.Names.Count == 0 || b.Names.Count == 0) return (null, null);
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
                    if (AlikeAsNames(g2) && AlikeAsNames(f2))
                    {
                        var swapped = g2.Weight + f2.Weight + _reordered;
                        if (swapped > bestTotal)
                        {
                            bestTotal = swapped;
                            bestGiven = g2 with { Reason = "Given and family names recorded the other way round" };
                            bestFamily = f2 with { Key = "familyName." + f2.Level, Weight = f2.Weight + _reordered, Reason = "Given and family names recorded the other way round" };
                        }
                    }
                }
            }
        return (bestGiven, bestFamily);
    }

    /// <summary>The same, sounding alike or spelled almost alike (not merely nicknames or initials).</summary>
    private bool AlikeAsNames(FieldComparison given) => ReferenceEquals(given, _givenNameExact) || ReferenceEquals(given, _givenNamePhonetic) || ReferenceEquals(given, _givenNameSimilar);

    private FieldComparison CompareGiven(string x, string xPhonetic, string xGroup, string y, string yPhonetic, string yGroup)
    {
        if (x == y) return _givenNameExact;
        if (xGroup == yGroup) return _givenNameNickname;
        var jw = Names.JaroWinkler(x, y);
        if (xPhonetic.Length > 0 && xPhonetic == yPhonetic && jw >= 0.75) return _givenNamePhonetic;
        if (jw >= settings.CloseNameSimilarity) return _givenNameSimilar;
        if (x.Length == 1 || y.Length == 1) return x[0] == y[0] ? _givenNameInitial : _givenNameDifferent;
        return _givenNameDifferent;
    }

    private FieldComparison CompareFamily(MatchName x, MatchName y)
    {
        if (x.Family == y.Family) return _familyNameExact;
        foreach (var p in x.FamilyParts)
            if (p.Length > 1 && Array.IndexOf(y.FamilyParts, p) >= 0) return _familyNamePart;
        var jw = Names.JaroWinkler(x.Family, y.Family);
        foreach (var p in x.FamilyPhonetics)
            if (p.Length > 0 && Array.IndexOf(y.FamilyPhonetics, p) >= 0 && jw >= 0.75) return _familyNamePhonetic;
        if (jw >= settings.CloseNameSimilarity) return _familyNameSimilar;
        return _familyNameDifferent;
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
                return x.Year == y.Year ? _dateOfBirthSameYear
                    : _dateOfBirthDifferent;
            case DatePrecision.Month:
                return x.Year == y.Year && x.Month == y.Month ? _dateOfBirthSameMonth
                    : _dateOfBirthDifferent;
            case DatePrecision.Approximate:
                return Math.Abs(x.DayNumber - y.DayNumber) <= settings.ApproximateDateToleranceDays
                    ? _dateOfBirthApproximate
                    : _dateOfBirthDifferent;
        }
        if (x == y) return _dateOfBirthExact;
        if (x.Year == y.Year && x.Day == y.Month && x.Month == y.Day) return _dateOfBirthSwapped;
        if (DigitSlip(x, y)) return _dateOfBirthDigit;
        if (Math.Abs(x.DayNumber - y.DayNumber) <= settings.DateOfBirthToleranceDays) return _dateOfBirthNear;
        return _dateOfBirthDifferent;
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
        x.TryFormat(a, out _, "yyyyMMdd", CultureInfo.InvariantCulture);
        y.TryFormat(b, out _, "yyyyMMdd", CultureInfo.InvariantCulture);
        int first = -1, count = 0;
        for (var i = 0; i < 8; i++)
            if (a[i] != b[i]) { if (first < 0) first = i; count++; }
        if (count == 1) return true;
        return count == 2 && first < 7 && a[first] == b[first + 1] && a[first + 1] == b[first];
    }

    private FieldComparison? CompareSex(MatchRecord a, MatchRecord b)
    {
        if (a.Sex is Sex.NotKnown or Sex.Indeterminate || b.Sex is Sex.NotKnown or Sex.Indeterminate) return null;
        return a.Sex == b.Sex ? _sexSame : _sexDifferent;
    }

    private FieldComparison? CompareAddress(MatchRecord a, MatchRecord b)
    {
        if ((a.Addresses.Count == 0 && a.Postcodes.Count == 0) || (b.Addresses.Count == 0 && b.Postcodes.Count == 0)) return null;
        foreach (var x in a.Addresses)
            if (b.Addresses.Contains(x)) return _addressSame;
        foreach (var x in a.Postcodes)
            if (b.Postcodes.Contains(x)) return _addressPostcode;
        foreach (var x in a.Postcodes)
            foreach (var y in b.Postcodes)
                if (District(y).SequenceEqual(District(x))) return _addressDistrict;
        return _addressDifferent;
    }

    private static ReadOnlySpan<char> District(string postcode) => postcode.Length > 3 ? postcode.AsSpan(0, postcode.Length - 3) : postcode;

    private FieldComparison? CompareMother(MatchRecord a, MatchRecord b)
    {
        if (a.MotherId is null || b.MotherId is null) return null;
        return a.MotherId == b.MotherId ? _motherSame : _motherDifferent;
    }
}

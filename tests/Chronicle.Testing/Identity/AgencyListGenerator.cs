using Chronicle.Core.Identity;
using Chronicle.Core.Record;

namespace Chronicle.Testing.Identity;

/// <summary>A person on record in a generated partnership.</summary>
public sealed record PersonOnRecord(
    int Index, string Given, string Family, DateOnly DateOfBirth, Sex Sex, string? NhsNumber, string Postcode, string Address, int? MotherIndex)
{
    public MatchRecord ToMatchRecord(Guid? id = null) =>
        MatchRecord.From(id, [(Given, Family)], DateOfBirth, Core.Time.DatePrecision.Day, Sex, [NhsNumber], [Postcode], [Address]);
}

/// <summary>A row of an agency's list, with the truth: the person on record it is (null when the person is not on record) and what was done to it.</summary>
public sealed record AgencyRow(
    string AgencyRecordId, string Given, string Family, DateOnly? DateOfBirth, Sex Sex, string? NhsNumber, string Postcode, string Address,
    int? TruePersonIndex, IReadOnlyList<string> Variations)
{
    public MatchRecord ToMatchRecord() =>
        MatchRecord.From(null, [(Given, Family)], DateOfBirth, DateOfBirth is null ? Core.Time.DatePrecision.Unknown : Core.Time.DatePrecision.Day, Sex, [NhsNumber], [Postcode], [Address]);

    public string ToCsvLine() => string.Join(',', AgencyRecordId, Csv(Given), Csv(Family), DateOfBirth?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "",
        Sex switch { Sex.Female => "F", Sex.Male => "M", _ => "U" }, NhsNumber ?? "", Postcode, Csv(Address));

    private static string Csv(string s) => s.Contains(',') || s.Contains('"') ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;

    public const string CsvHeader = "agency_record_id,given_name,family_name,date_of_birth,sex,nhs_number,postcode,address";
}

/// <summary>
/// Generates a partnership's people and an agency's list of the same and other people, as agencies really record
/// them: typing slips, nicknames, transliterations, double-barrelled and reordered names, day and month swapped,
/// transposed digits, moves, missing and mistyped NHS numbers, twins (one on record, the other only on the list),
/// and common names (names drawn by a skewed frequency, so Smiths and Olivias recur). Seeded: the same seed gives
/// the same lists.
/// </summary>
public sealed class AgencyListGenerator(int seed)
{
    private readonly Random _random = new(seed);
    private long _nhsSerial = 400_000_000L + seed % 1000 * 10_000;
    private readonly DateOnly _today = new(2026, 6, 1);

    public int Twins { get; private set; }

    /// <summary>People on record: families of a mother and one to three children (twins among them), each with an address, most with an NHS number.</summary>
    public List<PersonOnRecord> People(int count)
    {
        var people = new List<PersonOnRecord>(count);
        while (people.Count < count)
        {
            var family = FamilyName();
            var (postcode, address) = NewAddress();
            var mother = Add(people, PickGiven(Sex.Female), family, _today.AddDays(-_random.Next(18 * 365, 45 * 365)), Sex.Female, postcode, address, null);
            var children = 1 + _random.Next(3);
            for (var c = 0; c < children && people.Count < count; c++)
            {
                var dob = _today.AddDays(-_random.Next(0, 18 * 365));
                var sex = _random.Next(2) == 0 ? Sex.Female : Sex.Male;
                Add(people, PickGiven(sex), family, dob, sex, postcode, address, mother.Index);
                if (_random.NextDouble() < 0.02 && people.Count < count)
                {
                    var twinSex = _random.Next(2) == 0 ? Sex.Female : Sex.Male;
                    Add(people, PickGivenOtherThan(twinSex, people[^1].Given), family, dob, twinSex, postcode, address, mother.Index);
                    Twins++;
                }
            }
        }
        return people;
    }

    private PersonOnRecord Add(List<PersonOnRecord> people, string given, string family, DateOnly dob, Sex sex, string postcode, string address, int? mother)
    {
        var person = new PersonOnRecord(people.Count, given, family, dob, sex, _random.NextDouble() < 0.9 ? NextNhsNumber() : null, postcode, address, mother);
        people.Add(person);
        return person;
    }

    /// <summary>
    /// An agency's list: <paramref name="knownShare"/> of its rows are people on record, as that agency recorded them;
    /// the rest are not on record (a few of them the twin, or the namesake born the same day, of someone who is).
    /// </summary>
    public List<AgencyRow> AgencyList(IReadOnlyList<PersonOnRecord> people, int count, double knownShare = 0.7, string prefix = "A")
    {
        var rows = new List<AgencyRow>(count);
        var chosen = new HashSet<int>();
        for (var i = 0; i < count; i++)
        {
            var id = $"{prefix}{i + 1:D7}";
            if (_random.NextDouble() < knownShare)
            {
                int index;
                do index = _random.Next(people.Count); while (!chosen.Add(index) && chosen.Count < people.Count);
                rows.Add(Vary(id, people[index]));
            }
            else rows.Add(Unknown(id, people));
        }
        return rows;
    }

    private AgencyRow Vary(string id, PersonOnRecord p)
    {
        var variations = new List<string>();
        var given = p.Given;
        var family = p.Family;
        DateOnly? dob = p.DateOfBirth;
        var nhs = _random.NextDouble() < 0.55 ? p.NhsNumber : null;
        var (postcode, address) = (p.Postcode, p.Address);
        var roll = _random.NextDouble();
        // One main variation per row, as in most agency records; a move on top of it for a third of rows.
        if (roll < 0.08) { given = Typo(given); variations.Add("given typo"); }
        else if (roll < 0.14) { family = Typo(family); variations.Add("family typo"); }
        else if (roll < 0.20 && Nickname(given) is { } nick) { given = nick; variations.Add("nickname"); }
        else if (roll < 0.24 && Transliteration(given) is { } other) { given = other; variations.Add("transliteration"); }
        else if (roll < 0.27) { family = _random.Next(2) == 0 ? $"{family}-{FamilyName()}" : $"{FamilyName()}-{family}"; variations.Add("double-barrelled"); }
        else if (roll < 0.29) { (given, family) = (family, given); variations.Add("reordered"); }
        else if (roll < 0.34 && p.DateOfBirth.Day <= 12 && p.DateOfBirth.Day != p.DateOfBirth.Month)
        { dob = new DateOnly(p.DateOfBirth.Year, p.DateOfBirth.Day, p.DateOfBirth.Month); variations.Add("day and month swapped"); }
        else if (roll < 0.39 && TransposeDigits(p.DateOfBirth) is { } transposed) { dob = transposed; variations.Add("digits transposed"); }
        else if (roll < 0.41) { dob = null; variations.Add("date of birth missing"); }
        else if (roll < 0.43 && nhs is not null) { nhs = MistypeNhs(nhs); variations.Add("NHS number mistyped"); }
        if (_random.NextDouble() < 0.3) { (postcode, address) = NewAddress(); variations.Add("moved"); }
        if (_random.NextDouble() < 0.5) { given = given.ToUpperInvariant(); family = family.ToUpperInvariant(); }
        return new AgencyRow(id, given, family, dob, p.Sex, nhs, postcode, address, p.Index, variations);
    }

    private AgencyRow Unknown(string id, IReadOnlyList<PersonOnRecord> people)
    {
        var roll = _random.NextDouble();
        if (roll < 0.03)
        {
            // The twin of a child on record, at the same address with the same mother, not yet on record.
            var sibling = people[_random.Next(people.Count)];
            var sex = _random.Next(2) == 0 ? Sex.Female : Sex.Male;
            return new AgencyRow(id, PickGivenOtherThan(sex, sibling.Given), sibling.Family, sibling.DateOfBirth, sex,
                _random.NextDouble() < 0.5 ? NextNhsNumber() : null, sibling.Postcode, sibling.Address, null, ["twin of someone on record"]);
        }
        if (roll < 0.06)
        {
            // A namesake: the same common family name, another given name, born the same day, elsewhere.
            var other = people[_random.Next(people.Count)];
            var (pc, addr) = NewAddress();
            return new AgencyRow(id, PickGivenOtherThan(other.Sex, other.Given), other.Family, other.DateOfBirth, other.Sex, null, pc, addr, null, ["namesake"]);
        }
        var s = _random.Next(2) == 0 ? Sex.Female : Sex.Male;
        var (postcode, address) = NewAddress();
        return new AgencyRow(id, PickGiven(s), FamilyName(), _today.AddDays(-_random.Next(0, 45 * 365)), s,
            _random.NextDouble() < 0.5 ? NextNhsNumber() : null, postcode, address, null, ["not on record"]);
    }

    private string Typo(string name)
    {
        if (name.Length < 4) return name + "e";
        var chars = name.ToCharArray().ToList();
        var at = 1 + _random.Next(chars.Count - 2);
        switch (_random.Next(4))
        {
            case 0: chars.RemoveAt(at); break;
            case 1: chars.Insert(at, chars[at]); break;
            case 2: (chars[at], chars[at + 1]) = (chars[at + 1], chars[at]); break;
            default: chars[at] = "aeioulnrst"[_random.Next(10)]; break;
        }
        return new string([.. chars]);
    }

    private string? Nickname(string given) => NameLists.Nicknames.TryGetValue(given, out var n) ? n[_random.Next(n.Length)] : null;

    private string? Transliteration(string given) => NameLists.Transliterations.TryGetValue(given, out var n) ? n[_random.Next(n.Length)] : null;

    private DateOnly? TransposeDigits(DateOnly d)
    {
        var s = d.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture).ToCharArray();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var at = 2 + _random.Next(5);
            if (s[at] == s[at + 1]) continue;
            var t = (char[])s.Clone();
            (t[at], t[at + 1]) = (t[at + 1], t[at]);
            if (DateOnly.TryParseExact(new string(t), "yyyyMMdd", out var result) && result <= _today) return result;
        }
        return null;
    }

    private string MistypeNhs(string nhs)
    {
        var digits = nhs.ToCharArray();
        var at = _random.Next(9);
        digits[at] = (char)('0' + (digits[at] - '0' + 1 + _random.Next(8)) % 10);
        return new string(digits);
    }

    private string NextNhsNumber()
    {
        while (true)
        {
            var body = (_nhsSerial++).ToString("D9", System.Globalization.CultureInfo.InvariantCulture);
            var sum = 0;
            for (var i = 0; i < 9; i++) sum += (body[i] - '0') * (10 - i);
            var check = 11 - sum % 11;
            if (check == 11) check = 0;
            if (check != 10) return body + check;
        }
    }

    private (string Postcode, string Address) NewAddress()
    {
        var district = NameLists.Districts[_random.Next(NameLists.Districts.Length)];
        var postcode = $"{district}{_random.Next(1, 10)} {_random.Next(1, 10)}{(char)('A' + _random.Next(26))}{(char)('A' + _random.Next(26))}";
        var address = $"{_random.Next(1, 240)} {NameLists.Streets[_random.Next(NameLists.Streets.Length)]}, {NameLists.Towns[_random.Next(NameLists.Towns.Length)]}";
        return (postcode, address);
    }

    private string FamilyName()
    {
        // Three in ten from the common names by a skewed frequency; the rest from a long tail of built names.
        if (_random.NextDouble() < 0.3) return Skewed(NameLists.Family);
        return NameLists.FamilyStarts[_random.Next(NameLists.FamilyStarts.Length)] + NameLists.FamilyEnds[_random.Next(NameLists.FamilyEnds.Length)];
    }

    private string PickGiven(Sex sex) => Skewed(sex == Sex.Female ? NameLists.Girls : NameLists.Boys);

    private string PickGivenOtherThan(Sex sex, string not)
    {
        while (true)
        {
            var name = PickGiven(sex);
            if (name != not && Names.NicknameGroup(Names.Fold(name)) != Names.NicknameGroup(Names.Fold(not))
                && Names.Phonetic(Names.Fold(name)) != Names.Phonetic(Names.Fold(not))) return name;
        }
    }

    /// <summary>Picks by rank with weight 1/(rank + 15): the first names of a list recur far more than the last.</summary>
    private string Skewed(string[] names)
    {
        var total = 0.0;
        for (var i = 0; i < names.Length; i++) total += 1.0 / (i + 15);
        var x = _random.NextDouble() * total;
        for (var i = 0; i < names.Length; i++)
        {
            x -= 1.0 / (i + 15);
            if (x <= 0) return names[i];
        }
        return names[^1];
    }
}

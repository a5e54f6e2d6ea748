using Chronicle.Core.Time;

namespace Chronicle.Core.Identity;

/// <summary>
/// Blocking: only pairs that share at least one key are scored (Splink's blocking rules, joined by OR). Each rule
/// is chosen to catch what the others miss: the NHS number; the names' sounds (any date of birth); the family
/// name's sound with the date of birth's digits in any order (swapped day and month); the date of birth with the
/// given name's initial (a changed family name); the postcode with the year of birth (a misspelled name and a
/// mistyped date). A key is a 64-bit hash of the rule and its values.
/// </summary>
public static class Blocking
{
    /// <summary>A key shared by more people than this tells nobody apart: linking and the duplicate check pass it over.</summary>
    public const int MaxPerKey = 2000;

    public static IEnumerable<ulong> Keys(MatchRecord r)
    {
        foreach (var n in r.NhsNumbers) yield return Hash("nhs", n);
        var year = r.HasDateOfBirth ? r.DateOfBirth!.Value.Year : 0;
        var dayKnown = r.HasDateOfBirth && r.DateOfBirthPrecision is DatePrecision.Day or DatePrecision.Exact;
        foreach (var name in r.Names)
        {
            var given = name.HasGiven ? Names.Phonetic(name.GivenGroup) : "";
            foreach (var family in name.FamilyPhonetics)
            {
                if (family.Length == 0) continue;
                if (given.Length > 0)
                {
                    // The pair of sounds in either order, so names recorded the other way round meet.
                    var (lo, hi) = string.CompareOrdinal(given, family) <= 0 ? (given, family) : (family, given);
                    yield return Hash("names", lo, hi);
                }
                if (dayKnown)
                {
                    var d = r.DateOfBirth!.Value;
                    yield return Hash("family+dob", family, year.ToString(), Math.Min(d.Day, d.Month).ToString(), Math.Max(d.Day, d.Month).ToString());
                }
            }
            if (dayKnown && name.HasGiven) yield return Hash("dob+initial", r.DateOfBirth!.Value.ToString("yyyyMMdd"), name.Given[..1]);
        }
        if (year != 0)
            foreach (var p in r.Postcodes) yield return Hash("postcode+year", p, year.ToString());
    }

    public static ulong Hash(params string[] parts)
    {
        var h = 14695981039346656037UL;
        foreach (var part in parts)
        {
            foreach (var c in part) { h ^= c; h *= 1099511628211UL; }
            h ^= 0x1F; h *= 1099511628211UL;
        }
        return h;
    }
}

/// <summary>
/// The people of a partnership, indexed by their blocking keys, for linking a list in one pass: each key's people
/// are found by binary search over one sorted array, so a million people take two arrays, not a million lists.
/// </summary>
public sealed class BlockingIndex
{
    private readonly List<MatchRecord> _records = [];
    private ulong[] _keys = [];
    private int[] _positions = [];
    private readonly Dictionary<ulong, List<int>> _added = [];

    public int Count => _records.Count;

    public MatchRecord this[int position] => _records[position];

    public static BlockingIndex Build(IEnumerable<MatchRecord> records)
    {
        var index = new BlockingIndex();
        var pairs = new List<(ulong, int)>();
        foreach (var r in records)
        {
            var position = index._records.Count;
            index._records.Add(r);
            foreach (var k in Blocking.Keys(r).Distinct()) pairs.Add((k, position));
        }
        index._keys = new ulong[pairs.Count];
        index._positions = new int[pairs.Count];
        for (var i = 0; i < pairs.Count; i++) (index._keys[i], index._positions[i]) = pairs[i];
        Array.Sort(index._keys, index._positions);
        return index;
    }

    /// <summary>Adds a record found during a run (a new person a later row may match).</summary>
    public void Add(MatchRecord r)
    {
        var position = _records.Count;
        _records.Add(r);
        foreach (var k in Blocking.Keys(r).Distinct())
        {
            if (!_added.TryGetValue(k, out var list)) _added[k] = list = [];
            list.Add(position);
        }
    }

    /// <summary>The positions of every record sharing a key with this one, each once; a key shared by more than <paramref name="maxPerKey"/> records (a block too common to tell anyone apart) is passed over.</summary>
    public IReadOnlyCollection<int> Candidates(MatchRecord r, int maxPerKey = Blocking.MaxPerKey)
    {
        var found = new HashSet<int>();
        foreach (var k in Blocking.Keys(r).Distinct())
        {
            var i = Array.BinarySearch(_keys, k);
            if (i >= 0)
            {
                var lo = i;
                while (lo > 0 && _keys[lo - 1] == k) lo--;
                var hi = i;
                while (hi + 1 < _keys.Length && _keys[hi + 1] == k) hi++;
                if (hi - lo + 1 <= maxPerKey)
                    for (var j = lo; j <= hi; j++) found.Add(_positions[j]);
            }
            if (_added.TryGetValue(k, out var added)) found.UnionWith(added);
        }
        return found;
    }
}

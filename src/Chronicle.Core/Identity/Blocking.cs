using System.Globalization;
using System.Numerics;
using Chronicle.Core.Time;

namespace Chronicle.Core.Identity;

/// <summary>
/// Blocking: only pairs that share at least one key are scored (Splink's blocking rules, joined by OR). Each rule
/// is chosen to catch what the others miss: the NHS number; the names' sounds with the year of birth; the names'
/// sounds with any date of birth (looked up in full only for a record with no year of birth: for one with a year, a
/// block of a common name is passed over, since the names with the year find its people); the family name's sound
/// with the date of birth's digits in any order (swapped day and month); the date of birth with the given name's
/// initial (a changed family name); the postcode with the year of birth (a misspelled name and a mistyped date). A key
/// is a 64-bit hash of the rule and its values.
/// </summary>
public static class Blocking
{
    /// <summary>A key shared by more people than this tells nobody apart: linking and the duplicate check pass it over.</summary>
    public const int MaxPerKey = 2000;

    /// <summary>
    /// A names key (the names' sounds, any date of birth) shared by more people than this is passed over when the
    /// record looked up has a year of birth: the names with the year (a block a partnership's years of birth divide)
    /// find the same people, so a common name's block, which grows with the partnership, is not compared in full.
    /// </summary>
    public const int MaxPerNamesKey = 40;

    /// <summary>Every key a record is found under (as stored and indexed).</summary>
    public static List<ulong> Keys(MatchRecord r)
    {
        var lookups = Lookups(r);
        var keys = new List<ulong>(lookups.Count);
        foreach (var (key, _) in lookups) keys.Add(key);
        return keys;
    }

    /// <summary>Every key of a record with the most people it may be shared by and still be looked up (<see cref="MaxPerKey"/>, or <see cref="MaxPerNamesKey"/> for the names with any date of birth when the record has a year of birth).</summary>
    public static List<(ulong Key, int MaxPeople)> Lookups(MatchRecord r)
    {
        var keys = new List<(ulong, int)>(12);
        foreach (var n in r.NhsNumbers) keys.Add((new Fnv().Part("nhs").Part(n).Value, MaxPerKey));
        var year = r.HasDateOfBirth ? r.DateOfBirth!.Value.Year : 0;
        var namesLimit = year != 0 ? MaxPerNamesKey : MaxPerKey;
        var dayKnown = r.HasDateOfBirth && r.DateOfBirthPrecision is DatePrecision.Day or DatePrecision.Exact;
        Span<char> date = stackalloc char[8];
        if (dayKnown) r.DateOfBirth!.Value.TryFormat(date, out _, "yyyyMMdd", CultureInfo.InvariantCulture);
        foreach (var name in r.Names)
        {
            var given = name.HasGiven ? name.GivenGroupPhonetic : "";
            foreach (var family in name.FamilyPhonetics)
            {
                if (family.Length == 0) continue;
                if (given.Length > 0)
                {
                    // The pair of sounds in either order, so names recorded the other way round meet.
                    var (lo, hi) = string.CompareOrdinal(given, family) <= 0 ? (given, family) : (family, given);
                    keys.Add((new Fnv().Part("names").Part(lo).Part(hi).Value, namesLimit));
                    if (year != 0) keys.Add((new Fnv().Part("names+year").Part(lo).Part(hi).Part(year).Value, MaxPerKey));
                }
                if (dayKnown)
                {
                    var d = r.DateOfBirth!.Value;
                    keys.Add((new Fnv().Part("family+dob").Part(family).Part(year).Part(Math.Min(d.Day, d.Month)).Part(Math.Max(d.Day, d.Month)).Value, MaxPerKey));
                }
            }
            if (dayKnown && name.HasGiven) keys.Add((new Fnv().Part("dob+initial").Part(date).Part(name.Given.AsSpan(0, 1)).Value, MaxPerKey));
        }
        if (year != 0)
            foreach (var p in r.Postcodes) keys.Add((new Fnv().Part("postcode+year").Part(p).Part(year).Value, MaxPerKey));
        return keys;
    }

    /// <summary>The key of a rule and its values: FNV-1a over each value's characters, each value ended by a separator.</summary>
    public static ulong Hash(params ReadOnlySpan<string> parts)
    {
        var h = new Fnv();
        foreach (var part in parts) h = h.Part(part);
        return h.Value;
    }

    private struct Fnv()
    {
        private const ulong Prime = 1099511628211UL;
        private ulong _h = 14695981039346656037UL;

        public readonly ulong Value => _h;

        public Fnv Part(ReadOnlySpan<char> part)
        {
            foreach (var c in part) { _h ^= c; _h *= Prime; }
            _h ^= 0x1F; _h *= Prime;
            return this;
        }

        /// <summary>A number as its decimal digits (as ToString writes it), without making a string.</summary>
        public Fnv Part(int number)
        {
            Span<char> digits = stackalloc char[11];
            number.TryFormat(digits, out var written, default, CultureInfo.InvariantCulture);
            return Part(digits[..written]);
        }
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
    private int _shift = 56;
    private int[] _starts = new int[257];
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
        // Where each run of keys with the same leading bits starts: a look-up searches only its run, not the whole array.
        index._shift = 64 - Math.Clamp(BitOperations.Log2((uint)Math.Max(1, pairs.Count)), 8, 22);
        index._starts = new int[(1 << (64 - index._shift)) + 1];
        for (int i = 0, bucket = 0; bucket < index._starts.Length; bucket++)
        {
            while (i < index._keys.Length && (int)(index._keys[i] >> index._shift) < bucket) i++;
            index._starts[bucket] = i;
        }
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

    /// <summary>The positions of every record sharing a key with this one, each once; a key shared by more records than its limit (<see cref="Blocking.Lookups"/>: a block too common to tell anyone apart) is passed over.</summary>
    public IReadOnlyCollection<int> Candidates(MatchRecord r)
    {
        var found = new HashSet<int>();
        var seen = new HashSet<ulong>();
        foreach (var (k, maxPeople) in Blocking.Lookups(r))
        {
            if (!seen.Add(k)) continue;
            var bucket = (int)(k >> _shift);
            var i = Array.BinarySearch(_keys, _starts[bucket], _starts[bucket + 1] - _starts[bucket], k);
            if (i >= 0)
            {
                var lo = i;
                while (lo > 0 && _keys[lo - 1] == k) lo--;
                var hi = i;
                while (hi + 1 < _keys.Length && _keys[hi + 1] == k) hi++;
                if (hi - lo + 1 <= maxPeople)
                    for (var j = lo; j <= hi; j++) found.Add(_positions[j]);
            }
            if (_added.TryGetValue(k, out var added)) found.UnionWith(added);
        }
        return found;
    }
}

using Chronicle.Core.Chronology.Details;

namespace Chronicle.Core.Safeguards;

/// <summary>
/// Entries of one kind known at a moment, oldest first, each with its details. Safeguards read these many times over
/// every child, so the list is read by index or with <c>foreach</c> without allocating.
/// </summary>
public sealed class KnownEntries<T> : IReadOnlyList<(CaseEntry Entry, T Details)> where T : EntryDetails
{
    public static readonly KnownEntries<T> None = new([]);

    private readonly CaseEntry[] _entries;

    /// <param name="entries">Entries whose details are all <typeparamref name="T"/>.</param>
    internal KnownEntries(CaseEntry[] entries) => _entries = entries;

    /// <summary>Those of the entries (oldest first, details all <typeparamref name="T"/>) recorded by the moment.</summary>
    internal static KnownEntries<T> At(CaseEntry[] entries, DateTimeOffset at)
    {
        var count = 0;
        foreach (var entry in entries)
            if (entry.RecordedAt <= at) count++;
        if (count == 0) return None;
        if (count == entries.Length) return new KnownEntries<T>(entries);
        var known = new CaseEntry[count];
        count = 0;
        foreach (var entry in entries)
            if (entry.RecordedAt <= at) known[count++] = entry;
        return new KnownEntries<T>(known);
    }

    public int Count => _entries.Length;

    public (CaseEntry Entry, T Details) this[int index]
    {
        get
        {
            var entry = _entries[index];
            return (entry, (T)entry.Details);
        }
    }

    /// <summary>The entries alone.</summary>
    public IReadOnlyList<CaseEntry> Entries => _entries;

    public Enumerator GetEnumerator() => new(_entries);

    IEnumerator<(CaseEntry Entry, T Details)> IEnumerable<(CaseEntry Entry, T Details)>.GetEnumerator()
    {
        foreach (var entry in _entries) yield return (entry, (T)entry.Details);
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => ((IEnumerable<(CaseEntry, T)>)this).GetEnumerator();

    public struct Enumerator(CaseEntry[] entries)
    {
        private int _index = -1;

        public readonly (CaseEntry Entry, T Details) Current
        {
            get
            {
                var entry = entries[_index];
                return (entry, (T)entry.Details);
            }
        }

        public bool MoveNext() => ++_index < entries.Length;
    }
}

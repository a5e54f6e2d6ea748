namespace Chronicle.Core.Safeguards;

/// <summary>
/// Entries already read for a case file, with their subjects and details, kept for the next case file that needs them.
/// An entry and its subjects are never changed or deleted once written (the schema refuses it in both databases), so an
/// entry read once is that entry for good, whichever process wrote it: nothing kept here can go stale. Which entries a
/// case file holds is still asked of the database each time (<see cref="CaseFileLoader"/>); only their rows are kept,
/// so a write's evaluation reads whole only the entries written since the family was last read. One cache serves one
/// database (the engine that owns it is one per database), since the same id in another database need not be the
/// same entry.
/// </summary>
/// <remarks>
/// Bounded by a count of entries: two generations, the one being filled and the one before it; an entry asked for from
/// the older generation moves to the newer, and when the newer is full the older is dropped. So the entries of
/// families read recently stay, and at most <see cref="Capacity"/> entries are kept.
/// </remarks>
public sealed class CaseEntryCache(int capacity = CaseEntryCache.DefaultCapacity)
{
    /// <summary>
    /// About 200 MB of entries at the synthetic partnership's size (about 1 KB an entry with its subjects and details,
    /// measured): the chronologies of a thousand or more families.
    /// </summary>
    public const int DefaultCapacity = 200_000;

    private readonly Lock _lock = new();
    private Dictionary<Guid, CaseEntry> _newer = [];
    private Dictionary<Guid, CaseEntry> _older = [];

    public int Capacity { get; } = capacity > 1 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "A cache keeps at least two entries.");

    /// <summary>How many entries are kept now.</summary>
    public int Count
    {
        get { lock (_lock) return _newer.Count + _older.Count; }
    }

    /// <summary>The entries of these ids already kept; the others are added to <paramref name="missing"/>.</summary>
    public Dictionary<Guid, CaseEntry> Find(IReadOnlyList<Guid> ids, List<Guid> missing)
    {
        var found = new Dictionary<Guid, CaseEntry>(ids.Count);
        lock (_lock)
        {
            foreach (var id in ids)
            {
                if (_newer.TryGetValue(id, out var entry)) found[id] = entry;
                else if (_older.Remove(id, out entry))
                {
                    found[id] = entry;
                    Keep(entry);
                }
                else missing.Add(id);
            }
        }
        return found;
    }

    /// <summary>Keeps entries just read from the database.</summary>
    public void Add(IEnumerable<CaseEntry> entries)
    {
        lock (_lock)
            foreach (var entry in entries) Keep(entry);
    }

    private void Keep(CaseEntry entry)
    {
        if (_newer.Count >= Capacity / 2 && !_newer.ContainsKey(entry.Id))
        {
            _older = _newer;
            _newer = [];
        }
        _newer[entry.Id] = entry;
    }
}

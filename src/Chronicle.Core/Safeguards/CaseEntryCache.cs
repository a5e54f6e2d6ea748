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
/// Bounded by the memory its entries take, estimated from their texts (<see cref="SizeOf"/>): two generations, the one
/// being filled and the one before it; an entry asked for from the older generation moves to the newer, and when the
/// newer holds half the bound the older is dropped. So the entries of families read recently stay, and at most
/// <see cref="CapacityBytes"/> are kept.
/// </remarks>
public sealed class CaseEntryCache(long capacityBytes = CaseEntryCache.DefaultCapacityBytes)
{
    /// <summary>
    /// 256 MB: about 250,000 entries of the synthetic partnership's (about 1 KB each with its subjects and details,
    /// measured), fewer of long free text.
    /// </summary>
    public const long DefaultCapacityBytes = 256L * 1024 * 1024;

    private readonly Lock _lock = new();
    private Dictionary<Guid, CaseEntry> _newer = [];
    private Dictionary<Guid, CaseEntry> _older = [];
    private long _newerBytes;
    private long _olderBytes;

    public long CapacityBytes { get; } = capacityBytes > 0 ? capacityBytes : throw new ArgumentOutOfRangeException(nameof(capacityBytes), capacityBytes, "A cache keeps at least a byte.");

    /// <summary>How many entries are kept now.</summary>
    public int Count
    {
        get { lock (_lock) return _newer.Count + _older.Count; }
    }

    /// <summary>The memory the entries kept now take, as estimated.</summary>
    public long Bytes
    {
        get { lock (_lock) return _newerBytes + _olderBytes; }
    }

    /// <summary>
    /// An entry's memory, estimated: its texts as .NET holds them (two bytes a character; the details both as JSON and
    /// as the record read from it), and the rest of the entry, its subjects and the record's own objects.
    /// </summary>
    public static long SizeOf(CaseEntry entry) =>
        512 + 4L * entry.Entry.Details.Length
        + 2L * ((entry.Entry.Narrative?.Length ?? 0) + (entry.Entry.SourceName?.Length ?? 0) + (entry.Entry.CorrectionReason?.Length ?? 0) + entry.Entry.Kind.Length)
        + 64L * entry.Entry.Subjects.Count;

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
                    _olderBytes -= SizeOf(entry);
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
        if (_newer.ContainsKey(entry.Id)) return;
        var size = SizeOf(entry);
        if (size > CapacityBytes / 2) return;
        if (_newerBytes + size > CapacityBytes / 2)
        {
            _older = _newer;
            _olderBytes = _newerBytes;
            _newer = [];
            _newerBytes = 0;
        }
        _newer[entry.Id] = entry;
        _newerBytes += size;
    }
}

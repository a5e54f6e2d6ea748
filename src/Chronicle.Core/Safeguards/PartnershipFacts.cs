using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Chronicle.Core.Record;

namespace Chronicle.Core.Safeguards;

/// <summary>
/// Answers that depend only on the partnership's agencies or professionals, which every case file of a sweep shares:
/// worked out once for each collection (again if its size changes) rather than once for every child.
/// </summary>
internal static class PartnershipFacts
{
    private const int MostAreaKeysKept = 10_000;

    private static readonly ConditionalWeakTable<object, Answer> Answers = [];
    private static readonly ConcurrentDictionary<string, string> AreaKeys = new(StringComparer.Ordinal);

    public static TAnswer? Of<TKey, TValue, TAnswer>(IReadOnlyDictionary<TKey, TValue> collection, string question, Func<IReadOnlyDictionary<TKey, TValue>, TAnswer?> work)
        where TAnswer : class
    {
        var answers = Answers.GetValue(collection, static _ => new Answer());
        lock (answers)
        {
            if (answers.Count != collection.Count)
            {
                answers.Values.Clear();
                answers.Count = collection.Count;
            }
            if (!answers.Values.TryGetValue(question, out var known)) answers.Values[question] = known = work(collection);
            return (TAnswer?)known;
        }
    }

    /// <summary>An area's name without case, spacing or punctuation; the few areas a partnership names are kept.</summary>
    public static string AreaKey(string area)
    {
        if (AreaKeys.TryGetValue(area, out var key)) return key;
        key = AddressFact.Normalise(area);
        if (AreaKeys.Count < MostAreaKeysKept) AreaKeys.TryAdd(area, key);
        return key;
    }

    private sealed class Answer
    {
        public int Count { get; set; } = -1;
        public Dictionary<string, object?> Values { get; } = [];
    }
}

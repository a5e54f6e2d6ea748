using Chronicle.Core.Identity;

namespace Chronicle.Testing.Identity;

/// <summary>How linking a generated list went against its truth.</summary>
public sealed record LinkageAccuracy(
    int Rows, int Matched, int MatchedCorrectly, int Possible, int PossibleWithTruth, int TrueLinks, int NoMatch, IReadOnlyList<string> Misses)
{
    /// <summary>Of the rows linked automatically, the share linked to the right person.</summary>
    public double Precision => Matched == 0 ? 1 : (double)MatchedCorrectly / Matched;

    /// <summary>Of the rows whose person is on record, the share linked to them automatically or queued with them among the candidates.</summary>
    public double Recall => TrueLinks == 0 ? 1 : (double)(MatchedCorrectly + PossibleWithTruth) / TrueLinks;

    /// <summary>Links every row against the people and counts the outcome against the truth.</summary>
    public static LinkageAccuracy Measure(IReadOnlyList<PersonOnRecord> people, IReadOnlyList<AgencyRow> rows, MatchScorer scorer)
    {
        var index = BlockingIndex.Build(people.Select(p => p.ToMatchRecord()));
        int matched = 0, correct = 0, possible = 0, possibleTruth = 0, trueLinks = 0, none = 0;
        var misses = new List<string>();
        foreach (var row in rows)
        {
            var decision = Linker.Decide(row.ToMatchRecord(), index, scorer);
            if (row.TruePersonIndex is not null) trueLinks++;
            switch (decision.Band)
            {
                case MatchBand.Match:
                    matched++;
                    if (decision.Best!.Position == row.TruePersonIndex) correct++;
                    else if (misses.Count < 40) misses.Add($"wrong match [{string.Join(", ", row.Variations)}] {string.Join("; ", decision.Best.Result.Reasons)}");
                    break;
                case MatchBand.Possible:
                    possible++;
                    if (row.TruePersonIndex is { } truth && decision.Candidates.Any(c => c.Position == truth)) possibleTruth++;
                    break;
                default:
                    none++;
                    if (row.TruePersonIndex is not null && misses.Count < 40) misses.Add($"missed [{string.Join(", ", row.Variations)}]");
                    break;
            }
        }
        return new LinkageAccuracy(rows.Count, matched, correct, possible, possibleTruth, trueLinks, none, misses);
    }
}

namespace Chronicle.Core.Identity;

/// <summary>A scored candidate: its position in the index, its record and how it compared.</summary>
public sealed record Candidate(int Position, MatchRecord Record, MatchResult Result);

/// <summary>What matching decided for one record: a match, a possible match for a person to decide, or none; with the candidates that reached a band, best first.</summary>
public sealed record LinkDecision(MatchBand Band, IReadOnlyList<Candidate> Candidates)
{
    public Candidate? Best => Candidates.Count > 0 ? Candidates[0] : null;
}

/// <summary>Finds and bands the candidates for a record among indexed people.</summary>
public static class Linker
{
    public static LinkDecision Decide(MatchRecord record, BlockingIndex index, MatchScorer scorer)
    {
        var found = new List<Candidate>();
        foreach (var position in index.Candidates(record))
        {
            var other = index[position];
            if (scorer.ScoreIfBanded(record, other) is { } result) found.Add(new Candidate(position, other, result));
        }
        return Decide(found);
    }

    /// <summary>
    /// The band of the best candidate, except that two candidates both in the match band (twins with alike names,
    /// or a person already on record twice) are a possible match: nobody is linked automatically to one of two.
    /// </summary>
    public static LinkDecision Decide(List<Candidate> found)
    {
        if (found.Count == 0) return new LinkDecision(MatchBand.NoMatch, []);
        found.Sort((a, b) => b.Result.Weight.CompareTo(a.Result.Weight));
        var band = found[0].Result.Band;
        if (band == MatchBand.Match && found.Count > 1 && found[1].Result.Band == MatchBand.Match) band = MatchBand.Possible;
        return new LinkDecision(band, found);
    }
}

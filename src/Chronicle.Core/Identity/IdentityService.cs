using System.Text.Json;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Identity;

/// <summary>A candidate found in the database for someone about to be created.</summary>
public sealed record PersonCandidate(Guid PersonId, MatchResult Result);

/// <summary>
/// The duplicate check over the database: candidates are found by the same blocking as <see cref="Blocking"/>, in
/// SQL (the NHS number; the date of birth exactly or with day and month swapped; a date a slipped digit or a few
/// days away with the same family name; the family name with the given name or a year of birth near; the
/// postcode), then read whole and scored by <see cref="MatchScorer"/>. Nothing is cached: each check reads the
/// record as it is.
/// </summary>
public sealed class IdentityService(ChronicleDb db, TimeProvider clock, MatchScorer scorer)
{
    public IdentityService(ChronicleDb db, TimeProvider clock) : this(db, clock, MatchScorer.Default) { }

    /// <summary>The people who reach the possible band or better, best first; people merged into another are not candidates (their survivor is).</summary>
    public async Task<IReadOnlyList<PersonCandidate>> CandidatesAsync(Guid partnershipId, MatchRecord input, CancellationToken ct = default) =>
        Decide(await ScoredAsync(partnershipId, input, ct));

    /// <summary>
    /// The candidates as each scored alone, best first, before <see cref="Decide"/>: a caller who may show only some of
    /// them decides among those, so what is shown never depends on who is not.
    /// </summary>
    public async Task<IReadOnlyList<PersonCandidate>> ScoredAsync(Guid partnershipId, MatchRecord input, CancellationToken ct = default)
    {
        var ids = await BlockAsync(partnershipId, input, ct);
        if (ids.Count == 0) return [];
        var records = await RecordsAsync(partnershipId, ids, ct);
        var found = new List<PersonCandidate>();
        foreach (var r in records)
        {
            var result = scorer.Score(input, r);
            if (result.Band != MatchBand.NoMatch) found.Add(new PersonCandidate(r.PersonId!.Value, result));
        }
        return [.. found.OrderByDescending(c => c.Result.Weight)];
    }

    /// <summary>The bands as <see cref="Linker.Decide(List{Candidate})"/> gives them: of two candidates both in the match band, the best is only a possible match.</summary>
    public static IReadOnlyList<PersonCandidate> Decide(IReadOnlyList<PersonCandidate> scored)
    {
        var best = scored.OrderByDescending(c => c.Result.Weight).ToList();
        if (best.Count > 1 && best[0].Result.Band == MatchBand.Match && best[1].Result.Band == MatchBand.Match)
            best[0] = best[0] with { Result = best[0].Result with { Band = MatchBand.Possible } };
        return best;
    }

    private async Task<HashSet<Guid>> BlockAsync(Guid partnershipId, MatchRecord input, CancellationToken ct)
    {
        var ids = new HashSet<Guid>();
        var people = db.People.AsNoTracking().Where(p => p.PartnershipId == partnershipId);
        if (input.NhsNumbers.Count > 0)
        {
            var nhs = input.NhsNumbers.ToList();
            ids.UnionWith(await db.PersonIdentifiers.AsNoTracking()
                .Where(i => i.Scheme == IdentifierScheme.NhsNumber && nhs.Contains(i.Value) && people.Any(p => p.Id == i.PersonId)).Select(i => i.PersonId).ToListAsync(ct));
        }
        var families = input.Names.SelectMany(n => n.FamilyParts.Append(n.Family)).Where(f => f.Length > 0).Select(f => f.ToLowerInvariant()).Distinct().ToList();
        var givens = input.Names.Where(n => n.HasGiven).Select(n => n.Given.ToLowerInvariant()).Distinct().ToList();
        // Names recorded the other way round: the given name is looked for as a family name too.
        var familiesOrGivens = families.Concat(givens).Distinct().ToList();
        if (input.HasDateOfBirth)
        {
            var d = input.DateOfBirth!.Value;
            var exact = new List<DateOnly> { d };
            if (d.Day <= 12 && d.Day != d.Month) exact.Add(new DateOnly(d.Year, d.Day, d.Month));
            ids.UnionWith(await people.Where(p => p.DateOfBirth != null && exact.Contains(p.DateOfBirth.Value)).Select(p => p.Id).ToListAsync(ct));
            var near = NearDates(d, scorer.Settings.DateOfBirthToleranceDays).Except(exact).ToList();
            if (familiesOrGivens.Count > 0)
            {
                ids.UnionWith(await people.Where(p => p.DateOfBirth != null && near.Contains(p.DateOfBirth.Value) && p.FamilyName != null && familiesOrGivens.Contains(p.FamilyName.ToLower()))
                    .Select(p => p.Id).ToListAsync(ct));
                var from = new DateOnly(d.Year - 1, 1, 1);
                var to = new DateOnly(Math.Min(d.Year + 1, 9999), 12, 31);
                ids.UnionWith(await people.Where(p => p.FamilyName != null && familiesOrGivens.Contains(p.FamilyName.ToLower())
                        && (p.DateOfBirth == null || (p.DateOfBirth >= from && p.DateOfBirth <= to))).Select(p => p.Id).ToListAsync(ct));
            }
        }
        if (families.Count > 0 && givens.Count > 0)
        {
            var forms = givens.Concat(givens.Select(g => Names.NicknameGroup(g.ToUpperInvariant()).ToLowerInvariant())).Distinct().ToList();
            ids.UnionWith(await people.Where(p => p.FamilyName != null && familiesOrGivens.Contains(p.FamilyName.ToLower()) && p.GivenName != null && forms.Contains(p.GivenName.ToLower()))
                .Select(p => p.Id).ToListAsync(ct));
            var folded = input.Names.Select(n => n.Family).Where(f => f.Length > 0).Distinct().ToList();
            ids.UnionWith(await db.Set<PersonName>().AsNoTracking().Where(n => n.PartnershipId == partnershipId && folded.Contains(n.FamilyFolded)).Select(n => n.PersonId).ToListAsync(ct));
        }
        if (input.Postcodes.Count > 0)
        {
            var postcodes = input.Postcodes.ToList();
            ids.UnionWith(await db.AddressFacts.AsNoTracking()
                .Where(a => a.PartnershipId == partnershipId && a.Postcode != null && postcodes.Contains(a.Postcode.Replace(" ", "").ToUpper())).Select(a => a.PersonId).ToListAsync(ct));
        }
        if (ids.Count == 0) return ids;
        var idList = ids.ToList();
        var merged = await db.Set<PersonMerge>().AsNoTracking().Where(m => m.UnmergedAt == null && idList.Contains(m.MergedPersonId)).Select(m => new { m.MergedPersonId, m.SurvivorPersonId }).ToListAsync(ct);
        foreach (var m in merged)
        {
            ids.Remove(m.MergedPersonId);
            ids.Add(m.SurvivorPersonId);
        }
        return ids;
    }

    private static IEnumerable<DateOnly> NearDates(DateOnly d, int tolerance)
    {
        for (var i = -tolerance; i <= tolerance; i++) yield return d.AddDays(i);
        var s = d.ToString("yyyyMMdd").ToCharArray();
        for (var i = 0; i < 8; i++)
        {
            var original = s[i];
            for (var c = '0'; c <= '9'; c++)
            {
                if (c == original) continue;
                s[i] = c;
                if (DateOnly.TryParseExact(new string(s), "yyyyMMdd", out var slipped)) yield return slipped;
            }
            s[i] = original;
            if (i < 7 && s[i] != s[i + 1])
            {
                (s[i], s[i + 1]) = (s[i + 1], s[i]);
                if (DateOnly.TryParseExact(new string(s), "yyyyMMdd", out var transposed)) yield return transposed;
                (s[i], s[i + 1]) = (s[i + 1], s[i]);
            }
        }
    }

    /// <summary>Each person's match record: every name, NHS number, postcode and address on record for them, and their mother.</summary>
    public async Task<List<MatchRecord>> RecordsAsync(Guid partnershipId, IReadOnlyCollection<Guid> ids, CancellationToken ct = default)
    {
        var list = ids.ToList();
        var people = await db.People.AsNoTracking().Where(p => p.PartnershipId == partnershipId && list.Contains(p.Id)).ToListAsync(ct);
        var nhs = (await db.PersonIdentifiers.AsNoTracking().Where(i => list.Contains(i.PersonId) && i.Scheme == IdentifierScheme.NhsNumber).ToListAsync(ct)).ToLookup(i => i.PersonId, i => i.Value);
        var addresses = (await db.AddressFacts.AsNoTracking().Where(a => list.Contains(a.PersonId)).ToListAsync(ct)).ToLookup(a => a.PersonId);
        var names = (await db.Set<PersonName>().AsNoTracking().Where(n => list.Contains(n.PersonId)).ToListAsync(ct)).ToLookup(n => n.PersonId);
        var mothers = (await db.Relationships.AsNoTracking().Where(r => list.Contains(r.RelatedPersonId) && r.Kind == RelationshipKind.Mother).ToListAsync(ct))
            .GroupBy(r => r.RelatedPersonId).ToDictionary(g => g.Key, g => g.OrderBy(r => r.RecordedAt).First().PersonId);
        return [.. people.Select(p => MatchRecord.From(p.Id,
            names[p.Id].Select(n => (n.GivenName, n.FamilyName)).Prepend((p.GivenName, p.FamilyName)),
            p.DateOfBirth, p.DateOfBirthPrecision, p.Sex, nhs[p.Id], addresses[p.Id].Select(a => a.Postcode), addresses[p.Id].Select(a => a.Address),
            mothers.TryGetValue(p.Id, out var m) ? m : null))];
    }

    /// <summary>The match record of someone about to be created, from the body that would create them.</summary>
    public static MatchRecord FromInput(PersonInput input, string? postcode = null, string? address = null, Guid? motherId = null) =>
        MatchRecord.From(null, [(input.GivenName, input.FamilyName)], input.DateOfBirth,
            input.DateOfBirthPrecision ?? (input.DateOfBirth is null ? DatePrecision.Unknown : DatePrecision.Day), input.Sex,
            input.Identifiers.Where(i => i.Scheme == IdentifierScheme.NhsNumber).Select(i => i.Value), [postcode], [address], motherId);

    /// <summary>Records the user's choice at the duplicate check.</summary>
    public async Task<MatchDecision> RecordChoiceAsync(Guid partnershipId, Guid? professionalId, MatchChoice choice, Guid personId, IReadOnlyList<PersonCandidate> offered, CancellationToken ct = default)
    {
        var decision = new MatchDecision
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()), PartnershipId = partnershipId, ProfessionalId = professionalId, Choice = choice, PersonId = personId,
            Candidates = JsonSerializer.Serialize(offered.Select(c => new { c.PersonId, band = c.Result.Band.ToString(), score = Math.Round(c.Result.Probability, 4) })),
            At = clock.GetUtcNow(),
        };
        db.Add(decision);
        await db.SaveChangesAsync(ct);
        return decision;
    }

    /// <summary>Puts a hidden candidate before the front door: the details submitted and the candidates the user could not be shown.</summary>
    public async Task<IdentityReview> ReferToFrontDoorAsync(Guid partnershipId, Guid? professionalId, object submitted, IReadOnlyList<PersonCandidate> hidden, CancellationToken ct = default)
    {
        var review = new IdentityReview
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()), PartnershipId = partnershipId, Kind = ReviewKind.HiddenCandidate, Status = ReviewStatus.Open,
            RequestedByProfessionalId = professionalId, Submitted = JsonSerializer.Serialize(submitted, ChronicleJson.Options), Candidates = CandidatesJson(hidden),
            CreatedAt = clock.GetUtcNow(),
        };
        db.Add(review);
        await db.SaveChangesAsync(ct);
        return review;
    }

    public static string CandidatesJson(IEnumerable<PersonCandidate> candidates) =>
        JsonSerializer.Serialize(candidates.Select(c => new ReviewCandidate(c.PersonId, c.Result.Band.ToString(), Math.Round(c.Result.Probability, 4), [.. c.Result.Reasons])));
}

/// <summary>A candidate as the review queue keeps it.</summary>
public sealed record ReviewCandidate(Guid PersonId, string Band, double Score, string[] Reasons);

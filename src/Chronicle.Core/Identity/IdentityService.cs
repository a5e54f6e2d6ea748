using System.Text.Json;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Identity;

/// <summary>A candidate found in the database for someone about to be created.</summary>
public sealed record PersonCandidate(Guid PersonId, MatchResult Result);

/// <summary>
/// The duplicate check over the database: candidates are the people sharing a blocking key with the input
/// (<see cref="Blocking"/>, the rules linking uses), looked up in person_blocking_keys (kept current by
/// <see cref="BlockingKeys"/> in every save), then read whole and scored by <see cref="MatchScorer"/>. Nothing is
/// cached: each check reads the record as it is.
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

    /// <summary>
    /// The people sharing a blocking key with the input, from person_blocking_keys: one indexed read of the keys'
    /// sizes, then one of the people under every key shared by no more people than its limit (<see cref="Blocking.Lookups"/>:
    /// a key more common than that tells nobody apart, as in linking). People merged into another hold no keys.
    /// </summary>
    private async Task<List<Guid>> BlockAsync(Guid partnershipId, MatchRecord input, CancellationToken ct)
    {
        var limits = new Dictionary<long, int>();
        foreach (var (key, maxPeople) in Blocking.Lookups(input)) limits.TryAdd(unchecked((long)key), maxPeople);
        if (limits.Count == 0) return [];
        var keys = limits.Keys.ToList();
        var rows = db.Set<PersonBlockingKey>().AsNoTracking().Where(k => k.PartnershipId == partnershipId && keys.Contains(k.BlockingKey));
        var sizes = await rows.GroupBy(k => k.BlockingKey).Where(g => g.Count() > Blocking.MaxPerNamesKey).Select(g => new { g.Key, People = g.Count() }).ToListAsync(ct);
        var common = sizes.Where(s => s.People > limits[s.Key]).Select(s => s.Key).ToList();
        if (common.Count > 0) rows = rows.Where(k => !common.Contains(k.BlockingKey));
        return await rows.Select(k => k.PersonId).Distinct().ToListAsync(ct);
    }

    /// <summary>Each person's match record: every name, NHS number, postcode and address on record for them, and their mother.</summary>
    public async Task<List<MatchRecord>> RecordsAsync(Guid partnershipId, IReadOnlyCollection<Guid> ids, CancellationToken ct = default)
    {
        var list = ids.ToList();
        // Each read looks rows up by id alone, and the partnership and the scheme are checked here: given a partnership
        // or a scheme as well, SQLite's planner may scan a partnership's every person (or every NHS number) by an index
        // that starts with it instead of going to each id.
        var people = (await db.People.AsNoTracking().Where(p => list.Contains(p.Id)).ToListAsync(ct)).Where(p => p.PartnershipId == partnershipId).ToList();
        var nhs = (await db.PersonIdentifiers.AsNoTracking().Where(i => list.Contains(i.PersonId)).ToListAsync(ct))
            .Where(i => i.Scheme == IdentifierScheme.NhsNumber).ToLookup(i => i.PersonId, i => i.Value);
        var addresses = (await db.AddressFacts.AsNoTracking().Where(a => list.Contains(a.PersonId)).ToListAsync(ct)).ToLookup(a => a.PersonId);
        var names = (await db.Set<PersonName>().AsNoTracking().Where(n => list.Contains(n.PersonId)).ToListAsync(ct)).ToLookup(n => n.PersonId);
        var mothers = (await db.Relationships.AsNoTracking().Where(r => list.Contains(r.RelatedPersonId) && r.Kind == RelationshipKind.Mother).ToListAsync(ct))
            .GroupBy(r => r.RelatedPersonId).ToDictionary(g => g.Key, g => g.OrderBy(r => r.RecordedAt).First().PersonId);
        return [.. people.Select(p => RecordOf(p, names[p.Id], nhs[p.Id], addresses[p.Id], mothers.TryGetValue(p.Id, out var m) ? m : null))];
    }

    /// <summary>
    /// Every person's match record in a partnership, but those merged into another: what linking a whole list reads.
    /// A table at a time by the partnership, not a few thousand ids at a time, since it reads them all.
    /// </summary>
    public async Task<List<MatchRecord>> PartnershipRecordsAsync(Guid partnershipId, CancellationToken ct = default) =>
        (await ReadPartnershipAsync(partnershipId, ct)).Records;

    /// <summary>
    /// <see cref="PartnershipRecordsAsync"/>'s records, and what each of those people holds as stored (their own name,
    /// every identifier, address and other name), which linking a list needs for most of them: one read by the
    /// partnership costs less than a few thousand look-ups by id.
    /// </summary>
    internal async Task<PartnershipOnRecord> ReadPartnershipAsync(Guid partnershipId, CancellationToken ct = default)
    {
        var merged = db.Set<PersonMerge>().Where(m => m.UnmergedAt == null).Select(m => m.MergedPersonId);
        var people = await db.People.AsNoTracking().Where(p => p.PartnershipId == partnershipId && !merged.Contains(p.Id))
            .Select(p => new { p.Id, p.GivenName, p.FamilyName, p.DateOfBirth, p.DateOfBirthPrecision, p.Sex }).ToListAsync(ct);
        // Joined to the partnership's people, not asked whether each is among them: SQLite would build a temporary index
        // of a million ids to ask (5 s of processor time at 1,000,000 people, against under 1 s for the join).
        var identifiers = (await (from i in db.PersonIdentifiers
                                  join p in db.People on i.PersonId equals p.Id
                                  where p.PartnershipId == partnershipId
                                  select new { i.PersonId, i.Scheme, i.Issuer, i.Value }).ToListAsync(ct))
            .ToLookup(i => i.PersonId, i => (i.Scheme, i.Issuer, i.Value));
        var addresses = (await db.AddressFacts.AsNoTracking().Where(a => a.PartnershipId == partnershipId)
            .Select(a => new { a.PersonId, a.Postcode, a.Address }).ToListAsync(ct)).ToLookup(a => a.PersonId, a => (a.Postcode, a.Address));
        var names = (await db.Set<PersonName>().AsNoTracking().Where(n => n.PartnershipId == partnershipId)
            .Select(n => new { n.PersonId, n.GivenName, n.FamilyName, n.GivenFolded, n.FamilyFolded }).ToListAsync(ct))
            .ToLookup(n => n.PersonId, n => (n.GivenName, n.FamilyName, n.GivenFolded, n.FamilyFolded));
        var mothers = (await db.Relationships.AsNoTracking().Where(r => r.PartnershipId == partnershipId && r.Kind == RelationshipKind.Mother)
                .Select(r => new { r.PersonId, r.RelatedPersonId, r.RecordedAt }).ToListAsync(ct))
            .GroupBy(r => r.RelatedPersonId).ToDictionary(g => g.Key, g => g.MinBy(r => r.RecordedAt)!.PersonId);
        var records = new List<MatchRecord>(people.Count);
        var ownNames = new Dictionary<Guid, (string?, string?)>(people.Count);
        foreach (var p in people)
        {
            records.Add(MatchRecord.From(p.Id, names[p.Id].Select(n => (n.GivenName, n.FamilyName)).Prepend((p.GivenName, p.FamilyName)), p.DateOfBirth, p.DateOfBirthPrecision, p.Sex,
                identifiers[p.Id].Where(i => i.Scheme == IdentifierScheme.NhsNumber).Select(i => i.Value), addresses[p.Id].Select(a => a.Postcode), addresses[p.Id].Select(a => a.Address),
                mothers.TryGetValue(p.Id, out var m) ? m : null));
            ownNames[p.Id] = (p.GivenName, p.FamilyName);
        }
        return new PartnershipOnRecord(records, ownNames, identifiers, addresses, names);
    }

    /// <summary>A person's match record from what is on record for them: their own name and every other name, NHS numbers, addresses and mother.</summary>
    public static MatchRecord RecordOf(Person p, IEnumerable<PersonName> names, IEnumerable<string> nhsNumbers, IEnumerable<AddressFact> addresses, Guid? motherId) =>
        MatchRecord.From(p.Id, names.Select(n => (n.GivenName, n.FamilyName)).Prepend((p.GivenName, p.FamilyName)),
            p.DateOfBirth, p.DateOfBirthPrecision, p.Sex, nhsNumbers, addresses.Select(a => a.Postcode), addresses.Select(a => a.Address), motherId);

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

/// <summary>A partnership's people as read for linking: their match records, and what each holds as stored, by person.</summary>
internal sealed record PartnershipOnRecord(
    List<MatchRecord> Records,
    Dictionary<Guid, (string? Given, string? Family)> OwnNames,
    ILookup<Guid, (IdentifierScheme Scheme, string Issuer, string Value)> Identifiers,
    ILookup<Guid, (string? Postcode, string Address)> Addresses,
    ILookup<Guid, (string? GivenName, string? FamilyName, string GivenFolded, string FamilyFolded)> Names);

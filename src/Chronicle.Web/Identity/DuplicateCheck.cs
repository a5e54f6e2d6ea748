using Chronicle.Core.Identity;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Time;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Identity;

/// <summary>A candidate as the user is shown it: only people the user may see.</summary>
public sealed record MatchCandidate(Guid PersonId, MatchBand Band, double Score, IReadOnlyList<string> Reasons);

/// <summary>
/// The answer of the duplicate check: the candidates the user may see, and whether the front door will look among the
/// records the user cannot: whenever none of the candidates shown is a match. It depends only on what is shown, never
/// on whether anyone hidden was found.
/// </summary>
public sealed record PersonMatches(IReadOnlyList<MatchCandidate> Candidates, bool AskFrontDoor)
{
    public bool Any => Candidates.Count > 0 || AskFrontDoor;
}

/// <summary>
/// The duplicate check for whoever is creating a person: the candidates are scored over the whole partnership; those
/// the user may see are shown with their reasons, banded among themselves; a candidate the user may not see is never
/// named, counted or allowed to change a band shown, and the answer reads the same whether or not one exists. The
/// front door's review queue receives each hidden candidate set once per user. Every check is audited (the candidates
/// shown are reads of their children's records) and limited per account (<see cref="IdentitySetup.CheckLimit"/>).
/// </summary>
public sealed class DuplicateCheck(IdentityService identity, ChildAccess access, CurrentUser user, CurrentPartnership partnership, RecordAudit audit, ChronicleDb db, CheckLimit limit)
{
    /// <summary>Takes one check from the signed-in account's allowance (<see cref="CheckLimit"/>); false when it is used up, and then nothing may be checked.</summary>
    public async Task<bool> MayCheckAsync(CancellationToken ct = default) => await user.GetAsync(ct) is { } me && await limit.TryTakeAsync(db, me.Account.Id, ct);

    public async Task<(PersonMatches Matches, IReadOnlyList<PersonCandidate> Offered)> CheckAsync(PersonInput input, string? postcode = null, string? address = null, CancellationToken ct = default)
    {
        var record = IdentityService.FromInput(input, postcode, address);
        if (record.Names.Count == 0 && record.NhsNumbers.Count == 0) return (new PersonMatches([], false), []);
        var found = await identity.ScoredAsync(partnership.Id, record, ct);
        var seen = new List<PersonCandidate>();
        var hidden = new List<PersonCandidate>();
        foreach (var c in found) (await access.MaySeePersonAsync(c.PersonId, ct) ? seen : hidden).Add(c);
        var shown = IdentityService.Decide(seen);
        if (hidden.Count > 0) await ReferAsync(input, postcode, address, IdentityService.Decide(hidden), ct);
        var children = new HashSet<Guid>();
        foreach (var c in shown)
            if (await access.ThroughChildAsync(c.PersonId, ct) is { } through) children.Add(through.ChildId);
        await audit.ReadAsync(children, "duplicate check", ct);
        var matches = new PersonMatches([.. shown.Select(c => new MatchCandidate(c.PersonId, c.Result.Band, Math.Round(c.Result.Probability, 4), c.Result.Reasons))],
            shown.All(c => c.Result.Band != MatchBand.Match));
        return (matches, shown);
    }

    /// <summary>Puts the hidden candidates before the front door, unless this user already has an open item naming the same people.</summary>
    private async Task ReferAsync(PersonInput input, string? postcode, string? address, IReadOnlyList<PersonCandidate> hidden, CancellationToken ct)
    {
        var me = await user.GetAsync(ct);
        var submitted = new SubmittedPerson(input.Kind, input.GivenName, input.FamilyName, input.KnownAs, input.DateOfBirth, input.DateOfBirthPrecision ?? (input.DateOfBirth is null ? DatePrecision.Unknown : DatePrecision.Day),
            input.Sex, input.Identifiers.Where(i => i.Scheme == IdentifierScheme.NhsNumber).Select(i => i.Value).FirstOrDefault(), postcode, address);
        var professional = me?.Professional?.Id;
        var people = hidden.Select(c => c.PersonId).ToHashSet();
        var open = await db.Set<IdentityReview>().AsNoTracking().Where(r => r.PartnershipId == partnership.Id && r.Status == ReviewStatus.Open && r.Kind == ReviewKind.HiddenCandidate
                && r.RequestedByProfessionalId == professional).Select(r => r.Candidates).ToListAsync(ct);
        if (open.Any(json => (System.Text.Json.JsonSerializer.Deserialize<List<ReviewCandidate>>(json) ?? []).Select(c => c.PersonId).ToHashSet().SetEquals(people))) return;
        await identity.ReferToFrontDoorAsync(partnership.Id, professional, submitted, hidden, ct);
    }
}

/// <summary>What someone submitted, as the review queue keeps it.</summary>
public sealed record SubmittedPerson(
    PersonKind? Kind, string? GivenName, string? FamilyName, string? KnownAs, DateOnly? DateOfBirth, DatePrecision DateOfBirthPrecision, Sex? Sex,
    string? NhsNumber, string? Postcode, string? Address, string? AgencyRecordId = null, string? Agency = null);

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

/// <summary>The answer of the duplicate check: the candidates the user may see, and whether the front door must be asked about others.</summary>
public sealed record PersonMatches(IReadOnlyList<MatchCandidate> Candidates, bool AskFrontDoor)
{
    public bool Any => Candidates.Count > 0 || AskFrontDoor;
}

/// <summary>
/// The duplicate check for whoever is creating a person: the candidates are scored over the whole partnership; those
/// the user may see are shown with their reasons; a candidate the user may not see is never named or counted, the
/// answer says only that the front door must be asked, and the front door's review queue receives the item (once
/// for the same details from the same user). The candidates shown are reads of their records, and audited as such.
/// </summary>
public sealed class DuplicateCheck(IdentityService identity, ChildAccess access, CurrentUser user, CurrentPartnership partnership, RecordAudit audit, ChronicleDb db)
{
    public async Task<(PersonMatches Matches, IReadOnlyList<PersonCandidate> Offered)> CheckAsync(PersonInput input, string? postcode = null, string? address = null, CancellationToken ct = default)
    {
        var record = IdentityService.FromInput(input, postcode, address);
        if (record.Names.Count == 0 && record.NhsNumbers.Count == 0) return (new PersonMatches([], false), []);
        var found = await identity.CandidatesAsync(partnership.Id, record, ct);
        var shown = new List<PersonCandidate>();
        var hidden = new List<PersonCandidate>();
        foreach (var c in found) (await access.MaySeePersonAsync(c.PersonId, ct) ? shown : hidden).Add(c);
        if (hidden.Count > 0) await ReferAsync(input, postcode, address, hidden, ct);
        var children = new HashSet<Guid>();
        foreach (var c in shown)
            if (await access.ThroughChildAsync(c.PersonId, ct) is { } through) children.Add(through.ChildId);
        if (children.Count > 0) await audit.ReadAsync(children, ct: ct);
        return (new PersonMatches([.. shown.Select(c => new MatchCandidate(c.PersonId, c.Result.Band, Math.Round(c.Result.Probability, 4), c.Result.Reasons))], hidden.Count > 0), shown);
    }

    private async Task ReferAsync(PersonInput input, string? postcode, string? address, IReadOnlyList<PersonCandidate> hidden, CancellationToken ct)
    {
        var me = await user.GetAsync(ct);
        var submitted = new SubmittedPerson(input.Kind, input.GivenName, input.FamilyName, input.KnownAs, input.DateOfBirth, input.DateOfBirthPrecision ?? (input.DateOfBirth is null ? DatePrecision.Unknown : DatePrecision.Day),
            input.Sex, input.Identifiers.Where(i => i.Scheme == IdentifierScheme.NhsNumber).Select(i => i.Value).FirstOrDefault(), postcode, address);
        var json = System.Text.Json.JsonSerializer.Serialize(submitted, Core.ChronicleJson.Options);
        var professional = me?.Professional?.Id;
        if (await db.Set<IdentityReview>().AnyAsync(r => r.PartnershipId == partnership.Id && r.Status == ReviewStatus.Open && r.Kind == ReviewKind.HiddenCandidate
                && r.RequestedByProfessionalId == professional && r.Submitted == json, ct)) return;
        await identity.ReferToFrontDoorAsync(partnership.Id, professional, submitted, hidden, ct);
    }
}

/// <summary>What someone submitted, as the review queue keeps it.</summary>
public sealed record SubmittedPerson(
    PersonKind? Kind, string? GivenName, string? FamilyName, string? KnownAs, DateOnly? DateOfBirth, DatePrecision DateOfBirthPrecision, Sex? Sex,
    string? NhsNumber, string? Postcode, string? Address, string? AgencyRecordId = null, string? Agency = null);

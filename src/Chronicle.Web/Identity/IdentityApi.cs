using Chronicle.Core.Identity;
using Chronicle.Core.Record;
using Chronicle.Core.Security;
using Chronicle.Core.Validation;
using Chronicle.Web.Api;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Record;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Identity;

/// <summary>The body of the duplicate check: the body that creates a person, and optionally where they live.</summary>
public sealed record PersonMatchInput
{
    public PersonKind? Kind { get; init; }
    public string? GivenName { get; init; }
    public string? FamilyName { get; init; }
    public string? KnownAs { get; init; }
    public DateOnly? DateOfBirth { get; init; }
    public Core.Time.DatePrecision? DateOfBirthPrecision { get; init; }
    public DateOnly? ExpectedDateOfDelivery { get; init; }
    public Sex? Sex { get; init; }
    public IReadOnlyList<IdentifierInput> Identifiers { get; init; } = [];
    public Guid? CreatedByProfessionalId { get; init; }
    public string? Postcode { get; init; }
    public string? Address { get; init; }

    public PersonInput ToPersonInput() => new()
    {
        Kind = Kind, GivenName = GivenName, FamilyName = FamilyName, KnownAs = KnownAs, DateOfBirth = DateOfBirth, DateOfBirthPrecision = DateOfBirthPrecision,
        ExpectedDateOfDelivery = ExpectedDateOfDelivery, Sex = Sex, Identifiers = Identifiers, CreatedByProfessionalId = CreatedByProfessionalId,
    };
}

/// <summary>Choosing a record the duplicate check offered instead of creating a new one.</summary>
public sealed record UseExistingInput(Guid? PersonId, PersonMatchInput? Person);

public sealed record MergeInput(Guid? SurvivorPersonId, Guid? MergedPersonId, string? Reason);

public sealed record UnmergeInput(Guid? MergeId, string? Reason);

public sealed record MergeResponse(Guid Id, Guid SurvivorPersonId, Guid MergedPersonId, string Reason, DateTimeOffset MergedAt, DateTimeOffset? UnmergedAt)
{
    public static MergeResponse Of(PersonMerge m) => new(m.Id, m.SurvivorPersonId, m.MergedPersonId, m.Reason, m.MergedAt, m.UnmergedAt);
}

/// <summary>The duplicate check, choosing an existing record, and merging and unmerging people (docs/identity.md).</summary>
public static class IdentityApi
{
    public static void MapIdentityApi(this RouteGroupBuilder api)
    {
        var people = api.MapGroup("/people").WithTags("People");
        people.MapPost("/matches", Matches).Require(Permissions.WriteRecord);
        people.MapPost("/matches/use", UseExisting).WithIdempotency().Require(Permissions.WriteRecord);
        var merges = api.MapGroup("/merges").WithTags("People");
        merges.MapPost("/", Merge).WithIdempotency().Require(Permissions.ResolveIdentity);
        merges.MapPost("/unmerge", Unmerge).WithIdempotency().Require(Permissions.ResolveIdentity);
    }

    private static async Task<Results<Ok<PersonMatches>, ValidationProblem>> Matches(PersonMatchInput input, DuplicateCheck check, CancellationToken ct)
    {
        if (Refusal(input) is { } refused) return refused;
        var (matches, _) = await check.CheckAsync(input.ToPersonInput(), input.Postcode, input.Address, ct);
        return TypedResults.Ok(matches);
    }

    private static ValidationProblem? Refusal(PersonMatchInput input)
    {
        var p = new Problems();
        if (string.IsNullOrWhiteSpace(input.GivenName) && string.IsNullOrWhiteSpace(input.FamilyName) && !input.Identifiers.Any(i => i.Scheme == IdentifierScheme.NhsNumber && NhsNumber.Parse(i.Value).Succeeded))
            p.Add("givenName", "Enter the person's name or NHS number to check whether they are already on record");
        for (var i = 0; i < input.Identifiers.Count; i++)
            if (input.Identifiers[i].Scheme == IdentifierScheme.NhsNumber && NhsNumber.Parse(input.Identifiers[i].Value, "value") is { Succeeded: false } nhs)
                p.For($"identifiers[{i}]").AddRange(nhs.Errors);
        return p.Any ? ApiResults.Refused(p.Errors) : null;
    }

    private static async Task<Results<Ok<PersonResponse>, NotFound, ValidationProblem>> UseExisting(UseExistingInput input, DuplicateCheck check, IdentityService identity,
        CurrentUser user, CurrentPartnership partnership, ChildAccess access, Core.Persistence.ChronicleDb db, CancellationToken ct)
    {
        var p = new Problems();
        p.Required("personId", input.PersonId, "Select the person already on record");
        if (input.Person is null) p.Add("person", "Give the details that were checked");
        if (input.Person is not null && Refusal(input.Person) is { } refused) return refused;
        if (p.Any) return ApiResults.Refused(p.Errors);
        var me = await user.RequireAsync(ct);
        var (matches, offered) = await check.CheckAsync(input.Person!.ToPersonInput(), input.Person.Postcode, input.Person.Address, ct);
        // Only a person the check offered this user may be chosen; any other is as if it did not exist.
        if (!offered.Any(c => c.PersonId == input.PersonId)) return TypedResults.NotFound();
        await identity.RecordChoiceAsync(partnership.Id, me.Professional?.Id, MatchChoice.Existing, input.PersonId!.Value, offered, ct);
        await access.NoteWriteAboutAsync([input.PersonId.Value], ct);
        var person = await db.People.AsNoTracking().Include(x => x.Identifiers).FirstAsync(x => x.Id == input.PersonId, ct);
        return TypedResults.Ok(PersonResponse.Of(person));
    }

    private static async Task<Results<Created<MergeResponse>, ValidationProblem>> Merge(MergeInput input, MergeService merges, CurrentUser user, CurrentPartnership partnership, ChildAccess access,
        Core.Persistence.ChronicleDb db, CancellationToken ct)
    {
        var me = await user.RequireAsync(ct);
        var people = await Attribution.VisibleOrNobodyAsync(access, [input.SurvivorPersonId, input.MergedPersonId]);
        // A merge moves whatever ties a person to children: it is answered as if the person did not exist unless the
        // caller already sees every child either record concerns, so no merge can bring a child into their reach.
        if (!await SeesEveryChildConcernedAsync(access, db, [.. people.OfType<Guid>()], ct)) people = [people[0], Guid.NewGuid()];
        var outcome = await merges.MergeAsync(partnership.Id, people[0] ?? Guid.Empty, people[1] ?? Guid.Empty, input.Reason, me.Professional?.Id, ct);
        return ApiResults.Created(outcome, m => $"/api/people/{m.SurvivorPersonId}", MergeResponse.Of);
    }

    private static async Task<Results<Ok<MergeResponse>, ValidationProblem>> Unmerge(UnmergeInput input, MergeService merges, CurrentUser user, CurrentPartnership partnership, ChildAccess access,
        Core.Persistence.ChronicleDb db, CancellationToken ct)
    {
        var me = await user.RequireAsync(ct);
        if (input.MergeId is null) return ApiResults.Refused("mergeId", "Select the merge to undo");
        var merge = await db.Set<PersonMerge>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == input.MergeId && m.PartnershipId == partnership.Id, ct);
        if (merge is null || !(await access.MayWriteAboutAsync([merge.SurvivorPersonId], ct))[0]
            || !await SeesEveryChildConcernedAsync(access, db, [merge.SurvivorPersonId, merge.MergedPersonId], ct))
            return ApiResults.Refused("mergeId", "There is no such merge");
        var outcome = await merges.UnmergeAsync(partnership.Id, merge.Id, input.Reason, me.Professional?.Id, ct);
        return outcome.Succeeded ? TypedResults.Ok(MergeResponse.Of(outcome.Value!)) : ApiResults.Refused(outcome.Errors);
    }

    /// <summary>
    /// Whether the user sees every child these people concern on an ordinary basis (their team, a team member's
    /// manager, the front door); a child seen only through break glass, or not at all, is not theirs to re-tie.
    /// </summary>
    private static async Task<bool> SeesEveryChildConcernedAsync(ChildAccess access, Core.Persistence.ChronicleDb db, IReadOnlyCollection<Guid> people, CancellationToken ct)
    {
        foreach (var child in await Family.ChildrenConcernedAsync(db, people, ct))
            if (await access.ChildAsync(child, ct) is not { Basis: AccessBasis.Team or AccessBasis.ManagerOfTeamMember or AccessBasis.FrontDoor }) return false;
        return true;
    }
}

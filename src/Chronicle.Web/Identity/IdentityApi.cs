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

    /// <summary>The answer to a check beyond the account's allowance.</summary>
    public static ProblemHttpResult TooManyChecks() => TypedResults.Problem(CheckLimit.Words, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many checks");

    private static async Task<Results<Ok<PersonMatches>, ValidationProblem, ProblemHttpResult>> Matches(PersonMatchInput input, DuplicateCheck check, CancellationToken ct)
    {
        if (Refusal(input) is { } refused) return refused;
        if (!await check.MayCheckAsync(ct)) return TooManyChecks();
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

    private static async Task<Results<Ok<PersonResponse>, NotFound, ValidationProblem, ProblemHttpResult>> UseExisting(UseExistingInput input, DuplicateCheck check, IdentityService identity,
        CurrentUser user, CurrentPartnership partnership, ChildAccess access, Core.Persistence.ChronicleDb db, CancellationToken ct)
    {
        var p = new Problems();
        p.Required("personId", input.PersonId, "Select the person already on record");
        if (input.Person is null) p.Add("person", "Give the details that were checked");
        if (input.Person is not null && Refusal(input.Person) is { } refused) return refused;
        if (p.Any) return ApiResults.Refused(p.Errors);
        var me = await user.RequireAsync(ct);
        if (!await check.MayCheckAsync(ct)) return TooManyChecks();
        var (matches, offered) = await check.CheckAsync(input.Person!.ToPersonInput(), input.Person.Postcode, input.Person.Address, ct);
        // Only a person the check offered this user may be chosen; any other is as if it did not exist.
        if (!offered.Any(c => c.PersonId == input.PersonId)) return TypedResults.NotFound();
        await identity.RecordChoiceAsync(partnership.Id, me.Professional?.Id, MatchChoice.Existing, input.PersonId!.Value, offered, ct);
        await access.NoteWriteAboutAsync([input.PersonId.Value], ct);
        var person = await db.People.AsNoTracking().Include(x => x.Identifiers).FirstAsync(x => x.Id == input.PersonId, ct);
        return TypedResults.Ok(PersonResponse.Of(person));
    }

    /// <summary>
    /// Merges two records. A merge moves what ties a person to children (involvements, relationships, household
    /// memberships), so it is an access-granting fact (docs/security.md): it is answered as if a person did not exist
    /// unless the caller sees every child either record concerns on an ordinary basis, and then it goes through
    /// <see cref="AccessGrants.WriteAsync{T}"/>: tried, and written only if it widens no child's team beyond what the
    /// caller may grant; otherwise nothing changes and it waits as a proposal for each widened child's lead (202).
    /// </summary>
    private static async Task<Results<Created<MergeResponse>, Accepted<ProposalResponse>, ValidationProblem>> Merge(MergeInput input, MergeService merges, CurrentUser user, CurrentPartnership partnership,
        ChildAccess access, AccessGrants grants, Core.Persistence.ChronicleDb db, CancellationToken ct)
    {
        var me = await user.RequireAsync(ct);
        var people = await Attribution.VisibleOrNobodyAsync(access, [input.SurvivorPersonId, input.MergedPersonId]);
        if (!await SeesEveryChildConcernedAsync(access, db, [.. people.OfType<Guid>()], ct)) people = [people[0], Guid.NewGuid()];
        var (survivor, merged) = (people[0] ?? Guid.Empty, people[1] ?? Guid.Empty);
        // A child merged into another record is seen by that record's team from then on: letting them in needs authority over the child.
        var children = await db.People.AsNoTracking().Where(p => (p.Id == survivor || p.Id == merged) && p.Kind != PersonKind.Adult).Select(p => p.Id).ToListAsync(ct);
        var granted = await grants.WriteAsync(GrantKind.Merge, [.. people.OfType<Guid>()],
            () => merges.MergeAsync(partnership.Id, survivor, merged, input.Reason, me.Professional?.Id, ct),
            m => new MergeInput(m.SurvivorPersonId, m.MergedPersonId, m.Reason),
            async m => $"Merge {await NameAsync(db, m.MergedPersonId, ct)} into {await NameAsync(db, m.SurvivorPersonId, ct)}: {m.Reason}", ct,
            moved: children.Count == 2 ? (merged, survivor) : null);
        return GrantResults.Of(granted, m => $"/api/people/{m.SurvivorPersonId}", MergeResponse.Of);
    }

    /// <summary>
    /// Undoes a merge: authorised against both people (each must be visible, and every child either concerns seen on
    /// an ordinary basis), and, since the rows that go back may widen the merged person's children's teams, through
    /// the same grant trial as a merge.
    /// </summary>
    private static async Task<Results<Ok<MergeResponse>, Accepted<ProposalResponse>, ValidationProblem>> Unmerge(UnmergeInput input, MergeService merges, CurrentUser user, CurrentPartnership partnership,
        ChildAccess access, AccessGrants grants, Core.Persistence.ChronicleDb db, CancellationToken ct)
    {
        var me = await user.RequireAsync(ct);
        if (input.MergeId is null) return ApiResults.Refused("mergeId", "Select the merge to undo");
        var merge = await db.Set<PersonMerge>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == input.MergeId && m.PartnershipId == partnership.Id, ct);
        if (merge is null || !(await access.MayWriteAboutAsync([merge.SurvivorPersonId, merge.MergedPersonId], ct)).All(a => a)
            || !await SeesEveryChildConcernedAsync(access, db, [merge.SurvivorPersonId, merge.MergedPersonId], ct))
            return ApiResults.Refused("mergeId", "There is no such merge");
        var granted = await grants.WriteAsync(GrantKind.Unmerge, [merge.SurvivorPersonId, merge.MergedPersonId],
            () => merges.UnmergeAsync(partnership.Id, merge.Id, input.Reason, me.Professional?.Id, ct),
            m => new UnmergeInput(m.Id, m.UnmergeReason),
            async m => $"Undo the merge of {await NameAsync(db, m.MergedPersonId, ct)} into {await NameAsync(db, m.SurvivorPersonId, ct)}: {m.UnmergeReason}", ct);
        if (granted.Proposal is { } proposal) return TypedResults.Accepted((string?)null, ProposalResponse.Of(proposal));
        return granted.Outcome!.Succeeded ? TypedResults.Ok(MergeResponse.Of(granted.Outcome.Value!)) : ApiResults.Refused(granted.Outcome.Errors);
    }

    private static async Task<string> NameAsync(Core.Persistence.ChronicleDb db, Guid personId, CancellationToken ct) =>
        (await db.People.AsNoTracking().FirstAsync(p => p.Id == personId, ct)).DisplayName;

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

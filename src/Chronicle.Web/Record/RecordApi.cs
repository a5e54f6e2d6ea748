using Chronicle.Core.Identity;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Security;
using Chronicle.Core.Validation;
using Chronicle.Web.Api;
using Chronicle.Web.Identity;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Record;

/// <summary>The record's API: agencies, teams, professionals, people, and the ties between people.</summary>
public static class RecordApi
{
    public static void MapRecordApi(this RouteGroupBuilder api)
    {
        var agencies = api.MapGroup("/agencies").WithTags("Agencies");
        agencies.MapPost("/", CreateAgency).WithIdempotency().Require(Permissions.Administer);
        agencies.MapGet("/", ListAgencies).Require(Permissions.SignedIn);
        agencies.MapGet("/{id:guid}", GetAgency).Require(Permissions.SignedIn);

        var teams = api.MapGroup("/teams").WithTags("Agencies");
        teams.MapPost("/", CreateTeam).WithIdempotency().Require(Permissions.Administer);
        teams.MapGet("/{id:guid}", GetTeam).Require(Permissions.SignedIn);

        var professionals = api.MapGroup("/professionals").WithTags("Professionals");
        professionals.MapPost("/", CreateProfessional).WithIdempotency().Require(Permissions.Administer);
        professionals.MapGet("/", ListProfessionals).Require(Permissions.SignedIn);
        professionals.MapGet("/{id:guid}", GetProfessional).Require(Permissions.SignedIn);

        var people = api.MapGroup("/people").WithTags("People");
        people.MapPost("/", CreatePerson).WithIdempotency().Require(Permissions.WriteRecord);
        people.MapGet("/{id:guid}", GetPerson).Require(Permissions.ReadPerson);
        people.MapGet("/{id:guid}/relationships", ListRelationships).Require(Permissions.ReadPerson);
        people.MapGet("/{id:guid}/addresses", ListAddresses).Require(Permissions.ReadPerson);
        people.MapGet("/{id:guid}/involvements", ListInvolvements).Require(Permissions.ReadPerson);

        api.MapPost("/relationships", AddRelationship).WithTags("People").WithIdempotency().Require(Permissions.WriteRecord);

        var households = api.MapGroup("/households").WithTags("Households");
        households.MapPost("/", CreateHousehold).WithIdempotency().Require(Permissions.WriteRecord);
        households.MapGet("/{id:guid}", GetHousehold).Require(Permissions.ReadHousehold);
        households.MapPost("/{id:guid}/members", AddMember).WithIdempotency().Require(Permissions.WriteRecord);

        api.MapPost("/addresses", ReportAddress).WithTags("Addresses").WithIdempotency().Require(Permissions.WriteRecord);

        var involvements = api.MapGroup("/involvements").WithTags("Involvements");
        involvements.MapPost("/", AddInvolvement).WithIdempotency().Require(Permissions.WriteRecord);
        involvements.MapPost("/{id:guid}/end", EndInvolvement).WithIdempotency().Require(Permissions.WriteRecord);

        // The accounts that sign in to the directory's professionals: administrators manage them.
        api.MapAccountsApi();
    }

    private static async Task<Results<Created<AgencyResponse>, ValidationProblem>> CreateAgency(AgencyInput input, RecordService record, CurrentPartnership partnership, CancellationToken ct) =>
        ApiResults.Created(await record.CreateAgencyAsync(partnership.Id, input, ct), a => $"/api/agencies/{a.Id}", AgencyResponse.Of);

    private static async Task<Ok<AgencyResponse[]>> ListAgencies(ChronicleDb db, CurrentPartnership partnership, CancellationToken ct) =>
        TypedResults.Ok((await db.Agencies.AsNoTracking().Where(a => a.PartnershipId == partnership.Id).OrderBy(a => a.Name).ToListAsync(ct)).Select(AgencyResponse.Of).ToArray());

    private static async Task<Results<Ok<AgencyResponse>, NotFound>> GetAgency(Guid id, ChronicleDb db, CurrentPartnership partnership, CancellationToken ct) =>
        Found(await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && a.PartnershipId == partnership.Id, ct), AgencyResponse.Of);

    private static async Task<Results<Created<TeamResponse>, ValidationProblem>> CreateTeam(TeamInput input, RecordService record, CurrentPartnership partnership, CancellationToken ct) =>
        ApiResults.Created(await record.CreateTeamAsync(partnership.Id, input, ct), t => $"/api/teams/{t.Id}", TeamResponse.Of);

    private static async Task<Results<Ok<TeamResponse>, NotFound>> GetTeam(Guid id, ChronicleDb db, CurrentPartnership partnership, CancellationToken ct) =>
        Found(await db.Teams.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id && db.Agencies.Any(a => a.Id == t.AgencyId && a.PartnershipId == partnership.Id), ct), TeamResponse.Of);

    private static async Task<Results<Created<ProfessionalResponse>, ValidationProblem>> CreateProfessional(ProfessionalInput input, RecordService record, CurrentPartnership partnership, CancellationToken ct) =>
        ApiResults.Created(await record.CreateProfessionalAsync(partnership.Id, input, ct), p => $"/api/professionals/{p.Id}", ProfessionalResponse.Of);

    private static async Task<Ok<ProfessionalResponse[]>> ListProfessionals(Guid? agencyId, ChronicleDb db, CurrentPartnership partnership, CancellationToken ct) =>
        TypedResults.Ok((await db.Professionals.AsNoTracking()
            .Where(p => p.PartnershipId == partnership.Id && (agencyId == null || p.AgencyId == agencyId)).OrderBy(p => p.Name).ToListAsync(ct))
            .Select(ProfessionalResponse.Of).ToArray());

    private static async Task<Results<Ok<ProfessionalResponse>, NotFound>> GetProfessional(Guid id, ChronicleDb db, CurrentPartnership partnership, CancellationToken ct) =>
        Found(await db.Professionals.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id && p.PartnershipId == partnership.Id, ct), ProfessionalResponse.Of);

    /// <summary>
    /// Creates a person after the duplicate check (docs/identity.md): when it offers people the user may see, the
    /// answer is 409 with them, and the user either uses one (POST /api/people/matches/use) or asks again with
    /// ?choice=new; either choice is recorded.
    /// </summary>
    private static async Task<Results<Created<PersonResponse>, Conflict<PersonMatches>, ValidationProblem, ProblemHttpResult>> CreatePerson(PersonInput input, string? choice, RecordService record, DuplicateCheck duplicates,
        IdentityService identity, CurrentPartnership partnership, CurrentUser user, ChildAccess access, CancellationToken ct)
    {
        var me = await user.RequireAsync(ct);
        if (Attribution.Recorder(me, input.CreatedByProfessionalId, "createdByProfessionalId") is { } wrong) return ApiResults.Refused([wrong]);
        if (choice is not (null or "new")) return ApiResults.Refused("choice", "The only choice is 'new': to use a person already on record, post to /api/people/matches/use");
        if (!await duplicates.MayCheckAsync(ct)) return IdentityApi.TooManyChecks();
        var (matches, offered) = await duplicates.CheckAsync(input, ct: ct);
        if (offered.Count > 0 && choice is null) return TypedResults.Conflict(matches);
        var outcome = await record.CreatePersonAsync(partnership.Id, input with { CreatedByProfessionalId = me.Professional!.Id }, ct);
        if (outcome.Succeeded)
        {
            await access.NoteWriteAboutAsync([outcome.Value!.Id], ct);
            if (offered.Count > 0) await identity.RecordChoiceAsync(partnership.Id, me.Professional.Id, MatchChoice.New, outcome.Value.Id, offered, ct);
        }
        return outcome.Succeeded ? TypedResults.Created($"/api/people/{outcome.Value!.Id}", PersonResponse.Of(outcome.Value)) : ApiResults.Refused(outcome.Errors);
    }

    private static async Task<Results<Ok<PersonResponse>, NotFound>> GetPerson(Guid id, ChronicleDb db, CurrentPartnership partnership, RecordAudit audit, ChildAccess access, CancellationToken ct)
    {
        var person = await db.People.AsNoTracking().Include(p => p.Identifiers).FirstOrDefaultAsync(p => p.Id == id && p.PartnershipId == partnership.Id, ct);
        if (person is null) return TypedResults.NotFound();
        await AuditReadAsync(id, audit, access, ct);
        return TypedResults.Ok(PersonResponse.Of(person));
    }

    private static async Task<Results<Ok<RelationshipResponse[]>, NotFound>> ListRelationships(Guid id, ChronicleDb db, CurrentPartnership partnership, RecordAudit audit, ChildAccess access, CancellationToken ct)
    {
        if (!await PersonExistsAsync(db, id, partnership.Id, ct)) return TypedResults.NotFound();
        var relationships = await db.Relationships.AsNoTracking().Where(r => r.PersonId == id || r.RelatedPersonId == id).OrderBy(r => r.RecordedAt).ToListAsync(ct);
        // The other person of each tie must be visible too: a tie to a child in another family says that child exists.
        var shown = new List<RelationshipResponse>();
        foreach (var r in relationships)
            if (await access.MaySeePersonAsync(r.PersonId == id ? r.RelatedPersonId : r.PersonId, ct)) shown.Add(RelationshipResponse.Of(r));
        await AuditReadAsync(id, audit, access, ct);
        return TypedResults.Ok(shown.ToArray());
    }

    private static async Task<Results<Ok<AddressResponse[]>, NotFound>> ListAddresses(Guid id, ChronicleDb db, CurrentPartnership partnership, RecordAudit audit, ChildAccess access, CancellationToken ct)
    {
        if (!await PersonExistsAsync(db, id, partnership.Id, ct)) return TypedResults.NotFound();
        var addresses = await db.AddressFacts.AsNoTracking().Where(a => a.PersonId == id).ToListAsync(ct);
        await AuditReadAsync(id, audit, access, ct);
        return TypedResults.Ok(addresses.OrderBy(a => a.RecordedAt).Select(AddressResponse.Of).ToArray());
    }

    private static async Task<Results<Ok<InvolvementResponse[]>, NotFound>> ListInvolvements(Guid id, ChronicleDb db, CurrentPartnership partnership, RecordAudit audit, ChildAccess access, CancellationToken ct)
    {
        if (!await PersonExistsAsync(db, id, partnership.Id, ct)) return TypedResults.NotFound();
        var involvements = await db.Involvements.AsNoTracking().Where(i => i.PersonId == id).OrderBy(i => i.From).ToListAsync(ct);
        await AuditReadAsync(id, audit, access, ct);
        return TypedResults.Ok(involvements.Select(InvolvementResponse.Of).ToArray());
    }

    private static async Task<Results<Created<RelationshipResponse>, Accepted<ProposalResponse>, ValidationProblem>> AddRelationship(
        RelationshipInput input, RecordService record, AccessGrants grants, ChronicleDb db, CurrentPartnership partnership, CurrentUser user, ChildAccess access, CancellationToken ct)
    {
        var me = await user.RequireAsync(ct);
        if (Attribution.Agency(me, input.RecordedByAgencyId, "recordedByAgencyId") is { } agency) return ApiResults.Refused([agency]);
        var people = await Attribution.VisibleOrNobodyAsync(access, [input.PersonId, input.RelatedPersonId]);
        var attributed = input with { PersonId = people[0], RelatedPersonId = people[1], RecordedByAgencyId = me.Agency!.Id };
        // A parent or carer brings the professionals working with them into the child's team: that needs authority.
        var granted = await grants.WriteAsync(GrantKind.Relationship, people.OfType<Guid>().ToList(), () => record.AddRelationshipAsync(partnership.Id, attributed, ct),
            _ => attributed, async r => $"{await NameAsync(db, r.PersonId, ct)} is the {Core.Chronology.Labels.Of(r.Kind).ToLowerInvariant()} of {await NameAsync(db, r.RelatedPersonId, ct)}", ct);
        return GrantResults.Of(granted, r => $"/api/people/{r.PersonId}/relationships", RelationshipResponse.Of);
    }

    private static async Task<Results<Created<HouseholdResponse>, Accepted<ProposalResponse>, ValidationProblem>> CreateHousehold(
        HouseholdInput input, RecordService record, AccessGrants grants, ChronicleDb db, CurrentPartnership partnership, CurrentUser user, ChildAccess access, CancellationToken ct)
    {
        var me = await user.RequireAsync(ct);
        var members = input.Members ?? [];
        var refused = members.Select((m, i) => Attribution.Agency(me, m?.ReportedByAgencyId, $"members[{i}].reportedByAgencyId")).OfType<FieldError>().ToList();
        if (refused.Count > 0) return ApiResults.Refused(refused);
        var people = await Attribution.VisibleOrNobodyAsync(access, [.. members.Select(m => m?.PersonId)]);
        var attributed = input with { Members = input.Members is null ? null : [.. members.Select((m, i) => m is null ? m! : m with { PersonId = people[i], ReportedByAgencyId = me.Agency!.Id })] };
        // Living together brings the adults' professionals into the children's teams: that needs authority.
        var granted = await grants.WriteAsync(GrantKind.HouseholdMembership, people.OfType<Guid>().ToList(), () => record.CreateHouseholdAsync(partnership.Id, attributed, ct),
            _ => attributed, async h => $"A new household, {h.Name}, with {string.Join(", ", await NamesAsync(db, h.Members.Select(m => m.PersonId), ct))} living in it", ct);
        return GrantResults.Of(granted, h => $"/api/households/{h.Id}", HouseholdResponse.Of);
    }

    private static async Task<Results<Ok<HouseholdResponse>, NotFound>> GetHousehold(Guid id, ChronicleDb db, CurrentPartnership partnership, RecordAudit audit, ChildAccess access, CancellationToken ct)
    {
        var household = await db.Households.AsNoTracking().Include(h => h.Members).FirstOrDefaultAsync(h => h.Id == id && h.PartnershipId == partnership.Id, ct);
        if (household is null) return TypedResults.NotFound();
        var shown = new List<HouseholdMembership>();
        foreach (var m in household.Members)
            if (await access.MaySeePersonAsync(m.PersonId, ct)) shown.Add(m);
        household.Members = shown;
        var children = new HashSet<Guid>();
        foreach (var person in shown.Select(m => m.PersonId).Distinct())
            if (await access.ThroughChildAsync(person, ct) is { } through) children.Add(through.ChildId);
        await audit.ReadAsync(children, ct: ct);
        return TypedResults.Ok(HouseholdResponse.Of(household));
    }

    private static async Task<Results<Created<MemberResponse>, Accepted<ProposalResponse>, NotFound, ValidationProblem>> AddMember(
        Guid id, MemberInput input, RecordService record, AccessGrants grants, ChronicleDb db, CurrentPartnership partnership, CurrentUser user, ChildAccess access, CancellationToken ct)
    {
        var me = await user.RequireAsync(ct);
        if (!await access.MaySeeHouseholdAsync(id, ct)) return TypedResults.NotFound();
        if (Attribution.Agency(me, input.ReportedByAgencyId, "reportedByAgencyId") is { } agency) return ApiResults.Refused([agency]);
        var person = await Attribution.VisibleOrNobodyAsync(access, input.PersonId);
        var attributed = input with { PersonId = person, ReportedByAgencyId = me.Agency!.Id };
        var housemates = await db.HouseholdMemberships.AsNoTracking().Where(m => m.HouseholdId == id).Select(m => m.PersonId).Distinct().ToListAsync(ct);
        var granted = await grants.WriteAsync(GrantKind.HouseholdMembership, [.. housemates, .. person is { } p ? new[] { p } : []],
            () => record.AddHouseholdMemberAsync(partnership.Id, id, attributed, ct),
            m => new MembershipPayload(id, m.PersonId, m.From, m.To, m.ReportedByAgencyId),
            async m => $"{await NameAsync(db, m.PersonId, ct)} lives in the household {await db.Households.Where(h => h.Id == id).Select(h => h.Name).FirstAsync(ct)}", ct);
        if (granted.Proposal is { } proposal) return TypedResults.Accepted((string?)null, ProposalResponse.Of(proposal));
        var outcome = granted.Outcome!;
        return outcome.Succeeded ? TypedResults.Created($"/api/households/{id}", MemberResponse.Of(outcome.Value!)) : ApiResults.Refused(outcome.Errors);
    }

    private static async Task<Results<Created<AddressResponse>, ValidationProblem>> ReportAddress(AddressInput input, RecordService record, CurrentPartnership partnership, CurrentUser user, ChildAccess access, CancellationToken ct)
    {
        var me = await user.RequireAsync(ct);
        var refused = new[] { Attribution.Agency(me, input.ReportedByAgencyId, "reportedByAgencyId"), Attribution.Recorder(me, input.ReportedByProfessionalId, "reportedByProfessionalId") }
            .OfType<FieldError>().ToList();
        if (refused.Count > 0) return ApiResults.Refused(refused);
        var person = await Attribution.VisibleOrNobodyAsync(access, input.PersonId);
        var attributed = input with { PersonId = person, ReportedByAgencyId = me.Agency!.Id, ReportedByProfessionalId = me.Professional!.Id };
        return ApiResults.Created(await record.ReportAddressAsync(partnership.Id, attributed, ct), a => $"/api/people/{a.PersonId}/addresses", AddressResponse.Of);
    }

    private static async Task<Results<Created<InvolvementResponse>, Accepted<ProposalResponse>, ValidationProblem>> AddInvolvement(
        InvolvementInput input, RecordService record, AccessGrants grants, ChronicleDb db, CurrentPartnership partnership, ChildAccess access, CancellationToken ct)
    {
        var person = await Attribution.VisibleOrNobodyAsync(access, input.PersonId);
        var attributed = input with { PersonId = person };
        // Working with someone in a child's case puts the professional in the child's team (and a lead, in charge of it): that needs authority.
        var granted = await grants.WriteAsync(GrantKind.Involvement, person is { } p ? [p] : [], () => record.AddInvolvementAsync(partnership.Id, attributed, ct),
            _ => attributed, async i => $"{await WhoAsync(db, i.ProfessionalId, i.AgencyId, ct)} to work with {await NameAsync(db, i.PersonId, ct)} as {i.Role}{(i.IsLead ? ", as lead professional" : "")}", ct);
        return GrantResults.Of(granted, i => $"/api/people/{i.PersonId}/involvements", InvolvementResponse.Of);
    }

    private static async Task<Results<Ok<InvolvementResponse>, NotFound, ValidationProblem, ProblemHttpResult>> EndInvolvement(
        Guid id, EndInvolvementInput input, RecordService record, AccessGrants grants, ChronicleDb db, CurrentPartnership partnership, ChildAccess access, RecordAudit audit, CancellationToken ct)
    {
        var involvement = await db.Involvements.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id && i.PartnershipId == partnership.Id, ct);
        if (involvement is null || !(await access.MayWriteAboutAsync([involvement.PersonId], ct))[0]) return TypedResults.NotFound();
        // Ending an involvement takes someone out of the team: emergency access reads and records, it does not change the team.
        if (await EmergencyAccess.OnlyThroughBreakGlassAsync(access, [involvement.PersonId], ct))
        {
            await audit.DeniedAsync([.. await Family.ChildrenConcernedAsync(db, [involvement.PersonId], ct)], "ending an involvement, through break glass", ct);
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: NotThroughBreakGlassHandler.Refused);
        }
        // Ending one's own work changes nobody else's access; ending anyone else's (a colleague's in one's own agency
        // too), or changing who leads, needs the authority to grant access to each child it changes.
        var effective = new[] { input.To, involvement.To }.OfType<DateOnly>().Select(d => d.AddDays(1));
        var outcome = await grants.WriteNarrowingAsync([involvement.PersonId], effective, () => record.EndInvolvementAsync(partnership.Id, id, input.To, ct),
            new FieldError("involvementId", "Only the child's lead professional or the manager of the lead's team can end this involvement: it would take someone else out of the team around the child, or change who leads it. You can end your own"), ct);
        return outcome.Succeeded ? TypedResults.Ok(InvolvementResponse.Of(outcome.Value!)) : ApiResults.Refused(outcome.Errors);
    }

    private static async Task<string> NameAsync(ChronicleDb db, Guid personId, CancellationToken ct) =>
        (await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, ct))?.DisplayName ?? "someone not on record";

    private static async Task<IReadOnlyList<string>> NamesAsync(ChronicleDb db, IEnumerable<Guid> people, CancellationToken ct)
    {
        var names = new List<string>();
        foreach (var person in people.Distinct()) names.Add(await NameAsync(db, person, ct));
        return names;
    }

    private static async Task<string> WhoAsync(ChronicleDb db, Guid? professionalId, Guid agencyId, CancellationToken ct) =>
        professionalId is { } p && await db.Professionals.AsNoTracking().Where(x => x.Id == p).Select(x => x.Name).FirstOrDefaultAsync(ct) is { } name
            ? name
            : await db.Agencies.AsNoTracking().Where(a => a.Id == agencyId).Select(a => a.Name).FirstOrDefaultAsync(ct) ?? "an agency";

    private static Task<bool> PersonExistsAsync(ChronicleDb db, Guid id, Guid partnershipId, CancellationToken ct) =>
        db.People.AnyAsync(p => p.Id == id && p.PartnershipId == partnershipId, ct);

    /// <summary>A read of a person is a read of the record of the child through whom they are seen.</summary>
    private static async Task AuditReadAsync(Guid personId, RecordAudit audit, ChildAccess access, CancellationToken ct) =>
        await audit.ReadAsync([.. (await access.ThroughChildrenAsync(personId, ct)).Select(c => c.ChildId)], ct: ct);

    private static Results<Ok<TResponse>, NotFound> Found<T, TResponse>(T? found, Func<T, TResponse> response) where T : class =>
        found is null ? TypedResults.NotFound() : TypedResults.Ok(response(found));
}

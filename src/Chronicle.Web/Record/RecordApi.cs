using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Web.Api;
using Chronicle.Web.Partnerships;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Record;

/// <summary>The record's API: agencies, teams, professionals, people, and the ties between people.</summary>
public static class RecordApi
{
    public static void MapRecordApi(this RouteGroupBuilder api)
    {
        var agencies = api.MapGroup("/agencies").WithTags("Agencies");
        agencies.MapPost("/", CreateAgency).WithIdempotency();
        agencies.MapGet("/", ListAgencies);
        agencies.MapGet("/{id:guid}", GetAgency);

        var teams = api.MapGroup("/teams").WithTags("Agencies");
        teams.MapPost("/", CreateTeam).WithIdempotency();
        teams.MapGet("/{id:guid}", GetTeam);

        var professionals = api.MapGroup("/professionals").WithTags("Professionals");
        professionals.MapPost("/", CreateProfessional).WithIdempotency();
        professionals.MapGet("/", ListProfessionals);
        professionals.MapGet("/{id:guid}", GetProfessional);

        var people = api.MapGroup("/people").WithTags("People");
        people.MapPost("/", CreatePerson).WithIdempotency();
        people.MapGet("/{id:guid}", GetPerson);
        people.MapGet("/{id:guid}/relationships", ListRelationships);
        people.MapGet("/{id:guid}/addresses", ListAddresses);
        people.MapGet("/{id:guid}/involvements", ListInvolvements);

        api.MapPost("/relationships", AddRelationship).WithTags("People").WithIdempotency();

        var households = api.MapGroup("/households").WithTags("Households");
        households.MapPost("/", CreateHousehold).WithIdempotency();
        households.MapGet("/{id:guid}", GetHousehold);
        households.MapPost("/{id:guid}/members", AddMember).WithIdempotency();

        api.MapPost("/addresses", ReportAddress).WithTags("Addresses").WithIdempotency();

        var involvements = api.MapGroup("/involvements").WithTags("Involvements");
        involvements.MapPost("/", AddInvolvement).WithIdempotency();
        involvements.MapPost("/{id:guid}/end", EndInvolvement).WithIdempotency();
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

    private static async Task<Results<Created<PersonResponse>, ValidationProblem>> CreatePerson(PersonInput input, RecordService record, CurrentPartnership partnership, CancellationToken ct) =>
        ApiResults.Created(await record.CreatePersonAsync(partnership.Id, input, ct), p => $"/api/people/{p.Id}", PersonResponse.Of);

    private static async Task<Results<Ok<PersonResponse>, NotFound>> GetPerson(Guid id, ChronicleDb db, CurrentPartnership partnership, CancellationToken ct) =>
        Found(await db.People.AsNoTracking().Include(p => p.Identifiers).FirstOrDefaultAsync(p => p.Id == id && p.PartnershipId == partnership.Id, ct), PersonResponse.Of);

    private static async Task<Results<Ok<RelationshipResponse[]>, NotFound>> ListRelationships(Guid id, ChronicleDb db, CurrentPartnership partnership, CancellationToken ct)
    {
        if (!await PersonExistsAsync(db, id, partnership.Id, ct)) return TypedResults.NotFound();
        var relationships = await db.Relationships.AsNoTracking().Where(r => r.PersonId == id || r.RelatedPersonId == id).OrderBy(r => r.RecordedAt).ToListAsync(ct);
        return TypedResults.Ok(relationships.Select(RelationshipResponse.Of).ToArray());
    }

    private static async Task<Results<Ok<AddressResponse[]>, NotFound>> ListAddresses(Guid id, ChronicleDb db, CurrentPartnership partnership, CancellationToken ct)
    {
        if (!await PersonExistsAsync(db, id, partnership.Id, ct)) return TypedResults.NotFound();
        var addresses = await db.AddressFacts.AsNoTracking().Where(a => a.PersonId == id).ToListAsync(ct);
        return TypedResults.Ok(addresses.OrderBy(a => a.RecordedAt).Select(AddressResponse.Of).ToArray());
    }

    private static async Task<Results<Ok<InvolvementResponse[]>, NotFound>> ListInvolvements(Guid id, ChronicleDb db, CurrentPartnership partnership, CancellationToken ct)
    {
        if (!await PersonExistsAsync(db, id, partnership.Id, ct)) return TypedResults.NotFound();
        var involvements = await db.Involvements.AsNoTracking().Where(i => i.PersonId == id).OrderBy(i => i.From).ToListAsync(ct);
        return TypedResults.Ok(involvements.Select(InvolvementResponse.Of).ToArray());
    }

    private static async Task<Results<Created<RelationshipResponse>, ValidationProblem>> AddRelationship(RelationshipInput input, RecordService record, CurrentPartnership partnership, CancellationToken ct) =>
        ApiResults.Created(await record.AddRelationshipAsync(partnership.Id, input, ct), r => $"/api/people/{r.PersonId}/relationships", RelationshipResponse.Of);

    private static async Task<Results<Created<HouseholdResponse>, ValidationProblem>> CreateHousehold(HouseholdInput input, RecordService record, CurrentPartnership partnership, CancellationToken ct) =>
        ApiResults.Created(await record.CreateHouseholdAsync(partnership.Id, input, ct), h => $"/api/households/{h.Id}", HouseholdResponse.Of);

    private static async Task<Results<Ok<HouseholdResponse>, NotFound>> GetHousehold(Guid id, ChronicleDb db, CurrentPartnership partnership, CancellationToken ct) =>
        Found(await db.Households.AsNoTracking().Include(h => h.Members).FirstOrDefaultAsync(h => h.Id == id && h.PartnershipId == partnership.Id, ct), HouseholdResponse.Of);

    private static async Task<Results<Created<MemberResponse>, NotFound, ValidationProblem>> AddMember(Guid id, MemberInput input, RecordService record, ChronicleDb db, CurrentPartnership partnership, CancellationToken ct)
    {
        if (!await db.Households.AnyAsync(h => h.Id == id && h.PartnershipId == partnership.Id, ct)) return TypedResults.NotFound();
        var outcome = await record.AddHouseholdMemberAsync(partnership.Id, id, input, ct);
        return outcome.Succeeded ? TypedResults.Created($"/api/households/{id}", MemberResponse.Of(outcome.Value!)) : ApiResults.Refused(outcome.Errors);
    }

    private static async Task<Results<Created<AddressResponse>, ValidationProblem>> ReportAddress(AddressInput input, RecordService record, CurrentPartnership partnership, CancellationToken ct) =>
        ApiResults.Created(await record.ReportAddressAsync(partnership.Id, input, ct), a => $"/api/people/{a.PersonId}/addresses", AddressResponse.Of);

    private static async Task<Results<Created<InvolvementResponse>, ValidationProblem>> AddInvolvement(InvolvementInput input, RecordService record, CurrentPartnership partnership, CancellationToken ct) =>
        ApiResults.Created(await record.AddInvolvementAsync(partnership.Id, input, ct), i => $"/api/people/{i.PersonId}/involvements", InvolvementResponse.Of);

    private static async Task<Results<Ok<InvolvementResponse>, NotFound, ValidationProblem>> EndInvolvement(Guid id, EndInvolvementInput input, RecordService record, ChronicleDb db, CurrentPartnership partnership, CancellationToken ct)
    {
        if (!await db.Involvements.AnyAsync(i => i.Id == id && i.PartnershipId == partnership.Id, ct)) return TypedResults.NotFound();
        var outcome = await record.EndInvolvementAsync(partnership.Id, id, input.To, ct);
        return outcome.Succeeded ? TypedResults.Ok(InvolvementResponse.Of(outcome.Value!)) : ApiResults.Refused(outcome.Errors);
    }

    private static Task<bool> PersonExistsAsync(ChronicleDb db, Guid id, Guid partnershipId, CancellationToken ct) =>
        db.People.AnyAsync(p => p.Id == id && p.PartnershipId == partnershipId, ct);

    private static Results<Ok<TResponse>, NotFound> Found<T, TResponse>(T? found, Func<T, TResponse> response) where T : class =>
        found is null ? TypedResults.NotFound() : TypedResults.Ok(response(found));
}

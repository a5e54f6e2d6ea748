using Chronicle.Core.Chronology;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Time;
using Chronicle.Web.Api;
using Chronicle.Web.Children;
using Chronicle.Web.Partnerships;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Chronology;

/// <summary>The chronology's API: recording and correcting entries, and reading a child's chronology.</summary>
public static class ChronologyApi
{
    public static void MapChronologyApi(this RouteGroupBuilder api)
    {
        var entries = api.MapGroup("/entries").WithTags("Chronology");
        // ChronologyService writes in its own transaction and also dedupes on the key.
        entries.MapPost("/", RecordEntry).WithIdempotency(joinTransaction: false);
        entries.MapGet("/{id:guid}", GetEntry);
        entries.MapPost("/{id:guid}/corrections", CorrectEntry).WithIdempotency(joinTransaction: false);

        var children = api.MapGroup("/children").WithTags("Children");
        children.MapGet("/", ListChildren);
        children.MapGet("/{id:guid}/chronology", ReadChronology);
    }

    private static async Task<Results<Created<EntryResponse>, ValidationProblem>> RecordEntry(
        EntryInput input, HttpRequest request, ChronologyService chronology, CurrentPartnership partnership, CancellationToken ct)
    {
        var keyed = WithHeaderKey(input, request, "idempotencyKey");
        if (!keyed.Succeeded) return ApiResults.Refused(keyed.Errors);
        return ApiResults.Created(await chronology.RecordAsync(partnership.Id, keyed.Value!, ct), e => $"/api/entries/{e.Id}", EntryResponse.Of);
    }

    private static async Task<Results<Created<EntryResponse>, NotFound, ValidationProblem>> CorrectEntry(
        Guid id, CorrectionInput input, HttpRequest request, ChronologyService chronology, ChronicleDb db, CurrentPartnership partnership, CancellationToken ct)
    {
        if (!await db.Entries.AnyAsync(e => e.Id == id && e.PartnershipId == partnership.Id, ct)) return TypedResults.NotFound();
        var keyed = WithHeaderKey(input.Entry, request, "entry.idempotencyKey");
        if (!keyed.Succeeded) return ApiResults.Refused(keyed.Errors);
        var outcome = await chronology.CorrectAsync(partnership.Id, id, input with { Entry = keyed.Value! }, ct);
        return outcome.Succeeded ? TypedResults.Created($"/api/entries/{outcome.Value!.Id}", EntryResponse.Of(outcome.Value)) : ApiResults.Refused(outcome.Errors);
    }

    private static async Task<Results<Ok<ChronologyItemResponse>, NotFound>> GetEntry(Guid id, ChronicleDb db, CurrentPartnership partnership, CancellationToken ct)
    {
        var entry = await db.Entries.AsNoTracking().Include(e => e.Subjects).FirstOrDefaultAsync(e => e.Id == id && e.PartnershipId == partnership.Id, ct);
        if (entry is null) return TypedResults.NotFound();
        var names = await ChronologyReader.NamesAsync(db, partnership.Id, ct);
        var correction = await db.Entries.AsNoTracking().Where(e => e.SupersedesEntryId == id).Select(e => new { e.Id, e.CorrectionReason }).FirstOrDefaultAsync(ct);
        var details = DetailsReader.ReadStored(entry.Kind, entry.Details);
        var item = new ChronologyItem(entry, details, EntryKinds.Find(entry.Kind)!.Label, EntrySummary.Of(details, names),
            names.Professional(entry.RecordedByProfessionalId), names.Agency(entry.RecordedByAgencyId), [.. entry.Subjects.Select(s => names.Person(s.PersonId))],
            correction?.Id, correction?.CorrectionReason);
        return TypedResults.Ok(ChronologyItemResponse.Of(item));
    }

    private static async Task<Ok<ChildSummary[]>> ListChildren(ChronicleDb db, CurrentPartnership partnership, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok((await ChildList.ForPartnershipAsync(db, partnership.Id, WorkingDayCalendar.UkDate(clock.GetUtcNow()), ct)).ToArray());

    private static async Task<Results<Ok<ChronologyItemResponse[]>, NotFound, ValidationProblem>> ReadChronology(
        Guid id, string? agencyId, string? kind, string? from, string? to, ChronicleDb db, CurrentPartnership partnership, CancellationToken ct)
    {
        if (!await db.People.AnyAsync(p => p.Id == id && p.PartnershipId == partnership.Id && p.Kind != PersonKind.Adult, ct)) return TypedResults.NotFound();
        var filter = FilterInput.Parse(agencyId, kind, from, to);
        if (!filter.Succeeded) return ApiResults.Refused(filter.Errors);
        var items = await ChronologyReader.ForChildAsync(db, partnership.Id, id, filter.Value, ct);
        return TypedResults.Ok(items.Select(ChronologyItemResponse.Of).ToArray());
    }

    /// <summary>The Idempotency-Key header is the entry's key too, so that ChronologyService dedupes a retry it has already written.</summary>
    private static Core.Validation.Outcome<EntryInput> WithHeaderKey(EntryInput input, HttpRequest request, string field)
    {
        var header = request.Headers[Idempotency.Header].ToString();
        if (header.Length == 0) return Core.Validation.Outcome<EntryInput>.Ok(input);
        if (input.IdempotencyKey is { Length: > 0 } body && body != header)
            return Core.Validation.Outcome<EntryInput>.Refused(field, "The idempotency key in the body is not the one in the Idempotency-Key header: send one key");
        return Core.Validation.Outcome<EntryInput>.Ok(input with { IdempotencyKey = header });
    }
}

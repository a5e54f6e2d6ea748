using Chronicle.Core.Chronology;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Time;
using Chronicle.Web.Api;
using Chronicle.Web.Children;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
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
        entries.MapPost("/", RecordEntry).WithIdempotency(joinTransaction: false).Require(Permissions.WriteRecord);
        entries.MapGet("/{id:guid}", GetEntry).Require(Permissions.ReadEntry);
        entries.MapPost("/{id:guid}/corrections", CorrectEntry).WithIdempotency(joinTransaction: false).Require(Permissions.WriteRecord);

        var children = api.MapGroup("/children").WithTags("Children");
        children.MapGet("/", ListChildren).Require(Permissions.ListChildren);
        children.MapGet("/{id:guid}/chronology", ReadChronology).Require(Permissions.ReadChild);
    }

    private static async Task<Results<Created<EntryResponse>, ValidationProblem, ProblemHttpResult>> RecordEntry(
        EntryInput input, HttpRequest request, ChronologyService chronology, ChronicleDb db, CurrentPartnership partnership, CurrentUser user, ChildAccess access, RecordAudit audit, CancellationToken ct)
    {
        if (await EmergencyAccess.WouldActOnCaseAsync(access, db, input.Kind, input.Subjects ?? [], input.Details, ct)) return await NotThroughBreakGlassAsync(audit, input.Subjects ?? [], ct);
        var keyed = WithHeaderKey(input, request, "idempotencyKey");
        if (!keyed.Succeeded) return ApiResults.Refused(keyed.Errors);
        var attributed = await AttributeAsync(keyed.Value!, "", user, access, ct);
        if (!attributed.Succeeded) return ApiResults.Refused(attributed.Errors);
        var outcome = await chronology.RecordAsync(partnership.Id, attributed.Value!, ct);
        return outcome.Succeeded ? TypedResults.Created($"/api/entries/{outcome.Value!.Id}", EntryResponse.Of(outcome.Value)) : ApiResults.Refused(outcome.Errors);
    }

    private static async Task<Results<Created<EntryResponse>, NotFound, ValidationProblem, ProblemHttpResult>> CorrectEntry(
        Guid id, CorrectionInput input, HttpRequest request, ChronologyService chronology, ChronicleDb db, CurrentPartnership partnership, CurrentUser user, ChildAccess access, RecordAudit audit, CancellationToken ct)
    {
        var original = await db.Entries.AsNoTracking().Include(e => e.Subjects).FirstOrDefaultAsync(e => e.Id == id && e.PartnershipId == partnership.Id, ct);
        if (original is null || await access.EntryAsync(original, ct) is null) return TypedResults.NotFound();
        if (await EmergencyAccess.WouldActOnCaseAsync(access, db, original.Kind, [.. original.Subjects.Select(s => s.PersonId)], null, ct)
            || await EmergencyAccess.WouldActOnCaseAsync(access, db, input.Entry.Kind, input.Entry.Subjects ?? [], input.Entry.Details, ct)
            || await EmergencyAccess.WouldRewriteAsync(access, original.RecordedByProfessionalId, original.Subjects.Select(s => s.PersonId), (await user.RequireAsync(ct)).Professional?.Id, ct))
            return await NotThroughBreakGlassAsync(audit, [.. original.Subjects.Select(s => s.PersonId)], ct);
        if ((await access.HiddenPeopleInAsync([original], ct)).Count > 0)
            return ApiResults.Refused([Corrections.NamesHiddenPeople("id")]);
        var keyed = WithHeaderKey(input.Entry, request, "entry.idempotencyKey");
        if (!keyed.Succeeded) return ApiResults.Refused(keyed.Errors);
        var attributed = await AttributeAsync(keyed.Value!, "entry.", user, access, ct);
        if (!attributed.Succeeded) return ApiResults.Refused(attributed.Errors);
        var outcome = await chronology.CorrectAsync(partnership.Id, id, input with { Entry = attributed.Value! }, ct);
        return outcome.Succeeded ? TypedResults.Created($"/api/entries/{outcome.Value!.Id}", EntryResponse.Of(outcome.Value)) : ApiResults.Refused(outcome.Errors);
    }

    /// <summary>An entry that would act on the case of a child seen only through break glass: 403, as the team's own routes answer it.</summary>
    private static async Task<ProblemHttpResult> NotThroughBreakGlassAsync(RecordAudit audit, IReadOnlyCollection<Guid> about, CancellationToken ct)
    {
        await audit.DeniedAsync(about, "an entry acting on the case, through break glass", ct);
        return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: NotThroughBreakGlassHandler.Refused);
    }

    /// <summary>The entry as recorded by the signed-in professional, about people they may see; or why not.</summary>
    private static async Task<Core.Validation.Outcome<EntryInput>> AttributeAsync(EntryInput input, string prefix, CurrentUser user, ChildAccess access, CancellationToken ct)
    {
        var me = await user.RequireAsync(ct);
        if (Attribution.Recorder(me, input.RecordedByProfessionalId, $"{prefix}recordedByProfessionalId") is { } recorder)
            return Core.Validation.Outcome<EntryInput>.Refused([recorder]);
        // The children the write concerns are kept for the audit by ChronologyService's gate, which asks of the same subjects.
        var subjects = await Attribution.VisibleOrNobodyAsync(access, [.. (input.Subjects ?? []).Select(s => (Guid?)s)], noteWrite: false);
        return Core.Validation.Outcome<EntryInput>.Ok(input with { RecordedByProfessionalId = me.Professional!.Id, Subjects = [.. subjects.Select(s => s!.Value)] });
    }

    private static async Task<Results<Ok<ChronologyItemResponse>, NotFound>> GetEntry(Guid id, ChronicleDb db, CurrentPartnership partnership, ChildAccess access, RecordAudit audit, CancellationToken ct)
    {
        var entry = await db.Entries.AsNoTracking().Include(e => e.Subjects).FirstOrDefaultAsync(e => e.Id == id && e.PartnershipId == partnership.Id, ct);
        if (entry is null || await access.EntryAsync(entry, ct) is not { } through) return TypedResults.NotFound();
        await audit.ReadAsync([through.ChildId], ct: ct);
        var hidden = await access.HiddenPeopleInAsync([entry], ct);
        var details = DetailsReader.ReadStored(entry.Kind, entry.Details);
        var names = (await ChronologyReader.NamesInAsync(db, partnership.Id, [(entry, details)], ct)).Withholding(hidden);
        var correction = await db.Entries.AsNoTracking().Include(e => e.Subjects).FirstOrDefaultAsync(e => e.SupersedesEntryId == id, ct);
        // A correction the reader may not see still marks the entry corrected, without its reason (as the chronology shows it).
        var reason = correction is null ? null : await access.EntryAsync(correction, ct) is null ? "corrected in an entry you cannot see" : correction.CorrectionReason;
        var item = new ChronologyItem(entry, details, EntryKinds.Find(entry.Kind)!.Label, EntrySummary.Of(details, names),
            names.Professional(entry.RecordedByProfessionalId), names.Agency(entry.RecordedByAgencyId), [.. entry.Subjects.Select(s => names.Person(s.PersonId))],
            correction?.Id, reason)
        { Withheld = hidden };
        return TypedResults.Ok(ChronologyItemResponse.Of(item));
    }

    private static async Task<Ok<ChildSummary[]>> ListChildren(ChronicleDb db, CurrentPartnership partnership, ChildAccess access, RecordAudit audit, TimeProvider clock, CancellationToken ct)
    {
        var children = await ChildList.ForPartnershipAsync(db, access, partnership.Id, WorkingDayCalendar.UkDate(clock.GetUtcNow()), ct);
        await audit.AppendAsync(Core.Audit.AuditAction.Read, detail: $"list of {children.Count} children", ct: ct);
        return TypedResults.Ok(children.ToArray());
    }

    /// <summary>How many entries a page of the chronology API holds unless the caller asks for another size, and at most.</summary>
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 500;

    /// <summary>
    /// A page of the child's chronology, oldest first (<c>page</c> from 1, <c>pageSize</c> up to 500, 100 unless
    /// given): the total is in <c>X-Total-Count</c> and the neighbouring pages in a <c>Link</c> header, so a long
    /// chronology is read a page at a time and only the page's details and names are read.
    /// </summary>
    private static async Task<Results<Ok<ChronologyItemResponse[]>, NotFound, ValidationProblem>> ReadChronology(
        Guid id, string? agencyId, string? kind, string? from, string? to, string? page, string? pageSize, HttpContext http,
        ChronicleDb db, CurrentPartnership partnership, ChildAccess access, RecordAudit audit, CancellationToken ct)
    {
        if (await access.ChildAsync(id, ct) is not { } child) return TypedResults.NotFound();
        var filter = FilterInput.Parse(agencyId, kind, from, to);
        var problems = new Core.Validation.Problems();
        var number = PositiveNumber(page, 1, int.MaxValue, "page", "Page must be a whole number from 1", problems);
        var size = PositiveNumber(pageSize, DefaultPageSize, MaxPageSize, "pageSize", $"Page size must be a whole number from 1 to {MaxPageSize}", problems);
        if (!filter.Succeeded || problems.Any) return ApiResults.Refused([.. filter.Errors, .. problems.Errors]);
        var visible = await VisibleChronology.EntriesAsync(db, access, child, partnership.Id, filter.Value, ct);
        var total = visible.Entries.Count;
        var items = await visible.ItemsAsync(visible.Entries.Skip((int)Math.Min((long)(number - 1) * size, int.MaxValue)).Take(size), ct);
        http.Response.Headers["X-Total-Count"] = total.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var links = new List<string>();
        string Link(int to, string rel) =>
            $"<{http.Request.PathBase}{http.Request.Path}{QueryString.Create(http.Request.Query.Where(q => q.Key is not "page").SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v))).Append(new("page", to.ToString(System.Globalization.CultureInfo.InvariantCulture))))}>; rel=\"{rel}\"";
        if (number > 1 && total > 0) links.Add(Link(Math.Min(number - 1, (total + size - 1) / size), "prev"));
        if ((long)number * size < total) links.Add(Link(number + 1, "next"));
        if (links.Count > 0) http.Response.Headers.Link = string.Join(", ", links);
        await audit.ReadAsync([id], ct: ct);
        return TypedResults.Ok(items.Select(ChronologyItemResponse.Of).ToArray());
    }

    private static int PositiveNumber(string? text, int fallback, int max, string field, string message, Core.Validation.Problems problems)
    {
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= max) return n;
        problems.Add(field, message);
        return fallback;
    }

    /// <summary>
    /// The Idempotency-Key header is the caller's, for this operation, and is kept by WriteTransactionFilter with the
    /// write; a key in the body is the entry's own (its recorder's) and, if both are sent, must be the same.
    /// </summary>
    private static Core.Validation.Outcome<EntryInput> WithHeaderKey(EntryInput input, HttpRequest request, string field)
    {
        var header = request.Headers[Idempotency.Header].ToString();
        if (header.Length == 0) return Core.Validation.Outcome<EntryInput>.Ok(input);
        if (input.IdempotencyKey is { Length: > 0 } body && body != header)
            return Core.Validation.Outcome<EntryInput>.Refused(field, "The idempotency key in the body is not the one in the Idempotency-Key header: send one key");
        return Core.Validation.Outcome<EntryInput>.Ok(input);
    }
}

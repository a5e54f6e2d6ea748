using Chronicle.Core.Audit;
using Chronicle.Core.Persistence;
using Chronicle.Core.Security;
using Chronicle.Web.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chronicle.Web.Security;

/// <summary>
/// Writes the request's audit entries into Core's hash-chained <see cref="AuditLog"/>: who (account and
/// professional), when, what (the method and path: routes carry ids only, never names, and the query string is left
/// out because a search holds names), whose record, and from where. Called within the request, before the answer is sent.
/// </summary>
public sealed class RecordAudit(ChronicleDb db, TimeProvider clock, CurrentUser currentUser, IHttpContextAccessor accessor)
{
    public async Task AppendAsync(AuditAction action, Guid? subjectPersonId = null, string? detail = null, UserAccount? account = null, CancellationToken ct = default)
    {
        var http = accessor.HttpContext;
        var user = account is null ? await currentUser.GetAsync(ct) : null;
        var who = account ?? user?.Account;
        await new AuditLog(db, clock).AppendAsync(new AuditEvent(
            action,
            Target: http is null ? "(no request)" : $"{http.Request.Method} {http.Request.PathBase}{http.Request.Path}",
            PartnershipId: who?.PartnershipId,
            UserId: who?.Id,
            ProfessionalId: who?.ProfessionalId,
            SubjectPersonId: subjectPersonId,
            Detail: detail,
            RemoteAddress: http?.Connection.RemoteIpAddress?.ToString()), ct);
    }

    /// <summary>One refusal entry per person the refused request was about (one entry if it named none).</summary>
    public async Task DeniedAsync(IReadOnlyCollection<Guid> about, string detail, CancellationToken ct = default)
    {
        if (about.Count == 0) await AppendAsync(AuditAction.Denied, null, detail, ct: ct);
        foreach (var person in about) await AppendAsync(AuditAction.Denied, person, detail, ct: ct);
    }

    /// <summary>One read entry per child shown (a list without children still leaves one entry).</summary>
    public async Task ReadAsync(IReadOnlyCollection<Guid> children, string? detail = null, CancellationToken ct = default)
    {
        if (children.Count == 0) await AppendAsync(AuditAction.Read, null, detail, ct: ct);
        foreach (var child in children) await AppendAsync(AuditAction.Read, child, detail, ct: ct);
    }
}

/// <summary>Audits every successful write through the API: one entry per child it concerned, naming what it created.</summary>
public sealed class AuditWritesFilter(RecordAudit audit, ChildAccess access) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var result = await next(context);
        if (HttpMethods.IsGet(http.Request.Method) || Idempotency.IsReplay(result)) return result;
        var inner = result is INestedHttpResult nested ? nested.Result : result;
        var status = inner is IStatusCodeHttpResult { StatusCode: { } code } ? code : http.Response.StatusCode;
        if (status is < 200 or >= 300) return result;
        var created = inner?.GetType().GetProperty("Location")?.GetValue(inner) as string
            ?? (http.Response.Headers.Location.ToString() is { Length: > 0 } location ? location : null);
        var detail = created is null ? null : $"created {created}";
        var children = access.WrittenAbout.Order().ToList();
        if (children.Count == 0) await audit.AppendAsync(AuditAction.Write, null, detail, ct: http.RequestAborted);
        foreach (var child in children) await audit.AppendAsync(AuditAction.Write, child, detail, ct: http.RequestAborted);
        return result;
    }
}

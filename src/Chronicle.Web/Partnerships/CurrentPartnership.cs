using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Partnerships;

/// <summary>
/// The partnership a request works in. Until people sign in, it is the one configured as Chronicle:Partnership (by
/// code; the demo partnership by default). Sign-in will set it from the user instead, here and nowhere else: the
/// API's routes and the pages do not name a partnership.
/// </summary>
public sealed class CurrentPartnership(ChronicleDb db, IConfiguration configuration)
{
    private Partnership? _partnership;

    public string Code => configuration["Chronicle:Partnership"] is { Length: > 0 } code ? code : DemoPartnership.Code;

    public Guid Id => _partnership?.Id ?? throw new InvalidOperationException("The partnership has not been found for this request yet.");

    public Partnership Value => _partnership ?? throw new InvalidOperationException("The partnership has not been found for this request yet.");

    public async Task<Partnership?> FindAsync(CancellationToken ct = default) =>
        _partnership ??= await db.Partnerships.AsNoTracking().FirstOrDefaultAsync(p => p.Code == Code, ct);
}

/// <summary>Answers every API request with a problem when there is no partnership to work in.</summary>
public sealed class PartnershipFilter(CurrentPartnership partnership) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (await partnership.FindAsync(context.HttpContext.RequestAborted) is null)
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Chronicle has no partnership to work in",
                detail: "The configured partnership does not exist in the database.");
        return await next(context);
    }
}

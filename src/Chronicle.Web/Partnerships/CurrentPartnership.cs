using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Web.Hosting;
using Chronicle.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Partnerships;

/// <summary>
/// The partnership a request works in: the signed-in user's, from their account, here and nowhere else (the API's
/// routes and the pages do not name a partnership). Without a signed-in user there is none.
/// </summary>
public sealed class CurrentPartnership(ChronicleDb db, CurrentUser currentUser, IConfiguration configuration)
{
    private Partnership? _partnership;

    /// <summary>The partnership the Run command describes at start-up: Chronicle:Partnership, the demo partnership by default.</summary>
    public string ConfiguredCode => configuration["Chronicle:Partnership"] is { Length: > 0 } code ? code : DemoPartnership.Code;

    public Guid Id => _partnership?.Id ?? throw new InvalidOperationException("The partnership has not been found for this request yet.");

    public Partnership Value => _partnership ?? throw new InvalidOperationException("The partnership has not been found for this request yet.");

    public async Task<Partnership?> FindAsync(CancellationToken ct = default)
    {
        if (_partnership is not null) return _partnership;
        if (await currentUser.GetAsync(ct) is not { } user) return null;
        return _partnership = await db.Partnerships.AsNoTracking().FirstOrDefaultAsync(p => p.Id == user.Account.PartnershipId, ct);
    }
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
                detail: "The signed-in account's partnership does not exist in the database.");
        return await next(context);
    }
}

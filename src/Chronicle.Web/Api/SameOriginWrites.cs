namespace Chronicle.Web.Api;

/// <summary>
/// A write to the API comes from a client that is not a browser, or from Chronicle itself, never from another site's
/// page. The session cookie is SameSite=Lax, which keeps it off a POST from another site but not from a sibling of the
/// same site (another service under the same domain); and an endpoint that takes no body (disabling an account,
/// confirming a draft review) would act on a plain form posted from there. So an API write that the browser says comes
/// from elsewhere (<c>Sec-Fetch-Site: same-site</c> or <c>cross-site</c>), or whose <c>Origin</c> is another, is refused
/// 403 before anything reads it (docs/security.md, "Web security"). A client that is not a browser sends neither header.
/// </summary>
public static class SameOriginWrites
{
    public const string Refusal = "A write to Chronicle's API must not come from another site's page";

    public static void UseSameOriginWrites(this WebApplication app) =>
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api") && !HttpMethods.IsGet(c.Request.Method) && !HttpMethods.IsHead(c.Request.Method)
                && !HttpMethods.IsOptions(c.Request.Method),
            api => api.Use(async (context, next) =>
            {
                if (FromElsewhere(context.Request))
                    await TypedResults.Problem(Refusal, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden").ExecuteAsync(context);
                else await next(context);
            }));

    /// <summary>Whether the browser that sent the request says it comes from a page of another origin.</summary>
    public static bool FromElsewhere(HttpRequest request)
    {
        if (request.Headers["Sec-Fetch-Site"].ToString() is "same-site" or "cross-site") return true;
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0) return false;
        // "null" (a sandboxed frame, a file) is another origin too.
        return !Uri.TryCreate(origin, UriKind.Absolute, out var uri) || !string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}

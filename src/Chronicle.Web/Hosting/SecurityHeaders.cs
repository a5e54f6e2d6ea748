namespace Chronicle.Web.Hosting;

/// <summary>
/// Headers every response carries: content only from Chronicle itself, no framing, no sniffing, no referrer beyond
/// Chronicle, no device features, HTTPS kept once used, and nothing with a child's record in it kept in a cache.
/// </summary>
public static class SecurityHeaders
{
    // GOV.UK Frontend's own template sets the js-enabled class with an inline script; Chronicle loads it as a
    // file (wwwroot/js/js-enabled.js) so that the policy needs no 'unsafe-inline'.
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public const string PermissionsPolicy = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";

    public const string StrictTransportSecurity = "max-age=31536000; includeSubDomains";

    /// <summary>Paths of static files (stylesheets, scripts, fonts, images): the only responses a browser may cache.</summary>
    private static readonly string[] StaticPaths = [GovUkFrontendAssets.RequestPath, "/css", "/js"];

    public static void UseSecurityHeaders(this WebApplication app) => app.Use((context, next) =>
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        headers["Permissions-Policy"] = PermissionsPolicy;
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        if (context.Request.IsHttps) headers.StrictTransportSecurity = StrictTransportSecurity;
        if (!StaticPaths.Any(p => context.Request.Path.StartsWithSegments(p)))
        {
            headers.CacheControl = "no-cache, no-store";
            headers.Pragma = "no-cache";
        }
        return next(context);
    });
}

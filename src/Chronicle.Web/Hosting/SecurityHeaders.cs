namespace Chronicle.Web.Hosting;

/// <summary>Headers every response carries: content only from Chronicle itself, no framing, no sniffing.</summary>
public static class SecurityHeaders
{
    // GOV.UK Frontend's own template sets the js-enabled class with an inline script; Chronicle loads it as a
    // file (wwwroot/js/js-enabled.js) so that the policy needs no 'unsafe-inline'.
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static void UseSecurityHeaders(this WebApplication app) => app.Use((context, next) =>
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        return next(context);
    });
}

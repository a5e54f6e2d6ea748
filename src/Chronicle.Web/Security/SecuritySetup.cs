using System.Threading.RateLimiting;
using Chronicle.Core.Security;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace Chronicle.Web.Security;

/// <summary>Sign-in, sessions, permissions, the flood guard on sign-in, and the services behind them.</summary>
public static class SecuritySetup
{
    public const string SignInPath = "/sign-in";
    public const string SignInRateLimit = "sign-in";

    public static void AddChronicleSecurity(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<IPasswordHasher<UserAccount>, PasswordHasher<UserAccount>>();
        services.AddScoped<CurrentUser>();
        services.AddScoped<ChildAccess>();
        services.AddScoped<RecordAudit>();
        services.AddScoped<AccessGrants>();
        services.AddScoped<Core.Chronology.IRecordGate, RecordGate>();
        services.AddScoped<Accounts>();
        services.AddScoped<AccountAdministration>();
        services.AddScoped<PasswordSignIn>();
        services.AddScoped<BreakGlassFlags>();
        services.AddScoped<BreakGlassService>();
        services.AddScoped<IExternalIdentityMapper, EmailIdentityMapper>();
        services.AddSingleton(sp => SessionSettings.From(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<SessionStore>();
        services.AddSingleton(sp => SignInSettings.From(sp.GetRequiredService<IConfiguration>()));
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<SessionStore, SessionSettings>((o, store, settings) =>
            {
                // The cookie holds only the session's token; the session itself is in the database.
                o.SessionStore = store;
                o.ExpireTimeSpan = settings.IdleTimeout;
            });

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.Cookie = new SecureCookieBuilder { Name = Session.CookieName, HttpOnly = true };
            // Lax, not Strict: a link to a child from an email still finds the session; cross-site POSTs never carry it.
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.LoginPath = SignInPath;
            o.Events.OnValidatePrincipal = async context =>
            {
                var user = await context.HttpContext.RequestServices.GetRequiredService<CurrentUser>().LoadAsync(context.Principal, context.HttpContext.RequestAborted);
                if (user is null) context.RejectPrincipal();
            };
            // The API answers 401 and 403 as problems (written by the status code pages); pages go to sign-in or the error page.
            o.Events.OnRedirectToLogin = context =>
            {
                if (IsApi(context.Request)) context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                else context.Response.Redirect(context.RedirectUri);
                return Task.CompletedTask;
            };
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        services.AddScoped<IAuthorizationHandler, RoleHandler>();
        services.AddScoped<IAuthorizationHandler, RecordHandler>();
        services.AddScoped<IAuthorizationHandler, NotThroughBreakGlassHandler>();
        services.AddHostedService<SessionSweep>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, HiddenRecordResultHandler>();
        services.AddAuthorizationBuilder().AddChroniclePolicies();

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignInRateLimit, http => HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = http.RequestServices.GetRequiredService<IConfiguration>().GetValue("Chronicle:SignIn:AttemptsPerMinute", 30),
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter("read"));
        });

        services.AddAntiforgery(o => o.Cookie = new SecureCookieBuilder { Name = "chronicle-antiforgery", HttpOnly = true, SameSite = SameSiteMode.Strict, IsEssential = true });
        // The one-off message a page carries to the next (a write that lost a race) rides in a cookie as guarded as the session's.
        services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(o =>
            o.Cookie = new SecureCookieBuilder { Name = Microsoft.AspNetCore.Mvc.ViewFeatures.CookieTempDataProvider.CookieName, HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
    }

    /// <summary>The JSON API and its description: answered with problems, never redirected to a page.</summary>
    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/openapi");
}

/// <summary>
/// Cookies marked Secure, except on plain HTTP to localhost, where the Run command serves the demo: browsers do not
/// keep a Secure cookie from http://127.0.0.1 everywhere, and there is nothing between the browser and the app to
/// protect. Any other host gets Secure cookies, so plain HTTP elsewhere fails closed (nobody can sign in).
/// </summary>
public sealed class SecureCookieBuilder : CookieBuilder
{
    public SecureCookieBuilder()
    {
        // Marked per request below; SameAsRequest keeps antiforgery from refusing HTTP outright.
        SecurePolicy = CookieSecurePolicy.SameAsRequest;
        SameSite = SameSiteMode.Lax;
    }

    public override CookieOptions Build(HttpContext context, DateTimeOffset expiresFrom)
    {
        var options = base.Build(context, expiresFrom);
        options.Secure = context.Request.IsHttps || !IsLocalhost(context.Request.Host.Host);
        return options;
    }

    public static bool IsLocalhost(string host) =>
        host is "localhost" or "127.0.0.1" or "[::1]" or "::1" || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);
}

using Microsoft.AspNetCore.Http.HttpResults;

namespace Chronicle.Web.Security;

/// <summary>A page an account with a one-time password may still open: changing the password, and signing out.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class OpenWithOneTimePasswordAttribute : Attribute;

/// <summary>
/// A password an administrator set is a one-time password (docs/security.md, "Sign-in and accounts"): until its
/// holder chooses their own (<see cref="Core.Security.UserAccount.MustChangePassword"/>), every page the account may
/// open leads to changing it, and the API refuses with 403 saying so. Runs after authorisation, so a request the
/// account may not make at all is refused as before.
/// </summary>
public static class OneTimePasswords
{
    public const string ChangePage = "/Account/Password";
    public const string Refused = "Your password was set by an administrator: choose your own password before going on";

    public static void UseOneTimePasswords(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var endpoint = http.GetEndpoint();
        if (endpoint is null || http.User.Identity?.IsAuthenticated != true
            || endpoint.Metadata.GetMetadata<OpenWithOneTimePasswordAttribute>() is not null
            || endpoint.Metadata.GetMetadata<IPermissionMetadata>()?.Permission == Permissions.Anonymous
            || await http.RequestServices.GetRequiredService<CurrentUser>().GetAsync(http.RequestAborted) is not { Account.MustChangePassword: true })
        {
            await next(http);
            return;
        }
        if (SecuritySetup.IsApi(http.Request))
        {
            await TypedResults.Problem(Refused, statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(http);
            return;
        }
        var links = http.RequestServices.GetRequiredService<LinkGenerator>();
        var returnUrl = HttpMethods.IsGet(http.Request.Method) ? http.Request.PathBase + http.Request.Path + http.Request.QueryString : null;
        http.Response.Redirect(links.GetPathByPage(http, ChangePage, values: new { returnUrl }) ?? "/");
    });
}

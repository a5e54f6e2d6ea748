extern alias web;

using System.Security.Claims;
using Chronicle.Core.Persistence;
using Chronicle.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Chronicle.Cli.Tests.Synthetic;

/// <summary>
/// The web app on a synthetic partnership's database, configured as a user would start it, with nothing running in the
/// background; with an <paramref name="interceptor"/>, every context it opens also reports its statements to it.
/// </summary>
internal sealed class SynthApp(TestDatabase database, IInterceptor? interceptor = null) : WebApplicationFactory<web::Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = database.Settings.PostgresConnectionString,
            ["Chronicle:SqlitePath"] = database.Settings.UsesPostgres ? null : database.Settings.SqlitePath,
            ["Chronicle:Partnership"] = "northshire",
            ["Chronicle:Alerts:Sweep"] = "false",
            ["Chronicle:Delivery:Enabled"] = "false",
            ["Chronicle:Escalation:Enabled"] = "false",
        }));
        if (interceptor is not null)
            builder.ConfigureServices(services => services.ConfigureDbContext<ChronicleDb>(options => options.AddInterceptors(interceptor)));
    }

    /// <summary>A scope of the app's services as a request signed in as <paramref name="account"/> sees them.</summary>
    public AsyncServiceScope SignedIn(Core.Security.UserAccount account)
    {
        var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = new DefaultHttpContext
        {
            RequestServices = scope.ServiceProvider,
            User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(web::Chronicle.Web.Security.CurrentUser.AccountIdClaim, account.Id.ToString())], "test")),
        };
        return scope;
    }
}

extern alias web;

using Chronicle.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace Chronicle.Cli.Tests.Synthetic;

/// <summary>The web app on a synthetic partnership's database, configured as a user would start it, with nothing running in the background.</summary>
internal sealed class SynthApp(TestDatabase database) : WebApplicationFactory<web::Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = database.Settings.PostgresConnectionString,
            ["Chronicle:SqlitePath"] = database.Settings.UsesPostgres ? null : database.Settings.SqlitePath,
            ["Chronicle:Partnership"] = "northshire",
            ["Chronicle:Alerts:Sweep"] = "false",
            ["Chronicle:Delivery:Enabled"] = "false",
            ["Chronicle:Escalation:Enabled"] = "false",
        }));
}

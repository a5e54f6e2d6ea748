using Microsoft.Extensions.FileProviders;

namespace Chronicle.Web.Hosting;

/// <summary>
/// Serves GOV.UK Frontend from its npm package (node_modules, restored by the build) under /assets: the stylesheet
/// and script, and the fonts and images the stylesheet asks for at /assets/fonts and /assets/images.
/// </summary>
public static class GovUkFrontendAssets
{
    public const string RequestPath = "/assets";

    public static void UseGovUkFrontendAssets(this WebApplication app)
    {
        var folder = Folder(app.Configuration, app.Environment);
        if (!Directory.Exists(folder))
        {
            app.Logger.LogWarning("GOV.UK Frontend was not found at {Folder}: run `npm ci` in src/Chronicle.Web (the build does this)", folder);
            return;
        }
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = RequestPath,
            FileProvider = new CompositeFileProvider(new PhysicalFileProvider(Path.Combine(folder, "assets")), new PhysicalFileProvider(folder)),
        });
    }

    public static string Folder(IConfiguration configuration, IHostEnvironment environment) =>
        configuration["Chronicle:GovUkFrontendFolder"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured, environment.ContentRootPath)
            : Path.Combine(environment.ContentRootPath, "node_modules", "govuk-frontend", "dist", "govuk");
}

using Chronicle.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddChronicle();

var app = builder.Build();
await app.PrepareDatabaseAsync();
app.UseChronicle();
await app.RunAsync();

/// <summary>The web app's entry point, public so that tests can host it.</summary>
public partial class Program;

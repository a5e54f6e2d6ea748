using Chronicle.Core.Audit;
using Chronicle.Testing;
using Chronicle.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Tests.Security;

/// <summary>The audit the web app writes: every read and write of a record, in a chain that shows tampering.</summary>
public sealed class AuditTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task The_web_apps_audit_chain_holds_and_an_entry_edited_in_the_database_is_named(Provider provider)
    {
        await using var app = await ChronicleApp.StartAsync(provider, ["family-a.json"]);
        var client = await app.SignInAsync(await app.UserNameOfAsync("Social worker (Family A)"));
        Guid child;
        await using (var db = app.OpenDb()) child = await db.People.Where(p => p.KnownAs == "Child A").Select(p => p.Id).SingleAsync();
        await client.GetAsync("/");
        await client.GetAsync($"/children/{child}");
        await client.GetAsync($"/api/children/{child}/chronology");

        await using var check = app.OpenDb();
        var entries = await check.AuditEntries.OrderBy(a => a.Sequence).ToListAsync();
        Assert.True((await new AuditLog(check, TimeProvider.System).VerifyAsync()).Intact);
        Assert.Contains(entries, a => a.Action == AuditAction.Read && a.SubjectPersonId == child && a.Target == $"GET /children/{child}");
        Assert.Contains(entries, a => a.Action == AuditAction.Read && a.SubjectPersonId == child && a.Target == $"GET /api/children/{child}/chronology");
        var read = entries.Last(a => a.Action == AuditAction.Read && a.SubjectPersonId == child);

        await check.Database.ExecuteSqlRawAsync(provider == Provider.Sqlite
            ? "DROP TRIGGER audit_entries_no_update"
            : "ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only");
        await check.Database.ExecuteSqlAsync($"UPDATE audit_entries SET target = 'GET /' WHERE sequence = {read.Sequence}");

        await using var after = app.OpenDb();
        var verification = await new AuditLog(after, TimeProvider.System).VerifyAsync();
        Assert.False(verification.Intact);
        Assert.Equal(read.Sequence, verification.FirstBrokenSequence);
    }

    [Fact]
    public async Task The_application_log_holds_no_names_of_children_or_families()
    {
        await using var app = await ChronicleApp.StartAsync(Provider.Sqlite, ["family-a.json"]);
        var client = await app.SignInAsync(await app.UserNameOfAsync("Social worker (Family A)"));
        Guid child;
        await using (var db = app.OpenDb()) child = await db.People.Where(p => p.KnownAs == "Child A").Select(p => p.Id).SingleAsync();

        await client.GetAsync($"/children/{child}");
        await ChronicleApp.PostFormAsync(client, "/", new() { ["name"] = "Child A", ["nhsNumber"] = "943 476 5919" });
        await client.PostAsync("/api/people", new StringContent("{\"kind\": \"child\", \"knownAs\": \"Child Z\", \"dateOfBirth\": \"not a date\"}", System.Text.Encoding.UTF8, "application/json"));
        await ChronicleApp.PostFormAsync(client, "/break-glass", new() { ["nhsNumber"] = "943 476 5919", ["reason"] = "Secret reason about Child A's mother" });

        foreach (var data in new[] { "Child A", "Child Z", "Mother of Child A", "943 476 5919", "9434765919", "Secret reason", DemoAccounts.Password })
            Assert.DoesNotContain(app.Logs.Lines, l => l.Contains(data, StringComparison.Ordinal));
    }
}

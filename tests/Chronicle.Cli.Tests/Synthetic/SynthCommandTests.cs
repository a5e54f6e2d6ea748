extern alias web;

using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Chronicle.Core.Record;
using Chronicle.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Chronicle.Cli.Tests.Synthetic;

public sealed partial class SynthCommandTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Synth_writes_a_partnership_whose_social_worker_signs_in_and_sees_their_children(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var target = database.Settings.UsesPostgres ? $"postgres:{database.Settings.PostgresConnectionString}" : $"sqlite:{database.Settings.SqlitePath}";

        var (exit, output, error) = await CliRunner.RunAsync("synth", "--children", "50", "--database", target, "--json");

        Assert.True(exit == 0, error);
        var printed = JsonDocument.Parse(output).RootElement;
        Assert.Equal("northshire", printed.GetProperty("partnership").GetString());
        var bigChild = printed.GetProperty("bigChild").GetGuid();
        await using (var db = database.Open())
        {
            var partnership = await db.Partnerships.SingleAsync(p => p.Code == "northshire");
            Assert.Equal(50, await db.People.CountAsync(p => p.PartnershipId == partnership.Id && p.Kind != PersonKind.Adult));
            Assert.InRange(await db.EntrySubjects.CountAsync(s => s.PersonId == bigChild), 950, 1_050);
            var professionals = await db.Professionals.Where(p => p.PartnershipId == partnership.Id).ToDictionaryAsync(p => p.Id);
            var accounts = await db.UserAccounts.Where(a => a.PartnershipId == partnership.Id).ToListAsync();
            Assert.Equal(professionals.Count, accounts.Count);
            // Accounts as the web app would make them: its user names and the roles of each job.
            Assert.All(accounts, a =>
            {
                var professional = professionals[a.ProfessionalId!.Value];
                Assert.Equal(Chronicle.Core.Security.AccountNames.Slug(professional.Name), a.UserName);
                Assert.Equal(string.Join(',', Chronicle.Core.Security.AccountNames.RolesFor(professional.Role)), a.Roles);
            });
        }

        await using var app = new SynthApp(database);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await SignInAsync(client, printed.GetProperty("users").GetProperty("socialWorker").GetString()!, printed.GetProperty("password").GetString()!);

        var home = await client.GetStringAsync("/");
        Assert.Contains($"href=\"/children/{bigChild}\"", home);
        var child = await client.GetAsync($"/children/{bigChild}");
        Assert.Equal(HttpStatusCode.OK, child.StatusCode);
    }

    [Fact]
    public async Task Synth_refuses_a_database_that_already_holds_the_partnership_and_a_missing_size()
    {
        await using var database = await TestDatabase.CreateAsync(Provider.Sqlite);
        var target = $"sqlite:{database.Settings.SqlitePath}";
        Assert.Equal(0, (await CliRunner.RunAsync("synth", "--children", "3", "--database", target)).Exit);

        var again = await CliRunner.RunAsync("synth", "--children", "3", "--database", target);
        var noSize = await CliRunner.RunAsync("synth", "--database", target);

        Assert.Equal(1, again.Exit);
        Assert.Contains("already holds a partnership with the code 'northshire'", again.Error);
        Assert.Equal(2, noSize.Exit);
        Assert.Contains("--children", noSize.Error);
    }

    [Fact]
    public async Task Synth_gives_the_long_chronology_the_length_asked_for_and_refuses_a_length_out_of_range()
    {
        await using var database = await TestDatabase.CreateAsync(Provider.Sqlite);
        var target = $"sqlite:{database.Settings.SqlitePath}";

        var zero = await CliRunner.RunAsync("synth", "--children", "3", "--big-child-entries", "0", "--database", target);
        var words = await CliRunner.RunAsync("synth", "--children", "3", "--big-child-entries", "many", "--database", target);
        var (exit, output, error) = await CliRunner.RunAsync("synth", "--children", "3", "--big-child-entries", "2500", "--database", target, "--json");

        Assert.Equal(2, zero.Exit);
        Assert.Contains("--big-child-entries needs a whole number from 1 to 50,000", zero.Error);
        Assert.Equal(2, words.Exit);
        Assert.Contains("--big-child-entries", words.Error);
        Assert.True(exit == 0, error);
        var bigChild = JsonDocument.Parse(output).RootElement.GetProperty("bigChild").GetGuid();
        await using var db = database.Open();
        Assert.InRange(await db.EntrySubjects.CountAsync(s => s.PersonId == bigChild), 2_400, 2_600);
    }

    private static async Task SignInAsync(HttpClient client, string userName, string password)
    {
        var page = await client.GetStringAsync("/sign-in");
        var token = TokenField().Match(page);
        Assert.True(token.Success, "the sign-in page has no antiforgery token");
        var response = await client.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = userName,
            ["password"] = password,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        }));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Signing in as {userName} answered {(int)response.StatusCode}");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

}

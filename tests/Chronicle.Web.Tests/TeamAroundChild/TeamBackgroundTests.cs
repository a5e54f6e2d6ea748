using Chronicle.Core.Actions;
using Chronicle.Core.Chronology;
using Chronicle.Core.Persistence;
using Chronicle.Core.Sharing;
using Chronicle.Core.Time;
using Chronicle.Testing;
using Chronicle.Web.TeamAroundChild;
using Chronicle.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Chronicle.Web.Tests.Api.TeamApp;

namespace Chronicle.Web.Tests.TeamAroundChild;

/// <summary>The web app's background work: escalation (one pass, run directly on a clock moved on) and the outbox sent by the hosted worker.</summary>
public sealed class TeamBackgroundTests
{
    [Fact]
    public async Task One_escalation_pass_tells_the_manager_of_someone_who_has_not_acknowledged_in_time_once()
    {
        await using var t = await StartAsync(Provider.Sqlite);
        var hv = await t.AsAsync(HealthVisitor);
        var tm = await t.AsAsync(TeamManager);
        await t.RecordSignificantAsync(hv, "Mother said she is frightened of her new partner");

        using var scope = t.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ChronicleDb>();
        var chronology = scope.ServiceProvider.GetRequiredService<ChronologyService>();
        var onTime = new SimulatedClock(DateTimeOffset.UtcNow);
        Assert.Equal(new EscalationPass(0, 0), await Escalation.RunOnceAsync(db, new SharingService(db, chronology, onTime), new ActionService(db, chronology, onTime)));

        var late = new SimulatedClock(DateTimeOffset.UtcNow.AddDays(10));
        var pass = await Escalation.RunOnceAsync(db, new SharingService(db, chronology, late), new ActionService(db, chronology, late));
        Assert.Equal(2, pass.Acknowledgements);
        Assert.Equal(new EscalationPass(0, 0), await Escalation.RunOnceAsync(db, new SharingService(db, chronology, late), new ActionService(db, chronology, late)));

        var inbox = await OkAsync(await tm.GetAsync("/api/inbox"));
        var escalation = Assert.Single(inbox.GetProperty("items").EnumerateArray());
        Assert.Equal("acknowledgement-overdue", escalation.GetProperty("notification").GetProperty("kind").GetString());
        Assert.StartsWith($"{SocialWorker} has not acknowledged", escalation.GetProperty("notification").GetProperty("title").GetString());
        Assert.False(escalation.TryGetProperty("entrySummary", out _));
        var page = await tm.GetStringAsync("/inbox");
        Assert.Contains("Escalations about people you manage", page);
        Assert.Contains($"{SocialWorker} has not acknowledged", page);
    }

    [Fact]
    public async Task The_hosted_worker_sends_the_outbox_to_the_folder_without_case_details()
    {
        var folder = Directory.CreateTempSubdirectory("chronicle-outbox-").FullName;
        try
        {
            await using var t = await StartAsync(Provider.Sqlite, settings: new()
            {
                ["Chronicle:Delivery:Enabled"] = "true", ["Chronicle:Delivery:Folder"] = folder, ["Chronicle:Delivery:PollSeconds"] = "1",
            });
            await using (var db = t.App.OpenDb())
                await db.Professionals.Where(p => p.Id == t.Id(HealthVisitor)).ExecuteUpdateAsync(s => s.SetProperty(p => p.Email, "hv@testshire.example"));

            await t.RecordSignificantAsync(await t.AsAsync(SocialWorker));

            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (Directory.GetFiles(folder, "*.eml").Length == 0 && DateTime.UtcNow < deadline) await Task.Delay(200, TestContext.Current.CancellationToken);
            var mail = File.ReadAllText(Assert.Single(Directory.GetFiles(folder, "*.eml")));
            Assert.Contains("hv@testshire.example", mail);
            Assert.Contains("information shared with you needs acknowledging", mail);
            Assert.DoesNotContain("Bruising", mail);
            Assert.DoesNotContain("Child T", mail);
            await using (var db = t.App.OpenDb())
                Assert.NotNull((await db.OutboxMessages.SingleAsync()).SentAt);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

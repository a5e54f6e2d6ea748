using System.Data.Common;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Time;
using Chronicle.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Chronicle.Cli.Tests.Synthetic;

/// <summary>
/// Children evaluated together (a write's children, a chunk of the sweep) have their next checks, alerts and the
/// leavers among new alerts' owners read once for them all, and are saved once: on a generated partnership, with an
/// owner who has left and an open alert whose cause has gone, evaluating every child together raises, resolves and
/// schedules exactly what evaluating each alone does, and reads no more than evaluating one child alone.
/// </summary>
public sealed class EvaluatedTogetherTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Children_evaluated_together_get_what_each_gets_evaluated_alone(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var socialWorker = (await Synth.WriteAsync(database, 40)).GetProperty("users").GetProperty("socialWorker").GetString()!;

        var reads = new ReadCounter();
        var options = new DbContextOptionsBuilder<ChronicleDb>();
        database.Settings.Configure(options);
        options.AddInterceptors(reads);
        await using var db = new ChronicleDb(options.Options);
        var partnershipId = (await db.Partnerships.SingleAsync(p => p.Code == "northshire")).Id;
        var children = await db.People.Where(p => p.PartnershipId == partnershipId && p.Kind != PersonKind.Adult).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync();
        // A lead professional who has left: their children's new alerts go to someone else, or to no one.
        var left = await db.UserAccounts.SingleAsync(a => a.UserName == socialWorker);
        left.DisabledAt = DateTimeOffset.UtcNow;
        var theirs = await db.Involvements.Where(i => i.ProfessionalId == left.ProfessionalId && i.IsLead).Select(i => i.PersonId).ToListAsync();
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        var clock = new SimulatedClock(DateTimeOffset.UtcNow);
        var engine = new SafeguardEngine(clock);

        await AlertWithoutCauseAsync(db, partnershipId, children[0]);

        // Together, in a transaction rolled back afterwards; then each alone, on the same record.
        int raisedTogether, readTogether;
        List<string> together;
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            reads.Count = 0;
            raisedTogether = await engine.EvaluateChildrenAsync(db, children);
            readTogether = reads.Count;
            together = await OutcomeAsync(db);
            await tx.RollbackAsync();
        }
        var raisedAlone = 0;
        var mostAlone = 0;
        foreach (var child in children)
        {
            reads.Count = 0;
            // An engine of its own, as the one together started: no entries kept from an earlier read.
            raisedAlone += await new SafeguardEngine(clock).EvaluateChildAsync(db, child);
            mostAlone = Math.Max(mostAlone, reads.Count);
        }

        Assert.Equal(await OutcomeAsync(db), together);
        Assert.Equal(raisedAlone, raisedTogether);
        Assert.True(raisedTogether > 0, "the generated partnership raises alerts");
        Assert.Contains(together, line => theirs.Any(child => line.Contains($"|{child}|", StringComparison.Ordinal)) && line.Contains("|Raised", StringComparison.Ordinal));
        Assert.DoesNotContain(together, line => line.Contains($"|{left.ProfessionalId}|", StringComparison.Ordinal));
        Assert.Contains(together, line => line.Contains("|Resolved|", StringComparison.Ordinal));
        Assert.True(readTogether <= mostAlone, $"{children.Count} children evaluated together took {readTogether} reads; one alone took up to {mostAlone}");
    }

    /// <summary>An open alert on a child whose cause no safeguard finds: evaluating the child resolves it.</summary>
    private static async Task AlertWithoutCauseAsync(ChronicleDb db, Guid partnershipId, Guid child)
    {
        db.Alerts.Add(new Alert
        {
            Id = Guid.NewGuid(), PartnershipId = partnershipId, SafeguardId = "SG-01", SafeguardVersion = 1, SubjectPersonId = child,
            CauseKey = "a cause no longer on record", Severity = Severity.Action, Summary = "An alert whose cause has gone", AskFor = "Nothing now",
            RaisedAt = DateTimeOffset.UtcNow.AddDays(-3), Status = AlertStatus.Open, EvidenceEntryIds = "",
        });
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }

    /// <summary>Every alert (what, whose, about whom, owned by whom, its state) and every next check, in a fixed order.</summary>
    private static async Task<List<string>> OutcomeAsync(ChronicleDb db)
    {
        var alerts = await db.Alerts.AsNoTracking().ToListAsync();
        var events = await db.AlertEvents.AsNoTracking().ToListAsync();
        var checks = await db.NextChecks.AsNoTracking().ToListAsync();
        var lines = alerts.Select(a => $"alert|{a.SafeguardId}|{a.SubjectPersonId}|{a.CauseKey}|{a.Summary}|{a.AskFor}|{a.DueAt:O}|{a.EvidenceEntryIds}|{a.Status}|{a.OwnerProfessionalId?.ToString() ?? "no owner"}"
            + $"|{string.Join(',', events.Where(e => e.AlertId == a.Id).Select(e => e.Type).Order())}");
        return [.. lines.Concat(checks.Select(c => $"check|{c.ChildId}|{c.NextAt:O}")).Order(StringComparer.Ordinal)];
    }

    /// <summary>Counts the queries a context executes (its reads, not a save's inserts and updates).</summary>
    private sealed class ReadCounter : DbCommandInterceptor
    {
        public int Count;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)) Count++;
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}

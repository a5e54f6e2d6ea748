using Chronicle.Core.Record;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Time;
using Chronicle.Testing;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Cli.Tests.Synthetic;

/// <summary>
/// A case file read from the database holds only the professionals it can ask about, not the partnership's every one:
/// on a generated partnership, every child's findings and reminders, now and a year ago, are exactly those of the same
/// file holding every professional of the partnership.
/// </summary>
public sealed class CaseFileProfessionalsTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Every_childs_findings_are_those_of_a_case_file_holding_every_professional(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await Synth.WriteAsync(database, 40);

        await using var db = database.Open();
        var partnershipId = (await db.Partnerships.SingleAsync(p => p.Code == "northshire")).Id;
        var children = await db.People.Where(p => p.PartnershipId == partnershipId && p.Kind != PersonKind.Adult).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync();
        var everyone = await db.Professionals.AsNoTracking().Where(p => p.PartnershipId == partnershipId).ToDictionaryAsync(p => p.Id);
        var policy = await SafeguardEngine.PolicyAsync(db, partnershipId);
        var engine = new SafeguardEngine(TimeProvider.System);
        var now = DateTimeOffset.UtcNow;

        var findings = 0;
        foreach (var child in children)
        {
            foreach (var moment in new[] { now, now.AddYears(-1) })
            {
                var file = (await CaseFileLoader.LoadAsync(db, child, moment))!;
                Assert.True(file.Professionals.Count < everyone.Count, "a case file holds only the professionals it can ask about");
                var whole = new CaseFile
                {
                    Child = file.Child, People = file.People, Relationships = file.Relationships, Households = file.Households,
                    Involvements = file.Involvements, Addresses = file.Addresses, Professionals = everyone, Agencies = file.Agencies,
                    Entries = file.Entries, CorrectedBy = file.CorrectedBy,
                };
                var context = new SafeguardContext(moment, WorkingDayCalendar.EnglandAndWales, policy);
                var found = Described(engine, file, context);
                Assert.Equal(Described(engine, whole, context), found);
                findings += found.Count;
            }
        }
        Assert.True(findings > 0, "the generated partnership has findings to compare");
    }

    /// <summary>Every finding and reminder, each in full (cause, words, due time, evidence, owner), in a fixed order.</summary>
    private static List<string> Described(SafeguardEngine engine, CaseFile file, SafeguardContext context) =>
        [.. engine.Find(file, context).Select(f => Describe(f.Key.SafeguardId, f.Value.Finding))
            .Concat(engine.Reminders(file, context).Select(r => Describe(r.Safeguard.Id, r.Finding)))
            .Order(StringComparer.Ordinal)];

    private static string Describe(string safeguard, Finding f) =>
        $"{safeguard}|{f.CauseKey}|{f.Summary}|{f.AskFor}|{f.DueAt:O}|{string.Join(',', f.Evidence)}|{f.OwnerProfessionalId}|{f.Reminder}";
}

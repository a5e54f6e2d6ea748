using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Plans;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Tests.TeamAroundChild;
using Chronicle.Testing;

namespace Chronicle.Core.Tests.Security;

/// <summary>
/// A plan-ended names the plan's start as it was recorded when the plan ended; the start may have been corrected
/// since, once or more. The safeguards read the plan as ended (through <see cref="CaseFacts"/>), as the plans list and
/// the statutory plan slot do, whichever entry of the line of corrections the ending names.
/// </summary>
public sealed class PlanCorrectionTests
{
    public static TheoryData<Provider, int> Cases => new() { { Provider.Sqlite, 1 }, { Provider.Sqlite, 2 }, { Provider.Postgres, 2 } };

    [Theory, MemberData(nameof(Cases))]
    public async Task A_plan_ended_by_its_first_start_after_corrections_is_ended_for_the_safeguards(Provider provider, int corrections)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        await using var db = w.Database.Open();
        var first = (await w.Chronology(db).RecordAsync(w.PartnershipId, PlanEntry(w, "Weekly health visitor contact"))).Unwrap();
        var latest = first;
        for (var i = 0; i < corrections; i++)
            latest = (await w.Chronology(db).CorrectAsync(w.PartnershipId, latest.Id,
                new CorrectionInput { Entry = PlanEntry(w, $"Health visitor contact, correction {i + 1}"), Reason = "The action was recorded wrongly" })).Unwrap();

        var running = (await CaseFileLoader.LoadAsync(db, w.F.Id, w.Clock.GetUtcNow()))!;
        Assert.True(running.IsOnChildProtectionPlan(w.Clock.GetUtcNow()));
        Assert.Equal(latest.Id, Assert.Single(running.ActivePlans(w.Clock.GetUtcNow())).Entry.Id);

        (await w.Chronology(db).RecordAsync(w.PartnershipId, Core.TeamAroundChild.Recording.Input(new PlanEnded { PlanEntryId = first.Id, Reason = "Stepped down at review" },
            w.SocialWorker.Id, [w.F.Id], w.Clock.GetUtcNow(), null, Significance.Significant))).Unwrap();

        var now = w.Clock.GetUtcNow();
        var ended = (await CaseFileLoader.LoadAsync(db, w.F.Id, now))!;
        Assert.False(ended.IsOnChildProtectionPlan(now));
        Assert.Empty(ended.ActivePlans(now));
        Assert.False(ended.IsOpenCase(now));
        Assert.Equal(PlanStatus.Ended, Assert.Single(await w.Plans(db).ForChildAsync(w.PartnershipId, w.F.Id)).Status);
        // Before the end the plan was running: the end does not reach back.
        Assert.True(ended.IsOnChildProtectionPlan(now.AddMinutes(-1)));
    }

    private static EntryInput PlanEntry(TeamWorld w, string action) => Core.TeamAroundChild.Recording.Input(new PlanStarted
    {
        Type = PlanType.ChildProtection,
        Category = AbuseCategory.Neglect,
        Items = [new PlanItem { Concern = "F's development", Action = action, OwnerProfessionalId = w.HealthVisitor.Id, Due = new DateOnly(2015, 3, 16), SuccessMeasure = "F seen weekly" }],
    }, w.SocialWorker.Id, [w.F.Id], w.Clock.GetUtcNow().AddHours(-1), null, Significance.Significant);
}

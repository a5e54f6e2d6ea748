using Chronicle.Core.Actions;
using Chronicle.Core.Casework;
using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Tests.TeamAroundChild;
using Chronicle.Testing;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Tests.Casework;

/// <summary>The team's services with the whole safeguard catalogue running: what they record must be what the safeguards look for.</summary>
public sealed class WithTheSafeguardsTests
{
    public static TheoryData<Provider> Providers => [Provider.Sqlite, Provider.Postgres];

    private static ChildProtectionMedical Medical(TeamWorld w) => new()
    {
        Opinion = MedicalOpinion.Undetermined, Findings = "Bruise to the left cheek", PaediatricianId = w.Paediatrician.Id,
        Actions = [new ActionItem { Description = "Tell the GP the findings", OwnerProfessionalId = w.SocialWorker.Id, Due = new DateOnly(2015, 2, 20) }],
    };

    private static async Task<IReadOnlyList<Alert>> OpenAlertsAsync(TeamWorld w, string safeguard)
    {
        await using var db = w.Database.Open();
        return (await db.Alerts.AsNoTracking().Where(a => a.SubjectPersonId == w.F.Id && a.SafeguardId == safeguard).ToListAsync()).Where(a => a.IsOpen).ToList();
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Settling_the_actions_clears_the_loose_ends_alert_and_the_case_closes(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider, SafeguardCatalogue.All);
        var medical = await w.RecordAsync(w.Paediatrician, Medical(w));
        await w.RecordAsync(w.SocialWorker, new MedicalReportReceived { MedicalEntryId = medical.Id, ReceivedByProfessionalId = w.SocialWorker.Id }, Significance.Routine);
        w.Clock.Advance(TimeSpan.FromHours(1));
        await using var db = w.Database.Open();
        (await w.Supervision(db).RecordAsync(w.PartnershipId, new SupervisionInput
        {
            ChildId = w.F.Id, SuperviseeId = w.SocialWorker.Id, SupervisorId = w.Manager.Id, Point = SupervisionPoint.Closing, Discussion = "Ready to close once the GP knows",
        })).Unwrap();
        (await w.Closure(db).ProposeAsync(w.PartnershipId, new ProposeClosureInput(w.F.Id, w.SocialWorker.Id, "No further concerns"))).Unwrap();
        Assert.Single(await OpenAlertsAsync(w, "SG-22"));

        var action = await db.Actions.AsNoTracking().SingleAsync();
        (await w.Actions(db).CompleteAsync(w.PartnershipId, action.Id, new CompleteActionInput(w.SocialWorker.Id, "Letter sent to the GP"))).Unwrap();

        Assert.Empty(await OpenAlertsAsync(w, "SG-22"));
        var settled = await db.Entries.AsNoTracking().SingleAsync(e => e.Kind == "decision" && e.RecordedByProfessionalId == w.SocialWorker.Id);
        Assert.Equal(medical.Id, Assert.IsType<DecisionRecorded>(DetailsReader.ReadStored(settled.Kind, settled.Details)).AboutEntryId);
        var closed = await w.Closure(db).CloseAsync(w.PartnershipId, new CloseCaseInput { ChildId = w.F.Id, RecordedByProfessionalId = w.SocialWorker.Id, Reason = "No further concerns" });
        Assert.True(closed.Succeeded, string.Join("; ", closed.Errors.Select(e => e.Message)));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Reassigning_an_absent_workers_actions_answers_the_drift_alert(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider, SafeguardCatalogue.All);
        await w.RecordAsync(w.Paediatrician, Medical(w));
        await w.RecordAsync(w.Manager, new StaffAbsence { ProfessionalId = w.SocialWorker.Id, From = new DateOnly(2015, 2, 3) }, Significance.Routine);
        // Absent from Tuesday: more than 2 working days once Thursday has ended.
        w.Clock.Set(TeamWorld.Uk(2, 6, 9));
        await using var db = w.Database.Open();
        await w.Engine.EvaluateChildAsync(db, w.F.Id);
        Assert.Single(await OpenAlertsAsync(w, "SG-20"));

        await w.InvolveAsync(w.OtherSocialWorker, w.F, "social worker covering");
        (await w.Actions(db).ReassignAllAsync(w.PartnershipId, new ReassignAllInput(w.SocialWorker.Id, w.OtherSocialWorker.Id, w.Manager.Id, "Sam is off sick; Olu takes the family on"))).Unwrap();

        Assert.Empty(await OpenAlertsAsync(w, "SG-20"));
    }
}

using Chronicle.Core.Actions;
using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Safeguards;
using Chronicle.Core.TeamAroundChild;
using Chronicle.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Casework;

public sealed record SupervisionInput
{
    public Guid? ChildId { get; init; }
    public Guid? SuperviseeId { get; init; }
    public Guid? SupervisorId { get; init; }
    public SupervisionPoint? Point { get; init; }
    public string? Discussion { get; init; }
    public IReadOnlyList<ActionInput> Actions { get; init; } = [];
    public DateTimeOffset? HeldAt { get; init; }
    public string? IdempotencyKey { get; init; }
}

/// <summary>
/// Management supervision of the work on a child's case, at opening, during and at closing (Baby R: request it
/// when child protection cases open and before they close). Recorded by the manager as a supervision entry,
/// seen by the recording agency and the lead professional; its actions are tracked like any other.
/// </summary>
public sealed class SupervisionService(ChronicleDb db, ChronologyService chronology, TimeProvider clock)
{
    public async Task<Outcome<ChronologyEntry>> RecordAsync(Guid partnershipId, SupervisionInput input, CancellationToken ct = default)
    {
        var p = new Problems();
        p.Required("childId", input.ChildId, "Select the child whose case was supervised");
        p.Required("point", input.Point, "Select whether the supervision was at opening, during the work, or at closing");
        p.Required("discussion", input.Discussion, "Enter what the supervision discussed and decided");
        if (input.ChildId is { } childId && !await db.People.AnyAsync(x => x.Id == childId && x.PartnershipId == partnershipId && x.Kind != PersonKind.Adult, ct))
            p.Add("childId", "No such child in this partnership");
        var supervisee = await ProfessionalAsync(partnershipId, input.SuperviseeId, "superviseeId", "Select the worker who was supervised", p, ct);
        var supervisor = await ProfessionalAsync(partnershipId, input.SupervisorId, "supervisorId", "Select the manager who gave the supervision", p, ct);
        if (supervisee is not null && supervisor is not null && !StatutoryWork.Supervises(supervisor, supervisee))
            p.Add(supervisee.AgencyId == supervisor.AgencyId ? "supervisorId" : "superviseeId", supervisee.AgencyId == supervisor.AgencyId
                ? $"Supervision is given by a manager: {supervisor.Name} is not {supervisee.Name}'s manager, or a team manager or conference chair of their team"
                : $"A manager supervises workers of their own agency: {supervisee.Name} works for another agency");
        for (var i = 0; i < input.Actions.Count; i++)
        {
            var f = p.For($"actions[{i}]");
            f.Required("description", input.Actions[i].Description, $"Enter action {i + 1}");
            f.Required("ownerProfessionalId", input.Actions[i].OwnerProfessionalId, $"Select who owns action {i + 1}");
            f.Required("due", input.Actions[i].Due, $"Enter when action {i + 1} is due");
        }
        if (p.Any) return Outcome<ChronologyEntry>.Refused(p.Errors);

        var details = new Supervision
        {
            SuperviseeId = supervisee!.Id, SupervisorId = supervisor!.Id, Point = input.Point!.Value, Discussion = input.Discussion!.Trim(),
            Actions = [.. input.Actions.Select(a => new ActionItem { Description = a.Description!.Trim(), OwnerProfessionalId = a.OwnerProfessionalId, Due = a.Due })],
        };
        return await chronology.RecordAsync(partnershipId, Recording.Input(details, supervisor.Id, [input.ChildId!.Value], input.HeldAt ?? clock.GetUtcNow(),
            input.IdempotencyKey, Significance.Routine, SharingLevel.AgencyOnly), ct);
    }

    /// <summary>The supervision recorded on a child's case, oldest first.</summary>
    public async Task<IReadOnlyList<(ChronologyEntry Entry, Supervision Supervision)>> ForChildAsync(Guid partnershipId, Guid childId, CancellationToken ct = default)
    {
        var ids = db.EntrySubjects.Where(s => s.PersonId == childId).Select(s => s.EntryId);
        var entries = await db.Entries.AsNoTracking().Include(e => e.Subjects)
            .Where(e => e.PartnershipId == partnershipId && ids.Contains(e.Id) && e.Kind == EntryKinds.Supervision.Code).ToListAsync(ct);
        return [.. CaseFileLoader.Current(entries).Where(e => e.Details is Supervision).Select(e => (e.Entry, e.As<Supervision>()!))];
    }

    private async Task<Professional?> ProfessionalAsync(Guid partnershipId, Guid? id, string field, string message, Problems p, CancellationToken ct)
    {
        if (id is null)
        {
            p.Add(field, message);
            return null;
        }
        var found = await db.Professionals.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.PartnershipId == partnershipId, ct);
        if (found is null) p.Add(field, "No such professional in this partnership");
        return found;
    }
}

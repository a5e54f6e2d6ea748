using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;
using Chronicle.Core.Validation;

namespace Chronicle.Core.Casework;

/// <summary>
/// Who leads a child's statutory work: children's social care, the lead statutory body (domain-reference CP-11). Its
/// professionals start and end a child's plans and close the case, and a manager supervises only the workers of their
/// own agency (their own team's, when both have one) or those they manage. Another agency may close its own involvement (a
/// case closure naming that agency), and takes part in plans (owns items, reviews them) without starting or ending them.
/// </summary>
public static class StatutoryWork
{
    public const string PlansRefused = "Children's social care starts and ends a child's plans: ask the child's social worker";
    public const string ClosureRefused = "Children's social care closes a child's case: another agency closes only its own involvement";

    /// <summary>Whether professionals of this agency lead statutory work: start and end plans, close the case.</summary>
    public static bool Leads(AgencyKind? agency) => agency == AgencyKind.ChildrensSocialCare;

    /// <summary>Why a professional of this agency may not record these details, if they may not; null when they may.</summary>
    public static FieldError? Refusal(EntryDetails details, Guid recorderAgencyId, AgencyKind? recorderAgency) => details switch
    {
        _ when Leads(recorderAgency) => null,
        PlanStarted or PlanEnded => new FieldError("recordedByProfessionalId", PlansRefused),
        CaseClosure closure when closure.AgencyId != recorderAgencyId => new FieldError("recordedByProfessionalId", ClosureRefused),
        _ => null,
    };

    public const string ClosureThroughItsPage =
        "A case is closed on its closure page (or POST /api/children/{id}/closure), which asks about what is still open first";

    /// <summary>The professionals whose relation to the recorder decides whether they may record these details.</summary>
    public static IReadOnlyList<Guid> ProfessionalsNamed(EntryDetails details) => details switch
    {
        Supervision s => [s.SupervisorId, s.SuperviseeId],
        StaffAbsence a => [a.ProfessionalId],
        _ => [],
    };

    /// <summary>
    /// Why this recorder may not record these details about these professionals (<see cref="ProfessionalsNamed"/>), if
    /// they may not: a supervision is recorded by the manager who gave it or the worker who had it, and given only by a
    /// manager of that worker (<see cref="Supervises"/>); an absence by the absent professional's manager. The same rules
    /// as the supervision and absence pages, whichever way the entry is recorded.
    /// </summary>
    public static FieldError? Refusal(EntryDetails details, Professional recorder, IReadOnlyDictionary<Guid, Professional> named) => details switch
    {
        Supervision s when s.SupervisorId != recorder.Id && s.SuperviseeId != recorder.Id =>
            new FieldError("details.supervisorId", "Record a supervision you gave or had: you are neither its manager nor its worker"),
        Supervision s when named.GetValueOrDefault(s.SupervisorId) is { } manager && named.GetValueOrDefault(s.SuperviseeId) is { } worker && !Supervises(manager, worker) =>
            new FieldError("details.supervisorId", manager.AgencyId == worker.AgencyId
                ? $"Supervision is given by a manager: {manager.Name} is not {worker.Name}'s manager, or a team manager or conference chair of their team"
                : $"A manager supervises workers of their own agency: {worker.Name} works for another agency"),
        StaffAbsence a when named.GetValueOrDefault(a.ProfessionalId) is not { } absent || absent.ManagerId != recorder.Id =>
            new FieldError("details.professionalId", "An absence is recorded by the absent professional's manager: select someone you manage"),
        _ => null,
    };

    /// <summary>
    /// Whether <paramref name="manager"/> may record supervision of <paramref name="worker"/>: the worker's own manager,
    /// or a team manager or conference chair of the worker's agency (and team, when both have one); never another agency's.
    /// </summary>
    public static bool Supervises(Professional manager, Professional worker) =>
        worker.ManagerId == manager.Id
        || (Safeguards.AlertService.ManagerRoles.Contains(manager.Role) && manager.AgencyId == worker.AgencyId
            && (manager.TeamId is null || worker.TeamId is null || manager.TeamId == worker.TeamId) && manager.Id != worker.Id);
}

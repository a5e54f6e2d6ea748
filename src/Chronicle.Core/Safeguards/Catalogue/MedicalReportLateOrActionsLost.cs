using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;
using Chronicle.Core.Time;

namespace Chronicle.Core.Safeguards.Catalogue;

/// <summary>
/// SG-04: a child protection medical's report must reach the lead social worker in time, and every action in it must
/// have an owner and be done. Each of the three is its own cause, so each is raised when it falls due.
/// </summary>
public sealed class MedicalReportLateOrActionsLost : ISafeguard
{
    public static readonly SettingDefinition ReportWithin =
        new("report-within", "The medical's report received by the lead social worker within, from the medical", "2", "working days");
    public static readonly SettingDefinition OwnerWithin =
        new("owner-within", "Each action in the report has an owner within, from the report's receipt", "1", "working days");

    public string Id => "SG-04";
    public int Version => 1;
    public string Title => "Medical report late or its actions lost";
    public Severity Severity => Severity.Action;

    public IReadOnlyList<Lesson> Lessons { get; } =
    [
        new("000", "Baby R", "What we know about the family and what happened",
            "The assessment regarding Baby R's initial bruise took 6 days to complete, and was finished by the time the notes from the child protection medical were received 14 days after they were dictated. Those medical notes included actions for the social worker but there isn't evidence that they were completed."),
    ];

    public IReadOnlyList<SettingDefinition> Settings { get; } = [ReportWithin, OwnerWithin];

    /// <summary>Open medicals are read on the day and compared with several due times: looked at again each day while any is open.</summary>
    public DateTimeOffset? NextChange(CaseFile file, SafeguardContext context)
    {
        var now = context.Now;
        var open = OpenMedicals(file, now, now.Day());
        var next = new NextMoment(now).NextDayAroundChildChanges(file);
        return (open.Count == 0 ? next : next.Daily(file)).Earliest;
    }

    public IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context)
    {
        var now = context.Now;
        var open = OpenMedicals(file, now, now.Day());
        return open.Count == 0 ? [] : Findings(file, context, open);
    }

    /// <summary>A child protection medical with its report's receipt by social care (if known) and the reviews of its actions.</summary>
    private sealed record OpenMedical(CaseEntry Medical, ChildProtectionMedical Details, CaseEntry? Receipt, List<ItemProgress> Reviews);

    /// <summary>
    /// The medicals known by then whose report has not reached the lead social worker on the day (or social care), or
    /// with an action that has no owner or is not yet recorded as done. Whether each is overdue is for the moment asked.
    /// </summary>
    private static List<OpenMedical> OpenMedicals(CaseFile file, DateTimeOffset known, DateOnly day)
    {
        var open = new List<OpenMedical>();
        var medicals = file.KnownAboutChild<ChildProtectionMedical>(known);
        if (medicals.Count == 0) return open;
        var socialWorker = file.LeadSocialWorker(day);
        foreach (var (medical, details) in medicals)
        {
            var receipt = file.Known<MedicalReportReceived>(known)
                .Where(r => medical.IsReferencedBy(r.Details.MedicalEntryId) && ReachedSocialCare(file, r.Details.ReceivedByProfessionalId, socialWorker?.Id))
                .Select(r => r.Entry).OrderBy(r => r.When).FirstOrDefault();
            var reviews = file.Known<PlanReviewed>(known).Where(r => medical.IsReferencedBy(r.Details.PlanEntryId))
                .SelectMany(r => r.Details.Progress).ToList();
            var settled = receipt is not null;
            for (var i = 0; i < details.Actions.Count && settled; i++)
            {
                var action = details.Actions[i];
                var index = i;
                var owned = action.OwnerProfessionalId is not null || reviews.Exists(p => p.ItemIndex == index && p.OwnerProfessionalId is not null);
                var done = action.Due is null || reviews.Exists(p => p.ItemIndex == index && p.Achieved);
                settled = owned && done;
            }
            if (!settled) open.Add(new(medical, details, receipt, reviews));
        }
        return open;
    }

    private IEnumerable<Finding> Findings(CaseFile file, SafeguardContext context, List<OpenMedical> open)
    {
        var reportWithin = context.Policy.GetInt(Id, ReportWithin);
        var ownerWithin = context.Policy.GetInt(Id, OwnerWithin);
        foreach (var (medical, details, receipt, reviews) in open)
        {
            var socialWorker = file.LeadSocialWorker(context.Now.Day());

            var reportDue = context.Calendar.DueAfterWorkingDays(medical.When, reportWithin);
            if (receipt is null && context.Now > reportDue)
                yield return new Finding(
                    $"medical:{medical.CauseId()}:report",
                    "The report of a child protection medical has not been recorded as received by the lead social worker.",
                    $"Record the report's receipt by the lead social worker (it was due {FindingWords.By(reportDue)}).",
                    reportDue,
                    [medical.Id],
                    socialWorker?.Id);

            for (var i = 0; i < details.Actions.Count; i++)
            {
                var action = details.Actions[i];
                var index = i;
                var owner = action.OwnerProfessionalId ?? reviews.LastOrDefault(p => p.ItemIndex == index && p.OwnerProfessionalId is not null)?.OwnerProfessionalId;
                if (owner is null && receipt is not null)
                {
                    var ownerDue = context.Calendar.DueAfterWorkingDays(receipt.When, ownerWithin);
                    if (context.Now > ownerDue)
                        yield return new Finding(
                            $"medical:{medical.CauseId()}:action:{index}:owner",
                            $"Action {index + 1} in a child protection medical's report has no owner.",
                            $"Record who owns the action (a review of the medical's actions naming its owner); it was due {FindingWords.By(ownerDue)}.",
                            ownerDue,
                            [medical.Id, receipt.Id],
                            socialWorker?.Id);
                }
                if (action.Due is { } due && !reviews.Exists(p => p.ItemIndex == index && p.Achieved))
                {
                    var deadline = WorkingDayCalendar.EndOfUkDay(due);
                    if (context.Now > deadline)
                        yield return new Finding(
                            $"medical:{medical.CauseId()}:action:{index}:overdue",
                            $"Action {index + 1} in a child protection medical's report has passed its due date without being recorded as done.",
                            "Record the action as done (a review of the medical's actions), or hand it on with a reason.",
                            deadline,
                            [medical.Id],
                            owner ?? socialWorker?.Id);
                }
            }
        }
    }

    /// <summary>Received by the lead social worker; by children's social care when no receiver or no lead is named.</summary>
    private static bool ReachedSocialCare(CaseFile file, Guid? receiver, Guid? socialWorker) =>
        receiver is null || receiver == socialWorker || file.WorksFor(receiver, AgencyKind.ChildrensSocialCare);
}

using Chronicle.Core.Chronology.Details;

namespace Chronicle.Core.Safeguards.Catalogue;

/// <summary>
/// SG-24: a safety plan naming someone without saying what they do if concerns escalate and if the child cannot be
/// seen. One cause per plan; recording the plan again as a correction, with the contingencies, answers it.
/// </summary>
public sealed class SafetyPlanWithoutContingency : ISafeguard
{
    public static readonly SettingDefinition RecordWithin = new("record-within", "Contingencies recorded within", "1", "working days");

    public string Id => "SG-24";
    public int Version => 1;
    public string Title => "Safety plan without contingency";
    public Severity Severity => Severity.Action;

    public IReadOnlyList<Lesson> Lessons { get; } =
    [
        new("001", "Family L", "Our focus in this review: the safety plan",
            "There was no information recorded about what the school support worker should do if during visits concerns about the children escalated, or they could not see the children during visits."),
    ];

    public IReadOnlyList<SettingDefinition> Settings { get; } = [RecordWithin];

    /// <summary>A safety plan counts while it is active, and a plan may start or end ahead of its time.</summary>
    public DateTimeOffset? NextChange(CaseFile file, SafeguardContext context) =>
        HasSafetyPlan(file) ? new NextMoment(context.Now).NextEntryHappens(file).Earliest : null;

    public IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context)
    {
        if (!HasSafetyPlan(file)) return [];
        return Found(file, context);
    }

    private IEnumerable<Finding> Found(CaseFile file, SafeguardContext context)
    {
        var now = context.Now;
        foreach (var (entry, plan) in file.ActivePlans(now))
        {
            if (entry.RecordedAt > now || plan.Type != PlanType.Safety || !LacksContingencies(plan)) continue;
            var gaps = new List<string>();
            foreach (var participant in plan.Participants)
                if (!participant.HasContingencies) gaps.Add($"what {Who(file, participant)} should do {Missing(participant)}");
            var due = context.Calendar.DueAfterWorkingDays(entry.Knowable(), context.Policy.GetInt(Id, RecordWithin));
            yield return new Finding(
                $"safety-plan:{entry.CauseId()}",
                $"The safety plan of {TimelinessFacts.Describe(entry.When.Day())} does not say {TimelinessFacts.InWords(gaps)}.",
                $"Record, for everyone named in the safety plan, what they do if concerns escalate and if the child cannot be seen, by {TimelinessFacts.Describe(due)}.",
                due,
                [entry.Id],
                file.LeadProfessional(now.Day())?.Id);
        }
    }

    /// <summary>A safety plan for the child is on file, recorded at any time: few children have one.</summary>
    private static bool HasSafetyPlan(CaseFile file)
    {
        var plans = file.OfAboutChild<PlanStarted>();
        for (var i = 0; i < plans.Count; i++)
            if (((PlanStarted)plans[i].Details).Type == PlanType.Safety) return true;
        return false;
    }

    /// <summary>Someone named in the plan without what they do if concerns escalate and if the child cannot be seen.</summary>
    private static bool LacksContingencies(PlanStarted plan)
    {
        foreach (var participant in plan.Participants)
            if (!participant.HasContingencies) return true;
        return false;
    }

    /// <summary>The participant by name where the plan names a professional or a person; otherwise by the role it gives.</summary>
    private static string Who(CaseFile file, SafetyParticipant participant) =>
        file.FindProfessional(participant.ProfessionalId)?.Name
        ?? (participant.PersonId is { } id && file.People.TryGetValue(id, out var person) ? person.DisplayName : participant.Role);

    private static string Missing(SafetyParticipant participant) => string.Join(" or ", new[]
    {
        string.IsNullOrWhiteSpace(participant.IfConcernsEscalate) ? "if concerns escalate" : null,
        string.IsNullOrWhiteSpace(participant.IfChildCannotBeSeen) ? "if the child cannot be seen" : null,
    }.OfType<string>());
}

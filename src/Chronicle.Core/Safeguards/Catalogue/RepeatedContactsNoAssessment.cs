using Chronicle.Core.Chronology.Details;

namespace Chronicle.Core.Safeguards.Catalogue;

/// <summary>
/// SG-15: contacts keep arriving about a child or their brothers and sisters, and none leads to an assessment.
/// The cause is the contact that completes the count; later contacts join the same cause until a manager's
/// decision about the contacts, or a completed assessment, starts the count again.
/// </summary>
public sealed class RepeatedContactsNoAssessment : ISafeguard
{
    public static readonly SettingDefinition Count = new("count", "Contacts or referrals", "3", "contacts");
    public static readonly SettingDefinition Window = new("window", "Within", "12", "months");
    public static readonly SettingDefinition DecideWithin = new("decide-within", "Manager's decision within", "1", "working days");

    /// <summary>The assessments of a child's needs that answer a run of contacts.</summary>
    private static readonly AssessmentType[] Assessments =
        [AssessmentType.ChildAndFamily, AssessmentType.Section47, AssessmentType.EarlyHelp, AssessmentType.PreBirth];

    public string Id => "SG-15";
    public int Version => 1;
    public string Title => "Repeated contacts, no assessment";
    public Severity Severity => Severity.Action;

    public IReadOnlyList<Lesson> Lessons { get; } =
    [
        new("003", "Emily", "Additional issues: the long-term impact of neglect and domestic abuse",
            "In the subsequent two years there were 12 contacts with CSC expressing concern for the children's welfare, none of which resulted in a further assessment."),
    ];

    public IReadOnlyList<SettingDefinition> Settings { get; } = [Count, Window, DecideWithin];

    public IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context)
    {
        var count = context.Policy.GetInt(Id, Count);
        var months = context.Policy.GetInt(Id, Window);
        var now = context.Now;
        // The contacts counted are among the file's contacts: too few of those, and no run can reach the count.
        if (file.Of<ContactReceived>().Count < count) yield break;
        var group = file.SiblingGroup(now.Day());
        bool AboutGroup(CaseEntry e) => group.Any(e.Entry.IsAbout);

        var contacts = file.Known<ContactReceived>(now).Select(c => c.Entry).Where(AboutGroup).ToList();
        if (contacts.Count < count) yield break;
        var assessed = file.Known<AssessmentCompleted>(now)
            .Where(a => Assessments.Contains(a.Details.Type) && AboutGroup(a.Entry)).Select(a => a.Entry.When).ToList();
        var decisions = file.Known<DecisionRecorded>(now).Where(d => d.Details.AboutEntryId is not null).ToList();

        // When the run of contacts was answered: by an assessment, or (once the count is reached) by a decision about its contacts.
        DateTimeOffset? AnsweredBetween(DateTimeOffset after, CaseEntry? trigger, List<CaseEntry> run, DateTimeOffset upTo)
        {
            var answers = assessed.Where(a => a > after && a <= upTo).ToList();
            if (trigger is not null)
            {
                answers.AddRange(decisions.Where(d => d.Entry.When >= trigger.When && d.Entry.When <= upTo && run.Exists(r => r.IsReferencedBy(d.Details.AboutEntryId)))
                    .Select(d => d.Entry.When));
            }
            return answers.Count == 0 ? null : answers.Max();
        }

        var since = DateTimeOffset.MinValue;
        CaseEntry? cause = null;
        var run = new List<CaseEntry>();
        foreach (var contact in contacts)
        {
            if (AnsweredBetween(since, cause, run, contact.When) is { } answered)
            {
                since = answered;
                cause = null;
                run.RemoveAll(r => r.When <= since);
            }
            run.Add(contact);
            var windowStart = contact.When.Day().AddMonths(-months);
            if (cause is null && run.Count(r => r.When.Day() >= windowStart) >= count) cause = contact;
        }
        if (cause is null || AnsweredBetween(since, cause, run, now) is not null) yield break;

        var inWindow = run.Where(r => r.When.Day() >= cause.When.Day().AddMonths(-months) && r.When <= cause.When).ToList();
        var due = context.Calendar.DueAfterWorkingDays(cause.Knowable(), context.Policy.GetInt(Id, DecideWithin));
        var later = run.Count - inWindow.Count;
        yield return new Finding(
            $"contacts:{cause.CauseId()}",
            $"{inWindow.Count} contacts or referrals about {file.Child.DisplayName} or their brothers and sisters between " +
            $"{TimelinessFacts.Describe(inWindow[0].When.Day())} and {TimelinessFacts.Describe(cause.When.Day())}, and no assessment in that time" +
            (later > 0 ? $"; {later} more since." : "."),
            $"A front door manager to review the whole contact history and record a decision about these contacts by {TimelinessFacts.Describe(due)}.",
            due,
            [.. run.Select(r => r.Id)],
            file.FrontDoorManager()?.Id);
    }
}

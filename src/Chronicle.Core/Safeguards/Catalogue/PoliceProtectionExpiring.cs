using Chronicle.Core.Chronology.Details;

namespace Chronicle.Core.Safeguards.Catalogue;

/// <summary>
/// SG-27: police protection (Children Act 1989 s46) ends after 72 hours. Found as soon as police protection is
/// recorded, and again, as its own cause, once the warning time has passed with nothing decided; both are due when
/// police protection ends, and both clear when a court order entry (an application, an order, or a decision not to
/// apply) or a decision on a court application is recorded after the child was taken into police protection.
/// </summary>
public sealed class PoliceProtectionExpiring : ISafeguard
{
    public static readonly SettingDefinition WarnAt = new("warn-at", "Warn after", "48", "hours");
    public static readonly SettingDefinition Lasts = new("lasts", "Police protection lasts", "72", "hours");

    public string Id => "SG-27";
    public int Version => 1;
    public string Title => "Police protection expiring";
    public Severity Severity => Severity.Urgent;

    public IReadOnlyList<Lesson> Lessons { get; } =
    [
        new("002", "Family S22", "Child protection and the legal framework",
            "If a child is removed from their parents it is good practice to bring the case before the Family Court as soon as possible."),
        new("002", "Family S22", "Child protection and the legal framework",
            "Section 46 of the Children Act allows for a police officer to detain a child in a place of safety for a period of up to 72 hours."),
    ];

    public IReadOnlyList<SettingDefinition> Settings { get; } = [WarnAt, Lasts];

    /// <summary>The warning time of each police protection that no court step has answered.</summary>
    public DateTimeOffset? NextChange(CaseFile file, SafeguardContext context)
    {
        if (file.OfAboutChild<PoliceProtection>().Count == 0) return null;
        var next = new NextMoment(context.Now).NextEntryHappens(file);
        foreach (var (entry, _) in file.KnownAboutChild<PoliceProtection>(context.Now))
            if (!CourtStepSince(file, context.Now, entry.When)) next.At(entry.When.AddHours(context.Policy.GetInt(Id, WarnAt)));
        return next.Earliest;
    }

    public IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context)
    {
        // Police protection is rare: most children's files hold none.
        if (file.OfAboutChild<PoliceProtection>().Count == 0) return [];
        return Found(file, context);
    }

    private IEnumerable<Finding> Found(CaseFile file, SafeguardContext context)
    {
        var now = context.Now;
        foreach (var (entry, protection) in file.KnownAboutChild<PoliceProtection>(now))
        {
            if (CourtStepSince(file, now, entry.When)) continue;
            var ends = entry.When.AddHours(context.Policy.GetInt(Id, Lasts));
            var warnHours = context.Policy.GetInt(Id, WarnAt);
            var warnAt = entry.When.AddHours(warnHours);
            var owner = (file.LeadSocialWorker(now.Day()) ?? file.LeadProfessional(now.Day()))?.Id;
            var askFor = $"Record a decision on an emergency protection order or other court application before {TimelinessFacts.Describe(ends)}.";
            yield return new Finding(
                $"police-protection:{entry.CauseId()}",
                $"{file.Child.DisplayName} was taken into police protection at {TimelinessFacts.Describe(entry.When)} ({protection.PlaceOfSafety}); " +
                $"it {(now >= ends ? "ended" : "ends")} at {TimelinessFacts.Describe(ends)}.",
                askFor, ends, [entry.Id], owner);
            if (now >= warnAt)
                yield return new Finding(
                    $"police-protection-warning:{entry.CauseId()}",
                    $"{warnHours} hours have passed since {file.Child.DisplayName} was taken into police protection with no decision on a court " +
                    $"application recorded; police protection {(now >= ends ? "ended" : "ends")} at {TimelinessFacts.Describe(ends)}.",
                    askFor, ends, [entry.Id], owner);
        }
    }

    /// <summary>A court order entry, or a decision on a court application, about the child happened at or after the moment and was recorded by now.</summary>
    private static bool CourtStepSince(CaseFile file, DateTimeOffset now, DateTimeOffset since)
    {
        foreach (var (entry, _) in file.KnownAboutChild<CourtOrder>(now))
            if (entry.When >= since) return true;
        foreach (var (entry, decision) in file.KnownAboutChild<DecisionRecorded>(now))
            if (decision.Topic == DecisionTopic.CourtApplication && entry.When >= since) return true;
        return false;
    }
}

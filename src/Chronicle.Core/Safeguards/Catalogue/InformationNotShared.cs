using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;

namespace Chronicle.Core.Safeguards.Catalogue;

/// <summary>
/// SG-08: a significant entry about a child whose case is open must be shared with the team within the setting, and
/// the share acknowledged by a team member within the next. Sharing and acknowledging are separate causes, each
/// raised once its own time has passed.
/// </summary>
public sealed class InformationNotShared : ISafeguard
{
    public static readonly SettingDefinition ShareWithin =
        new("share-within", "A significant entry shared with the team within, from its recording", "1", "working days");
    public static readonly SettingDefinition AcknowledgeWithin =
        new("acknowledge-within", "The share acknowledged by a team member within, from the share", "2", "working days");

    public string Id => "SG-08";
    public int Version => 1;
    public string Title => "Information not shared";
    public Severity Severity => Severity.Action;

    public IReadOnlyList<Lesson> Lessons { get; } =
    [
        new("001", "Family L", "Our focus in this review",
            "Information provided to children's social care in January 2014 was not shared with other professionals until the Child Protection Conference in May 2014."),
        new("000", "Baby R", "What we can do differently in the future",
            "Share records in relation to child protection promptly – if professionals don't know about actions they can't complete them."),
    ];

    public IReadOnlyList<SettingDefinition> Settings { get; } = [ShareWithin, AcknowledgeWithin];

    public IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context)
    {
        var shareWithin = context.Policy.GetInt(Id, ShareWithin);
        var acknowledgeWithin = context.Policy.GetInt(Id, AcknowledgeWithin);
        var team = file.TeamProfessionals(context.Now.Day());
        var shares = file.Known<InformationShared>(context.Now).ToList();
        var acknowledgements = file.Known<InformationAcknowledged>(context.Now).ToList();
        var openAt = file.OpenCaseOverTime();

        foreach (var entry in file.Entries)
        {
            if (!NeedsSharing(file, context, entry)) continue;
            var recorder = entry.Entry.RecordedByProfessionalId;
            var sharesOfIt = shares.Where(s => entry.IsReferencedBy(s.Details.AboutEntryId)).Select(s => s.Entry).OrderBy(s => s.RecordedAt).ToList();
            if (sharesOfIt.Count == 0)
            {
                var shareDue = context.Calendar.DueAfterWorkingDays(entry.RecordedAt, shareWithin);
                if (context.Now > shareDue && openAt(entry.RecordedAt))
                    yield return new Finding(
                        $"share:{entry.CauseId()}",
                        $"A significant entry ({EntryKinds.Of(entry.Details).Label.ToLowerInvariant()}) about a child whose case is open has not been shared with the team.",
                        $"Share it with the team around the child (it was due {FindingWords.By(shareDue)}); each recipient acknowledges it.",
                        shareDue,
                        [entry.Id],
                        recorder);
                continue;
            }
            var acknowledged = acknowledgements.Exists(a => sharesOfIt.Exists(s => s.IsReferencedBy(a.Details.SharedEntryId)) && team.Contains(a.Details.ProfessionalId));
            if (acknowledged) continue;
            var acknowledgeDue = context.Calendar.DueAfterWorkingDays(sharesOfIt[0].RecordedAt, acknowledgeWithin);
            if (context.Now > acknowledgeDue && openAt(entry.RecordedAt))
                yield return new Finding(
                    $"acknowledge:{entry.CauseId()}",
                    $"A significant entry ({EntryKinds.Of(entry.Details).Label.ToLowerInvariant()}) was shared, but no one in the team around the child has acknowledged it.",
                    $"Each recipient acknowledges the information (it was due {FindingWords.By(acknowledgeDue)}).",
                    acknowledgeDue,
                    [entry.Id, .. sharesOfIt.Select(s => s.Id)],
                    recorder);
        }
    }

    /// <summary>
    /// Significant or critical, about the child, and for the team to see (restricted entries are shared by their own
    /// rules). Shares and acknowledgements are themselves the sharing. Whether the case was open when it was recorded is
    /// asked last, only of what is overdue.
    /// </summary>
    private static bool NeedsSharing(CaseFile file, SafeguardContext context, CaseEntry entry) =>
        entry.RecordedAt <= context.Now
        && entry.Entry.Significance is Significance.Significant or Significance.Critical
        && entry.Entry.SharingLevel == SharingLevel.Team
        && entry.Details is not (InformationShared or InformationAcknowledged)
        && entry.Entry.IsAbout(file.Child.Id);
}

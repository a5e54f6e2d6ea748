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

    /// <summary>The due time of each outstanding share or acknowledgement, and the days the team around the child changes.</summary>
    public DateTimeOffset? NextChange(CaseFile file, SafeguardContext context)
    {
        var now = context.Now;
        var outstanding = Outstanding(file, now, now.Day());
        var next = new NextMoment(now).NextDayAroundChildChanges(file);
        foreach (var (entry, firstShared) in outstanding)
            next.At(firstShared is { } sharedAt
                ? context.Calendar.DueAfterWorkingDays(sharedAt, context.Policy.GetInt(Id, AcknowledgeWithin))
                : context.Calendar.DueAfterWorkingDays(entry.RecordedAt, context.Policy.GetInt(Id, ShareWithin)));
        return next.Earliest;
    }

    public IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context)
    {
        var now = context.Now;
        var outstanding = Outstanding(file, now, now.Day());
        return outstanding.Count == 0 ? [] : Findings(file, context, outstanding);
    }

    private IEnumerable<Finding> Findings(CaseFile file, SafeguardContext context, List<(CaseEntry Entry, DateTimeOffset? FirstShared)> outstanding)
    {
        var now = context.Now;
        var shareWithin = context.Policy.GetInt(Id, ShareWithin);
        var acknowledgeWithin = context.Policy.GetInt(Id, AcknowledgeWithin);
        foreach (var (entry, firstShared) in outstanding)
        {
            if (firstShared is not { } sharedAt)
            {
                var shareDue = context.Calendar.DueAfterWorkingDays(entry.RecordedAt, shareWithin);
                if (now > shareDue)
                    yield return new Finding(
                        $"share:{entry.CauseId()}",
                        $"A significant entry ({EntryKinds.Of(entry.Details).Label.ToLowerInvariant()}) about a child whose case is open has not been shared with the team.",
                        $"Share it with the team around the child (it was due {FindingWords.By(shareDue)}); each recipient acknowledges it.",
                        shareDue,
                        [entry.Id],
                        entry.Entry.RecordedByProfessionalId);
                continue;
            }
            var acknowledgeDue = context.Calendar.DueAfterWorkingDays(sharedAt, acknowledgeWithin);
            if (now > acknowledgeDue)
                yield return new Finding(
                    $"acknowledge:{entry.CauseId()}",
                    $"A significant entry ({EntryKinds.Of(entry.Details).Label.ToLowerInvariant()}) was shared, but no one in the team around the child has acknowledged it.",
                    $"Each recipient acknowledges the information (it was due {FindingWords.By(acknowledgeDue)}).",
                    acknowledgeDue,
                    [entry.Id, .. SharesKnownBy(file, entry, now)],
                    entry.Entry.RecordedByProfessionalId);
        }
    }

    /// <summary>
    /// The significant entries known by <paramref name="known"/>, recorded while the child's case was open, that are not
    /// shared, or shared (with when the first share was recorded) but not acknowledged by anyone in the team around the
    /// child on <paramref name="day"/>, oldest first. Whether each is overdue is for the moment asked.
    /// </summary>
    private static List<(CaseEntry Entry, DateTimeOffset? FirstShared)> Outstanding(CaseFile file, DateTimeOffset known, DateOnly day)
    {
        var sharesOf = file.Pointing<InformationShared>(static s => s.AboutEntryId);
        var acknowledgementsOf = file.Pointing<InformationAcknowledged>(static a => a.SharedEntryId);
        List<(CaseEntry, DateTimeOffset?)>? outstanding = null;
        IReadOnlySet<Guid>? team = null;
        Func<DateTimeOffset, bool>? openAt = null;
        foreach (var entry in file.EntriesAboutChild)
        {
            if (entry.RecordedAt > known || !NeedsSharing(entry)) continue;
            var direct = sharesOf.GetValueOrDefault(entry.Id);
            var corrected = entry.Entry.SupersedesEntryId is { } id ? sharesOf.GetValueOrDefault(id) : null;
            var firstShared = FirstRecorded(direct, FirstRecorded(corrected, null, known), known);
            if (firstShared is not null
                && (AcknowledgedByTeam(direct, acknowledgementsOf, team ??= file.TeamProfessionals(day), known)
                    || AcknowledgedByTeam(corrected, acknowledgementsOf, team, known))) continue;
            if (!(openAt ??= file.OpenCaseOverTime())(entry.RecordedAt)) continue;
            (outstanding ??= []).Add((entry, firstShared));
        }
        return outstanding ?? None;
    }

    /// <summary>When the earliest of the shares known by then was recorded, or <paramref name="earliest"/> if that is earlier.</summary>
    private static DateTimeOffset? FirstRecorded(List<CaseEntry>? shares, DateTimeOffset? earliest, DateTimeOffset known)
    {
        if (shares is null) return earliest;
        foreach (var share in shares)
            if (share.RecordedAt <= known && (earliest is null || share.RecordedAt < earliest)) earliest = share.RecordedAt;
        return earliest;
    }

    /// <summary>A member of the team acknowledged one of these shares, each known by then, by then (an acknowledgement of a share's earlier version counts).</summary>
    private static bool AcknowledgedByTeam(List<CaseEntry>? shares, Dictionary<Guid, List<CaseEntry>> acknowledgementsOf, IReadOnlySet<Guid> team, DateTimeOffset known)
    {
        if (shares is null) return false;
        foreach (var share in shares)
        {
            if (share.RecordedAt > known) continue;
            if (AnyByTeam(acknowledgementsOf.GetValueOrDefault(share.Id), team, known)) return true;
            if (share.Entry.SupersedesEntryId is { } id && AnyByTeam(acknowledgementsOf.GetValueOrDefault(id), team, known)) return true;
        }
        return false;
    }

    private static bool AnyByTeam(List<CaseEntry>? acknowledgements, IReadOnlySet<Guid> team, DateTimeOffset known)
    {
        if (acknowledgements is null) return false;
        foreach (var a in acknowledgements)
            if (a.RecordedAt <= known && team.Contains(((InformationAcknowledged)a.Details).ProfessionalId)) return true;
        return false;
    }

    private static readonly List<(CaseEntry, DateTimeOffset?)> None = [];

    /// <summary>The entry's shares known by now, earliest recorded first.</summary>
    private static IEnumerable<Guid> SharesKnownBy(CaseFile file, CaseEntry entry, DateTimeOffset now) =>
        SharesOf(entry, file.Pointing<InformationShared>(static s => s.AboutEntryId), now, null).Select(s => s.Id);

    /// <summary>
    /// Significant or critical, and for the team to see (restricted entries are shared by their own rules). Shares and
    /// acknowledgements are themselves the sharing. Whether the case was open when it was recorded is asked last, only
    /// of what is overdue.
    /// </summary>
    private static bool NeedsSharing(CaseEntry entry) =>
        entry.Entry.Significance is Significance.Significant or Significance.Critical
        && entry.Entry.SharingLevel == SharingLevel.Team
        && entry.Details is not (InformationShared or InformationAcknowledged);

    /// <summary>The shares of the entry (or of the entry it corrects) recorded by now, earliest recorded first; the list is reused.</summary>
    private static List<CaseEntry> SharesOf(CaseEntry entry, Dictionary<Guid, List<CaseEntry>> sharesOf, DateTimeOffset now, List<CaseEntry>? reuse)
    {
        var found = reuse ?? [];
        found.Clear();
        var direct = sharesOf.GetValueOrDefault(entry.Id);
        var corrected = entry.Entry.SupersedesEntryId is { } id ? sharesOf.GetValueOrDefault(id) : null;
        if (direct is null && corrected is null) return found;
        if (direct is not null)
            foreach (var share in direct)
                if (share.RecordedAt <= now) found.Add(share);
        if (corrected is not null)
        {
            foreach (var share in corrected)
                if (share.RecordedAt <= now) found.Add(share);
            // In chronology order, as both lists are, before ordering by when each was recorded.
            var merged = found.OrderBy(s => s.When).ThenBy(s => s.RecordedAt).ToList();
            found.Clear();
            found.AddRange(merged);
        }
        if (found.Count > 1)
        {
            var ordered = found.OrderBy(s => s.RecordedAt).ToList();
            found.Clear();
            found.AddRange(ordered);
        }
        return found;
    }
}

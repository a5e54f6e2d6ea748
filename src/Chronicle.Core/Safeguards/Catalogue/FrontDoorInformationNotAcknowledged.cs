using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;

namespace Chronicle.Core.Safeguards.Catalogue;

/// <summary>
/// SG-30: information about a child is shared with children's social care at the front door, before any assessment,
/// enquiry or plan is open (when SG-08 does not yet look), and children's social care does not acknowledge it within the
/// setting: what the front door was told is not on its record.
/// </summary>
public sealed class FrontDoorInformationNotAcknowledged : ISafeguard
{
    public static readonly SettingDefinition AcknowledgeWithin =
        new("acknowledge-within", "Children's social care acknowledges information shared with the front door within", "1", "working days");

    public string Id => "SG-30";
    public int Version => 1;
    public string Title => "Front door information not recorded";
    public Severity Severity => Severity.Action;

    public IReadOnlyList<Lesson> Lessons { get; } =
    [
        new("bury-immobile", "Bury: bruising in immobile babies (rapid review)", "Learning",
            "There was a lack of recording, within the MASH, despite detailed conversations on the day from the Health Visitor."),
    ];

    public IReadOnlyList<SettingDefinition> Settings { get; } = [AcknowledgeWithin];

    /// <summary>The due time of each share still within it.</summary>
    public DateTimeOffset? NextChange(CaseFile file, SafeguardContext context)
    {
        var next = new NextMoment(context.Now);
        var within = context.Policy.GetInt(Id, AcknowledgeWithin);
        foreach (var (share, _) in file.KnownAboutChild<InformationShared>(context.Now))
            next.At(context.Calendar.DueAfterWorkingDays(share.When, within));
        return next.Earliest;
    }

    public IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context)
    {
        var now = context.Now;
        var shares = file.KnownAboutChild<InformationShared>(now);
        if (shares.Count == 0) return [];
        var within = context.Policy.GetInt(Id, AcknowledgeWithin);
        List<Finding>? found = null;
        foreach (var (share, details) in shares)
        {
            var frontDoor = details.RecipientProfessionalIds.Where(p => file.WorksFor(p, AgencyKind.ChildrensSocialCare)).ToList();
            var toAgency = details.RecipientAgencyIds.Any(a => file.Agencies.TryGetValue(a, out var agency) && agency.Kind == AgencyKind.ChildrensSocialCare);
            if (frontDoor.Count == 0 && !toAgency) continue;
            if (file.RecordedBy(share, AgencyKind.ChildrensSocialCare) || file.IsOpenCase(share.When)) continue;
            var due = context.Calendar.DueAfterWorkingDays(share.When, within);
            if (now <= due || Acknowledged(file, share, details, now)) continue;
            (found ??= []).Add(new Finding(
                $"front-door-share:{share.CauseId()}",
                $"Information shared with children's social care on {TimelinessFacts.Describe(share.Day())}, before any assessment or enquiry was open, has not been acknowledged: it is not on the front door's record.",
                "Children's social care acknowledges the information and records what it was told, with its decision on it.",
                due,
                [share.Id],
                frontDoor.Count > 0 ? frontDoor[0] : file.FrontDoorManager()?.Id));
        }
        return found ?? [];
    }

    /// <summary>
    /// The front door has what it was told on its record: a children's social care professional acknowledged the share,
    /// or children's social care recorded its decision on it (a decision about the share or the entry it shares, or its
    /// decision on a contact naming the share itself or the contact it shares), as the catalogue asks.
    /// </summary>
    private static bool Acknowledged(CaseFile file, CaseEntry share, InformationShared details, DateTimeOffset now)
    {
        foreach (var (_, acknowledgement) in file.Known<InformationAcknowledged>(now))
            if (share.IsReferencedBy(acknowledgement.SharedEntryId) && file.WorksFor(acknowledgement.ProfessionalId, AgencyKind.ChildrensSocialCare)) return true;
        foreach (var (decision, recorded) in file.Known<DecisionRecorded>(now))
            if (recorded.AboutEntryId is { } about && (share.IsReferencedBy(about) || about == details.AboutEntryId)
                && decision.RecordedAt >= share.RecordedAt && file.RecordedBy(decision, AgencyKind.ChildrensSocialCare)) return true;
        foreach (var (decision, onContact) in file.Known<ContactDecision>(now))
            if ((share.IsReferencedBy(onContact.ContactEntryId) || (details.AboutEntryId is { } about && onContact.ContactEntryId == about))
                && decision.RecordedAt >= share.RecordedAt && file.RecordedBy(decision, AgencyKind.ChildrensSocialCare)) return true;
        return false;
    }
}

using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;

namespace Chronicle.Core.Safeguards.Catalogue;

/// <summary>
/// SG-11: one agency records that the child (or someone the child lives with) has moved while the case is open, and
/// the lead professional has not acknowledged it within the setting.
/// </summary>
public sealed class MoveNotPassedOn : ISafeguard
{
    public static readonly SettingDefinition AcknowledgeWithin =
        new("acknowledge-within", "The lead professional acknowledges a change of address within, from its recording", "1", "working days");

    public string Id => "SG-11";
    public int Version => 1;
    public string Title => "A move not passed on";
    public Severity Severity => Severity.Action;

    public IReadOnlyList<Lesson> Lessons { get; } =
    [
        new("003", "Emily", "Keeping plans up-to-date and reflecting changes in circumstances",
            "Health professionals who become aware that a family has moved home ensure that relevant professionals are informed of the change of address as soon as possible."),
    ];

    public IReadOnlyList<SettingDefinition> Settings { get; } = [AcknowledgeWithin];

    public IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context)
    {
        var acknowledgeWithin = context.Policy.GetInt(Id, AcknowledgeWithin);
        if (file.Of<AddressChange>().Count == 0) yield break;
        var sharesOf = file.Pointing<InformationShared>("shares-by-entry", static s => s.AboutEntryId);
        var acknowledgementsOf = file.Pointing<InformationAcknowledged>("acknowledgements-by-share", static a => a.SharedEntryId);
        var openAt = file.OpenCaseOverTime();
        foreach (var (move, details) in file.Known<AddressChange>(context.Now))
        {
            var household = file.HouseholdOn(move.Day()).Append(file.Child.Id).ToHashSet();
            if (!move.Entry.Subjects.Exists(s => household.Contains(s.PersonId)) || !openAt(move.RecordedAt)) continue;

            var leads = new[] { file.LeadProfessional(move.Day()), file.LeadProfessional(context.Now.Day()) }.OfType<Professional>().Select(p => p.Id).ToHashSet();
            bool IsLead(Guid professional) => leads.Contains(professional) || (leads.Count == 0 && file.WorksFor(professional, AgencyKind.ChildrensSocialCare));
            if (IsLead(move.Entry.RecordedByProfessionalId)) continue;

            var acknowledged = Pointing(sharesOf, move, context.Now).Any(share => Pointing(acknowledgementsOf, share, context.Now).Any(a => IsLead(((InformationAcknowledged)a.Details).ProfessionalId)))
                               || file.Known<AddressChange>(context.Now).Any(other => other.Entry.RecordedAt >= move.RecordedAt && IsLead(other.Entry.Entry.RecordedByProfessionalId)
                                                                                    && AddressFact.Normalise(other.Details.NewAddress) == AddressFact.Normalise(details.NewAddress));
            if (acknowledged) continue;

            var due = context.Calendar.DueAfterWorkingDays(move.RecordedAt, acknowledgeWithin);
            if (context.Now <= due) continue;
            yield return new Finding(
                $"move:{move.CauseId()}",
                "A change of address recorded by one agency has not been acknowledged by the lead professional.",
                $"Share the move with the lead professional and the team; the lead professional acknowledges it (it was due {FindingWords.By(due)}).",
                due,
                [move.Id],
                move.Entry.RecordedByProfessionalId);
        }
    }

    /// <summary>The entries recorded by now that point at the entry, or at the entry it corrects.</summary>
    private static IEnumerable<CaseEntry> Pointing(Dictionary<Guid, List<CaseEntry>> index, CaseEntry at, DateTimeOffset now)
    {
        if (index.TryGetValue(at.Id, out var direct))
            foreach (var e in direct)
                if (e.RecordedAt <= now) yield return e;
        if (at.Entry.SupersedesEntryId is { } corrected && index.TryGetValue(corrected, out var earlier))
            foreach (var e in earlier)
                if (e.RecordedAt <= now) yield return e;
    }
}

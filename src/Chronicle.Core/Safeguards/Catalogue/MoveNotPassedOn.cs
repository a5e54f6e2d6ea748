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

    /// <summary>The due time of each move, and the days the lead professional may change.</summary>
    public DateTimeOffset? NextChange(CaseFile file, SafeguardContext context)
    {
        if (file.Of<AddressChange>().Count == 0) return null;
        var next = new NextMoment(context.Now).NextDayAroundChildChanges(file);
        var acknowledgeWithin = context.Policy.GetInt(Id, AcknowledgeWithin);
        foreach (var entry in file.Of<AddressChange>())
            next.At(context.Calendar.DueAfterWorkingDays(entry.RecordedAt, acknowledgeWithin));
        return next.Earliest;
    }

    public IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context)
    {
        if (file.Of<AddressChange>().Count == 0) return [];
        var moves = MovesWhileOpen(file);
        return moves.Count == 0 ? [] : Findings(file, moves, context);
    }

    /// <summary>Each move known by now, recorded by someone other than the lead professional, that no lead has acknowledged in time.</summary>
    private IEnumerable<Finding> Findings(CaseFile file, List<Move> moves, SafeguardContext context)
    {
        var now = context.Now;
        var acknowledgeWithin = context.Policy.GetInt(Id, AcknowledgeWithin);
        Guid? leadNow = null;
        var leadNowKnown = false;
        foreach (var move in moves)
        {
            var entry = move.Entry;
            if (entry.RecordedAt > now) continue;
            if (!leadNowKnown) (leadNow, leadNowKnown) = (file.LeadProfessional(now.Day())?.Id, true);
            if (IsLead(file, entry.Entry.RecordedByProfessionalId, move.LeadThen, leadNow) || Acknowledged(file, move, leadNow, now)) continue;

            var due = context.Calendar.DueAfterWorkingDays(entry.RecordedAt, acknowledgeWithin);
            if (now <= due) continue;
            yield return new Finding(
                $"move:{entry.CauseId()}",
                "A change of address recorded by one agency has not been acknowledged by the lead professional.",
                $"Share the move with the lead professional and the team; the lead professional acknowledges it (it was due {FindingWords.By(due)}).",
                due,
                [entry.Id],
                entry.Entry.RecordedByProfessionalId);
        }
    }

    /// <summary>
    /// A change of address of the child or someone the child lived with, recorded while the case was open; the lead
    /// professional on the day of the move; and who could acknowledge it, from when.
    /// </summary>
    private sealed record Move(CaseEntry Entry, Guid? LeadThen, Acknowledger[] AcknowledgedBy);

    /// <summary>
    /// Someone who, once known, answers a move if they are the lead professional: an acknowledgement of a share of the
    /// move, or the same new address recorded by them since.
    /// </summary>
    private readonly record struct Acknowledger(Guid ProfessionalId, DateTimeOffset KnownFrom);

    /// <summary>The moves of the child's household recorded while the case was open, from all its entries.</summary>
    private static List<Move> MovesWhileOpen(CaseFile file)
    {
        var moves = new List<Move>();
        var all = file.Of<AddressChange>();
        var openAt = file.OpenCaseOverTime();
        var sharesOf = file.Pointing<InformationShared>(static s => s.AboutEntryId);
        var acknowledgementsOf = file.Pointing<InformationAcknowledged>(static a => a.SharedEntryId);
        string[]? addresses = null;
        for (var i = 0; i < all.Count; i++)
        {
            var move = all[i];
            if (!OfHousehold(file, move) || !openAt(move.RecordedAt)) continue;
            addresses ??= [.. all.Select(m => AddressFact.Normalise(((AddressChange)m.Details).NewAddress))];
            var acknowledgers = new List<Acknowledger>();
            foreach (var share in Pointing(sharesOf, move))
                foreach (var acknowledgement in Pointing(acknowledgementsOf, share))
                    acknowledgers.Add(new(((InformationAcknowledged)acknowledgement.Details).ProfessionalId, Later(share.RecordedAt, acknowledgement.RecordedAt)));
            for (var j = 0; j < all.Count; j++)
                if (all[j].RecordedAt >= move.RecordedAt && addresses[j] == addresses[i])
                    acknowledgers.Add(new(all[j].Entry.RecordedByProfessionalId, all[j].RecordedAt));
            moves.Add(new Move(move, file.LeadProfessional(move.Day())?.Id, [.. acknowledgers]));
        }
        return moves;
    }

    /// <summary>The move is about the child or someone living with the child on the day.</summary>
    private static bool OfHousehold(CaseFile file, CaseEntry move)
    {
        var household = file.HouseholdOn(move.Day());
        foreach (var subject in move.Entry.Subjects)
            if (subject.PersonId == file.Child.Id || household.Contains(subject.PersonId)) return true;
        return false;
    }

    /// <summary>The lead professional on the day of the move or now; when there is neither, anyone from children's social care.</summary>
    private static bool IsLead(CaseFile file, Guid professional, Guid? leadThen, Guid? leadNow) =>
        professional == leadThen || professional == leadNow || (leadThen is null && leadNow is null && file.WorksFor(professional, AgencyKind.ChildrensSocialCare));

    /// <summary>A lead professional, by now, acknowledged a share of the move or recorded the same new address since.</summary>
    private static bool Acknowledged(CaseFile file, Move move, Guid? leadNow, DateTimeOffset now)
    {
        foreach (var acknowledger in move.AcknowledgedBy)
            if (acknowledger.KnownFrom <= now && IsLead(file, acknowledger.ProfessionalId, move.LeadThen, leadNow)) return true;
        return false;
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>The entries that point at the entry, or at the entry it corrects.</summary>
    private static IEnumerable<CaseEntry> Pointing(Dictionary<Guid, List<CaseEntry>> index, CaseEntry at)
    {
        if (index.TryGetValue(at.Id, out var direct))
            foreach (var e in direct)
                yield return e;
        if (at.Entry.SupersedesEntryId is { } corrected && index.TryGetValue(corrected, out var earlier))
            foreach (var e in earlier)
                yield return e;
    }
}

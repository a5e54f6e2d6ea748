using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;
using Chronicle.Core.Time;

namespace Chronicle.Core.Safeguards.Catalogue;

/// <summary>
/// SG-28: a hospital discharge planned or completed for a child in an open section 47 enquiry, on a child protection
/// plan, or for whom SG-01 (injury to a non-mobile child) found a cause, each as the record stood when the discharge
/// was recorded, with no discharge decision recorded by children's social care during the hospital stay. One cause per stay (from the latest admission or
/// attendance before the discharge): a planned and a completed discharge are the same occasion.
/// </summary>
public sealed class DischargeWithoutSafetyDecision : ISafeguard
{
    private readonly Func<ISafeguard?> _nonMobileInjury;

    // The catalogue is built from every safeguard, this one included, so SG-01 is looked up when first needed.
    private static readonly Lazy<ISafeguard?> CataloguedNonMobileInjury = new(() => SafeguardCatalogue.Find("SG-01"));

    public DischargeWithoutSafetyDecision() : this(() => CataloguedNonMobileInjury.Value) { }

    /// <summary>For tests: the safeguard that stands for SG-01.</summary>
    public DischargeWithoutSafetyDecision(Func<ISafeguard?> nonMobileInjury) => _nonMobileInjury = nonMobileInjury;

    public string Id => "SG-28";
    public int Version => 1;
    public string Title => "Discharge without a safety decision";
    public Severity Severity => Severity.Urgent;

    public IReadOnlyList<Lesson> Lessons { get; } =
    [
        new("002", "Family S22", "The significance of bruising in non-mobile babies and children",
            "The decision about whether it is safe to discharge a baby should always be based on the main carer of the baby, any reassurances which suggest a reduction in risk should be carefully considered."),
    ];

    public IReadOnlyList<SettingDefinition> Settings { get; } = [];

    /// <summary>Discharges are judged as they stood when they became known: time alone changes nothing.</summary>
    public DateTimeOffset? NextChange(CaseFile file, SafeguardContext context) => null;

    public IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context)
    {
        // SG-01 finds nothing without an injury on record; a stand-in for it (in tests) might, so then every discharge counts.
        var undecided = _nonMobileInjury() is NonMobileInjury or null
            ? Undecided(file, context.Now, afterInjuryOnly: true)
            : Undecided(file, context.Now, afterInjuryOnly: false);
        return undecided.Count == 0 ? [] : Findings(file, context, undecided);
    }

    /// <summary>
    /// The discharges known by then, each with the stay it ends, with no discharge decision by children's social care
    /// since the stay began, during an enquiry or a plan or once an injury to the child was on record.
    /// </summary>
    private static List<(CaseEntry Entry, HospitalDischarge Discharge, CaseEntry? Stay)> Undecided(CaseFile file, DateTimeOffset known, bool afterInjuryOnly)
    {
        var discharges = file.KnownAboutChild<HospitalDischarge>(known);
        if (discharges.Count == 0) return [];
        var stays = file.KnownAboutChild<HospitalAdmission>(known).Select(a => a.Entry)
            .Concat(file.KnownAboutChild<HospitalAttendance>(known).Select(a => a.Entry))
            .OrderBy(e => e.When).ToList();
        var decisions = file.KnownAboutChild<DischargeDecision>(known)
            .Where(d => file.Agencies.TryGetValue(d.Entry.Entry.RecordedByAgencyId, out var agency) && agency.Kind == AgencyKind.ChildrensSocialCare)
            .Select(d => d.Entry.When).ToList();
        var undecided = new List<(CaseEntry, HospitalDischarge, CaseEntry?)>();
        foreach (var (entry, discharge) in discharges)
        {
            var stay = stays.LastOrDefault(s => s.When <= entry.When);
            var from = stay?.When ?? DateTimeOffset.MinValue;
            if (decisions.Any(d => d >= from)) continue;
            // Only a discharge in an enquiry, on a plan or after an injury was recorded can need a decision.
            if (file.HasOpenEnquiry(entry.When) || file.IsOnChildProtectionPlan(entry.When) || !afterInjuryOnly || InjuryKnownBy(file, entry.Knowable()))
                undecided.Add((entry, discharge, stay));
        }
        return undecided;
    }

    private IEnumerable<Finding> Findings(CaseFile file, SafeguardContext context, List<(CaseEntry Entry, HospitalDischarge Discharge, CaseEntry? Stay)> undecided)
    {
        var now = context.Now;
        var seen = new HashSet<Guid>();
        foreach (var (entry, discharge, stay) in undecided)
        {
            var why = file.HasOpenEnquiry(entry.When) ? "in an open section 47 enquiry"
                : file.IsOnChildProtectionPlan(entry.When) ? "on a child protection plan"
                : NonMobileInjuryOpen(file, context, entry) ? "with an injury to a non-mobile child under consideration"
                : null;
            if (why is null || !seen.Add(stay?.Id ?? entry.Id)) continue;

            yield return new Finding(
                $"discharge:{entry.CauseId()}",
                $"A hospital discharge of {file.Child.DisplayName} was {(discharge.Stage == DischargeStage.Planned ? "planned" : "recorded")} on " +
                $"{TimelinessFacts.Describe(entry.When.Day())}, {why}, with no discharge decision by children's social care.",
                "Children's social care to record the discharge decision, naming who the child goes home to and the safety plan, before the child leaves hospital.",
                WorkingDayCalendar.EndOfUkDay(entry.When.Day()),
                [entry.Id, .. stay is null ? Array.Empty<Guid>() : [stay.Id]],
                SafeguardingNurse(file, entry, now));
        }
    }

    private bool NonMobileInjuryOpen(CaseFile file, SafeguardContext context, CaseEntry discharge)
    {
        var then = discharge.Knowable();
        var injuryAlert = _nonMobileInjury();
        // SG-01 looks only at injuries to the child: with none on record by then, there is no need to rebuild the file as it stood.
        if (injuryAlert is null || (injuryAlert is NonMobileInjury && !InjuryKnownBy(file, then))) return false;
        // SG-01 reads only what was recorded by its moment, so it can read this file as it stood without a copy of it.
        return injuryAlert.Evaluate(injuryAlert is NonMobileInjury ? file : file.AsAt(then), context with { Now = then }).Any();
    }

    private static bool InjuryKnownBy(CaseFile file, DateTimeOffset then)
    {
        foreach (var injury in file.OfAboutChild<InjuryObserved>())
            if (injury.RecordedAt <= then) return true;
        return false;
    }

    /// <summary>The hospital safeguarding team: a safeguarding nurse working with the child, or one of the discharging hospital's.</summary>
    private static Guid? SafeguardingNurse(CaseFile file, CaseEntry discharge, DateTimeOffset now)
    {
        var nurses = file.Professionals.Values.Where(p => p.Role == ProfessionalRole.HospitalSafeguardingNurse).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        var team = file.Team(now.Day()).Select(i => i.ProfessionalId).ToHashSet();
        return (nurses.FirstOrDefault(n => team.Contains(n.Id)) ?? nurses.FirstOrDefault(n => n.AgencyId == discharge.Entry.RecordedByAgencyId))?.Id;
    }
}

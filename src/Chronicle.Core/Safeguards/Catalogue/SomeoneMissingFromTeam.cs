using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;

namespace Chronicle.Core.Safeguards.Catalogue;

/// <summary>
/// SG-09: while a section 47 enquiry or a plan is open, an agency that has recorded something about the child, a
/// parent or someone the child lives with, at a time it had no involvement with them, is not in the team around the
/// child. Involvements with those people are the team by definition, so the agencies known only from what they
/// recorded are the ones missing.
/// </summary>
public sealed class SomeoneMissingFromTeam : ISafeguard
{
    public static readonly SettingDefinition RespondWithin =
        new("respond-within", "Add them, or record why not, within (the catalogue sets no timescale; this is Chronicle's default)", "5", "working days");

    /// <summary>Roles that record about a family without working with it: chairs, reviewers, lawyers, administrators.</summary>
    private static readonly HashSet<ProfessionalRole> NotWorkingWithFamilies =
    [
        ProfessionalRole.ConferenceChair, ProfessionalRole.Lawyer, ProfessionalRole.BusinessUnitOfficer, ProfessionalRole.Reviewer,
        ProfessionalRole.Scrutineer, ProfessionalRole.InformationGovernanceOfficer, ProfessionalRole.Administrator,
    ];

    public string Id => "SG-09";
    public int Version => 1;
    public string Title => "Someone missing from the team";
    public Severity Severity => Severity.Prompt;

    public IReadOnlyList<Lesson> Lessons { get; } =
    [
        new("001", "Family L", "What we can do differently in the future",
            "Make sure everyone involved with the family is working together – if you know about someone then share this information with the lead professional. Don’t forget professionals working with the adults in the family."),
        new("000", "Baby R", "What we have learnt",
            "All agencies having contact with a family undergoing S47 assessments should be contacted and have information included in the process."),
    ];

    public IReadOnlyList<SettingDefinition> Settings { get; } = [RespondWithin];

    public IEnumerable<Finding> Evaluate(CaseFile file, SafeguardContext context)
    {
        if (file.EnquiryOrPlanOpenSince(context.Now) is not { } openSince) yield break;
        var respondWithin = context.Policy.GetInt(Id, RespondWithin);
        var today = context.Now.Day();
        var teamAgencies = file.TeamAgencies(today);
        var people = file.ChildParentsAndHousehold(today);
        var lead = file.LeadProfessional(today);

        // What an agency recorded while it was in the team is explained by that involvement; what it recorded outside one is not.
        var byAgency = file.Remember("entries-by-agency", 0, static (file, _) => EntriesByAgency(file));
        foreach (var (agencyId, entries) in byAgency)
        {
            if (teamAgencies.Contains(agencyId) || !file.Agencies.TryGetValue(agencyId, out var agency)) continue;
            if (agency.Kind is AgencyKind.PartnershipBusinessUnit or AgencyKind.LegalServices) continue;
            var recorded = entries.Where(e => e.RecordedAt <= context.Now && e.Entry.Subjects.Exists(s => people.Contains(s.PersonId))
                        && !(file.Professionals.TryGetValue(e.Entry.RecordedByProfessionalId, out var by) && NotWorkingWithFamilies.Contains(by.Role))
                        && !file.Involvements.Any(i => i.AgencyId == agencyId && people.Contains(i.PersonId) && i.IsActiveOn(e.Day()))).ToList();
            if (recorded.Count == 0) continue;
            // A team-membership decision names the agency, or is the agency's own word on its place in the team.
            var explained = file.Known<DecisionRecorded>(context.Now).Any(d => d.Details.Topic == DecisionTopic.TeamMembership
                && (d.Details.AboutAgencyId == agencyId || (d.Details.AboutAgencyId is null && d.Entry.Entry.RecordedByAgencyId == agencyId)));
            if (explained) continue;

            var firstKnown = recorded.Min(e => e.RecordedAt);
            var due = context.Calendar.DueAfterWorkingDays(firstKnown > openSince ? firstKnown : openSince, respondWithin);
            yield return new Finding(
                $"agency:{agencyId}",
                $"{agency.Name} has recorded information about the child or the family but is not in the team around the child.",
                $"Add them to the team around the child, or record a decision (team membership) on why not, {FindingWords.By(due)}.",
                due,
                [.. recorded.Select(e => e.Id)],
                lead?.Id);
        }
    }

    /// <summary>The file's entries by the agency that recorded them, in chronology order, worked out once for the file.</summary>
    private static Dictionary<Guid, List<CaseEntry>> EntriesByAgency(CaseFile file)
    {
        var byAgency = new Dictionary<Guid, List<CaseEntry>>();
        foreach (var entry in file.Entries)
        {
            if (!byAgency.TryGetValue(entry.Entry.RecordedByAgencyId, out var entries)) byAgency[entry.Entry.RecordedByAgencyId] = entries = [];
            entries.Add(entry);
        }
        return byAgency;
    }
}

using Chronicle.Core.Chronology;
using Chronicle.Core.Record;

namespace Chronicle.Core.Security;

/// <summary>
/// What decides who of a child's team may read an entry, beyond seeing the child: its sharing level and the agency that
/// recorded it. What an entry asks for (its actions) reaches no further than the entry.
/// </summary>
public sealed record EntryReach(SharingLevel Level, Guid RecordedByAgencyId)
{
    /// <summary>Whether everyone who may see the child may read it: no narrower than the team.</summary>
    public bool IsTeam => Level == SharingLevel.Team;
}

/// <summary>Who is asking: their account, roles, and the professional and agency behind them.</summary>
public sealed record Viewer(Guid UserId, Guid PartnershipId, IReadOnlySet<Role> Roles, Guid? ProfessionalId = null, Guid? AgencyId = null, AgencyKind? AgencyKind = null)
{
    /// <summary>Whether the professional manages a front door worker: the front door's manager, who answers for its contacts.</summary>
    public bool ManagesFrontDoor { get; init; }

    public bool Has(Role role) => Roles.Contains(role);

    /// <summary>The front door, or its manager: they see the children with a contact or referral still waiting for the front door's decision.</summary>
    public bool SeesOpenContacts => Has(Role.FrontDoor) || (Has(Role.TeamManager) && ManagesFrontDoor);
}

/// <summary>What decides a viewer's access to one child, read from the record.</summary>
public sealed record ChildAccessFacts(
    Guid ChildId,
    IReadOnlySet<Guid> TeamProfessionalIds,
    IReadOnlySet<Guid> ManagersOfTeam,
    Guid? LeadProfessionalId,
    Guid? LeadSocialWorkerId,
    bool OpenContactAtFrontDoor,
    bool BreakGlassActive)
{
    /// <summary>The managers of the lead professional and of the lead social worker: the owning team's managers.</summary>
    public IReadOnlySet<Guid> ManagersOfLead { get; init; } = new HashSet<Guid>();

    /// <summary>Who put the child on record: the owner of a new record until it has a lead.</summary>
    public Guid? CreatedByProfessionalId { get; init; }

    /// <summary>
    /// A contact or referral about another child who shares a parent or a household with this one waits for the front
    /// door's decision: the front door considers this child too (<see cref="Record.Family.OtherChildrenOfEachAsync"/>).
    /// Read only for a reader who sees the front door's contacts; it lets them see the child, never grant access to it.
    /// </summary>
    public bool ContactWaitingForOtherChild { get; init; }
}

/// <summary>
/// Why a user may grant access to a child (record a fact that puts someone in the child's team or makes them lead);
/// <see cref="None"/> means the fact becomes a proposal for the lead to accept.
/// </summary>
public enum GrantAuthority { None, Lead, OwningTeamManager, FrontDoor, RecordCreator }

/// <summary>Why a viewer may see a child; <see cref="None"/> means they may not, and must not learn the child exists.</summary>
public enum AccessBasis { None, Team, ManagerOfTeamMember, FrontDoor, BreakGlass }

/// <summary>
/// Need to know, as rules: a practitioner sees the children whose team they are in; a manager, the children of their
/// team members; the front door and its manager, children with a contact or referral still being decided and the other
/// children that contact asks them to consider (sharing a parent or a household); anyone else only through
/// break glass. The business unit, reviewers and scrutineers see the learning cycle and figures, never a child's
/// record; information governance sees who has viewed a record, not the record. Sharing levels then narrow what of
/// the record each viewer sees.
/// </summary>
public static class AccessPolicy
{
    public static AccessBasis ToChild(Viewer viewer, ChildAccessFacts facts)
    {
        if (viewer.ProfessionalId is { } me)
        {
            if (facts.TeamProfessionalIds.Contains(me) || facts.LeadProfessionalId == me) return AccessBasis.Team;
            if (viewer.Has(Role.TeamManager) && facts.ManagersOfTeam.Contains(me)) return AccessBasis.ManagerOfTeamMember;
            if (viewer.SeesOpenContacts && (facts.OpenContactAtFrontDoor || facts.ContactWaitingForOtherChild)) return AccessBasis.FrontDoor;
        }
        return facts.BreakGlassActive && CanBreakGlass(viewer) ? AccessBasis.BreakGlass : AccessBasis.None;
    }

    /// <summary>Only those who work with children's records may break glass; it is never a way into the record for other roles.</summary>
    public static bool CanBreakGlass(Viewer viewer) =>
        viewer.ProfessionalId is not null && (viewer.Has(Role.Practitioner) || viewer.Has(Role.TeamManager) || viewer.Has(Role.FrontDoor) || viewer.Has(Role.ConferenceChair));

    /// <summary>Whether a viewer who may see the child may also see this entry, given its sharing level.</summary>
    /// <summary>
    /// Whether the viewer may read an entry that has been corrected, given its later versions (its correction, that
    /// one's, and so on): at its own sharing level and at each of theirs. A correction that narrows who may read an
    /// entry withdraws the original from everyone it leaves out; one that widens it does not widen the original.
    /// </summary>
    public static bool ToEntry(Viewer viewer, AccessBasis basis, ChronologyEntry entry, IEnumerable<ChronologyEntry> laterVersions, ChildAccessFacts facts) =>
        ToEntry(viewer, basis, entry, facts) && laterVersions.All(v => ToEntry(viewer, basis, v, facts));

    public static bool ToEntry(Viewer viewer, AccessBasis basis, ChronologyEntry entry, ChildAccessFacts facts) =>
        ToEntry(viewer, basis, new EntryReach(entry.SharingLevel, entry.RecordedByAgencyId), facts);

    /// <summary>Whether a viewer who may see the child may also see an entry recorded by this agency at this sharing level.</summary>
    public static bool ToEntry(Viewer viewer, AccessBasis basis, EntryReach reach, ChildAccessFacts facts)
    {
        if (basis == AccessBasis.None) return false;
        var ownAgency = viewer.AgencyId == reach.RecordedByAgencyId;
        var isLead = viewer.ProfessionalId is { } me && (me == facts.LeadProfessionalId || me == facts.LeadSocialWorkerId);
        return reach.Level switch
        {
            SharingLevel.Team => true,
            SharingLevel.AgencyOnly => ownAgency || isLead,
            SharingLevel.RestrictedPoliceIntelligence => viewer.AgencyKind == Record.AgencyKind.Police || viewer.ProfessionalId == facts.LeadSocialWorkerId,
            SharingLevel.RestrictedHealth => ownAgency || isLead,
            _ => false,
        };
    }

    /// <summary>
    /// Who may widen access to a child (docs/security.md, "Who may grant what"): the lead professional and the lead
    /// social worker; a team manager who manages either of them (the owning team's manager); the front door while a
    /// contact about the child waits for its decision, for anyone but themselves; and, while the child has no lead,
    /// whoever put the child on record. Nobody through break glass, and nobody by being in the team alone.
    /// </summary>
    public static GrantAuthority MayGrant(Viewer viewer, AccessBasis basis, ChildAccessFacts facts, Guid? grantee)
    {
        if (viewer.ProfessionalId is not { } me || basis is AccessBasis.None or AccessBasis.BreakGlass) return GrantAuthority.None;
        if (me == facts.LeadProfessionalId || me == facts.LeadSocialWorkerId) return GrantAuthority.Lead;
        if (viewer.Has(Role.TeamManager) && facts.ManagersOfLead.Contains(me)) return GrantAuthority.OwningTeamManager;
        if (viewer.Has(Role.FrontDoor) && facts.OpenContactAtFrontDoor && grantee != me) return GrantAuthority.FrontDoor;
        if (facts.LeadProfessionalId is null && facts.LeadSocialWorkerId is null && basis == AccessBasis.Team && facts.CreatedByProfessionalId == me)
            return GrantAuthority.RecordCreator;
        return GrantAuthority.None;
    }

    /// <summary>May see who has viewed a child's record: the lead professional and information governance.</summary>
    public static bool ToViewingHistory(Viewer viewer, ChildAccessFacts facts) =>
        viewer.Has(Role.InformationGovernance) || (viewer.ProfessionalId is { } me && (me == facts.LeadProfessionalId || me == facts.LeadSocialWorkerId));

    /// <summary>May see the learning cycle (reviews, actions, figures): everyone signed in reads it; these roles change it.</summary>
    public static bool ToManageLearning(Viewer viewer) =>
        viewer.Has(Role.BusinessUnit) || viewer.Has(Role.Reviewer) || viewer.Has(Role.Administrator);
}

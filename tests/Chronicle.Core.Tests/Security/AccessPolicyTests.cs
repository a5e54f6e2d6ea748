using Chronicle.Core.Chronology;
using Chronicle.Core.Record;
using Chronicle.Core.Security;

namespace Chronicle.Core.Tests.Security;

public sealed class AccessPolicyTests
{
    private static readonly Guid Partnership = Guid.NewGuid();
    private static readonly Guid SocialCare = Guid.NewGuid(), Police = Guid.NewGuid(), Gp = Guid.NewGuid();
    private static readonly Guid SocialWorker = Guid.NewGuid(), Manager = Guid.NewGuid(), Officer = Guid.NewGuid(), OtherGp = Guid.NewGuid(), TeamGp = Guid.NewGuid();

    private static Viewer As(Guid professional, Guid agency, AgencyKind kind, params Role[] roles) =>
        new(Guid.NewGuid(), Partnership, roles.ToHashSet(), professional, agency, kind);

    private static ChildAccessFacts Facts(bool frontDoor = false, bool breakGlass = false) =>
        new(Guid.NewGuid(), new HashSet<Guid> { SocialWorker, Officer, TeamGp }, new HashSet<Guid> { Manager }, SocialWorker, SocialWorker, frontDoor, breakGlass);

    private static ChronologyEntry Entry(SharingLevel level, Guid agency) =>
        new() { Kind = "observation", Details = "{}", SharingLevel = level, RecordedByAgencyId = agency };

    [Fact]
    public void The_team_sees_the_child_and_nobody_else_does_without_a_reason()
    {
        Assert.Equal(AccessBasis.Team, AccessPolicy.ToChild(As(TeamGp, Gp, AgencyKind.GeneralPractice, Role.Practitioner), Facts()));
        Assert.Equal(AccessBasis.None, AccessPolicy.ToChild(As(OtherGp, Gp, AgencyKind.GeneralPractice, Role.Practitioner), Facts()));
    }

    [Fact]
    public void A_manager_of_a_team_member_sees_the_child_but_only_as_a_manager()
    {
        Assert.Equal(AccessBasis.ManagerOfTeamMember, AccessPolicy.ToChild(As(Manager, SocialCare, AgencyKind.ChildrensSocialCare, Role.TeamManager), Facts()));
        Assert.Equal(AccessBasis.None, AccessPolicy.ToChild(As(Manager, SocialCare, AgencyKind.ChildrensSocialCare, Role.Practitioner), Facts()));
    }

    [Fact]
    public void The_front_door_sees_children_with_a_contact_being_decided()
    {
        var frontDoor = As(Guid.NewGuid(), SocialCare, AgencyKind.ChildrensSocialCare, Role.FrontDoor);
        Assert.Equal(AccessBasis.FrontDoor, AccessPolicy.ToChild(frontDoor, Facts(frontDoor: true)));
        Assert.Equal(AccessBasis.None, AccessPolicy.ToChild(frontDoor, Facts(frontDoor: false)));
    }

    [Fact]
    public void The_front_door_sees_the_other_children_a_waiting_contact_asks_about_but_may_not_grant_access_to_them()
    {
        var frontDoor = As(Guid.NewGuid(), SocialCare, AgencyKind.ChildrensSocialCare, Role.FrontDoor);
        var frontDoorManager = As(Guid.NewGuid(), SocialCare, AgencyKind.ChildrensSocialCare, Role.TeamManager) with { ManagesFrontDoor = true };
        var sibling = Facts() with { ContactWaitingForOtherChild = true };

        Assert.Equal(AccessBasis.FrontDoor, AccessPolicy.ToChild(frontDoor, sibling));
        Assert.Equal(AccessBasis.FrontDoor, AccessPolicy.ToChild(frontDoorManager, sibling));
        Assert.Equal(AccessBasis.None, AccessPolicy.ToChild(As(OtherGp, Gp, AgencyKind.GeneralPractice, Role.Practitioner), sibling));
        Assert.Equal(GrantAuthority.None, AccessPolicy.MayGrant(frontDoor, AccessBasis.FrontDoor, sibling, Guid.NewGuid()));
        Assert.Equal(GrantAuthority.FrontDoor, AccessPolicy.MayGrant(frontDoor, AccessBasis.FrontDoor, Facts(frontDoor: true), Guid.NewGuid()));
    }

    [Fact]
    public void The_front_doors_manager_sees_children_with_a_contact_being_decided_and_no_other_manager_does()
    {
        var frontDoorManager = As(Guid.NewGuid(), SocialCare, AgencyKind.ChildrensSocialCare, Role.TeamManager, Role.Practitioner) with { ManagesFrontDoor = true };
        var otherManager = As(Guid.NewGuid(), SocialCare, AgencyKind.ChildrensSocialCare, Role.TeamManager, Role.Practitioner);
        var practitioner = As(Guid.NewGuid(), SocialCare, AgencyKind.ChildrensSocialCare, Role.Practitioner) with { ManagesFrontDoor = true };

        Assert.Equal(AccessBasis.FrontDoor, AccessPolicy.ToChild(frontDoorManager, Facts(frontDoor: true)));
        Assert.Equal(AccessBasis.None, AccessPolicy.ToChild(frontDoorManager, Facts(frontDoor: false)));
        Assert.Equal(AccessBasis.None, AccessPolicy.ToChild(otherManager, Facts(frontDoor: true)));
        // Managing a front door worker is a manager's reason: a practitioner's account gives no such look.
        Assert.Equal(AccessBasis.None, AccessPolicy.ToChild(practitioner, Facts(frontDoor: true)));
    }

    [Fact]
    public void Break_glass_opens_the_record_only_to_those_who_work_with_children()
    {
        Assert.Equal(AccessBasis.BreakGlass, AccessPolicy.ToChild(As(OtherGp, Gp, AgencyKind.GeneralPractice, Role.Practitioner), Facts(breakGlass: true)));
        Assert.Equal(AccessBasis.None, AccessPolicy.ToChild(As(Guid.NewGuid(), Gp, AgencyKind.PartnershipBusinessUnit, Role.BusinessUnit), Facts(breakGlass: true)));
        Assert.Equal(AccessBasis.None, AccessPolicy.ToChild(As(Guid.NewGuid(), Gp, AgencyKind.Other, Role.Reviewer), Facts(breakGlass: true)));
    }

    [Theory]
    [InlineData(SharingLevel.Team, true, true, true)]
    [InlineData(SharingLevel.AgencyOnly, false, true, false)]
    [InlineData(SharingLevel.RestrictedPoliceIntelligence, true, true, false)]
    [InlineData(SharingLevel.RestrictedHealth, false, true, false)]
    public void Sharing_levels_narrow_what_each_team_member_sees(SharingLevel level, bool officerSees, bool leadSees, bool gpSees)
    {
        var facts = Facts();
        var recordedBy = level == SharingLevel.RestrictedPoliceIntelligence ? Police : Guid.NewGuid();
        var entry = Entry(level, recordedBy);
        Assert.Equal(officerSees, AccessPolicy.ToEntry(As(Officer, Police, AgencyKind.Police, Role.Practitioner), AccessBasis.Team, entry, facts));
        Assert.Equal(leadSees, AccessPolicy.ToEntry(As(SocialWorker, SocialCare, AgencyKind.ChildrensSocialCare, Role.Practitioner), AccessBasis.Team, entry, facts));
        Assert.Equal(gpSees, AccessPolicy.ToEntry(As(TeamGp, Gp, AgencyKind.GeneralPractice, Role.Practitioner), AccessBasis.Team, entry, facts));
    }

    [Fact]
    public void The_recording_agency_always_sees_its_own_restricted_entries()
    {
        var entry = Entry(SharingLevel.RestrictedHealth, Gp);
        Assert.True(AccessPolicy.ToEntry(As(TeamGp, Gp, AgencyKind.GeneralPractice, Role.Practitioner), AccessBasis.Team, entry, Facts()));
    }

    [Fact]
    public void Who_has_viewed_a_record_is_for_the_lead_and_information_governance()
    {
        Assert.True(AccessPolicy.ToViewingHistory(As(SocialWorker, SocialCare, AgencyKind.ChildrensSocialCare, Role.Practitioner), Facts()));
        Assert.True(AccessPolicy.ToViewingHistory(As(Guid.NewGuid(), Guid.NewGuid(), AgencyKind.Other, Role.InformationGovernance), Facts()));
        Assert.False(AccessPolicy.ToViewingHistory(As(TeamGp, Gp, AgencyKind.GeneralPractice, Role.Practitioner), Facts()));
    }
}

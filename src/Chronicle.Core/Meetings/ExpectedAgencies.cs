using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;
using Chronicle.Core.Safeguards;

namespace Chronicle.Core.Meetings;

/// <summary>
/// An agency a meeting must invite, and the involvement with someone in the family that makes it so: the child's own
/// where there is one, then one with a parent or someone the child lives with, then anyone's. None for the
/// partnership's police force, expected by the kind of meeting alone.
/// </summary>
public sealed record ExpectedAgency(Agency Agency, Involvement? Through);

/// <summary>
/// The agencies a strategy meeting, conference or core group about a child must invite (Child BF, Finding BF6: "not
/// all agencies involved with the family were invited"). One rule: SG-10 holds each meeting to it, and the schedule
/// form proposes it, so that inviting what the form proposes never raises SG-10.
/// </summary>
public static class ExpectedAgencies
{
    private static readonly HashSet<MeetingType> Meetings =
    [
        MeetingType.StrategyMeeting, MeetingType.InitialChildProtectionConference, MeetingType.ReviewChildProtectionConference,
        MeetingType.TransferInConference, MeetingType.CoreGroup,
    ];

    /// <summary>Whether the rule applies to this kind of meeting.</summary>
    public static bool AppliesTo(MeetingType type) => Meetings.Contains(type);

    /// <summary>Working Together: the GP, the health visitor or school nurse, and the school or early years setting belong at every meeting about the child.</summary>
    public static bool AlwaysExpected(AgencyKind kind) =>
        kind is AgencyKind.GeneralPractice or AgencyKind.HealthVisiting or AgencyKind.SchoolNursing or AgencyKind.School or AgencyKind.EarlyYears;

    /// <summary>
    /// The team's agencies on the day, and the always-expected kinds wherever anyone in the family (the siblings too)
    /// has one among their involvements. Police are expected at strategy meetings and conferences (the family's police
    /// involvement, or the partnership's police force when it has exactly one), and not at core groups, where the
    /// catalogue does not name them. None for a kind of meeting the rule does not apply to. In the order of their ids.
    /// </summary>
    public static IEnumerable<Agency> Of(CaseFile file, MeetingType type, DateOnly day)
    {
        if (!AppliesTo(type)) return [];
        var policeToo = type != MeetingType.CoreGroup;
        var expected = file.TeamAgencies(day).Where(id => policeToo || !file.Agencies.TryGetValue(id, out var a) || a.Kind != AgencyKind.Police).ToHashSet();
        foreach (var involvement in file.Involvements.Where(i => i.IsActiveOn(day) && file.People.ContainsKey(i.PersonId)))
            if (file.Agencies.TryGetValue(involvement.AgencyId, out var a) && (AlwaysExpected(a.Kind) || (policeToo && a.Kind == AgencyKind.Police)))
                expected.Add(a.Id);
        if (policeToo && !expected.Any(id => file.Agencies.TryGetValue(id, out var a) && a.Kind == AgencyKind.Police))
        {
            var forces = file.Agencies.Values.Where(a => a.Kind == AgencyKind.Police).ToList();
            if (forces.Count == 1) expected.Add(forces[0].Id);
        }
        return expected.Where(file.Agencies.ContainsKey).Select(id => file.Agencies[id]).OrderBy(a => a.Id);
    }

    /// <summary>The agencies <see cref="Of"/> expects, each with the involvement that makes it so.</summary>
    public static IReadOnlyList<ExpectedAgency> WithReasons(CaseFile file, MeetingType type, DateOnly day)
    {
        var close = file.ChildParentsAndHousehold(day);
        return [.. Of(file, type, day).Select(agency => new ExpectedAgency(agency, file.Involvements
            .Where(i => i.AgencyId == agency.Id && i.IsActiveOn(day) && file.People.ContainsKey(i.PersonId))
            .OrderByDescending(i => i.PersonId == file.Child.Id).ThenByDescending(i => close.Contains(i.PersonId)).ThenBy(i => i.Id)
            .FirstOrDefault()))];
    }
}

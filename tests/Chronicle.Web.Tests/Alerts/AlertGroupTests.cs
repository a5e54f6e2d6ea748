using Chronicle.Core.Safeguards;
using Chronicle.Web.Alerts;

namespace Chronicle.Web.Tests.Alerts;

/// <summary>
/// What makes alerts one family event, acted on as one: the same safeguard, cause and evidence for each child. One entry
/// that gives several causes (an assessment that saw neither the mother nor the father) is several events.
/// </summary>
public sealed class AlertGroupTests
{
    private static readonly Guid Assessment = Guid.NewGuid();

    private static Alert For(Guid child, string cause, params Guid[] evidence) => new()
    {
        Id = Guid.NewGuid(), SafeguardId = "SG-12", SubjectPersonId = child, CauseKey = cause, Summary = "", AskFor = "",
        EvidenceEntryIds = string.Join(',', evidence),
    };

    [Fact]
    public void Brothers_and_sisters_alerts_of_one_cause_are_one_event_and_each_adult_not_seen_is_an_event_of_its_own()
    {
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        var mother = $"open-assessment:{Assessment}:person:{Guid.NewGuid()}";
        var father = $"open-assessment:{Assessment}:person:{Guid.NewGuid()}";

        Assert.Equal(AlertGroup.Key(For(first, mother, Assessment)), AlertGroup.Key(For(second, mother, Assessment)));
        Assert.NotEqual(AlertGroup.Key(For(first, mother, Assessment)), AlertGroup.Key(For(first, father, Assessment)));
        Assert.NotEqual(AlertGroup.Key(For(first, mother, Assessment)), AlertGroup.Key(For(second, father, Assessment)));
        // The same cause from other entries is another event too.
        Assert.NotEqual(AlertGroup.Key(For(first, mother, Assessment)), AlertGroup.Key(For(second, mother, Guid.NewGuid())));
    }
}

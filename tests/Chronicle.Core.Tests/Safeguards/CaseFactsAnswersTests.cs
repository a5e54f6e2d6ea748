using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;
using Chronicle.Core.Safeguards;
using Chronicle.Testing;

namespace Chronicle.Core.Tests.Safeguards;

/// <summary>
/// The shared questions, held to the plain definitions asked directly of the entries, over many random case files and
/// moments.
/// </summary>
public sealed class CaseFactsAnswersTests
{
    private static readonly AssessmentType[] AssessmentTypes = [AssessmentType.ChildAndFamily, AssessmentType.Section47, AssessmentType.EarlyHelp];
    private static readonly PlanType[] PlanTypes = [PlanType.ChildInNeed, PlanType.ChildProtection, PlanType.Safety];

    [Fact]
    public void Open_plans_assessments_and_enquiries_are_those_the_entries_say()
    {
        for (var seed = 0; seed < 200; seed++)
        {
            var (c, file, moments) = RandomCase(seed);
            foreach (var at in moments)
            {
                Assert.Equal(ActivePlans(file, at).Select(p => p.Id), file.ActivePlans(at).Select(p => p.Entry.Id));
                Assert.Equal(OpenAssessments(file, at).Select(a => a.Id), file.OpenAssessments(at).Select(a => a.Entry.Id));
                Assert.Equal(HasOpenEnquiry(file, at), file.HasOpenEnquiry(at));
                Assert.Equal(OpenAssessments(file, at).Count > 0 || HasOpenEnquiry(file, at) || ActivePlans(file, at).Count > 0, file.IsOpenCase(at));
                foreach (var type in PlanTypes)
                    Assert.Equal(ActivePlans(file, at).Any(p => ((PlanStarted)p.Details).Type == type), file.IsOnPlan(at, type));
                Assert.Equal(ActivePlans(file, at).Count > 0, file.IsOnPlan(at));
            }
            Assert.NotNull(c);
        }
    }

    [Fact]
    public void Who_is_around_the_child_is_answered_from_the_households_of_the_day()
    {
        var c = new CaseWithTeam();
        var partner = c.Builder.Adult("Partner", livesHere: false);
        c.Builder.LivesHere(partner, from: new DateOnly(2015, 3, 1));
        var file = c.Builder.Build();

        Assert.DoesNotContain(partner.Id, file.HouseholdOn(new DateOnly(2015, 2, 28)));
        Assert.Contains(partner.Id, file.HouseholdOn(new DateOnly(2015, 3, 1)));
        Assert.Equal(new[] { c.Mother.Id }, file.ParentsAndHouseholdAdults(new DateOnly(2015, 2, 28)).Order());
        Assert.Equal(new[] { c.Mother.Id, partner.Id }.Order(), file.ParentsAndHouseholdAdults(new DateOnly(2015, 3, 1)).Order());
    }

    [Fact]
    public void The_front_door_manager_is_the_manager_of_the_worker_who_received_the_childs_contact_not_the_first_by_name_in_the_partnership()
    {
        var c = new CaseWithTeam();
        var otherArea = c.Builder.Agency("Leeds Children's Social Care", AgencyKind.ChildrensSocialCare, "Leeds");
        var otherManager = c.Builder.Professional("A first manager", ProfessionalRole.TeamManager, otherArea);
        c.Builder.Professional("A front door worker", ProfessionalRole.FrontDoorWorker, otherArea, otherManager);
        var sameAreaManager = c.Builder.Professional("A Bristol manager", ProfessionalRole.TeamManager, c.SocialCare);
        c.Builder.Professional("A Bristol front door worker", ProfessionalRole.FrontDoorWorker, c.SocialCare, sameAreaManager);

        c.Contact(new DateTime(2015, 3, 2, 10, 0, 0), c.Child);

        Assert.Equal(c.FrontDoorManager, c.Builder.Build().FrontDoorManager());
    }

    [Fact]
    public void With_no_contact_on_record_the_front_door_manager_is_that_of_the_childs_area_never_of_another_area()
    {
        var c = new CaseWithTeam(allocated: false);
        var leeds = c.Builder.Agency("Leeds Children's Social Care", AgencyKind.ChildrensSocialCare, "Leeds");
        var leedsManager = c.Builder.Professional("A first manager", ProfessionalRole.TeamManager, leeds);
        c.Builder.Professional("A front door worker", ProfessionalRole.FrontDoorWorker, leeds, leedsManager);

        Assert.Equal(c.FrontDoorManager, c.Builder.Build().FrontDoorManager());

        c.Builder.Involve(c.Builder.Professional("Leeds social worker", ProfessionalRole.SocialWorker, leeds), c.Child, new DateOnly(2014, 1, 1), "allocated social worker", lead: true);

        Assert.Equal(leedsManager, c.Builder.Build().FrontDoorManager());
    }

    [Fact]
    public void An_alert_no_safeguard_names_an_owner_for_goes_to_the_lead_else_the_allocated_social_worker_else_the_front_door_worker_holding_the_case_else_the_front_door_manager()
    {
        var now = CaseFileBuilder.At(new DateTime(2015, 3, 2, 10, 0, 0));
        var led = new CaseWithTeam();
        var health = led.Builder.Professional("Lead health visitor", ProfessionalRole.HealthVisitor, led.HealthVisiting);
        led.Builder.Involve(health, led.Child, new DateOnly(2014, 1, 1), "health visitor", lead: true);
        var allocated = new CaseWithTeam(allocated: false);
        allocated.Builder.Involve(allocated.SocialWorker, allocated.Child, new DateOnly(2014, 1, 1), "allocated social worker");
        var contacted = new CaseWithTeam(allocated: false);
        contacted.Contact(new DateTime(2015, 3, 2, 9, 0, 0), contacted.Child);
        var nobody = new CaseWithTeam(allocated: false);

        Assert.Equal(health.Id, SafeguardEngine.Owner(led.Builder.Build(), now));
        Assert.Equal(allocated.SocialWorker.Id, SafeguardEngine.Owner(allocated.Builder.Build(), now));
        // The front door worker may open the child while its contact waits (their manager, whom it escalates to, may too).
        Assert.Equal(contacted.FrontDoorWorker.Id, SafeguardEngine.Owner(contacted.Builder.Build(), now));
        Assert.Equal(nobody.FrontDoorManager.Id, SafeguardEngine.Owner(nobody.Builder.Build(), now));
    }

    [Fact]
    public void Topics_match_whatever_their_case_and_punctuation()
    {
        var assessment = new AssessmentCompleted { Type = AssessmentType.ChildAndFamily, Conclusion = "Done", Outcome = AssessmentOutcome.NoFurtherAction, Considered = ["Physical Harm", "cumulative-harm"] };

        Assert.True(assessment.Considers("physical-harm"));
        Assert.True(assessment.Considers("CUMULATIVE HARM"));
        Assert.False(assessment.Considers("physical"));
        Assert.False(assessment.Considers("neglect"));
    }

    private static (CaseWithTeam, CaseFile, DateTimeOffset[]) RandomCase(int seed)
    {
        var random = new Random(seed);
        var c = new CaseWithTeam();
        var other = c.Builder.Child("Brother");
        var start = new DateTime(2015, 1, 5, 9, 0, 0);
        DateTime Day() => start.AddHours(random.Next(24 * 200));
        var plans = new List<CaseEntry>();
        var assessments = new List<CaseEntry>();
        for (var i = 0; i < random.Next(1, 25); i++)
        {
            var about = random.Next(5) == 0 ? other : c.Child;
            switch (random.Next(6))
            {
                case 0:
                    plans.Add(c.Record(Day(), c.SocialWorker, new PlanStarted { Type = PlanTypes[random.Next(3)], Draft = random.Next(6) == 0 }, about));
                    break;
                case 1 when plans.Count > 0:
                    c.Record(Day(), c.SocialWorker, new PlanEnded { PlanEntryId = plans[random.Next(plans.Count)].Id, Reason = "Ended" }, about);
                    break;
                case 2:
                    assessments.Add(c.Record(Day(), c.SocialWorker, new AssessmentStarted { Type = AssessmentTypes[random.Next(3)] }, about));
                    break;
                case 3:
                    c.Record(Day(), c.SocialWorker, new AssessmentCompleted
                    {
                        Type = AssessmentTypes[random.Next(3)],
                        StartedEntryId = assessments.Count > 0 && random.Next(2) == 0 ? assessments[random.Next(assessments.Count)].Id : null,
                        Conclusion = "Done",
                        Outcome = AssessmentOutcome.NoFurtherAction,
                    }, about);
                    break;
                default:
                    c.Record(Day(), c.SocialWorker, new StrategyDiscussion { Decision = random.Next(2) == 0 ? StrategyOutcome.Section47Enquiry : StrategyOutcome.NoFurtherAction }, about);
                    break;
            }
        }
        var file = c.Builder.Build();
        var moments = file.Entries.Select(e => e.When).Concat(file.Entries.Select(e => e.When.AddTicks(-1)))
            .Append(CaseFileBuilder.At(start.AddDays(-1))).Append(CaseFileBuilder.At(start.AddDays(300))).ToArray();
        return (c, file, moments);
    }

    // The definitions, asked directly of the entries.

    private static List<CaseEntry> ActivePlans(CaseFile file, DateTimeOffset at)
    {
        var ended = file.Entries.Where(e => e.Details is PlanEnded && e.When <= at).Select(e => ((PlanEnded)e.Details).PlanEntryId).ToHashSet();
        return [.. file.Entries.Where(e => e.Details is PlanStarted { Draft: false } && e.When <= at && !ended.Contains(e.Id) && e.Entry.IsAbout(file.Child.Id))];
    }

    private static List<CaseEntry> OpenAssessments(CaseFile file, DateTimeOffset at)
    {
        var completions = file.Entries.Where(e => e.Details is AssessmentCompleted && e.When <= at && e.Entry.IsAbout(file.Child.Id)).ToList();
        return [.. file.Entries.Where(e => e.Details is AssessmentStarted started && e.When <= at && e.Entry.IsAbout(file.Child.Id)
            && !completions.Any(c => c.Details is AssessmentCompleted completed
                && (completed.StartedEntryId == e.Id || (completed.StartedEntryId is null && completed.Type == started.Type && c.When >= e.When))))];
    }

    private static bool HasOpenEnquiry(CaseFile file, DateTimeOffset at)
    {
        if (OpenAssessments(file, at).Any(a => ((AssessmentStarted)a.Details).Type == AssessmentType.Section47)) return true;
        // An enquiry belongs to the children it is about.
        var decided = file.Entries.LastOrDefault(e => e.Details is StrategyDiscussion { InitiatesSection47: true } && e.When <= at && e.Entry.IsAbout(file.Child.Id));
        return decided is not null && !file.Entries.Any(e => e.Details is AssessmentCompleted { Type: AssessmentType.Section47 } && e.When >= decided.When && e.When <= at && e.Entry.IsAbout(file.Child.Id));
    }

    [Fact]
    public void A_strategy_discussion_about_another_child_that_names_a_parent_opens_no_enquiry_for_this_child()
    {
        var f = new TestFamily();
        f.Record(TestFamily.At(2, 2, 10), f.SocialWorker, new StrategyDiscussion { Decision = StrategyOutcome.Section47Enquiry }, f.Father);
        var file = f.Case.Build();

        Assert.False(file.HasOpenEnquiry(CaseFileBuilder.At(TestFamily.At(2, 2, 11))));
        f.Record(TestFamily.At(2, 3, 10), f.SocialWorker, new StrategyDiscussion { Decision = StrategyOutcome.Section47Enquiry }, f.Child, f.Father);
        Assert.True(f.Case.Build().HasOpenEnquiry(CaseFileBuilder.At(TestFamily.At(2, 3, 11))));
    }
}

using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Safeguards.Catalogue;

namespace Chronicle.Core.Tests.Safeguards;

public sealed class AssessmentContradictsMedicalTests
{
    private readonly AssessmentContradictsMedical _safeguard = new();

    private static CaseEntry Bruise(TestFamily f) =>
        f.Record(TestFamily.At(1, 25, 10), f.HealthVisitor, new InjuryObserved { Type = InjuryType.Bruise, Site = "face", Description = "Bruise" });

    private static CaseEntry Medical(TestFamily f, CaseEntry injury, MedicalOpinion opinion, DateTime at) =>
        f.Record(at, f.Paediatrician, new ChildProtectionMedical { Opinion = opinion, Findings = "Findings", InjuryEntryIds = [injury.Id] });

    private static AssessmentCompleted Assessment(CaseEntry injury, InjuryExplanation explanation) => new()
    {
        Type = AssessmentType.Section47,
        Conclusion = "Bruise from the birth",
        Outcome = AssessmentOutcome.NoFurtherAction,
        InjuryFindings = [new InjuryFinding { InjuryEntryId = injury.Id, Explanation = explanation }],
    };

    [Fact]
    public void An_assessment_calling_the_injury_explained_when_the_medical_could_not_tell_is_flagged()
    {
        var f = new TestFamily();
        var bruise = Bruise(f);
        var medical = Medical(f, bruise, MedicalOpinion.Undetermined, TestFamily.At(1, 26, 10));
        var assessment = f.Record(TestFamily.At(2, 2, 15), f.SocialWorker, Assessment(bruise, InjuryExplanation.Explained));

        var finding = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(2, 2, 16)));

        Assert.Equal($"assessment:{assessment.Id}:injury:{bruise.Id}", finding.CauseKey);
        Assert.Equal(f.SocialWorker.Id, finding.OwnerProfessionalId);
        Assert.Equal([assessment.Id, medical.Id, bruise.Id], finding.Evidence);
        Assert.Equal(TestFamily.EndOf(2, 9), finding.DueAt);
    }

    [Theory]
    [InlineData(MedicalOpinion.NonAccidental, InjuryExplanation.Accidental, true)]
    [InlineData(MedicalOpinion.Undetermined, InjuryExplanation.Accidental, true)]
    [InlineData(MedicalOpinion.Accidental, InjuryExplanation.Explained, false)]
    [InlineData(MedicalOpinion.Pending, InjuryExplanation.Explained, false)]
    [InlineData(MedicalOpinion.Undetermined, InjuryExplanation.Undetermined, false)]
    [InlineData(MedicalOpinion.NonAccidental, InjuryExplanation.NonAccidental, false)]
    public void Fires_only_when_the_assessment_is_more_reassuring_than_the_medical(MedicalOpinion opinion, InjuryExplanation explanation, bool fires)
    {
        var f = new TestFamily();
        var bruise = Bruise(f);
        Medical(f, bruise, opinion, TestFamily.At(1, 26, 10));
        f.Record(TestFamily.At(2, 2, 15), f.SocialWorker, Assessment(bruise, explanation));

        Assert.Equal(fires, f.Evaluate(_safeguard, TestFamily.At(2, 2, 16)).Count == 1);
    }

    [Fact]
    public void A_medical_recorded_after_the_assessment_raises_it_when_it_is_recorded()
    {
        var f = new TestFamily();
        var bruise = Bruise(f);
        f.Record(TestFamily.At(2, 2, 15), f.SocialWorker, Assessment(bruise, InjuryExplanation.Explained));
        Medical(f, bruise, MedicalOpinion.Undetermined, TestFamily.At(2, 9, 10));

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(2, 9, 9)));
        var finding = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(2, 9, 11)));
        Assert.Equal(TestFamily.EndOf(2, 16), finding.DueAt);
    }

    [Fact]
    public void A_later_medical_opinion_that_agrees_with_the_assessment_clears_it()
    {
        var f = new TestFamily();
        var bruise = Bruise(f);
        Medical(f, bruise, MedicalOpinion.Undetermined, TestFamily.At(1, 26, 10));
        f.Record(TestFamily.At(2, 2, 15), f.SocialWorker, Assessment(bruise, InjuryExplanation.Accidental));
        Medical(f, bruise, MedicalOpinion.Accidental, TestFamily.At(2, 4, 10));

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(2, 4, 11)));
    }

    [Fact]
    public void A_managers_recorded_reason_clears_it_but_the_authors_own_does_not()
    {
        var f = new TestFamily();
        var bruise = Bruise(f);
        Medical(f, bruise, MedicalOpinion.Undetermined, TestFamily.At(1, 26, 10));
        var assessment = f.Record(TestFamily.At(2, 2, 15), f.SocialWorker, Assessment(bruise, InjuryExplanation.Explained));
        f.Decide(TestFamily.At(2, 3, 10), f.SocialWorker, DecisionTopic.ConflictingFacts, assessment.Id);

        Assert.Single(f.Evaluate(_safeguard, TestFamily.At(2, 3, 11)));

        f.Decide(TestFamily.At(2, 3, 12), f.Manager, DecisionTopic.ConflictingFacts, assessment.Id);
        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(2, 3, 13)));
    }

    [Fact]
    public void Correcting_the_assessment_to_undetermined_clears_it()
    {
        var f = new TestFamily();
        var bruise = Bruise(f);
        Medical(f, bruise, MedicalOpinion.Undetermined, TestFamily.At(1, 26, 10));
        var assessment = f.Record(TestFamily.At(2, 2, 15), f.SocialWorker, Assessment(bruise, InjuryExplanation.Explained));
        f.Case.Correct(assessment, TestFamily.At(2, 4, 10), f.SocialWorker, Assessment(bruise, InjuryExplanation.Undetermined), "The medical could not determine the cause");

        Assert.Empty(f.Evaluate(_safeguard, TestFamily.At(2, 4, 11)));
    }

    [Fact]
    public void A_decision_that_explains_the_injury_away_is_flagged_too()
    {
        var f = new TestFamily();
        var bruise = Bruise(f);
        Medical(f, bruise, MedicalOpinion.NonAccidental, TestFamily.At(1, 26, 10));
        var decision = f.Record(TestFamily.At(1, 27, 10), f.SocialWorker, new DecisionRecorded
        {
            Topic = DecisionTopic.Other,
            Decision = "No further action",
            Rationale = "Parents' explanation accepted",
            AboutEntryId = bruise.Id,
            InjuryExplanation = InjuryExplanation.Explained,
        });

        var finding = Assert.Single(f.Evaluate(_safeguard, TestFamily.At(1, 27, 11)));
        Assert.Equal($"decision:{decision.Id}:injury:{bruise.Id}", finding.CauseKey);
    }

    [Fact]
    public void An_assessment_covering_both_children_is_flagged_on_the_injured_childs_record_only()
    {
        var f = new TestFamily();
        var sibling = f.Case.Child("Older sibling", new DateOnly(2013, 6, 1));
        var bruise = Bruise(f);
        Medical(f, bruise, MedicalOpinion.Undetermined, TestFamily.At(1, 26, 10));
        f.Record(TestFamily.At(2, 2, 15), f.SocialWorker, Assessment(bruise, InjuryExplanation.Explained), f.Child, sibling);

        Assert.Single(f.Evaluate(_safeguard, TestFamily.At(2, 2, 16)));
        Assert.Empty(f.Case.Focus(sibling).Evaluate(_safeguard, TestFamily.At(2, 2, 16)));
    }

    [Fact]
    public void The_cause_key_is_stable_across_evaluations()
    {
        var f = new TestFamily();
        var bruise = Bruise(f);
        Medical(f, bruise, MedicalOpinion.Undetermined, TestFamily.At(1, 26, 10));
        f.Record(TestFamily.At(2, 2, 15), f.SocialWorker, Assessment(bruise, InjuryExplanation.Explained));

        Assert.Equal(
            Assert.Single(f.Evaluate(_safeguard, TestFamily.At(2, 2, 16))).CauseKey,
            Assert.Single(f.Evaluate(_safeguard, TestFamily.At(3, 2, 16))).CauseKey);
    }
}

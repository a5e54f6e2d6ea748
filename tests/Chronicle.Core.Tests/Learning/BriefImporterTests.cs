using System.Text.Json;
using System.Text.RegularExpressions;
using Chronicle.Core.Learning;
using Chronicle.Core.Learning.Import;
using Xunit;

namespace Chronicle.Core.Tests.Learning;

public sealed partial class BriefImporterTests
{
    private static readonly string[] OptionalKeys = ["summary", "focus"];

    private static ImportedBrief Import(string seed) => BriefImporter.Parse(SeedFiles.Read(seed));

    private static ThemeSuggestion Suggested(ImportedBrief brief, string code) =>
        Assert.Single(brief.Themes, t => t.Code == code);

    // Bristol CPIR briefing: bullets under the capitalised headings; one bullet wraps across a blank line.

    [Fact]
    public void Baby_R_is_titled_from_its_capitalised_first_line()
    {
        var brief = Import(SeedFiles.BabyR);

        Assert.Equal("Child Protection Incident Review Briefing – Baby R", brief.Title);
    }

    [Fact]
    public void Baby_R_lessons_are_the_what_we_have_learnt_bullets()
    {
        var brief = Import(SeedFiles.BabyR);

        Assert.Equal(BabyRLessons, brief.Lessons.Select(l => (l.Number, l.Text)).ToArray());
        Assert.All(brief.Lessons, l => Assert.Null(l.FindingNumber));
    }

    [Fact]
    public void Baby_R_recommendations_are_the_do_differently_bullets_with_the_wrapped_bullet_joined()
    {
        var brief = Import(SeedFiles.BabyR);

        Assert.Equal(BabyRRecommendations, brief.Recommendations.Select(r => (r.Number, r.Text)).ToArray());
    }

    [Fact]
    public void Baby_R_good_practice_is_the_identified_good_practice_not_the_guidance_links()
    {
        var brief = Import(SeedFiles.BabyR);

        Assert.Equal(BabyRGoodPractice, brief.GoodPractice.Select(g => (g.Number, g.Text)).ToArray());
    }

    [Fact]
    public void Baby_R_has_no_findings_or_actions()
    {
        var brief = Import(SeedFiles.BabyR);

        Assert.Empty(brief.Findings);
        Assert.Empty(brief.Actions);
    }

    [Fact]
    public void Baby_R_keeps_what_happened_as_summary_and_the_review_focus()
    {
        var brief = Import(SeedFiles.BabyR);

        Assert.NotNull(brief.Summary);
        Assert.StartsWith("Baby R was born in January 2015,", brief.Summary);
        Assert.EndsWith("who faced criminal charges regarding the injuries.", brief.Summary);
        Assert.Equal(3, brief.Summary.Split("\n\n").Length);
        Assert.NotNull(brief.Focus);
        Assert.StartsWith("The sharing of information and ensuring that assessments analyse risk\n\nThe review identified times", brief.Focus);
        Assert.EndsWith("Reflective practice might have ensured that all risks were fully explored and analysed.", brief.Focus);
    }

    [Fact]
    public void Baby_R_suggests_injury_supervision_information_sharing_and_recording_themes_with_their_evidence()
    {
        var brief = Import(SeedFiles.BabyR);

        Assert.Equal(Themes.NonMobileInjuries, brief.Themes[0].Code);
        Assert.Equal(["bruise", "fracture", "fractures"], Suggested(brief, Themes.NonMobileInjuries).Evidence);
        Assert.Contains("Share records", Suggested(brief, Themes.InformationSharing).Evidence);
        Assert.Contains("communicated promptly", Suggested(brief, Themes.InformationSharing).Evidence);
        Assert.Contains("Reflective practice", Suggested(brief, Themes.Supervision).Evidence);
        Assert.Contains("Record facts", Suggested(brief, Themes.AccurateRecording).Evidence);
        Assert.Equal(["reasonable explanation", "rule of optimism"], Suggested(brief, Themes.RuleOfOptimism).Evidence);
        Assert.Contains("domestic abuse", Suggested(brief, Themes.DomesticAbuse).Evidence);
    }

    [Fact]
    public void Family_L_is_titled_from_its_capitalised_first_line()
    {
        var brief = Import(SeedFiles.FamilyL);

        Assert.Equal("Child Protection Incident Review Briefing – Family L", brief.Title);
    }

    [Fact]
    public void Family_L_lessons_recommendations_and_good_practice_are_its_bullets()
    {
        var brief = Import(SeedFiles.FamilyL);

        Assert.Equal(FamilyLLessons, brief.Lessons.Select(l => (l.Number, l.Text)).ToArray());
        Assert.Equal(FamilyLRecommendations, brief.Recommendations.Select(r => (r.Number, r.Text)).ToArray());
        Assert.Equal(FamilyLGoodPractice, brief.GoodPractice.Select(g => (g.Number, g.Text)).ToArray());
        Assert.Empty(brief.Findings);
        Assert.Empty(brief.Actions);
    }

    [Fact]
    public void Family_L_focus_joins_the_sentence_split_by_a_page_break()
    {
        var brief = Import(SeedFiles.FamilyL);

        Assert.NotNull(brief.Focus);
        Assert.StartsWith("How agencies worked together and what influenced decision making\n\n", brief.Focus);
        Assert.Contains("a concern from all professionals regarding whether the children were exposed to substances", brief.Focus);
        Assert.NotNull(brief.Summary);
        Assert.StartsWith("Family L is: Mother, Father, two year old F and six year old C.", brief.Summary);
    }

    [Fact]
    public void Family_L_suggests_substance_misuse_optimism_and_staffing_themes_with_their_evidence()
    {
        var brief = Import(SeedFiles.FamilyL);

        Assert.Equal(["substance misuse", "substances", "methadone"], Suggested(brief, Themes.ParentalSubstanceMisuse).Evidence);
        Assert.Equal(["high regard", "rule of optimism"], Suggested(brief, Themes.RuleOfOptimism).Evidence);
        Assert.Contains("staff sickness", Suggested(brief, Themes.DriftAndStaffing).Evidence);
        Assert.Contains("voice of the child", Suggested(brief, Themes.VoiceOfTheChild).Evidence);
        Assert.Contains("all parents", Suggested(brief, Themes.FathersAndSignificantAdults).Evidence);
        Assert.Contains("not shared", Suggested(brief, Themes.InformationSharing).Evidence);
    }

    // Dorset synopsis: the LEARNING section's bullets sit under three sub-headings; there are no recommendations.

    [Fact]
    public void Family_S22_is_titled_from_the_line_naming_the_review()
    {
        var brief = Import(SeedFiles.FamilyS22);

        Assert.Equal("Serious Case Review Family S22", brief.Title);
    }

    [Fact]
    public void Family_S22_lessons_are_the_learning_bullets_under_their_sub_headings()
    {
        var brief = Import(SeedFiles.FamilyS22);

        Assert.Equal(FamilyS22Lessons, brief.Lessons.Select(l => (l.Number, l.Text)).ToArray());
        Assert.Equal(
            [.. Enumerable.Repeat("Referrals, Process and Practice", 2),
             .. Enumerable.Repeat("The Significance of Bruising in Non-Mobile Babies and Children", 5),
             .. Enumerable.Repeat("Child Protection and the Legal Framework", 6)],
            brief.Lessons.Select(l => l.Heading ?? "(none)").ToArray());
    }

    [Fact]
    public void Family_S22_has_no_findings_recommendations_actions_or_good_practice()
    {
        var brief = Import(SeedFiles.FamilyS22);

        Assert.Empty(brief.Findings);
        Assert.Empty(brief.Recommendations);
        Assert.Empty(brief.Actions);
        Assert.Empty(brief.GoodPractice);
        Assert.NotNull(brief.Summary);
        Assert.StartsWith("The DSCB completed Serious Case Review in 2016", brief.Summary);
    }

    [Fact]
    public void Family_S22_suggests_non_mobile_injury_and_challenge_themes_with_their_evidence()
    {
        var brief = Import(SeedFiles.FamilyS22);

        Assert.Equal(Themes.NonMobileInjuries, brief.Themes[0].Code);
        Assert.Contains("non-mobile", Suggested(brief, Themes.NonMobileInjuries).Evidence);
        Assert.Equal(["Professional challenge", "open to challenge", "escalate"], Suggested(brief, Themes.EscalationAndChallenge).Evidence);
        Assert.Equal(["face value", "medical explanation", "reassurances"], Suggested(brief, Themes.RuleOfOptimism).Evidence);
        Assert.Contains("new to the area", Suggested(brief, Themes.MovesAndTransitions).Evidence);
    }

    // Bradford scrutineer: outcomes under three numbered headings (numbered 1.1, 1.2 … in document order), the
    // partnership's responses beneath them, and one more recommendation in prose under "Additional issues".

    [Fact]
    public void Emily_is_titled_from_the_line_naming_the_review()
    {
        var brief = Import(SeedFiles.Emily);

        Assert.Equal("CSPR - \"Emily\"", brief.Title);
    }

    [Fact]
    public void Emily_recommendations_are_the_outcomes_under_each_numbered_heading_and_the_additional_issue()
    {
        var brief = Import(SeedFiles.Emily);

        Assert.Equal(EmilyRecommendations, brief.Recommendations.Select(r => (r.Number, r.Text)).ToArray());
        Assert.Equal(
            [.. Enumerable.Repeat("Processes, planning and engagement", 5),
             .. Enumerable.Repeat("Keeping plans up-to-date and reflecting changes in circumstances", 2),
             "Compliance with procedures",
             "Understanding of the long-term impact of neglect and domestic abuse, and responses to this"],
            brief.Recommendations.Select(r => r.Heading ?? "(none)").ToArray());
    }

    [Fact]
    public void Emily_actions_are_the_responses_beneath_the_outcomes_they_answer()
    {
        var brief = Import(SeedFiles.Emily);

        Assert.Equal(EmilyActionTexts, brief.Actions.Select(a => a.Text).ToArray());
        Assert.Equal(
            ["1.1,1.2,1.3,1.4", "1.1,1.2,1.3,1.4", "1.5", "2.1", "2.2", "2.2", "3.1"],
            brief.Actions.Select(a => string.Join(',', a.RecommendationNumbers)).ToArray());
        Assert.All(brief.Actions, a => Assert.Null(a.Owner));
        Assert.All(brief.Actions, a => Assert.Null(a.Deadline));
        Assert.All(brief.Actions, a => Assert.Null(a.HowWeWillKnow));
    }

    [Fact]
    public void Emily_has_no_findings_lessons_or_good_practice()
    {
        var brief = Import(SeedFiles.Emily);

        Assert.Empty(brief.Findings);
        Assert.Empty(brief.Lessons);
        Assert.Empty(brief.GoodPractice);
    }

    [Fact]
    public void Emily_suggests_meetings_plans_moves_and_was_not_brought_themes_with_their_evidence()
    {
        var brief = Import(SeedFiles.Emily);

        Assert.Equal(Themes.MultiAgencyMeetings, brief.Themes[0].Code);
        Assert.Contains("Core Groups", Suggested(brief, Themes.MultiAgencyMeetings).Evidence);
        Assert.Contains("Child in Need plans", Suggested(brief, Themes.Plans).Evidence);
        Assert.Contains("change of address", Suggested(brief, Themes.MovesAndTransitions).Evidence);
        Assert.Equal(["Was not brought", "not brought"], Suggested(brief, Themes.WasNotBrought).Evidence);
        Assert.Equal(["long-term impact", "neglect"], Suggested(brief, Themes.NeglectAndCumulativeHarm).Evidence);
    }

    // Cumbria partnership response: labelled findings, lessons and recommendations by theme, the partnership's actions
    // with how it will know, and a dissemination table.

    [Fact]
    public void Child_BF_is_titled_from_the_line_naming_the_review()
    {
        var brief = Import(SeedFiles.ChildBF);

        Assert.Equal("Serious Case Review in relation to Child BF", brief.Title);
    }

    [Fact]
    public void Child_BF_has_seven_findings_under_their_themes()
    {
        var brief = Import(SeedFiles.ChildBF);

        Assert.Equal(ChildBFFindings, brief.Findings.Select(f => (f.Number, f.Text)).ToArray());
        Assert.Equal(
            ["Engagement", "Parental Capacity", "Fathers", "Assessment and delay", "Transitions", "Multi-agency working", "Response to injuries"],
            brief.Findings.Select(f => f.Heading ?? "(none)").ToArray());
    }

    [Fact]
    public void Child_BF_has_nine_lessons_linked_to_their_findings()
    {
        var brief = Import(SeedFiles.ChildBF);

        Assert.Equal(ChildBFLessons, brief.Lessons.Select(l => (l.Number, l.Text)).ToArray());
        Assert.Equal(
            ["BF1", "BF1", "BF2", "BF3", "BF4", "BF4", "BF5", "BF6", "BF7"],
            brief.Lessons.Select(l => l.FindingNumber ?? "(none)").ToArray());
    }

    [Fact]
    public void Child_BF_has_nine_recommendations_linked_to_their_findings()
    {
        var brief = Import(SeedFiles.ChildBF);

        Assert.Equal(ChildBFRecommendations, brief.Recommendations.Select(r => (r.Number, r.Text)).ToArray());
        Assert.Equal(
            ["BF1", "BF2", "BF3", "BF3", "BF4", "BF4", "BF5", "BF6", "BF7"],
            brief.Recommendations.Select(r => r.FindingNumber ?? "(none)").ToArray());
        Assert.Empty(brief.GoodPractice);
    }

    [Fact]
    public void Child_BF_actions_are_the_partnership_actions_by_theme_then_the_dissemination_table()
    {
        var brief = Import(SeedFiles.ChildBF);

        Assert.Equal(ChildBFActionTexts, brief.Actions.Select(a => a.Text).ToArray());
        Assert.Equal(
            ["1", "1", "2", "2", "3,4", "3,4", "3,4", "5,6", "7", "7", "8", "8", "9", "9", "", "", "", "", "", ""],
            brief.Actions.Select(a => string.Join(',', a.RecommendationNumbers)).ToArray());
        Assert.Equal(
            ["CSCP", "CSCP", "CSCP", "CSCP", "LSCB", "LSCB", "LSCB", "CSCP", "CSCP", "CSCP", "CSCP", "CSCP", "CSCP", "CSCP",
             "Learning & Improvement Subgroup", "CSCP Board", "CSCP Support Office", "(none)", "Learning & Improvement Subgroup", "CSCP Board"],
            brief.Actions.Select(a => a.Owner ?? "(none)").ToArray());
        Assert.All(brief.Actions, a => Assert.Null(a.Deadline));
    }

    [Fact]
    public void Child_BF_actions_carry_how_we_will_know()
    {
        var brief = Import(SeedFiles.ChildBF);
        var know = brief.Actions.Select(a => a.HowWeWillKnow).ToArray();

        Assert.Equal("Multi-agency audit will show parents who fail to engage are challenged and cases do not drift", know[0]);
        Assert.Equal(know[0], know[1]);
        Assert.Equal("Audits will show that significant males are a key part of the assessment process and plans for children", know[4]);
        Assert.Equal("Multi-agency audits will show there is effective information sharing.", know[10]);
        Assert.Equal(
            "Multi-agency audit will evidence that professionals follow the procedure for injuries to immobile babies and the Police are informed when it is suspected that injuries are non-accidental",
            know[13]);
        Assert.All(know[..14], Assert.NotNull);
        Assert.Equal("Practitioners should use the lessons from this review in their everyday interactions with children, young people and their families", know[14]);
        Assert.Equal(know[14], know[15]);
        Assert.StartsWith("The CSCP conducts regular surveys of staff", know[16]);
        Assert.All(know[17..], Assert.Null);
    }

    [Fact]
    public void Child_BF_table_actions_sit_under_the_dissemination_aim()
    {
        var brief = Import(SeedFiles.ChildBF);

        Assert.All(brief.Actions.Skip(14), a => Assert.Equal(
            "The CSCP will ensure that the lessons identified in this SCR are publicised, included in learning materials and disseminated throughout the practitioners in the CSCP",
            a.Heading));
        Assert.All(brief.Actions.Skip(14), a => Assert.DoesNotContain("<p>", a.Text, StringComparison.Ordinal));
    }

    [Fact]
    public void Child_BF_suggests_engagement_fathers_and_pre_birth_themes_with_their_evidence()
    {
        var brief = Import(SeedFiles.ChildBF);

        Assert.Equal(Themes.EngagementAndDisguisedCompliance, brief.Themes[0].Code);
        Assert.Contains("Disguised Compliance", Suggested(brief, Themes.EngagementAndDisguisedCompliance).Evidence);
        Assert.Contains("significant males", Suggested(brief, Themes.FathersAndSignificantAdults).Evidence);
        Assert.Contains("fathers", Suggested(brief, Themes.FathersAndSignificantAdults).Evidence);
        Assert.Contains("unborn", Suggested(brief, Themes.PreBirth).Evidence);
        Assert.Contains("pre-birth", Suggested(brief, Themes.PreBirth).Evidence);
        Assert.Equal(["Non-Accidental", "Immobile"], Suggested(brief, Themes.NonMobileInjuries).Evidence);
        Assert.Contains("depression", Suggested(brief, Themes.ParentalMentalHealth).Evidence);
    }

    // Every seed

    [Fact]
    public void Every_seed_serialises_to_the_draft_review_shape()
    {
        string[] keys = ["title", "findings", "lessons", "recommendations", "actions", "goodPractice", "themes"];
        foreach (var seed in SeedFiles.All)
        {
            using var json = JsonDocument.Parse(Import(seed).ToJson());

            var names = json.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
            Assert.Equal(keys, names.Take(keys.Length).ToArray());
            Assert.All(names.Skip(keys.Length), n => Assert.Contains(n, OptionalKeys));
            foreach (var list in keys.Skip(1).Take(5))
                Assert.All(json.RootElement.GetProperty(list).EnumerateArray(), item =>
                {
                    Assert.True(item.TryGetProperty("number", out _), $"{seed}: every {list} item has a number, null or not");
                    Assert.Equal(JsonValueKind.String, item.GetProperty("text").ValueKind);
                });
        }
    }

    [Fact]
    public void Every_seed_theme_evidence_is_the_documents_own_words()
    {
        foreach (var seed in SeedFiles.All)
        {
            var text = Words(SeedFiles.Read(seed));
            var brief = BriefImporter.Parse(SeedFiles.Read(seed));

            Assert.NotEmpty(brief.Themes);
            Assert.All(brief.Themes, t => Assert.All(t.Evidence, e => Assert.Contains(e, text, StringComparison.Ordinal)));
            Assert.All(brief.Themes, t => Assert.NotNull(Themes.Find(t.Code)));
        }
    }

    [Fact]
    public void Every_seed_item_text_is_whitespace_normalised_without_bullets_or_markup()
    {
        foreach (var seed in SeedFiles.All)
        {
            var brief = Import(seed);
            var texts = brief.Findings.Select(f => f.Text)
                .Concat(brief.Lessons.Select(l => l.Text))
                .Concat(brief.Recommendations.Select(r => r.Text))
                .Concat(brief.Actions.Select(a => a.Text))
                .Concat(brief.GoodPractice.Select(g => g.Text));

            Assert.All(texts, t =>
            {
                Assert.Equal(t.Trim(), t);
                Assert.DoesNotMatch(@"\s{2,}|[\n\t]|^[-•\uF0B7]\s|</?(p|sup)>|\*\*", t);
            });
        }
    }

    // Documents the importer has not seen

    [Fact]
    public void An_unrecognised_document_yields_empty_lists()
    {
        var brief = BriefImporter.Parse("Minutes of the team meeting\n\nWe discussed the rota.\n\n- Tea\n- Coffee\n");

        Assert.Equal("Minutes of the team meeting", brief.Title);
        Assert.Empty(brief.Findings);
        Assert.Empty(brief.Lessons);
        Assert.Empty(brief.Recommendations);
        Assert.Empty(brief.Actions);
        Assert.Empty(brief.GoodPractice);
        Assert.Empty(brief.Themes);
        Assert.Null(brief.Summary);
        Assert.Null(brief.Focus);
    }

    [Fact]
    public void Empty_text_parses_to_an_empty_draft_but_is_refused_for_import()
    {
        var brief = BriefImporter.Parse("");
        var outcome = BriefImporter.Import("  \n ");

        Assert.Equal("", brief.Title);
        Assert.Empty(brief.Lessons);
        Assert.False(outcome.Succeeded);
        Assert.Equal("text", Assert.Single(outcome.Errors).Field);
    }

    [Fact]
    public void Numbered_items_under_plain_headings_keep_their_numbers()
    {
        const string text = """
            Learning review: Child Z

            KEY FINDINGS

            1. The GP did not know of the referral.
            2. Police information was not shared with the health visitor.

            Recommendations

            1. The partnership should review its information sharing protocol.
            2. Agencies should record who lives in the household, including fathers
               and any new partner.
            """;

        var brief = BriefImporter.Parse(text);

        Assert.Equal("Learning review: Child Z", brief.Title);
        Assert.Equal(
            [("1", "The GP did not know of the referral."), ("2", "Police information was not shared with the health visitor.")],
            brief.Findings.Select(f => (f.Number, f.Text)).ToArray());
        Assert.Equal(
            [("1", "The partnership should review its information sharing protocol."),
             ("2", "Agencies should record who lives in the household, including fathers and any new partner.")],
            brief.Recommendations.Select(r => (r.Number, r.Text)).ToArray());
        Assert.Contains("new partner", Suggested(brief, Themes.FathersAndSignificantAdults).Evidence);
    }

    [Fact]
    public void Labelled_items_may_carry_their_text_on_the_label_line()
    {
        const string text = """
            Rapid Review: Baby Q

            Finding 1: Nobody asked who else lived in the home.
            Lesson 1.1 - Ask about every adult in the household.
            Recommendation 1. Agencies should record household members at every visit.
            """;

        var brief = BriefImporter.Parse(text);

        Assert.Equal(("1", "Nobody asked who else lived in the home."), (brief.Findings[0].Number, brief.Findings[0].Text));
        Assert.Equal(("1.1", "Ask about every adult in the household.", "1"), (brief.Lessons[0].Number, brief.Lessons[0].Text, brief.Lessons[0].FindingNumber));
        Assert.Equal(("1", "Agencies should record household members at every visit."), (brief.Recommendations[0].Number, brief.Recommendations[0].Text));
    }

    [Fact]
    public void Symbol_font_bullets_and_pipe_tables_are_read()
    {
        const string text = "WHAT WE HAVE LEARNT\n\n\uF0B7 Babies who are not independently mobile should not bruise.\n\n" +
            "ACTION PLAN\n\n| Action | Lead agency | Deadline | How we will know |\n|---|---|---|---|\n" +
            "| Publish the bruising protocol | Health | 31 March 2026 | Audit of referrals |\n";

        var brief = BriefImporter.Parse(text);

        Assert.Equal("Babies who are not independently mobile should not bruise.", Assert.Single(brief.Lessons).Text);
        var action = Assert.Single(brief.Actions);
        Assert.Equal(("Publish the bruising protocol", "Health", "31 March 2026", "Audit of referrals"),
            (action.Text, action.Owner, action.Deadline, action.HowWeWillKnow));
        Assert.Equal(["not independently mobile", "bruise", "bruising"], Suggested(brief, Themes.NonMobileInjuries).Evidence);
    }

    [Fact]
    public void Owner_deadline_and_how_we_will_know_lines_under_an_action_are_its_details()
    {
        const string text = """
            Learning brief: Child M

            Recommendation 1
            Health visitors should see every baby at home before six weeks.

            Actions
            Add the home visit to the health visiting pathway.
            Owner: Health visiting service
            Deadline: 30 June 2026
            How will we know: Audit shows every baby seen at home by six weeks.
            Remind GPs of the non-mobile bruising protocol.
            """;

        var brief = BriefImporter.Parse(text);

        Assert.Equal(2, brief.Actions.Count);
        var first = brief.Actions[0];
        Assert.Equal(
            ("Add the home visit to the health visiting pathway.", "Health visiting service", "30 June 2026", "Audit shows every baby seen at home by six weeks."),
            (first.Text, first.Owner, first.Deadline, first.HowWeWillKnow));
        Assert.Equal(["1"], first.RecommendationNumbers);
        var second = brief.Actions[1];
        Assert.Equal(("Remind GPs of the non-mobile bruising protocol.", null, null), (second.Text, second.Owner, second.Deadline));
    }

    private static string Words(string document) => Regex.Replace(Regex.Replace(document, "</?(p|sup)>", ""), @"\s+", " ");

    private static readonly (string? Number, string Text)[] BabyRLessons =
    [
        (null, "We need to be certain that we record findings accurately."),
        (null, "The level of analysis in S47 assessments should be clearly documented to ensure that assessments are not descriptive."),
        (null, "All agencies having contact with a family undergoing S47 assessments should be contacted and have information included in the process."),
        (null, "Communication systems are really important between agencies. If there are delays in sharing information it can impact on keeping children safe."),
        (null, "Information and actions from Child Protection processes must be communicated promptly with everyone who is part of the action plan, or has contact with the family."),
        (null, "Health and social care should be demonstrating through their records that effective supervision takes place when starting or ending cases where child protection concerns exist."),
    ];

    private static readonly (string? Number, string Text)[] BabyRRecommendations =
    [
        (null, "Share records in relation to child protection promptly – if professionals don't know about actions they can't complete them."),
        (null, "Check even the basic information about a family with each other – different addresses, contact details, or dates of birth can be important."),
        (null, "Make sure everyone involved with the family is communicated with during S47 processes – if you know about other people involved tell the social worker."),
        (null, "Record facts accurately – “we don’t know” is exactly that and is less likely to be influenced by the ‘rule of optimism’."),
        (null, "Request supervision for all child protection cases when they open and before closing. If you’re a manager, provide it – reflective practice is important for all practitioners to ensure objective analysis has been completed and that risk has been robustly assessed."),
    ];

    private static readonly (string? Number, string Text)[] BabyRGoodPractice =
    [
        (null, "When the bruise was first seen at 6 days old all agencies responded promptly and appropriately."),
        (null, "The Health Visitor notified the Social Worker regarding a black eye seen on the elder child 6 months before Baby R's injury."),
        (null, "The Child Protection medical was conducted promptly, and dictated within 24 hours"),
        (null, "The Health Visitor independently assessed the family and considered the need for enhanced Health Visiting support."),
        (null, "The Health Visitor recognised Baby R's distress and took all appropriate actions – acting professionally, supporting the family but always having safety of Baby R as the priority."),
        (null, "The Father was involved in assessments by both Social Workers and Health Visitors."),
        (null, "All professionals saw the family promptly."),
    ];

    private static readonly (string? Number, string Text)[] FamilyLLessons =
    [
        (null, "We need to be certain that we record test results accurately."),
        (null, "Holding parents in high regard can mean that the 'rule of optimism' interferes with robust risk assessment regarding information that demonstrates risk to the children."),
        (null, "Holding a parent in high regard can lead to a focus on their issues, instead of the impact on the children."),
        (null, "Information regarding families where there are concerns about risk to children must be shared promptly with everyone who is involved in the plan, or has involvement with the family."),
        (null, "It doesn't matter how a child is exposed to harmful substances – the risk to their health and life is still a significant child protection concern."),
        (null, "Staff sickness and staffing issues can impact on risk to children if managers don't review cases promptly and ensure that outstanding actions are completed."),
    ];

    private static readonly (string? Number, string Text)[] FamilyLRecommendations =
    [
        (null, "Make sure that the voice of the child is present, and prioritised in all our records. This will remind us about the impact on the child, and help us to stay focussed on the child's needs."),
        (null, "Record facts accurately – “we don’t know” is exactly that and is less likely to be influenced by the ‘rule of optimism’."),
        (null, "Attempt to involve all parents in assessments from the very beginning, even if they are absent through being in prison, or not currently having contact."),
        (null, "Work openly and collaboratively with each other across agencies. Sharing information can act as a check that our own views are not being influenced too heavily by one factor."),
        (null, "Make sure everyone involved with the family is working together – if you know about someone then share this information with the lead professional. Don’t forget professionals working with the adults in the family."),
        (null, "Managers can review cases promptly when staff are absent, or when they have staffing issues in their teams, and escalate concerns if these issues are impacting on the risk to children."),
    ];

    private static readonly (string? Number, string Text)[] FamilyLGoodPractice =
    [
        (null, "The initial referral was highlighted and responded to effectively, and children's social care took into consideration the past history of family L"),
        (null, "The second referral was initially responded to quickly, sharing information with health and police and immediately organising urine tests of both children."),
        (null, "A clear safety plan was also put in place until the urine test results were known."),
        (null, "All professionals involved worked hard to engage the family and build relationships."),
        (null, "Once the BDP worker was aware of the risk they immediately followed protocol and placed Mother on 7 day supervised prescribing of her methadone."),
    ];

    private static readonly (string? Number, string Text)[] FamilyS22Lessons =
    [
        (null, "Whilst most referrals are accepted at face value, there will be times when professional judgement suggests further information is sought before making a decision about appropriate action. For example, when the referral concerns a teenage parent who is new to the area and where there is a history of involvement with social care as a child."),
        (null, "In this case not all the information shared between services was recorded. If information sharing is to be effective in safeguarding children, it is important that information gathered over time by all agencies is recorded carefully and contributes to a picture being built up over time."),
        (null, "When bruising is first observed on a non-mobile child and a professional is seeking an explanation from the parents or carers, it is important to remember the NICE guideline 'When to suspect Child Maltreatment'¹ and to approach the conversation in a way which enables the parents or carers to be honest in order to establish the facts if they have or might have injured the baby."),
        (null, "Whilst engaging with parents is likely to promote more honest sharing, it is essential that the professionals continue to retain their focus on protecting the child."),
        (null, "Professional challenge is a vital part of the safeguarding system and all staff, however senior and experienced, should be open to challenge. All staff should also be confident to raise their concerns with colleagues and know how to escalate if they consider their views are not being heard."),
        (null, "In order to obtain a full picture of family functioning and the impact of parental care on a baby, it is important to record interaction between the family and child and to share this appropriately where there are concerns social observations and discuss their relevance when assessing risk. Avoid relying on a medical explanation for an injury."),
        (null, "The decision about whether it is safe to discharge a baby should always be based on the main carer of the baby, any reassurances which suggest a reduction in risk should be carefully considered."),
        (null, "If a child is at risk of immediate harm Section 46 of the Children Act allows for a police officer to detain a child in a place of safety for a period of up to 72 hours. The use of police powers in this situation was appropriate, police officers were present at the hospital when the injuries were diagnosed and the use of police powers enabled protective action to be taken promptly."),
        (null, "At the time of the SCR it was felt to be the right course of action. However, since the Mumby ruling, the matter would have been put before the Court, and if more information needed to be shared, it could be part of a professionals meeting."),
        (null, "If a child is removed from their parents it is good practice to bring the case before the Family Court as soon as possible. This ensures the parents have an opportunity to hear the causes for concern, why removal of their child is considered necessary and to be able to make representations to the Court about what they want. Most importantly, when a case comes to court, a Guardian is appointed whose job it is to represent the child and advocate on their behalf."),
        (null, "A Child Protection Conference can serve a useful purpose when a child is accommodated, especially if there has been little opportunity for professionals to come together and share information about the family."),
        (null, "It is helpful to remember that the purpose of a Child Protection Conference is not the same as a Looked After Child Review. A Child Protection Conference is an opportunity to bring together and analyse information about the child and his family in an inter-agency setting, to make judgements about the likelihood of the child suffering or continuing to suffer significant harm and to decide what action is necessary to safeguard the child and promote his welfare."),
        (null, "Whilst it might be exceptional to hold a Child Protection Conference for a child who is looked after, in this case after some discussion, the practitioners involved concluded it would have served a useful purpose."),
    ];

    private static readonly (string? Number, string Text)[] EmilyRecommendations =
    [
        ("1.1", "All key professionals and agencies attend Child Protection Conferences."),
        ("1.2", "Key professionals are members of Core Groups and attend Core Group meetings."),
        ("1.3", "Child in Need plans clearly describe areas of concern, action that needs to be taken, who is responsible, when this will be achieved and the measurement of success."),
        ("1.4", "Child in Need plans are reviewed at all Child in Need meetings and Child Protection Plans are reviewed at all Core Group meetings"),
        ("1.5", "Schools seek to put arrangements in place to contribute to Child Protection Conferences and Core Groups during school holidays."),
        ("2.1", "Changes in the composition of a household where there is a Child in Need or Child Protection Plan in place lead to an updated social work assessment."),
        ("2.2", "Health professionals who become aware that a family has moved home ensure that relevant professionals are informed of the change of address as soon as possible."),
        ("3.1", "Was not brought' policies are written and implemented for all health services offering appointments and home visits to children, in line with Multi Agency Best Practice Guidance (2018) 'Management of Children not brought to medical appointments'."),
        (null, "I am however recommending that the Learning Brief which is being published alongside this review includes the importance of recognising the long-term impact of neglect and domestic abuse and that this is widely disseminated through agency partners."),
    ];

    private static readonly string[] EmilyActionTexts =
    [
        "It is a concern that these issues continue to be in evidence as they mirror findings from a previous case reviews re \"Alice\" and \"Kieran\". I have asked that the Case Review sub-group, which monitors completion of case review actions on behalf of the Partnership looks again at how effective the processes in place are at ensuring evidence of outcome and impact is provided not merely completion of the actions. To assist with this TBP are arranging a Multi-agency Safeguarding Operational Group that will be a group / forum in which to try and resolve some of those issues that may be causing disputes/barriers/blockages in operational practice that could be quickly resolved through dialogue and solution focused processes.",
        "A Task and finish group has been established to enhance the audit processes currently used within the partnership to provide even greater emphasis on effective processes and positive outcomes for children and families.",
        "The schools involved in Emily's case now have arrangements in place for engagement in safeguarding processes outside of terms-time. TBP has asked the Council's safeguarding Team to establish the positions with all schools and this question will be added to the next Section 175 audit of safeguarding within schools.",
        "CSC to be asked to complete a short audit of CiN and CP cases where there has been a change to establish the extent to which this routinely prompts a review of the plan.",
        "Health colleagues have responded to this issue by discussing at the Safeguarding SystmOne group on the 11th May 2021. This group has raised a request for the functionality of SystmOne to be explored to better support the ease of updating address changes. This request will be discussed at the District Programme Board to clarify if the functionality of SystmOne can be amended. Once this is completed, governance of this request will be overseen by the Safeguarding SystmOne group with updates to the Case Review Group to understand progress.",
        "The usual communication systems continue during and beyond this request with health colleagues sharing changes of addresses via tasks, secure emails, via phone contact etc. with relevant professionals.",
        "Such a policy was, in fact, already in place and this was an issue of non-compliance rather than a policy gap. This was addressed during the course of the review. Assurance of compliance, as above.",
    ];

    private static readonly (string? Number, string Text)[] ChildBFFindings =
    [
        ("BF1", "There was a recurring concern about the engagement of the parents in this serious case review. The professionals involved in this case recognised this as an issue however and were both persistent and persuasive in trying to ensure the engagement of both parents. Lack of parental engagement can often lead to a case being closed or drift and delay in planning for a child."),
        ("BF2", "In this case Mother had an extensive history of contact with Children's Services as a child. The need for support was recognised by professionals involved but the risk of physical harm had not been considered, as neither parent had a history of violence. However there are numerous cases where children have been killed or physically harmed in circumstances very similar to these."),
        ("BF3", "In this case professionals were able to build an early relationship with Father but struggled to maintain the engagement as he became increasingly remote. This compromised the accuracy of the assessment of risk."),
        ("BF4", "Delays in starting the Child and Family Assessment had a knock on impact on the timing of the pre-birth assessment; the ICPC; holding the Legal Gateway meeting; implementing the PLO and the specialist psychological assessments, which were only commenced a month before BF's due date. These delays compromised the effectiveness of the assessment and planning as important information in relation to the parents' mental capacity was not available at the time that the baby was born and when she was discharged from hospital to her parents care."),
        ("BF5", "A number of issues in relation to transitions were identified in this serious case review. Mother's transition between childhood and adulthood, Father move from another area of the country, and Mother's movement between the two areas presented barriers in relation to the effective sharing of information and opportunities for support. This had the potential for professionals to miss or underestimate the risk factors that were present in relation to the unborn baby and the capacity of the parents to care for BF following her birth."),
        ("BF6", "In this case not all agencies involved with the family were invited to the ICPC or asked for information. There were weaknesses identified in sharing of information within the same agencies but across geographical boundaries."),
        ("BF7", "Mother attended Accident and Emergency by ambulance with Child BF. It was identified that Child BF was subject to a Child Protection Plan, but there was a delay in notifying the Police, until the next day. A Public Protection Order (PPO) was taken out by the Police and the parents arrested. The delay in notifying the police had the potential to expose BF to risk of harm given that up until the PPO being put in place the parents had free access to BF whilst on the ward. Moreover, the delay exposed the criminal investigation to potential risk as evidence could have been disposed of or the parents could have fled the area."),
    ];

    private static readonly (string? Number, string Text)[] ChildBFLessons =
    [
        ("BF1.1", "In cases where there are concerns about the capacity of parents to meet their children's needs and where the parents are showing increasing vulnerabilities such as depression or relationship problems, continued non-engagement with assessments and support should be recognised as significantly increasing the risk to the child."),
        ("BF1.2", "When lack of engagement is recognised in cases where the parents have vulnerabilities, an approach that provides additional support is good practice."),
        ("BF2.1", "In cases where an unborn baby of first time parents is thought to be at risk of neglect due to the predisposing vulnerabilities and risks, the possibility that the baby may be at risk of physical harm should also be considered."),
        ("BF3.1", "Professionals should ensure that they apply robust professional curiosity in relation to fathers; particularly when they disengage from services and from their parenting role with their child. This curiosity should be supplemented by robust challenge to fathers regarding their parenting role."),
        ("BF4.1", "Without a prompt and decisive response to a pre-birth referral there will be babies going home from hospital without the required assessment and parenting work being completed. The time available prior to the child's birth needs to be utilised to ensure there is an understanding of the risks and protective factors and a plan that enables those involved to work towards providing preventive and protective interventions as required."),
        ("BF4.2", "Where an assessment indicates a significant change in a parent that increases the risk factors they present, this assessment should be shared expeditiously with appropriate professionals who are involved in the Child Protection Plan and PLO."),
        ("BF5.1", "Professionals transferring cases involving vulnerable parents to colleagues in other areas must satisfy themselves that all relevant information is shared and accurately recorded, and that there is a shared understanding of the vulnerabilities and risks, particularly if there is a view that a referral to the Safeguarding Hub is required."),
        ("BF6.1", "It is important for all professionals and agencies that hold relevant information on a child or their family to be invited to contribute to strategy meetings, child protection conferences and core groups. Conference chairs should make particular efforts to ensure that the relevant GP is invited and receives the record of meetings."),
        ("BF7.1", "Where a child presents at Accident and Emergency and Non-Accidental Injury is one potential cause of the presentation and a referral to Children’s Services has been made, early consideration should be made to notifying the police."),
    ];

    private static readonly (string? Number, string Text)[] ChildBFRecommendations =
    [
        ("1", "The LSCB should make arrangements to disseminate key messages from this review as widely as possible, including:- The need to challenge poor engagement"),
        ("2", "The LSCB should make arrangements to disseminate key messages from this review as widely as possible, including:- When a baby is at risk of neglect, consideration should also be given to the risk of physical injury."),
        ("3", "The LSCB should make arrangements to disseminate key messages from this review as widely as possible, including:- Ensuring fathers are a key part of the assessment processes and any plans that are in place."),
        ("4", "The Board should commission an exercise to map the services available to vulnerable families such as the family in this case, and to identify where the gaps in provision exist. Specific consideration should be given to projects that work with fathers and the Board should assure itself that there is capacity to engage effectively with fathers in all stages of assessments. Where gaps are identified consideration should be given to commissioning appropriate new services to fill them."),
        ("5", "The Board should consider the revised pre-birth referral processes in the Safeguarding Hub and ensure that there is clarity of understanding across agencies and in particular in relation to the exceptions that apply between week 12 and 16 of a reported pregnancy."),
        ("6", "The LSCB should make arrangements to disseminate key messages from this review as widely as possible, including:- Taking appropriate early action when risks are identified in pre-birth."),
        ("7", "The LSCB should make arrangements to disseminate key messages from this review as widely as possible, including:- Where a vulnerable parent moves into a new area, professionals must ensure there is effective communication with the area they have moved from."),
        ("8", "The LSCB should make arrangements to disseminate key messages from this review as widely as possible, including:- Recognising the important role that GPs can play in gathering information for assessments."),
        ("9", "The LSCB should make arrangements to disseminate key messages from this review as widely as possible, including:- The police should be informed in a timely way when a child is presented at hospital with an injury that could potentially be non-accidental."),
    ];

    private static readonly string[] ChildBFActionTexts =
    [
        "The CSCP will publish a Newsletter following this review which will include links to the relevant CSCP policies – such as: Immobile Infants; Escalation Policy; Transfer-in; Disguised Compliance; Neglect; Pre-birth Protocol.",
        "Further workshops will be held on 'disguised compliance'",
        "Following the publication of this SCR a CSCP Newsletter will be published sharing the key messages",
        "CSCP to further embed training and support in analysis and decision making including the use of family history and context",
        "The CSCP have a service directory in place which is refreshed regularly",
        "Since this SCR was undertaken the services for 0-19 and Early Help have been recommissioned with input from the CSCP and regard to the learning from SCRs",
        "Our multi-agency audits include a question asking if significant adults who are involved in the lives of children are identified and assessed as part of the assessment and planning for the children.",
        "The CSCP will publish a Newsletter following this review which will include links to the relevant CSCP policies – such as: Immobile Infants; Escalation Policy; Transfer-in; Disguised Compliance; Neglect; Pre-birth protocol. Changes have been made procedurally within the Safeguarding Hub which encourages early contact from professionals in pregnancies where risk to the unborn child is evident",
        "The CSCP will publish a Newsletter following this review which will include links to the relevant CSCP policies – such as: Immobile Infants; Escalation Policy; Transfer-in; Disguised Compliance; Neglect; Pre-birth Protocol.",
        "A multi-agency thematic audit of cases which have ‘transferred in’ to Cumbria will be undertaken.",
        "CSCP to produce briefing on information sharing.",
        "CSCP to undertake further workshops at Practitioner forums on information sharing.",
        "The injury to immobile babies procedure have been reviewed",
        "A multi-agency thematic audit of injuries to immobile babies has been undertaken with recommendations being taken forward by the CSCP. A further audit is planned for 12 months’ time to evidence embedded learning",
        "Training materials will be reviewed to ensure the lessons are included.",
        "Policies and procedures (P&P) will be reviewed to ensure the lessons are included",
        "The website will be updated to reflect the lessons from this review.",
        "A specific newsletter will be published to cover the lessons from this review and other recent SCR",
        "The LSCB will conduct a number of workshops and a conference to raise the profile of the lessons in this and the other SCR being published.",
        "Assurance will be sought from all agencies that the lessons from this SCR are being used – this will be done through the 2020 Safeguarding Audit (Section 11)",
    ];
}

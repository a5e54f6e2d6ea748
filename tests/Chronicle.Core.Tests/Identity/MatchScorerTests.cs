using Chronicle.Core.Identity;
using Chronicle.Core.Record;
using Chronicle.Core.Time;
using Chronicle.Testing.Identity;

namespace Chronicle.Core.Tests.Identity;

public sealed class MatchScorerTests
{
    private static readonly DateOnly Born = new(2019, 3, 14);

    private static MatchRecord Person(string given, string family, DateOnly? dob = null, Sex sex = Sex.Female, string? nhs = null,
        string? postcode = "NS1 4AB", string? address = "12 Mill Road, Northtown", DatePrecision precision = DatePrecision.Day, Guid? mother = null) =>
        MatchRecord.From(null, [(given, family)], dob, dob is null ? DatePrecision.Unknown : precision, sex, [nhs], [postcode], [address], mother);

    private static readonly MatchRecord OnRecord = Person("Katherine", "Okafor", Born, nhs: "9434765919");

    private static MatchResult Score(MatchRecord input) => MatchScorer.Default.Score(input, OnRecord);

    [Fact]
    public void A_pair_scored_only_if_banded_scores_as_the_full_score_and_a_pair_in_no_band_gives_nothing()
    {
        var generator = new AgencyListGenerator(5);
        var people = generator.People(300);
        var rows = generator.AgencyList(people, 300);
        var (banded, dropped) = (0, 0);
        foreach (var row in rows)
            foreach (var person in people)
            {
                var full = MatchScorer.Default.Score(row.ToMatchRecord(), person.ToMatchRecord());
                var quick = MatchScorer.Default.ScoreIfBanded(row.ToMatchRecord(), person.ToMatchRecord());
                if (full.Band == MatchBand.NoMatch) { Assert.Null(quick); dropped++; continue; }
                Assert.NotNull(quick);
                Assert.Equal((full.Probability, full.Weight, full.Band), (quick.Probability, quick.Weight, quick.Band));
                Assert.Equal(full.Fields, quick.Fields);
                banded++;
            }
        Assert.True(banded > 100 && dropped > 1000, $"{banded} banded, {dropped} dropped");
    }

    [Fact]
    public void The_same_person_recorded_the_same_way_is_a_match_with_reasons()
    {
        var result = Score(Person("Katherine", "Okafor", Born, nhs: "943 476 5919"));
        Assert.Equal(MatchBand.Match, result.Band);
        Assert.Contains("The same NHS number", result.Reasons);
        Assert.Contains("The same date of birth", result.Reasons);
    }

    [Theory]
    [InlineData("Kate", "Okafor", "forms of one name")]
    [InlineData("Kathrine", "Okafor", "alike")]
    [InlineData("Katharyn", "Okafor", "alike")]
    [InlineData("KATHERINE", "OKAFOR", "The same given name")]
    [InlineData("Katherine", "Okafor-Mensah", "hyphenated or double")]
    [InlineData("Okafor", "Katherine", "other way round")]
    [InlineData("Katherine", "Okafur", "")]
    public void Name_variations_of_the_person_on_record_without_an_NHS_number_are_offered(string given, string family, string reason)
    {
        var result = Score(Person(given, family, Born));
        Assert.NotEqual(MatchBand.NoMatch, result.Band);
        Assert.Contains(result.Reasons, r => r.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Transliterated_given_names_sound_alike()
    {
        var a = Person("Mohammed", "Khan", Born, Sex.Male);
        var b = Person("Muhammad", "Khan", Born, Sex.Male);
        Assert.Equal(MatchBand.Match, MatchScorer.Default.Score(a, b).Band);
        Assert.Equal(Names.Phonetic("AISHA"), Names.Phonetic("AYESHA"));
    }

    [Fact]
    public void A_date_of_birth_with_day_and_month_swapped_is_recognised()
    {
        var result = Score(Person("Katherine", "Okafor", new DateOnly(2019, 3, 4))); // 4 March against 14 March: not swapped
        Assert.DoesNotContain(result.Fields, f => f.Key == "dateOfBirth.swapped");
        var swapped = MatchScorer.Default.Score(Person("Katherine", "Okafor", new DateOnly(2019, 4, 3)), Person("Katherine", "Okafor", new DateOnly(2019, 3, 4)));
        Assert.Contains(swapped.Fields, f => f.Key == "dateOfBirth.swapped");
        Assert.NotEqual(MatchBand.NoMatch, swapped.Band);
    }

    [Theory]
    [InlineData(2019, 3, 15)]
    [InlineData(2091, 3, 14)]
    [InlineData(2018, 3, 14)]
    public void A_slipped_or_transposed_digit_in_the_date_of_birth_counts_for_the_match(int year, int month, int day)
    {
        var result = Score(Person("Katherine", "Okafor", new DateOnly(year, month, day)));
        Assert.Contains(result.Fields, f => f.Key == "dateOfBirth.digit");
        Assert.NotEqual(MatchBand.NoMatch, result.Band);
    }

    [Fact]
    public void Dates_two_digits_apart_that_are_not_a_transposition_are_no_slip() =>
        Assert.False(MatchScorer.DigitSlip(Born, new DateOnly(2019, 5, 28)));

    [Fact]
    public void A_date_known_only_to_its_month_agrees_to_its_precision_and_no_further()
    {
        var monthOnly = Person("Katherine", "Okafor", new DateOnly(2019, 3, 1), precision: DatePrecision.Month);
        Assert.Contains(Score(monthOnly).Fields, f => f.Key == "dateOfBirth.sameMonth");
        var otherMonth = Person("Katherine", "Okafor", new DateOnly(2019, 5, 1), precision: DatePrecision.Month);
        Assert.Contains(Score(otherMonth).Fields, f => f.Key == "dateOfBirth.different");
    }

    [Fact]
    public void An_unknown_date_of_birth_or_sex_weighs_nothing_rather_than_disagreeing()
    {
        var result = Score(Person("Katherine", "Okafor", null, Sex.NotKnown));
        Assert.DoesNotContain(result.Fields, f => f.Field is "dateOfBirth" or "sex");
    }

    [Fact]
    public void An_NHS_number_that_fails_its_check_says_nothing_and_a_different_valid_one_prevents_an_automatic_match()
    {
        var mistyped = Score(Person("Katherine", "Okafor", Born, nhs: "9434765918"));
        Assert.DoesNotContain(mistyped.Fields, f => f.Field == "nhsNumber");
        Assert.Equal(MatchBand.Match, mistyped.Band);
        var different = Score(Person("Katherine", "Okafor", Born, nhs: "4010232137"));
        Assert.Contains(different.Fields, f => f.Key == "nhsNumber.different");
        Assert.NotEqual(MatchBand.Match, different.Band);
    }

    [Fact]
    public void A_twin_at_the_same_address_with_the_same_mother_is_not_matched()
    {
        var mother = Guid.NewGuid();
        var twin = Person("Amelia", "Okafor", Born, mother: mother);
        var sibling = Person("Katherine", "Okafor", Born, mother: mother);
        Assert.NotEqual(MatchBand.Match, MatchScorer.Default.Score(twin, sibling).Band);
        var brother = Person("Samuel", "Okafor", Born, Sex.Male, mother: mother);
        Assert.Equal(MatchBand.NoMatch, MatchScorer.Default.Score(brother, sibling).Band);
    }

    [Fact]
    public void A_previous_address_reported_by_any_agency_counts()
    {
        var onRecord = MatchRecord.From(null, [("Katherine", "Okafor")], Born, DatePrecision.Day, Sex.Female, [],
            ["NS1 4AB", "LS2 9ZZ"], ["12 Mill Road, Northtown", "Flat 3, 40 Park Avenue, Leeds"]);
        var result = MatchScorer.Default.Score(Person("Katherine", "Okafor", Born, address: "flat 3 40 park avenue leeds", postcode: "ls29zz"), onRecord);
        Assert.Contains(result.Fields, f => f.Key == "address.same");
    }

    [Fact]
    public void Someone_else_is_no_match()
    {
        Assert.Equal(MatchBand.NoMatch, Score(Person("Oliver", "Brown", new DateOnly(2011, 8, 2), Sex.Male, postcode: "DL1 1AA", address: "1 High Street")).Band);
    }

    [Fact]
    public void The_thresholds_are_the_partnership_s_to_set()
    {
        var strict = new MatchScorer(MatchSettings.Default with { MatchThreshold = 0.999999, PossibleThreshold = 0.9 });
        var input = Person("Kate", "Okafor", Born);
        Assert.Equal(MatchBand.Match, MatchScorer.Default.Score(input, OnRecord).Band);
        Assert.Equal(MatchBand.Possible, strict.Score(input, OnRecord).Band);
    }

    [Fact]
    public void Blocking_brings_each_kind_of_variation_together_with_the_person_on_record()
    {
        var index = BlockingIndex.Build([OnRecord, Person("Oliver", "Brown", new DateOnly(2011, 8, 2), Sex.Male, postcode: "DL1 1AA")]);
        foreach (var variant in new[]
                 {
                     Person("Kate", "Okafor", new DateOnly(2019, 3, 14), postcode: null, address: null),
                     Person("Okafor", "Katherine", null, postcode: null, address: null),
                     Person("Katherine", "Smith", Born, postcode: null, address: null),
                     Person("Katarina", "Okafur", new DateOnly(2019, 3, 4)),
                     Person("Kat", "Jones", new DateOnly(2001, 1, 1), nhs: "9434765919", postcode: null, address: null),
                 })
            Assert.Contains(0, index.Candidates(variant));
    }
}

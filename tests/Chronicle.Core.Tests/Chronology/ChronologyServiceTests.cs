using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Persistence;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Time;
using Chronicle.Testing;
using Microsoft.EntityFrameworkCore;
using TestResult = Chronicle.Core.Chronology.Details.TestResult;

namespace Chronicle.Core.Tests.Chronology;

public sealed class ChronologyServiceTests
{
    public static TheoryData<Provider> Providers => [Provider.Sqlite, Provider.Postgres];

    [Theory, MemberData(nameof(Providers))]
    public async Task An_inconclusive_result_is_stored_read_and_summarised_as_inconclusive(Provider provider)
    {
        await using var f = await ChronologyFixture.CreateAsync(provider);
        await using (var db = f.Database.Open())
            (await f.Service(db).RecordAsync(f.PartnershipId, f.Entry("test-result", new { test = "Urine toxicology", outcome = "inconclusive", sampleQuality = "dilute" }))).Unwrap();

        await using var read = f.Database.Open();
        var stored = await read.Entries.SingleAsync();
        Assert.Contains("\"outcome\":\"inconclusive\"", stored.Details);
        var item = Assert.Single(await ChronologyReader.ForChildAsync(read, f.PartnershipId, f.ChildId));
        Assert.Equal(TestOutcome.Inconclusive, Assert.IsType<TestResult>(item.Details).Outcome);
        Assert.Contains("Inconclusive", item.Summary);
        Assert.DoesNotContain("Negative", item.Summary);
        var file = await CaseFileLoader.LoadAsync(read, f.ChildId, f.Clock.GetUtcNow());
        Assert.Equal(TestOutcome.Inconclusive, Assert.IsType<TestResult>(Assert.Single(file!.Entries).Details).Outcome);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_dilute_sample_cannot_be_recorded_as_negative(Provider provider)
    {
        await using var f = await ChronologyFixture.CreateAsync(provider);
        await using var db = f.Database.Open();
        var outcome = await f.Service(db).RecordAsync(f.PartnershipId, f.Entry("test-result", new { test = "Urine toxicology", outcome = "negative", sampleQuality = "dilute" }));
        var error = Assert.Single(outcome.Errors);
        Assert.Equal("details.outcome", error.Field);
        Assert.Contains("inconclusive", error.Message);
        Assert.Equal(0, await db.Entries.CountAsync());
    }

    [Fact]
    public void No_label_or_summary_of_an_inconclusive_result_reads_as_negative()
    {
        foreach (var outcome in new[] { TestOutcome.Inconclusive, TestOutcome.NotDone, TestOutcome.SampleRejected })
        {
            Assert.DoesNotContain("negative", Labels.Of(outcome).Replace("not negative", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
            var summary = EntrySummary.Of(new TestResult { Test = "Urine", Outcome = outcome, OutcomeReason = "dilute" }, new Names(new Dictionary<Guid, string>(), new Dictionary<Guid, string>(), new Dictionary<Guid, string>()));
            Assert.DoesNotContain("negative", summary.Replace("not negative", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_correction_supersedes_and_keeps_the_original(Provider provider)
    {
        await using var f = await ChronologyFixture.CreateAsync(provider);
        Guid originalId;
        await using (var db = f.Database.Open())
        {
            var service = f.Service(db);
            originalId = (await service.RecordAsync(f.PartnershipId, f.Entry("test-result", new { test = "Urine toxicology", outcome = "negative" }))).Unwrap().Id;
            f.Clock.Advance(TimeSpan.FromDays(1));
            var correction = await service.CorrectAsync(f.PartnershipId, originalId, new CorrectionInput
            {
                Entry = f.Entry("test-result", new { test = "Urine toxicology", outcome = "inconclusive", sampleQuality = "dilute" }),
                Reason = "The laboratory reported the sample as dilute",
            });
            Assert.Equal(originalId, correction.Unwrap().SupersedesEntryId);
        }

        await using var read = f.Database.Open();
        var items = await ChronologyReader.ForChildAsync(read, f.PartnershipId, f.ChildId);
        Assert.Equal(2, items.Count);
        var original = items.Single(i => i.Entry.Id == originalId);
        Assert.True(original.IsSuperseded);
        Assert.Equal("The laboratory reported the sample as dilute", original.SupersededReason);
        Assert.Contains("\"outcome\":\"negative\"", original.Entry.Details);
        var current = Assert.Single((await CaseFileLoader.LoadAsync(read, f.ChildId, f.Clock.GetUtcNow()))!.Entries);
        Assert.Equal(TestOutcome.Inconclusive, Assert.IsType<TestResult>(current.Details).Outcome);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task The_later_versions_of_corrected_entries_follow_each_chain_to_its_end_when_the_first_step_is_asked_by_a_query(Provider provider)
    {
        await using var f = await ChronologyFixture.CreateAsync(provider);
        await using var db = f.Database.Open();
        var service = f.Service(db);
        async Task<ChronologyEntry> Record(string text) => (await service.RecordAsync(f.PartnershipId, f.Entry("observation", new { topic = "home-conditions", text }))).Unwrap();
        async Task<ChronologyEntry> Correct(ChronologyEntry entry, string text) =>
            (await service.CorrectAsync(f.PartnershipId, entry.Id, new CorrectionInput { Entry = f.Entry("observation", new { topic = "home-conditions", text }), Reason = "Wrong" })).Unwrap();
        var twice = await Record("Tidy");
        var once = await Correct(twice, "Cluttered");
        var last = await Correct(once, "Cluttered, no food");
        var never = await Record("Warm");
        var other = await Record("Cold");
        var otherCorrection = await Correct(other, "Very cold");
        var asked = new[] { twice.Id, never.Id };
        var listed = asked.Append(other.Id).ToList();

        // The query holds more than the entries asked about (another corrected entry): only those asked are answered.
        var byQuery = await Corrections.LaterVersionsAsync(db, asked, db.Entries.Where(e => listed.Contains(e.Id)).Select(e => e.Id), CancellationToken.None);
        var byList = await Corrections.LaterVersionsAsync(db, asked, CancellationToken.None);

        foreach (var answer in new[] { byQuery, byList })
        {
            Assert.Equal([twice.Id], answer.Keys);
            Assert.Equal([once.Id, last.Id], answer[twice.Id].Select(e => e.Id));
        }
        Assert.DoesNotContain(otherCorrection.Id, byQuery.Values.SelectMany(v => v).Select(e => e.Id));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task An_entry_already_corrected_cannot_be_corrected_again(Provider provider)
    {
        await using var f = await ChronologyFixture.CreateAsync(provider);
        await using var db = f.Database.Open();
        var service = f.Service(db);
        var original = (await service.RecordAsync(f.PartnershipId, f.Entry("observation", new { topic = "home-conditions", text = "Tidy" }))).Unwrap();
        var first = (await service.CorrectAsync(f.PartnershipId, original.Id, new CorrectionInput { Entry = f.Entry("observation", new { topic = "home-conditions", text = "Cluttered" }), Reason = "Wrong visit" })).Unwrap();
        // A conflict with the record as it now is, naming the correction that won: nothing of the second is saved.
        var second = await Assert.ThrowsAsync<WriteConflictException>(() => service.CorrectAsync(f.PartnershipId, original.Id, new CorrectionInput { Entry = f.Entry("observation", new { topic = "home-conditions", text = "Other" }), Reason = "Again" }));
        Assert.Contains(first.Id.ToString(), second.Message);
        Assert.Equal(1, await db.Entries.CountAsync(e => e.SupersedesEntryId == original.Id));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task The_database_refuses_to_change_or_delete_an_entry(Provider provider)
    {
        await using var f = await ChronologyFixture.CreateAsync(provider);
        await using var db = f.Database.Open();
        (await f.Service(db).RecordAsync(f.PartnershipId, f.Entry("observation", new { topic = "other", text = "Seen" }))).Unwrap();
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE entries SET narrative = 'changed'"));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM entries"));
        Assert.Equal(1, await db.Entries.CountAsync());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_retried_write_with_the_same_key_writes_once(Provider provider)
    {
        await using var f = await ChronologyFixture.CreateAsync(provider);
        await using var db = f.Database.Open();
        var input = f.Entry("home-visit", new { childSeen = true }, key: "visit-2015-02-02-1");
        var first = (await f.Service(db).RecordAsync(f.PartnershipId, input)).Unwrap();
        var retry = (await f.Service(db).RecordAsync(f.PartnershipId, input)).Unwrap();
        Assert.Equal(first.Id, retry.Id);
        Assert.Equal(1, await db.Entries.CountAsync());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_day_known_only_as_today_may_be_recorded_before_the_hour_a_day_is_stored_at(Provider provider)
    {
        await using var f = await ChronologyFixture.CreateAsync(provider);
        await using var db = f.Database.Open();
        // Twenty past eight in the morning (UK): "today" is stored at nine, as any day known only by its date is.
        var today = WorkingDayCalendar.UkDate(f.Clock.GetUtcNow()).AddDays(1);
        f.Clock.Set(new DateTimeOffset(today.ToDateTime(new TimeOnly(8, 20)), WorkingDayCalendar.UkTime.GetUtcOffset(today.ToDateTime(new TimeOnly(8, 20)))));
        var nine = new DateTimeOffset(today.ToDateTime(new TimeOnly(9, 0)), WorkingDayCalendar.UkTime.GetUtcOffset(today.ToDateTime(new TimeOnly(9, 0))));
        var observation = f.Entry("observation", new { topic = "other", text = "Seen at home" });

        Assert.True((await f.Service(db).RecordAsync(f.PartnershipId, observation with { OccurredAt = nine, OccurredPrecision = DatePrecision.Day })).Succeeded);
        // Said to have happened at nine exactly, it is forty minutes ahead; tomorrow is ahead whatever its precision.
        Assert.Equal("occurredAt", Assert.Single((await f.Service(db).RecordAsync(f.PartnershipId, observation with { OccurredAt = nine, OccurredPrecision = DatePrecision.Exact })).Errors).Field);
        Assert.Equal("occurredAt", Assert.Single((await f.Service(db).RecordAsync(f.PartnershipId, observation with { OccurredAt = nine.AddDays(1), OccurredPrecision = DatePrecision.Day })).Errors).Field);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Invalid_input_names_each_field_and_writes_nothing(Provider provider)
    {
        await using var f = await ChronologyFixture.CreateAsync(provider);
        await using var db = f.Database.Open();
        var input = f.Entry("injury", new { type = "bruise", site = "", description = "small" }) with
        {
            Subjects = [f.ChildId, Guid.NewGuid()],
            Source = Source.ReportedBy,
            OccurredAt = f.Clock.GetUtcNow().AddDays(2),
        };
        var outcome = await f.Service(db).RecordAsync(f.PartnershipId, input);
        var fields = outcome.Errors.Select(e => e.Field).ToHashSet();
        Assert.Equal(new HashSet<string> { "details.site", "subjects[1]", "sourceName", "occurredAt" }, fields);
        Assert.Equal(0, await db.Entries.CountAsync());
        Assert.Equal(0, await db.EntrySubjects.CountAsync());
    }

    [Theory]
    [InlineData("{\"type\":\"bruise\",\"description\":\"x\"}", "details.site")]
    [InlineData("{\"type\":\"sprain\",\"site\":\"arm\",\"description\":\"x\"}", "details.type")]
    [InlineData("{\"type\":\"bruise\",\"site\":\"arm\",\"description\":\"x\",\"colour\":\"blue\"}", "details.colour")]
    public void Details_errors_name_the_field(string json, string field)
    {
        var outcome = DetailsReader.Read(EntryKinds.Injury, System.Text.Json.JsonDocument.Parse(json).RootElement);
        Assert.Contains(field, outcome.Errors.Select(e => e.Field));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_change_of_address_becomes_the_agencys_current_address(Provider provider)
    {
        await using var f = await ChronologyFixture.CreateAsync(provider);
        await using var db = f.Database.Open();
        (await f.Service(db).RecordAsync(f.PartnershipId, f.Entry("address-change", new { newAddress = "1 New Street", localAuthority = "Bradford" }))).Unwrap();
        f.Clock.Advance(TimeSpan.FromDays(3));
        (await f.Service(db).RecordAsync(f.PartnershipId, f.Entry("address-change", new { newAddress = "2 Other Road", localAuthority = "Leeds" }))).Unwrap();
        var facts = await db.AddressFacts.OrderBy(a => a.RecordedAt).ToListAsync();
        Assert.Equal(2, facts.Count);
        Assert.NotNull(facts[0].To);
        Assert.Null(facts[1].To);
        Assert.Equal("2 Other Road", facts[1].Address);
    }
}

using Chronicle.Core.Learning;
using Chronicle.Core.Learning.Import;
using Chronicle.Core.Record;
using Chronicle.Core.Time;
using Chronicle.Testing;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Tests.Learning;

/// <summary>A draft's items may be corrected or removed while a person checks it; a confirmed review's may not.</summary>
public sealed class DraftEditingTests
{
    public static TheoryData<Provider> Providers => [Provider.Sqlite, Provider.Postgres];

    [Theory, MemberData(nameof(Providers))]
    public async Task A_draft_item_is_corrected_or_removed_with_its_links_until_the_review_is_confirmed(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new SimulatedClock(new DateTimeOffset(2021, 3, 1, 9, 0, 0, TimeSpan.Zero));
        await using var db = database.Open();
        var partnership = (await new RecordService(db, clock).CreatePartnershipAsync("Cumbria", "cumbria")).Unwrap().Id;
        var seed = SeedLibrary.All.Single(s => s.File.StartsWith("004", StringComparison.Ordinal));
        var draft = await DraftReviews.CreateAsync(db, clock, partnership, seed.Brief, seed.File);
        var service = new LearningService(db, clock);
        var finding = await db.ReviewItems.FirstAsync(i => i.ReviewId == draft.Id && i.Type == ReviewItemType.Finding && i.Number == "BF1");
        var lesson = await db.ReviewItems.FirstAsync(i => i.ReviewId == draft.Id && i.Type == ReviewItemType.Lesson && i.ParentItemId == finding.Id);

        var refused = await service.EditDraftItemAsync(partnership, finding.Id, "BF1", " ", ["no-such-theme"]);
        Assert.Equal(["text", "themes"], refused.Errors.Select(e => e.Field));
        var edited = (await service.EditDraftItemAsync(partnership, finding.Id, "BF1", "Parental engagement was not tested.", [Themes.EngagementAndDisguisedCompliance])).Unwrap();
        Assert.Equal(("Parental engagement was not tested.", "engagement-and-disguised-compliance"), (edited.Text, edited.Themes));

        Assert.True(await db.LessonSafeguards.AnyAsync(l => l.LessonItemId == lesson.Id));
        (await service.RemoveDraftItemAsync(partnership, lesson.Id)).Unwrap();
        (await service.RemoveDraftItemAsync(partnership, finding.Id)).Unwrap();
        Assert.False(await db.LessonSafeguards.AnyAsync(l => l.LessonItemId == lesson.Id));
        Assert.False(await db.ReviewItems.AnyAsync(i => i.Id == finding.Id || i.Id == lesson.Id));

        (await service.ConfirmDraftAsync(partnership, draft.Id)).Unwrap();
        var other = await db.ReviewItems.FirstAsync(i => i.ReviewId == draft.Id);
        Assert.Equal("itemId", Assert.Single((await service.EditDraftItemAsync(partnership, other.Id, null, "Changed", null)).Errors).Field);
        Assert.Equal("itemId", Assert.Single((await service.RemoveDraftItemAsync(partnership, other.Id)).Errors).Field);
        Assert.Equal("reviewId", Assert.Single((await service.DiscardDraftAsync(partnership, draft.Id)).Errors).Field);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_discarded_draft_leaves_nothing_behind(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new SimulatedClock(new DateTimeOffset(2021, 3, 1, 9, 0, 0, TimeSpan.Zero));
        await using var db = database.Open();
        var partnership = (await new RecordService(db, clock).CreatePartnershipAsync("Cumbria", "cumbria")).Unwrap().Id;
        var seed = SeedLibrary.All.Single(s => s.File.StartsWith("004", StringComparison.Ordinal));
        var draft = await DraftReviews.CreateAsync(db, clock, partnership, seed.Brief, seed.File);

        (await new LearningService(db, clock).DiscardDraftAsync(partnership, draft.Id)).Unwrap();

        Assert.Equal((0, 0, 0, 0), (await db.Reviews.CountAsync(), await db.ReviewItems.CountAsync(), await db.ResponseActions.CountAsync(), await db.LessonSafeguards.CountAsync()));
    }
}

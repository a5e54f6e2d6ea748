using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;
using Chronicle.Core.TeamAroundChild;
using Chronicle.Core.Tests.TeamAroundChild;
using Chronicle.Core.Time;
using Chronicle.Core.Validation;
using Chronicle.Testing;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Tests.Chronology;

/// <summary>
/// What cannot be about a child as they are is refused whatever path a signed-in writer takes (the API as the page): a
/// birth for a child already born, or for an adult, would rewrite who they are.
/// </summary>
public sealed class LifeStageTests
{
    public static TheoryData<Provider> Providers => [Provider.Sqlite, Provider.Postgres];

    [Theory, MemberData(nameof(Providers))]
    public async Task A_birth_is_recorded_only_for_a_child_not_yet_born(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        await using var db = w.Database.Open();
        var signedIn = new ChronologyService(db, w.Clock, [], new SignedInWriter());
        var bornOn = await db.People.AsNoTracking().Where(p => p.Id == w.F.Id).Select(p => p.DateOfBirth).SingleAsync();

        var born = await signedIn.RecordAsync(w.PartnershipId, Recording.Input(
            new Birth { ChildPersonId = w.F.Id, BornOn = new DateOnly(2015, 1, 2) }, w.HealthVisitor.Id, [w.F.Id], w.Clock.GetUtcNow(), null));
        Assert.Contains(born.Errors, e => e.Field == "kind" && e.Message.Contains("already born", StringComparison.Ordinal));
        Assert.Contains(born.Errors, e => e.Field == "details.childPersonId");

        var adult = await signedIn.RecordAsync(w.PartnershipId, Recording.Input(
            new Birth { ChildPersonId = w.Mother.Id, BornOn = new DateOnly(2015, 1, 2) }, w.HealthVisitor.Id, [w.Mother.Id], w.Clock.GetUtcNow(), null));
        Assert.Equal("details.childPersonId", Assert.Single(adult.Errors).Field);

        Assert.Equal(0, await db.Entries.CountAsync(e => e.Kind == "birth"));
        Assert.Equal(bornOn, await db.People.AsNoTracking().Where(p => p.Id == w.F.Id).Select(p => p.DateOfBirth).SingleAsync());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_family_entry_is_refused_only_when_it_fits_none_of_its_children_and_a_date_that_cannot_place_it_refuses_nothing(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        await using var db = w.Database.Open();
        var signedIn = new ChronologyService(db, w.Clock, [], new SignedInWriter());
        var unborn = new Person { Id = Guid.CreateVersion7(), PartnershipId = w.PartnershipId, Kind = PersonKind.UnbornChild, GivenName = "Unborn", FamilyName = "Child", CreatedAt = w.Clock.GetUtcNow() };
        db.People.Add(unborn);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        var now = w.Clock.GetUtcNow();

        // An antenatal assessment of the family names the unborn child and the born one: it fits the unborn child.
        Assert.True((await signedIn.RecordAsync(w.PartnershipId, Recording.Input(new AssessmentStarted { Type = AssessmentType.Antenatal }, w.HealthVisitor.Id, [unborn.Id, w.F.Id], now, null))).Succeeded);
        // About the born child alone, on a day after the birth, it cannot be; on a day before it, or in a month or year the
        // birth falls in, or with no date, it can.
        var after = await signedIn.RecordAsync(w.PartnershipId, Recording.Input(new AssessmentStarted { Type = AssessmentType.Antenatal }, w.HealthVisitor.Id, [w.F.Id], now, null));
        Assert.Equal("details.type", Assert.Single(after.Errors).Field);
        var mid = new Person
        {
            Id = Guid.CreateVersion7(), PartnershipId = w.PartnershipId, Kind = PersonKind.Child, GivenName = "Born", FamilyName = "Mid-month",
            DateOfBirth = new DateOnly(2014, 3, 15), DateOfBirthPrecision = DatePrecision.Day, CreatedAt = now,
        };
        db.People.Add(mid);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        var cases = new (DateTimeOffset? At, DatePrecision? Precision, bool Refused)[]
        {
            (new DateTimeOffset(2014, 3, 13, 12, 0, 0, TimeSpan.Zero), DatePrecision.Day, false),
            (new DateTimeOffset(2014, 3, 20, 12, 0, 0, TimeSpan.Zero), DatePrecision.Month, false),
            (new DateTimeOffset(2014, 6, 1, 12, 0, 0, TimeSpan.Zero), DatePrecision.Year, false),
            (null, DatePrecision.Unknown, false),
            (new DateTimeOffset(2014, 4, 10, 12, 0, 0, TimeSpan.Zero), DatePrecision.Month, true),
        };
        foreach (var (at, precision, refused) in cases)
        {
            var input = Recording.Input(new AssessmentStarted { Type = AssessmentType.Antenatal }, w.HealthVisitor.Id, [mid.Id], now, null) with { OccurredAt = at, OccurredPrecision = precision };
            var outcome = await signedIn.RecordAsync(w.PartnershipId, input);
            Assert.True(outcome.Succeeded != refused, $"{at:yyyy-MM-dd} ({precision}): {string.Join("; ", outcome.Errors.Select(e => e.Message))}");
        }

        // A birth for the unborn child, naming the older sibling too, is recorded.
        var birth = await signedIn.RecordAsync(w.PartnershipId, Recording.Input(new Birth { ChildPersonId = unborn.Id, BornOn = WorkingDayCalendar.UkDate(now) }, w.HealthVisitor.Id, [unborn.Id, w.F.Id], now, null));
        Assert.True(birth.Succeeded, string.Join("; ", birth.Errors.Select(e => e.Message)));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_correction_into_a_birth_or_a_births_correction_naming_another_child_is_asked_as_a_new_birth_is(Provider provider)
    {
        await using var w = await TeamWorld.CreateAsync(provider);
        await using var db = w.Database.Open();
        var signedIn = new ChronologyService(db, w.Clock, [], new SignedInWriter());
        var now = w.Clock.GetUtcNow();
        var unborn = new Person { Id = Guid.CreateVersion7(), PartnershipId = w.PartnershipId, Kind = PersonKind.UnbornChild, GivenName = "Unborn", FamilyName = "Child", CreatedAt = now };
        db.People.Add(unborn);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        var observation = (await signedIn.RecordAsync(w.PartnershipId, Recording.Input(new Observation { Topic = ObservationTopic.Other, Text = "Seen at home" }, w.HealthVisitor.Id, [w.F.Id], now, null))).Unwrap();
        var birth = (await signedIn.RecordAsync(w.PartnershipId, Recording.Input(new Birth { ChildPersonId = unborn.Id, BornOn = new DateOnly(2015, 2, 1) }, w.HealthVisitor.Id, [unborn.Id], now, null))).Unwrap();
        var bornOn = (await db.People.AsNoTracking().SingleAsync(p => p.Id == w.F.Id, TestContext.Current.CancellationToken)).DateOfBirth;

        var otherKind = await signedIn.CorrectAsync(w.PartnershipId, observation.Id, new CorrectionInput
        {
            Entry = Recording.Input(new Birth { ChildPersonId = w.F.Id, BornOn = new DateOnly(2015, 1, 2) }, w.HealthVisitor.Id, [w.F.Id], now, null), Reason = "Wrong kind",
        });
        Assert.Contains(otherKind.Errors, e => e.Field == "entry.kind" && e.Message.Contains("already born", StringComparison.Ordinal));
        Assert.Contains(otherKind.Errors, e => e.Field == "entry.details.childPersonId");
        var anotherChild = await signedIn.CorrectAsync(w.PartnershipId, birth.Id, new CorrectionInput
        {
            Entry = Recording.Input(new Birth { ChildPersonId = w.F.Id, BornOn = new DateOnly(2015, 1, 2) }, w.HealthVisitor.Id, [w.F.Id], now, null), Reason = "Wrong child",
        });
        Assert.Contains(anotherChild.Errors, e => e.Field == "entry.details.childPersonId");
        // The birth's own correction (its day) is recorded: its child is born by it.
        Assert.True((await signedIn.CorrectAsync(w.PartnershipId, birth.Id, new CorrectionInput
        {
            Entry = Recording.Input(new Birth { ChildPersonId = unborn.Id, BornOn = new DateOnly(2015, 2, 2) }, w.HealthVisitor.Id, [unborn.Id], now, null), Reason = "Born after midnight",
        })).Succeeded);
        Assert.Equal(bornOn, (await db.People.AsNoTracking().SingleAsync(p => p.Id == w.F.Id, TestContext.Current.CancellationToken)).DateOfBirth);
    }
}
